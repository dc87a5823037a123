// SPDX-License-Identifier: GPL-2.0
/*
 * Multiport tables: debugfs `multiport` and `unaffiliated`, and a
 * slave's `event` file.  Readers take mlxsim_state_lock for one seq_file
 * buffer at a time and never mlxsim_lock, so a table can be read while
 * an unbind waits for its references.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "mlxsim.h"

static void *mlxsim_mp_seq_start(struct seq_file *s, loff_t *pos)
	__acquires(&mlxsim_state_lock)
{
	spin_lock(&mlxsim_state_lock);
	return seq_list_start_head(&mlxsim_fn_list, *pos);
}

static void *mlxsim_mp_seq_next(struct seq_file *s, void *v, loff_t *pos)
{
	return seq_list_next(v, &mlxsim_fn_list, pos);
}

static void mlxsim_mp_seq_stop(struct seq_file *s, void *v)
	__releases(&mlxsim_state_lock)
{
	spin_unlock(&mlxsim_state_lock);
}

static void mlxsim_mp_seq_id(struct seq_file *s, bool set, u32 v)
{
	if (set)
		seq_printf(s, " %u", v);
	else
		seq_puts(s, " -");
}

/* One function's row; called under mlxsim_state_lock. */
static void mlxsim_mp_row(struct seq_file *s, struct mlxsim_fn *fn)
{
	struct mlxsim_mp_node *n = &fn->mp->node, *m = n->master;
	u32 refcnt = 0, master = 0, port = 0;
	bool unaff = false, has_master;

	if (n->state == MLXSIM_MP_MASTER) {
		master = n->id;
		port = n->native_port;
	} else if (m) {
		struct mlxsim_port_ref ref;
		s32 fn_id;
		bool up;

		master = m->id;
		port = n->port;
		mlxsim_port_snapshot(mlxsim_mp_port(m, port), &fn_id, &ref, &up);
		refcnt = ref.refcnt;
		unaff = ref.unaffiliating || ref.drainers;
	}
	has_master = n->state == MLXSIM_MP_MASTER || m;

	seq_printf(s, "%u 0x%016llx %s %s %u %s", n->id, n->guid,
		   mlxsim_fn_type_name(n->type), mlxsim_role_name(n->role),
		   n->native_port, mlxsim_mp_state_name(n->state));
	mlxsim_mp_seq_id(s, has_master, master);
	mlxsim_mp_seq_id(s, has_master, port);
	seq_printf(s, " %u %u %s %u %llu %llu %u", refcnt, unaff,
		   mlxsim_mp_reason_name(n->reason), n->forwarding, n->events,
		   n->rescans, fn->roce_users);
	/* ib_core's view: the IB device and the port state it caches */
	if (has_master) {
		struct mlxsim_fn *mfn = m ?
			((struct mlxsim_mp_fn *)m->priv)->fn : fn;

		seq_printf(s, " %s %s\n", mlxsim_ib_name(mfn),
			   mlxsim_ib_cached_state(mfn, port));
	} else {
		seq_puts(s, " - -\n");
	}
}

static int mlxsim_multiport_show(struct seq_file *s, void *v)
{
	struct mlxsim_fn *fn;

	if (v == &mlxsim_fn_list) {
		seq_puts(s, "id guid type role native_port state master port refcnt unaffiliating reason forwarding events rescans roce_en ib_dev ib_state\n");
		return 0;
	}
	fn = list_entry(v, struct mlxsim_fn, node);
	if (fn->mp)
		mlxsim_mp_row(s, fn);
	return 0;
}

static const struct seq_operations mlxsim_multiport_sops = {
	.start = mlxsim_mp_seq_start,
	.next = mlxsim_mp_seq_next,
	.stop = mlxsim_mp_seq_stop,
	.show = mlxsim_multiport_show,
};
DEFINE_SEQ_ATTRIBUTE(mlxsim_multiport);

static int mlxsim_unaffiliated_show(struct seq_file *s, void *v)
{
	struct mlxsim_mp_node *n;
	struct mlxsim_fn *fn;

	if (v == &mlxsim_fn_list) {
		seq_puts(s, "id guid native_port reason type\n");
		return 0;
	}
	fn = list_entry(v, struct mlxsim_fn, node);
	if (!fn->mp || !fn->mp->node.queued)
		return 0;
	n = &fn->mp->node;
	seq_printf(s, "%u 0x%016llx %u %s %s\n", n->id, n->guid,
		   n->native_port, mlxsim_mp_reason_name(n->reason),
		   mlxsim_fn_type_name(n->type));
	return 0;
}

static const struct seq_operations mlxsim_unaffiliated_sops = {
	.start = mlxsim_mp_seq_start,
	.next = mlxsim_mp_seq_next,
	.stop = mlxsim_mp_seq_stop,
	.show = mlxsim_unaffiliated_show,
};
DEFINE_SEQ_ATTRIBUTE(mlxsim_unaffiliated);

int mlxsim_mp_global_debugfs_init(void)
{
	debugfs_create_file("multiport", 0400, mlxsim_debugfs_root, NULL,
			    &mlxsim_multiport_fops);
	debugfs_create_file("unaffiliated", 0400, mlxsim_debugfs_root, NULL,
			    &mlxsim_unaffiliated_fops);
	return 0;
}
