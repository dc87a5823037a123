// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the multiport state machine (logic/mp.c) against a fake
 * firmware: every add/remove order, the reasons a slave waits, injected
 * firmware failures and the RoCE enable counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/mp.h"

#define W_MAX 16
#define W_BITS 4

/* A fake function: its vport context as the firmware keeps it. */
struct fake_fn {
	struct mlxsim_mp_node n;
	u32 roce_users;
	u32 fw_roce_en;
	u32 fw_vhca;
	u32 fw_criteria;
	int fail_roce;		/* next roce_set fails with this */
	int fail_aff;		/* next affiliation_set fails */
	int fail_unaff;		/* next clearing fails */
	int fail_attach;	/* next netdev attach (as slave) fails */
	u32 aff_clears;		/* affiliation clear commands received */
	bool attached;		/* slave: its netdev backs the port */
	u32 port_fn[MLXSIM_MAX_PORTS];	/* master: port -> fn id + 1 */
};

static struct world {
	struct mlxsim_mp_index idx;
	struct mlxsim_mp_link masters[1 << W_BITS];
	struct mlxsim_mp_link waiting[1 << W_BITS];
	struct fake_fn fn[W_MAX];
	u32 drain_refs;		/* references the next drain waits for */
	u32 binds, unbinds, rescans, waits;
	u32 last_waited;
	u8 last_reason;
	int locked;
} w;

static struct fake_fn *F(struct mlxsim_mp_node *n)
{
	return (struct fake_fn *)n;
}

static int f_roce_set(void *ctx, struct mlxsim_mp_node *n, bool en)
{
	int err = F(n)->fail_roce;

	F(n)->fail_roce = 0;
	if (!err)
		F(n)->fw_roce_en = en;
	return err;
}

static int f_aff_set(void *ctx, struct mlxsim_mp_node *s, u32 vhca, u32 crit)
{
	int err = vhca ? F(s)->fail_aff : F(s)->fail_unaff;

	if (vhca) {
		F(s)->fail_aff = 0;
	} else {
		F(s)->fail_unaff = 0;
		F(s)->aff_clears++;
	}
	if (!err) {
		F(s)->fw_vhca = vhca;
		F(s)->fw_criteria = crit;
	}
	return err;
}

static void f_port_set(void *ctx, struct mlxsim_mp_node *m, u32 port,
		       struct mlxsim_mp_node *s)
{
	F(m)->port_fn[port - 1] = s ? s->id + 1 : 0;
}

static int f_attach(void *ctx, struct mlxsim_mp_node *m,
		    struct mlxsim_mp_node *s)
{
	int err = F(s)->fail_attach;

	F(s)->fail_attach = 0;
	F(s)->attached = !err;
	return err;
}

static void f_detach(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s, u32 port)
{
	F(s)->attached = false;
}

static u32 f_drain(void *ctx, struct mlxsim_mp_node *m, u32 port)
{
	u32 r = w.drain_refs;

	w.drain_refs = 0;
	return r;
}

static void f_lock(void *ctx)
{
	w.locked++;
}

static void f_unlock(void *ctx)
{
	w.locked--;
}

static void f_rescan(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s)
{
	w.rescans++;
}

static void f_bind(void *ctx, struct mlxsim_mp_node *m,
		   struct mlxsim_mp_node *s, u8 reason, int err)
{
	if (reason == MLXSIM_MP_REASON_OK)
		w.binds++;
}

static void f_unbind(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s, u32 port, u32 waited, u8 why,
		     int err)
{
	w.unbinds++;
	w.last_waited = waited;
}

static void f_unaff(void *ctx, struct mlxsim_mp_node *s, u8 reason)
{
	w.waits++;
	w.last_reason = reason;
}

static const struct mlxsim_mp_ops f_ops = {
	.roce_set = f_roce_set,
	.affiliation_set = f_aff_set,
	.port_set = f_port_set,
	.port_drain = f_drain,
	.port_attach = f_attach,
	.port_detach = f_detach,
	.lock = f_lock,
	.unlock = f_unlock,
	.rescan = f_rescan,
	.bind = f_bind,
	.unbind = f_unbind,
	.unaffiliated = f_unaff,
};

