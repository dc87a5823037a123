// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware of a function: executes commands by opcode, counts
 * them (cmd_stats) and fails the next one on request (fail_cmd).  Its
 * handlers touch only the firmware's own state, under its own lock.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "mlxsim.h"
#include "mlxsim_trace.h"
#include "mlxsim/knobs.h"

typedef int (*mlxsim_fw_handler)(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd);

static int mlxsim_fw_query_vport(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	spin_lock(&fn->fw.lock);
	cmd->vport.ctx = fn->fw.vport;
	spin_unlock(&fn->fw.lock);
	return 0;
}

static int mlxsim_fw_modify_vport(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	const struct mlxsim_vport_ctx *in = &cmd->vport.ctx;
	u32 sel = cmd->vport.field_select;

	if (sel & ~(MLXSIM_VPORT_SEL_ROCE_EN | MLXSIM_VPORT_SEL_AFFILIATION))
		return -EINVAL;
	if ((sel & MLXSIM_VPORT_SEL_ROCE_EN) && in->roce_en > 1)
		return -EINVAL;
	spin_lock(&fn->fw.lock);
	if (sel & MLXSIM_VPORT_SEL_ROCE_EN)
		fn->fw.vport.roce_en = in->roce_en;
	if (sel & MLXSIM_VPORT_SEL_AFFILIATION) {
		fn->fw.vport.affiliated_vhca_id = in->affiliated_vhca_id;
		fn->fw.vport.affiliation_criteria = in->affiliation_criteria;
	}
	spin_unlock(&fn->fw.lock);
	return 0;
}

/* MAD_IFC: an SMP on a port's QP0 for the SMA; the MAD status in cmd. */
static int mlxsim_fw_mad_ifc(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	struct mlxsim_smp in, resp;
	u16 status;

	if (!cmd->mad.in || mlxsim_mad_parse(cmd->mad.in, MLXSIM_MAD_BYTES, &in))
		return -EINVAL;
	if (!cmd->port || cmd->port > fn->fw.phys.ports)
		return -EINVAL;
	spin_lock(&fn->fw.lock);
	status = mlxsim_smp_fw_exec(&fn->fw.phys, cmd->port, &in, &resp);
	spin_unlock(&fn->fw.lock);
	cmd->mad_status = status;
	if (cmd->mad.out)
		mlxsim_mad_build(cmd->mad.out, &resp);
	return 0;
}

/* Opcodes with behaviour; every other known opcode just succeeds. */
static const mlxsim_fw_handler mlxsim_fw_handlers[MLXSIM_NUM_OPCODES] = {
	[MLXSIM_OPIDX_QUERY_NIC_VPORT_CONTEXT] = mlxsim_fw_query_vport,
	[MLXSIM_OPIDX_MODIFY_NIC_VPORT_CONTEXT] = mlxsim_fw_modify_vport,
	[MLXSIM_OPIDX_MAD_IFC] = mlxsim_fw_mad_ifc,
	[MLXSIM_OPIDX_QUERY_QP] = mlxsim_fw_query_qp,
	/* guest QP changes: the firmware keeps the hardware context */
	[MLXSIM_OPIDX_RST2INIT_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_INIT2INIT_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_INIT2RTR_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_RTR2RTS_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_RTS2RTS_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_SQERR2RTS_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_SQD2SQD_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_SQD2RTS_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_RTS2SQD_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_2ERR_QP] = mlxsim_fw_qp_modify,
	[MLXSIM_OPIDX_2RST_QP] = mlxsim_fw_qp_modify,
};

/*
 * A new function's firmware: the SMA's P_Key tables as the hardware
 * comes up (full default P_Key at index 0; with VFs the last entry is
 * reserved and must stay 0).
 */
void mlxsim_fw_init(struct mlxsim_fn *fn)
{
	spin_lock_init(&fn->fw.lock);
	ATOMIC_INIT_NOTIFIER_HEAD(&fn->fw.events);
	xa_init(&fn->fw.qps);
	mlxsim_pkey_phys_init(&fn->fw.phys, mlxsim_params_ib_ports(&fn->p),
			      fn->p.pkeys, fn->p.vfs > 0);
}

