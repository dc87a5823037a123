// SPDX-License-Identifier: GPL-2.0
/*
 * One guest QP change through the paravirt rewrite (logic/qp_paravirt.c)
 * and the firmware's state machine (logic/qp_state.c), for any device
 * shape, virt2phys row, current context and guest attrs.  What a function
 * gets to the firmware: only P_Key entries its row maps (primary path, and
 * the alternate path through the alternate port's row, FUZZ_CHECK_ALT),
 * only GIDs of its own (IB: its index; RoCE: its range, the ranges tiling
 * the table), reserved Q_Keys only on a VF's own proxy QPs; without SR-IOV
 * nothing is rewritten.  The firmware changes nothing on a refusal and
 * follows the IB state table.
 *
 * Input: slave, ports, pkeys, 4 bytes seeding the virt2phys row, the
 * current context (or none), then the guest attrs.
 */
#include "mlxsim/qp.h"
#include "fuzz.h"

#ifndef FUZZ_CHECK_ALT
#define FUZZ_CHECK_ALT 1
#endif

static u8 v2p[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];

static bool mapped(u32 port, u32 pkeys, u16 phys)
{
	u32 i;

	for (i = 0; i < pkeys; i++)
		if (v2p[port - 1][i] == phys)
			return true;
	return false;
}

static u32 pick_qpn(struct fz *f, u32 slave)
{
	u32 sel = fz_u8(f), who = sel & 0x40 ? fz_below(f, MLXSIM_MAX_VFS + 1) :
				 slave;

	switch (sel & 3) {
	case 0:
		return fz_u8(f);
	case 1:
		return MLXSIM_BASE_PROXY_SQPN + 8 * who + fz_below(f, 8);
	case 2:
		return MLXSIM_BASE_TUNNEL_SQPN + 8 * who + fz_below(f, 8);
	default:
		return fz_u32(f);	/* anything, even out of range */
	}
}

static void check_state_fns(u8 op, u8 state)
{
	bool ok = mlxsim_qp_trans_allowed(op, state);

	if (op >= MLXSIM_NUM_QP_TRANSITIONS) {
		FZ_CHECK(!ok && !mlxsim_qp_trans_opcode(op) &&
			 !mlxsim_qp_trans_has_pkey(op) &&
			 !mlxsim_qp_trans_has_gid(op) &&
			 !mlxsim_qp_trans_has_qkey(op), "op %u", op);
		return;
	}
	FZ_CHECK(mlxsim_qp_trans_opcode(op) &&
		 mlxsim_opcode_index(mlxsim_qp_trans_opcode(op)) >= 0, "opcode");
	FZ_CHECK(mlxsim_qp_trans_to(op) <= MLXSIM_QPS_ERR, "to");
	if (state > MLXSIM_QPS_ERR)
		FZ_CHECK(!ok, "state %u", state);
	/* the error and reset transitions start anywhere */
	if (op == MLXSIM_QP_2ERR || op == MLXSIM_QP_2RST)
		FZ_CHECK(ok == (state <= MLXSIM_QPS_ERR), "2ERR/2RST");
	/* what carries a GID carries a P_Key; what carries a P_Key, a Q_Key */
	FZ_CHECK(!mlxsim_qp_trans_has_gid(op) || mlxsim_qp_trans_has_pkey(op),
		 "gid without pkey");
	FZ_CHECK(!mlxsim_qp_trans_has_pkey(op) || mlxsim_qp_trans_has_qkey(op),
		 "pkey without qkey");
}

/* RoCE GID ranges: the PF's, then each VF's, tile the table exactly. */
static void check_gid_ranges(u32 vfs)
{
	u32 s, next = MLXSIM_ROCE_PF_GIDS;

	FZ_CHECK(!mlxsim_qp_roce_base_gid(0, vfs) &&
		 mlxsim_qp_roce_num_gids(0, vfs) == MLXSIM_ROCE_PF_GIDS, "PF");
	for (s = 1; s <= vfs; s++) {
		FZ_CHECK(mlxsim_qp_roce_base_gid(s, vfs) == next &&
			 mlxsim_qp_roce_num_gids(s, vfs), "vf %u of %u: base %u",
			 s, vfs, mlxsim_qp_roce_base_gid(s, vfs));
		next += mlxsim_qp_roce_num_gids(s, vfs);
	}
	FZ_CHECK(!vfs || next == MLXSIM_ROCE_GIDS, "%u VFs end at %u", vfs,
		 next);
}

