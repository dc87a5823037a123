// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of guest QP paravirtualization: the per-transition rewrite,
 * special QP Q_Keys, refusals, the qp_modify parser and an isolation
 * property over random changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/pkey.h"
#include "mlxsim/qp.h"

struct qp {
	bool exists;
	struct mlxsim_qp_ctx guest, hw;
};

/* What the driver does: rewrite, firmware, then the guest's view. */
static int modify(const struct mlxsim_qp_env *env, struct qp *qp,
		  const struct mlxsim_qp_attrs *g, struct mlxsim_qp_attrs *hw,
		  enum mlxsim_qp_reject *why)
{
	struct mlxsim_qp_ctx hwc;
	int err;

	err = mlxsim_qp_paravirt(env, qp->exists ? &qp->guest : NULL, g, hw,
				 why);
	if (err)
		return err;
	hwc = qp->exists ? qp->hw : mlxsim_qp_ctx_fresh;
	err = mlxsim_qp_fw_modify(&hwc, hw, env->ports, env->pkeys);
	if (err) {
		*why = err == -EBUSY ? MLXSIM_QPR_STATE : MLXSIM_QPR_FW;
		return err;
	}
	if (!qp->exists)
		qp->guest = mlxsim_qp_ctx_fresh;
	qp->hw = hwc;
	mlxsim_qp_ctx_apply(&qp->guest, g);
	qp->guest.type = hwc.type;
	qp->guest.port = hwc.port;
	qp->exists = true;
	return 0;
}

static int parse(const char *s, struct mlxsim_qp_attrs *a,
		 enum mlxsim_qp_reject *why)
{
	char bad[MLXSIM_TOKEN_MAX];

	return mlxsim_qp_modify_parse(s, strlen(s), a, why, bad, sizeof(bad));
}

static struct mlxsim_pkey_tables *tabs;

static struct mlxsim_qp_env env_of(u32 slave)
{
	struct mlxsim_qp_env env = {
		.slave = slave, .ports = tabs->ports, .pkeys = tabs->pkeys,
		.v2p = tabs->v2p[slave],
	};
	return env;
}

/* VF 3 of 4, 2 ports, 128 P_Keys; vf3 port 1: 1->10, 2->11; port 2: 1->20 */
static void setup(void)
{
	struct mlxsim_remap r = { .slave = 3 };

	if (!tabs)
		tabs = malloc(sizeof(*tabs));
	mlxsim_pkey_tables_init(tabs, 4, 2, 128);
	r.index = 1; r.phys = 10; mlxsim_pkey_remap(tabs, 1, &r);
	r.index = 2; r.phys = 11; mlxsim_pkey_remap(tabs, 1, &r);
	r.index = 1; r.phys = 20; mlxsim_pkey_remap(tabs, 2, &r);
}

static int run(u32 slave, struct qp *qp, const char *s,
	       struct mlxsim_qp_attrs *hw, enum mlxsim_qp_reject *why)
{
	struct mlxsim_qp_env env = env_of(slave);
	struct mlxsim_qp_attrs a;
	int err = parse(s, &a, why);

	return err ? err : modify(&env, qp, &a, hw, why);
}

/* Drive a QP of @type to the state @op starts from. */
static bool reach(u32 slave, struct qp *qp, const char *type, u8 op)
{
	static const char *const path[] = {
		"op=RST2INIT port=1 pkey_index=1", "op=INIT2RTR", "op=RTR2RTS",
		"op=RTS2SQD",
	};
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	char buf[128];
	unsigned int i, n;

	switch (op) {
	case MLXSIM_QP_RST2INIT:
		n = 0; break;
	case MLXSIM_QP_INIT2INIT: case MLXSIM_QP_INIT2RTR: n = 1; break;
	case MLXSIM_QP_RTR2RTS: n = 2; break;
	case MLXSIM_QP_SQD2SQD: case MLXSIM_QP_SQD2RTS: n = 4; break;
	default: n = 3; break;		/* RTS */
	}
	*qp = (struct qp){ 0 };
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "qpn=0x1000 type=%s %s", type,
			 path[i]);
		if (run(slave, qp, buf, &hw, &why))
			return false;
	}
	if (op == MLXSIM_QP_SQERR2RTS) {
		/* only the hardware moves a QP to SQE */
		qp->hw.state = MLXSIM_QPS_SQE;
		qp->guest.state = MLXSIM_QPS_SQE;
	}
	return true;
}

