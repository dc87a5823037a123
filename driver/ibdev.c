// SPDX-License-Identifier: GPL-2.0
/*
 * The IB device a master or ordinary function creates, its ports, and the
 * native-port references (mlx5_ib_get/put_native_port_mdev) that keep a
 * slave function alive while a command is in flight on its port.
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "mlxsim.h"
#include "mlxsim_trace.h"
#include "mlxsim/knobs.h"

static u32 mlxsim_ibdev_id(const struct mlxsim_ibdev *ibdev)
{
	return ibdev->owner->p.id;
}

/* Does a reference on this port pin a slave (and so count)? */
static bool mlxsim_port_counts(const struct mlxsim_port *port,
			       const struct mlxsim_fn *fn)
{
	return port->ibdev->multiport && fn != port->ibdev->owner;
}

/*
 * A port is up when a function is behind it and no unbind drains it; a
 * RoCE port also needs that function's netdev running with carrier
 * (mlx5_query_port_roce).  Under port->lock, which pins port->fn.
 */
static bool __mlxsim_port_up(const struct mlxsim_port *port)
{
	const struct net_device *ndev;

	if (!mlxsim_port_ref_up(&port->ref))
		return false;
	if (port->fn->p.link != MLXSIM_LINK_ETH)
		return true;
	ndev = port->fn->ndev;
	return ndev && netif_running(ndev) && netif_carrier_ok(ndev);
}

bool mlxsim_port_is_up(struct mlxsim_port *port)
{
	bool up;

	spin_lock(&port->lock);
	up = __mlxsim_port_up(port);
	spin_unlock(&port->lock);
	return up;
}

/* Tables: who is behind the port (-1: nobody) and its counts. */
void mlxsim_port_snapshot(struct mlxsim_port *port, s32 *fn_id,
			  struct mlxsim_port_ref *ref, bool *up)
{
	spin_lock(&port->lock);
	*fn_id = port->fn ? (s32)port->fn->p.id : -1;
	*ref = port->ref;
	*up = __mlxsim_port_up(port);
	spin_unlock(&port->lock);
}

struct mlxsim_fn *mlxsim_port_get(struct mlxsim_ibdev *ibdev, u32 num)
{
	struct mlxsim_port *port = &ibdev->port[num - 1];
	enum mlxsim_mdev_result res;
	struct mlxsim_fn *fn = NULL;
	s32 fn_id = -1;
	u32 refcnt;

	spin_lock(&port->lock);
	res = mlxsim_port_ref_get(&port->ref, 1);
	if (res == MLXSIM_MDEV_OWN || res == MLXSIM_MDEV_REFCOUNTED) {
		fn = port->fn;
		fn_id = fn->p.id;
	}
	refcnt = port->ref.refcnt;
	spin_unlock(&port->lock);
	trace_mlxsim_mp_mdev_get(mlxsim_ibdev_id(ibdev), num, fn_id, res,
				 refcnt);
	return fn;
}

/*
 * Drop @n references; wakes an unbind waiting for them.  Everything the
 * trace needs is read under the lock: once woken, the unbind may free
 * the slave.
 */
static void mlxsim_port_put_n(struct mlxsim_port *port, struct mlxsim_fn *fn,
			      u32 n)
{
	u32 refcnt, fn_id = fn->p.id;
	bool waking = false;

	spin_lock(&port->lock);
	/* the owner's own port, or a port the slave already left */
	if (port->fn == fn)
		waking = mlxsim_port_ref_put(&port->ref, n);
	refcnt = port->ref.refcnt;
	spin_unlock(&port->lock);
	trace_mlxsim_mp_mdev_put(mlxsim_ibdev_id(port->ibdev), port->num,
				 fn_id, refcnt, waking);
	if (waking)
		wake_up_all(&port->unref);
}

void mlxsim_port_put(struct mlxsim_ibdev *ibdev, u32 num, struct mlxsim_fn *fn)
{
	mlxsim_port_put_n(&ibdev->port[num - 1], fn, 1);
}

static bool mlxsim_port_drained(struct mlxsim_port *port)
{
	bool drained;

	spin_lock(&port->lock);
	drained = mlxsim_port_ref_drained(&port->ref);
	spin_unlock(&port->lock);
	return drained;
}

/*
 * Unbind side, under mlxsim_lock: refuse new references and sleep until
 * every outstanding one is put.  Removals wait for the long-lived ones
 * beforehand, killably and unlocked (mlxsim_port_drain_wait()), so only
 * in-flight commands and module unload are waited for here.  Returns how
 * many references there were.
 */
