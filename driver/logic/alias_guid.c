// SPDX-License-Identifier: GPL-2.0
/* mlx4's alias GUID service, the decisions: see include/mlxsim/alias_guid.h. */
#include "mlxsim/alias_guid.h"

void mlxsim_ag_port_init(struct mlxsim_ag_port *p)
{
	u32 b;

	memset(p, 0, sizeof(*p));
	/* every entry starts as a delete, as mlx4_ib_init_alias_guid_service */
	for (b = 0; b < MLXSIM_AG_RECS; b++) {
		memset(p->rec[b].want, 0xff, sizeof(p->rec[b].want));
		mlxsim_ag_invalidate(p, b);
	}
	p->need_init = true;
}

void mlxsim_ag_invalidate(struct mlxsim_ag_port *p, u32 block)
{
	struct mlxsim_ag_rec *r = &p->rec[block];
	u32 i;

	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		/* a delete, or the port GUID: nothing to ask */
		if (r->want[i] == MLXSIM_AG_DELETE || (!block && !i))
			continue;
		r->pending |= BIT(i);
	}
	r->status = r->pending ? MLXSIM_AG_REC_IDLE : MLXSIM_AG_REC_SET;
}

void mlxsim_ag_want(struct mlxsim_ag_port *p, u32 entry, u64 guid)
{
	struct mlxsim_ag_rec *r = &p->rec[entry / MLXSIM_AG_PER_REC];
	u32 i = entry % MLXSIM_AG_PER_REC;

	r->want[i] = guid;
	r->pending |= BIT(i);
	r->status = MLXSIM_AG_REC_IDLE;
}

bool mlxsim_ag_slave_event(struct mlxsim_ag_port *p, u32 slave, bool init,
			   u64 admin)
{
	struct mlxsim_ag_rec *r = &p->rec[slave / MLXSIM_AG_PER_REC];
	u32 i = slave % MLXSIM_AG_PER_REC;
	u64 want;

	if (p->need_init || !slave || slave >= MLXSIM_AG_PER_PORT)
		return false;
	if (init) {
		if (admin == MLXSIM_AG_DELETE)
			return false;
		want = admin;
	} else {
		/* nothing held: nothing to delete */
		if (r->want[i] == MLXSIM_AG_DELETE || !r->want[i])
			return false;
		want = MLXSIM_AG_DELETE;
	}
	r->want[i] = want;
	r->pending |= BIT(i);
	r->status = MLXSIM_AG_REC_IDLE;
	r->time_to_run = 0;
	r->retry_s[i] = 0;
	return true;
}

bool mlxsim_ag_next(const struct mlxsim_ag_port *p, u64 now,
		    struct mlxsim_ag_req *req, u32 *delay_s)
{
	const struct mlxsim_ag_rec *r;
	u32 b, i, low_retry = 0;
	u8 set = 0, del = 0;
	int best = -1, first = -1;

	for (b = 0; b < MLXSIM_AG_RECS; b++) {
		r = &p->rec[b];
		if (r->status != MLXSIM_AG_REC_IDLE || !r->pending)
			continue;
		if (best < 0 || r->time_to_run < p->rec[best].time_to_run)
			best = b;
	}
	if (best < 0)
		return false;
	r = &p->rec[best];
	/*
	 * Rounded up: upstream rounds down, so a retry "in 1 s" computed a
	 * moment later runs at once, and an SA that fails fast is asked in
	 * a tight loop.
	 */
	if (delay_s)
		*delay_s = r->time_to_run <= now ? 0 :
			   (u32)((r->time_to_run - now + MLXSIM_NSEC_PER_SEC - 1) /
				 MLXSIM_NSEC_PER_SEC);
	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		if (!(r->pending & BIT(i)))
			continue;
		if (r->want[i] == MLXSIM_AG_DELETE)
			del |= BIT(i);
		else
			set |= BIT(i);
		/* the entry due soonest decides set or delete */
		if (first < 0 || r->retry_s[i] <= low_retry) {
			first = i;
			low_retry = r->retry_s[i];
		}
	}
	memcpy(req->guid, r->want, sizeof(req->guid));
	req->block = best;
	if (r->want[first] == MLXSIM_AG_DELETE) {
		req->method = MLXSIM_AG_METHOD_DELETE;
		req->mask = del;
	} else {
		req->method = MLXSIM_AG_METHOD_SET;
		req->mask = set;
	}
	return true;
}

