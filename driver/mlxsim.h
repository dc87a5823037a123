/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlxsim private header: the structures of the simulated device and of the
 * driver on top of it, and each feature's init/exit pair.
 *
 * Locking, outermost first:
 *   mlxsim_lock (mutex)		function add/remove, multiport binding
 *   pv->lock (mutex)			one SR-IOV device's P_Key state
 *   mlxsim_state_lock (spinlock)	fields shown in the global tables
 *   port->lock (spinlock)		native-port references
 *   fw->lock (spinlock)		command counters and fault injection
 */
#ifndef _MLXSIM_H
#define _MLXSIM_H

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/seq_file.h>
#include <linux/types.h>
#include <linux/version.h>
#include <linux/wait.h>

#include "mlxsim/cmd.h"
#include "mlxsim/mp.h"
#include "mlxsim/params.h"
#include "mlxsim/parse.h"
#include "mlxsim/port_ref.h"
#include "mlxsim/qp.h"
#include "sim/sim.h"

#define DRV_NAME "mlxsim"

/* bus_type callbacks take a const bus_type from 6.3 on */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define MLXSIM_BUS_CONST const
#else
#define MLXSIM_BUS_CONST
#endif

struct mlxsim_fn;
struct mlxsim_ib;
struct mlxsim_mp_fn;
struct mlxsim_pv;

/* One port of an IB device; fn is the function natively behind it. */
struct mlxsim_port {
	spinlock_t lock;	/* fn, ref */
	struct mlxsim_ibdev *ibdev;
	u8 num;
	struct mlxsim_fn *fn;
	struct mlxsim_port_ref ref;	/* logic/port_ref.c */
	wait_queue_head_t unref;	/* drains wait here for ref.refcnt 0 */
	u64 drain_ns;		/* how long the last unbind waited */
	struct dentry *ddir;
};

/* An IB device, kept apart from the function so ib_core can wrap it. */
struct mlxsim_ibdev {
	struct mlxsim_fn *owner;
	bool multiport;
	u32 nports;
	struct mlxsim_port port[MLXSIM_MAX_PORTS];
	struct dentry *ddir;	/* = owner's debugfs dir */
};

/*
 * One function on the mlxsim bus.  The device side (bus.c, sim/) owns p,
 * vhca_id and fw; the driver bound to it (fn.c and the features) owns the
 * rest, from probe to remove.
 */
struct mlxsim_fn {
	struct device dev;
	struct mlxsim_params p;
	enum mlxsim_role role;
	u32 vhca_id;
	u32 native_port;
	struct list_head node;		/* mlxsim_fn_list, for tables */
	struct mlxsim_fw fw;
	struct mlxsim_ibdev *ibdev;	/* masters and ordinary functions */
	struct mlxsim_mp_fn *mp;	/* multiport state, masters/slaves */
	struct mlxsim_pv *pv;		/* P_Key paravirt, when vfs > 0 */
	u32 roce_users;			/* RoCE enable count of the vport */
	struct dentry *ddir;
	struct mlxsim_ib *ib;		/* ib_core registration, if any */
	struct net_device *ndev;	/* Ethernet functions, with ib_core */
	int probe_err;			/* why the driver did not bind */
};

static inline struct mlxsim_fn *to_mlxsim_fn(struct device *dev)
{
	return container_of(dev, struct mlxsim_fn, dev);
}

extern struct mutex mlxsim_lock;
extern spinlock_t mlxsim_state_lock;
extern struct list_head mlxsim_fn_list;
extern struct dentry *mlxsim_debugfs_root;

/* bus.c */
int mlxsim_bus_init(void);
void mlxsim_bus_exit(void);
struct mlxsim_fn *__mlxsim_fn_find(u32 id);

/* fn.c: the driver's add/remove of one function, add-time faults */
int mlxsim_add_step(struct mlxsim_fn *fn, const char *what);
void mlxsim_fail_add_debugfs_init(void);
int __mlxsim_fn_add(struct mlxsim_fn *fn);
void __mlxsim_fn_remove(struct mlxsim_fn *fn);

/* mad_ifc.c: the driver's MAD_IFC queries of the firmware's SMA */
int mlxsim_mad_ifc_get(struct mlxsim_fn *fn, u32 port, u16 attr_id,
		       u32 attr_mod, u8 *data);
int mlxsim_mad_ifc_pkey_block(struct mlxsim_fn *fn, u32 port, u32 block,
			      u16 *pkeys);
int mlxsim_mad_ifc_pkey(struct mlxsim_fn *fn, u32 port, u16 index, u16 *pkey);

/*
 * mad_path.c: a MAD a port received, the one way (process_mad, umad,
 * debugfs port<P>/mad): MAD_IFC, then the snoop.  @status is the MAD
 * status the firmware answered; @discard, that no response goes out.
 */
int mlxsim_mad_deliver(struct mlxsim_fn *fn, u32 port, const u8 *in, u8 *out,
		       u8 source, u16 *status, bool *discard);

/* port_sma.c: port<P>/sma of IB-link functions */
void mlxsim_port_sma_debugfs_init(struct mlxsim_port *port);