static bool test_qp_transition_matrix(void)
{
	static const char *const types[] = { "rc", "uc", "ud", "smi", "gsi" };
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	unsigned int t, op;
	struct qp qp;
	char buf[160];
	bool ud;

	setup();
	for (t = 0; t < ARRAY_SIZE(types); t++) {
		ud = t >= 2;
		for (op = 0; op < MLXSIM_NUM_QP_TRANSITIONS; op++) {
			ASSERT_TRUE(reach(3, &qp, types[t], op));
			snprintf(buf, sizeof(buf),
				 "qpn=0x1000 type=%s op=%s port=1 pkey_index=2 alt_pkey_index=5 mgid_index=0 alt_mgid_index=0 qkey=0x1234 optpar=pri,alt",
				 types[t], mlxsim_qp_transition_name(op));
			ASSERT_EQ(run(3, &qp, buf, &hw, &why), 0);
			/* P_Key index: rewritten on the P set only */
			ASSERT_EQ(hw.pkey_index,
				  mlxsim_qp_trans_has_pkey(op) ? 11 : 2);
			/*
			 * The alternate path's index too, through the
			 * map (beyond upstream): VF 3's index 5 is
			 * unmapped, so the reserved invalid entry.
			 */
			ASSERT_EQ(hw.alt_pkey_index,
				  mlxsim_qp_trans_has_pkey(op) ? 127 : 5);
			/* GID: UD forced on the GID set; RC/UC by optpar */
			if (mlxsim_qp_trans_has_gid(op)) {
				ASSERT_EQ(hw.mgid_index, ud ? 0x83 : 3);
				ASSERT_EQ(hw.alt_mgid_index, ud ? 0 : 3);
			} else {
				ASSERT_EQ(hw.mgid_index, 0);
				ASSERT_EQ(hw.alt_mgid_index, 0);
			}
			/* a regular QP's Q_Key is the guest's */
			ASSERT_EQ(hw.qkey, 0x1234);
			ASSERT_EQ(qp.hw.state, mlxsim_qp_trans_to(op));
			/* the hardware loads it only where it is carried */
			ASSERT_EQ(qp.hw.pkey_index,
				  mlxsim_qp_trans_has_pkey(op) ? 11 : 10);
		}
	}
	return true;
}

static bool test_qp_rc_optpar(void)
{
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp;

	setup();
	ASSERT_TRUE(reach(3, &qp, "rc", MLXSIM_QP_INIT2RTR));
	/* no optpar: neither path's GID is touched */
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 op=INIT2RTR mgid_index=0", &hw, &why), 0);
	ASSERT_EQ(hw.mgid_index, 0);
	ASSERT_EQ(qp.hw.mgid_index, MLXSIM_QP_UNSET);
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 op=RTR2RTS optpar=alt", &hw, &why), 0);
	ASSERT_EQ(qp.hw.mgid_index, MLXSIM_QP_UNSET);
	ASSERT_EQ(qp.hw.alt_mgid_index, 3);
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 op=RTS2RTS optpar=pri", &hw, &why), 0);
	ASSERT_EQ(qp.hw.mgid_index, 3);
	return true;
}

static bool test_qp_port_from_primary_path(void)
{
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp = { 0 };

	setup();
	ASSERT_EQ(run(3, &qp, "qpn=7 type=ud op=RST2INIT port=2 pkey_index=1", &hw, &why), 0);
	ASSERT_EQ(qp.hw.pkey_index, 20);
	/* moving the primary path re-translates the same guest index */
	ASSERT_EQ(run(3, &qp, "qpn=7 op=INIT2INIT port=1", &hw, &why), 0);
	ASSERT_EQ(qp.hw.pkey_index, 10);
	ASSERT_EQ(qp.hw.port, 1);
	ASSERT_EQ(qp.guest.pkey_index, 1);
	return true;
}

/*
 * The master's QP changes go through the same rewrite as upstream's
 * (mlx4_master_process_vhcr with the master's function): identity map,
 * UD GID 0x80 | 0, reserved Q_Keys on its special QPs; it is trusted
 * with regular Q_Keys and GID indices.
 */
