// SPDX-License-Identifier: GPL-2.0
/* Native-port reference counting: see include/mlxsim/port_ref.h. */
#include "mlxsim/port_ref.h"

enum mlxsim_mdev_result mlxsim_port_ref_get(struct mlxsim_port_ref *r,
					    u32 n)
{
	if (!r->has_fn)
		return MLXSIM_MDEV_NO_FUNCTION;
	if (!r->counts)
		return MLXSIM_MDEV_OWN;
	if (r->unaffiliating || r->drainers)
		return MLXSIM_MDEV_UNAFFILIATING;
	if (n > MLXSIM_PORT_REFS_MAX - r->refcnt)
		return MLXSIM_MDEV_LIMIT;
	r->refcnt += n;
	return MLXSIM_MDEV_REFCOUNTED;
}

bool mlxsim_port_ref_put(struct mlxsim_port_ref *r, u32 n)
{
	if (!r->counts)
		return false;
	/* a caller bug must not wrap the count an unbind waits on */
	if (n > r->refcnt)
		n = r->refcnt;
	r->refcnt -= n;
	if (r->held > r->refcnt)
		r->held = r->refcnt;
	return r->unaffiliating || r->drainers;
}

int mlxsim_port_ref_hold(struct mlxsim_port_ref *r, u32 n,
			 enum mlxsim_mdev_result *res)
{
	*res = mlxsim_port_ref_get(r, n);
	switch (*res) {
	case MLXSIM_MDEV_REFCOUNTED:
		r->held += n;
		return 0;
	case MLXSIM_MDEV_OWN:
		/* nothing to pin: the owner cannot go away under its port */
		return 0;
	case MLXSIM_MDEV_LIMIT:
		return -ERANGE;
	default:
		return -ENODEV;
	}
}

int mlxsim_port_ref_unhold(struct mlxsim_port_ref *r, u32 n)
{
	if (n > r->held)
		return -ERANGE;
	r->held -= n;
	return 0;
}

u32 mlxsim_port_ref_drain(struct mlxsim_port_ref *r)
{
	r->unaffiliating = true;
	return r->refcnt > r->predrained ? r->refcnt : r->predrained;
}

void mlxsim_port_ref_drain_begin(struct mlxsim_port_ref *r)
{
	if (!r->drainers++)
		r->predrained = r->refcnt;
}

void mlxsim_port_ref_drain_end(struct mlxsim_port_ref *r)
{
	if (r->drainers && !--r->drainers)
		r->predrained = 0;
}

bool mlxsim_port_ref_drained(const struct mlxsim_port_ref *r)
{
	return !r->refcnt;
}

void mlxsim_port_ref_set_fn(struct mlxsim_port_ref *r, bool has_fn,
			    bool counts)
{
	r->has_fn = has_fn;
	r->counts = has_fn && counts;
	r->unaffiliating = false;
	if (!has_fn) {
		r->refcnt = 0;
		r->held = 0;
	}
}

bool mlxsim_port_ref_up(const struct mlxsim_port_ref *r)
{
	return r->has_fn && !r->unaffiliating && !r->drainers;
}