/* ibdev.c */
int mlxsim_ibdev_create(struct mlxsim_fn *fn);
void mlxsim_ibdev_free(struct mlxsim_fn *fn);
struct mlxsim_fn *mlxsim_port_get(struct mlxsim_ibdev *ibdev, u32 port);
void mlxsim_port_put(struct mlxsim_ibdev *ibdev, u32 port,
		     struct mlxsim_fn *fn);
bool mlxsim_port_is_up(struct mlxsim_port *port);
u32 mlxsim_port_drain(struct mlxsim_port *port);
void mlxsim_port_drain_begin(struct mlxsim_port *port);
int mlxsim_port_drain_wait(struct mlxsim_port *port);
void mlxsim_port_drain_end(struct mlxsim_port *port);
u64 mlxsim_port_drain_ns(struct mlxsim_port *port);
void mlxsim_port_release_holds(struct mlxsim_port *port);
void mlxsim_port_set_fn(struct mlxsim_port *port, struct mlxsim_fn *fn);
void mlxsim_port_snapshot(struct mlxsim_port *port, s32 *fn_id,
			  struct mlxsim_port_ref *ref, bool *up);

/*
 * debugfs.c: writable files.  A knob is a file whose write is one small
 * command: mlxsim_knob_write() reads the whole input, hands it to the
 * knob's ->write (a logic/ parser, then the change), and logs a refusal
 * naming the offending token, rate-limited per knob.  ->write sets
 * @e->fn (for the log prefix) and @e->bad; it changes nothing on error.
 */
struct mlxsim_knob_err {
	struct mlxsim_fn *fn;
	char bad[MLXSIM_TOKEN_MAX];
};

struct mlxsim_knob {
	const char *name;
	int (*write)(void *priv, const char *buf, size_t len,
		     struct mlxsim_knob_err *e);
	struct ratelimit_state rs;
};

ssize_t mlxsim_knob_write(struct mlxsim_knob *k, struct file *file,
			  const char __user *ubuf, size_t count);

#define __DEFINE_MLXSIM_KNOB(_id, _name, _write)				\
static struct mlxsim_knob _id##_knob = {				\
	.name = _name,							\
	.write = _write,						\
	.rs = RATELIMIT_STATE_INIT(_id##_knob.rs,			\
				   DEFAULT_RATELIMIT_INTERVAL,		\
				   DEFAULT_RATELIMIT_BURST),		\
};									\
static ssize_t _id##_knob_write(struct file *file,			\
				const char __user *ubuf, size_t count,	\
				loff_t *ppos)				\
{									\
	return mlxsim_knob_write(&_id##_knob, file, ubuf, count);	\
}

/* A write-only knob: _id##_fops. */
#define DEFINE_MLXSIM_KNOB_WO(_id, _name, _write)				\
__DEFINE_MLXSIM_KNOB(_id, _name, _write)					\
static const struct file_operations _id##_fops = {			\
	.owner = THIS_MODULE,						\
	.open = simple_open,						\
	.write = _id##_knob_write,					\
	.llseek = noop_llseek,						\
}

/* A knob that reads back through _show(seq_file, unused). */
#define DEFINE_MLXSIM_KNOB_RW(_id, _name, _show, _write)			\
__DEFINE_MLXSIM_KNOB(_id, _name, _write)					\
static int _id##_open(struct inode *inode, struct file *file)		\
{									\
	return single_open(file, _show, inode->i_private);		\
}									\
static const struct file_operations _id##_fops = {			\
	.owner = THIS_MODULE,						\
	.open = _id##_open,						\
	.read = seq_read,						\
	.llseek = seq_lseek,						\
	.release = single_release,					\
	.write = _id##_knob_write,					\
}

/* debugfs.c: helpers for writable files */
char *mlxsim_dbg_read_input(const char __user *ubuf, size_t count);
void __mlxsim_bad_input(struct ratelimit_state *rs, struct mlxsim_fn *fn,
			const char *file, const char *tok, int err);
/* One ratelimit state per call site: one file's burst hides no other's. */
#define mlxsim_bad_input(fn, file, tok, err)				\
	do {								\
		static DEFINE_RATELIMIT_STATE(_rs,			\
					      DEFAULT_RATELIMIT_INTERVAL, \
					      DEFAULT_RATELIMIT_BURST);	\
		__mlxsim_bad_input(&_rs, fn, file, tok, err);		\
	} while (0)

/* mp_*.c: multiport affiliation (mlx5 style) */
struct mlxsim_mp_fn {
	struct mlxsim_mp_node node;	/* the shared logic's state */
	struct mlxsim_fn *fn;
	struct notifier_block events;	/* slaves: the device's events */
};

/* The function of a multiport node, and a master node's IB port. */
static inline struct mlxsim_fn *mlxsim_mp_node_fn(struct mlxsim_mp_node *n)
{
	return ((struct mlxsim_mp_fn *)n->priv)->fn;
}

static inline struct mlxsim_port *mlxsim_mp_port(struct mlxsim_mp_node *m,
						 u32 port)
{
	return &mlxsim_mp_node_fn(m)->ibdev->port[port - 1];
}

