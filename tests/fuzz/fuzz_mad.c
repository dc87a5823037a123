// SPDX-License-Identifier: GPL-2.0
/*
 * The MAD path of port<P>/mad (logic/mad.c, smp_snoop.c, pkey.c): decode
 * any 256 bytes, let the simulated firmware execute them, and snoop an
 * accepted SubnSet(PKeyTable) into the P_Key cache.  The decode must be
 * the inverse of the encode on every field it reads, the firmware must
 * follow IBA's status rules and change a table only on an accepted SET,
 * and the cache must mirror the firmware's table afterwards.
 *
 * Input: port, ports, pkeys, vfs; then MADs of 256 bytes each; whatever
 * is left is decoded as a short MAD (refused).
 */
#include "mlxsim/mad.h"
#include "mlxsim/pkey.h"
#include "fuzz.h"

static struct mlxsim_pkey_phys phys;
static struct mlxsim_pkey_tables tabs;

/* The status the firmware owes, from the IBA rules alone. */
static u16 want_status(const struct mlxsim_smp *in, u32 port)
{
	u32 blocks = phys.pkeys / MLXSIM_PKEY_BLOCK, block;

	if (in->base_version != 1 || in->class_version != 1 ||
	    (in->mgmt_class != 0x01 && in->mgmt_class != 0x81))
		return MLXSIM_MAD_STATUS_BAD_VERSION;
	if (in->method != 0x01 && in->method != 0x02)
		return MLXSIM_MAD_STATUS_UNSUP_METHOD;
	if (in->attr_id != 0x0016)
		return MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR;
	block = in->attr_mod & 0xffff;
	if (port < 1 || port > phys.ports || block >= blocks)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	if (in->method == 0x02 && phys.reserve_last && block == blocks - 1 &&
	    in->pkeys[MLXSIM_PKEY_BLOCK - 1])
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	return MLXSIM_MAD_STATUS_OK;
}

