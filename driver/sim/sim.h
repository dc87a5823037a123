/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated HCA: what a function's firmware holds (command counters,
 * the one-shot fault, the NIC vport context, the physical P_Key tables)
 * and the one door the drivers have to it, firmware commands.  The
 * device owns this state and its lock; it never takes a driver lock or
 * calls driver code.
 */
#ifndef _MLXSIM_SIM_H
#define _MLXSIM_SIM_H

#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>

#include "mlxsim/cmd.h"
#include "mlxsim/mad.h"
#include "mlxsim/params.h"
#include "mlxsim/sma.h"

struct mlxsim_fn;
struct mlxsim_wire_ep;

/* One port of the simulated HCA, beside what its SMA holds. */
struct mlxsim_fw_port {
	u64 mads;		/* MAD_IFCs the SMA/PMA answered */
	u64 mad_errors;		/* ... with a non-zero MAD status */
	u64 dropped;		/* packets the wire had nowhere to put */
	/* the wire (sim/wire.c), under mlxsim_wire_lock */
	struct mlxsim_fn *peer;
	u8 peer_port;
	struct mlxsim_wire_ep *ep[2];	/* QP0 and QP1 receive queues */
};

/* The simulated firmware of one function. */
struct mlxsim_fw {
	spinlock_t lock;	/* everything below */
	u64 count[MLXSIM_NUM_OPCODES];
	u64 failed[MLXSIM_NUM_OPCODES];
	bool fail_armed;
	u16 fail_opcode;
	int fail_errno;
	struct mlxsim_vport_ctx vport;
	/* the SMA and PMA of the IB ports: PKeyTable, PortInfo, counters */
	struct mlxsim_sma sma;
	struct mlxsim_fw_port port[MLXSIM_MAX_PORTS];
	/* the event queue: port events the device raises (sim/events.c) */
	struct atomic_notifier_head events;
	/* hardware QP contexts, by mlxsim_qp_cmd_key() (sim/qp.c) */
	struct xarray qps;
	u32 nqps;
};

/*
 * Events the device raises on a port of a function: a slave's named
 * event (an enum mlxsim_ib_event value, from its `event` file), or one
 * of the HCA's own, numbered above those.
 */
enum {
	/* the logical link went ACTIVE / left ACTIVE (mlx4 PORT_CHANGE) */
	MLXSIM_FW_EV_PORT_UP = 0x10,
	MLXSIM_FW_EV_PORT_DOWN,
	/* an SM changed PortInfo/PKeyTable/GUIDInfo (PORT_MNG_CHG_EV) */
	MLXSIM_FW_EV_PORT_MNG_CHG,
};

/* PORT_MNG_CHG_EV's changed_attr bits (mlx4's MLX4_EQ_PORT_INFO_*) */
#define MLXSIM_MNG_CHG_LID		BIT(0)
#define MLXSIM_MNG_CHG_SM		BIT(1)	/* master SM LID or SL */
#define MLXSIM_MNG_CHG_CLIENT_REREG	BIT(2)
#define MLXSIM_MNG_CHG_PKEY		BIT(3)
#define MLXSIM_MNG_CHG_GUID		BIT(4)

struct mlxsim_fw_event {
	u8 type;
	u8 port;
	u32 changed;		/* PORT_MNG_CHG: MLXSIM_MNG_CHG_* */
	u32 pkey_block;		/* ... and with _PKEY, which entries */
	u32 pkey_changed;
	u32 guid_blocks;	/* ... and with _GUID, which GUIDInfo blocks */
};

/* SET_PORT's payload (cmd->priv; mlx4_SET_PORT for an IB port). */
struct mlxsim_set_port {
	u32 cap_mask;
	bool reset_qkey_viol;
};

/* QUERY_PORT's answer (cmd->priv): the port as the HCA sees it. */
struct mlxsim_port_info {
	struct mlxsim_sma_port sma;
	u64 mads, mad_errors, dropped;
	s32 peer_fn;		/* -1: no cable */
	u8 peer_port;
	u64 port_guid;
};

/*
 * A QP command's payload (cmd->priv): a transition's (rewritten) mailbox,
 * or QUERY_QP's answer.  The firmware keeps every QP's hardware context;
 * a VF's QPNs are its own, so the context is found by (slave, qpn), as
 * mlx4's firmware knows which function a command comes from.
 */