int mlxsim_mp_init(void);
void mlxsim_mp_exit(void);
/* Module unload, before any removal: drop every `hold` reference. */
void mlxsim_mp_release_all_holds(void);
int __mlxsim_mp_fn_add(struct mlxsim_fn *fn);
void __mlxsim_mp_fn_remove(struct mlxsim_fn *fn);
u32 __mlxsim_mp_drain_begin(struct mlxsim_fn *fn,
			    struct mlxsim_port *ports[MLXSIM_MAX_PORTS]);
void mlxsim_mp_drain_end(struct mlxsim_port **ports, u32 count);
int mlxsim_mp_global_debugfs_init(void);
extern const struct mlxsim_mp_ops mlxsim_mp_ops;
int mlxsim_mp_roce_set(void *ctx, struct mlxsim_mp_node *n, bool enable);
int mlxsim_mp_affiliation_set(void *ctx, struct mlxsim_mp_node *s,
			      u32 vhca_id, u32 criteria);
void mlxsim_mp_vport_debugfs_init(struct mlxsim_fn *fn);
int mlxsim_fn_roce_init(struct mlxsim_fn *fn);
void mlxsim_fn_roce_cleanup(struct mlxsim_fn *fn);

/* pkey_*.c: P_Key paravirtualization (mlx4 style) */
int mlxsim_pv_create(struct mlxsim_fn *fn);
void mlxsim_pv_destroy(struct mlxsim_fn *fn);
void mlxsim_pv_caps_show(struct seq_file *s, struct mlxsim_fn *fn);

/*
 * ib_*.c: registration with the kernel's RDMA core and the functions'
 * netdevs, when the kernel has CONFIG_INFINIBAND; no-ops otherwise.
 */
#if IS_ENABLED(CONFIG_INFINIBAND)
int mlxsim_ib_init(void);
void mlxsim_ib_exit(void);
int mlxsim_ib_fn_add(struct mlxsim_fn *fn);
void mlxsim_ib_fn_remove(struct mlxsim_fn *fn);
int mlxsim_ib_port_attach(struct mlxsim_fn *m, u32 port, struct mlxsim_fn *s);
void mlxsim_ib_port_rescan(struct mlxsim_fn *m, u32 port, struct mlxsim_fn *s);
void mlxsim_ib_port_detach(struct mlxsim_fn *m, u32 port,
			   struct mlxsim_fn *s);
void mlxsim_ib_event(struct mlxsim_fn *fn, u32 port, u8 ev);
void mlxsim_ib_vf_event(struct mlxsim_fn *fn, u32 slave, u32 port, u8 ev);
void mlxsim_ib_slave_event(struct mlxsim_fn *m, u32 port, u8 ev);
const char *mlxsim_ib_name(struct mlxsim_fn *fn);
const char *mlxsim_ib_cached_state(struct mlxsim_fn *fn, u32 port);
int mlxsim_ib_cached_pkey(struct mlxsim_fn *fn, u32 port, u16 index,
			  u16 *pkey);
void mlxsim_ib_ag_kick(struct mlxsim_fn *fn, u32 port);
#else
static inline int mlxsim_ib_init(void)
{
	pr_info(DRV_NAME ": kernel without CONFIG_INFINIBAND: IB devices are not registered with the RDMA core\n");
	return 0;
}

static inline void mlxsim_ib_exit(void) {}
static inline int mlxsim_ib_fn_add(struct mlxsim_fn *fn) { return 0; }
static inline void mlxsim_ib_fn_remove(struct mlxsim_fn *fn) {}
static inline int mlxsim_ib_port_attach(struct mlxsim_fn *m, u32 port,
					struct mlxsim_fn *s)
{
	return 0;
}

static inline void mlxsim_ib_port_rescan(struct mlxsim_fn *m, u32 port,
					 struct mlxsim_fn *s) {}
static inline void mlxsim_ib_port_detach(struct mlxsim_fn *m, u32 port,
					 struct mlxsim_fn *s) {}
static inline void mlxsim_ib_event(struct mlxsim_fn *fn, u32 port, u8 ev) {}
static inline void mlxsim_ib_vf_event(struct mlxsim_fn *fn, u32 slave,
				      u32 port, u8 ev) {}
static inline void mlxsim_ib_slave_event(struct mlxsim_fn *m, u32 port,
					 u8 ev) {}
static inline const char *mlxsim_ib_name(struct mlxsim_fn *fn)
{
	return "-";
}

static inline const char *mlxsim_ib_cached_state(struct mlxsim_fn *fn,
						 u32 port)
{
	return "-";
}

static inline int mlxsim_ib_cached_pkey(struct mlxsim_fn *fn, u32 port,
					u16 index, u16 *pkey)
{
	return -ENODEV;
}

/* no SA client without ib_core: alias GUIDs stay unassigned */
static inline void mlxsim_ib_ag_kick(struct mlxsim_fn *fn, u32 port) {}
#endif

#endif /* _MLXSIM_H */
