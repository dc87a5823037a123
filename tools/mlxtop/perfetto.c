// SPDX-License-Identifier: GPL-2.0
/*
 * Perfetto TrackEvent output, protobuf written by hand (no libprotobuf).
 * Field numbers are those of perfetto's trace.proto, trace_packet.proto,
 * track_descriptor.proto, counter_descriptor.proto, track_event.proto
 * and debug_annotation.proto:
 *
 *   Trace.packet 1
 *   TracePacket.timestamp 8, .trusted_packet_sequence_id 10,
 *     .track_event 11, .sequence_flags 13, .track_descriptor 60
 *   TrackDescriptor.uuid 1, .name 2, .parent_uuid 5, .counter 8
 *   TrackEvent.debug_annotations 4, .type 9, .track_uuid 11, .name 23,
 *     .counter_value 30, .flow_ids 47 (fixed64), .terminating_flow_ids 48
 *   DebugAnnotation.int_value 4, .string_value 6, .name 10
 */
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "perfetto.h"

enum { WT_VARINT = 0, WT_I64 = 1, WT_LEN = 2 };
enum { TYPE_SLICE_BEGIN = 1, TYPE_SLICE_END = 2, TYPE_INSTANT = 3,
       TYPE_COUNTER = 4 };
#define SEQ_ID 1
#define SEQ_INCREMENTAL_STATE_CLEARED 1

/* A growable message buffer. */
struct pb {
	uint8_t *b;
	size_t n, cap;
};

static void pb_need(struct pb *p, size_t more)
{
	if (p->n + more <= p->cap)
		return;
	p->cap = (p->n + more) * 2 + 64;
	p->b = realloc(p->b, p->cap);
	if (!p->b) {
		perror("mlxtop");
		exit(1);
	}
}

size_t mt_pb_varint(uint8_t *buf, uint64_t v)
{
	size_t n = 0;

	do {
		buf[n] = v & 0x7f;
		v >>= 7;
		if (v)
			buf[n] |= 0x80;
		n++;
	} while (v);
	return n;
}

static void pb_raw_varint(struct pb *p, uint64_t v)
{
	pb_need(p, 10);
	p->n += mt_pb_varint(p->b + p->n, v);
}

static void pb_tag(struct pb *p, unsigned int field, int wt)
{
	pb_raw_varint(p, (uint64_t)field << 3 | wt);
}

static void pb_uint(struct pb *p, unsigned int field, uint64_t v)
{
	pb_tag(p, field, WT_VARINT);
	pb_raw_varint(p, v);
}

static void pb_fixed64(struct pb *p, unsigned int field, uint64_t v)
{
	int i;

	pb_tag(p, field, WT_I64);
	pb_need(p, 8);
	for (i = 0; i < 8; i++)
		p->b[p->n++] = v >> (8 * i);
}

static void pb_bytes(struct pb *p, unsigned int field, const void *d,
		     size_t len)
{
	pb_tag(p, field, WT_LEN);
	pb_raw_varint(p, len);
	pb_need(p, len);
	memcpy(p->b + p->n, d, len);
	p->n += len;
}

static void pb_str(struct pb *p, unsigned int field, const char *s)
{
	pb_bytes(p, field, s, strlen(s));
}

static void pb_msg(struct pb *p, unsigned int field, struct pb *sub)
{
	pb_bytes(p, field, sub->b ? sub->b : (uint8_t *)"", sub->n);
	free(sub->b);
	memset(sub, 0, sizeof(*sub));
}

/*
 * One TracePacket, kept until mt_pf_close writes them all in timestamp
 * order (track descriptors, ts 0, first): an unbind's wait slice begins
 * before events that came ahead of it in the trace.
 */
static void emit_at(struct mt_pf *pf, struct pb *pkt, uint64_t ts)
{
	struct mt_pf_pkt *k;

	if (pf->npkts == pf->cappkts) {
		pf->cappkts = pf->cappkts ? pf->cappkts * 2 : 256;
		pf->pkts = realloc(pf->pkts, pf->cappkts * sizeof(*pf->pkts));
		if (!pf->pkts) {
			perror("mlxtop");
			exit(1);
		}
	}
	k = &pf->pkts[pf->npkts];
	k->ts = ts;
	k->seq = pf->npkts++;
	k->b = pkt->b;
	k->n = pkt->n;
	memset(pkt, 0, sizeof(*pkt));
	pf->packets++;
}

static void emit(struct mt_pf *pf, struct pb *pkt)
{
	emit_at(pf, pkt, 0);
}

