// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's add and remove of one function (mlx5_ib_add/remove):
 * firmware bring-up, debugfs, IB device and the role-specific parts.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mlxsim.h"
#include "mlxsim/knobs.h"
#include "mlxsim_trace.h"

static int mlxsim_caps_show(struct seq_file *s, void *unused)
{
	struct mlxsim_fn *fn = s->private;
	const struct mlxsim_params *p = &fn->p;

	seq_printf(s, "id=%u\n", p->id);
	seq_printf(s, "guid=0x%016llx\n", p->guid);
	seq_printf(s, "vhca_ports=%u\n", p->vhca_ports);
	seq_printf(s, "affiliate=%u\n", p->affiliate);
	seq_printf(s, "native_port=%u\n", p->native_port);
	seq_printf(s, "link=%s\n", mlxsim_link_name(p->link));
	seq_printf(s, "ports=%u\n", p->ports);
	seq_printf(s, "vfs=%u\n", p->vfs);
	seq_printf(s, "pkeys=%u\n", p->pkeys);
	seq_printf(s, "type=%s\n", mlxsim_fn_type_name(p->type));
	seq_printf(s, "port_mng_chg_ev=%u\n", p->port_mng_chg_ev);
	seq_printf(s, "role=%s\n", mlxsim_role_name(fn->role));
	seq_printf(s, "vhca_id=%u\n", fn->vhca_id);
	seq_printf(s, "effective_native_port=%u\n", fn->native_port);
	seq_printf(s, "ib_ports=%u\n", fn->ibdev ? fn->ibdev->nports : 0);
	seq_printf(s, "ib_dev=%s\n", mlxsim_ib_name(fn));
	mlxsim_pv_caps_show(s, fn);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_caps);

/*
 * Add-time fault injection, debugfs `fail_add`: "N" makes step N of the
 * next function add fail with -ENOMEM, as if that step ran out of memory
 * (one-shot; "0" disarms).  Every unwind label of the add ladder is a
 * step, so a test walks N = 1, 2... until an add succeeds.  Reads back
 * armed=N and last_steps=M (key=value lines), M the steps the last
 * successful add went through.
 */
static u32 mlxsim_fail_add_armed;	/* under mlxsim_lock */
static u32 mlxsim_add_steps, mlxsim_last_add_steps;

int mlxsim_add_step(struct mlxsim_fn *fn, const char *what)
{
	lockdep_assert_held(&mlxsim_lock);
	if (++mlxsim_add_steps != mlxsim_fail_add_armed)
		return 0;
	mlxsim_fail_add_armed = 0;
	pr_info(DRV_NAME "%u: fail_add: step %u (%s) fails as requested\n",
		fn->p.id, mlxsim_add_steps, what);
	return -ENOMEM;
}

static int mlxsim_fail_add_show(struct seq_file *s, void *unused)
{
	mutex_lock(&mlxsim_lock);
	seq_printf(s, "armed=%u\nlast_steps=%u\n", mlxsim_fail_add_armed,
		   mlxsim_last_add_steps);
	mutex_unlock(&mlxsim_lock);
	return 0;
}

static int mlxsim_fail_add_write(void *priv, const char *buf, size_t len,
				 struct mlxsim_knob_err *e)
{
	u32 n;
	int err;

	err = mlxsim_fail_add_parse(buf, len, &n, e->bad, sizeof(e->bad));
	if (err)
		return err;
	err = mutex_lock_killable(&mlxsim_lock);
	if (err)
		return err;
	mlxsim_fail_add_armed = n;
	mutex_unlock(&mlxsim_lock);
	return 0;
}

DEFINE_MLXSIM_KNOB_RW(mlxsim_fail_add, "fail_add", mlxsim_fail_add_show,
		      mlxsim_fail_add_write);

void mlxsim_fail_add_debugfs_init(void)
{
	debugfs_create_file("fail_add", 0600, mlxsim_debugfs_root, NULL,
			    &mlxsim_fail_add_fops);
}

/*
 * Idempotent: waits for running handlers, then no file reaches @fn.  The
 * device's own files (cmd_stats, fail_cmd) go too: debugfs removes by
 * directory, and a function losing its driver is being deleted.
 */
static void mlxsim_fn_debugfs_remove(struct mlxsim_fn *fn)
{
	debugfs_remove_recursive(fn->ddir);
	fn->ddir = NULL;
}

/*
 * Bring-up the real driver does first (mlx5_function_setup): enable the
 * HCA, read caps, init; an HCA enabled but not initialised is disabled
 * again.
 */
