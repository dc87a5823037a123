// SPDX-License-Identifier: GPL-2.0
/*
 * --json: keys are the debugfs column names, so a script can compare the
 * two field for field; "-" becomes null.
 */
#include <string.h>

#include "out_json.h"
#include "out_text.h"

static void jstr(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* ib_core columns: "-" (or nothing read) is null */
static void jstr_or_null(FILE *out, const char *s)
{
	if (s[0] && strcmp(s, "-"))
		jstr(out, s);
	else
		fputs("null", out);
}

static void jint_or_null(FILE *out, int v)
{
	if (v < 0)
		fputs("null", out);
	else
		fprintf(out, "%d", v);
}

static void jll_or_null(FILE *out, long long v)
{
	if (v < 0)
		fputs("null", out);
	else
		fprintf(out, "%lld", v);
}

/* "sma": the port<P>/sma keys; "links": the links table, each cable once */
static void out_sma(FILE *out, const struct mt_model *m)
{
	int i, pd, pp;

	fputs("\n  ],\n  \"sma\": [", out);
	for (i = 0; i < m->nsma; i++) {
		const struct mt_sma *s = &m->sma[i];

		fprintf(out, "%s\n    {\"dev\": %d, \"port\": %d, \"state\": ",
			i ? "," : "", s->dev, s->port);
		jstr_or_null(out, s->state);
		fputs(", \"phys_state\": ", out);
		jstr_or_null(out, s->phys);
		fputs(", \"lid\": ", out);
		jint_or_null(out, s->lid);
		fputs(", \"lmc\": ", out);
		jint_or_null(out, s->lmc);
		fputs(", \"sm_lid\": ", out);
		jint_or_null(out, s->sm_lid);
		fputs(", \"sm_sl\": ", out);
		jint_or_null(out, s->sm_sl);
		fputs(", \"is_sm\": ", out);
		if (s->is_sm < 0)
			fputs("null", out);
		else
			fputs(s->is_sm ? "true" : "false", out);
		fputs(", \"cap_mask\": ", out);
		if (s->cap_mask < 0)
			fputs("null", out);
		else
			fprintf(out, "\"0x%08llx\"", (unsigned long long)s->cap_mask);
		fputs(", \"port_guid\": ", out);
		if (s->port_guid)
			fprintf(out, "\"0x%016llx\"", (unsigned long long)s->port_guid);
		else
			fputs("null", out);
		fputs(", \"peer\": ", out);
		if (mt_sma_peer(m, s, &pd, &pp))
			fprintf(out, "{\"dev\": %d, \"port\": %d}", pd, pp);
		else
			fputs("null", out);
		fputs(", \"mads\": ", out);
		jll_or_null(out, s->mads);
		fputs(", \"mad_errors\": ", out);
		jll_or_null(out, s->mad_errors);
		fputs(", \"dropped\": ", out);
		jll_or_null(out, s->dropped);
		fputs(", \"xmit_pkts\": ", out);
		jll_or_null(out, s->xmit_pkts);
		fputs(", \"rcv_pkts\": ", out);
		jll_or_null(out, s->rcv_pkts);
		fputc('}', out);
	}
	fputs("\n  ],\n  \"links\": ", out);
	if (!m->have_links) {
		fputs("null", out);
		return;
	}
	fputc('[', out);
	for (i = 0; i < m->nlinks; i++)
		fprintf(out, "%s\n    {\"a\": %d, \"a_port\": %d, \"b\": %d, \"b_port\": %d}",
			i ? "," : "", m->links[i].a, m->links[i].a_port,
			m->links[i].b, m->links[i].b_port);
	fputs("\n  ]", out);
}

/* a "0x%016llx" string, or null */
static void jguid_or_null(FILE *out, int known, uint64_t g)
{
	if (known)
		fprintf(out, "\"0x%016llx\"", (unsigned long long)g);
	else
		fputs("null", out);
}

/*
 * port<P>/guids of a VF: null where the table has "-" (no GUID assigned)
 * or where there is no table.
 */
static void out_vf_guid(FILE *out, const struct mt_vf *vf)
{
	fputs(", \"guid\": ", out);
	jguid_or_null(out, vf->guid_known && vf->has_guid, vf->guid);
	fputs(", \"admin_guid\": ", out);
	jguid_or_null(out, vf->admin_known, vf->admin_guid);
	fputs(", \"port_state\": ", out);
	jstr_or_null(out, mt_vf_port_state(vf));
	fputs(", \"guid_pending\": ", out);
	fputs(vf->guid_pending < 0 ? "null" : vf->guid_pending ? "true" : "false", out);
	fputs(", \"guid_retry\": ", out);
	jll_or_null(out, vf->guid_retry);
}

/*
 * "histograms": each one {count, sum_ns, dropped, buckets: [{log2, le_ns,
 * count}]} (bucket log2 k counts values in (2^(k-1), 2^k] ns) or null,
 * and "note": why not, or where it is kept.
 */
static void out_khist(FILE *out, const struct mt_model *m)
{
	int k, b, first;

	fputs("  \"histograms\": {", out);
	for (k = 0; k < MT_KH_NUM; k++) {
		const struct mt_khist *h = &m->khist[k];

		fprintf(out, "%s\n    \"%s\": ", k ? "," : "", mt_kh_key(k));
		if (!h->avail) {
			fputs("null", out);
			continue;
		}
		fprintf(out, "{\"count\": %llu, \"sum_ns\": %llu, \"dropped\": %llu, \"buckets\": [",
			(unsigned long long)mt_kh_count(h),
			(unsigned long long)mt_kh_total_ns(h),
			(unsigned long long)h->dropped);
		for (b = 0, first = 1; b < MT_KH_BUCKETS; b++) {
			if (!mt_kh_bucket(h, b))
				continue;
			fprintf(out, "%s{\"log2\": %d, \"le_ns\": %llu, \"count\": %llu}",
				first ? "" : ", ", b, 1ULL << b,
				(unsigned long long)mt_kh_bucket(h, b));
			first = 0;
		}
		fputs("]}", out);
	}
	fputs(",\n    \"note\": {", out);
	for (k = 0; k < MT_KH_NUM; k++) {
		fprintf(out, "%s\"%s\": ", k ? ", " : "", mt_kh_key(k));
		jstr(out, m->khist[k].note);
	}
	fputs("}\n  },\n", out);
}

void mt_out_json(FILE *out, const struct mt_model *m)
{
	const struct mt_fn *fn;
	int i, s, idx, first, nset, k;
	uint8_t set[MT_MAX_PKEYS];
	enum mt_verdict vd;
	double when;

	fprintf(out, "{\n  \"version\": 1,\n  \"time\": %.3f,\n", m->now);
	fprintf(out, "  \"functions\": [");
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];

		fprintf(out, "%s\n    {\"id\": %d, \"guid\": \"0x%016llx\", \"type\": ",
			i ? "," : "", f->id, (unsigned long long)f->guid);
		jstr(out, f->type);
		fputs(", \"role\": ", out);
		jstr(out, f->role);
		fprintf(out, ", \"native_port\": %d, \"state\": ", f->native_port);
		jstr_or_null(out, f->state);
		fputs(", \"master\": ", out);
		jint_or_null(out, f->master);
		fputs(", \"port\": ", out);
		jint_or_null(out, f->port);
		fprintf(out, ", \"refcnt\": %d, \"unaffiliating\": %d, \"reason\": ",
			f->refcnt, f->unaffiliating);
		if (f->reason[0])
			jstr(out, f->reason);
		else
			fputs("null", out);
		fputs(", \"ib_dev\": ", out);
		jstr_or_null(out, f->ib_dev);
		fputs(", \"ib_state\": ", out);
		jstr_or_null(out, f->ib_state);
		fputs(", \"port_mng_chg_ev\": ", out);
		jint_or_null(out, f->port_mng_chg_ev);
		fputs(", \"refcnt_history\": [", out);
		for (s = 0; s < (int)f->hist_len; s++)
			fprintf(out, "%s%d", s ? ", " : "", f->hist[s]);
		fputs("]}", out);
	}
	fputs("\n  ],\n  \"unaffiliated\": [", out);
	for (i = 0, first = 1; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];

		if (strcmp(f->state, "unaffiliated"))
			continue;
		fprintf(out, "%s\n    {\"id\": %d, \"guid\": \"0x%016llx\", \"native_port\": %d, \"reason\": ",
			first ? "" : ",", f->id, (unsigned long long)f->guid,
			f->native_port);
		jstr_or_null(out, f->reason);
		fputc('}', out);
		first = 0;
	}
	fputs("\n  ],\n  \"ports\": [", out);
	for (i = 0; i < m->nport; i++) {
		const struct mt_port *p = &m->port[i];

		fprintf(out, "%s\n    {\"dev\": %d, \"port\": %d, \"function\": ",
			i ? "," : "", p->dev, p->port);
		jint_or_null(out, p->fn);
		fprintf(out, ", \"state\": \"%s\", \"refcnt\": %d, \"unaffiliating\": %d, \"held\": ",
			p->up ? "up" : "down", p->refcnt, p->unaffiliating);
		/* null: a replay, where no event tells holds from gets */
		jint_or_null(out, p->held);
		fputs(", \"ib_state\": ", out);
		jstr_or_null(out, p->ib_state);
		fputc('}', out);
	}
	out_sma(out, m);
	fputs(",\n  \"pkey\": [", out);
	for (i = 0; i < m->npk; i++) {
		const struct mt_pkport *pk = m->pk[i];

		fprintf(out, "%s\n    {\"dev\": %d, \"port\": %d, \"pkeys\": %d, \"vfs\": %d, \"snoops\": %llu, \"master_events\": %llu, \"ib_stale\": ",
			i ? "," : "", pk->dev, pk->port, pk->n, pk->nslaves - 1,
			(unsigned long long)pk->snoops,
			(unsigned long long)pk->master_events);
		jint_or_null(out, pk->ib_known ? pk->ib_differ : -1);
		/* the kernel's counters, or (null) only what events showed */
		fprintf(out, ", \"counters\": \"%s\", \"snoop_changes\": ",
			pk->have_counters ? "kernel" : "events");
		if (pk->have_counters)
			fprintf(out, "%llu, \"vf_events\": %llu",
				(unsigned long long)pk->snoop_changes,
				(unsigned long long)pk->vf_events);
		else
			fputs("null, \"vf_events\": null", out);
		/* the last change: which entries, and (snoop) whom it notified */
		nset = mt_pk_last_change(pk, set, &when);
		fputs(", \"last_change\": ", out);
		if (!nset && !pk->snoop_known) {
			fputs("null", out);
		} else {
			fprintf(out, "{\"source\": \"%s\", \"entries\": [",
				pk->snoop_known ? "snoop" : "tables");
			/* path: how the change reached the cache, where traced */
			for (idx = 0, first = 1; idx < pk->n; idx++)
				if (set[idx]) {
					fprintf(out, "%s%d", first ? "" : ", ", idx);
					first = 0;
				}
			fputs("]", out);
			if (pk->snoop_known) {
				fprintf(out, ", \"block\": %d, \"slaves\": %d, \"master\": %s, \"path\": ",
					pk->snoop_block, pk->snoop_slaves,
					pk->snoop_master ? "true" : "false");
				if (pk->snoop_path == 0 || pk->snoop_path == 1)
					jstr(out, pk->snoop_path ? "event" : "snoop");
				else
					fputs("null", out);
			}
			fputs("}", out);
		}
		/* the path the device's P_Key changes take: caps port_mng_chg_ev */
		fn = mt_model_find_fn(m, pk->dev);
		fputs(", \"path\": ", out);
		if (fn && fn->port_mng_chg_ev >= 0)
			jstr(out, fn->port_mng_chg_ev ? "event" : "snoop");
		else
			fputs("null", out);
		fputs(",\n     \"cache\": [", out);
		for (idx = 0; idx < pk->n; idx++)
			fprintf(out, "%s{\"index\": %d, \"pkey\": \"0x%04x\", \"membership\": \"%s\"}",
				idx ? ", " : "", idx, pk->pkey[idx],
				mt_pkey_membership(pk->pkey[idx]));
		fputs("],\n     \"slaves\": [", out);
		for (s = 1; s < pk->nslaves; s++) {
			fprintf(out, "%s{\"slave\": %d, \"mapped\": %d, \"events\": %llu, \"virt2phys\": [",
				s > 1 ? ", " : "", s, pk->vf[s].mapped,
				(unsigned long long)pk->vf[s].events);
			for (idx = 0; idx < pk->n; idx++)
				fprintf(out, "%s%d", idx ? "," : "", pk->map[s][idx]);
			fputc(']', out);
			/* port<P>/guids; the keys after active are older */
			out_vf_guid(out, &pk->vf[s]);
			fprintf(out, ", \"active\": %s, \"last_change\": ",
				pk->vf[s].active < 0 ? "null" :
				pk->vf[s].active ? "true" : "false");
			vd = mt_vf_verdict(pk, s, set);
			if (vd == MT_VD_NONE)
				fputs("null", out);
			else
				jstr(out, mt_verdict_name(vd));
			fputs(", \"last_event_ago\": ", out);
			if (pk->vf[s].last_event > 0)
				fprintf(out, "%.3f", m->now - pk->vf[s].last_event);
			else
				fputs("null", out);
			fputs(", \"map\": [", out);
			for (idx = 0, first = 1; idx < pk->n; idx++) {
				int phys = pk->map[s][idx];

				if (mt_vf_map_default(pk, s, idx))
					continue;
				fprintf(out, "%s{\"index\": %d, \"phys\": %d, \"pkey\": \"0x%04x\"}",
					first ? "" : ", ", idx, phys, pk->pkey[phys]);
				first = 0;
			}
			fputs("]", out);
			/* vf<S>/events' other columns: null where not known */
			for (k = 0; k < MT_NUM_PORT_EV; k++) {
				fprintf(out, ", \"%s\": ", mt_port_ev_names[k]);
				jll_or_null(out, pk->vf[s].port_ev[k]);
			}
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fprintf(out, "\n  ],\n  \"trace\": {\"active\": %s, \"note\": ",
		m->tracing ? "true" : "false");
	jstr(out, m->trace_note);
	fprintf(out, ", \"events\": %llu, \"lost\": %llu, \"missed\": %llu},\n",
		(unsigned long long)m->events, (unsigned long long)m->lost,
		(unsigned long long)m->missed);
	out_khist(out, m);
	fputs("  \"events\": {", out);
	for (i = 0; i < m->nev; i++) {
		fprintf(out, "%s\n    ", i ? "," : "");
		jstr(out, m->ev[i].name);
		fprintf(out, ": {\"count\": %llu, \"rate\": %.2f}",
			(unsigned long long)(m->ev[i].count - m->ev[i].base),
			m->ev[i].rate);
	}
	fputs(m->nev ? "\n  }\n}\n" : "}\n}\n", out);
}