static int pkt_cmp(const void *a, const void *b)
{
	const struct mt_pf_pkt *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every packet, in order, as Trace.packet (field 1), to the file. */
static void flush_packets(struct mt_pf *pf)
{
	size_t i;

	qsort(pf->pkts, pf->npkts, sizeof(*pf->pkts), pkt_cmp);
	for (i = 0; i < pf->npkts; i++) {
		struct pb pkt = { pf->pkts[i].b, pf->pkts[i].n, pf->pkts[i].n };
		struct pb top = { 0 };

		pb_uint(&pkt, 10, SEQ_ID);
		if (!i)
			pb_uint(&pkt, 13, SEQ_INCREMENTAL_STATE_CLEARED);
		pb_msg(&top, 1, &pkt);
		if (!pf->error && fwrite(top.b, 1, top.n, pf->out) != top.n)
			pf->error = 1;
		free(top.b);
	}
	free(pf->pkts);
	pf->pkts = NULL;
	pf->npkts = pf->cappkts = 0;
}

static void track(struct mt_pf *pf, uint64_t uuid, uint64_t parent,
		  const char *name, int counter)
{
	struct pb pkt = { 0 }, td = { 0 }, cd = { 0 };
	int i;

	for (i = 0; i < pf->ntracks; i++)
		if (pf->tracks[i] == uuid)
			return;
	if (pf->ntracks < MT_PF_MAX_TRACKS)
		pf->tracks[pf->ntracks++] = uuid;
	pb_uint(&td, 1, uuid);
	pb_str(&td, 2, name);
	if (parent)
		pb_uint(&td, 5, parent);
	if (counter)
		pb_msg(&td, 8, &cd);
	pb_msg(&pkt, 60, &td);
	emit(pf, &pkt);
}

struct te {
	int type;
	uint64_t track;
	const char *name;
	int64_t counter;
	const uint64_t *flows;
	int nflows;
	const uint64_t *term;
	int nterm;
	const char *args;	/* the event's decoded text */
};

static void event_ns(struct mt_pf *pf, uint64_t ns, const struct te *e)
{
	struct pb pkt = { 0 }, ev = { 0 }, da = { 0 };
	int i;

	pb_uint(&pkt, 8, ns);
	pb_uint(&ev, 9, e->type);
	pb_uint(&ev, 11, e->track);
	if (e->name)
		pb_str(&ev, 23, e->name);
	if (e->type == TYPE_COUNTER)
		pb_uint(&ev, 30, (uint64_t)e->counter);
	for (i = 0; i < e->nflows; i++)
		pb_fixed64(&ev, 47, e->flows[i]);
	for (i = 0; i < e->nterm; i++)
		pb_fixed64(&ev, 48, e->term[i]);
	if (e->args) {
		pb_str(&da, 10, "event");
		pb_str(&da, 6, e->args);
		pb_msg(&ev, 4, &da);
	}
	pb_msg(&pkt, 11, &ev);
	emit_at(pf, &pkt, ns);
}

static uint64_t ns_of(double ts)
{
	return ts > 0 ? (uint64_t)(ts * 1e9 + 0.5) : 0;
}

static void event(struct mt_pf *pf, double ts, const struct te *e)
{
	event_ns(pf, ns_of(ts), e);
}

int mt_pf_open(struct mt_pf *pf, const char *path)
{
	memset(pf, 0, sizeof(*pf));
	pf->out = fopen(path, "wb");
	if (!pf->out)
		return -1;
	pf->next_flow = 1;
	track(pf, MT_PF_ROOT, 0, "mlxsim", 0);
	return 0;
}

/* A function's track, "mlxsim<ID>" (its role is in the fn_add instant). */
static uint64_t fn_track(struct mt_pf *pf, int id)
{
	char name[48];

	snprintf(name, sizeof(name), "mlxsim%d", id);
	track(pf, MT_PF_FN(id), MT_PF_ROOT, name, 0);
	return MT_PF_FN(id);
}

static uint64_t port_track(struct mt_pf *pf, int dev, int port)
{
	char name[48];

	snprintf(name, sizeof(name), "mlxsim%d port %d", dev, port);
	track(pf, MT_PF_PORT(dev, port), MT_PF_ROOT, name, 0);
	return MT_PF_PORT(dev, port);
}

static long long get(const struct mt_ev *ev, const char *f)
{
	return mt_ev_get(ev, f, -1);
}

/* A slave's vport RoCE enable count (roce_users) after a bind or unbind. */
static void roce_counter(struct mt_pf *pf, const struct mt_ev *ev, int slave)
{
	struct te c = { TYPE_COUNTER, MT_PF_ROCE(slave), NULL, get(ev, "roce_users"),
			NULL, 0, NULL, 0, NULL };
	char name[48];

	if (c.counter < 0)	/* an older module's event has no roce_users */
		return;
	snprintf(name, sizeof(name), "mlxsim%d roce_en (users)", slave);
	track(pf, c.track, fn_track(pf, slave), name, 1);
	event(pf, ev->ts, &c);
}

/*
 * The unbind's wait for native-port references: a slice on the port's
 * "unbind waits" track ending at the unbind, wait_ns long.
 */
static void unbind_wait(struct mt_pf *pf, const struct mt_ev *ev, int m, int p)
{
	long long wait = get(ev, "wait_ns"), waited = get(ev, "waited");
	uint64_t end = ns_of(ev->ts);
	struct te b = { TYPE_SLICE_BEGIN, MT_PF_WAIT(m, p), NULL, 0, NULL, 0,
			NULL, 0, ev->text };
	struct te e = { TYPE_SLICE_END, MT_PF_WAIT(m, p), NULL, 0, NULL, 0,
			NULL, 0, NULL };
	char name[64];

	/*
	 * an unbind waits when references were out (waited); wait_ns of one
	 * that found none is the few microseconds of looking
	 */
	if (wait <= 0 || waited == 0)
		return;
	snprintf(name, sizeof(name), "mlxsim%d port %d unbind waits", m, p);
	track(pf, b.track, port_track(pf, m, p), name, 0);
	if (waited >= 0)
		snprintf(name, sizeof(name), "unbind of mlxsim%lld waits for %lld %s",
			 get(ev, "slave"), waited, waited == 1 ? "reference" : "references");
	else
		snprintf(name, sizeof(name), "unbind of mlxsim%lld waits", get(ev, "slave"));
	b.name = name;
	event_ns(pf, (uint64_t)wait < end ? end - (uint64_t)wait : 0, &b);
	event_ns(pf, end, &e);
}

static void instant(struct mt_pf *pf, const struct mt_ev *ev, uint64_t trk)
{
	struct te e = { TYPE_INSTANT, trk, ev->name, 0, NULL, 0, NULL, 0,
			ev->text };

	event(pf, ev->ts, &e);
}

void mt_pf_event(struct mt_pf *pf, const struct mt_ev *ev)
{
	const char *n = ev->name;
	char name[64];

	if (!strcmp(n, "fn_add")) {
		struct te e = { TYPE_INSTANT, fn_track(pf, get(ev, "id")), name, 0,
				NULL, 0, NULL, 0, ev->text };

		snprintf(name, sizeof(name), "fn_add %s", mt_role_name(get(ev, "role")));
		event(pf, ev->ts, &e);
	} else if (!strcmp(n, "mp_bind") && get(ev, "reason") == 0) {
		int s = get(ev, "slave"), m = get(ev, "master"), p = get(ev, "port");
		struct te e = { TYPE_SLICE_BEGIN, 0, name, 0, NULL, 0, NULL, 0,
				ev->text };

		snprintf(name, sizeof(name), "bound to mlxsim%d port %d", m, p);
		e.track = fn_track(pf, s);
		event(pf, ev->ts, &e);
		snprintf(name, sizeof(name), "slave mlxsim%d", s);
		e.track = port_track(pf, m, p);
		event(pf, ev->ts, &e);
		roce_counter(pf, ev, s);
	} else if (!strcmp(n, "mp_bind")) {
		/* refused: the event on the slave's track, RoCE as it was left */
		int s = get(ev, "slave");

		instant(pf, ev, s >= 0 ? fn_track(pf, s) : MT_PF_ROOT);
		if (s >= 0)
			roce_counter(pf, ev, s);
	} else if (!strcmp(n, "mp_unbind")) {
		int s = get(ev, "slave"), m = get(ev, "master"), p = get(ev, "port");
		struct te e = { TYPE_SLICE_END, 0, NULL, 0, NULL, 0, NULL, 0, NULL };

		e.track = fn_track(pf, s);
		event(pf, ev->ts, &e);
		e.track = port_track(pf, m, p);
		event(pf, ev->ts, &e);
		instant(pf, ev, port_track(pf, m, p));
		unbind_wait(pf, ev, m, p);
		roce_counter(pf, ev, s);
	} else if (!strcmp(n, "mp_mdev_get") || !strcmp(n, "mp_mdev_put")) {
		int d = get(ev, "ibdev"), p = get(ev, "port");
		struct te e = { TYPE_COUNTER, MT_PF_REFCNT(d, p), NULL,
				get(ev, "refcnt"), NULL, 0, NULL, 0, NULL };

		snprintf(name, sizeof(name), "mlxsim%d port %d refcnt", d, p);
		track(pf, MT_PF_REFCNT(d, p), port_track(pf, d, p), name, 1);
		event(pf, ev->ts, &e);
	} else if (!strcmp(n, "smp_snoop")) {
		int f = get(ev, "fn"), p = get(ev, "port");
		int k = get(ev, "slaves") + (get(ev, "master") > 0), i;
		uint64_t flows[MT_MAX_SLAVES + 1];
		struct te e = { TYPE_INSTANT, port_track(pf, f, p), ev->name, 0,
				flows, 0, NULL, 0, ev->text };

		if (k > MT_MAX_SLAVES + 1)
			k = MT_MAX_SLAVES + 1;
		for (i = 0; i < k; i++)
			flows[i] = pf->next_flow + i;
		e.nflows = k;
		/* the events it causes follow it: each ends one of its flows */
		if (k) {
			if (pf->npending == MT_PF_PENDING) {
				memmove(pf->pending, pf->pending + 1,
					sizeof(pf->pending[0]) * (MT_PF_PENDING - 1));
				pf->npending--;
			}
			pf->pending[pf->npending].fn = f;
			pf->pending[pf->npending].port = p;
			pf->pending[pf->npending].flow = pf->next_flow;
			pf->pending[pf->npending].n = k;
			pf->pending[pf->npending].used = 0;
			pf->npending++;
			pf->next_flow += k;
		}
		event(pf, ev->ts, &e);
	} else if (!strcmp(n, "pkey_event")) {
		int f = get(ev, "fn"), p = get(ev, "port"), s = get(ev, "slave");
		uint64_t vf = MT_PF_VF(f, p, s), term;
		struct te e = { TYPE_INSTANT, vf, ev->name, 0, NULL, 0, NULL, 0,
				ev->text };
		struct te c = { TYPE_COUNTER, MT_PF_VFCOUNT(f, p, s), NULL,
				get(ev, "count"), NULL, 0, NULL, 0, NULL };
		int i;

		snprintf(name, sizeof(name), "mlxsim%d port %d %s%d P_Key events",
			 f, p, s ? "vf" : "master vf", s);
		track(pf, vf, port_track(pf, f, p), name, 0);
		snprintf(name, sizeof(name), "mlxsim%d port %d vf%d P_Key event count",
			 f, p, s);
		track(pf, c.track, port_track(pf, f, p), name, 1);
		for (i = pf->npending - 1; i >= 0; i--)
			if (pf->pending[i].fn == f && pf->pending[i].port == p &&
			    pf->pending[i].used < pf->pending[i].n)
				break;
		if (i >= 0) {
			term = pf->pending[i].flow + pf->pending[i].used++;
			e.term = &term;
			e.nterm = 1;
		}
		event(pf, ev->ts, &e);
		event(pf, ev->ts, &c);
	} else if (!strcmp(n, "sma_port")) {
		/* the port's logical state (1 down .. 4 active) as a counter */
		int f = get(ev, "fn"), p = get(ev, "port");
		struct te c = { TYPE_COUNTER, MT_PF_SMASTATE(f, p), NULL,
				get(ev, "new_state"), NULL, 0, NULL, 0, NULL };

		snprintf(name, sizeof(name), "mlxsim%d port %d SMA state", f, p);
		track(pf, c.track, port_track(pf, f, p), name, 1);
		instant(pf, ev, port_track(pf, f, p));
		event(pf, ev->ts, &c);
	} else if ((!strcmp(n, "mad") || !strcmp(n, "vf_event")) &&
		   get(ev, "fn") >= 0 && get(ev, "port") > 0) {
		/* what reached the port's agents, what its VFs were told */
		instant(pf, ev, port_track(pf, get(ev, "fn"), get(ev, "port")));
	} else {
		/* everything else: an instant on its function's track */
		long long id = mt_ev_get(ev, "fn", mt_ev_get(ev, "id",
					 mt_ev_get(ev, "ibdev", -1)));

		if (id >= 0)
			instant(pf, ev, fn_track(pf, id));
		else
			instant(pf, ev, MT_PF_ROOT);
	}
}

int mt_pf_close(struct mt_pf *pf)
{
	int err;

	if (pf->out)
		flush_packets(pf);
	err = pf->error;

	if (pf->out && fclose(pf->out))
		err = 1;
	pf->out = NULL;
	return err ? -1 : 0;
}