static int mlxsim_fn_bringup(struct mlxsim_fn *fn)
{
	int err;

	err = mlxsim_cmd_simple(fn, MLXSIM_OP_ENABLE_HCA, 0);
	if (err)
		return err;
	err = mlxsim_cmd_simple(fn, MLXSIM_OP_QUERY_HCA_CAP, 0);
	if (!err)
		err = mlxsim_cmd_simple(fn, MLXSIM_OP_INIT_HCA, 0);
	if (err)
		mlxsim_cmd_simple(fn, MLXSIM_OP_DISABLE_HCA, 0);
	return err;
}

static void mlxsim_fn_teardown(struct mlxsim_fn *fn)
{
	mlxsim_cmd_simple(fn, MLXSIM_OP_TEARDOWN_HCA, 0);
	mlxsim_cmd_simple(fn, MLXSIM_OP_DISABLE_HCA, 0);
}

/*
 * The driver's probe of a function the device side put on the bus
 * (mlx5_ib_add): a flat ladder, each step undone in reverse order by
 * the labels below, and __mlxsim_fn_remove() mirroring it.
 */
int __mlxsim_fn_add(struct mlxsim_fn *fn)
{
	int err;

	lockdep_assert_held(&mlxsim_lock);
	mlxsim_add_steps = 0;
	fn->role = mlxsim_params_role(&fn->p);
	fn->native_port = mlxsim_params_native_port(&fn->p);
	INIT_LIST_HEAD(&fn->node);
	debugfs_create_file("caps", 0400, fn->ddir, fn, &mlxsim_caps_fops);

	err = mlxsim_add_step(fn, "bringup") ?: mlxsim_fn_bringup(fn);
	if (err)
		goto err_debugfs;

	if (fn->role != MLXSIM_ROLE_SLAVE) {
		err = mlxsim_add_step(fn, "ibdev") ?: mlxsim_ibdev_create(fn);
		if (err)
			goto err_teardown;
	}
	err = mlxsim_add_step(fn, "roce") ?: mlxsim_fn_roce_init(fn);
	if (err)
		goto err_ibdev;
	err = mlxsim_add_step(fn, "pkey") ?: mlxsim_pv_create(fn);
	if (err)
		goto err_roce;
	err = mlxsim_ib_fn_add(fn);
	if (err)
		goto err_pv;

	spin_lock(&mlxsim_state_lock);
	list_add_tail(&fn->node, &mlxsim_fn_list);
	spin_unlock(&mlxsim_state_lock);
	trace_mlxsim_fn_add(fn->p.id, fn->p.guid, fn->role, fn->p.type,
			    fn->p.link, fn->native_port, fn->p.ports,
			    fn->p.vfs);

	err = mlxsim_add_step(fn, "multiport") ?: __mlxsim_mp_fn_add(fn);
	if (err)
		goto err_unlist;
	mlxsim_last_add_steps = mlxsim_add_steps;
	return 0;

err_unlist:
	trace_mlxsim_fn_remove(fn->p.id, fn->p.guid, fn->role);
	spin_lock(&mlxsim_state_lock);
	list_del_init(&fn->node);
	spin_unlock(&mlxsim_state_lock);
	mlxsim_fn_debugfs_remove(fn);
	mlxsim_ib_fn_remove(fn);
err_pv:
	/* handlers use what we free below: the files go first */
	mlxsim_fn_debugfs_remove(fn);
	mlxsim_pv_destroy(fn);
err_roce:
	mlxsim_fn_roce_cleanup(fn);
err_ibdev:
	/* the IB device itself is freed with the function */
err_teardown:
	mlxsim_fn_teardown(fn);
err_debugfs:
	mlxsim_fn_debugfs_remove(fn);
	return err;
}

void __mlxsim_fn_remove(struct mlxsim_fn *fn)
{
	lockdep_assert_held(&mlxsim_lock);
	trace_mlxsim_fn_remove(fn->p.id, fn->p.guid, fn->role);
	/* may wait for native-port references: debugfs must still work */
	__mlxsim_mp_fn_remove(fn);

	spin_lock(&mlxsim_state_lock);
	list_del_init(&fn->node);
	spin_unlock(&mlxsim_state_lock);

	/* waits for in-flight debugfs handlers; none takes mlxsim_lock */
	mlxsim_fn_debugfs_remove(fn);
	mlxsim_ib_fn_remove(fn);
	mlxsim_pv_destroy(fn);
	mlxsim_fn_roce_cleanup(fn);
	mlxsim_fn_teardown(fn);
}
