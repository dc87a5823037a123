// SPDX-License-Identifier: GPL-2.0
/*
 * ib_core events of mlxsim's IB devices and the port 2 netdev of a
 * multiport master: a bound slave's netdev is associated with the port,
 * its GIDs scanned and PORT_ACTIVE raised; unbinding undoes it with
 * PORT_ERR.  Snooped P_Key changes raise PKEY_CHANGE.  Each dispatched
 * event is counted per port for debugfs `ib_events`.
 *
 * Callers hold mlxsim_lock (bind, unbind) or pv->lock (P_Key) and no
 * spinlock: ib_core may sleep, and the GID rescan takes rtnl.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/version.h>

#include "ib_internal.h"
#include "mlxsim_trace.h"

static const enum ib_event_type mlxsim_ib_event_types[] = {
	[MLXSIM_IB_EV_PORT_ACTIVE] = IB_EVENT_PORT_ACTIVE,
	[MLXSIM_IB_EV_PORT_ERR] = IB_EVENT_PORT_ERR,
	[MLXSIM_IB_EV_PKEY_CHANGE] = IB_EVENT_PKEY_CHANGE,
	[MLXSIM_IB_EV_LID_CHANGE] = IB_EVENT_LID_CHANGE,
	[MLXSIM_IB_EV_GID_CHANGE] = IB_EVENT_GID_CHANGE,
	[MLXSIM_IB_EV_SM_CHANGE] = IB_EVENT_SM_CHANGE,
	[MLXSIM_IB_EV_CLIENT_REREGISTER] = IB_EVENT_CLIENT_REREGISTER,
};

enum ib_event_type mlxsim_ib_event_type(enum mlxsim_ib_event ev)
{
	return mlxsim_ib_event_types[ev];
}

void mlxsim_ib_dispatch(struct mlxsim_ib *ib, u32 port,
			enum mlxsim_ib_event ev)
{
	struct ib_event event = {
		.device = &ib->ibdev,
		.event = mlxsim_ib_event_types[ev],
		.element.port_num = port,
	};
	u64 count;

	spin_lock(&ib->ev_lock);
	count = ++ib->events[port - 1][ev];
	spin_unlock(&ib->ev_lock);
	trace_mlxsim_ib_event(ib->fn->p.id, port, ev, count);
	/* queues ib_core's cache update and handlers: does not sleep */
	ib_dispatch_event(&event);
}

/*
 * Announce the port's state if it changed since the last announcement
 * (mlx5_netdev_event's last_port_state): PORT_ACTIVE or PORT_ERR, once
 * per change, whatever moved it (bind, unbind, the netdev going up or
 * down, its carrier).  Never sleeps.
 */
void mlxsim_ib_port_sync(struct mlxsim_ib *ib, u32 port)
{
	bool up = mlxsim_port_is_up(&ib->fn->ibdev->port[port - 1]);
	bool changed;

	spin_lock(&ib->ev_lock);
	changed = ib->last_up[port - 1] != up;
	ib->last_up[port - 1] = up;
	spin_unlock(&ib->ev_lock);
	if (changed)
		mlxsim_ib_dispatch(ib, port, up ? MLXSIM_IB_EV_PORT_ACTIVE :
						  MLXSIM_IB_EV_PORT_ERR);
}

u64 mlxsim_ib_events_total(struct mlxsim_ib *ib)
{
	u64 total = 0;
	u32 p, e;

	spin_lock(&ib->ev_lock);
	for (p = 0; p < MLXSIM_MAX_PORTS; p++)
		for (e = 0; e < MLXSIM_NUM_IB_EVENTS; e++)
			total += ib->events[p][e];
	spin_unlock(&ib->ev_lock);
	return total;
}

/* New GIDs of the port's netdev into ib_core's cache; takes rtnl. */
static void mlxsim_ib_rescan(struct mlxsim_ib *ib, u32 port)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	rdma_roce_rescan_port(&ib->ibdev, port);
#else
	rdma_roce_rescan_device(&ib->ibdev);
#endif
}

/*
 * The slave's GIDs out of the port.  6.1 exports no way to do it: they
 * stay (port DOWN) until the slave's netdev unregisters or the IB
 * device does, whichever is first.
 */
