/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registration with the kernel's RDMA core (built with CONFIG_INFINIBAND
 * only): each IB device of mlxsim is also an ib_device named mlxsim<ID>,
 * each Ethernet function has a netdev of its own.
 *
 * Every call into ib_core is made with mlxsim_lock (or pv->lock) held at
 * most, never under a spinlock of mlxsim: ib_core may sleep, and the GID
 * rescan takes rtnl, which nothing of mlxsim holds while taking ours.
 */
#ifndef _MLXSIM_IB_INTERNAL_H
#define _MLXSIM_IB_INTERNAL_H

#include <linux/build_bug.h>
#include <rdma/ib_verbs.h>

#include "mlxsim.h"

/* GID table length of a RoCE port (ib_core keeps it), fixed at registration. */
#define MLXSIM_IB_GIDS 16

struct mlxsim_qp;
struct mlxsim_ib_vf;
struct mlxsim_iov;
struct mlxsim_ag_svc;

/*
 * What the MAD layer's verbs (ib_verbs.c) keep per ib_core device, the
 * master's and a VF's alike: second in both structures, right after the
 * ib_device, so the verbs find it from any of them (to_mlxsim_verbs()).
 */
struct mlxsim_ib_verbs {
	spinlock_t lock;		/* sqp */
	struct mlxsim_fn *wire_fn;	/* whose wire the QPs use; NULL: none */
	struct mlxsim_qp *sqp[MLXSIM_MAX_PORTS][2];	/* QP0, QP1 */
};

struct mlxsim_ib_verbs_dev {
	struct ib_device ibdev;
	struct mlxsim_ib_verbs verbs;
};

static inline struct mlxsim_ib_verbs *to_mlxsim_verbs(struct ib_device *ibdev)
{
	return &container_of(ibdev, struct mlxsim_ib_verbs_dev, ibdev)->verbs;
}

struct mlxsim_ib {
	struct ib_device ibdev;		/* first: ib_alloc_device() */
	struct mlxsim_ib_verbs verbs;	/* second: to_mlxsim_verbs() */
	struct mlxsim_fn *fn;
	spinlock_t ev_lock;		/* events, last_up */
	u64 events[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS];
	/* the state last announced (roce.last_port_state upstream) */
	bool last_up[MLXSIM_MAX_PORTS];
	struct mutex cap_mask_mutex;	/* modify_port's read-modify-write */
	spinlock_t sm_lock;		/* ibdev.node_desc */
	struct notifier_block fw_events;	/* the device's port events */
	struct mlxsim_ib_vf **vf;	/* [1..vfs]: the guests' devices */
	struct mlxsim_iov *iov;		/* mlx4's iov sysfs tree */
	struct mlxsim_ag_svc *ag;	/* alias GUID SA client (pv->lock) */
	struct dentry *events_file;
};

static_assert(offsetof(struct mlxsim_ib, verbs) ==
	      offsetof(struct mlxsim_ib_verbs_dev, verbs));

static inline struct mlxsim_ib *to_mlxsim_ib(struct ib_device *ibdev)
{
	return container_of(ibdev, struct mlxsim_ib, ibdev);
}

/* ib_events.c */
enum ib_event_type mlxsim_ib_event_type(enum mlxsim_ib_event ev);
struct seq_file;
void mlxsim_ib_events_seq(struct seq_file *s,
			  u64 counts[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS],
			  u32 ports);
void mlxsim_ib_dispatch(struct mlxsim_ib *ib, u32 port,
			enum mlxsim_ib_event ev);
u64 mlxsim_ib_events_total(struct mlxsim_ib *ib);
void mlxsim_ib_port_sync(struct mlxsim_ib *ib, u32 port);
int mlxsim_ib_netdev_notifier_init(void);
void mlxsim_ib_netdev_notifier_exit(void);
void mlxsim_ib_events_debugfs_init(struct mlxsim_ib *ib);

/* ib_fw_events.c: the device's port events, as mlx4_ib_event takes them */
int mlxsim_ib_fw_events_init(void);
void mlxsim_ib_fw_events_exit(void);
void mlxsim_ib_fw_events_register(struct mlxsim_ib *ib);
void mlxsim_ib_fw_events_unregister(struct mlxsim_ib *ib);

/* ib_vf.c: the VFs' ib_core devices */
int mlxsim_ib_vfs_register(struct mlxsim_ib *ib);
/* @files: their debugfs files too (the function's directory remains) */
void mlxsim_ib_vfs_unregister(struct mlxsim_ib *ib, bool files);

/* ib_alias_guid.c: the alias GUID service's SA client */
int mlxsim_ib_ag_start(struct mlxsim_ib *ib);
void mlxsim_ib_ag_stop(struct mlxsim_ib *ib);

/* ib_iov.c: mlx4's iov sysfs tree under the master's device */
int mlxsim_ib_iov_add(struct mlxsim_ib *ib);
void mlxsim_ib_iov_remove(struct mlxsim_ib *ib);
void mlxsim_fn_pci_name(const struct mlxsim_fn *fn, char *buf, size_t len);

/* ib_reg.c: an IB port from its SMA's PortInfo */
int mlxsim_ib_link_query_port(struct mlxsim_fn *fn, u32 num,
			      struct ib_port_attr *attr);

/* ib_mad.c: process_mad, modify_port, modify_device */
void mlxsim_ib_mad_set_ops(struct mlxsim_ib *ib);

/* ib_verbs.c: the kernel verbs of the MAD layer */
void mlxsim_ib_verbs_init(struct ib_device *ibdev, struct ib_device_attr *attr);
/* @wire_fn: the function whose wire the QPs use, NULL for none */
void mlxsim_ib_verbs_set_ops(struct ib_device *ibdev,
			     struct mlxsim_ib_verbs *verbs,
			     struct mlxsim_fn *wire_fn);

/* ib_netdev.c */
int mlxsim_ib_netdev_create(struct mlxsim_fn *fn);
void mlxsim_ib_netdev_destroy(struct mlxsim_fn *fn);

#endif /* _MLXSIM_IB_INTERNAL_H */
