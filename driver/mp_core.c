// SPDX-License-Identifier: GPL-2.0
/*
 * Multiport RoCE affiliation (mlx5 style).  Foundation slice: masters own
 * their native port; binding of slaves arrives with the multiport work.
 */
#include "mlxsim.h"

int mlxsim_mp_init(void)
{
	return 0;
}

void mlxsim_mp_exit(void)
{
}

int __mlxsim_mp_fn_add(struct mlxsim_fn *fn)
{
	return 0;
}

void __mlxsim_mp_fn_remove(struct mlxsim_fn *fn)
{
	u32 i;

	if (!fn->ibdev)
		return;
	for (i = 0; i < fn->ibdev->nports; i++)
		mlxsim_port_release_holds(&fn->ibdev->port[i]);
}
