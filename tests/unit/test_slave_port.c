// SPDX-License-Identifier: GPL-2.0
/* mlx4's slave port state machine (logic/slave_port.c). */
#include "harness.h"
#include "mlxsim/slave_port.h"

static bool test_slave_port_up_needs_gid(void)
{
	u8 st = MLXSIM_SLAVE_PORT_DOWN;

	/* no valid GID: pending, nothing told */
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_PORT_UP, false),
		  MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_PENDING_UP);
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_GID_VALID, true),
		  MLXSIM_SLAVE_GEN_UP);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_UP);
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_GID_INVALID,
					 false), MLXSIM_SLAVE_GEN_DOWN);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_PENDING_UP);
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_PORT_DOWN, false),
		  MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_DOWN);
	return true;
}

static bool test_slave_port_up_down(void)
{
	u8 st = MLXSIM_SLAVE_PORT_DOWN;

	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_PORT_UP, true),
		  MLXSIM_SLAVE_GEN_UP);
	/* a second port up, a GID valid again: nothing new */
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_PORT_UP, true),
		  MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_GID_VALID, true),
		  MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_PORT_DOWN, true),
		  MLXSIM_SLAVE_GEN_DOWN);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_DOWN);
	/* a GID event on a down port changes nothing */
	ASSERT_EQ(mlxsim_slave_port_step(&st, MLXSIM_SLAVE_EV_GID_VALID, true),
		  MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_DOWN);
	ASSERT_EQ(mlxsim_slave_port_step(&st, 77, true), MLXSIM_SLAVE_GEN_NONE);
	ASSERT_EQ(st, MLXSIM_SLAVE_PORT_DOWN);
	return true;
}

const struct mlxsim_test slave_port_tests[] = {
	TEST(test_slave_port_up_needs_gid),
	TEST(test_slave_port_up_down),
	{ NULL, NULL },
};