u32 mlxsim_port_drain(struct mlxsim_port *port)
{
	u64 t0 = ktime_get_ns();
	u32 waited;

	spin_lock(&port->lock);
	waited = mlxsim_port_ref_drain(&port->ref);
	spin_unlock(&port->lock);
	wait_event(port->unref, mlxsim_port_drained(port));
	spin_lock(&port->lock);
	port->drain_ns += ktime_get_ns() - t0;
	spin_unlock(&port->lock);
	return waited;
}

/* The unbind's wait in ns: the unlocked one and the locked one. */
u64 mlxsim_port_drain_ns(struct mlxsim_port *port)
{
	u64 ns;

	spin_lock(&port->lock);
	ns = port->drain_ns;
	spin_unlock(&port->lock);
	return ns;
}

void mlxsim_port_drain_begin(struct mlxsim_port *port)
{
	spin_lock(&port->lock);
	mlxsim_port_ref_drain_begin(&port->ref);
	spin_unlock(&port->lock);
}

/*
 * Without mlxsim_lock; -ERESTARTSYS if killed meanwhile.  Removals
 * waiting side by side wait the same time: the longest one counts.
 */
int mlxsim_port_drain_wait(struct mlxsim_port *port)
{
	u64 t0 = ktime_get_ns(), ns;
	int err;

	err = wait_event_killable(port->unref, mlxsim_port_drained(port));
	ns = ktime_get_ns() - t0;
	spin_lock(&port->lock);
	if (!err && ns > port->drain_ns)
		port->drain_ns = ns;
	spin_unlock(&port->lock);
	return err;
}

void mlxsim_port_drain_end(struct mlxsim_port *port)
{
	spin_lock(&port->lock);
	mlxsim_port_ref_drain_end(&port->ref);
	spin_unlock(&port->lock);
}

/* Module unload: references taken through `hold` belong to nobody else. */
void mlxsim_port_release_holds(struct mlxsim_port *port)
{
	struct mlxsim_fn *fn;
	u32 held;

	spin_lock(&port->lock);
	held = port->ref.held;
	port->ref.held = 0;
	fn = port->fn;
	spin_unlock(&port->lock);
	if (held && fn) {
		pr_info(DRV_NAME "%u: port %u: dropping %u held references\n",
			mlxsim_ibdev_id(port->ibdev), port->num, held);
		mlxsim_port_put_n(port, fn, held);
	}
}

/* Bind/unbind: who is behind the port now (NULL clears it). */
void mlxsim_port_set_fn(struct mlxsim_port *port, struct mlxsim_fn *fn)
{
	spin_lock(&mlxsim_state_lock);
	spin_lock(&port->lock);
	port->fn = fn;
	mlxsim_port_ref_set_fn(&port->ref, fn, fn && mlxsim_port_counts(port, fn));
	if (fn)
		port->drain_ns = 0;
	spin_unlock(&port->lock);
	spin_unlock(&mlxsim_state_lock);
	/* a drain waiting on a port that lost its slave is done */
	if (!fn)
		wake_up_all(&port->unref);
}

