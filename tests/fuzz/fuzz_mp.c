// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful target of the multiport state machine (logic/mp.c, mp_index.c):
 * the input is a program of adds, removes, native-port references (get,
 * put, hold +N/-N as driver/ibdev.c counts them), slave events, injected
 * firmware failures and index lookups over 8 functions sharing 3 GUIDs.
 * After every step the whole world is checked against brute force:
 *
 *   - each list ring is well formed, every node sits in its own bucket,
 *     a slave is listed at most once, the counts equal what is listed;
 *   - the O(1) lookups return, in arrival order, what a scan of every
 *     function finds (arrival order as the callbacks reported it);
 *   - a bound slave is in exactly one master port, the one it names, and
 *     the firmware and the IB port agree; a waiting slave holds nothing;
 *   - RoCE counts match the firmware's enable bit and never wrap;
 *   - nothing references a removed function; a port loses its function
 *     only once every reference on it is put (no use after unbind);
 *   - side effects that may sleep run unlocked, locks never nest, and a
 *     draining slave forwards no event.
 *
 * The IB ports count references with logic/port_ref.c, as ibdev.c does,
 * checked against a plain count kept here (refs); a removal may first
 * wait for them unlocked (drain_begin/end, as bus.c does), and that wait
 * may be killed (the removal then does not happen).
 */
#include "mlxsim/mp.h"
#include "mlxsim/port_ref.h"
#include "fuzz.h"

#define NFN 8
#define MAX_BITS 3
#define MAX_OPS 256

struct fport {
	struct fake_fn *fn;	/* who is behind the port (ibdev.c port->fn) */
	struct mlxsim_port_ref ref;
	u32 refs, held;		/* the plain count: what holders have */
};

struct fake_fn {
	struct mlxsim_mp_node n;
	bool present;
	u32 roce_users;
	bool fw_roce_en;
	u32 fw_vhca, fw_criteria;
	int fail_roce, fail_aff, fail_unaff, fail_attach; /* next call fails */
	u32 faults;		/* failures injected: RoCE may stay on */
	bool attached;		/* slave: its netdev backs a master port */
	struct fport port[MLXSIM_MAX_PORTS];	/* master: its IB ports */
	u64 seq;		/* model: arrival on its list, 0 = not on it */
};

static struct {
	struct mlxsim_mp_index idx;
	struct mlxsim_mp_link masters[1 << MAX_BITS];
	struct mlxsim_mp_link waiting[1 << MAX_BITS];
	struct fake_fn fn[NFN];
	u64 clock;
	bool blind;		/* no bind/unaffiliated hooks: order unseen */
	int locked;
	u32 binds;
} w;

static struct fake_fn *F(struct mlxsim_mp_node *n)
{
	return (struct fake_fn *)n;
}

static int f_roce_set(void *ctx, struct mlxsim_mp_node *n, bool en)
{
	int err = F(n)->fail_roce;

	FZ_CHECK(!w.locked, "roce_set under the lock");
	F(n)->fail_roce = 0;
	if (err)
		F(n)->faults++;
	if (!err)
		F(n)->fw_roce_en = en;
	return err;
}

static int f_aff_set(void *ctx, struct mlxsim_mp_node *s, u32 vhca, u32 crit)
{
	int *fail = vhca ? &F(s)->fail_aff : &F(s)->fail_unaff, err = *fail;

	FZ_CHECK(!w.locked, "affiliation_set under the lock");
	FZ_CHECK(s->role == MLXSIM_ROLE_SLAVE, "affiliation of a master");
	*fail = 0;
	if (err)
		F(s)->faults++;
	if (!err) {
		F(s)->fw_vhca = vhca;
		F(s)->fw_criteria = crit;
	}
	return err;
}

static void f_port_set(void *ctx, struct mlxsim_mp_node *m, u32 port,
		       struct mlxsim_mp_node *s)
{
	struct fport *p;

	FZ_CHECK(port >= 1 && port <= m->nports && port != m->native_port,
		 "port_set of port %u", port);
	p = &F(m)->port[port - 1];
	if (s) {
		FZ_CHECK(!p->fn, "port %u of %u taken by %u over %u", port,
			 m->id, s->id, p->fn->n.id);
	} else {
		/* the slave goes: nobody may still use it through the port */
		FZ_CHECK(!p->refs && !p->ref.refcnt,
			 "port %u of %u cleared with %u references", port,
			 m->id, p->refs);
	}
	p->fn = s ? F(s) : NULL;
	mlxsim_port_ref_set_fn(&p->ref, s, true);
	p->held = 0;
}