static void world_init(void)
{
	memset(&w, 0, sizeof(w));
	mlxsim_mp_index_init(&w.idx, w.masters, w.waiting, W_BITS);
}

static struct fake_fn *mk(u32 id, u64 guid, u8 type, u8 role, u8 native)
{
	struct fake_fn *f = &w.fn[id];

	mlxsim_mp_node_init(&f->n, id, guid, type, role, native,
			    role == MLXSIM_ROLE_MASTER ? 2 : 0);
	f->n.vhca_id = id + 1;
	f->n.criteria = role == MLXSIM_ROLE_SLAVE ? 1 : 0;
	f->n.roce_users = &f->roce_users;
	return f;
}

static struct fake_fn *master(u32 id, u64 guid)
{
	struct fake_fn *f = mk(id, guid, MLXSIM_FN_PF, MLXSIM_ROLE_MASTER, 1);

	return mlxsim_mp_master_add(&w.idx, &f_ops, NULL, &f->n) ? NULL : f;
}

static struct fake_fn *slave(u32 id, u64 guid, u8 native)
{
	struct fake_fn *f = mk(id, guid, MLXSIM_FN_PF, MLXSIM_ROLE_SLAVE,
			       native);

	mlxsim_mp_slave_add(&w.idx, &f_ops, NULL, &f->n);
	return f;
}

static void rm(struct fake_fn *f)
{
	if (f->n.role == MLXSIM_ROLE_MASTER)
		mlxsim_mp_master_remove(&w.idx, &f_ops, NULL, &f->n);
	else
		mlxsim_mp_slave_remove(&w.idx, &f_ops, NULL, &f->n);
}

/* Bound: both sides agree and the firmware holds the affiliation. */
static bool is_bound(struct fake_fn *m, struct fake_fn *s)
{
	return s->n.state == MLXSIM_MP_BOUND && s->n.master == &m->n &&
	       m->n.slave[s->n.native_port - 1] == &s->n &&
	       m->port_fn[s->n.native_port - 1] == s->n.id + 1 &&
	       !s->n.queued && s->fw_vhca == m->n.vhca_id &&
	       s->fw_criteria == s->n.criteria && s->roce_users == 1 &&
	       s->fw_roce_en == 1 && s->n.forwarding;
}

/* Waiting: on the list once, nothing left in firmware or in a port. */
static bool is_waiting(struct fake_fn *s, u8 reason)
{
	return s->n.state == MLXSIM_MP_UNAFFILIATED && s->n.queued &&
	       !s->n.master && s->n.reason == reason && !s->n.forwarding &&
	       s->fw_vhca == 0 && s->roce_users == 0 && s->fw_roce_en == 0;
}

/*
 *   M(0) [p1=M p2=-]   then S(1) native 2 arrives   ->  [p1=M p2=S]
 */
static bool test_mp_master_then_slave(void)
{
	struct fake_fn *m, *s;

	world_init();
	m = master(0, 0x10);
	ASSERT_TRUE(m);
	ASSERT_EQ(m->n.state, MLXSIM_MP_MASTER);
	ASSERT_EQ(m->roce_users, 1);
	ASSERT_EQ(m->fw_roce_en, 1);
	s = slave(1, 0x10, 2);
	ASSERT_TRUE(is_bound(m, s));
	ASSERT_EQ(w.rescans, 1);
	ASSERT_EQ(m->n.rescans, 1);
	ASSERT_EQ(w.locked, 0);
	rm(s);
	ASSERT_EQ(s->n.state, MLXSIM_MP_NONE);
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_EQ(s->roce_users, 0);
	ASSERT_EQ(s->fw_roce_en, 0);
	ASSERT_EQ(w.idx.nwaiting, 0);
	rm(m);
	ASSERT_EQ(m->roce_users, 0);
	ASSERT_EQ(m->fw_roce_en, 0);
	ASSERT_EQ(w.idx.nmasters, 0);
	return true;
}

/*
 *   S(1) waits [no_master]; M(0) arrives and scans -> [p1=M p2=S]
 */
