// SPDX-License-Identifier: GPL-2.0
/*
 * The one path of a MAD a port received (mlx4_ib_process_mad for an IB
 * port): to the firmware as MAD_IFC, then, on status 0, the driver's
 * snoop of what an SM set (smp_snoop): a PKeyTable block into the P_Key
 * cache, a GUIDInfo block into the alias GUID cache, a PortInfo's new
 * LID, SM and ClientReregister into events.
 * Firmware with port_mng_chg_ev raises PORT_MNG_CHG_EV for those itself,
 * and the driver snoops nothing (as mlx4 with
 * MLX4_DEV_CAP_FLAG_PORT_MNG_CHG_EV).  process_mad, and through it
 * umad and the local SMPs of ib_mad, and debugfs port<P>/mad come here.
 */
#include "pv_internal.h"
#include "mlxsim_trace.h"

/* What a PortInfo SET changed, from the port before and the answer. */
static u32 mlxsim_portinfo_changes(const u8 *prev, const u8 *in,
				   const u8 *out)
{
	u32 changed = 0;

	if (mlxsim_get_be16(prev + MLXSIM_PI_LID) != mlxsim_get_be16(out + MLXSIM_PI_LID))
		changed |= MLXSIM_MNG_CHG_LID;
	if (mlxsim_get_be16(prev + MLXSIM_PI_SM_LID) !=
	    mlxsim_get_be16(out + MLXSIM_PI_SM_LID) ||
	    (prev[MLXSIM_PI_MTU_SMSL] & 0xf) != (out[MLXSIM_PI_MTU_SMSL] & 0xf))
		changed |= MLXSIM_MNG_CHG_SM;
	/* the request asks for it; the answer always reads 0 */
	if (in[MLXSIM_PI_CLIENT_REREG] & 0x80)
		changed |= MLXSIM_MNG_CHG_CLIENT_REREG;
	return changed;
}

int mlxsim_mad_deliver(struct mlxsim_fn *fn, u32 port, const u8 *in, u8 *out,
		       u8 source, u16 *status, bool *discard)
{
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MAD_IFC,
		.port = port,
		.mad = { .in = in, .out = out },
	};
	u8 prev[MLXSIM_SMP_DATA_BYTES];
	struct mlxsim_pv *pv = fn->pv;
	bool snoop, portinfo;
	struct mlxsim_smp smp;
	int err;

	mlxsim_mad_parse(in, MLXSIM_MAD_BYTES, &smp);
	snoop = pv && !fn->p.port_mng_chg_ev &&
		mlxsim_smp_class(smp.mgmt_class) &&
		smp.method == MLXSIM_MAD_METHOD_SET;
	portinfo = snoop && smp.attr_id == MLXSIM_ATTR_PORT_INFO;

	/* the cache and the events follow the firmware in MAD order */
	if (pv)
		mutex_lock(&pv->lock);
	/* the port before the SET, as mlx4 reads prev_lid */
	if (portinfo && mlxsim_mad_ifc_get(fn, port, MLXSIM_ATTR_PORT_INFO, 0,
					   prev))
		portinfo = false;
	err = mlxsim_cmd_exec(fn, &cmd);
	if (!err)
		trace_mlxsim_mad(fn->p.id, port, smp.mgmt_class, smp.method,
				 smp.attr_id, smp.attr_mod, cmd.mad_status,
				 source);
	if (!err && !cmd.mad_status && !cmd.mad_discard && snoop) {
		u32 changed;

		if (smp.attr_id == MLXSIM_ATTR_PKEY_TABLE) {
			__mlxsim_pv_snoop(pv, port, smp.mgmt_class,
					  mlxsim_smp_pkey_block(&smp), smp.pkeys,
					  MLXSIM_PKEY_PATH_SNOOP);
		} else if (smp.attr_id == MLXSIM_ATTR_GUID_INFO) {
			/* smp_snoop's GUIDInfo branch: the master's slaves */
			__mlxsim_pv_guid_snoop(pv, port, smp.attr_mod,
					       out + MLXSIM_SMP_DATA_OFF);
		} else if (portinfo) {
			changed = mlxsim_portinfo_changes(prev,
							  in + MLXSIM_SMP_DATA_OFF,
							  out + MLXSIM_SMP_DATA_OFF);
			__mlxsim_pv_port_mgmt(pv, port, changed);
		}
	}
	if (pv)
		mutex_unlock(&pv->lock);
	*status = cmd.mad_status;
	*discard = cmd.mad_discard;
	return err;
}