static bool test_qp_master_rewritten(void)
{
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp = { 0 };
	char buf[96];

	setup();
	ASSERT_EQ(run(0, &qp, "qpn=9 type=ud op=RST2INIT port=1 pkey_index=5 qkey=0xffff0003", &hw, &why), 0);
	ASSERT_EQ(hw.pkey_index, 5);
	ASSERT_EQ(hw.qkey, 0xffff0003);
	ASSERT_EQ(run(0, &qp, "qpn=9 op=INIT2RTR mgid_index=4", &hw, &why), 0);
	ASSERT_EQ(qp.hw.mgid_index, 0x80);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(0, &qp, "qpn=0x10008 type=smi op=RST2INIT port=1 qkey=0x77", &hw, &why), 0);
	ASSERT_EQ(hw.qkey, 0xffff0000);
	/* the master runs every VF's tunnel, with that VF's Q_Key */
	snprintf(buf, sizeof(buf), "qpn=%u type=gsi op=RST2INIT port=2",
		 MLXSIM_BASE_TUNNEL_SQPN + 8 * 3 + 3);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(0, &qp, buf, &hw, &why), 0);
	ASSERT_EQ(hw.qkey, 0xffff0000 + 8 * 3 + 3);
	return true;
}

/* The alternate path: its own port's map; nothing unmapped reachable. */
static bool test_qp_alt_path_isolated(void)
{
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp = { 0 };

	setup();
	ASSERT_EQ(run(3, &qp, "qpn=0x20 type=rc op=RST2INIT port=1 pkey_index=1 alt_pkey_index=1 alt_port=2", &hw, &why), 0);
	ASSERT_EQ(hw.pkey_index, 10);
	ASSERT_EQ(hw.alt_pkey_index, 20);	/* port 2's map of index 1 */
	ASSERT_EQ(hw.alt_port, 2);
	ASSERT_EQ(qp.hw.alt_pkey_index, 20);
	/* unmapped on the alternate port: the reserved entry, not 2 */
	ASSERT_EQ(run(3, &qp, "qpn=0x20 op=INIT2INIT alt_pkey_index=2", &hw, &why), 0);
	ASSERT_EQ(hw.alt_pkey_index, 127);
	/* moving only the alternate port re-translates the guest's index */
	ASSERT_EQ(run(3, &qp, "qpn=0x20 op=INIT2INIT alt_port=1", &hw, &why), 0);
	ASSERT_EQ(hw.alt_pkey_index, 11);
	ASSERT_EQ(run(3, &qp, "qpn=0x20 op=INIT2INIT alt_port=3", &hw, &why), -EINVAL);
	ASSERT_EQ(why, MLXSIM_QPR_PORT);
	return true;
}

/*
 * An alternate path made by alt_port alone (index 0) is re-translated by
 * the next change like one with an index, so a remap between them does
 * not leave it at an entry the VF no longer maps (found by fuzz_pkey).
 */
static bool test_qp_alt_port_only_retranslated(void)
{
	struct mlxsim_remap r = { .slave = 3, .index = 0, .phys = 30 };
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp = { 0 };

	setup();
	ASSERT_EQ(run(3, &qp, "qpn=0x20 type=uc op=RST2INIT port=1 pkey_index=1 alt_port=1", &hw, &why), 0);
	ASSERT_EQ(qp.hw.alt_pkey_index, 0);	/* vf3's index 0 on port 1 */
	ASSERT_EQ(qp.guest.alt_pkey_index, MLXSIM_QP_UNSET);
	mlxsim_pkey_remap(tabs, 1, &r);
	/* a change that names no alternate attribute */
	ASSERT_EQ(run(3, &qp, "qpn=0x20 op=INIT2INIT pkey_index=2", &hw, &why), 0);
	ASSERT_EQ(hw.pkey_index, 11);
	ASSERT_TRUE(hw.present & MLXSIM_QPA_ALT_PKEY);
	ASSERT_EQ(qp.hw.alt_pkey_index, 30);
	return true;
}