/* The holders put everything: what the sleeping drain waits for. */
static void holders_put(struct fport *p)
{
	FZ_CHECK(!mlxsim_port_ref_unhold(&p->ref, p->held), "unhold all");
	/* a put while someone drains owes that one a wake-up */
	FZ_CHECK(mlxsim_port_ref_put(&p->ref, p->refs) ==
		 (p->ref.unaffiliating || p->ref.drainers), "wake");
	p->refs = 0;
	p->held = 0;
	FZ_CHECK(mlxsim_port_ref_drained(&p->ref), "drained, refcnt %u",
		 p->ref.refcnt);
}

/*
 * The unbind's wait: new references are refused from here on, and the
 * holders put theirs (the real drain sleeps until they have).
 */
static u32 f_drain(void *ctx, struct mlxsim_mp_node *m, u32 port)
{
	struct fport *p = &F(m)->port[port - 1];
	struct mlxsim_mp_node *s = m->slave[port - 1];
	u32 waited;

	FZ_CHECK(!w.locked, "drain sleeps under the lock");
	FZ_CHECK(port >= 1 && port <= m->nports && port != m->native_port,
		 "drain of port %u", port);
	FZ_CHECK(s && p->fn == F(s), "drain of a port without its slave");
	waited = mlxsim_port_ref_drain(&p->ref);
	FZ_CHECK(waited >= p->refs, "drain waits for %u of %u", waited,
		 p->refs);
	FZ_CHECK(mlxsim_port_ref_get(&p->ref, 1) == MLXSIM_MDEV_UNAFFILIATING &&
		 !mlxsim_port_ref_up(&p->ref), "draining port takes references");
	holders_put(p);
	return waited;
}

static int f_attach(void *ctx, struct mlxsim_mp_node *m,
		    struct mlxsim_mp_node *s)
{
	int err = F(s)->fail_attach;

	FZ_CHECK(!w.locked, "attach under the lock");
	FZ_CHECK(s->master == m && F(m)->port[s->port - 1].fn == F(s) &&
		 !F(s)->attached, "attach of an unrecorded slave");
	F(s)->fail_attach = 0;
	if (err)
		F(s)->faults++;
	else
		F(s)->attached = true;
	return err;
}

static void f_detach(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s, u32 port)
{
	FZ_CHECK(!w.locked, "detach under the lock");
	FZ_CHECK(!s->master && !F(m)->port[port - 1].fn, "detach before clear");
	F(s)->attached = false;
}

static void f_lock(void *ctx)
{
	FZ_CHECK(!w.locked, "lock nests");
	w.locked++;
}

static void f_unlock(void *ctx)
{
	FZ_CHECK(w.locked == 1, "unlock without lock");
	w.locked--;
}

static void f_bind(void *ctx, struct mlxsim_mp_node *m,
		   struct mlxsim_mp_node *s, u8 reason, int err)
{
	FZ_CHECK(reason <= MLXSIM_MP_REASON_SLAVE_REMOVED, "reason %u", reason);
	FZ_CHECK((reason == MLXSIM_MP_REASON_FW_ERROR) == !!err, "err %d", err);
	if (reason != MLXSIM_MP_REASON_OK)
		return;
	FZ_CHECK(s->master == m && s->state == MLXSIM_MP_BOUND && !s->queued,
		 "bind reported, not bound");
	F(s)->seq = 0;
	w.binds++;
}

static void f_unbind(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s, u32 port, u32 waited, u8 why,
		     int err)
{
	FZ_CHECK(!s->master && !s->port && !s->forwarding && !s->unbinding &&
		 !m->slave[port - 1] && !F(m)->port[port - 1].fn,
		 "unbind reported, still bound");
}

static void f_unaff(void *ctx, struct mlxsim_mp_node *s, u8 reason)
{
	FZ_CHECK(s->queued && s->state == MLXSIM_MP_UNAFFILIATED &&
		 reason != MLXSIM_MP_REASON_OK, "waiting reported, not waiting");
	/* a slave already waiting keeps its place */
	if (!F(s)->seq)
		F(s)->seq = ++w.clock;
}