static void check_kind(u32 qpn)
{
	u32 slave = ~0U, off = ~0U;
	enum mlxsim_qp_kind k = mlxsim_qp_kind(qpn, &slave, &off);
	bool special = qpn >= MLXSIM_BASE_PROXY_SQPN &&
		       qpn < MLXSIM_BASE_TUNNEL_SQPN + MLXSIM_SQPN_RANGE;

	FZ_CHECK((k != MLXSIM_QPK_REGULAR) == special, "kind of %#x", qpn);
	FZ_CHECK(strcmp(mlxsim_qp_kind_name(k), "UNKNOWN"), "kind name");
	if (!special) {
		FZ_CHECK(!mlxsim_qp_special_qkey(qpn), "qkey of regular");
		return;
	}
	FZ_CHECK(slave <= MLXSIM_MAX_VFS && off < 8, "slave %u off %u", slave,
		 off);
	FZ_CHECK(mlxsim_qp_special_qkey(qpn) ==
		 MLXSIM_RESERVED_QKEY_BASE + 8 * slave + off, "special qkey");
}

/* The GIDs a function may name: IB one (its own), RoCE its range. */
static u32 own_gids(const struct mlxsim_qp_env *env)
{
	return env->eth ? mlxsim_qp_roce_num_gids(env->slave, env->vfs) : 1;
}

/* A guest GID index: mostly small, else at the function's bound. */
static u16 pick_gid(struct fz *f, u32 n)
{
	u8 b = fz_u8(f);

	return b < 0xc0 ? b % 20 : n - 1 + (b & 3);
}

