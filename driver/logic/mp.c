// SPDX-License-Identifier: GPL-2.0
/*
 * Multiport affiliation state machine (mlx5_ib_add/remove of a multiport
 * function): masters, slaves, bind, unbind, RoCE enable counting.  The
 * order of the steps follows DESIGN.md "Multiport affiliation".
 */
#include "mlxsim/mp.h"

static void mlxsim_mp_lock(const struct mlxsim_mp_ops *ops, void *ctx)
{
	if (ops->lock)
		ops->lock(ctx);
}

static void mlxsim_mp_unlock(const struct mlxsim_mp_ops *ops, void *ctx)
{
	if (ops->unlock)
		ops->unlock(ctx);
}

int mlxsim_mp_roce_get(const struct mlxsim_mp_ops *ops, void *ctx,
		       struct mlxsim_mp_node *n)
{
	bool first;
	int err = 0;

	mlxsim_mp_lock(ops, ctx);
	first = !(*n->roce_users)++;
	mlxsim_mp_unlock(ops, ctx);
	if (first) {
		err = ops->roce_set(ctx, n, true);
		if (err) {
			mlxsim_mp_lock(ops, ctx);
			(*n->roce_users)--;
			mlxsim_mp_unlock(ops, ctx);
		}
	}
	return err;
}

int mlxsim_mp_roce_put(const struct mlxsim_mp_ops *ops, void *ctx,
		       struct mlxsim_mp_node *n)
{
	bool last;
	int err = 0;

	if (!*n->roce_users)
		return 0;
	mlxsim_mp_lock(ops, ctx);
	last = !--(*n->roce_users);
	mlxsim_mp_unlock(ops, ctx);
	if (last) {
		err = ops->roce_set(ctx, n, false);
		if (err) {
			mlxsim_mp_lock(ops, ctx);
			(*n->roce_users)++;
			mlxsim_mp_unlock(ops, ctx);
		}
	}
	return err;
}

u8 mlxsim_mp_bind_check(const struct mlxsim_mp_node *m,
			const struct mlxsim_mp_node *s)
{
	if (!s->native_port || s->native_port > m->nports)
		return MLXSIM_MP_REASON_NO_PORT;
	if (s->native_port == m->native_port)
		return MLXSIM_MP_REASON_NATIVE_PORT;
	if (m->slave[s->native_port - 1])
		return MLXSIM_MP_REASON_PORT_BUSY;
	return MLXSIM_MP_REASON_OK;
}

/* Put (or keep) @s on the waiting list, remembering why. */
static void mlxsim_mp_wait(struct mlxsim_mp_index *idx,
			   const struct mlxsim_mp_ops *ops, void *ctx,
			   struct mlxsim_mp_node *s, u8 reason)
{
	mlxsim_mp_lock(ops, ctx);
	mlxsim_mp_index_enqueue(idx, s);
	s->state = MLXSIM_MP_UNAFFILIATED;
	s->reason = reason;
	mlxsim_mp_unlock(ops, ctx);
	if (ops->unaffiliated)
		ops->unaffiliated(ctx, s, reason);
}

/* Forget the port record of a bind that did not complete, or an unbind. */
static u32 mlxsim_mp_port_clear(const struct mlxsim_mp_ops *ops, void *ctx,
				struct mlxsim_mp_node *m,
				struct mlxsim_mp_node *s)
{
	u32 port = s->port, waited;

	waited = ops->port_drain(ctx, m, port);
	ops->port_set(ctx, m, port, NULL);
	mlxsim_mp_lock(ops, ctx);
	m->slave[port - 1] = NULL;
	s->master = NULL;
	s->port = 0;
	s->unbinding = false;
	mlxsim_mp_unlock(ops, ctx);
	return waited;
}

/*
 * The end of an unbind (mlx5_ib_unbind_slave_port after its wait): the
 * port is cleared, then the affiliation, and RoCE is disabled only if
 * clearing it worked.  Returns the affiliation command's status.
 */
static int mlxsim_mp_unaffiliate(const struct mlxsim_mp_ops *ops, void *ctx,
				 struct mlxsim_mp_node *m,
				 struct mlxsim_mp_node *s, u32 *waited)
{
	int err;

	*waited = mlxsim_mp_port_clear(ops, ctx, m, s);
	err = ops->affiliation_set(ctx, s, 0, 0);
	if (!err)
		mlxsim_mp_roce_put(ops, ctx, s);
	return err;
}

