// SPDX-License-Identifier: GPL-2.0
/*
 * port<P>/sma of an IB-link function: the port as its SMA and the HCA see
 * it, asked of the firmware with a quiet QUERY_PORT (key=value lines).
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mlxsim.h"

static const char *mlxsim_phys_state_name(u8 phys)
{
	switch (phys) {
	case MLXSIM_IB_PHYS_SLEEP:
		return "sleep";
	case MLXSIM_IB_PHYS_POLLING:
		return "polling";
	case MLXSIM_IB_PHYS_DISABLED:
		return "disabled";
	case MLXSIM_IB_PHYS_LINK_UP:
		return "link_up";
	default:
		return "unknown";
	}
}

static int mlxsim_port_sma_show(struct seq_file *s, void *unused)
{
	struct mlxsim_port *port = s->private;
	struct mlxsim_port_info info;
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_QUERY_PORT,
		.port = port->num,
		.quiet = true,
		.priv = &info,
	};
	const struct mlxsim_sma_port *p = &info.sma;
	const struct mlxsim_pma_counters *c = &info.sma.pma;
	int err;

	err = mlxsim_cmd_exec(port->ibdev->owner, &cmd);
	if (err)
		return err;
	seq_printf(s, "state=%s\n", mlxsim_ib_port_state_name(p->state));
	seq_printf(s, "phys_state=%s\n", mlxsim_phys_state_name(p->phys_state));
	seq_printf(s, "lid=%u\n", p->lid);
	seq_printf(s, "lmc=%u\n", p->lmc);
	seq_printf(s, "sm_lid=%u\n", p->sm_lid);
	seq_printf(s, "sm_sl=%u\n", p->sm_sl);
	seq_printf(s, "is_sm=%u\n", !!(p->cap_mask & MLXSIM_IB_CAP_SM));
	seq_printf(s, "cap_mask=0x%08x\n", p->cap_mask);
	seq_printf(s, "port_guid=0x%016llx\n", info.port_guid);
	if (info.peer_fn < 0)
		seq_puts(s, "peer=-\n");
	else
		seq_printf(s, "peer=%d:%u\n", info.peer_fn, info.peer_port);
	seq_printf(s, "mads=%llu\n", info.mads);
	seq_printf(s, "mad_errors=%llu\n", info.mad_errors);
	seq_printf(s, "dropped=%llu\n", info.dropped);
	seq_printf(s, "xmit_pkts=%llu\n", c->xmit_pkts);
	seq_printf(s, "rcv_pkts=%llu\n", c->rcv_pkts);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_port_sma);

void mlxsim_port_sma_debugfs_init(struct mlxsim_port *port)
{
	debugfs_create_file("sma", 0400, port->ddir, port,
			    &mlxsim_port_sma_fops);
}
