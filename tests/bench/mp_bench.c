// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of multiport partner lookup: add N functions (half masters,
 * half slaves, random order) through the shared state machine, with the
 * (GUID, type) hash index and with a single chain (upstream's list walk),
 * side by side.  Prints figures; not a pass/fail test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlxsim/mp.h"

#define HASH_BITS 12	/* as the module */
#define REPS 5

struct bfn {
	struct mlxsim_mp_node n;
	u32 roce_users;
};

static int b_roce(void *ctx, struct mlxsim_mp_node *n, bool en)
{
	return 0;
}

static int b_aff(void *ctx, struct mlxsim_mp_node *s, u32 vhca, u32 crit)
{
	return 0;
}

static void b_port_set(void *ctx, struct mlxsim_mp_node *m, u32 port,
		       struct mlxsim_mp_node *s)
{
}

static u32 b_drain(void *ctx, struct mlxsim_mp_node *m, u32 port)
{
	return 0;
}

static const struct mlxsim_mp_ops b_ops = {
	.roce_set = b_roce,
	.affiliation_set = b_aff,
	.port_set = b_port_set,
	.port_drain = b_drain,
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static u32 rng = 12345;

static u32 rnd(void)
{
	rng = rng * 1103515245 + 12345;
	return rng >> 8;
}

/* ns per add, best of REPS; *bound counts the pairs that bound. */
static double run(u32 n, u32 bits, u32 *bound)
{
	struct mlxsim_mp_link *m = calloc(1u << bits, sizeof(*m));
	struct mlxsim_mp_link *w = calloc(1u << bits, sizeof(*w));
	struct bfn *f = calloc(n, sizeof(*f));
	u32 *order = calloc(n, sizeof(*order));
	struct mlxsim_mp_index idx;
	double best = 1e30;
	u32 i, r;

	for (r = 0; r < REPS; r++) {
		double t0, t;

		for (i = 0; i < n; i++)
			order[i] = i;
		for (i = n - 1; i > 0; i--) {
			u32 j = rnd() % (i + 1), tmp = order[i];

			order[i] = order[j];
			order[j] = tmp;
		}
		mlxsim_mp_index_init(&idx, m, w, bits);
		for (i = 0; i < n; i++) {
			bool master = !(i & 1);

			mlxsim_mp_node_init(&f[i].n, i,
					    0x0002c90300000000ULL + i / 2,
					    MLXSIM_FN_PF,
					    master ? MLXSIM_ROLE_MASTER :
						     MLXSIM_ROLE_SLAVE,
					    master ? 1 : 2, master ? 2 : 0);
			f[i].n.vhca_id = i + 1;
			f[i].n.criteria = 1;
			f[i].roce_users = 0;
			f[i].n.roce_users = &f[i].roce_users;
		}
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			struct mlxsim_mp_node *x = &f[order[i]].n;

			if (x->role == MLXSIM_ROLE_MASTER)
				mlxsim_mp_master_add(&idx, &b_ops, NULL, x);
			else
				mlxsim_mp_slave_add(&idx, &b_ops, NULL, x);
		}
		t = (now_ns() - t0) / n;
		if (t < best)
			best = t;
		*bound = 0;
		for (i = 1; i < n; i += 2)
			*bound += f[i].n.state == MLXSIM_MP_BOUND;
		for (i = 0; i < n; i++) {
			struct mlxsim_mp_node *x = &f[order[i]].n;

			if (x->role == MLXSIM_ROLE_MASTER)
				mlxsim_mp_master_remove(&idx, &b_ops, NULL, x);
		}
		for (i = 0; i < n; i++)
			if (f[i].n.role == MLXSIM_ROLE_SLAVE)
				mlxsim_mp_slave_remove(&idx, &b_ops, NULL,
						       &f[i].n);
	}
	free(m);
	free(w);
	free(f);
	free(order);
	return best;
}

int main(void)
{
	static const u32 sizes[] = { 512, 8192 };
	static const struct { const char *name; u32 bits; } modes[] = {
		{ "hash (GUID,type), 4096 buckets", HASH_BITS },
		{ "linear list walk (upstream)", 0 },
	};
	u32 mi, si, bound;

	printf("mlxsim multiport add benchmark: N functions, half masters, ");
	printf("half slaves, random order, best of %d\n", REPS);
	for (mi = 0; mi < 2; mi++) {
		double ns[2];

		for (si = 0; si < 2; si++) {
			ns[si] = run(sizes[si], modes[mi].bits, &bound);
			printf("  %-32s N=%-5u %9.1f ns/add  (%u/%u slaves bound)\n",
			       modes[mi].name, sizes[si], ns[si], bound,
			       sizes[si] / 2);
		}
		printf("  %-32s ratio N=8192/N=512: %.2f\n", modes[mi].name,
		       ns[1] / ns[0]);
	}
	return 0;
}
