// SPDX-License-Identifier: GPL-2.0
/*
 * vf<S>/qp_modify and vf<S>/qps: a guest's QP state changes go through
 * the paravirt rewrite, then to the firmware, which keeps the hardware
 * context; the table shows the guest's values and, asked of the firmware
 * with QUERY_QP, the hardware's.
 */
#include <linux/slab.h>
#include <linux/seq_file.h>

#include "pv_internal.h"
#include "mlxsim_trace.h"

void mlxsim_pv_qps_free(struct mlxsim_pv_slave *slave)
{
	struct mlxsim_pv_qp *qp;
	unsigned long qpn;

	xa_for_each(&slave->qps, qpn, qp)
		kfree(qp);
	xa_destroy(&slave->qps);
	slave->nqps = 0;
}

/* Rewrite, hand to the firmware, then commit the guest's view. */
static int __mlxsim_pv_qp_modify(struct mlxsim_pv_slave *sl,
				 const struct mlxsim_qp_attrs *g,
				 enum mlxsim_qp_reject *why)
{
	struct mlxsim_pv *pv = sl->pv;
	struct mlxsim_qp_env env = {
		.slave = sl->idx, .ports = pv->ports, .pkeys = pv->pkeys,
		.vfs = pv->vfs, .eth = pv->fn->p.link == MLXSIM_LINK_ETH,
		.v2p = pv->t ? pv->t->v2p[sl->idx] : NULL,
	};
	struct mlxsim_qp_cmd qc = { 0 };
	struct mlxsim_cmd cmd = { 0 };
	struct mlxsim_qp_attrs hw;
	struct mlxsim_pv_qp *qp;
	bool created = false;
	int err;

	lockdep_assert_held(&pv->lock);
	qp = xa_load(&sl->qps, g->qpn);
	err = mlxsim_qp_paravirt(&env, qp ? &qp->guest : NULL, g, &hw, why);
	if (err)
		return err;
	if (!qp) {
		*why = MLXSIM_QPR_FW;
		if (sl->nqps >= MLXSIM_PV_MAX_QPS)
			return -ENOSPC;
		qp = kmalloc(sizeof(*qp), GFP_KERNEL);
		if (!qp)
			return -ENOMEM;
		qp->qpn = g->qpn;
		qp->guest = mlxsim_qp_ctx_fresh;
		err = xa_insert(&sl->qps, g->qpn, qp, GFP_KERNEL);
		if (err) {
			kfree(qp);
			return err;
		}
		sl->nqps++;
		created = true;
	}

	qc.slave = sl->idx;
	qc.qpn = g->qpn;
	qc.mbox = &hw;
	cmd.opcode = mlxsim_qp_trans_opcode(g->op);
	cmd.port = hw.port;
	cmd.priv = &qc;
	err = mlxsim_cmd_exec(pv->fn, &cmd);
	if (err) {
		*why = err == -EBUSY ? MLXSIM_QPR_STATE : MLXSIM_QPR_FW;
		if (created) {
			xa_erase(&sl->qps, g->qpn);
			sl->nqps--;
			kfree(qp);
		}
		return err;
	}
	mlxsim_qp_ctx_apply(&qp->guest, g);
	qp->guest.type = hw.type;
	qp->guest.port = hw.port;
	trace_mlxsim_qp_paravirt(mlxsim_pv_id(pv), sl->idx, g, &hw);
	return 0;
}

static ssize_t mlxsim_pv_qp_modify_write(struct file *file,
					 const char __user *ubuf,
					 size_t count, loff_t *ppos)
{
	struct mlxsim_pv_slave *sl = file_inode(file)->i_private;
	struct mlxsim_pv *pv = sl->pv;
	enum mlxsim_qp_reject why;
	char bad[MLXSIM_TOKEN_MAX];
	struct mlxsim_qp_attrs g;
	char *buf;
	int err;

	buf = mlxsim_dbg_read_input(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = mlxsim_qp_modify_parse(buf, count, &g, &why, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(pv->fn, "qp_modify", bad, err);
		if (why != MLXSIM_QPR_NONE)
			trace_mlxsim_qp_reject(mlxsim_pv_id(pv), sl->idx, ~0U,
					       0xff, why, err);
		goto out;
	}

	mutex_lock(&pv->lock);
	err = __mlxsim_pv_qp_modify(sl, &g, &why);
	mutex_unlock(&pv->lock);
	if (err) {
		snprintf(bad, sizeof(bad), "%s",
			 mlxsim_qp_reject_name(why));
		mlxsim_bad_input(pv->fn, "qp_modify", bad, err);
		trace_mlxsim_qp_reject(mlxsim_pv_id(pv), sl->idx, g.qpn, g.op,
				       why, err);
	}
out:
	kfree(buf);
	return err ? err : count;
}

const struct file_operations mlxsim_pv_qp_modify_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mlxsim_pv_qp_modify_write,
	.llseek = noop_llseek,
};

static void mlxsim_pv_seq_idx(struct seq_file *s, u16 v)
{
	if (v == MLXSIM_QP_UNSET)
		seq_puts(s, " -");
	else
		seq_printf(s, " %u", v);
}

static int mlxsim_pv_qps_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_slave *sl = s->private;
	struct mlxsim_qp_cmd qc = { .slave = sl->idx };
	/* a table: a quiet read, so reading changes no counter or fault */
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_QUERY_QP,
		.priv = &qc,
		.quiet = true,
	};
	const struct mlxsim_qp_ctx *hw = &qc.ctx;
	struct mlxsim_pv_qp *qp;
	unsigned long qpn;

	seq_puts(s, "qpn type state port pkey_index hw_pkey_index mgid_index hw_mgid_index qkey hw_qkey kind alt_pkey_index hw_alt_pkey_index alt_mgid_index hw_alt_mgid_index\n");
	mutex_lock(&sl->pv->lock);
	xa_for_each(&sl->qps, qpn, qp) {
		/* the hardware side is the firmware's: ask it */
		qc.qpn = qp->qpn;
		if (mlxsim_cmd_exec(sl->pv->fn, &cmd))
			qc.ctx = mlxsim_qp_ctx_fresh;
		seq_printf(s, "0x%x %s %s %u", qp->qpn,
			   mlxsim_qp_type_name(hw->type),
			   mlxsim_qp_state_name(hw->state), hw->port);
		mlxsim_pv_seq_idx(s, qp->guest.pkey_index);
		mlxsim_pv_seq_idx(s, hw->pkey_index);
		mlxsim_pv_seq_idx(s, qp->guest.mgid_index);
		mlxsim_pv_seq_idx(s, hw->mgid_index);
		seq_printf(s, " 0x%x 0x%x %s", qp->guest.qkey, hw->qkey,
			   mlxsim_qp_kind_name(mlxsim_qp_kind(qp->qpn, NULL,
							      NULL)));
		mlxsim_pv_seq_idx(s, qp->guest.alt_pkey_index);
		mlxsim_pv_seq_idx(s, hw->alt_pkey_index);
		mlxsim_pv_seq_idx(s, qp->guest.alt_mgid_index);
		mlxsim_pv_seq_idx(s, hw->alt_mgid_index);
		seq_putc(s, '\n');
	}
	mutex_unlock(&sl->pv->lock);
	return 0;
}

static int mlxsim_pv_qps_open(struct inode *inode, struct file *file)
{
	return single_open(file, mlxsim_pv_qps_show, inode->i_private);
}

const struct file_operations mlxsim_pv_qps_fops = {
	.owner = THIS_MODULE,
	.open = mlxsim_pv_qps_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