static void f_rescan(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s)
{
	FZ_CHECK(s->master == m && m->rescans, "rescan of an unbound slave");
}

static const struct mlxsim_mp_ops f_ops = {
	.roce_set = f_roce_set,
	.affiliation_set = f_aff_set,
	.port_set = f_port_set,
	.port_drain = f_drain,
	.port_attach = f_attach,
	.port_detach = f_detach,
	.lock = f_lock,
	.unlock = f_unlock,
	.bind = f_bind,
	.unbind = f_unbind,
	.unaffiliated = f_unaff,
};

/* Drain probes the slave's events: none may be forwarded any more. */
static u32 f_drain_checked(void *ctx, struct mlxsim_mp_node *m, u32 port)
{
	struct mlxsim_mp_node *s = m->slave[port - 1];

	FZ_CHECK(s && !mlxsim_mp_slave_event(&f_ops, NULL, s),
		 "event forwarded while slave %u unbinds", s ? s->id : 0);
	return f_drain(ctx, m, port);
}

static struct mlxsim_mp_ops ops;

/* ---- brute force ------------------------------------------------- */

FZ_NOCOV static bool ring_has(struct mlxsim_mp_link *tbl, u32 bits, struct fake_fn *f)
{
	u32 b, n;
	struct mlxsim_mp_link *l;
	bool found = false;

	for (b = 0; b < (1U << bits); b++)
		for (l = tbl[b].next, n = 0; l != &tbl[b]; l = l->next, n++)
			if (l == &f->n.chain) {
				FZ_CHECK(!found, "%u listed twice", f->n.id);
				FZ_CHECK(b == mlxsim_mp_hash(f->n.guid, f->n.type,
							     bits),
					 "%u in the wrong bucket", f->n.id);
				found = true;
			}
	return found;
}

FZ_NOCOV static u32 ring_check(struct mlxsim_mp_link *tbl, u32 bits)
{
	struct mlxsim_mp_link *l;
	u32 b, n, total = 0;

	for (b = 0; b < (1U << bits); b++) {
		for (l = &tbl[b], n = 0; ; l = l->next, n++) {
			FZ_CHECK(n <= NFN, "bucket %u loops", b);
			FZ_CHECK(l->next->prev == l, "bucket %u broken", b);
			if (l->next == &tbl[b])
				break;
		}
		total += n;
	}
	return total;
}

/* The lookup walks one key: the brute-force list in arrival order. */
FZ_NOCOV static void check_lookup(u64 guid, u8 type, int port)
{
	struct mlxsim_mp_node *n = NULL;
	struct fake_fn *want;
	u64 last = 0;
	u32 i, steps;

	for (steps = 0; ; steps++) {
		FZ_CHECK(steps <= NFN, "lookup loops");
		n = port < 0 ? mlxsim_mp_next_master(&w.idx, guid, type, n) :
			       mlxsim_mp_next_waiting(&w.idx, guid, type, port, n);
		/* the next one by arrival after @last */
		want = NULL;
		for (i = 0; i < NFN; i++) {
			struct fake_fn *f = &w.fn[i];
			bool listed = port < 0 ?
				f->present && f->n.role == MLXSIM_ROLE_MASTER :
				f->present && f->n.role == MLXSIM_ROLE_SLAVE &&
				f->n.native_port == port;

			if (!listed || !f->seq || f->n.guid != guid ||
			    f->n.type != type || f->seq <= last)
				continue;
			if (!want || f->seq < want->seq)
				want = f;
		}
		FZ_CHECK(n == (want ? &want->n : NULL),
			 "lookup %llx/%u/%d: got %d want %d",
			 (unsigned long long)guid, type, port,
			 n ? (int)n->id : -1, want ? (int)want->n.id : -1);
		if (!n)
			return;
		last = want->seq;
	}
}

