// SPDX-License-Identifier: GPL-2.0
/* The --once snapshot: the same columns as the debugfs tables. */
#include <string.h>

#include "names.h"
#include "out_text.h"

const char *mt_pkey_membership(uint16_t pkey)
{
	/* as the driver's pkey_cache and the plugin: no key is "invalid" */
	if (!(pkey & 0x7fff))
		return "invalid";
	return pkey & 0x8000 ? "full" : "limited";
}

static void opt_int(FILE *out, const char *fmt, int v)
{
	if (v < 0)
		fprintf(out, fmt[1] == '-' ? "%-*s" : "%*s", 6, "-");
	else
		fprintf(out, fmt, v);
}

/* a number of a table, "-" when not known (< 0) */
static void opt_num(FILE *out, int width, long long v)
{
	if (v < 0)
		fprintf(out, "%*s", width, "-");
	else
		fprintf(out, "%*lld", width, v);
}

/* The SMAs' ports (port<P>/sma: its keys are the columns), the cables. */
static void out_sma(FILE *out, const struct mt_model *m)
{
	int i, pd, pp;

	if (m->nsma) {
		fprintf(out, "\nIB LINKS\n%5s %4s %-6s %-10s %5s %3s %6s %5s %5s %10s %-18s %-8s %8s %10s %8s %10s %10s\n",
			"dev", "port", "state", "phys_state", "lid", "lmc", "sm_lid",
			"sm_sl", "is_sm", "cap_mask", "port_guid", "peer", "mads",
			"mad_errors", "dropped", "xmit_pkts", "rcv_pkts");
		for (i = 0; i < m->nsma; i++) {
			const struct mt_sma *s = &m->sma[i];
			char peer[24] = "-", g[24] = "-", cap[24] = "-";

			if (mt_sma_peer(m, s, &pd, &pp))
				snprintf(peer, sizeof(peer), "%d:%d", pd, pp);
			if (s->port_guid)
				snprintf(g, sizeof(g), "0x%016llx",
					 (unsigned long long)s->port_guid);
			if (s->cap_mask >= 0)
				snprintf(cap, sizeof(cap), "0x%08llx",
					 (unsigned long long)s->cap_mask);
			fprintf(out, "%5d %4d %-6s %-10s ", s->dev, s->port,
				mt_or_dash(s->state), mt_or_dash(s->phys));
			opt_num(out, 5, s->lid);
			fputc(' ', out);
			opt_num(out, 3, s->lmc);
			fputc(' ', out);
			opt_num(out, 6, s->sm_lid);
			fputc(' ', out);
			opt_num(out, 5, s->sm_sl);
			fputc(' ', out);
			opt_num(out, 5, s->is_sm);
			fprintf(out, " %10s %-18s %-8s ", cap, g, peer);
			opt_num(out, 8, s->mads);
			fputc(' ', out);
			opt_num(out, 10, s->mad_errors);
			fputc(' ', out);
			opt_num(out, 8, s->dropped);
			fputc(' ', out);
			opt_num(out, 10, s->xmit_pkts);
			fputc(' ', out);
			opt_num(out, 10, s->rcv_pkts);
			fputc('\n', out);
		}
	}
	if (m->have_links) {
		/* as the links table: each cable once */
		fprintf(out, "\nCABLES\n%5s %4s %5s %4s\n", "a", "port", "b", "port");
		for (i = 0; i < m->nlinks; i++)
			fprintf(out, "%5d %4d %5d %4d\n", m->links[i].a,
				m->links[i].a_port, m->links[i].b, m->links[i].b_port);
	}
}

/* a VF's other port management events, "-" each where not known */
static void out_port_ev(FILE *out, const struct mt_vf *vf)
{
	int k;

	for (k = 0; k < MT_NUM_PORT_EV; k++) {
		fputc(' ', out);
		opt_num(out, (int)strlen(mt_port_ev_names[k]), vf->port_ev[k]);
	}
}

