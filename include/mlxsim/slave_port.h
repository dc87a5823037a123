/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlx4's slave port state machine (set_and_calc_slave_port_state): what
 * a VF's IB port is, from the PF port's state and the validity of the
 * VF's GID (its alias GUID, which the SM must have assigned).
 */
#ifndef MLXSIM_SLAVE_PORT_H
#define MLXSIM_SLAVE_PORT_H

#include "mlxsim/types.h"

/* What the step asks the driver to tell the VF (SLAVE_PORT_GEN_EVENT_*). */
enum mlxsim_slave_gen_event {
	MLXSIM_SLAVE_GEN_NONE,
	MLXSIM_SLAVE_GEN_UP,		/* PORT_ACTIVE */
	MLXSIM_SLAVE_GEN_DOWN,		/* PORT_ERR */
};

/*
 * One event on a slave port in @state; returns the event to send, and
 * moves @state.  DOWN --port_up--> PENDING_UP (GID not valid) or UP;
 * PENDING_UP --gid_valid--> UP; UP --gid_invalid--> PENDING_UP; any
 * --port_down--> DOWN.  Anything else changes nothing.
 */
enum mlxsim_slave_gen_event mlxsim_slave_port_step(u8 *state, u8 event,
						   bool gid_valid);

#endif /* MLXSIM_SLAVE_PORT_H */
