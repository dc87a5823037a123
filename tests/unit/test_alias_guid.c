// SPDX-License-Identifier: GPL-2.0
/* mlx4's alias GUID service, the decisions (logic/alias_guid.c). */
#include "harness.h"
#include "mlxsim/alias_guid.h"

#define S 1000000000ULL		/* one second, ns */
#define G(n) (0x0002c90000000000ULL + (n))

/* A port whose slaves 1..@n want @admin (0: the SM chooses). */
static void ag_setup(struct mlxsim_ag_port *p, u32 n, u64 admin)
{
	u32 s;

	mlxsim_ag_port_init(p);
	for (s = 1; s <= n; s++)
		p->rec[s / 8].want[s % 8] = admin ? admin + s : 0;
	p->need_init = false;
	for (s = 0; s < MLXSIM_AG_RECS; s++)
		mlxsim_ag_invalidate(p, s);
}

static bool test_ag_init_asks_nothing(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_req req;

	/* every entry a delete, the port GUID never asked: idle records hold
	 * nothing to send
	 */
	mlxsim_ag_port_init(&p);
	ASSERT_TRUE(p.need_init);
	ASSERT_FALSE(mlxsim_ag_next(&p, 0, &req, NULL));
	/* before the admin GUIDs load, a slave event is ignored as upstream */
	ASSERT_FALSE(mlxsim_ag_slave_event(&p, 1, true, G(1)));
	return true;
}

static bool test_ag_set_assigned(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_req req;
	struct mlxsim_ag_outcome out;
	struct mlxsim_ag_notify n;
	u64 sm[8] = { 0 }, cache[MLXSIM_AG_PER_PORT] = { 0 };
	u32 delay;

	ag_setup(&p, 3, 0);
	ASSERT_TRUE(mlxsim_ag_next(&p, 5 * S, &req, &delay));
	ASSERT_EQ(req.block, 0u);
	ASSERT_EQ(req.method, MLXSIM_AG_METHOD_SET);
	/* entries 1-3; entry 0 (the port GUID) and the unused ones are
	 * deletes
	 */
	ASSERT_EQ(req.mask, 0x0e);
	ASSERT_EQ(delay, 0u);
	sm[1] = G(0x101);
	sm[2] = G(0x102);
	sm[3] = G(0x103);
	mlxsim_ag_answer(&p, &req, true, sm, 5 * S, &out);
	ASSERT_EQ(out.kept, 0x0e);
	ASSERT_EQ(out.declined, 0);
	/* the SM chose them: they become the admin GUIDs */
	ASSERT_EQ(out.admin, 0x0e);
	ASSERT_EQ(p.rec[0].want[2], G(0x102));
	ASSERT_EQ(p.rec[0].status, MLXSIM_AG_REC_SET);
	ASSERT_FALSE(mlxsim_ag_next(&p, 5 * S, &req, NULL));
	/* the SA answer before the SM's SubnSet: the cache does not hold
	 * them yet, nobody is told
	 */
	mlxsim_ag_notify(&p, 0, sm, cache, 3, &n);
	ASSERT_EQ(n.changed, 0);
	/* the snoop: cache, then GID_CHANGE and valid for slaves 1-3 */
	mlxsim_ag_cache_update(&p, 0, sm, cache, 3);
	ASSERT_EQ(cache[2], G(0x102));
	ASSERT_EQ(cache[0], 0u);
	mlxsim_ag_notify(&p, 0, sm, cache, 3, &n);
	ASSERT_EQ(n.changed, 0x0e);
	ASSERT_EQ(n.valid, 0x0e);
	ASSERT_EQ(p.rec[0].pending, 0);
	/* a second snoop of the same block: done, nobody told again */
	mlxsim_ag_notify(&p, 0, sm, cache, 3, &n);
	ASSERT_EQ(n.changed, 0);
	return true;
}

static bool test_ag_declined_backoff(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_req req;
	struct mlxsim_ag_outcome out;
	u64 sm[8] = { 0 };
	u32 i, delay, want[] = { 1, 2, 4, 8, 16, 32, 60, 60 };

	ag_setup(&p, 1, G(0x500));
	for (i = 0; i < 8; i++) {
		ASSERT_TRUE(mlxsim_ag_next(&p, 100 * S, &req, &delay));
		ASSERT_EQ(req.mask, 0x02);
		/* the SM kept another value: the admin's is asked again */
		sm[1] = G(0x999);
		mlxsim_ag_answer(&p, &req, true, sm, 100 * S, &out);
		ASSERT_EQ(out.declined, 0x02);
		ASSERT_EQ(out.admin, 0);
		ASSERT_EQ(out.retry_s, want[i]);
		ASSERT_EQ(p.rec[0].want[1], G(0x501));
	}
	ASSERT_TRUE(mlxsim_ag_next(&p, 130 * S, &req, &delay));
	ASSERT_EQ(delay, 30u);
	/* accepted at last: the backoff starts over */
	sm[1] = G(0x501);
	mlxsim_ag_answer(&p, &req, true, sm, 160 * S, &out);
	ASSERT_EQ(out.kept, 0x02);
	ASSERT_EQ(out.admin, 0);
	ASSERT_EQ(p.rec[0].retry_s[1], 0u);
	return true;
}

