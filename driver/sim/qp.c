// SPDX-License-Identifier: GPL-2.0
/*
 * The firmware's QP contexts: a transition (already rewritten by the
 * PF's paravirtualization) applied to the hardware context, checked
 * against the QP state machine and the device's ports and P_Key table;
 * QUERY_QP reads a context back.  A context is created by its first
 * RST2INIT and lives as long as the device.
 */
#include <linux/slab.h>

#include "mlxsim.h"

static unsigned long mlxsim_fw_qp_key(const struct mlxsim_qp_cmd *qc)
{
	return (unsigned long)qc->slave << 24 | (qc->qpn & MLXSIM_QPN_MAX);
}

int mlxsim_fw_qp_modify(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	struct mlxsim_qp_cmd *qc = cmd->priv;
	struct mlxsim_qp_ctx *ctx, *fresh = NULL;
	unsigned long key;
	int err;

	if (!qc || !qc->mbox || qc->mbox->qpn != qc->qpn ||
	    mlxsim_qp_trans_opcode(qc->mbox->op) != cmd->opcode)
		return -EINVAL;
	key = mlxsim_fw_qp_key(qc);
	ctx = xa_load(&fn->fw.qps, key);
	if (!ctx) {
		if (qc->mbox->op != MLXSIM_QP_RST2INIT)
			return -ENOENT;
		if (READ_ONCE(fn->fw.nqps) >= MLXSIM_FW_MAX_QPS)
			return -ENOSPC;
		fresh = kmalloc(sizeof(*fresh), GFP_KERNEL);
		if (!fresh)
			return -ENOMEM;
		*fresh = mlxsim_qp_ctx_fresh;
		err = xa_insert(&fn->fw.qps, key, fresh, GFP_KERNEL);
		if (err) {
			kfree(fresh);
			return err;
		}
		ctx = fresh;
	}
	spin_lock(&fn->fw.lock);
	err = mlxsim_qp_fw_modify(ctx, qc->mbox, fn->fw.sma.pkeys.ports,
				  fn->fw.sma.pkeys.pkeys);
	if (fresh && !err)
		fn->fw.nqps++;
	spin_unlock(&fn->fw.lock);
	if (fresh && err) {
		xa_erase(&fn->fw.qps, key);
		kfree(fresh);
	}
	return err;
}

int mlxsim_fw_query_qp(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	struct mlxsim_qp_cmd *qc = cmd->priv;
	struct mlxsim_qp_ctx *ctx;

	if (!qc)
		return -EINVAL;
	ctx = xa_load(&fn->fw.qps, mlxsim_fw_qp_key(qc));
	if (!ctx)
		return -ENOENT;
	spin_lock(&fn->fw.lock);
	qc->ctx = *ctx;
	spin_unlock(&fn->fw.lock);
	return 0;
}

void mlxsim_fw_free(struct mlxsim_fn *fn)
{
	struct mlxsim_qp_ctx *ctx;
	unsigned long key;

	xa_for_each(&fn->fw.qps, key, ctx)
		kfree(ctx);
	xa_destroy(&fn->fw.qps);
}
