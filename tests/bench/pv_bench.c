// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the P_Key paravirtualization logic: SMP snoop cost per MAD
 * with 8 and 79 active VFs (reverse map vs. upstream's scan of every
 * slave's table), and guest QP rewrite cost per change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlxsim/pkey.h"
#include "mlxsim/qp.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static volatile unsigned long sink;

/* Upstream smp_snoop: for each slave, each index, is it a changed entry? */
static unsigned int scan_notify(const struct mlxsim_pkey_tables *t, u32 port,
				u32 changed, u32 block)
{
	unsigned int s, i, n = 0;
	u32 phys;

	for (s = 1; s <= t->vfs; s++) {
		if (!mlxsim_pkey_active(t, s))
			continue;
		for (i = 0; i < t->pkeys; i++) {
			phys = t->v2p[s][port - 1][i];
			if (phys / 32 == block && (changed & (1U << (phys % 32)))) {
				n++;
				break;
			}
		}
	}
	return n;
}

static void bench_snoop(u32 vfs, unsigned int nchange, double *rev, double *scan)
{
	struct mlxsim_pkey_tables *t = malloc(sizeof(*t));
	struct mlxsim_snoop r;
	const int iters = 200000;
	u16 block[32];
	double t0;
	u32 s, i;
	int it;

	mlxsim_pkey_tables_init(t, vfs, 2, 128);
	srand(1);
	for (s = 1; s <= vfs; s++)
		for (i = 1; i < 9; i++) {
			struct mlxsim_remap m = {
				.slave = s, .index = i, .phys = rand() % 127,
			};
			mlxsim_pkey_remap(t, 1, &m);
		}
	memcpy(block, &t->cache[0][32], sizeof(block));
	t0 = now_ns();
	for (it = 0; it < iters; it++) {
		for (i = 0; i < nchange; i++)
			block[i] = 0x8000 | (it & 1) | (i << 4);
		mlxsim_pkey_snoop(t, 1, 1, block, &r);
		sink += r.notify[0];
	}
	*rev = (now_ns() - t0) / iters;
	t0 = now_ns();
	for (it = 0; it < iters; it++) {
		/* the cache update part is identical; time the slave search */
		sink += scan_notify(t, 1, (1U << nchange) - 1, 1);
	}
	*scan = (now_ns() - t0) / iters;
	free(t);
}

static double bench_qp(void)
{
	struct mlxsim_pkey_tables *t = malloc(sizeof(*t));
	static const u8 ops[] = {
		MLXSIM_QP_RST2INIT, MLXSIM_QP_INIT2RTR, MLXSIM_QP_RTR2RTS,
		MLXSIM_QP_RTS2RTS, MLXSIM_QP_2RST,
	};
	struct mlxsim_qp_ctx hw = {
		.state = MLXSIM_QPS_RST, .type = MLXSIM_QPT_UD, .port = 1,
	};
	struct mlxsim_qp_attrs g = {
		.qpn = 0x1000, .type = MLXSIM_QPT_UD, .port = 1,
		.present = MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT | MLXSIM_QPA_PKEY |
			   MLXSIM_QPA_MGID | MLXSIM_QPA_QKEY,
		.qkey = 0x1234,
	}, out;
	struct mlxsim_qp_env env = { .slave = 5, .ports = 2, .pkeys = 128 };
	enum mlxsim_qp_reject why;
	const int iters = 1000000;
	double t0;
	int it;

	mlxsim_pkey_tables_init(t, 79, 2, 128);
	env.v2p = t->v2p[5];
	t0 = now_ns();
	for (it = 0; it < iters; it++) {
		g.op = ops[it % 5];
		g.pkey_index = it & 7;
		if (mlxsim_qp_paravirt(&env, &hw, &g, &out, &why) ||
		    mlxsim_qp_fw_modify(&hw, &out, 2, 128))
			abort();
		sink += out.pkey_index;
	}
	free(t);
	return (now_ns() - t0) / iters;
}

int main(void)
{
	double r8, s8, r79, s79, r79m, s79m, qp;

	bench_snoop(8, 1, &r8, &s8);	/* warm-up */
	bench_snoop(8, 1, &r8, &s8);
	bench_snoop(79, 1, &r79, &s79);
	bench_snoop(79, 32, &r79m, &s79m);
	qp = bench_qp();
	printf("pv snoop, 1 changed entry, 8 active VFs:   %7.1f ns/MAD (upstream-style scan of the slaves: %7.1f ns)\n", r8, s8);
	printf("pv snoop, 1 changed entry, 79 active VFs:  %7.1f ns/MAD (scan: %7.1f ns)\n", r79, s79);
	printf("pv snoop, 32 changed entries, 79 VFs:      %7.1f ns/MAD (scan: %7.1f ns)\n", r79m, s79m);
	printf("pv snoop cost ratio 79/8 VFs: reverse map %.2fx, scan %.2fx\n",
	       r79 / r8, s79 / s8);
	printf("pv guest QP rewrite + firmware: %.1f ns/change\n", qp);
	return 0;
}