FZ_NOCOV static void check_master(struct fake_fn *m)
{
	u32 p;

	FZ_CHECK(m->n.state == MLXSIM_MP_MASTER && m->n.published &&
		 !m->n.queued && !m->n.master && m->seq,
		 "master %u: state %u", m->n.id, m->n.state);
	for (p = 1; p <= MLXSIM_MAX_PORTS; p++) {
		struct mlxsim_mp_node *s = m->n.slave[p - 1];
		struct fport *fp = &m->port[p - 1];

		if (p == m->n.native_port) {
			FZ_CHECK(!s && fp->fn == m && !fp->ref.refcnt &&
				 fp->ref.has_fn && !fp->ref.counts,
				 "master %u native port", m->n.id);
			continue;
		}
		/* nobody drains once an operation is over */
		FZ_CHECK(!fp->ref.unaffiliating && !fp->ref.drainers,
			 "port %u left draining", p);
		FZ_CHECK(fp->fn == (s ? F(s) : NULL), "master %u port %u: IB port",
			 m->n.id, p);
		FZ_CHECK(fp->ref.refcnt == fp->refs && fp->ref.held == fp->held &&
			 fp->held <= fp->refs, "port %u: refcnt %u/%u held %u/%u",
			 p, fp->ref.refcnt, fp->refs, fp->ref.held, fp->held);
		FZ_CHECK(fp->ref.has_fn == !!s && fp->ref.counts == !!s &&
			 mlxsim_port_ref_up(&fp->ref) == !!s, "port %u state", p);
		if (!s) {
			FZ_CHECK(!fp->refs, "empty port with references");
			continue;
		}
		FZ_CHECK(F(s)->attached, "bound slave %u not attached", s->id);
		FZ_CHECK(p <= m->n.nports, "slave beyond the ports");
		FZ_CHECK(F(s)->present && s->role == MLXSIM_ROLE_SLAVE &&
			 s->master == &m->n && s->port == p,
			 "master %u port %u: slave %u does not say so", m->n.id,
			 p, s->id);
	}
}

FZ_NOCOV static void check_slave(struct fake_fn *s)
{
	struct mlxsim_mp_node *n = &s->n;
	u32 i, p, seen = 0;

	if (n->state == MLXSIM_MP_BOUND) {
		struct fake_fn *m = F(n->master);

		FZ_CHECK(m && m->present && m->n.role == MLXSIM_ROLE_MASTER,
			 "slave %u bound to nothing", n->id);
		FZ_CHECK(n->port == n->native_port && !n->queued && !s->seq &&
			 n->forwarding && !n->unbinding && n->reason == 0,
			 "slave %u: bound fields", n->id);
		FZ_CHECK(m->n.guid == n->guid && m->n.type == n->type &&
			 n->native_port != m->n.native_port, "bad pair");
		FZ_CHECK(s->fw_vhca == m->n.vhca_id &&
			 s->fw_criteria == n->criteria && s->roce_users,
			 "slave %u: firmware not affiliated", n->id);
		/* in exactly one master port */
		for (i = 0; i < NFN; i++)
			for (p = 0; p < MLXSIM_MAX_PORTS; p++)
				seen += w.fn[i].n.slave[p] == n;
		FZ_CHECK(seen == 1, "slave %u in %u ports", n->id, seen);
	} else {
		FZ_CHECK(n->state == MLXSIM_MP_UNAFFILIATED && n->queued &&
			 s->seq && !n->master && !n->port && !n->forwarding &&
			 !n->unbinding && n->reason != MLXSIM_MP_REASON_OK &&
			 n->reason <= MLXSIM_MP_REASON_SLAVE_REMOVED,
			 "slave %u: state %u queued %u", n->id, n->state,
			 n->queued);
	}
}

/* Without the hooks the model learns the lists from the flags. */
FZ_NOCOV static void blind_sync(void)
{
	u32 i;

	for (i = 0; i < NFN; i++) {
		struct fake_fn *f = &w.fn[i];

		if (f->n.role == MLXSIM_ROLE_SLAVE && f->present)
			f->seq = f->n.queued ? (f->seq ? f->seq : ++w.clock) : 0;
	}
}