int mlxsim_cmd_exec(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	int idx = mlxsim_opcode_index(cmd->opcode);
	bool injected = false;
	int err = 0;

	if (WARN_ON_ONCE(idx < 0))
		return -EINVAL;
	/* an observer's read: not counted, never faulted, not traced */
	if (cmd->quiet)
		return mlxsim_fw_handlers[idx] ? mlxsim_fw_handlers[idx](fn, cmd) : 0;

	spin_lock(&fn->fw.lock);
	fn->fw.count[idx]++;
	if (fn->fw.fail_armed && fn->fw.fail_opcode == cmd->opcode) {
		fn->fw.fail_armed = false;
		err = -fn->fw.fail_errno;
		injected = true;
	}
	spin_unlock(&fn->fw.lock);

	if (!err && mlxsim_fw_handlers[idx])
		err = mlxsim_fw_handlers[idx](fn, cmd);
	if (err) {
		spin_lock(&fn->fw.lock);
		fn->fw.failed[idx]++;
		spin_unlock(&fn->fw.lock);
	}
	trace_mlxsim_cmd(fn->p.id, cmd->opcode, cmd->port, err, injected);
	return err;
}

int mlxsim_cmd_simple(struct mlxsim_fn *fn, u16 opcode, u8 port)
{
	struct mlxsim_cmd cmd = { .opcode = opcode, .port = port };

	return mlxsim_cmd_exec(fn, &cmd);
}

static int mlxsim_cmd_stats_show(struct seq_file *s, void *unused)
{
	struct mlxsim_fn *fn = s->private;
	u64 count[MLXSIM_NUM_OPCODES], failed[MLXSIM_NUM_OPCODES];
	unsigned int i, op;

	spin_lock(&fn->fw.lock);
	memcpy(count, fn->fw.count, sizeof(count));
	memcpy(failed, fn->fw.failed, sizeof(failed));
	spin_unlock(&fn->fw.lock);

	seq_puts(s, "opcode name count failed\n");
	for (i = 0; i < MLXSIM_NUM_OPCODES; i++) {
		if (!count[i])
			continue;
		op = mlxsim_opcode_at(i);
		seq_printf(s, "0x%04x %s %llu %llu\n", op,
			   mlxsim_opcode_name(op), count[i], failed[i]);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_cmd_stats);

static int mlxsim_fail_cmd_show(struct seq_file *s, void *unused)
{
	struct mlxsim_fn *fn = s->private;
	bool armed;
	u16 op;
	int err;

	spin_lock(&fn->fw.lock);
	armed = fn->fw.fail_armed;
	op = fn->fw.fail_opcode;
	err = fn->fw.fail_errno;
	spin_unlock(&fn->fw.lock);

	if (armed)
		seq_printf(s, "%s %s\n", mlxsim_opcode_name(op),
			   mlxsim_errno_name(err));
	else
		seq_puts(s, "-\n");
	return 0;
}

/* "OPCODE [ERRNO]" arms a one-shot fault; "-" or "none" disarms it. */
static int mlxsim_fail_cmd_write(void *priv, const char *buf, size_t len,
				 struct mlxsim_knob_err *e)
{
	struct mlxsim_fail_cmd_arg a;
	struct mlxsim_fn *fn = priv;
	int err;

	e->fn = fn;
	err = mlxsim_fail_cmd_parse(buf, len, &a, e->bad, sizeof(e->bad));
	if (err)
		return err;
	spin_lock(&fn->fw.lock);
	fn->fw.fail_armed = a.armed;
	fn->fw.fail_opcode = a.opcode;
	fn->fw.fail_errno = a.err;
	spin_unlock(&fn->fw.lock);
	return 0;
}

DEFINE_MLXSIM_KNOB_RW(mlxsim_fail_cmd, "fail_cmd", mlxsim_fail_cmd_show,
		      mlxsim_fail_cmd_write);

void mlxsim_fw_debugfs_init(struct mlxsim_fn *fn)
{
	debugfs_create_file("cmd_stats", 0400, fn->ddir, fn,
			    &mlxsim_cmd_stats_fops);
	debugfs_create_file("fail_cmd", 0600, fn->ddir, fn,
			    &mlxsim_fail_cmd_fops);
}
