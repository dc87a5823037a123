// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's MADs to its own port's SMA, through the PF as mlx4's
 * mlx4_MAD_IFC_wrapper takes them: the firmware answers a SubnGet and
 * the PF rewrites the answer into the guest's view (its virtual P_Key
 * table, its GUID, its node and port GUIDs, its port state); a SubnSet
 * from a VF without SMI rights is refused with -EPERM and changes
 * nothing.  A VF with SMI rights (enable_smi_admin) is the PF's equal:
 * its SMPs take the PF's own path, snoop included.
 */
#include <linux/slab.h>

#include "pv_internal.h"
#include "mlxsim_trace.h"

/*
 * A VF's default GUID on a port (0: its node GUID): Mellanox's OUI, the
 * master's ID, the slave and the port, stable and unique on the bus.
 * It is the VF's admin GUID until an admin changes it (pv_alias_guid.c).
 */
u64 mlxsim_vf_guid(const struct mlxsim_fn *fn, u32 slave, u32 port)
{
	return 0x0002c9ULL << 40 | (u64)(fn->p.id & 0xffff) << 24 |
	       (u64)(slave & 0xffff) << 8 | port;
}

/* The firmware's answer @data, as the guest @slave must see it. */
static void __mlxsim_pv_vf_view(struct mlxsim_pv *pv, u32 slave, u32 port,
				const struct mlxsim_smp *smp, u8 *data)
{
	u32 i, idx;
	u16 pkey;

	lockdep_assert_held(&pv->lock);
	switch (smp->attr_id) {
	case MLXSIM_ATTR_PKEY_TABLE:
		for (i = 0; i < MLXSIM_PKEY_BLOCK; i++) {
			idx = mlxsim_smp_pkey_block(smp) * MLXSIM_PKEY_BLOCK + i;
			pkey = mlxsim_pkey_guest(pv->t, slave, port, idx);
			data[2 * i] = pkey >> 8;
			data[2 * i + 1] = pkey;
		}
		break;
	case MLXSIM_ATTR_GUID_INFO:
		/* its admin GUID alone, as the wrapper answers */
		memset(data, 0, MLXSIM_SMP_DATA_BYTES);
		mlxsim_put_be64(data, __mlxsim_pv_vf_guid(pv, slave, port));
		break;
	case MLXSIM_ATTR_NODE_INFO:
		mlxsim_put_be64(data + MLXSIM_NI_NODE_GUID,
				mlxsim_vf_guid(pv->fn, slave, 0));
		mlxsim_put_be64(data + MLXSIM_NI_PORT_GUID,
				__mlxsim_pv_vf_guid(pv, slave, port));
		/* a ConnectX-3 virtual function */
		mlxsim_put_be16(data + MLXSIM_NI_DEVICE_ID, 0x1004);
		break;
	case MLXSIM_ATTR_PORT_INFO:
		data[MLXSIM_PI_STATE] &= 0xf0;
		data[MLXSIM_PI_STATE] |=
			pv->port_state[slave][port - 1] == MLXSIM_SLAVE_PORT_UP ?
			MLXSIM_IB_PORT_ACTIVE : MLXSIM_IB_PORT_DOWN;
		data[MLXSIM_PI_CAP_MASK + 3] &= ~MLXSIM_IB_CAP_SM;
		data[MLXSIM_PI_GUID_CAP] = 1;
		break;
	}
}

int mlxsim_pv_vf_mad(struct mlxsim_pv *pv, u32 slave, u32 port, const u8 *in,
		     u8 *out, u16 *status)
{
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MAD_IFC,
		.port = port,
		.mad = { .in = in, .out = out },
	};
	struct mlxsim_smp smp;
	bool discard, smi;
	int err;

	if (!pv->t || slave < 1 || slave > pv->vfs || port < 1 ||
	    port > pv->ports)
		return -EINVAL;
	mlxsim_mad_parse(in, MLXSIM_MAD_BYTES, &smp);
	mutex_lock(&pv->lock);
	smi = pv->slaves[slave].smi_enabled;
	mutex_unlock(&pv->lock);
	if (smp.method != MLXSIM_MAD_METHOD_GET) {
		if (!smi) {
			trace_mlxsim_vf_mad_reject(mlxsim_pv_id(pv), port, slave,
						   smp.mgmt_class, smp.method,
						   smp.attr_id, -EPERM);
			return -EPERM;
		}
		err = mlxsim_mad_deliver(pv->fn, port, in, out,
					 MLXSIM_MAD_SRC_LOCAL, status, &discard);
		return !err && discard ? -EACCES : err;
	}
	err = mlxsim_cmd_exec(pv->fn, &cmd);
	if (err)
		return err;
	*status = cmd.mad_status;
	if (!cmd.mad_status && !smi) {
		mutex_lock(&pv->lock);
		__mlxsim_pv_vf_view(pv, slave, port, &smp,
				    out + MLXSIM_SMP_DATA_OFF);
		mutex_unlock(&pv->lock);
	}
	return 0;
}