FZ_NOCOV static void check_world(void)
{
	u32 i, p, nm = 0, nw = 0, want;
	u64 guid;
	u8 type;
	int port;

	if (w.blind)
		blind_sync();

	FZ_CHECK(!w.locked, "left locked");
	FZ_CHECK(ring_check(w.masters, w.idx.bits) == w.idx.nmasters,
		 "nmasters %u", w.idx.nmasters);
	FZ_CHECK(ring_check(w.waiting, w.idx.bits) == w.idx.nwaiting,
		 "nwaiting %u", w.idx.nwaiting);
	for (i = 0; i < NFN; i++) {
		struct fake_fn *f = &w.fn[i];

		FZ_CHECK(ring_has(w.masters, w.idx.bits, f) == f->n.published,
			 "%u: published %u", i, f->n.published);
		FZ_CHECK(ring_has(w.waiting, w.idx.bits, f) == f->n.queued,
			 "%u: queued %u", i, f->n.queued);
		nm += f->n.published;
		nw += f->n.queued;
		/*
		 * the vport's enable bit follows the count; the count is one
		 * per bind or live master, more only after an injected
		 * failure kept RoCE on, and never wraps
		 */
		FZ_CHECK(f->fw_roce_en == !!f->roce_users, "%u: roce_users %u, "
			 "enabled %u", i, f->roce_users, f->fw_roce_en);
		want = f->present && (f->n.role == MLXSIM_ROLE_MASTER ||
				      f->n.state == MLXSIM_MP_BOUND);
		FZ_CHECK(f->roce_users >= want &&
			 f->roce_users <= want + f->faults &&
			 (f->faults || f->roce_users == want),
			 "%u: roce_users %u, want %u, faults %u", i,
			 f->roce_users, want, f->faults);
		FZ_CHECK(f->attached == (f->present &&
			 f->n.state == MLXSIM_MP_BOUND), "%u: attached %u", i,
			 f->attached);
		if (!f->present) {
			FZ_CHECK(!f->n.published && !f->n.queued && !f->n.master &&
				 !f->n.forwarding &&
				 f->n.state == MLXSIM_MP_NONE, "removed %u kept", i);
			for (p = 0; p < MLXSIM_MAX_PORTS; p++)
				FZ_CHECK(!f->n.slave[p], "removed %u keeps a slave",
					 i);
			continue;
		}
		if (f->n.role == MLXSIM_ROLE_MASTER)
			check_master(f);
		else
			check_slave(f);
	}
	/* nothing points at a removed function */
	for (i = 0; i < NFN; i++)
		for (p = 0; p < MLXSIM_MAX_PORTS; p++) {
			struct fake_fn *s = F(w.fn[i].n.slave[p]);

			FZ_CHECK(!s || s->present, "slave slot of a removed fn");
			if (w.fn[i].present && w.fn[i].n.role == MLXSIM_ROLE_MASTER)
				FZ_CHECK(!w.fn[i].port[p].fn ||
					 w.fn[i].port[p].fn->present,
					 "IB port of a removed fn");
		}
	FZ_CHECK(nm == w.idx.nmasters && nw == w.idx.nwaiting, "counts");
	if (w.blind)
		return;		/* arrival order was not observed */
	for (guid = 1; guid <= 3; guid++)
		for (type = 0; type <= 1; type++)
			for (port = -1; port <= 3; port++)
				check_lookup(guid, type, port);
}

/* ---- the program ------------------------------------------------- */

static void op_add(struct fz *f, struct fake_fn *fn)
{
	u8 b = fz_u8(f), role, native, nports;
	u64 guid = 1 + b % 3;
	u8 type = (b >> 2) % 5 == 4 ? MLXSIM_FN_VF : MLXSIM_FN_PF;
	u32 id = fn - w.fn;

	role = b & 0x20 ? MLXSIM_ROLE_MASTER : MLXSIM_ROLE_SLAVE;
	/* native port 1..2, sometimes 0 or 3 (never bound) */
	native = (b >> 6) ? (b >> 6) : 1 + (fz_u8(f) & 3) % 4;
	if (native > 3)
		native = 0;
	nports = role == MLXSIM_ROLE_MASTER ? (b & 0x10 ? 1 : 2) : 0;
	if (role == MLXSIM_ROLE_MASTER && (native < 1 || native > nports))
		native = 1;
	/* a new function: fresh vport, fresh IB device */
	memset(fn, 0, sizeof(*fn));
	mlxsim_mp_node_init(&fn->n, id, guid, type, role, native, nports);
	fn->n.vhca_id = 100 + id;
	fn->n.criteria = role == MLXSIM_ROLE_SLAVE ? 1 + id : 0;
	fn->n.roce_users = &fn->roce_users;
	fn->fail_roce = (b & 0x0c) == 0x0c ? -EIO : 0;
	if (fn->fail_roce)
		fn->faults++;	/* counted when it fires too: an upper bound */
	if (role == MLXSIM_ROLE_MASTER) {
		fn->port[native - 1].fn = fn;
		mlxsim_port_ref_set_fn(&fn->port[native - 1].ref, true, false);
		if (mlxsim_mp_master_add(&w.idx, &ops, NULL, &fn->n)) {
			FZ_CHECK(!fn->n.published && !fn->roce_users,
				 "failed master add left traces");
			return;
		}
		fn->seq = ++w.clock;
		fn->present = true;
	} else {
		fn->present = true;
		mlxsim_mp_slave_add(&w.idx, &ops, NULL, &fn->n);
	}
}