static void mlxsim_ib_del_gids(struct mlxsim_ib *ib, u32 port,
			       struct net_device *ndev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	roce_del_all_netdev_gids(&ib->ibdev, port, ndev);
#endif
}

/*
 * Slave s is binding to port `port` of master m: its netdev backs the
 * port (mlx5_add_netdev_notifier).  A failure fails the bind.
 */
int mlxsim_ib_port_attach(struct mlxsim_fn *m, u32 port, struct mlxsim_fn *s)
{
	struct mlxsim_ib *ib = m->ib;
	int err;

	lockdep_assert_held(&mlxsim_lock);
	if (!ib || !s->ndev)
		return 0;
	err = ib_device_set_netdev(&ib->ibdev, s->ndev, port);
	if (err) {
		pr_warn_ratelimited(DRV_NAME "%u: port %u: netdev of %u not attached: %s\n",
				    m->p.id, port, s->p.id,
				    mlxsim_errno_name(-err));
		return err;
	}
	trace_mlxsim_ib_netdev(m->p.id, port, s->p.id, true);
	return 0;
}

/* The bind completed: the port's new GIDs, then PORT_ACTIVE. */
void mlxsim_ib_port_rescan(struct mlxsim_fn *m, u32 port, struct mlxsim_fn *s)
{
	struct mlxsim_ib *ib = m->ib;

	lockdep_assert_held(&mlxsim_lock);
	if (!ib)
		return;
	if (s->ndev)
		mlxsim_ib_rescan(ib, port);
	mlxsim_ib_port_sync(ib, port);
}

/* The port lost slave s: it reads DOWN already. */
void mlxsim_ib_port_detach(struct mlxsim_fn *m, u32 port,
			   struct mlxsim_fn *s)
{
	struct mlxsim_ib *ib = m->ib;

	lockdep_assert_held(&mlxsim_lock);
	if (!ib)
		return;
	if (s->ndev) {
		ib_device_set_netdev(&ib->ibdev, NULL, port);
		trace_mlxsim_ib_netdev(m->p.id, port, s->p.id, false);
		mlxsim_ib_del_gids(ib, port, s->ndev);
	}
	mlxsim_ib_port_sync(ib, port);
}

/* An event of fn's port as its own driver sees it (P_Key, LID, SM...). */
void mlxsim_ib_event(struct mlxsim_fn *fn, u32 port, u8 ev)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);

	if (ib && ev < MLXSIM_NUM_IB_EVENTS)
		mlxsim_ib_dispatch(ib, port, ev);
}

/*
 * A bound slave's event, on its master's device (under mlxsim_state_lock,
 * which keeps the master's registration; dispatching does not sleep).
 */
void mlxsim_ib_slave_event(struct mlxsim_fn *m, u32 port, u8 ev)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&m->ib);

	if (ib && ev < MLXSIM_NUM_IB_EVENTS)
		mlxsim_ib_dispatch(ib, port, ev);
}

/* An ib_events table (the master's, a VF's): `port event count`. */
void mlxsim_ib_events_seq(struct seq_file *s,
			  u64 counts[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS],
			  u32 ports)
{
	u32 p, e;

	seq_puts(s, "port event count\n");
	for (p = 0; p < ports; p++)
		for (e = 0; e < MLXSIM_NUM_IB_EVENTS; e++)
			seq_printf(s, "%u %s %llu\n", p + 1,
				   mlxsim_ib_event_name(e), counts[p][e]);
}

static int mlxsim_ib_events_show(struct seq_file *s, void *unused)
{
	struct mlxsim_ib *ib = s->private;
	u64 counts[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS];

	spin_lock(&ib->ev_lock);
	memcpy(counts, ib->events, sizeof(counts));
	spin_unlock(&ib->ev_lock);
	mlxsim_ib_events_seq(s, counts, ib->ibdev.phys_port_cnt);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_ib_events);

void mlxsim_ib_events_debugfs_init(struct mlxsim_ib *ib)
{
	ib->events_file = debugfs_create_file("ib_events", 0400, ib->fn->ddir,
					      ib, &mlxsim_ib_events_fops);
}