/* RoCE GIDs: the range of each function as mlx4_get_base_gid_ix. */
static bool test_qp_roce_gid_ranges(void)
{
	u32 s, next = MLXSIM_ROCE_PF_GIDS, total = MLXSIM_ROCE_PF_GIDS;

	ASSERT_EQ(mlxsim_qp_roce_base_gid(0, 5), 0);
	for (s = 1; s <= 5; s++) {
		ASSERT_EQ(mlxsim_qp_roce_base_gid(s, 5), next);
		next += mlxsim_qp_roce_num_gids(s, 5);
		total += mlxsim_qp_roce_num_gids(s, 5);
	}
	ASSERT_EQ(total, MLXSIM_ROCE_GIDS);
	/* 112 over 5 VFs: 23 23 22 22 22 */
	ASSERT_EQ(mlxsim_qp_roce_num_gids(1, 5), 23);
	ASSERT_EQ(mlxsim_qp_roce_num_gids(3, 5), 22);
	ASSERT_EQ(mlxsim_qp_roce_base_gid(3, 5), 16 + 46);
	return true;
}

static bool test_qp_special_qkeys(void)
{
	u32 s, qpt, port, proxy, tunnel, slave, off;
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	struct qp qp;
	char buf[128];

	setup();
	for (s = 0; s <= 79; s++)
		for (qpt = 0; qpt < 2; qpt++)
			for (port = 1; port <= 2; port++) {
				off = 8 * s + 2 * qpt + port - 1;
				proxy = MLXSIM_BASE_PROXY_SQPN + off;
				tunnel = MLXSIM_BASE_TUNNEL_SQPN + off;
				ASSERT_EQ(mlxsim_qp_kind(proxy, &slave, NULL),
					  MLXSIM_QPK_PROXY);
				ASSERT_EQ(slave, s);
				ASSERT_EQ(mlxsim_qp_kind(tunnel, NULL, NULL),
					  MLXSIM_QPK_TUNNEL);
				ASSERT_EQ(mlxsim_qp_special_qkey(proxy),
					  0xffff0000 + off);
				ASSERT_EQ(mlxsim_qp_special_qkey(tunnel),
					  mlxsim_qp_special_qkey(proxy));
			}
	ASSERT_EQ(MLXSIM_BASE_PROXY_SQPN, 0x10008);
	ASSERT_EQ(MLXSIM_BASE_TUNNEL_SQPN, 0x10288);
	/* just outside the ranges: regular */
	ASSERT_EQ(mlxsim_qp_kind(MLXSIM_BASE_PROXY_SQPN - 1, NULL, NULL),
		  MLXSIM_QPK_REGULAR);
	ASSERT_EQ(mlxsim_qp_kind(MLXSIM_BASE_TUNNEL_SQPN + MLXSIM_SQPN_RANGE,
				 NULL, NULL), MLXSIM_QPK_REGULAR);
	ASSERT_EQ(MLXSIM_BASE_PROXY_SQPN + MLXSIM_SQPN_RANGE,
		  MLXSIM_BASE_TUNNEL_SQPN);

	/* VF 3's GSI proxy and tunnel on port 2 through a transition */
	off = 8 * 3 + 2 + 1;
	snprintf(buf, sizeof(buf), "qpn=%u type=gsi op=RST2INIT port=2 qkey=5",
		 MLXSIM_BASE_PROXY_SQPN + off);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(3, &qp, buf, &hw, &why), 0);
	ASSERT_EQ(qp.hw.qkey, 0xffff0000 + off);
	/* its tunnel is the master's: the VF may not touch it */
	snprintf(buf, sizeof(buf), "qpn=%u type=gsi op=RST2INIT port=2",
		 MLXSIM_BASE_TUNNEL_SQPN + off);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(3, &qp, buf, &hw, &why), -EPERM);
	ASSERT_EQ(why, MLXSIM_QPR_UNKNOWN_QP);
	ASSERT_EQ(run(0, &qp, buf, &hw, &why), 0);
	ASSERT_EQ(qp.hw.qkey, 0xffff0000 + off);
	/* RTS2SQD carries no Q_Key: not set */
	ASSERT_FALSE(mlxsim_qp_trans_has_qkey(MLXSIM_QP_RTS2SQD));
	ASSERT_TRUE(mlxsim_qp_trans_has_qkey(MLXSIM_QP_SQERR2RTS));

	/* neighbours of the ranges keep the guest's Q_Key */
	snprintf(buf, sizeof(buf), "qpn=%u type=ud op=RST2INIT port=1 qkey=0x11",
		 MLXSIM_BASE_PROXY_SQPN - 1);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(3, &qp, buf, &hw, &why), 0);
	ASSERT_EQ(qp.hw.qkey, 0x11);
	snprintf(buf, sizeof(buf), "qpn=%u type=ud op=RST2INIT port=1 qkey=0x12",
		 MLXSIM_BASE_TUNNEL_SQPN + MLXSIM_SQPN_RANGE);
	qp = (struct qp){ 0 };
	ASSERT_EQ(run(3, &qp, buf, &hw, &why), 0);
	ASSERT_EQ(qp.hw.qkey, 0x12);
	return true;
}

