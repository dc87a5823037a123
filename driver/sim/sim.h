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

struct mlxsim_fn;

/* The simulated firmware of one function. */
struct mlxsim_fw {
	spinlock_t lock;	/* everything below */
	u64 count[MLXSIM_NUM_OPCODES];
	u64 failed[MLXSIM_NUM_OPCODES];
	bool fail_armed;
	u16 fail_opcode;
	int fail_errno;
	struct mlxsim_vport_ctx vport;
	struct mlxsim_pkey_phys phys;	/* per IB port, the SMA's PKeyTable */
	/* the event queue: port events the device raises (sim/events.c) */
	struct atomic_notifier_head events;
	/* hardware QP contexts, by mlxsim_qp_cmd_key() (sim/qp.c) */
	struct xarray qps;
	u32 nqps;
};

/* An event the device raises on a port of a function. */
struct mlxsim_fw_event {
	u8 type;		/* enum mlxsim_ib_event */
	u8 port;
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

/* Execute a firmware command; 0 or a negative errno (MAD status aside). */
int mlxsim_cmd_exec(struct mlxsim_fn *fn, struct mlxsim_cmd *cmd);
/* A command with no payload, such as CREATE_QP. */
int mlxsim_cmd_simple(struct mlxsim_fn *fn, u16 opcode, u8 port);

#endif /* _MLXSIM_SIM_H */