static int mlxsim_ports_show(struct seq_file *s, void *unused)
{
	struct mlxsim_ibdev *ibdev = s->private;
	struct mlxsim_port_ref ref;
	s32 fn_id;
	bool up;
	u32 i;

	seq_puts(s, "port function state refcnt unaffiliating held ib_state\n");
	for (i = 0; i < ibdev->nports; i++) {
		struct mlxsim_port *port = &ibdev->port[i];

		mlxsim_port_snapshot(port, &fn_id, &ref, &up);
		seq_printf(s, "%u ", port->num);
		if (fn_id < 0)
			seq_puts(s, "- ");
		else
			seq_printf(s, "%d ", fn_id);
		seq_printf(s, "%s %u %u %u %s\n",
			   up ? "up" : "down", ref.refcnt,
			   ref.unaffiliating || ref.drainers, ref.held,
			   mlxsim_ib_cached_state(ibdev->owner, port->num));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_ports);

static int mlxsim_hold_show(struct seq_file *s, void *unused)
{
	struct mlxsim_port *port = s->private;
	u32 held;

	spin_lock(&port->lock);
	held = port->ref.held;
	spin_unlock(&port->lock);
	seq_printf(s, "%u\n", held);
	return 0;
}

static int mlxsim_hold_take(struct mlxsim_port *port, u32 n)
{
	enum mlxsim_mdev_result res;
	s32 fn_id = -1;
	u32 refcnt;
	int err;

	spin_lock(&port->lock);
	err = mlxsim_port_ref_hold(&port->ref, n, &res);
	if (!err)
		fn_id = port->fn->p.id;
	refcnt = port->ref.refcnt;
	spin_unlock(&port->lock);
	trace_mlxsim_mp_mdev_get(mlxsim_ibdev_id(port->ibdev), port->num,
				 fn_id, res, refcnt);
	return err;
}

static int mlxsim_hold_release(struct mlxsim_port *port, u32 n)
{
	struct mlxsim_fn *fn;
	int err;

	spin_lock(&port->lock);
	err = mlxsim_port_ref_unhold(&port->ref, n);
	fn = port->fn;
	spin_unlock(&port->lock);
	/* a held slave port cannot lose its function: unbind waits */
	if (!err)
		mlxsim_port_put_n(port, fn, n);
	return err;
}

/* "+N" takes N native-port references, "-N" releases N of them. */
static int mlxsim_hold_write(void *priv, const char *buf, size_t len,
			     struct mlxsim_knob_err *e)
{
	struct mlxsim_port *port = priv;
	struct mlxsim_hold_arg a;
	int err;

	e->fn = port->ibdev->owner;
	err = mlxsim_hold_parse(buf, len, &a, e->bad, sizeof(e->bad));
	if (err)
		return err;
	return a.take ? mlxsim_hold_take(port, a.n) :
			mlxsim_hold_release(port, a.n);
}

DEFINE_MLXSIM_KNOB_RW(mlxsim_hold, "hold", mlxsim_hold_show, mlxsim_hold_write);

/*
 * A command on this port, routed by its opcode's class as upstream
 * routes by what a command addresses: IB objects (and the HCA itself)
 * live on the master's function, port state on the port's native
 * function, reached through a native-port reference.
 */
static int mlxsim_port_cmd(struct mlxsim_port *port,
			   const struct mlxsim_port_cmd_arg *a)
{
	struct mlxsim_ibdev *ibdev = port->ibdev;
	struct mlxsim_fn *fn;
	int err;

	if (a->class != MLXSIM_CMD_CLASS_PORT)
		return mlxsim_cmd_simple(ibdev->owner, a->opcode, port->num);
	fn = mlxsim_port_get(ibdev, port->num);
	if (!fn)
		return -ENODEV;
	err = mlxsim_cmd_simple(fn, a->opcode, fn == ibdev->owner ?
				port->num : fn->native_port);
	mlxsim_port_put(ibdev, port->num, fn);
	return err;
}

static int mlxsim_port_cmd_write(void *priv, const char *buf, size_t len,
				 struct mlxsim_knob_err *e)
{
	struct mlxsim_port *port = priv;
	struct mlxsim_port_cmd_arg a;
	int err;

	e->fn = port->ibdev->owner;
	err = mlxsim_port_cmd_parse(buf, len, &a, e->bad, sizeof(e->bad));
	if (err)
		return err;
	return mlxsim_port_cmd(port, &a);
}

DEFINE_MLXSIM_KNOB_WO(mlxsim_port_cmd, "cmd", mlxsim_port_cmd_write);

int mlxsim_ibdev_create(struct mlxsim_fn *fn)
{
	struct mlxsim_ibdev *ibdev;
	char name[16];
	u32 i;

	ibdev = kzalloc(sizeof(*ibdev), GFP_KERNEL);
	if (!ibdev)
		return -ENOMEM;
	ibdev->owner = fn;
	ibdev->multiport = fn->role == MLXSIM_ROLE_MASTER;
	ibdev->nports = mlxsim_params_ib_ports(&fn->p);
	ibdev->ddir = fn->ddir;
	for (i = 0; i < ibdev->nports; i++) {
		struct mlxsim_port *port = &ibdev->port[i];

		spin_lock_init(&port->lock);
		init_waitqueue_head(&port->unref);
		port->ibdev = ibdev;
		port->num = i + 1;
		/* a master owns its native port; the others wait for slaves */
		if (!ibdev->multiport || port->num == fn->native_port) {
			port->fn = fn;
			mlxsim_port_ref_set_fn(&port->ref, true, false);
		}

		snprintf(name, sizeof(name), "port%u", port->num);
		port->ddir = debugfs_create_dir(name, fn->ddir);
		debugfs_create_file("hold", 0600, port->ddir, port,
				    &mlxsim_hold_fops);
		debugfs_create_file("cmd", 0200, port->ddir, port,
				    &mlxsim_port_cmd_fops);
		if (fn->p.link == MLXSIM_LINK_IB)
			mlxsim_port_sma_debugfs_init(port);
	}
	debugfs_create_file("ports", 0400, fn->ddir, ibdev,
			    &mlxsim_ports_fops);
	fn->ibdev = ibdev;
	return 0;
}

/*
 * Freed with the function (mlxsim_fn_release), not at remove: a removal
 * waiting, unlocked, for a port's references may still be on its queue.
 */
void mlxsim_ibdev_free(struct mlxsim_fn *fn)
{
	kfree(fn->ibdev);
	fn->ibdev = NULL;
}