static bool test_qp_refusals(void)
{
	static const struct {
		u32 slave;
		const char *in;
		int err;
		enum mlxsim_qp_reject why;
	} cases[] = {
		{ 3, "qpn=1 type=ud op=RST2INIT port=1 pkey_index=128", -ERANGE, MLXSIM_QPR_PKEY_INDEX },
		{ 3, "qpn=1 type=ud op=RST2INIT port=1 alt_pkey_index=200", -ERANGE, MLXSIM_QPR_PKEY_INDEX },
		{ 3, "qpn=1 type=ud op=RST2INIT port=1 qkey=0xffff0000", -EPERM, MLXSIM_QPR_RESERVED_QKEY },
		{ 3, "qpn=1 type=ud op=RST2INIT port=1 mgid_index=1", -EINVAL, MLXSIM_QPR_MGID_INDEX },
		{ 3, "qpn=1 type=rc op=RST2INIT port=1 alt_mgid_index=3", -EINVAL, MLXSIM_QPR_MGID_INDEX },
		{ 3, "qpn=1 op=INIT2RTR", -ENOENT, MLXSIM_QPR_UNKNOWN_QP },
		{ 3, "qpn=1 type=ud op=RST2INIT port=3", -EINVAL, MLXSIM_QPR_PORT },
		{ 3, "qpn=1 type=ud op=RST2INIT", -EINVAL, MLXSIM_QPR_PORT },
		{ 3, "qpn=1 op=RST2INIT port=1", -EINVAL, MLXSIM_QPR_TYPE },
		{ 3, "qpn=1 type=xrc op=RST2INIT port=1", -EINVAL, MLXSIM_QPR_TYPE },
		{ 3, "qpn=1 type=ud op=RST2RTS port=1", -EINVAL, MLXSIM_QPR_TRANSITION },
		/* another slave's proxy, an unused proxy slot, RC on a proxy */
		{ 3, "qpn=0x10010 type=gsi op=RST2INIT port=1", -EPERM, MLXSIM_QPR_UNKNOWN_QP },
		{ 3, "qpn=0x10024 type=gsi op=RST2INIT port=1", -EPERM, MLXSIM_QPR_UNKNOWN_QP },
		{ 3, "qpn=0x10020 type=rc op=RST2INIT port=1", -EINVAL, MLXSIM_QPR_TYPE },
		/* state order: INIT2RTR from RST */
		{ 3, "qpn=1 type=ud op=INIT2RTR port=1", -ENOENT, MLXSIM_QPR_UNKNOWN_QP },
	};
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	unsigned int i;
	struct qp qp;

	setup();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		qp = (struct qp){ 0 };
		ASSERT_EQ(run(cases[i].slave, &qp, cases[i].in, &hw, &why),
			  cases[i].err);
		ASSERT_EQ(why, cases[i].why);
		ASSERT_FALSE(qp.exists);
	}
	/* wrong state order on an existing QP: refused by the firmware */
	ASSERT_TRUE(reach(3, &qp, "ud", MLXSIM_QP_INIT2RTR));
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 op=RTR2RTS", &hw, &why), -EBUSY);
	ASSERT_EQ(why, MLXSIM_QPR_STATE);
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 op=SQERR2RTS", &hw, &why), -EBUSY);
	ASSERT_EQ(run(3, &qp, "qpn=0x1000 type=rc op=INIT2RTR", &hw, &why), -EINVAL);
	ASSERT_EQ(why, MLXSIM_QPR_TYPE);
	ASSERT_EQ(qp.hw.state, MLXSIM_QPS_INIT);
	return true;
}