static bool test_mp_slave_then_master(void)
{
	struct fake_fn *m, *s;

	world_init();
	s = slave(1, 0x10, 2);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_NO_MASTER));
	ASSERT_EQ(w.idx.nwaiting, 1);
	m = master(0, 0x10);
	ASSERT_TRUE(is_bound(m, s));
	ASSERT_EQ(w.idx.nwaiting, 0);
	/* every bind rescans, whichever side arrived first */
	ASSERT_EQ(w.rescans, 1);
	ASSERT_TRUE(s->attached);
	rm(m);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_MASTER_REMOVED));
	rm(s);
	ASSERT_EQ(w.idx.nwaiting, 0);
	return true;
}

/*
 *   [p1=M p2=S] -> remove M -> S waits [master_removed]
 *   -> M'(2) same GUID -> [p1=M' p2=S]
 */
static bool test_mp_master_replaced(void)
{
	struct fake_fn *m, *m2, *s;

	world_init();
	m = master(0, 0x10);
	s = slave(1, 0x10, 2);
	ASSERT_TRUE(is_bound(m, s));
	w.drain_refs = 3;
	rm(m);
	ASSERT_EQ(w.last_waited, 3);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_MASTER_REMOVED));
	ASSERT_EQ(m->port_fn[1], 0);
	m2 = master(2, 0x10);
	ASSERT_TRUE(is_bound(m2, s));
	ASSERT_EQ(s->fw_vhca, 3);
	rm(s);
	rm(m2);
	ASSERT_EQ(w.binds, 2);
	ASSERT_EQ(w.unbinds, 2);
	return true;
}

/* A waiting slave removed leaves nothing behind. */
static bool test_mp_slave_removed_unbound(void)
{
	struct fake_fn *s, *m;

	world_init();
	s = slave(1, 0x10, 2);
	rm(s);
	ASSERT_EQ(w.idx.nwaiting, 0);
	ASSERT_FALSE(s->n.queued);
	m = master(0, 0x10);
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_EQ(w.binds, 0);
	rm(m);
	return true;
}

static bool test_mp_reasons(void)
{
	struct fake_fn *m, *s, *s2, *vf, *other;

	world_init();
	m = master(0, 0x10);
	/* GUID mismatch */
	other = slave(1, 0x99, 2);
	ASSERT_TRUE(is_waiting(other, MLXSIM_MP_REASON_NO_MASTER));
	/* PF/VF: a VF slave of a PF master's GUID */
	vf = mk(2, 0x10, MLXSIM_FN_VF, MLXSIM_ROLE_SLAVE, 2);
	mlxsim_mp_slave_add(&w.idx, &f_ops, NULL, &vf->n);
	ASSERT_TRUE(is_waiting(vf, MLXSIM_MP_REASON_TYPE_MISMATCH));
	/* native port is the master's own */
	s = slave(3, 0x10, 1);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_NATIVE_PORT));
	/* two slaves for one port */
	s = slave(4, 0x10, 2);
	ASSERT_TRUE(is_bound(m, s));
	s2 = slave(5, 0x10, 2);
	ASSERT_TRUE(is_waiting(s2, MLXSIM_MP_REASON_PORT_BUSY));
	ASSERT_EQ(w.idx.nwaiting, 4);
	/* a VF master does not take the PF slave, only the VF one */
	rm(s);
	{
		struct fake_fn *vm = mk(6, 0x10, MLXSIM_FN_VF,
					MLXSIM_ROLE_MASTER, 1);

		ASSERT_EQ(mlxsim_mp_master_add(&w.idx, &f_ops, NULL, &vm->n),
			  0);
		ASSERT_TRUE(is_bound(vm, vf));
		ASSERT_TRUE(is_waiting(s2, MLXSIM_MP_REASON_PORT_BUSY));
		rm(vm);
	}
	rm(vf);
	rm(s2);
	rm(other);
	ASSERT_EQ(w.fn[3].n.queued, 1);
	rm(&w.fn[3]);
	rm(m);
	ASSERT_EQ(w.idx.nwaiting, 0);
	ASSERT_EQ(w.idx.nmasters, 0);
	return true;
}

