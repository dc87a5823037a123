// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful target of the alias GUID service (logic/alias_guid.c).  The
 * input is a program on one port of up to MAXS slaves: admin writes,
 * slave init/shutdown, invalidations (port up, reregister), requests
 * taken and answered by an SA that accepts, declines, fails or picks its
 * own GUIDs, resends, and GUIDInfo blocks snooped from the SM.  After
 * every step:
 *
 *   - entry 0 of block 0 (the port GUID) is never pending nor asked;
 *   - a request asks only pending entries of an idle record, all of one
 *     method, and the record is the idle one due first;
 *   - retry delays stay within 0..60 s and only grow on a decline;
 *   - the cache changes only for entries the PF asked for, up to the
 *     last slave, and holds what the snoop said;
 *   - a slave is told only if the cache holds its data, and told valid
 *     exactly when that data is not 0; an entry leaves pending only when
 *     the cache holds the value asked (0 for a delete);
 *   - each slave's port in mlx4's slave port state machine
 *     (logic/slave_port.c), moved by port up/down and by what the slave
 *     is told: UP only with the port up and a valid GUID cached, and
 *     PORT_ACTIVE / PORT_ERR exactly on entering / leaving UP.
 */
#include "mlxsim/alias_guid.h"
#include "mlxsim/slave_port.h"
#include "fuzz.h"

#define MAXS 20			/* slaves 0..19: blocks 0..2 */
#define MAX_OPS 96
#define S 1000000000ULL

static struct mlxsim_ag_port p;
static u64 cache[MLXSIM_AG_PER_PORT];
static u8 st[MAXS];
static bool port_up;

/* one step of slave @s's port; the event it sends must match the move */
static FZ_NOCOV void step(u32 s, u8 ev, bool valid)
{
	u8 was = st[s];
	enum mlxsim_slave_gen_event gen = mlxsim_slave_port_step(&st[s], ev,
								 valid);

	FZ_CHECK(st[s] <= MLXSIM_SLAVE_PORT_UP, "state %u", st[s]);
	FZ_CHECK((gen == MLXSIM_SLAVE_GEN_UP) ==
		 (was != MLXSIM_SLAVE_PORT_UP && st[s] == MLXSIM_SLAVE_PORT_UP),
		 "up event");
	FZ_CHECK((gen == MLXSIM_SLAVE_GEN_DOWN) ==
		 (was == MLXSIM_SLAVE_PORT_UP && st[s] != MLXSIM_SLAVE_PORT_UP),
		 "down event");
}

static FZ_NOCOV void check_slaves(u32 max)
{
	u32 s;

	for (s = 1; s <= max; s++) {
		if (st[s] == MLXSIM_SLAVE_PORT_UP)
			FZ_CHECK(port_up && mlxsim_ag_guid_valid(cache[s]),
				 "slave %u up without port or GUID", s);
		if (!port_up)
			FZ_CHECK(st[s] == MLXSIM_SLAVE_PORT_DOWN, "slave %u not down", s);
	}
}

static FZ_NOCOV void check_port(void)
{
	u32 b, i;

	FZ_CHECK(!(p.rec[0].pending & 1), "port GUID pending");
	for (b = 0; b < MLXSIM_AG_RECS; b++)
		for (i = 0; i < MLXSIM_AG_PER_REC; i++)
			FZ_CHECK(p.rec[b].retry_s[i] <= MLXSIM_AG_MAX_RETRY_S,
				 "retry %u", p.rec[b].retry_s[i]);
}

static FZ_NOCOV void check_req(const struct mlxsim_ag_req *req, u64 now)
{
	const struct mlxsim_ag_rec *r = &p.rec[req->block];
	u32 b, i;

	FZ_CHECK(req->block < MLXSIM_AG_RECS, "block");
	FZ_CHECK(r->status == MLXSIM_AG_REC_IDLE && r->pending, "not idle");
	FZ_CHECK(req->mask && !(req->mask & ~r->pending), "mask 0x%x", req->mask);
	FZ_CHECK(req->block || !(req->mask & 1), "asked the port GUID");
	for (i = 0; i < MLXSIM_AG_PER_REC; i++)
		if (req->mask & BIT(i))
			FZ_CHECK((r->want[i] == MLXSIM_AG_DELETE) ==
				 (req->method == MLXSIM_AG_METHOD_DELETE),
				 "mixed methods");
	for (b = 0; b < MLXSIM_AG_RECS; b++)
		if (p.rec[b].status == MLXSIM_AG_REC_IDLE && p.rec[b].pending)
			FZ_CHECK(p.rec[b].time_to_run >= r->time_to_run,
				 "record %u due before %u", b, req->block);
	(void)now;
}

