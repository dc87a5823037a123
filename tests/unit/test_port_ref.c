// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the native-port reference protocol (logic/port_ref.c):
 * who counts, the drain, the cap that keeps counts from wrapping, held
 * references, and removals draining without the bus lock.
 */
#include "harness.h"
#include "mlxsim/port_ref.h"

static struct mlxsim_port_ref slave_port(void)
{
	struct mlxsim_port_ref r = { 0 };

	mlxsim_port_ref_set_fn(&r, true, true);
	return r;
}

static bool test_port_ref_owner_not_counted(void)
{
	struct mlxsim_port_ref r = { 0 };
	enum mlxsim_mdev_result res;

	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_NO_FUNCTION);
	mlxsim_port_ref_set_fn(&r, true, false);
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_OWN);
	ASSERT_EQ(r.refcnt, 0);
	ASSERT_FALSE(mlxsim_port_ref_put(&r, 1));
	/* holding the owner's port pins nothing and counts nothing */
	ASSERT_EQ(mlxsim_port_ref_hold(&r, 3, &res), 0);
	ASSERT_EQ(res, MLXSIM_MDEV_OWN);
	ASSERT_EQ(r.held, 0);
	ASSERT_EQ(mlxsim_port_ref_unhold(&r, 1), -ERANGE);
	return true;
}

static bool test_port_ref_drain(void)
{
	struct mlxsim_port_ref r = slave_port();

	ASSERT_EQ(mlxsim_port_ref_get(&r, 2), MLXSIM_MDEV_REFCOUNTED);
	ASSERT_FALSE(mlxsim_port_ref_put(&r, 1));
	ASSERT_EQ(mlxsim_port_ref_drain(&r), 1);
	ASSERT_FALSE(mlxsim_port_ref_up(&r));
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_UNAFFILIATING);
	ASSERT_FALSE(mlxsim_port_ref_drained(&r));
	/* the last put while draining wakes the unbind */
	ASSERT_TRUE(mlxsim_port_ref_put(&r, 1));
	ASSERT_TRUE(mlxsim_port_ref_drained(&r));
	mlxsim_port_ref_set_fn(&r, false, false);
	ASSERT_EQ(r.refcnt, 0);
	ASSERT_FALSE(r.unaffiliating);
	return true;
}

static bool test_port_ref_never_wraps(void)
{
	struct mlxsim_port_ref r = slave_port();
	enum mlxsim_mdev_result res;
	u32 i;

	for (i = 0; i < MLXSIM_PORT_REFS_MAX / (1U << 20); i++)
		ASSERT_EQ(mlxsim_port_ref_hold(&r, 1U << 20, &res), 0);
	ASSERT_EQ(r.refcnt, MLXSIM_PORT_REFS_MAX);
	ASSERT_EQ(mlxsim_port_ref_hold(&r, 1, &res), -ERANGE);
	ASSERT_EQ(res, MLXSIM_MDEV_LIMIT);
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_LIMIT);
	ASSERT_EQ(r.refcnt, MLXSIM_PORT_REFS_MAX);
	ASSERT_EQ(r.held, MLXSIM_PORT_REFS_MAX);
	/* a put of more than there is clamps, never wraps */
	mlxsim_port_ref_put(&r, ~0U);
	ASSERT_EQ(r.refcnt, 0);
	ASSERT_EQ(r.held, 0);
	return true;
}

static bool test_port_ref_held(void)
{
	struct mlxsim_port_ref r = slave_port();
	enum mlxsim_mdev_result res;

	ASSERT_EQ(mlxsim_port_ref_hold(&r, 4, &res), 0);
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_REFCOUNTED);
	ASSERT_EQ(r.refcnt, 5);
	ASSERT_EQ(r.held, 4);
	ASSERT_EQ(mlxsim_port_ref_unhold(&r, 5), -ERANGE);
	ASSERT_EQ(r.held, 4);
	ASSERT_EQ(mlxsim_port_ref_unhold(&r, 4), 0);
	mlxsim_port_ref_put(&r, 4);
	ASSERT_EQ(r.refcnt, 1);
	ASSERT_EQ(r.held, 0);
	return true;
}

/* Two removals drain one port unlocked; one is killed and backs out. */
static bool test_port_ref_unlocked_drainers(void)
{
	struct mlxsim_port_ref r = slave_port();
	enum mlxsim_mdev_result res;

	ASSERT_EQ(mlxsim_port_ref_hold(&r, 1, &res), 0);
	mlxsim_port_ref_drain_begin(&r);
	mlxsim_port_ref_drain_begin(&r);
	ASSERT_EQ(r.predrained, 1);
	ASSERT_FALSE(mlxsim_port_ref_up(&r));
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_UNAFFILIATING);
	/* the killed one ends its drain: the other still refuses gets */
	mlxsim_port_ref_drain_end(&r);
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_UNAFFILIATING);
	ASSERT_TRUE(mlxsim_port_ref_put(&r, 1));
	ASSERT_TRUE(mlxsim_port_ref_drained(&r));
	/* the unbind under the lock reports what was waited for unlocked */
	ASSERT_EQ(mlxsim_port_ref_drain(&r), 1);
	r.unaffiliating = false;
	/* the last one backs out too: the port is up again, nothing lost */
	mlxsim_port_ref_drain_end(&r);
	mlxsim_port_ref_drain_end(&r);
	ASSERT_EQ(r.drainers, 0);
	ASSERT_TRUE(mlxsim_port_ref_up(&r));
	ASSERT_EQ(mlxsim_port_ref_get(&r, 1), MLXSIM_MDEV_REFCOUNTED);
	return true;
}

const struct mlxsim_test port_ref_tests[] = {
	TEST(test_port_ref_owner_not_counted),
	TEST(test_port_ref_drain),
	TEST(test_port_ref_never_wraps),
	TEST(test_port_ref_held),
	TEST(test_port_ref_unlocked_drainers),
	{ NULL, NULL },
};
