// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful target of P_Key paravirtualization (logic/pkey.c, smp_snoop.c,
 * mad.c, qp_paravirt.c, qp_state.c).  The input is a program of SMPs from
 * the Subnet Manager (encoded, decoded, executed by the firmware and, if
 * accepted, snooped), virt2phys writes as text, VF activations and guest
 * QP changes, on one SR-IOV device.  A model kept here (the firmware's
 * table, each VF's map) is the reference; after every step:
 *
 *   - the cache equals the firmware's table equals the model's, and the
 *     reserved last entry stays 0;
 *   - every VF's view is the cache through its map, the master's map is
 *     1:1, the reverse map is exact, and a snoop notifies exactly the
 *     active VFs whose view changed;
 *   - an accepted QP change of a VF loads the hardware with the entry its
 *     map gives for the guest's index, so no VF reaches an entry it was
 *     not mapped to -- on the primary path, and on the alternate path
 *     (alt_pkey_index through the alternate port's map) with
 *     FUZZ_CHECK_ALT.
 */
#include "mlxsim/mad.h"
#include "mlxsim/pkey.h"
#include "mlxsim/qp.h"
#include "fuzz.h"

#ifndef FUZZ_CHECK_ALT
#define FUZZ_CHECK_ALT 1
#endif

#define QVFS 8			/* VFs that run QPs */
#define QSLOTS 4
#define MAX_OPS 128

struct qp {
	bool exists;
	struct mlxsim_qp_ctx guest, hw;
};

static struct mlxsim_pkey_tables t;
static struct mlxsim_pkey_phys phys;
static u16 mcache[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];
static u8 mv2p[MLXSIM_MAX_SLAVES][MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];
static bool mactive[MLXSIM_MAX_SLAVES];
static struct qp qps[QVFS + 1][QSLOTS];
static u32 steps;
static bool remapped;

FZ_NOCOV static bool model_maps(u32 s, u32 port, u32 phys_idx)
{
	u32 i;

	for (i = 0; i < t.pkeys; i++)
		if (mv2p[s][port - 1][i] == phys_idx)
			return true;
	return false;
}

FZ_NOCOV static u16 model_view(u32 s, u32 port, u32 i)
{
	return mcache[port - 1][mv2p[s][port - 1][i]];
}

FZ_NOCOV static void check_world(void)
{
	static bool mrev[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS][MLXSIM_MAX_SLAVES];
	u32 s, p, i;

	steps++;
	/* the reverse map by brute force, one pass over the model */
	memset(mrev, 0, sizeof(mrev));
	for (s = 1; s <= t.vfs; s++)
		for (p = 0; p < t.ports; p++)
			for (i = 0; i < t.pkeys; i++)
				mrev[p][mv2p[s][p][i]][s] = true;

	for (p = 1; p <= t.ports; p++) {
		for (i = 0; i < t.pkeys; i++) {
			FZ_CHECK(t.cache[p - 1][i] == mcache[p - 1][i] &&
				 phys.pkey[p - 1][i] == mcache[p - 1][i],
				 "port %u entry %u: cache %#x fw %#x model %#x",
				 p, i, t.cache[p - 1][i], phys.pkey[p - 1][i],
				 mcache[p - 1][i]);
			FZ_CHECK(t.v2p[0][p - 1][i] == i, "master row moved");
			FZ_CHECK(!test_bit(0, t.rev[p - 1][i]), "master in rev");
		}
		FZ_CHECK(!mcache[p - 1][t.pkeys - 1], "reserved entry set");
		for (s = 1; s <= t.vfs; s++)
			for (i = 0; i < t.pkeys; i++) {
				FZ_CHECK(t.v2p[s][p - 1][i] == mv2p[s][p - 1][i],
					 "vf %u port %u index %u: map %u model %u",
					 s, p, i, t.v2p[s][p - 1][i],
					 mv2p[s][p - 1][i]);
				/*
				 * cache and map equal the model's, so every
				 * view does; the logic's own accessor is
				 * checked on a rotating eighth, for speed
				 */
				FZ_CHECK(((i ^ s) & 7) != (steps & 7) ||
					 mlxsim_pkey_guest(&t, s, p, i) ==
					 model_view(s, p, i), "vf %u view", s);
				/* reverse map, brute force: phys i of vf s */
				FZ_CHECK(test_bit(s, t.rev[p - 1][i]) ==
					 mrev[p - 1][i][s],
					 "rev port %u entry %u vf %u", p, i, s);
			}
	}
	for (s = 0; s < MLXSIM_MAX_SLAVES; s++)
		FZ_CHECK(mlxsim_pkey_active(&t, s) == mactive[s], "active %u", s);
}

/*
 * Did VF @s's view of @port change, @changed being the entries of @block
 * whose value changed?  The same as comparing every view before and
 * after, as the maps do not move: a view changes iff its entry did.
 */
FZ_NOCOV static bool model_view_changed(u32 s, u32 port, u32 block,
					u32 changed)
{
	u32 i, e;

	for (i = 0; s && s <= t.vfs && i < t.pkeys; i++) {
		e = mv2p[s][port - 1][i];
		if (e / 32 == block && (changed & (1U << (e % 32))))
			return true;
	}
	return false;
}

static u16 pkey_value(u8 b)
{
	static const u16 alphabet[] = { 0, 0xffff, 0x7fff, 0x8001, 0x0001,
					0x8002, 0x0002 };

	return b < 0xe0 ? alphabet[b % ARRAY_SIZE(alphabet)] : 0x8000 | b;
}

/* An SMP from the SM: the firmware executes it, the driver snoops it. */
static void op_smp(struct fz *f)
{
	u8 sel = fz_u8(f), mad[MLXSIM_MAD_BYTES];
	u32 blocks = t.pkeys / MLXSIM_PKEY_BLOCK, port, block, k, s, i, e;
	struct mlxsim_smp in = { 0 }, dec, resp;
	struct mlxsim_snoop r;
	bool ok, view_changed;
	u32 changed = 0;
	u16 status;

	port = sel & 0x80 ? fz_below(f, 4) : 1 + fz_below(f, t.ports);
	block = sel & 0x40 ? fz_below(f, 5) : fz_below(f, blocks);
	in.base_version = sel & 0x20 && !(sel & 1) ? 2 : 1;
	in.class_version = 1;
	in.mgmt_class = sel & 2 ? MLXSIM_MGMT_CLASS_SMI_DR :
			sel & 0x20 && (sel & 4) ? 0x04 : MLXSIM_MGMT_CLASS_SMI;
	in.method = sel & 0x10 ? MLXSIM_MAD_METHOD_GET :
		    sel & 0x20 && (sel & 8) ? 0x05 : MLXSIM_MAD_METHOD_SET;
	in.attr_id = sel & 0x20 && (sel & 0x10) ? 0x0015 : MLXSIM_ATTR_PKEY_TABLE;
	in.attr_mod = block;
	in.tid = fz_u8(f);
	/* start from the firmware's block, change a few entries */
	if (port >= 1 && port <= t.ports && block < blocks)
		memcpy(in.pkeys, &phys.pkey[port - 1][block * 32],
		       sizeof(in.pkeys));
	for (k = fz_below(f, 8); k; k--) {
		e = fz_below(f, 32);
		in.pkeys[e] = pkey_value(fz_u8(f));
	}
	if (block == blocks - 1 && !(fz_u8(f) & 3))
		in.pkeys[31] = 0;	/* mostly a SET the firmware takes */

	mlxsim_mad_build(mad, &in);
	FZ_CHECK(!mlxsim_mad_parse(mad, sizeof(mad), &dec), "decode");
	status = mlxsim_smp_fw_exec(&phys, port, &dec, &resp);
	ok = in.base_version == 1 && in.mgmt_class != 0x04 &&
	     in.method == MLXSIM_MAD_METHOD_SET &&
	     in.attr_id == MLXSIM_ATTR_PKEY_TABLE && port >= 1 &&
	     port <= t.ports && block < blocks &&
	     !(block == blocks - 1 && in.pkeys[31]);
	FZ_CHECK(mlxsim_smp_is_pkey_set(&dec, status) == ok,
		 "SET taken %u, model says %u (status %#x)", !ok, ok, status);
	if (!ok)
		return;

	/* the entries whose value changes, by the model */
	for (i = 0; i < 32; i++)
		if (mcache[port - 1][block * 32 + i] != in.pkeys[i])
			changed |= 1U << i;
	memcpy(&mcache[port - 1][block * 32], in.pkeys, sizeof(in.pkeys));
	mlxsim_pkey_snoop(&t, port, block, dec.pkeys, &r);
	FZ_CHECK(r.block == block, "block");
	for (i = 0; i < 32; i++)
		FZ_CHECK(!!(r.changed & (1U << i)) == (r.old[i] != r.new[i]) &&
			 r.new[i] == in.pkeys[i], "changed bit %u", i);
	FZ_CHECK(r.master_event == !!r.changed, "master event");
	/* exactly the active VFs whose view changed hear of it */
	for (s = 0; s < MLXSIM_MAX_SLAVES; s++) {
		view_changed = model_view_changed(s, port, block, changed);
		FZ_CHECK(test_bit(s, r.notify) == (mactive[s] && view_changed),
			 "vf %u notified %u, view changed %u, active %u", s,
			 test_bit(s, r.notify), view_changed, mactive[s]);
	}
}

/* A virt2phys write, as text (port<P>/virt2phys). */
static void op_remap(struct fz *f)
{
	char buf[64], bad[MLXSIM_TOKEN_MAX];
	u8 sel = fz_u8(f);
	u32 port = 1 + fz_below(f, t.ports), s, idx, ph, old;
	struct mlxsim_remap r;
	bool none, valid;
	int n, err;

	s = sel & 0x80 ? fz_below(f, t.vfs + 2) : 1 + fz_below(f, t.vfs);
	idx = sel & 0x40 ? fz_below(f, t.pkeys + 2) : fz_below(f, t.pkeys);
	none = (sel & 0x30) == 0x30;
	ph = sel & 0x08 ? fz_below(f, t.pkeys + 2) : fz_below(f, t.pkeys);
	n = snprintf(buf, sizeof(buf), "%s%u %s%u %s%s", sel & 1 ? " " : "",
		     s, sel & 2 ? "0x" : "", idx, none ? "none" : "",
		     sel & 4 ? "\n" : "");
	if (!none)
		n = snprintf(buf, sizeof(buf), "%s%u %s%u %u%s",
			     sel & 1 ? " " : "", s, sel & 2 ? "0x" : "", idx,
			     ph, sel & 4 ? "\n" : "");
	if (sel & 2) {
		/* the index in hex */
		n = snprintf(buf, sizeof(buf), "%u 0x%x %s", s, idx,
			     none ? "none" : "");
		if (!none)
			n += snprintf(buf + n, sizeof(buf) - n, "%u", ph);
	}
	if (none)
		ph = t.pkeys - 1;
	valid = s >= 1 && s <= t.vfs && idx < t.pkeys && ph < t.pkeys;
	err = mlxsim_pkey_remap_parse(&t, buf, n, &r, bad, sizeof(bad));
	FZ_CHECK(!err == valid, "remap '%s': %d", buf, err);
	if (err)
		return;
	FZ_CHECK(r.slave == s && r.index == idx && r.phys == ph, "parsed");
	old = mlxsim_pkey_remap(&t, port, &r);
	FZ_CHECK(old == mv2p[s][port - 1][idx], "old %u", old);
	mv2p[s][port - 1][idx] = ph;
	remapped = true;
}

FZ_NOCOV static bool mapped(u32 s, u32 port, u16 e)
{
	return e < t.pkeys && model_maps(s, port, e);
}

/* A guest QP change, as the driver runs it (pv_qp.c). */
static void op_qp(struct fz *f)
{
	u32 s = 1 + fz_below(f, min(t.vfs, (u32)QVFS)), slot = fz_below(f, QSLOTS);
	struct qp *qp = &qps[s][slot];
	struct mlxsim_qp_env env = {
		.slave = s, .ports = t.ports, .pkeys = t.pkeys, .vfs = t.vfs,
		.v2p = t.v2p[s],
	};
	struct mlxsim_qp_attrs g = { 0 }, hw;
	struct mlxsim_qp_ctx hwc;
	enum mlxsim_qp_reject why;
	u8 sel = fz_u8(f);
	u16 want;

	/* slots 0-1 regular QPs, 2-3 the VF's own proxy SMI/GSI */
	g.qpn = slot < 2 ? 0x100 + slot :
		MLXSIM_BASE_PROXY_SQPN + 8 * s + 2 * (slot - 2);
	g.op = qp->exists && (sel & 0x80) ? fz_below(f, MLXSIM_NUM_QP_TRANSITIONS) :
	       qp->exists ? 1 + fz_below(f, 4) : MLXSIM_QP_RST2INIT;
	if (sel & 1) {
		g.present |= MLXSIM_QPA_TYPE;
		g.type = slot < 2 ? fz_below(f, 3) : MLXSIM_QPT_SMI + slot - 2;
	}
	if (sel & 2) {
		g.present |= MLXSIM_QPA_PORT;
		g.port = 1 + fz_below(f, t.ports);
	}
	if (sel & 4) {
		g.present |= MLXSIM_QPA_PKEY;
		g.pkey_index = fz_below(f, t.pkeys + 1);
	}
	if (sel & 8) {
		g.present |= MLXSIM_QPA_ALT_PKEY;
		g.alt_pkey_index = fz_below(f, t.pkeys + 1);
	}
	if (sel & 0x10) {
		g.present |= MLXSIM_QPA_OPTPAR;
		g.optpar = fz_below(f, 4);
	}
	if (sel & 0x20) {
		g.present |= MLXSIM_QPA_QKEY;
		g.qkey = fz_u16(f);
	}
	if (sel & 0x40) {
		g.present |= MLXSIM_QPA_ALT_PORT;
		g.alt_port = 1 + fz_below(f, t.ports);
	}
	if (mlxsim_qp_paravirt(&env, qp->exists ? &qp->guest : NULL, &g, &hw,
			       &why))
		return;
	hwc = qp->exists ? qp->hw : mlxsim_qp_ctx_fresh;
	if (mlxsim_qp_fw_modify(&hwc, &hw, t.ports, t.pkeys))
		return;
	if (!qp->exists)
		qp->guest = mlxsim_qp_ctx_fresh;
	qp->hw = hwc;
	mlxsim_qp_ctx_apply(&qp->guest, &g);
	qp->guest.type = hwc.type;
	qp->guest.port = hwc.port;
	qp->exists = true;
	if (!mlxsim_qp_trans_has_pkey(g.op))
		return;
	/* the primary path: exactly the map's entry for the guest's index */
	want = mv2p[s][hwc.port - 1][qp->guest.pkey_index];
	FZ_CHECK(hwc.pkey_index == want && mapped(s, hwc.port, hwc.pkey_index),
		 "vf %u QP %#x: guest index %u on port %u -> entry %u, map says %u",
		 s, g.qpn, qp->guest.pkey_index, hwc.port, hwc.pkey_index, want);
	/*
	 * the alternate path: the entry the alternate port's map gives, so
	 * never one the VF does not map
	 */
	if (FUZZ_CHECK_ALT && !mlxsim_qp_type_is_ud(hwc.type) &&
	    hwc.alt_pkey_index != MLXSIM_QP_UNSET) {
		u8 aport = hwc.alt_port ? hwc.alt_port : hwc.port;
		u16 gi = qp->guest.alt_pkey_index;

		want = mv2p[s][aport - 1][gi != MLXSIM_QP_UNSET && gi < t.pkeys ?
					  gi : 0];
		FZ_CHECK(hwc.alt_pkey_index == want &&
			 mapped(s, aport, hwc.alt_pkey_index),
			 "vf %u QP %#x: alternate path at entry %u on port %u "
			 "(guest index %u, map says %u)", s, g.qpn,
			 hwc.alt_pkey_index, aport, gi, want);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 vfs, ports, pkeys, s, p, i, nops;
	struct fz f;
	u8 b;

	fz_init(&f, data, size);
	b = fz_u8(&f);
	/*
	 * 79 VFs in one input of eight: such a program costs four to five
	 * times one on a small device (1.7 ms against 0.37 ms a program)
	 */
	vfs = (b & 0xc4) == 0xc4 ? MLXSIM_MAX_VFS : 1 + (b & 7);
	ports = 1 + ((b >> 3) & 1);
	pkeys = MLXSIM_PKEY_BLOCK * (1 + ((b >> 4) & 3));
	mlxsim_pkey_tables_init(&t, vfs, ports, pkeys);
	mlxsim_pkey_phys_init(&phys, ports, pkeys, true);
	memset(mcache, 0, sizeof(mcache));
	memset(mactive, 0, sizeof(mactive));
	memset(qps, 0, sizeof(qps));
	remapped = false;
	for (p = 0; p < ports; p++) {
		mcache[p][0] = MLXSIM_PKEY_DEFAULT;
		for (s = 0; s <= vfs; s++)
			for (i = 0; i < pkeys; i++)
				mv2p[s][p][i] = !s ? i : i ? pkeys - 1 : 0;
	}
	for (s = 1; s <= vfs; s++)
		mactive[s] = true;
	check_world();

	for (nops = 0; f.n && nops < MAX_OPS; nops++) {
		b = fz_u8(&f);
		switch (b % 8) {
		case 0: case 1: case 2:
			op_smp(&f);
			break;
		case 3: case 4:
			op_remap(&f);
			break;
		case 5:
			s = fz_below(&f, vfs + 1);
			mactive[s] = s && (b & 0x80);
			mlxsim_pkey_set_active(&t, s, mactive[s]);
			break;
		default:
			op_qp(&f);
			break;
		}
		/* a whole check at 79 VFs costs: every 8th step there */
		if (vfs <= QVFS || !(nops % 8) || !f.n)
			check_world();
	}
	/*
	 * The logic's own reverse-map check costs vfs * pkeys^2, so it runs
	 * once per input that remapped, on small devices; check_world
	 * compares the reverse map with the model's after every step.
	 */
	if (vfs <= QVFS && remapped)
		FZ_CHECK(mlxsim_pkey_rev_consistent(&t), "reverse map");
	return 0;
}