static u64 guid_of(struct fz *f)
{
	switch (fz_below(f, 4)) {
	case 0:
		return 0;
	case 1:
		return MLXSIM_AG_DELETE;
	default:
		return 0x0002c90000000000ULL | fz_u8(f);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_ag_req req;
	struct mlxsim_ag_outcome out;
	struct mlxsim_ag_notify n;
	struct mlxsim_ag_rec before;
	u64 sm[8], blk[8], old[MLXSIM_AG_PER_PORT], now = 0;
	bool have_req = false, ok;
	struct fz f;
	u32 op, i, b, s, max;
	int steps;

	fz_init(&f, data, size);
	mlxsim_ag_port_init(&p);
	memset(cache, 0, sizeof(cache));
	memset(st, 0, sizeof(st));
	port_up = false;
	max = 1 + fz_below(&f, MAXS - 1);
	for (steps = 0; steps < MAX_OPS && f.n; steps++) {
		now += (u64)fz_below(&f, 8) * S;
		op = fz_below(&f, 8);
		switch (op) {
		case 0:	/* admin write, as the shell allows: entry 1.. */
			s = 1 + fz_below(&f, max);
			mlxsim_ag_want(&p, s, guid_of(&f));
			break;
		case 1:	/* slave init / shutdown */
			s = fz_below(&f, max + 1);
			mlxsim_ag_slave_event(&p, s, fz_u8(&f) & 1, guid_of(&f));
			break;
		case 2:	/* port up: load admin, invalidate all */
			if (p.need_init)
				for (s = 1; s <= max; s++)
					p.rec[s / 8].want[s % 8] = 0x0002c90000000100ULL | s;
			p.need_init = false;
			for (b = 0; b < MLXSIM_AG_RECS; b++)
				mlxsim_ag_invalidate(&p, b);
			port_up = true;
			for (s = 1; s <= max; s++)
				step(s, MLXSIM_SLAVE_EV_PORT_UP,
				     mlxsim_ag_guid_valid(cache[s]));
			break;
		case 3:	/* take the next request */
			have_req = mlxsim_ag_next(&p, now, &req, NULL);
			if (have_req)
				check_req(&req, now);
			break;
		case 4:	/* the SA answers it */
			if (!have_req)
				break;
			for (i = 0; i < 8; i++)
				sm[i] = fz_below(&f, 3) == 0 ? 0 :
					fz_below(&f, 2) ? req.guid[i] :
					0x0014050000000000ULL | fz_u8(&f);
			before = p.rec[req.block];
			ok = fz_below(&f, 4) != 0;
			mlxsim_ag_answer(&p, &req, ok, sm, now, &out);
			FZ_CHECK(!(out.kept & out.declined), "kept and declined");
			FZ_CHECK(!((out.kept | out.declined) & ~req.mask),
				 "outcome outside the request");
			FZ_CHECK(!(out.admin & ~out.kept), "admin not kept");
			for (i = 0; i < 8; i++) {
				/* a failed query retries in 1 s, backoff kept */
				if (!ok)
					FZ_CHECK(p.rec[req.block].retry_s[i] ==
						 before.retry_s[i], "failure backoff");
				else if (out.declined & BIT(i))
					FZ_CHECK(p.rec[req.block].retry_s[i] >= 1 &&
						 p.rec[req.block].retry_s[i] >=
						 min(before.retry_s[i], 60u),
						 "backoff shrank");
				if (out.kept & BIT(i))
					FZ_CHECK(!p.rec[req.block].retry_s[i],
						 "kept with a retry");
			}
			have_req = false;
			break;
		case 5:	/* not sent */
			if (!have_req)
				break;
			mlxsim_ag_resend(&p, req.block, now, fz_below(&f, 6));
			have_req = false;
			break;
		case 6:	/* the SM programs a block (snoop) */
			b = fz_below(&f, 3);
			for (i = 0; i < 8; i++)
				blk[i] = fz_below(&f, 2) ?
					 p.rec[b].want[i] == MLXSIM_AG_DELETE ? 0 :
					 p.rec[b].want[i] : guid_of(&f);
			memcpy(old, cache, sizeof(old));
			before = p.rec[b];
			mlxsim_ag_cache_update(&p, b, blk, cache, max);
			for (s = 0; s < MLXSIM_AG_PER_PORT; s++) {
				i = s % 8;
				if (s / 8 == b && s <= max && (before.pending & BIT(i)))
					FZ_CHECK(cache[s] == mlxsim_ag_set_guid(blk[i]),
						 "not cached");
				else
					FZ_CHECK(cache[s] == old[s], "cache %u changed", s);
			}
			mlxsim_ag_notify(&p, b, blk, cache, max, &n);
			for (i = 0; i < 8; i++) {
				s = b * 8 + i;
				if (n.changed & BIT(i)) {
					FZ_CHECK(s && s <= max &&
						 cache[s] == mlxsim_ag_set_guid(blk[i]),
						 "told slave %u", s);
					FZ_CHECK(!!(n.valid & BIT(i)) ==
						 mlxsim_ag_guid_valid(blk[i]),
						 "validity");
					step(s, n.valid & BIT(i) ?
					     MLXSIM_SLAVE_EV_GID_VALID :
					     MLXSIM_SLAVE_EV_GID_INVALID,
					     n.valid & BIT(i));
				} else {
					FZ_CHECK(!(n.valid & BIT(i)), "valid untold");
				}
				if ((before.pending & BIT(i)) &&
				    !(p.rec[b].pending & BIT(i))) {
					u64 w = before.want[i] == MLXSIM_AG_DELETE ?
						0 : before.want[i];

					FZ_CHECK(mlxsim_ag_set_guid(blk[i]) == w,
						 "done without its value");
				}
			}
			break;
		default: /* the port goes down */
			port_up = false;
			for (s = 1; s <= max; s++)
				step(s, MLXSIM_SLAVE_EV_PORT_DOWN, false);
			break;
		}
		check_port();
		check_slaves(max);
	}
	return 0;
}
