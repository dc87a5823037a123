/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native-port references (mlx5_ib_get/put_native_port_mdev): the counting
 * protocol of one IB port, without its lock or its wait.
 *
 * A reference on a bound slave's port pins the slave: the count goes up
 * and an unbind must wait for it to come back to zero.  The master's own
 * port and a non-multiport device's ports are not counted.  While an
 * unbind drains the port ("unaffiliating") new references are refused.
 *
 * The kernel shell calls each function under the port's spinlock and
 * owns the completion an unbind sleeps on: mlxsim_port_ref_put() says
 * when to complete it.  References taken through debugfs `hold` are
 * counted in refcnt and also in held, so they can be released by hand or
 * dropped at module unload.
 */
#ifndef MLXSIM_PORT_REF_H
#define MLXSIM_PORT_REF_H

#include "mlxsim/types.h"

/*
 * Most references one port may have: refcnt (and held, a part of it)
 * never wraps; a get beyond it is refused (MLXSIM_MDEV_LIMIT, -ERANGE).
 */
#define MLXSIM_PORT_REFS_MAX BIT(24)

struct mlxsim_port_ref {
	u32 refcnt;		/* counted references, held ones included */
	u32 held;		/* of refcnt: taken through `hold` */
	bool has_fn;		/* a function is behind the port */
	bool counts;		/* ... and it is a slave: references count */
	bool unaffiliating;	/* an unbind drains: new gets refused */
	u32 drainers;		/* removals waiting unlocked: refused too */
	u32 predrained;		/* outstanding when the first of them began */
};

/* Take @n references: the outcome, and refcnt grew only if REFCOUNTED. */
enum mlxsim_mdev_result mlxsim_port_ref_get(struct mlxsim_port_ref *r,
					    u32 n);
/*
 * Give back @n counted references (never more than there are).  Returns
 * true when an unbind is draining the port: its waiter must be woken.
 */
bool mlxsim_port_ref_put(struct mlxsim_port_ref *r, u32 n);

/* `hold +N`: get @n and remember them as held; 0 or a negative errno. */
int mlxsim_port_ref_hold(struct mlxsim_port_ref *r, u32 n,
			 enum mlxsim_mdev_result *res);
/* `hold -N`: forget @n held references (then put them); -ERANGE if fewer. */
int mlxsim_port_ref_unhold(struct mlxsim_port_ref *r, u32 n);

/*
 * Unbind: refuse new references; returns how many it waits for, counting
 * those a removal already waited for unlocked.
 */
u32 mlxsim_port_ref_drain(struct mlxsim_port_ref *r);
/*
 * A removal about to wait, without the bus lock, for the port to drain:
 * refuse new references meanwhile (begin), until the removal is done or
 * its wait was killed (end).  Several removals may wait on one port.
 */
void mlxsim_port_ref_drain_begin(struct mlxsim_port_ref *r);
void mlxsim_port_ref_drain_end(struct mlxsim_port_ref *r);
/* Nothing counted is outstanding: a drain may go on. */
bool mlxsim_port_ref_drained(const struct mlxsim_port_ref *r);
/* A function is now behind the port (or none): a fresh start. */
void mlxsim_port_ref_set_fn(struct mlxsim_port_ref *r, bool has_fn,
			    bool counts);
/* The port reads UP: a function, and no unbind draining it. */
bool mlxsim_port_ref_up(const struct mlxsim_port_ref *r);

#endif /* MLXSIM_PORT_REF_H */
