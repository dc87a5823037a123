// SPDX-License-Identifier: GPL-2.0
/* mlx4's slave port state machine: see include/mlxsim/slave_port.h. */
#include "mlxsim/slave_port.h"

enum mlxsim_slave_gen_event mlxsim_slave_port_step(u8 *state, u8 event,
						   bool gid_valid)
{
	u8 was = *state;

	switch (event) {
	case MLXSIM_SLAVE_EV_PORT_UP:
		if (was == MLXSIM_SLAVE_PORT_DOWN)
			*state = gid_valid ? MLXSIM_SLAVE_PORT_UP :
					     MLXSIM_SLAVE_PORT_PENDING_UP;
		break;
	case MLXSIM_SLAVE_EV_PORT_DOWN:
		*state = MLXSIM_SLAVE_PORT_DOWN;
		break;
	case MLXSIM_SLAVE_EV_GID_VALID:
		if (was == MLXSIM_SLAVE_PORT_PENDING_UP)
			*state = MLXSIM_SLAVE_PORT_UP;
		break;
	case MLXSIM_SLAVE_EV_GID_INVALID:
		if (was == MLXSIM_SLAVE_PORT_UP)
			*state = MLXSIM_SLAVE_PORT_PENDING_UP;
		break;
	}
	if (was != MLXSIM_SLAVE_PORT_UP && *state == MLXSIM_SLAVE_PORT_UP)
		return MLXSIM_SLAVE_GEN_UP;
	if (was == MLXSIM_SLAVE_PORT_UP && *state != MLXSIM_SLAVE_PORT_UP)
		return MLXSIM_SLAVE_GEN_DOWN;
	return MLXSIM_SLAVE_GEN_NONE;
}
