// SPDX-License-Identifier: GPL-2.0
/*
 * The NIC vport context side of multiport: RoCE enable and the slave's
 * affiliation, both through MODIFY_NIC_VPORT_CONTEXT (upstream's
 * mlx5_nic_vport_{enable_roce,affiliate_multiport}), and mlxsim<ID>/vport.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mlxsim.h"
#include "mlxsim_trace.h"

int mlxsim_mp_roce_set(void *ctx, struct mlxsim_mp_node *n, bool enable)
{
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MODIFY_NIC_VPORT_CONTEXT,
		.vport.field_select = MLXSIM_VPORT_SEL_ROCE_EN,
		.vport.ctx.roce_en = enable,
	};

	return mlxsim_cmd_exec(mlxsim_mp_node_fn(n), &cmd);
}

int mlxsim_mp_affiliation_set(void *ctx, struct mlxsim_mp_node *s,
			      u32 vhca_id, u32 criteria)
{
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MODIFY_NIC_VPORT_CONTEXT,
		.vport.field_select = MLXSIM_VPORT_SEL_AFFILIATION,
		.vport.ctx.affiliated_vhca_id = vhca_id,
		.vport.ctx.affiliation_criteria = criteria,
	};
	struct mlxsim_fn *fn = mlxsim_mp_node_fn(s);
	int err;

	err = mlxsim_cmd_exec(fn, &cmd);
	trace_mlxsim_vport_affiliation(fn->p.id, vhca_id, criteria, -err);
	if (err)
		pr_warn_ratelimited(DRV_NAME "%u: %s affiliation failed: %s\n",
				    fn->p.id, vhca_id ? "setting" : "clearing",
				    mlxsim_errno_name(-err));
	return err;
}

/*
 * The RoCE stage of an Ethernet IB device (mlx5_enable_eth and its
 * undo): one more user of the function's own vport, counted by the
 * logic's RoCE count through a node that stands for the function.
 */
static int mlxsim_fn_roce(struct mlxsim_fn *fn, bool enable)
{
	struct mlxsim_mp_fn self = { .fn = fn };

	self.node.roce_users = &fn->roce_users;
	self.node.priv = &self;
	self.node.id = fn->p.id;
	return enable ? mlxsim_mp_roce_get(&mlxsim_mp_ops, NULL, &self.node) :
			mlxsim_mp_roce_put(&mlxsim_mp_ops, NULL, &self.node);
}

int mlxsim_fn_roce_init(struct mlxsim_fn *fn)
{
	if (!fn->ibdev || fn->p.link != MLXSIM_LINK_ETH)
		return 0;
	return mlxsim_fn_roce(fn, true);
}

void mlxsim_fn_roce_cleanup(struct mlxsim_fn *fn)
{
	if (fn->ibdev && fn->p.link == MLXSIM_LINK_ETH)
		mlxsim_fn_roce(fn, false);
}

/* roce_en is the driver's enable count; fw_roce_en what firmware holds. */
static int mlxsim_vport_show(struct seq_file *s, void *unused)
{
	struct mlxsim_fn *fn = s->private;
	struct mlxsim_vport_ctx ctx;
	u32 users;

	spin_lock(&mlxsim_state_lock);
	users = fn->roce_users;
	spin_unlock(&mlxsim_state_lock);
	spin_lock(&fn->fw.lock);
	ctx = fn->fw.vport;
	spin_unlock(&fn->fw.lock);

	seq_printf(s, "roce_en=%u\n", users);
	seq_printf(s, "affiliated_vhca_id=%u\n", ctx.affiliated_vhca_id);
	seq_printf(s, "affiliation_criteria=%u\n", ctx.affiliation_criteria);
	seq_printf(s, "fw_roce_en=%u\n", ctx.roce_en);
	seq_printf(s, "vhca_id=%u\n", fn->vhca_id);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_vport);

void mlxsim_mp_vport_debugfs_init(struct mlxsim_fn *fn)
{
	debugfs_create_file("vport", 0400, fn->ddir, fn, &mlxsim_vport_fops);
}