/*
 * Bind @s to @m (mlx5_ib_bind_slave_port): record the port, enable RoCE
 * on the slave's vport and write the affiliation
 * (mlx5_nic_vport_affiliate_multiport, which disables RoCE again if the
 * write fails), attach the slave's netdev, then forward the slave's
 * events and rescan.  Any failure unbinds as upstream does: the port is
 * cleared, the affiliation cleared, RoCE put back.  Leaves @s off the
 * waiting list only on success.
 */
static u8 mlxsim_mp_bind(struct mlxsim_mp_index *idx,
			 const struct mlxsim_mp_ops *ops, void *ctx,
			 struct mlxsim_mp_node *m, struct mlxsim_mp_node *s)
{
	u8 reason = mlxsim_mp_bind_check(m, s);
	int err;

	if (reason != MLXSIM_MP_REASON_OK) {
		if (ops->bind)
			ops->bind(ctx, m, s, reason, 0);
		return reason;
	}

	mlxsim_mp_lock(ops, ctx);
	m->slave[s->native_port - 1] = s;
	s->master = m;
	s->port = s->native_port;
	mlxsim_mp_unlock(ops, ctx);
	ops->port_set(ctx, m, s->port, s);

	err = mlxsim_mp_roce_get(ops, ctx, s);
	if (!err) {
		err = ops->affiliation_set(ctx, s, m->vhca_id, s->criteria);
		if (err)
			mlxsim_mp_roce_put(ops, ctx, s);
	}
	if (!err && ops->port_attach)
		err = ops->port_attach(ctx, m, s);
	if (err) {
		u32 waited;

		mlxsim_mp_unaffiliate(ops, ctx, m, s, &waited);
		if (ops->bind)
			ops->bind(ctx, m, s, MLXSIM_MP_REASON_FW_ERROR, err);
		return MLXSIM_MP_REASON_FW_ERROR;
	}

	mlxsim_mp_lock(ops, ctx);
	mlxsim_mp_index_dequeue(idx, s);
	s->state = MLXSIM_MP_BOUND;
	s->reason = MLXSIM_MP_REASON_OK;
	s->forwarding = true;
	/* the new port's default GIDs, whichever side arrived first */
	m->rescans++;
	mlxsim_mp_unlock(ops, ctx);
	if (ops->bind)
		ops->bind(ctx, m, s, MLXSIM_MP_REASON_OK, 0);
	if (ops->rescan)
		ops->rescan(ctx, m, s);
	return MLXSIM_MP_REASON_OK;
}

/*
 * Unbind (mlx5_ib_unbind_slave_port), once only: stop forwarding, wait
 * for native-port references, clear the port, then the affiliation; RoCE
 * is disabled only if clearing it worked.  The unbind completes anyway.
 */
static void mlxsim_mp_unbind(const struct mlxsim_mp_ops *ops, void *ctx,
			     struct mlxsim_mp_node *s, u8 why)
{
	struct mlxsim_mp_node *m = s->master;
	u32 port = s->port, waited;
	int err;

	if (!m || s->unbinding)
		return;
	mlxsim_mp_lock(ops, ctx);
	s->unbinding = true;
	s->forwarding = false;
	mlxsim_mp_unlock(ops, ctx);

	err = mlxsim_mp_unaffiliate(ops, ctx, m, s, &waited);
	if (ops->port_detach)
		ops->port_detach(ctx, m, s, port);
	mlxsim_mp_lock(ops, ctx);
	s->state = MLXSIM_MP_NONE;
	mlxsim_mp_unlock(ops, ctx);
	if (ops->unbind)
		ops->unbind(ctx, m, s, port, waited, why, err);
}

int mlxsim_mp_master_add(struct mlxsim_mp_index *idx,
			 const struct mlxsim_mp_ops *ops, void *ctx,
			 struct mlxsim_mp_node *m)
{
	struct mlxsim_mp_node *s, *next;
	u32 port;
	int err;

	err = mlxsim_mp_roce_get(ops, ctx, m);
	if (err)
		return err;
	mlxsim_mp_lock(ops, ctx);
	m->state = MLXSIM_MP_MASTER;
	mlxsim_mp_unlock(ops, ctx);

