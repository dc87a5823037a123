// SPDX-License-Identifier: GPL-2.0
/*
 * Multiport RoCE affiliation (mlx5 style): the kernel shell around the
 * shared state machine of logic/mp.c.  mlxsim_lock serialises every
 * decision; the fields the tables show change under mlxsim_state_lock.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "mlxsim.h"
#include "mlxsim_trace.h"

/* 4096 buckets: chains stay short up to tens of thousands of functions. */
#define MLXSIM_MP_HASH_BITS 12

static struct mlxsim_mp_index mlxsim_mp_idx;
static struct mlxsim_mp_link *mlxsim_mp_buckets;

static void mlxsim_mp_port_set(void *ctx, struct mlxsim_mp_node *m, u32 port,
			       struct mlxsim_mp_node *s)
{
	mlxsim_port_set_fn(mlxsim_mp_port(m, port),
			   s ? mlxsim_mp_node_fn(s) : NULL);
}

/* Sleeps under mlxsim_lock only: `hold` and `cmd` never take it. */
static u32 mlxsim_mp_port_drain(void *ctx, struct mlxsim_mp_node *m, u32 port)
{
	return mlxsim_port_drain(mlxsim_mp_port(m, port));
}

static void mlxsim_mp_lock(void *ctx)
	__acquires(&mlxsim_state_lock)
{
	spin_lock(&mlxsim_state_lock);
}

static void mlxsim_mp_unlock(void *ctx)
	__releases(&mlxsim_state_lock)
{
	spin_unlock(&mlxsim_state_lock);
}

static int mlxsim_mp_port_attach(void *ctx, struct mlxsim_mp_node *m,
				 struct mlxsim_mp_node *s)
{
	return mlxsim_ib_port_attach(mlxsim_mp_node_fn(m), s->port,
				     mlxsim_mp_node_fn(s));
}

static void mlxsim_mp_port_detach(void *ctx, struct mlxsim_mp_node *m,
				  struct mlxsim_mp_node *s, u32 port)
{
	mlxsim_ib_port_detach(mlxsim_mp_node_fn(m), port, mlxsim_mp_node_fn(s));
}

static void mlxsim_mp_rescan(void *ctx, struct mlxsim_mp_node *m,
			     struct mlxsim_mp_node *s)
{
	trace_mlxsim_mp_rescan(m->id, s->id, s->port, m->rescans);
	mlxsim_ib_port_rescan(mlxsim_mp_node_fn(m), s->port,
			      mlxsim_mp_node_fn(s));
}

static void mlxsim_mp_trace_bind(void *ctx, struct mlxsim_mp_node *m,
				 struct mlxsim_mp_node *s, u8 reason, int err)
{
	trace_mlxsim_mp_bind(s->id, m->id, s->guid, s->native_port, reason,
			     -err, *s->roce_users);
}

static void mlxsim_mp_trace_unbind(void *ctx, struct mlxsim_mp_node *m,
				   struct mlxsim_mp_node *s, u32 port,
				   u32 waited, u8 reason, int err)
{
	trace_mlxsim_mp_unbind(s->id, m->id, s->guid, port, waited, reason,
			       -err, *s->roce_users,
			       mlxsim_port_drain_ns(mlxsim_mp_port(m, port)));
}

static void mlxsim_mp_trace_unaffiliated(void *ctx, struct mlxsim_mp_node *s,
					 u8 reason)
{
	trace_mlxsim_mp_unaffiliated(s->id, s->guid, s->type, s->native_port,
				     reason, mlxsim_mp_idx.nwaiting);
}

const struct mlxsim_mp_ops mlxsim_mp_ops = {
	.roce_set = mlxsim_mp_roce_set,
	.affiliation_set = mlxsim_mp_affiliation_set,
	.port_set = mlxsim_mp_port_set,
	.port_drain = mlxsim_mp_port_drain,
	.lock = mlxsim_mp_lock,
	.unlock = mlxsim_mp_unlock,
	.port_attach = mlxsim_mp_port_attach,
	.port_detach = mlxsim_mp_port_detach,
	.rescan = mlxsim_mp_rescan,
	.bind = mlxsim_mp_trace_bind,
	.unbind = mlxsim_mp_trace_unbind,
	.unaffiliated = mlxsim_mp_trace_unaffiliated,
};

/* Already under mlxsim_state_lock: no lock callbacks. */
static const struct mlxsim_mp_ops mlxsim_mp_locked_ops;

/*
 * A slave's port event from its device: while bound it is dispatched on
 * the master's IB device for the slave's port (mlx5_ib_event_slave_port).
 */
static int mlxsim_mp_slave_event_nb(struct notifier_block *nb,
				    unsigned long type, void *data)
{
	struct mlxsim_mp_fn *mp = container_of(nb, struct mlxsim_mp_fn, events);
	bool fwd;

	/* the HCA's own port events are its IB driver's, not a slave's */
	if (type >= MLXSIM_NUM_IB_EVENTS)
		return NOTIFY_DONE;
	spin_lock(&mlxsim_state_lock);
	fwd = mlxsim_mp_slave_event(&mlxsim_mp_locked_ops, NULL, &mp->node);
	/* the master stays while we hold the lock its removal takes */
	if (fwd)
		mlxsim_ib_slave_event(mlxsim_mp_node_fn(mp->node.master),
				      mp->node.port, type);
	spin_unlock(&mlxsim_state_lock);
	return fwd ? NOTIFY_OK : NOTIFY_DONE;
}