/* a VF's alias GUID ("-": none assigned, or not known) and port state */
static void out_vf_guid(FILE *out, const struct mt_vf *vf)
{
	char g[24] = "-";

	if (vf->guid_known && vf->has_guid)
		mt_guid_fmt(vf->guid, g, sizeof(g));
	fprintf(out, " %-19s %s", g, mt_vf_port_state(vf));
}

void mt_out_text(FILE *out, const struct mt_model *m)
{
	const struct mt_fn *fn;
	char ib[24], why[160];
	int i, s, idx, k;
	uint8_t set[MT_MAX_PKEYS];
	double when;

	fprintf(out, "mlxtop: %d functions, %d bound, %d unaffiliated, %d port references\n",
		m->nfn, mt_model_count_state(m, "bound"),
		mt_model_count_state(m, "unaffiliated"),
		mt_model_refcnt_total(m));

	fprintf(out, "\nFUNCTIONS\n");
	fprintf(out, "%5s %-18s %-4s %-8s %11s %-12s %6s %6s %6s %13s %-14s %-8s %s\n",
		"id", "guid", "type", "role", "native_port", "state", "master",
		"port", "refcnt", "unaffiliating", "reason", "ib_dev",
		"ib_state");
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];

		fprintf(out, "%5d 0x%016llx %-4s %-8s %11d %-12s ", f->id,
			(unsigned long long)f->guid, f->type, f->role,
			f->native_port, f->state);
		opt_int(out, "%6d", f->master);
		fputc(' ', out);
		opt_int(out, "%6d", f->port);
		fprintf(out, " %6d %13d %-14s %-8s %s\n", f->refcnt,
			f->unaffiliating, f->reason[0] ? f->reason : "-",
			mt_or_dash(f->ib_dev), mt_or_dash(f->ib_state));
	}

	fprintf(out, "\nUNAFFILIATED\n%5s %-18s %11s %s\n", "id", "guid",
		"native_port", "reason");
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];

		if (strcmp(f->state, "unaffiliated"))
			continue;
		fprintf(out, "%5d 0x%016llx %11d %s\n", f->id,
			(unsigned long long)f->guid, f->native_port,
			f->reason[0] ? f->reason : "-");
	}

	fprintf(out, "\nIB PORTS\n%5s %4s %8s %5s %6s %13s %4s %s\n", "dev",
		"port", "function", "state", "refcnt", "unaffiliating", "held",
		"ib_state");
	for (i = 0; i < m->nport; i++) {
		const struct mt_port *p = &m->port[i];

		fprintf(out, "%5d %4d ", p->dev, p->port);
		if (p->fn < 0)
			fprintf(out, "%8s", "-");
		else
			fprintf(out, "%8d", p->fn);
		fprintf(out, " %5s %6d %13d ", p->up ? "up" : "down",
			p->refcnt, p->unaffiliating);
		if (p->held < 0)
			fprintf(out, "%4s", "-");
		else
			fprintf(out, "%4d", p->held);
		fprintf(out, " %s\n", mt_or_dash(p->ib_state));
	}
	out_sma(out, m);

	for (i = 0; i < m->npk; i++) {
		const struct mt_pkport *pk = m->pk[i];

		fprintf(out, "\nP_KEY dev %d port %d: %d entries, %d %s, %llu %s",
			pk->dev, pk->port, pk->n, pk->nslaves - 1,
			mt_plural(pk->nslaves - 1, "vf", "vfs"),
			(unsigned long long)pk->snoops,
			mt_plural(pk->snoops, "snoop", "snoops"));
		if (pk->have_counters)
			fprintf(out, " (%llu changed the cache)",
				(unsigned long long)pk->snoop_changes);
		fprintf(out, ", %llu master %s", (unsigned long long)pk->master_events,
			mt_plural(pk->master_events, "event", "events"));
		if (pk->have_counters)
			fprintf(out, ", %llu VF %s", (unsigned long long)pk->vf_events,
				mt_plural(pk->vf_events, "event", "events"));
		fprintf(out, ", ib_core %s", mt_pk_ib_summary(pk, ib, sizeof(ib)));
		/* how P_Key changes reach the cache: caps, and the last one traced */
		fn = mt_model_find_fn(m, pk->dev);
		if (fn && fn->port_mng_chg_ev >= 0)
			fprintf(out, ", path %s", fn->port_mng_chg_ev ? "event" : "snoop");
		if (pk->snoop_known && pk->snoop_path >= 0)
			fprintf(out, ", last change by %s", mt_pkey_path_name(pk->snoop_path));
		fputc('\n', out);
		fprintf(out, "%5s %6s %s\n", "index", "pkey", "membership");
		for (idx = 0; idx < pk->n; idx++)
			if (pk->pkey[idx])
				fprintf(out, "%5d 0x%04x %s\n", idx, pk->pkey[idx],
					mt_pkey_membership(pk->pkey[idx]));
		/* columns added at the end: active, the last change's verdict, map */
		mt_pk_last_change(pk, set, &when);
		fprintf(out, "%5s %6s %6s %6s %-11s %s", "slave", "mapped", "events",
			"active", "last_change", "map");
		/* the VFs' other port events, after the map, where known */
		if (pk->have_port_ev)
			for (k = 0; k < MT_NUM_PORT_EV; k++)
				fprintf(out, " %s", mt_port_ev_names[k]);
		/* then each VF's alias GUID and port state, where known */
		if (pk->have_guids)
			fprintf(out, " %-19s %s", "guid", "port");
		fputc('\n', out);
		for (s = 1; s < pk->nslaves; s++) {
			int n = 0;

			fprintf(out, "%5d %6d %6llu %6s %-11s", s, pk->vf[s].mapped,
				(unsigned long long)pk->vf[s].events,
				pk->vf[s].active < 0 ? "-" : pk->vf[s].active ? "yes" : "no",
				mt_verdict_name(mt_vf_verdict(pk, s, set)));
			for (idx = 0; idx < pk->n; idx++) {
				if (mt_vf_map_default(pk, s, idx))
					continue;
				fprintf(out, "%s%d->%d", n++ ? "," : " ", idx, pk->map[s][idx]);
			}
			if (!n)
				fputs(" -", out);
			if (pk->have_port_ev)
				out_port_ev(out, &pk->vf[s]);
			if (pk->have_guids)
				out_vf_guid(out, &pk->vf[s]);
			fputc('\n', out);
		}
		/* a VF whose port is stuck: why */
		for (s = 1; pk->have_guids && s < pk->nslaves; s++)
			if (mt_vf_port_why(&pk->vf[s], why, sizeof(why)))
				fprintf(out, "VF %d: port %s: %s\n", s,
					mt_vf_port_state(&pk->vf[s]), why);
	}

	/* the in-kernel histograms, when this run installed them */
	if (m->khist_tried) {
		fputs("\nHISTOGRAMS (in-kernel, log2 buckets: le_ns 2^k counts (2^(k-1), 2^k] ns)\n", out);
		for (k = 0; k < MT_KH_NUM; k++) {
			const struct mt_khist *h = &m->khist[k];
			int b;

			if (!h->avail) {
				fprintf(out, "%s: - (%s)\n", mt_kh_key(k), h->note);
				continue;
			}
			fprintf(out, "%s: %llu, sum %llu ns\n%6s %20s %10s\n", mt_kh_key(k),
				(unsigned long long)mt_kh_count(h),
				(unsigned long long)mt_kh_total_ns(h), "log2", "le_ns", "count");
			for (b = 0; b < MT_KH_BUCKETS; b++)
				if (mt_kh_bucket(h, b))
					fprintf(out, "%6d %20llu %10llu\n", b, 1ULL << b,
						(unsigned long long)mt_kh_bucket(h, b));
		}
	}

	if (m->nev || m->tracing) {
		fprintf(out, "\nEVENTS (%s; %llu lost, %llu missed)\n",
			m->trace_note, (unsigned long long)m->lost,
			(unsigned long long)m->missed);
		fprintf(out, "%-24s %10s %10s\n", "event", "count", "rate/s");
		for (i = 0; i < m->nev; i++)
			fprintf(out, "%-24s %10llu %10.1f\n", m->ev[i].name,
				(unsigned long long)(m->ev[i].count - m->ev[i].base),
				m->ev[i].rate);
	}
}