static void op_remove(struct fake_fn *fn)
{
	u32 i;

	if (fn->n.role == MLXSIM_ROLE_MASTER) {
		mlxsim_mp_master_remove(&w.idx, &ops, NULL, &fn->n);
		for (i = 0; i < MLXSIM_MAX_PORTS; i++)
			FZ_CHECK(!fn->n.slave[i], "removed master keeps port %u",
				 i + 1);
	} else {
		mlxsim_mp_slave_remove(&w.idx, &ops, NULL, &fn->n);
	}
	fn->present = false;
	fn->seq = 0;
	FZ_CHECK(fn->n.state == MLXSIM_MP_NONE, "removed, state %u",
		 fn->n.state);
}

/* mlxsim_port_get and `hold +N`: what ibdev.c counts and refuses. */
static void op_get(struct fake_fn *m, u32 port, u32 n, bool hold)
{
	struct fport *p = &m->port[port - 1];
	enum mlxsim_mdev_result res, want;
	int err;

	if (!p->fn)
		want = MLXSIM_MDEV_NO_FUNCTION;
	else if (p->fn == m)
		want = MLXSIM_MDEV_OWN;
	else if (p->refs + n > MLXSIM_PORT_REFS_MAX)
		want = MLXSIM_MDEV_LIMIT;
	else
		want = MLXSIM_MDEV_REFCOUNTED;
	if (hold) {
		err = mlxsim_port_ref_hold(&p->ref, n, &res);
		FZ_CHECK(!err == (res == MLXSIM_MDEV_REFCOUNTED ||
				  res == MLXSIM_MDEV_OWN), "hold %d", err);
	} else {
		res = mlxsim_port_ref_get(&p->ref, n);
	}
	FZ_CHECK(res == want, "get on %u/%u: %u want %u", m->n.id, port, res,
		 want);
	if (res != MLXSIM_MDEV_REFCOUNTED)
		return;
	/* a counted reference pins a bound slave */
	FZ_CHECK(p->fn->present && p->fn->n.state == MLXSIM_MP_BOUND &&
		 p->fn->n.master == &m->n, "reference on an unbound slave");
	p->refs += n;
	if (hold)
		p->held += n;
}

/* mlxsim_port_put and `hold -N`: only what a holder has. */
static void op_put(struct fake_fn *m, u32 port, u32 n, bool hold)
{
	struct fport *p = &m->port[port - 1];

	if (hold) {
		FZ_CHECK(!mlxsim_port_ref_unhold(&p->ref, n) == (n <= p->held),
			 "unhold %u of %u", n, p->held);
		if (n > p->held)
			return;
		p->held -= n;
	} else if (n > p->refs - p->held) {
		return;
	}
	/* nobody drains between operations: no wake-up owed */
	FZ_CHECK(!mlxsim_port_ref_put(&p->ref, n), "put wakes nobody");
	p->refs -= n;
}

/*
 * del_device (bus.c): the ports the removal will wait for refuse new
 * references and are waited for unlocked; the wait may be killed, then
 * nothing is removed.  Holders put meanwhile (mode 1) or not (mode 2).
 */
