// SPDX-License-Identifier: GPL-2.0
/*
 * Delivery of the driver's events: P_Key changes to the master and to the
 * VFs whose view changed; port management changes (an SM moved the LID,
 * the SM, asked for a client reregister) to the master's ib_core device
 * and to every active VF, as mlx4_gen_slaves_port_mgt_ev.
 */
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
	if (slave)
		mlxsim_ib_vf_event(pv->fn, slave, port,
				   MLXSIM_IB_EV_PKEY_CHANGE);
	else
		mlxsim_ib_event(pv->fn, port, MLXSIM_IB_EV_PKEY_CHANGE);
}

/* A port management event to VF @s, and to its ib_core device. */
void __mlxsim_pv_vf_event(struct mlxsim_pv *pv, u32 s, u32 port,
			  enum mlxsim_ib_event ev)
{
	u64 count = ++pv->mgmt_events[s][port - 1][ev];

	trace_mlxsim_vf_event(mlxsim_pv_id(pv), port, s, ev, count);
	mlxsim_ib_vf_event(pv->fn, s, port, ev);
}

/* One event of kind @ev to every active VF on @port. */
static void __mlxsim_pv_vf_events(struct mlxsim_pv *pv, u32 port,
				  enum mlxsim_ib_event ev)
{
	u32 s;

	lockdep_assert_held(&pv->lock);
	for (s = 1; s <= pv->vfs; s++)
		if (mlxsim_pkey_active(pv->t, s))
			__mlxsim_pv_vf_event(pv, s, port, ev);
}

/*
 * The PF port entered or left ACTIVE: every slave's port takes the step
 * (set_and_calc_slave_port_state) and an active VF whose port came up or
 * went down is told (PORT_ACTIVE / PORT_ERR).
 */
void __mlxsim_pv_port_change(struct mlxsim_pv *pv, u32 port, bool up)
{
	u8 ev = up ? MLXSIM_SLAVE_EV_PORT_UP : MLXSIM_SLAVE_EV_PORT_DOWN;
	enum mlxsim_slave_gen_event gen;
	u8 *st, old;
	u32 s;

	lockdep_assert_held(&pv->lock);
	/* mlx4_ib_event's PORT_UP: the alias GUIDs are asked again */
	if (up)
		__mlxsim_pv_ag_invalidate_all(pv, port);
	for (s = 1; s <= pv->vfs; s++) {
		st = &pv->port_state[s][port - 1];
		old = *st;
		/* the GID is valid once the SM assigned the alias GUID */
		gen = mlxsim_slave_port_step(st, ev,
					     __mlxsim_pv_gid_valid(pv, s, port));
		if (old != *st)
			trace_mlxsim_slave_port_state(mlxsim_pv_id(pv), port, s,
						      old, *st, ev);
		if (gen == MLXSIM_SLAVE_GEN_NONE || !mlxsim_pkey_active(pv->t, s))
			continue;
		__mlxsim_pv_vf_event(pv, s, port, gen == MLXSIM_SLAVE_GEN_UP ?
				     MLXSIM_IB_EV_PORT_ACTIVE :
				     MLXSIM_IB_EV_PORT_ERR);
	}
}

/*
 * What an SM changed on @port (MLXSIM_MNG_CHG_* bits), from the snoop or
 * from PORT_MNG_CHG_EV (handle_port_mgmt_change_event): the master's
 * ib_core event for each, and the VFs'.  GUIDs are the guests' own
 * business (alias GUIDs): the master only hears GID_CHANGE.
 */
void __mlxsim_pv_port_mgmt(struct mlxsim_pv *pv, u32 port, u32 changed)
{
	static const struct {
		u32 bit;
		enum mlxsim_ib_event ev;
		bool vfs;
	} kinds[] = {
		{ MLXSIM_MNG_CHG_LID, MLXSIM_IB_EV_LID_CHANGE, true },
		{ MLXSIM_MNG_CHG_SM, MLXSIM_IB_EV_SM_CHANGE, true },
		{ MLXSIM_MNG_CHG_CLIENT_REREG, MLXSIM_IB_EV_CLIENT_REREGISTER,
		  true },
		{ MLXSIM_MNG_CHG_GUID, MLXSIM_IB_EV_GID_CHANGE, false },
	};
	u32 i;

	lockdep_assert_held(&pv->lock);
	/* handle_client_rereg_event: the alias GUIDs are asked again */
	if (changed & MLXSIM_MNG_CHG_CLIENT_REREG)
		__mlxsim_pv_ag_invalidate_all(pv, port);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!(changed & kinds[i].bit))
			continue;
		/*
		 * A master's own GUID (entry 0) never changes: a GUIDInfo
		 * change is its VFs' business (smp_snoop)
		 */
		if (kinds[i].bit == MLXSIM_MNG_CHG_GUID && pv->t)
			continue;
		mlxsim_ib_event(pv->fn, port, kinds[i].ev);
		if (kinds[i].vfs && pv->t)
			__mlxsim_pv_vf_events(pv, port, kinds[i].ev);
	}
}