int __mlxsim_mp_fn_add(struct mlxsim_fn *fn)
{
	struct mlxsim_mp_fn *mp;
	int err = 0;

	lockdep_assert_held(&mlxsim_lock);
	mlxsim_mp_vport_debugfs_init(fn);
	if (fn->role == MLXSIM_ROLE_NONE)
		return 0;

	mp = kzalloc(sizeof(*mp), GFP_KERNEL);
	if (!mp)
		return -ENOMEM;
	mp->fn = fn;
	mlxsim_mp_node_init(&mp->node, fn->p.id, fn->p.guid, fn->p.type,
			    fn->role, fn->native_port,
			    fn->ibdev ? fn->ibdev->nports : 0);
	mp->node.vhca_id = fn->vhca_id;
	mp->node.criteria = fn->p.affiliate;
	mp->node.roce_users = &fn->roce_users;
	mp->node.priv = mp;

	spin_lock(&mlxsim_state_lock);
	fn->mp = mp;
	spin_unlock(&mlxsim_state_lock);

	if (fn->role == MLXSIM_ROLE_MASTER) {
		err = mlxsim_mp_master_add(&mlxsim_mp_idx, &mlxsim_mp_ops,
					   NULL, &mp->node);
	} else {
		mp->events.notifier_call = mlxsim_mp_slave_event_nb;
		mlxsim_fw_events_register(fn, &mp->events);
		mlxsim_mp_slave_add(&mlxsim_mp_idx, &mlxsim_mp_ops, NULL,
				    &mp->node);
	}
	if (err) {
		spin_lock(&mlxsim_state_lock);
		fn->mp = NULL;
		spin_unlock(&mlxsim_state_lock);
		kfree(mp);
	}
	return err;
}

/* May sleep until every native-port reference on a slave port is put. */
void __mlxsim_mp_fn_remove(struct mlxsim_fn *fn)
{
	struct mlxsim_mp_fn *mp = fn->mp;

	lockdep_assert_held(&mlxsim_lock);
	if (!mp)
		return;
	if (fn->role == MLXSIM_ROLE_MASTER) {
		mlxsim_mp_master_remove(&mlxsim_mp_idx, &mlxsim_mp_ops, NULL,
					&mp->node);
	} else {
		mlxsim_mp_slave_remove(&mlxsim_mp_idx, &mlxsim_mp_ops, NULL,
				       &mp->node);
		mlxsim_fw_events_unregister(fn, &mp->events);
	}
	spin_lock(&mlxsim_state_lock);
	fn->mp = NULL;
	spin_unlock(&mlxsim_state_lock);
	kfree(mp);
}

/*
 * Before removing @fn without mlxsim_lock held: the ports whose
 * references its unbinds will wait for (a bound slave's port on its
 * master, a master's slave ports), each refusing new references from now
 * on and keeping its IB device's function alive.  Returns how many.
 */
u32 __mlxsim_mp_drain_begin(struct mlxsim_fn *fn,
			    struct mlxsim_port *ports[MLXSIM_MAX_PORTS])
{
	struct mlxsim_mp_node *n;
	u32 i, count = 0;

	lockdep_assert_held(&mlxsim_lock);
	if (!fn->mp)
		return 0;
	n = &fn->mp->node;
	if (n->master) {
		ports[count++] = mlxsim_mp_port(n->master, n->port);
	} else {
		for (i = 0; i < MLXSIM_MAX_PORTS; i++)
			if (n->slave[i])
				ports[count++] = mlxsim_mp_port(n, i + 1);
	}
	for (i = 0; i < count; i++) {
		get_device(&ports[i]->ibdev->owner->dev);
		mlxsim_port_drain_begin(ports[i]);
	}
	return count;
}

void mlxsim_mp_drain_end(struct mlxsim_port **ports, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++) {
		mlxsim_port_drain_end(ports[i]);
		put_device(&ports[i]->ibdev->owner->dev);
	}
}

/*
 * Nobody can hold a debugfs file open once unload runs, so references
 * taken through `hold` have no owner left: drop them before any removal
 * (and before taking mlxsim_lock, which a waiting unbind may hold).
 */
void mlxsim_mp_release_all_holds(void)
{
	struct mlxsim_fn *fn;
	u32 i;

	spin_lock(&mlxsim_state_lock);
	list_for_each_entry(fn, &mlxsim_fn_list, node) {
		if (!fn->ibdev)
			continue;
		for (i = 0; i < fn->ibdev->nports; i++)
			mlxsim_port_release_holds(&fn->ibdev->port[i]);
	}
	spin_unlock(&mlxsim_state_lock);
}

int mlxsim_mp_init(void)
{
	size_t n = 1UL << MLXSIM_MP_HASH_BITS;

	mlxsim_mp_buckets = kvcalloc(2 * n, sizeof(*mlxsim_mp_buckets),
				     GFP_KERNEL);
	if (!mlxsim_mp_buckets)
		return -ENOMEM;
	mlxsim_mp_index_init(&mlxsim_mp_idx, mlxsim_mp_buckets,
			     mlxsim_mp_buckets + n, MLXSIM_MP_HASH_BITS);
	mlxsim_mp_global_debugfs_init();
	return 0;
}

void mlxsim_mp_exit(void)
{
	WARN_ON(mlxsim_mp_idx.nmasters || mlxsim_mp_idx.nwaiting);
	kvfree(mlxsim_mp_buckets);
	mlxsim_mp_buckets = NULL;
}
