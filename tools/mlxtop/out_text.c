// SPDX-License-Identifier: GPL-2.0
/* The --once snapshot: the same columns as the debugfs tables. */
#include <string.h>

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

void mt_out_text(FILE *out, const struct mt_model *m)
{
	char ib[24];
	int i, s, idx;
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
		fprintf(out, ", ib_core %s\n", mt_pk_ib_summary(pk, ib, sizeof(ib)));
		fprintf(out, "%5s %6s %s\n", "index", "pkey", "membership");
		for (idx = 0; idx < pk->n; idx++)
			if (pk->pkey[idx])
				fprintf(out, "%5d 0x%04x %s\n", idx, pk->pkey[idx],
					mt_pkey_membership(pk->pkey[idx]));
		/* columns added at the end: active, the last change's verdict, map */
		mt_pk_last_change(pk, set, &when);
		fprintf(out, "%5s %6s %6s %6s %-11s %s\n", "slave", "mapped", "events",
			"active", "last_change", "map");
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
			fputs(n ? "\n" : " -\n", out);
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
