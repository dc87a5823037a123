// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsim: a simulated Mellanox device and the driver logic on top of it,
 * multiport RoCE affiliation (mlx5) and P_Key paravirtualization (mlx4),
 * made visible through debugfs tables and tracepoints.
 */
#include <linux/debugfs.h>
#include <linux/module.h>

#include "mlxsim.h"

struct dentry *mlxsim_debugfs_root;

static int __init mlxsim_init(void)
{
	int err;

	mlxsim_debugfs_root = debugfs_create_dir(DRV_NAME, NULL);
	err = mlxsim_ib_init();
	if (err)
		goto err_debugfs;
	err = mlxsim_mp_init();
	if (err)
		goto err_ib;
	mlxsim_fail_add_debugfs_init();
	err = mlxsim_bus_init();
	if (err)
		goto err_mp;
	return 0;

err_mp:
	mlxsim_mp_exit();
err_ib:
	mlxsim_ib_exit();
err_debugfs:
	debugfs_remove_recursive(mlxsim_debugfs_root);
	return err;
}

static void __exit mlxsim_exit(void)
{
	/* an unbind may be waiting for them, holding mlxsim_lock */
	mlxsim_mp_release_all_holds();
	/* removes every function still present */
	mlxsim_bus_exit();
	mlxsim_mp_exit();
	mlxsim_ib_exit();
	debugfs_remove_recursive(mlxsim_debugfs_root);
}

module_init(mlxsim_init);
module_exit(mlxsim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated Mellanox device: multiport RoCE affiliation and P_Key paravirtualization");
MODULE_AUTHOR("mlxsim developers");
