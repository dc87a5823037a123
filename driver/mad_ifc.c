// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's own questions to the firmware's SMA, through MAD_IFC as
 * mlx4_ib asks them (mlx4_MAD_IFC with MLX4_MAD_IFC_IGNORE_KEYS): one
 * SubnGet of an attribute, answered from what the firmware holds.
 */
#include <linux/slab.h>

#include "mlxsim.h"

/*
 * SubnGet(@attr_id, @attr_mod) on @port; the 64 data bytes of the answer
 * in @data.  Quiet (see struct mlxsim_cmd): the callers are observers,
 * ib_core refreshing its caches and the debugfs tables.
 */
int mlxsim_mad_ifc_get(struct mlxsim_fn *fn, u32 port, u16 attr_id,
		       u32 attr_mod, u8 *data)
{
	struct mlxsim_smp get = {
		.base_version = MLXSIM_MAD_BASE_VERSION,
		.mgmt_class = MLXSIM_MGMT_CLASS_SMI,
		.class_version = 1,
		.method = MLXSIM_MAD_METHOD_GET,
		.attr_id = attr_id,
		.attr_mod = attr_mod,
	};
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MAD_IFC,
		.port = port,
		.quiet = true,
	};
	u8 *buf;
	int err;

	buf = kzalloc(2 * MLXSIM_MAD_BYTES, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mlxsim_mad_build(buf, &get);
	cmd.mad.in = buf;
	cmd.mad.out = buf + MLXSIM_MAD_BYTES;
	err = mlxsim_cmd_exec(fn, &cmd);
	if (!err && cmd.mad_status)
		err = -EINVAL;
	if (!err)
		memcpy(data, cmd.mad.out + MLXSIM_SMP_DATA_OFF,
		       MLXSIM_SMP_DATA_BYTES);
	kfree(buf);
	return err;
}

int mlxsim_mad_ifc_pkey_block(struct mlxsim_fn *fn, u32 port, u32 block,
			      u16 *pkeys)
{
	u8 data[MLXSIM_SMP_DATA_BYTES];
	int err, i;

	err = mlxsim_mad_ifc_get(fn, port, MLXSIM_ATTR_PKEY_TABLE, block, data);
	for (i = 0; !err && i < MLXSIM_PKEY_BLOCK; i++)
		pkeys[i] = (u16)data[2 * i] << 8 | data[2 * i + 1];
	return err;
}

int mlxsim_mad_ifc_pkey(struct mlxsim_fn *fn, u32 port, u16 index, u16 *pkey)
{
	u16 block[MLXSIM_PKEY_BLOCK];
	int err;

	if (index >= fn->p.pkeys)
		return -EINVAL;
	err = mlxsim_mad_ifc_pkey_block(fn, port, index / MLXSIM_PKEY_BLOCK,
					block);
	if (!err)
		*pkey = block[index % MLXSIM_PKEY_BLOCK];
	return err;
}
