// SPDX-License-Identifier: GPL-2.0
/* Delivery of P_Key change events to the master and to VFs. */
#include "pv_internal.h"
#include "mlxsim_trace.h"

void __mlxsim_pv_event(struct mlxsim_pv *pv, u32 slave, u32 port)
{
	u64 count;

	lockdep_assert_held(&pv->lock);
	count = ++pv->events[slave][port - 1];
	if (slave)
		pv->port[port - 1].vf_events++;
	else
		pv->port[port - 1].master_events++;
	trace_mlxsim_pkey_event(mlxsim_pv_id(pv), port, slave,
				slave ? MLXSIM_PKEY_TO_SLAVE :
				MLXSIM_PKEY_TO_MASTER, count);
	if (!slave)
		mlxsim_ib_pkey_change(pv->fn, port);
}