/* Is hardware GID @gid (its low 7 bits) in the function's own range? */
static bool own_gid(const struct mlxsim_qp_env *env, u16 gid)
{
	u32 lo = env->eth ? mlxsim_qp_roce_base_gid(env->slave, env->vfs) :
			    env->slave;

	return ((((u32)gid & 0x7f) - lo) & 0x7f) < own_gids(env);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_qp_ctx cur, hwc, before;
	struct mlxsim_qp_attrs g, hw;
	struct mlxsim_qp_env env;
	enum mlxsim_qp_reject why;
	u32 slave, ports, pkeys, seed, p, i, owner, off, vfs, n;
	u16 idx;
	bool has_cur;
	struct fz f;
	u8 type, port, aport, sel;
	int err, ferr;

	fz_init(&f, data, size);
	slave = fz_u8(&f);
	slave = slave < 0x80 ? slave % 4 : slave % (MLXSIM_MAX_VFS + 1);
	ports = 1 + fz_below(&f, MLXSIM_MAX_PORTS);
	pkeys = MLXSIM_PKEY_BLOCK * (1 + fz_below(&f, 4));
	seed = fz_u32(&f);
	for (p = 0; p < MLXSIM_MAX_PORTS; p++)
		for (i = 0; i < MLXSIM_MAX_PKEYS; i++) {
			seed = seed * 1103515245 + 12345;
			v2p[p][i] = (seed >> 16) % pkeys;
		}
	sel = fz_u8(&f);
	vfs = slave ? slave + fz_below(&f, MLXSIM_MAX_VFS + 1 - slave) :
		      fz_below(&f, MLXSIM_MAX_VFS + 1);
	/* the master's map is the identity; no map at all without VFs */
	if (!slave)
		for (p = 0; p < MLXSIM_MAX_PORTS; p++)
			for (i = 0; i < MLXSIM_MAX_PKEYS; i++)
				v2p[p][i] = i;
	env = (struct mlxsim_qp_env){ .slave = slave, .ports = ports,
				      .pkeys = pkeys, .vfs = vfs,
				      .eth = sel & 1,
				      .v2p = !slave && (sel & 2) ? NULL : v2p };
	check_gid_ranges(vfs);

	memset(&cur, 0, sizeof(cur));
	has_cur = fz_u8(&f) & 1;
	if (has_cur) {
		/* a context the driver keeps: valid state and type */
		cur.state = fz_below(&f, MLXSIM_QPS_ERR + 1);
		cur.type = fz_below(&f, MLXSIM_QPT_GSI + 1);
		cur.port = fz_below(&f, 4);
		cur.pkey_index = fz_u8(&f);
		cur.alt_pkey_index = fz_u8(&f) & 0x80 ? MLXSIM_QP_UNSET :
				     fz_u8(&f);
		cur.alt_port = fz_below(&f, ports + 1);	/* 0: the primary's */
		cur.mgid_index = fz_u8(&f);
		cur.alt_mgid_index = fz_u8(&f);
		cur.qkey = fz_u32(&f);
	}

	memset(&g, 0, sizeof(g));
	g.qpn = pick_qpn(&f, slave);
	g.present = fz_u8(&f);
	g.op = fz_below(&f, MLXSIM_NUM_QP_TRANSITIONS + 2);
	g.type = fz_below(&f, 6);
	g.port = fz_below(&f, 4);
	g.pkey_index = fz_u8(&f);
	g.alt_pkey_index = fz_u8(&f);
	g.alt_port = fz_below(&f, 4);
	g.mgid_index = pick_gid(&f, own_gids(&env));
	g.alt_mgid_index = pick_gid(&f, own_gids(&env));
	g.qkey = fz_u8(&f) & 1 ? 0xffff0000U | fz_u16(&f) : fz_u32(&f);
	g.optpar = fz_below(&f, 4);

	check_state_fns(g.op, cur.state);
	check_kind(g.qpn);

	memset(&hw, 0x5a, sizeof(hw));
	why = 0x77;
	err = mlxsim_qp_paravirt(&env, has_cur ? &cur : NULL, &g, &hw, &why);
	if (err) {
		FZ_CHECK(why != MLXSIM_QPR_NONE && why <= MLXSIM_QPR_FW,
			 "refused %d, why %d", err, why);
		FZ_CHECK(err == -EINVAL || err == -ENOENT || err == -ERANGE ||
			 err == -EPERM, "errno %d", err);
		return 0;
	}
	FZ_CHECK(why == MLXSIM_QPR_NONE, "accepted, why %d", why);
	FZ_CHECK(g.op < MLXSIM_NUM_QP_TRANSITIONS, "op %u accepted", g.op);
	FZ_CHECK(has_cur || g.op == MLXSIM_QP_RST2INIT, "no QP, op %u", g.op);
	type = g.present & MLXSIM_QPA_TYPE ? g.type : cur.type;
	FZ_CHECK(hw.type == type && type <= MLXSIM_QPT_GSI, "type %u", hw.type);
	FZ_CHECK(!has_cur || hw.type == cur.type, "type changed");
	port = hw.port;
	FZ_CHECK(port >= 1 && port <= ports, "port %u", port);
	FZ_CHECK(port == (g.present & MLXSIM_QPA_PORT ? g.port : cur.port),
		 "port %u not asked", port);
	FZ_CHECK((hw.present & (MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT)) ==
		 (MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT), "present %#x", hw.present);
	FZ_CHECK(hw.qpn == g.qpn && hw.op == g.op, "qpn/op rewritten");

	if (!env.v2p) {
		/* without SR-IOV nothing is rewritten */
		FZ_CHECK(hw.pkey_index == g.pkey_index &&
			 hw.alt_pkey_index == g.alt_pkey_index &&
			 hw.mgid_index == g.mgid_index &&
			 hw.alt_mgid_index == g.alt_mgid_index &&
			 hw.qkey == g.qkey && hw.optpar == g.optpar &&
			 hw.alt_port == g.alt_port &&
			 (hw.present & ~(MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT)) ==
			 (g.present & ~(MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT)),
			 "rewritten without SR-IOV");
	} else {
		if (mlxsim_qp_trans_has_pkey(g.op)) {
			idx = g.present & MLXSIM_QPA_PKEY ? g.pkey_index :
			      has_cur ? cur.pkey_index : 0;
			if (idx >= pkeys)
				idx = 0;
			FZ_CHECK(hw.present & MLXSIM_QPA_PKEY, "pkey not carried");
			FZ_CHECK(hw.pkey_index == v2p[port - 1][idx],
				 "fn %u index %u -> %u, map says %u", slave, idx,
				 hw.pkey_index, v2p[port - 1][idx]);
			FZ_CHECK(mapped(port, pkeys, hw.pkey_index),
				 "fn %u reaches unmapped entry %u", slave,
				 hw.pkey_index);
			if (FUZZ_CHECK_ALT && (hw.present & MLXSIM_QPA_ALT_PKEY)) {
				aport = hw.present & MLXSIM_QPA_ALT_PORT &&
					hw.alt_port ? hw.alt_port : port;
				FZ_CHECK(aport >= 1 && aport <= ports,
					 "alternate port %u", aport);
				FZ_CHECK(mapped(aport, pkeys, hw.alt_pkey_index),
					 "fn %u alternate path reaches unmapped entry %u on port %u",
					 slave, hw.alt_pkey_index, aport);
			}
		}
		if ((hw.present & MLXSIM_QPA_QKEY) &&
		    mlxsim_qp_trans_has_qkey(g.op) &&
		    hw.qkey >= MLXSIM_RESERVED_QKEY_BASE && slave) {
			FZ_CHECK(mlxsim_qp_kind(g.qpn, &owner, &off) ==
				 MLXSIM_QPK_PROXY && owner == slave,
				 "vf %u gets reserved qkey %#x", slave, hw.qkey);
			FZ_CHECK(hw.qkey == mlxsim_qp_special_qkey(g.qpn),
				 "qkey %#x", hw.qkey);
		}
		/*
		 * a VF names only its own GIDs, and a path the firmware
		 * would load from the rewrite (UD or optpar pri; RC/UC with
		 * optpar alt) carries its own, whether or not the firmware
		 * then takes the change
		 */
		if (slave) {
			n = own_gids(&env);
			FZ_CHECK(!(g.present & MLXSIM_QPA_MGID) ||
				 g.mgid_index < n, "vf %u: GID index %u of %u taken",
				 slave, g.mgid_index, n);
			FZ_CHECK(!(g.present & MLXSIM_QPA_ALT_MGID) ||
				 g.alt_mgid_index < n,
				 "vf %u: alternate GID index %u of %u taken", slave,
				 g.alt_mgid_index, n);
			FZ_CHECK(!mlxsim_qp_trans_has_gid(g.op) ||
				 !(hw.present & MLXSIM_QPA_MGID) ||
				 !(mlxsim_qp_type_is_ud(type) ||
				   (hw.optpar & MLXSIM_QP_OPTPAR_PRI)) ||
				 own_gid(&env, hw.mgid_index),
				 "vf %u rewritten to GID %u", slave, hw.mgid_index);
			FZ_CHECK(!mlxsim_qp_trans_has_gid(g.op) ||
				 !(hw.present & MLXSIM_QPA_ALT_MGID) ||
				 mlxsim_qp_type_is_ud(type) ||
				 !(hw.optpar & MLXSIM_QP_OPTPAR_ALT) ||
				 (own_gid(&env, hw.alt_mgid_index) &&
				  hw.alt_mgid_index < 0x80),
				 "vf %u rewritten to alternate GID %u", slave,
				 hw.alt_mgid_index);
		}
		if (slave && mlxsim_qp_kind(g.qpn, &owner, &off) !=
		    MLXSIM_QPK_REGULAR)
			FZ_CHECK(mlxsim_qp_kind(g.qpn, NULL, NULL) ==
				 MLXSIM_QPK_PROXY && owner == slave && off < 4 &&
				 off % 2 < ports && mlxsim_qp_type_is_ud(type),
				 "vf %u on QP %#x", slave, g.qpn);
	}

	/* the firmware: a refusal changes nothing, else the state table */
	hwc = cur;
	if (!has_cur)
		hwc.state = MLXSIM_QPS_RST;
	before = hwc;
	ferr = mlxsim_qp_fw_modify(&hwc, &hw, ports, pkeys);
	if (ferr) {
		FZ_CHECK(ferr == -EBUSY || ferr == -EINVAL, "fw errno %d", ferr);
		FZ_CHECK(!memcmp(&hwc, &before, sizeof(hwc)), "fw changed on %d",
			 ferr);
		FZ_CHECK((ferr == -EBUSY) ==
			 !mlxsim_qp_trans_allowed(hw.op, before.state),
			 "fw busy %d", ferr);
		return 0;
	}
	FZ_CHECK(mlxsim_qp_trans_allowed(hw.op, before.state) &&
		 hwc.state == mlxsim_qp_trans_to(hw.op), "state %u -> %u",
		 before.state, hwc.state);
	if (mlxsim_qp_trans_has_pkey(hw.op)) {
		FZ_CHECK(hwc.port == port, "fw port");
		FZ_CHECK(!slave || hwc.pkey_index == hw.pkey_index, "fw pkey");
		FZ_CHECK(!(hw.present & MLXSIM_QPA_PKEY) || hwc.pkey_index < pkeys,
			 "fw pkey %u", hwc.pkey_index);
	}
	/* a GID index the hardware loads is the VF's own (the PF is trusted) */
	if (env.v2p && slave) {
		if (hwc.mgid_index != before.mgid_index)
			FZ_CHECK(own_gid(&env, hwc.mgid_index),
				 "fn %u loads GID %u", slave, hwc.mgid_index);
		if (hwc.alt_mgid_index != before.alt_mgid_index)
			FZ_CHECK(own_gid(&env, hwc.alt_mgid_index) &&
				 hwc.alt_mgid_index < 0x80,
				 "fn %u loads alt GID %u", slave, hwc.alt_mgid_index);
	}
	if (env.v2p && mlxsim_qp_trans_has_pkey(hw.op) &&
	    !mlxsim_qp_type_is_ud(hwc.type) &&
	    (hw.present & MLXSIM_QPA_ALT_PKEY) && FUZZ_CHECK_ALT) {
		aport = hwc.alt_port ? hwc.alt_port : hwc.port;
		FZ_CHECK(mapped(aport, pkeys, hwc.alt_pkey_index),
			 "hardware alternate path at unmapped entry %u",
			 hwc.alt_pkey_index);
	}
	return 0;
}
