// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's own questions to the firmware's SMA, through MAD_IFC as
 * mlx4_ib asks them (__mlx4_ib_query_pkey): a SubnGet(PKeyTable) of one
 * block, answered from the physical table the firmware holds.
 */
#include <linux/slab.h>

#include "mlxsim.h"

/*
 * Quiet MAD_IFCs (see struct mlxsim_cmd): the callers are observers,
 * ib_core's cache refresh and the debugfs tables.
 */
int mlxsim_mad_ifc_pkey_block(struct mlxsim_fn *fn, u32 port, u32 block,
			      u16 *pkeys)
{
	struct mlxsim_smp get = {
		.base_version = MLXSIM_MAD_BASE_VERSION,
		.mgmt_class = MLXSIM_MGMT_CLASS_SMI,
		.class_version = 1,
		.method = MLXSIM_MAD_METHOD_GET,
		.attr_id = MLXSIM_ATTR_PKEY_TABLE,
		.attr_mod = block,
	};
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MAD_IFC,
		.port = port,
		.quiet = true,
	};
	struct mlxsim_smp resp;
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
	if (!err && mlxsim_mad_parse(cmd.mad.out, MLXSIM_MAD_BYTES, &resp))
		err = -EIO;
	if (!err)
		memcpy(pkeys, resp.pkeys, sizeof(resp.pkeys));
	kfree(buf);
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