/* Master add: RoCE enable fails -> add fails, nothing published. */
static bool test_mp_fw_master_roce(void)
{
	struct fake_fn *m, *s;

	world_init();
	s = slave(1, 0x10, 2);
	m = mk(0, 0x10, MLXSIM_FN_PF, MLXSIM_ROLE_MASTER, 1);
	m->fail_roce = -5;
	ASSERT_EQ(mlxsim_mp_master_add(&w.idx, &f_ops, NULL, &m->n), -5);
	ASSERT_EQ(m->roce_users, 0);
	ASSERT_EQ(w.idx.nmasters, 0);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_NO_MASTER));
	ASSERT_EQ(mlxsim_mp_master_add(&w.idx, &f_ops, NULL, &m->n), 0);
	ASSERT_TRUE(is_bound(m, s));
	rm(s);
	rm(m);
	return true;
}

/* Slave's RoCE enable fails: waits once with fw_error, then binds later. */
static bool test_mp_fw_slave_roce(void)
{
	struct fake_fn *m, *s;

	world_init();
	s = slave(1, 0x10, 2);
	s->fail_roce = -5;
	m = master(0, 0x10);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_FW_ERROR));
	ASSERT_EQ(w.idx.nwaiting, 1);
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_FALSE(m->n.slave[1]);
	rm(m);
	m = master(2, 0x10);
	ASSERT_TRUE(is_bound(m, s));
	rm(s);
	rm(m);
	return true;
}

/*
 * Affiliation fails: the bind is undone as mlx5_ib_bind_slave_port's
 * error path does: the port record, then the affiliation is cleared even
 * though writing it failed, and RoCE, already rolled back by the failed
 * write, is not disabled twice.
 */
static bool test_mp_fw_affiliate(void)
{
	struct fake_fn *m, *s;

	world_init();
	m = master(0, 0x10);
	s = mk(1, 0x10, MLXSIM_FN_PF, MLXSIM_ROLE_SLAVE, 2);
	s->fail_aff = -5;
	mlxsim_mp_slave_add(&w.idx, &f_ops, NULL, &s->n);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_FW_ERROR));
	ASSERT_EQ(s->aff_clears, 1);
	ASSERT_EQ(s->roce_users, 0);
	ASSERT_EQ(s->fw_roce_en, 0);
	ASSERT_FALSE(s->attached);
	ASSERT_EQ(w.idx.nwaiting, 1);
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_EQ(w.rescans, 0);
	rm(m);
	/* same slave, other master: listed once, bound now */
	ASSERT_EQ(w.idx.nwaiting, 1);
	m = master(2, 0x10);
	ASSERT_TRUE(is_bound(m, s));
	rm(s);
	rm(m);
	return true;
}

/* The netdev attach fails: the bind fails, fully undone. */
static bool test_mp_attach_fails(void)
{
	struct fake_fn *m, *s;

	world_init();
	m = master(0, 0x10);
	s = mk(1, 0x10, MLXSIM_FN_PF, MLXSIM_ROLE_SLAVE, 2);
	s->fail_attach = -12;
	mlxsim_mp_slave_add(&w.idx, &f_ops, NULL, &s->n);
	ASSERT_TRUE(is_waiting(s, MLXSIM_MP_REASON_FW_ERROR));
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_EQ(s->fw_vhca, 0);
	ASSERT_EQ(s->aff_clears, 1);
	ASSERT_EQ(s->roce_users, 0);
	ASSERT_EQ(s->fw_roce_en, 0);
	ASSERT_EQ(w.rescans, 0);
	ASSERT_EQ(w.binds, 0);
	rm(s);
	rm(m);
	return true;
}

/* Unaffiliate fails: unbind completes, RoCE stays enabled (by design). */
static bool test_mp_fw_unaffiliate(void)
{
	struct fake_fn *m, *s;

	world_init();
	m = master(0, 0x10);
	s = slave(1, 0x10, 2);
	s->fail_unaff = -5;
	rm(m);
	ASSERT_EQ(s->n.state, MLXSIM_MP_UNAFFILIATED);
	ASSERT_EQ(s->n.queued, 1);
	ASSERT_EQ(w.idx.nwaiting, 1);
	ASSERT_FALSE(s->n.master);
	ASSERT_EQ(m->port_fn[1], 0);
	ASSERT_EQ(s->roce_users, 1);
	ASSERT_EQ(s->fw_roce_en, 1);
	ASSERT_EQ(m->roce_users, 0);
	/* a new master: enable count 1->2 sends nothing, then back to 1 */
	m = master(2, 0x10);
	ASSERT_EQ(s->n.state, MLXSIM_MP_BOUND);
	ASSERT_EQ(s->roce_users, 2);
	rm(s);
	ASSERT_EQ(s->roce_users, 1);
	ASSERT_EQ(s->fw_roce_en, 1);
	rm(m);
	return true;
}