static bool op_drain_first(struct fake_fn *fn, u32 mode, bool killed)
{
	struct fport *ports[MLXSIM_MAX_PORTS];
	u32 n = 0, i;

	if (fn->n.master) {
		ports[n++] = &F(fn->n.master)->port[fn->n.port - 1];
	} else {
		for (i = 0; i < MLXSIM_MAX_PORTS; i++)
			if (fn->n.slave[i])
				ports[n++] = &fn->port[i];
	}
	for (i = 0; i < n; i++) {
		mlxsim_port_ref_drain_begin(&ports[i]->ref);
		FZ_CHECK(!mlxsim_port_ref_up(&ports[i]->ref) &&
			 mlxsim_port_ref_get(&ports[i]->ref, 1) ==
			 MLXSIM_MDEV_UNAFFILIATING, "drain_begin takes references");
		if (mode == 1)
			holders_put(ports[i]);
	}
	if (killed) {
		for (i = 0; i < n; i++)
			mlxsim_port_ref_drain_end(&ports[i]->ref);
		return false;
	}
	op_remove(fn);
	for (i = 0; i < n; i++)
		mlxsim_port_ref_drain_end(&ports[i]->ref);
	return true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fake_fn *fn, *m;
	struct fz f;
	u32 nops, port, n;
	bool trace;
	u8 b;

	memset(&w, 0, sizeof(w));
	for (n = 0; n < NFN; n++)
		w.fn[n].n.id = n;
	fz_init(&f, data, size);
	b = fz_u8(&f);
	mlxsim_mp_index_init(&w.idx, w.masters, w.waiting, b % (MAX_BITS + 1));
	ops = f_ops;
	ops.port_drain = f_drain_checked;
	/* the optional hooks may be absent */
	if (b & 0x80)
		ops.lock = ops.unlock = NULL;
	else
		ops.rescan = f_rescan;
	if (b & 0x40) {
		ops.bind = NULL;
		ops.unbind = NULL;
		ops.unaffiliated = NULL;
		w.blind = true;
	}

	trace = getenv("FUZZ_TRACE") != NULL;
	for (nops = 0; f.n && nops < MAX_OPS; nops++) {
		b = fz_u8(&f);
		fn = &w.fn[(b >> 4) % NFN];
		if (trace)
			fprintf(stderr, "op %u: %u on fn %u (%s, state %u)\n",
				nops, b & 0xf, (b >> 4) % NFN,
				fn->present ? "present" : "absent", fn->n.state);
		switch (b & 0xf) {
		case 0: case 1: case 2:
			if (!fn->present)
				op_add(&f, fn);
			else
				op_remove(fn);
			break;
		case 3:
			if (fn->present) {
				u8 how = fz_u8(&f);

				op_drain_first(fn, 1 + how % 2, how & 4);
			}
			break;
		case 4: case 5: case 6: case 7: case 8:
			/* references on a master's port: get/put, hold +N/-N */
			m = fn;
			port = 1 + fz_below(&f, MLXSIM_MAX_PORTS);
			n = (b & 0xf) >= 7 ? 1 + fz_below(&f, 4) : 1;
			if (!m->present || m->n.role != MLXSIM_ROLE_MASTER ||
			    port > m->n.nports)
				break;
			if ((b & 0xf) <= 5 || (b & 0xf) == 7)
				op_get(m, port, n, (b & 0xf) == 7);
			else
				op_put(m, port, n, (b & 0xf) == 8);
			break;
		case 9:
			if (fn->present && fn->n.role == MLXSIM_ROLE_SLAVE)
				FZ_CHECK(mlxsim_mp_slave_event(&ops, NULL, &fn->n) ==
					 (fn->n.state == MLXSIM_MP_BOUND),
					 "event of %u, state %u", fn->n.id,
					 fn->n.state);
			break;
		case 10:
			fn->fail_roce = -EIO;
			break;
		case 11:
			fn->fail_aff = -ETIMEDOUT;
			break;
		case 12:
			if (b & 0x80)
				fn->fail_attach = -ENOMEM;
			else
				fn->fail_unaff = -EIO;
			break;
		default:
			/* bind_check on any pair, against its definition */
			m = &w.fn[fz_below(&f, NFN)];
			if (fn->present && m->present &&
			    m->n.role == MLXSIM_ROLE_MASTER &&
			    fn->n.role == MLXSIM_ROLE_SLAVE) {
				u8 r = mlxsim_mp_bind_check(&m->n, &fn->n);
				u8 np = fn->n.native_port;

				FZ_CHECK(r == (!np || np > m->n.nports ?
					 MLXSIM_MP_REASON_NO_PORT :
					 np == m->n.native_port ?
					 MLXSIM_MP_REASON_NATIVE_PORT :
					 m->n.slave[np - 1] ?
					 MLXSIM_MP_REASON_PORT_BUSY :
					 MLXSIM_MP_REASON_OK), "bind_check %u", r);
			}
			break;
		}
		check_world();
	}
	return 0;
}