static u32 be(const u8 *p, int n)
{
	u32 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void check_codec(const u8 *mad, const struct mlxsim_smp *s)
{
	struct mlxsim_smp again;
	u8 out[MLXSIM_MAD_BYTES];
	int i;

	FZ_CHECK(s->base_version == mad[0] && s->mgmt_class == mad[1] &&
		 s->class_version == mad[2] && s->method == mad[3] &&
		 s->status == be(mad + 4, 2) && s->attr_id == be(mad + 16, 2) &&
		 s->attr_mod == be(mad + 20, 4) &&
		 s->tid == ((u64)be(mad + 8, 4) << 32 | be(mad + 12, 4)),
		 "header decode");
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		FZ_CHECK(s->pkeys[i] == be(mad + 64 + 2 * i, 2), "pkey %d", i);
	mlxsim_mad_build(out, s);
	/* the fields read come back; reserved ones are zero */
	FZ_CHECK(!memcmp(out, mad, 6) && !memcmp(out + 8, mad + 8, 10) &&
		 !memcmp(out + 20, mad + 20, 4) &&
		 !memcmp(out + 64, mad + 64, 64), "encode differs");
	for (i = 0; i < MLXSIM_MAD_BYTES; i++)
		if ((i >= 6 && i < 8) || (i >= 18 && i < 20) ||
		    (i >= 24 && i < 64) || i >= 128)
			FZ_CHECK(!out[i], "reserved byte %d", i);
	/* field by field: the struct has padding */
	FZ_CHECK(!mlxsim_mad_parse(out, sizeof(out), &again) &&
		 again.base_version == s->base_version &&
		 again.mgmt_class == s->mgmt_class &&
		 again.class_version == s->class_version &&
		 again.method == s->method && again.status == s->status &&
		 again.attr_id == s->attr_id && again.attr_mod == s->attr_mod &&
		 again.tid == s->tid &&
		 !memcmp(again.pkeys, s->pkeys, sizeof(s->pkeys)),
		 "decode(encode) differs");
}

static void one_mad(const u8 *mad, u32 port)
{
	struct mlxsim_smp in, resp;
	struct mlxsim_snoop r;
	u16 before[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS], status, want;
	u32 block, p, i, s;
	bool set;

	memset(&in, 0, sizeof(in));
	FZ_CHECK(!mlxsim_mad_parse(mad, MLXSIM_MAD_BYTES, &in), "256 refused");
	check_codec(mad, &in);

	memcpy(before, phys.pkey, sizeof(before));
	want = want_status(&in, port);
	status = mlxsim_smp_fw_exec(&phys, port, &in, &resp);
	FZ_CHECK(status == want, "status %#x want %#x", status, want);
	FZ_CHECK(resp.status == status &&
		 resp.method == MLXSIM_MAD_METHOD_GET_RESP &&
		 resp.tid == in.tid && resp.attr_id == in.attr_id &&
		 resp.attr_mod == in.attr_mod, "response header");
	block = mlxsim_smp_pkey_block(&in);
	set = status == MLXSIM_MAD_STATUS_OK && in.method == 0x02;
	/* only an accepted SET changes a table, and only its block */
	for (p = 0; p < MLXSIM_MAX_PORTS; p++)
		for (i = 0; i < MLXSIM_MAX_PKEYS; i++) {
			bool mine = set && p == port - 1 &&
				    i / MLXSIM_PKEY_BLOCK == block;

			FZ_CHECK(phys.pkey[p][i] == (mine ?
				 in.pkeys[i % MLXSIM_PKEY_BLOCK] : before[p][i]),
				 "port %u entry %u", p + 1, i);
		}
	if (status == MLXSIM_MAD_STATUS_OK)
		FZ_CHECK(!memcmp(resp.pkeys, &phys.pkey[port - 1][block * 32],
				 sizeof(resp.pkeys)), "response data");
	if (phys.reserve_last)
		for (p = 0; p < phys.ports; p++)
			FZ_CHECK(!phys.pkey[p][phys.pkeys - 1], "reserved entry");

	FZ_CHECK(mlxsim_smp_is_pkey_set(&in, status) == set, "snoop filter");
	if (!set || !tabs.vfs)
		return;
	mlxsim_pkey_snoop(&tabs, port, block, in.pkeys, &r);
	FZ_CHECK(!memcmp(tabs.cache[port - 1], phys.pkey[port - 1],
			 phys.pkeys * sizeof(u16)), "cache differs from firmware");
	FZ_CHECK(r.master_event == !!r.changed, "master event");
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		FZ_CHECK(!!(r.changed & (1U << i)) ==
			 (before[port - 1][block * 32 + i] != in.pkeys[i]),
			 "changed bit %u", i);
	/* the defaults: every VF maps index 0 to entry 0 */
	for (s = 1; s <= tabs.vfs; s++)
		FZ_CHECK(test_bit(s, r.notify) == (block == 0 && (r.changed & 1)),
			 "vf %u notified", s);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_smp smp;
	u32 port, ports, pkeys, vfs;
	struct fz f;
	u8 *buf;

	fz_init(&f, data, size);
	port = fz_below(&f, 4);		/* 0 and 3 are never a port */
	ports = 1 + fz_below(&f, MLXSIM_MAX_PORTS);
	pkeys = MLXSIM_PKEY_BLOCK * (1 + fz_below(&f, 4));
	vfs = fz_below(&f, 9);
	mlxsim_pkey_phys_init(&phys, ports, pkeys, vfs > 0);
	mlxsim_pkey_tables_init(&tabs, vfs, ports, pkeys);
	while (f.n >= MLXSIM_MAD_BYTES) {
		buf = malloc(MLXSIM_MAD_BYTES);
		memcpy(buf, f.p, MLXSIM_MAD_BYTES);
		one_mad(buf, port);
		free(buf);
		f.p += MLXSIM_MAD_BYTES;
		f.n -= MLXSIM_MAD_BYTES;
	}
	/* a short MAD is refused before any byte is read */
	buf = malloc(f.n + 1);
	memcpy(buf, f.p, f.n);
	FZ_CHECK(mlxsim_mad_parse(buf, f.n, &smp) == -EINVAL, "short MAD");
	free(buf);
	return 0;
}
