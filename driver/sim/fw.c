// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware of a function: executes commands by opcode, counts
 * them (cmd_stats) and fails the next one on request (fail_cmd).  Its
 * handlers touch only the firmware's own state, under its own lock.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/utsname.h>

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

static bool mlxsim_fw_ib_port(struct mlxsim_fn *fn, u32 port)
{
	return port >= 1 && port <= fn->fw.sma.ports;
}

/*
 * MAD_IFC: a MAD a port received, for its SMA or PMA; the response and
 * its status in cmd.  An observer's (quiet) read is not counted.
 */
static int mlxsim_fw_mad_ifc(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	u8 scratch[MLXSIM_MAD_BYTES];
	u8 *out = cmd->mad.out ?: scratch;
	struct mlxsim_sma_change chg;
	struct mlxsim_fw_port *fp;
	enum mlxsim_sma_result res;

	if (!cmd->mad.in || !mlxsim_fw_ib_port(fn, cmd->port))
		return -EINVAL;
	fp = &fn->fw.port[cmd->port - 1];
	spin_lock(&fn->fw.lock);
	res = mlxsim_sma_exec(&fn->fw.sma, cmd->port, cmd->mad.in, out, &chg);
	cmd->mad_status = mlxsim_sma_status(out);
	if (!cmd->quiet) {
		fp->mads++;
		if (cmd->mad_status || res == MLXSIM_SMA_DISCARD)
			fp->mad_errors++;
	}
	spin_unlock(&fn->fw.lock);
	cmd->mad_discard = res == MLXSIM_SMA_DISCARD;
	if (chg.port)
		mlxsim_fw_port_changed(fn, &chg, MLXSIM_SMA_CAUSE_SET);
	return 0;
}

/* QUERY_PORT: the port's SMA state, counters and cable, for tables. */
static int mlxsim_fw_query_port(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	struct mlxsim_port_info *info = cmd->priv;
	struct mlxsim_fw_port *fp;

	if (!info)
		return 0;	/* a bare `port<P>/cmd QUERY_PORT` */
	if (!mlxsim_fw_ib_port(fn, cmd->port))
		return -EINVAL;
	fp = &fn->fw.port[cmd->port - 1];
	mlxsim_wire_peer(fn, cmd->port, &info->peer_fn, &info->peer_port);
	spin_lock(&fn->fw.lock);
	info->sma = fn->fw.sma.port[cmd->port - 1];
	info->mads = fp->mads;
	info->mad_errors = fp->mad_errors;
	info->dropped = fp->dropped;
	spin_unlock(&fn->fw.lock);
	info->port_guid = info->sma.guid[0];
	return 0;
}

/* SET_PORT: the capability mask (IsSM) as mlx4_ib_modify_port sets it. */
static int mlxsim_fw_set_port(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd)
{
	struct mlxsim_set_port *sp = cmd->priv;
	int err;

	if (!sp)
		return 0;
	if (!mlxsim_fw_ib_port(fn, cmd->port))
		return -EINVAL;
	spin_lock(&fn->fw.lock);
	err = mlxsim_sma_set_cap_mask(&fn->fw.sma, cmd->port, sp->cap_mask);
	if (!err && sp->reset_qkey_viol)
		fn->fw.sma.port[cmd->port - 1].qkey_violations = 0;
	spin_unlock(&fn->fw.lock);
	return err;
}

/*
 * What the SMA's port change means for the device: a trace event, and
 * the hardware's events (mlx4 firmware): PORT_CHANGE when the logical
 * link enters or leaves ACTIVE; with port_mng_chg_ev, PORT_MNG_CHG_EV
 * for what an SM's SET changed.  Never under fw->lock.
 */
