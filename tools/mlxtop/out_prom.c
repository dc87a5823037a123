// SPDX-License-Identifier: GPL-2.0
/*
 * --prom: the counters and gauges of the model in the Prometheus text
 * format (version 0.0.4), for node_exporter's textfile collector.  Every
 * metric is mlxsim_*, every family has HELP and TYPE lines.
 */
#include <string.h>

#include "out_prom.h"

static void family(FILE *out, const char *name, const char *type,
		   const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Label values: backslash, quote and newline escaped. */
static void label(FILE *out, const char *k, const char *v, int first)
{
	fprintf(out, "%s%s=\"", first ? "" : ",", k);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(out, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", out);
		else
			fputc(*v, out);
	}
	fputc('"', out);
}

void mt_out_prom(FILE *out, const struct mt_model *m)
{
	char g[24];
	int i, s;

	family(out, "mlxsim_functions", "gauge", "Functions (PCI functions of simulated devices) present.");
	fprintf(out, "mlxsim_functions %d\n", m->nfn);

	family(out, "mlxsim_function_info", "gauge", "One series per function; its identity and multiport state as labels.");
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];
		char id[16];

		snprintf(id, sizeof(id), "%d", f->id);
		snprintf(g, sizeof(g), "0x%016llx", (unsigned long long)f->guid);
		fputs("mlxsim_function_info{", out);
		label(out, "id", id, 1);
		label(out, "guid", g, 0);
		label(out, "type", f->type, 0);
		label(out, "role", f->role, 0);
		label(out, "state", f->state, 0);
		label(out, "reason", f->reason[0] ? f->reason : "", 0);
		fputs("} 1\n", out);
	}

	family(out, "mlxsim_function_refcnt", "gauge", "Native-port references held on the port a slave is bound to.");
	for (i = 0; i < m->nfn; i++)
		if (m->fn[i].master >= 0 && m->fn[i].master != m->fn[i].id)
			fprintf(out, "mlxsim_function_refcnt{id=\"%d\",master=\"%d\",port=\"%d\"} %d\n",
				m->fn[i].id, m->fn[i].master, m->fn[i].port,
				m->fn[i].refcnt);

	family(out, "mlxsim_functions_by_state", "gauge", "Functions by multiport state.");
	fprintf(out, "mlxsim_functions_by_state{state=\"master\"} %d\n", mt_model_count_state(m, "master"));
	fprintf(out, "mlxsim_functions_by_state{state=\"bound\"} %d\n", mt_model_count_state(m, "bound"));
	fprintf(out, "mlxsim_functions_by_state{state=\"unaffiliated\"} %d\n", mt_model_count_state(m, "unaffiliated"));

	family(out, "mlxsim_port_up", "gauge", "1 when the IB port has a function behind it.");
	for (i = 0; i < m->nport; i++)
		fprintf(out, "mlxsim_port_up{dev=\"%d\",port=\"%d\"} %d\n",
			m->port[i].dev, m->port[i].port, m->port[i].up);
	family(out, "mlxsim_port_refcnt", "gauge", "Native-port references held on the IB port.");
	for (i = 0; i < m->nport; i++)
		fprintf(out, "mlxsim_port_refcnt{dev=\"%d\",port=\"%d\"} %d\n",
			m->port[i].dev, m->port[i].port, m->port[i].refcnt);
	family(out, "mlxsim_port_held", "gauge", "The part of refcnt taken through port<P>/hold.");
	for (i = 0; i < m->nport; i++)
		if (m->port[i].held >= 0)
			fprintf(out, "mlxsim_port_held{dev=\"%d\",port=\"%d\"} %d\n",
				m->port[i].dev, m->port[i].port, m->port[i].held);
	family(out, "mlxsim_port_unaffiliating", "gauge", "1 while an unbind waits for the port's references.");
	for (i = 0; i < m->nport; i++)
		fprintf(out, "mlxsim_port_unaffiliating{dev=\"%d\",port=\"%d\"} %d\n",
			m->port[i].dev, m->port[i].port, m->port[i].unaffiliating);

	family(out, "mlxsim_pkey_entries", "gauge", "Valid (non-zero) entries of the physical P_Key cache.");
	for (i = 0; i < m->npk; i++) {
		int n = 0, j;

		for (j = 0; j < m->pk[i]->n; j++)
			n += m->pk[i]->pkey[j] != 0;
		fprintf(out, "mlxsim_pkey_entries{dev=\"%d\",port=\"%d\"} %d\n",
			m->pk[i]->dev, m->pk[i]->port, n);
	}
	family(out, "mlxsim_pkey_snoops_total", "counter", "SubnSet(PKeyTable) MADs snooped on the port.");
	for (i = 0; i < m->npk; i++)
		fprintf(out, "mlxsim_pkey_snoops_total{dev=\"%d\",port=\"%d\"} %llu\n",
			m->pk[i]->dev, m->pk[i]->port,
			(unsigned long long)m->pk[i]->snoops);
	family(out, "mlxsim_pkey_snoop_changes_total", "counter", "Snoops that changed the P_Key cache (kernel counters only).");
	for (i = 0; i < m->npk; i++)
		if (m->pk[i]->have_counters)
			fprintf(out, "mlxsim_pkey_snoop_changes_total{dev=\"%d\",port=\"%d\"} %llu\n",
				m->pk[i]->dev, m->pk[i]->port,
				(unsigned long long)m->pk[i]->snoop_changes);
	family(out, "mlxsim_pkey_master_events_total", "counter", "P_Key change events delivered to the master.");
	for (i = 0; i < m->npk; i++)
		fprintf(out, "mlxsim_pkey_master_events_total{dev=\"%d\",port=\"%d\"} %llu\n",
			m->pk[i]->dev, m->pk[i]->port,
			(unsigned long long)m->pk[i]->master_events);
	family(out, "mlxsim_pkey_vf_events_total", "counter", "P_Key change events delivered to one VF.");
	for (i = 0; i < m->npk; i++)
		for (s = 1; s < m->pk[i]->nslaves; s++)
			fprintf(out, "mlxsim_pkey_vf_events_total{dev=\"%d\",port=\"%d\",vf=\"%d\"} %llu\n",
				m->pk[i]->dev, m->pk[i]->port, s,
				(unsigned long long)m->pk[i]->vf[s].events);
	family(out, "mlxsim_pkey_vf_mapped", "gauge", "Virtual P_Key indices of a VF mapped to a usable entry.");
	for (i = 0; i < m->npk; i++)
		for (s = 1; s < m->pk[i]->nslaves; s++)
			fprintf(out, "mlxsim_pkey_vf_mapped{dev=\"%d\",port=\"%d\",vf=\"%d\"} %d\n",
				m->pk[i]->dev, m->pk[i]->port, s,
				m->pk[i]->vf[s].mapped);

	if (m->nev) {
		family(out, "mlxsim_trace_events_total", "counter", "mlxsim trace events seen by mlxtop, by event.");
		for (i = 0; i < m->nev; i++)
			fprintf(out, "mlxsim_trace_events_total{event=\"%s\"} %llu\n",
				m->ev[i].name, (unsigned long long)m->ev[i].count);
	}
}