static bool test_ag_failed_query(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_req req;
	struct mlxsim_ag_outcome out;
	u32 delay;

	ag_setup(&p, 2, 0);
	ASSERT_TRUE(mlxsim_ag_next(&p, 0, &req, NULL));
	mlxsim_ag_answer(&p, &req, false, NULL, 10 * S, &out);
	ASSERT_EQ(out.declined, 0x06);
	ASSERT_EQ(out.retry_s, 1u);
	ASSERT_TRUE(mlxsim_ag_next(&p, 10 * S, &req, &delay));
	ASSERT_EQ(delay, 1u);
	/* a moment later it is still a second away, not due now */
	ASSERT_TRUE(mlxsim_ag_next(&p, 10 * S + 1000, &req, &delay));
	ASSERT_EQ(delay, 1u);
	ASSERT_TRUE(mlxsim_ag_next(&p, 11 * S, &req, &delay));
	ASSERT_EQ(delay, 0u);
	/* not sent (port down): invalidated, due in 5 s */
	mlxsim_ag_resend(&p, req.block, 10 * S, 5);
	ASSERT_TRUE(mlxsim_ag_next(&p, 10 * S, &req, &delay));
	ASSERT_EQ(delay, 5u);
	return true;
}

static bool test_ag_slave_shutdown_deletes(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_req req;
	struct mlxsim_ag_outcome out;
	struct mlxsim_ag_notify n;
	u64 sm[8] = { 0 }, cache[MLXSIM_AG_PER_PORT] = { 0 };

	ag_setup(&p, 9, G(0x700));
	/* slaves 8 and 9 are entries 0 and 1 of block 1 */
	ASSERT_TRUE(mlxsim_ag_next(&p, 0, &req, NULL));
	ASSERT_EQ(req.block, 0u);
	p.rec[0].status = MLXSIM_AG_REC_SET;
	ASSERT_TRUE(mlxsim_ag_next(&p, 0, &req, NULL));
	ASSERT_EQ(req.block, 1u);
	ASSERT_EQ(req.mask, 0x03);
	sm[0] = G(0x708);
	sm[1] = G(0x709);
	mlxsim_ag_answer(&p, &req, true, sm, 0, &out);
	mlxsim_ag_cache_update(&p, 1, sm, cache, 9);
	mlxsim_ag_notify(&p, 1, sm, cache, 9, &n);
	ASSERT_EQ(n.first, 8);
	ASSERT_EQ(n.valid, 0x03);
	/* the VF goes away: its GUID is deleted */
	ASSERT_TRUE(mlxsim_ag_slave_event(&p, 9, false, 0));
	ASSERT_TRUE(mlxsim_ag_next(&p, 0, &req, NULL));
	ASSERT_EQ(req.block, 1u);
	ASSERT_EQ(req.method, MLXSIM_AG_METHOD_DELETE);
	ASSERT_EQ(req.mask, 0x02);
	sm[1] = 0;
	mlxsim_ag_answer(&p, &req, true, sm, 0, &out);
	ASSERT_EQ(out.kept, 0x02);
	mlxsim_ag_cache_update(&p, 1, sm, cache, 9);
	mlxsim_ag_notify(&p, 1, sm, cache, 9, &n);
	/* told, and not valid: its port leaves UP */
	ASSERT_EQ(n.changed, 0x02);
	ASSERT_EQ(n.valid, 0);
	/* a second shutdown has nothing to delete; slave 0 is never one */
	ASSERT_FALSE(mlxsim_ag_slave_event(&p, 9, false, 0));
	ASSERT_FALSE(mlxsim_ag_slave_event(&p, 0, true, G(1)));
	ASSERT_FALSE(mlxsim_ag_slave_event(&p, 9, true, MLXSIM_AG_DELETE));
	return true;
}

static bool test_ag_max_slave_bounds(void)
{
	struct mlxsim_ag_port p;
	struct mlxsim_ag_notify n;
	u64 data[8], cache[MLXSIM_AG_PER_PORT] = { 0 };
	u32 i;

	/* a GUIDInfo block beyond the last VF touches nothing */
	ag_setup(&p, 2, 0);
	for (i = 0; i < 8; i++)
		data[i] = G(0x800 + i);
	p.rec[0].pending = 0xff;
	mlxsim_ag_cache_update(&p, 0, data, cache, 2);
	ASSERT_EQ(cache[2], G(0x802));
	ASSERT_EQ(cache[3], 0u);
	mlxsim_ag_notify(&p, 0, data, cache, 2, &n);
	ASSERT_EQ(n.changed, 0);	/* asked for 0: some other value */
	p.rec[1].pending = 0xff;
	mlxsim_ag_cache_update(&p, 1, data, cache, 2);
	ASSERT_EQ(cache[8], 0u);
	return true;
}

const struct mlxsim_test alias_guid_tests[] = {
	TEST(test_ag_init_asks_nothing),
	TEST(test_ag_set_assigned),
	TEST(test_ag_declined_backoff),
	TEST(test_ag_failed_query),
	TEST(test_ag_slave_shutdown_deletes),
	TEST(test_ag_max_slave_bounds),
	{ NULL, NULL },
};