struct mlxsim_qp_cmd {
	u32 slave;
	u32 qpn;
	const struct mlxsim_qp_attrs *mbox;	/* transitions */
	struct mlxsim_qp_ctx ctx;		/* QUERY_QP: the answer */
};

/* Hardware QP contexts a function's firmware keeps: bounds its memory. */
#define MLXSIM_FW_MAX_QPS 65536

/* The device side of a function: its firmware and its debugfs knobs. */
void mlxsim_fw_init(struct mlxsim_fn *fn);
/* When the device itself goes (its release). */
void mlxsim_fw_free(struct mlxsim_fn *fn);
/* sim/qp.c: the QP handlers of sim/fw.c */
int mlxsim_fw_qp_modify(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd);
int mlxsim_fw_query_qp(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd);
void mlxsim_fw_debugfs_init(struct mlxsim_fn *fn);

/*
 * The device's events (mlx5_notifier_register): drivers listen on a
 * function's queue; a listener that handles an event returns NOTIFY_OK.
 * Raising returns -ENOLINK when no listener took it.
 */
void mlxsim_fw_events_debugfs_init(struct mlxsim_fn *fn);
void mlxsim_fw_events_register(struct mlxsim_fn *fn, struct notifier_block *nb);
void mlxsim_fw_events_unregister(struct mlxsim_fn *fn,
				 struct notifier_block *nb);
int mlxsim_fw_raise_event(struct mlxsim_fn *fn, u8 type, u8 port);
int mlxsim_fw_raise(struct mlxsim_fn *fn, struct mlxsim_fw_event *ev);

/*
 * The wire (sim/wire.c): cables between IB ports, and what QP0/QP1 of a
 * port send.  A driver's QP hands the HCA its receive queue as an
 * endpoint; the HCA puts arriving packets there (->rx, under the wire's
 * spinlock, so it must not sleep) until the endpoint is detached.
 */
struct mlxsim_pkt {
	const u8 *mad;		/* MLXSIM_MAD_BYTES */
	u32 len;
	u32 src_qp, dest_qp;
	u32 qkey;
	u16 slid, dlid;
	u16 pkey_index;
	u8 sl;
	u8 sport;		/* sending port */
	u8 source;		/* enum mlxsim_mad_source, set by the wire */
	bool grh;
	u8 grh_bytes[40];
};

struct mlxsim_wire_ep {
	int (*rx)(struct mlxsim_wire_ep *ep, const struct mlxsim_pkt *pkt);
};

struct seq_file;
void mlxsim_wire_links_show(struct seq_file *s, struct mlxsim_fn *fn);
void mlxsim_wire_attach(struct mlxsim_fn *fn, u32 port, u32 qpn,
			struct mlxsim_wire_ep *ep);
void mlxsim_wire_detach(struct mlxsim_fn *fn, u32 port, u32 qpn);
/* Send one packet from @port; the HCA counts and routes or drops it. */
void mlxsim_wire_xmit(struct mlxsim_fn *fn, u32 port, struct mlxsim_pkt *pkt);
/* link_device / unlink_device, under mlxsim_lock */
int mlxsim_wire_link(struct mlxsim_fn *a, u32 pa, struct mlxsim_fn *b,
		     u32 pb);
int mlxsim_wire_unlink(struct mlxsim_fn *a, u32 pa, struct mlxsim_fn *b,
		       u32 pb);
/* The port's peer (-1: no cable). */
void mlxsim_wire_peer(struct mlxsim_fn *fn, u32 port, s32 *peer_fn,
		      u8 *peer_port);
/* A function going away: its cables come out first. */
void mlxsim_wire_unplug_all(struct mlxsim_fn *fn);
/* The SMA's port changed (link, SET): trace it, raise PORT_UP/DOWN. */
void mlxsim_fw_port_changed(struct mlxsim_fn *fn,
			    const struct mlxsim_sma_change *chg, u8 cause);

/* Execute a firmware command; 0 or a negative errno (MAD status aside). */
int mlxsim_cmd_exec(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd);
/* A command with no payload, such as CREATE_QP. */
int mlxsim_cmd_simple(struct mlxsim_fn *fn, u16 opcode, u8 port);

#endif /* _MLXSIM_SIM_H */