/* A declined entry waits 1, 2, 4 ... up to 60 s, as upstream. */
static u32 mlxsim_ag_backoff(u32 *retry_s)
{
	*retry_s = *retry_s ? min(*retry_s * 2, (u32)MLXSIM_AG_MAX_RETRY_S) : 1;
	return *retry_s;
}

void mlxsim_ag_answer(struct mlxsim_ag_port *p, const struct mlxsim_ag_req *req,
		      bool ok, const u64 *sm, u64 now,
		      struct mlxsim_ag_outcome *out)
{
	struct mlxsim_ag_rec *r = &p->rec[req->block];
	u32 i, delay = 0;
	u64 want;

	memset(out, 0, sizeof(*out));
	if (!ok) {
		r->time_to_run = now + MLXSIM_NSEC_PER_SEC;
		out->declined = req->mask;
		out->retry_s = 1;
		return;
	}
	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		if (!(req->mask & BIT(i)))
			continue;
		want = r->want[i];
		if (req->method == MLXSIM_AG_METHOD_DELETE) {
			/* a new value was asked for while the delete flew */
			if (want != MLXSIM_AG_DELETE)
				goto declined;
			goto kept;
		}
		/* the SM assigned nothing, or not the admin's value */
		if (!sm[i] || (want && sm[i] != want))
			goto declined;
		r->want[i] = sm[i];
		if (!want)
			out->admin |= BIT(i);
kept:
		out->kept |= BIT(i);
		r->retry_s[i] = 0;
		continue;
declined:
		out->declined |= BIT(i);
		mlxsim_ag_backoff(&r->retry_s[i]);
		delay = delay ? min(delay, r->retry_s[i]) : r->retry_s[i];
	}
	/*
	 * Entries stay pending until the cache holds them (mlxsim_ag_notify);
	 * the record is asked again only for entries not kept.
	 */
	if (out->declined || (r->pending & ~out->kept)) {
		r->time_to_run = now + (u64)delay * MLXSIM_NSEC_PER_SEC;
		out->retry_s = delay;
	} else {
		r->status = MLXSIM_AG_REC_SET;
	}
}

void mlxsim_ag_resend(struct mlxsim_ag_port *p, u32 block, u64 now,
		      u32 delay_s)
{
	mlxsim_ag_invalidate(p, block);
	p->rec[block].time_to_run = now + (u64)delay_s * MLXSIM_NSEC_PER_SEC;
}

void mlxsim_ag_cache_update(const struct mlxsim_ag_port *p, u32 block,
			    const u64 *data, u64 *cache, u32 max_slave)
{
	const struct mlxsim_ag_rec *r = &p->rec[block];
	u32 i, slave;

	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		slave = block * MLXSIM_AG_PER_REC + i;
		if (slave > max_slave)
			return;
		if (r->pending & BIT(i))
			cache[slave] = mlxsim_ag_set_guid(data[i]);
	}
}

void mlxsim_ag_notify(struct mlxsim_ag_port *p, u32 block, const u64 *data,
		      const u64 *cache, u32 max_slave,
		      struct mlxsim_ag_notify *out)
{
	struct mlxsim_ag_rec *r = &p->rec[block];
	u32 i, slave;
	u64 want, d;

	memset(out, 0, sizeof(*out));
	out->first = block * MLXSIM_AG_PER_REC;
	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		slave = block * MLXSIM_AG_PER_REC + i;
		if (slave > max_slave)
			return;
		/* the PF's own GUID is not a slave's */
		if (!slave || !(r->pending & BIT(i)))
			continue;
		d = mlxsim_ag_set_guid(data[i]);
		/* not in the cache yet: the snoop will tell */
		if (d != cache[slave])
			continue;
		want = mlxsim_ag_set_guid(r->want[i]);
		if (d == want)
			r->pending &= ~BIT(i);
		else if (d)
			/* some other value: wait for the one asked for */
			continue;
		out->changed |= BIT(i);
		if (d)
			out->valid |= BIT(i);
	}
}