void mlxsim_fw_port_changed(struct mlxsim_fn *fn,
			    const struct mlxsim_sma_change *chg, u8 cause)
{
	struct mlxsim_fw_event ev = { .port = chg->port };
	bool was = chg->old_state == MLXSIM_IB_PORT_ACTIVE;
	bool is = chg->new_state == MLXSIM_IB_PORT_ACTIVE;
	u8 phys;

	if (chg->old_state != chg->new_state || chg->old_lid != chg->new_lid ||
	    chg->old_sm_lid != chg->new_sm_lid) {
		spin_lock(&fn->fw.lock);
		phys = fn->fw.sma.port[chg->port - 1].phys_state;
		spin_unlock(&fn->fw.lock);
		trace_mlxsim_sma_port(fn->p.id, chg->port, chg->old_state,
				      chg->new_state, phys, chg->old_lid,
				      chg->new_lid, chg->old_sm_lid,
				      chg->new_sm_lid, cause);
	}
	if (was != is)
		mlxsim_fw_raise_event(fn, is ? MLXSIM_FW_EV_PORT_UP :
					       MLXSIM_FW_EV_PORT_DOWN,
				      chg->port);
	if (!fn->p.port_mng_chg_ev || cause != MLXSIM_SMA_CAUSE_SET)
		return;
	if (chg->old_lid != chg->new_lid)
		ev.changed |= MLXSIM_MNG_CHG_LID;
	if (chg->old_sm_lid != chg->new_sm_lid ||
	    chg->old_sm_sl != chg->new_sm_sl)
		ev.changed |= MLXSIM_MNG_CHG_SM;
	if (chg->client_rereg)
		ev.changed |= MLXSIM_MNG_CHG_CLIENT_REREG;
	if (chg->pkey_changed) {
		ev.changed |= MLXSIM_MNG_CHG_PKEY;
		ev.pkey_block = chg->pkey_block;
		ev.pkey_changed = chg->pkey_changed;
	}
	if (chg->guid_changed) {
		ev.changed |= MLXSIM_MNG_CHG_GUID;
		ev.guid_blocks = chg->guid_blocks;
	}
	if (ev.changed) {
		ev.type = MLXSIM_FW_EV_PORT_MNG_CHG;
		mlxsim_fw_raise(fn, &ev);
	}
}

/* Opcodes with behaviour; every other known opcode just succeeds. */
static const mlxsim_fw_handler mlxsim_fw_handlers[MLXSIM_NUM_OPCODES] = {
	[MLXSIM_OPIDX_QUERY_NIC_VPORT_CONTEXT] = mlxsim_fw_query_vport,
	[MLXSIM_OPIDX_MODIFY_NIC_VPORT_CONTEXT] = mlxsim_fw_modify_vport,
	[MLXSIM_OPIDX_MAD_IFC] = mlxsim_fw_mad_ifc,
	[MLXSIM_OPIDX_QUERY_PORT] = mlxsim_fw_query_port,
	[MLXSIM_OPIDX_SET_PORT] = mlxsim_fw_set_port,
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

/* Each function its own node GUID; the adapter's GUID is the image's. */
static u64 mlxsim_fw_node_guid(const struct mlxsim_fn *fn)
{
	return fn->p.guid + ((u64)fn->vhca_id << 32);
}

/*
 * A new function's firmware: its SMA as the hardware comes up (ports
 * DOWN and Polling until cabled, full default P_Key at index 0; with
 * VFs the last P_Key entry is reserved and must stay 0).
 */
void mlxsim_fw_init(struct mlxsim_fn *fn)
{
	/* the SMA keeps the first 64 bytes; a long host name is cut */
	char desc[MLXSIM_SMA_NODE_DESC + 32];
	struct mlxsim_sma_id id = {
		.ports = mlxsim_params_ib_ports(&fn->p),
		.pkeys = fn->p.pkeys,
		.reserve_last = fn->p.vfs > 0,
		.sriov = fn->p.vfs > 0,
		.sys_image_guid = fn->p.guid,
		.node_guid = mlxsim_fw_node_guid(fn),
		.node_desc = desc,
	};

	spin_lock_init(&fn->fw.lock);
	ATOMIC_INIT_NOTIFIER_HEAD(&fn->fw.events);
	xa_init(&fn->fw.qps);
	snprintf(desc, sizeof(desc), DRV_NAME "%u %s", fn->p.id,
		 init_utsname()->nodename);
	mlxsim_sma_init(&fn->fw.sma, &id);
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