/* RoCE count: command only on 0->1 and 1->0, rolled back on failure. */
static bool test_mp_roce_count(void)
{
	struct fake_fn *f;

	world_init();
	f = mk(0, 1, MLXSIM_FN_PF, MLXSIM_ROLE_MASTER, 1);
	ASSERT_EQ(mlxsim_mp_roce_get(&f_ops, NULL, &f->n), 0);
	ASSERT_EQ(f->fw_roce_en, 1);
	f->fail_roce = -5;	/* not sent: 1->2 */
	ASSERT_EQ(mlxsim_mp_roce_get(&f_ops, NULL, &f->n), 0);
	ASSERT_EQ(f->roce_users, 2);
	ASSERT_EQ(mlxsim_mp_roce_put(&f_ops, NULL, &f->n), 0);
	ASSERT_EQ(mlxsim_mp_roce_put(&f_ops, NULL, &f->n), -5);
	ASSERT_EQ(f->roce_users, 1);
	ASSERT_EQ(f->fw_roce_en, 1);
	ASSERT_EQ(mlxsim_mp_roce_put(&f_ops, NULL, &f->n), 0);
	ASSERT_EQ(f->roce_users, 0);
	ASSERT_EQ(f->fw_roce_en, 0);
	ASSERT_EQ(mlxsim_mp_roce_put(&f_ops, NULL, &f->n), 0);
	ASSERT_EQ(f->roce_users, 0);
	return true;
}

/* Events reach the master only while bound. */
static bool test_mp_event_forwarding(void)
{
	struct fake_fn *m, *s;

	world_init();
	s = slave(1, 0x10, 2);
	ASSERT_FALSE(mlxsim_mp_slave_event(&f_ops, NULL, &s->n));
	m = master(0, 0x10);
	ASSERT_TRUE(mlxsim_mp_slave_event(&f_ops, NULL, &s->n));
	ASSERT_EQ(s->n.events, 1);
	rm(m);
	ASSERT_FALSE(mlxsim_mp_slave_event(&f_ops, NULL, &s->n));
	ASSERT_EQ(s->n.events, 1);
	rm(s);
	return true;
}

/* The first of several waiting slaves of a port binds, in arrival order. */
static bool test_mp_scan_order(void)
{
	struct fake_fn *m, *a, *b;

	world_init();
	a = slave(1, 0x10, 2);
	b = slave(2, 0x10, 2);
	a->fail_roce = -5;
	m = master(0, 0x10);
	ASSERT_TRUE(is_waiting(a, MLXSIM_MP_REASON_FW_ERROR));
	ASSERT_TRUE(is_bound(m, b));
	rm(m);
	m = master(3, 0x10);
	ASSERT_TRUE(is_bound(m, a));
	ASSERT_TRUE(is_waiting(b, MLXSIM_MP_REASON_MASTER_REMOVED));
	rm(a);
	rm(b);
	rm(m);
	ASSERT_EQ(w.idx.nwaiting, 0);
	return true;
}

const struct mlxsim_test mp_tests[] = {
	TEST(test_mp_master_then_slave),
	TEST(test_mp_slave_then_master),
	TEST(test_mp_master_replaced),
	TEST(test_mp_slave_removed_unbound),
	TEST(test_mp_reasons),
	TEST(test_mp_fw_master_roce),
	TEST(test_mp_fw_slave_roce),
	TEST(test_mp_fw_affiliate),
	TEST(test_mp_attach_fails),
	TEST(test_mp_fw_unaffiliate),
	TEST(test_mp_roce_count),
	TEST(test_mp_event_forwarding),
	TEST(test_mp_scan_order),
	{ NULL, NULL }
};
