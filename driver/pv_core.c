// SPDX-License-Identifier: GPL-2.0
/*
 * P_Key paravirtualization for SR-IOV (mlx4 style).  Foundation slice:
 * the special QP ranges in caps; tables arrive with the P_Key work.
 */
#include "mlxsim.h"

int mlxsim_pv_create(struct mlxsim_fn *fn)
{
	return 0;
}

void mlxsim_pv_destroy(struct mlxsim_fn *fn)
{
}

void mlxsim_pv_caps_show(struct seq_file *s, struct mlxsim_fn *fn)
{
}

int mlxsim_pv_fw_mad_ifc(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	return -EOPNOTSUPP;
}