static bool test_qp_parse(void)
{
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs a;
	char bad[MLXSIM_TOKEN_MAX];
	const char *s;

	ASSERT_EQ(parse("qpn=0x10 type=uc op=SQD2SQD port=2 pkey_index=3 alt_pkey_index=4 mgid_index=0 alt_mgid_index=0 qkey=0x99 optpar=alt,pri\n", &a, &why), 0);
	ASSERT_EQ(a.qpn, 0x10);
	ASSERT_EQ(a.type, MLXSIM_QPT_UC);
	ASSERT_EQ(a.op, MLXSIM_QP_SQD2SQD);
	ASSERT_EQ(a.port, 2);
	ASSERT_EQ(a.pkey_index, 3);
	ASSERT_EQ(a.alt_pkey_index, 4);
	ASSERT_EQ(a.qkey, 0x99);
	ASSERT_EQ(a.optpar, 3);
	ASSERT_EQ(a.present, 0xff);
	ASSERT_EQ(parse("op=2ERR qpn=1", &a, &why), 0);
	ASSERT_EQ(a.present, 0);
	s = "qpn=1";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "<no op>");
	ASSERT_EQ(why, MLXSIM_QPR_NONE);
	s = "qpn=1 op=2RST color=red";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "color=red");
	s = "qpn=1 op=2RST qpn=2";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "qpn=2");
	s = "qpn=0x1000000 op=2RST";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -ERANGE);
	s = "qpn=1 op=2RST optpar=pri,bogus";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "optpar=pri,bogus");
	s = "qpn=1 op=FLY";
	ASSERT_EQ(mlxsim_qp_modify_parse(s, strlen(s), &a, &why, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(why, MLXSIM_QPR_TRANSITION);
	ASSERT_EQ(parse("qpn=1 op=2RST =3", &a, &why), -EINVAL);
	/* transitions map to mlx4's opcodes */
	ASSERT_EQ(mlxsim_qp_trans_opcode(MLXSIM_QP_RST2INIT), 0x19);
	ASSERT_EQ(mlxsim_qp_trans_opcode(MLXSIM_QP_INIT2INIT), 0x2d);
	ASSERT_EQ(mlxsim_qp_trans_opcode(MLXSIM_QP_SQD2SQD), 0x38);
	ASSERT_EQ(mlxsim_qp_trans_opcode(MLXSIM_QP_2RST), 0x21);
	ASSERT_EQ(mlxsim_qp_trans_opcode(MLXSIM_NUM_QP_TRANSITIONS), 0);
	ASSERT_EQ(parse("", &a, &why), -EINVAL);
	return true;
}

/* Random guest changes from random VFs never escape what each VF has. */
static bool test_qp_isolation_property(void)
{
	static const char *const types[] = { "rc", "uc", "ud", "smi", "gsi" };
	static struct qp qps[80][32];
	unsigned int iter, accepted = 0, s, n, i, off;
	enum mlxsim_qp_reject why;
	struct mlxsim_qp_attrs hw;
	char buf[256], *p;
	bool allowed;
	u32 qpn, phys;

	setup();
	srand(12345);
	mlxsim_pkey_tables_init(tabs, 79, 2, 128);
	for (iter = 0; iter < 200; iter++) {	/* random admin mappings */
		struct mlxsim_remap r = {
			.slave = 1 + rand() % 79, .index = rand() % 128,
			.phys = rand() % 128,
		};
		mlxsim_pkey_remap(tabs, 1 + rand() % 2, &r);
	}
	memset(qps, 0, sizeof(qps));
	for (iter = 0; iter < 100000; iter++) {
		s = 1 + rand() % 79;
		n = rand() % 32;
		/* per slot a fixed QPN: regular, own or another's special */
		if (n < 8)
			qpn = 0x1000 + n;
		else
			qpn = ((n - 8) & 1 ? MLXSIM_BASE_TUNNEL_SQPN :
			       MLXSIM_BASE_PROXY_SQPN) +
			      8 * ((n - 8) % 3 ? s : s % 79 + 1) +
			      ((n - 8) >> 1) % 6;
		p = buf;
		/* RST2INIT often, so QPs exist and walk the state machine */
		p += sprintf(p, "qpn=%u op=%s", qpn,
			     mlxsim_qp_transition_name(rand() % 4 ? rand() % 11 : 0));
		/* mostly well-formed, so most changes reach the rewrite */
		if (rand() % 2)
			p += sprintf(p, " type=%s",
				     types[rand() % 20 ? (s + n) % 5 : (u32)rand() % 5]);
		if (rand() % 2)
			p += sprintf(p, " port=%d", rand() % 10 ? 1 + rand() % 2 : 3);
		if (rand() % 2)
			p += sprintf(p, " pkey_index=%d",
				     rand() % 20 ? rand() % 128 : 128 + rand() % 20);
		if (rand() % 3 == 0)
			p += sprintf(p, " alt_pkey_index=%d", rand() % 130);
		if (rand() % 4 == 0)
			p += sprintf(p, " alt_port=%d", rand() % 10 ? 1 + rand() % 2 : 3);
		if (rand() % 2)
			p += sprintf(p, " mgid_index=%d", rand() % 20 ? 0 : rand() % 256);
		if (rand() % 3 == 0)
			p += sprintf(p, " alt_mgid_index=%d", rand() % 20 ? 0 : 1);
		if (rand() % 2)
			p += sprintf(p, " qkey=0x%x", rand() % 10 ?
				     (u32)rand() % 0xffff0000 : 0xffff0000 + rand() % 0x300);
		if (rand() % 2)
			p += sprintf(p, " optpar=%s", rand() % 2 ? "pri" : "pri,alt");
		if (run(s, &qps[s][n], buf, &hw, &why))
			continue;
		accepted++;
		for (i = 0; i < 1; i++) {
			const struct mlxsim_qp_ctx *h = &qps[s][n].hw;

			/* P_Key: only physical entries this VF maps */
			allowed = false;
			for (off = 0; off < 128; off++) {
				phys = tabs->v2p[s][h->port - 1][off];
				if (phys == h->pkey_index)
					allowed = true;
			}
			ASSERT_TRUE(allowed);
			/* the alternate path too, through its own port */
			if (h->alt_pkey_index != MLXSIM_QP_UNSET) {
				u8 ap = h->alt_port ? h->alt_port : h->port;

				allowed = false;
				for (off = 0; off < 128; off++)
					if (tabs->v2p[s][ap - 1][off] ==
					    h->alt_pkey_index)
						allowed = true;
				ASSERT_TRUE(allowed);
			}
			/* GID: only its own, forced or plain */
			if (h->mgid_index != MLXSIM_QP_UNSET)
				ASSERT_TRUE(h->mgid_index == s ||
					    h->mgid_index == (0x80 | s));
			if (h->alt_mgid_index != MLXSIM_QP_UNSET)
				ASSERT_EQ(h->alt_mgid_index, s);
			/* Q_Key: reserved ones only its own special QPs' */
			if (h->qkey >= 0xffff0000) {
				ASSERT_NE(mlxsim_qp_kind(qpn, &phys, &off),
					  MLXSIM_QPK_REGULAR);
				ASSERT_EQ(phys, s);
				ASSERT_EQ(h->qkey, 0xffff0000 + 8 * s + off);
			}
		}
	}
	printf("# isolation: %u of 100000 random changes accepted\n", accepted);
	ASSERT_TRUE(accepted > 3000);
	return true;
}

const struct mlxsim_test qp_tests[] = {
	TEST(test_qp_transition_matrix),
	TEST(test_qp_rc_optpar),
	TEST(test_qp_port_from_primary_path),
	TEST(test_qp_master_rewritten),
	TEST(test_qp_alt_path_isolated),
	TEST(test_qp_alt_port_only_retranslated),
	TEST(test_qp_roce_gid_ranges),
	TEST(test_qp_special_qkeys),
	TEST(test_qp_refusals),
	TEST(test_qp_parse),
	TEST(test_qp_isolation_property),
	{ NULL, NULL },
};