	/* every other port: the first waiting slave of it that binds */
	for (port = 1; port <= m->nports; port++) {
		if (port == m->native_port)
			continue;
		s = mlxsim_mp_next_waiting(idx, m->guid, m->type, port, NULL);
		for (; s; s = next) {
			u8 reason;

			next = mlxsim_mp_next_waiting(idx, m->guid, m->type,
						      port, s);
			reason = mlxsim_mp_bind(idx, ops, ctx, m, s);
			if (reason == MLXSIM_MP_REASON_OK)
				break;
			/* stays queued where it was, with the new reason */
			mlxsim_mp_wait(idx, ops, ctx, s, reason);
		}
	}

	/* visible to slaves that arrive later */
	mlxsim_mp_lock(ops, ctx);
	mlxsim_mp_index_publish(idx, m);
	mlxsim_mp_unlock(ops, ctx);
	return 0;
}

void mlxsim_mp_master_remove(struct mlxsim_mp_index *idx,
			     const struct mlxsim_mp_ops *ops, void *ctx,
			     struct mlxsim_mp_node *m)
{
	struct mlxsim_mp_node *s;
	u32 i;

	mlxsim_mp_lock(ops, ctx);
	mlxsim_mp_index_unpublish(idx, m);
	mlxsim_mp_unlock(ops, ctx);

	/* slaves go back on the list for a later master of this GUID */
	for (i = 0; i < MLXSIM_MAX_PORTS; i++) {
		s = m->slave[i];
		if (!s)
			continue;
		mlxsim_mp_unbind(ops, ctx, s, MLXSIM_MP_REASON_MASTER_REMOVED);
		mlxsim_mp_wait(idx, ops, ctx, s,
			       MLXSIM_MP_REASON_MASTER_REMOVED);
	}
	mlxsim_mp_roce_put(ops, ctx, m);
	mlxsim_mp_lock(ops, ctx);
	m->state = MLXSIM_MP_NONE;
	mlxsim_mp_unlock(ops, ctx);
}

/* Why no master took @s: the other PCI type may be the only one there. */
static u8 mlxsim_mp_no_master_reason(struct mlxsim_mp_index *idx,
				     const struct mlxsim_mp_node *s)
{
	u8 other = s->type == MLXSIM_FN_PF ? MLXSIM_FN_VF : MLXSIM_FN_PF;

	if (mlxsim_mp_next_master(idx, s->guid, other, NULL))
		return MLXSIM_MP_REASON_TYPE_MISMATCH;
	return MLXSIM_MP_REASON_NO_MASTER;
}

void mlxsim_mp_slave_add(struct mlxsim_mp_index *idx,
			 const struct mlxsim_mp_ops *ops, void *ctx,
			 struct mlxsim_mp_node *s)
{
	u8 reason = MLXSIM_MP_REASON_NO_MASTER;
	struct mlxsim_mp_node *m;

	m = mlxsim_mp_next_master(idx, s->guid, s->type, NULL);
	for (; m; m = mlxsim_mp_next_master(idx, s->guid, s->type, m)) {
		reason = mlxsim_mp_bind(idx, ops, ctx, m, s);
		if (reason == MLXSIM_MP_REASON_OK)
			return;
	}
	if (reason == MLXSIM_MP_REASON_NO_MASTER)
		reason = mlxsim_mp_no_master_reason(idx, s);
	mlxsim_mp_wait(idx, ops, ctx, s, reason);
}

void mlxsim_mp_slave_remove(struct mlxsim_mp_index *idx,
			    const struct mlxsim_mp_ops *ops, void *ctx,
			    struct mlxsim_mp_node *s)
{
	mlxsim_mp_unbind(ops, ctx, s, MLXSIM_MP_REASON_SLAVE_REMOVED);
	mlxsim_mp_lock(ops, ctx);
	mlxsim_mp_index_dequeue(idx, s);
	s->state = MLXSIM_MP_NONE;
	mlxsim_mp_unlock(ops, ctx);
}

bool mlxsim_mp_slave_event(const struct mlxsim_mp_ops *ops, void *ctx,
			   struct mlxsim_mp_node *s)
{
	bool fwd;

	mlxsim_mp_lock(ops, ctx);
	fwd = s->forwarding;
	if (fwd)
		s->events++;
	mlxsim_mp_unlock(ops, ctx);
	return fwd;
}
