// SPDX-License-Identifier: GPL-2.0
/*
 * --prom: the counters and gauges of the model in the Prometheus text
 * format (version 0.0.4), for node_exporter's textfile collector.  Every
 * metric is mlxsim_*, every family has HELP and TYPE lines.
 */
#include <stddef.h>
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

/* One SMA value per IB port, where it is known (>= 0). */
static void sma_series(FILE *out, const struct mt_model *m, const char *name,
		       size_t off)
{
	int i;

	for (i = 0; i < m->nsma; i++) {
		long long v = *(const long long *)((const char *)&m->sma[i] + off);

		if (v >= 0)
			fprintf(out, "%s{dev=\"%d\",port=\"%d\"} %lld\n", name,
				m->sma[i].dev, m->sma[i].port, v);
	}
}

static void sma_int_series(FILE *out, const struct mt_model *m,
			   const char *name, size_t off)
{
	int i;

	for (i = 0; i < m->nsma; i++) {
		int v = *(const int *)((const char *)&m->sma[i] + off);

		if (v >= 0)
			fprintf(out, "%s{dev=\"%d\",port=\"%d\"} %d\n", name,
				m->sma[i].dev, m->sma[i].port, v);
	}
}

/* The SMAs' IB ports (port<P>/sma), only when there are any. */
static void prom_sma(FILE *out, const struct mt_model *m)
{
	int i;

	if (!m->nsma)
		return;
	family(out, "mlxsim_ib_port_info", "gauge", "One series per IB port of an SMA; its logical and physical state as labels.");
	for (i = 0; i < m->nsma; i++) {
		char dev[16], port[8];

		snprintf(dev, sizeof(dev), "%d", m->sma[i].dev);
		snprintf(port, sizeof(port), "%d", m->sma[i].port);
		fputs("mlxsim_ib_port_info{", out);
		label(out, "dev", dev, 1);
		label(out, "port", port, 0);
		label(out, "state", m->sma[i].state, 0);
		label(out, "phys_state", m->sma[i].phys, 0);
		fputs("} 1\n", out);
	}
	family(out, "mlxsim_ib_port_active", "gauge", "1 when the SMA's port is ACTIVE.");
	for (i = 0; i < m->nsma; i++)
		if (m->sma[i].state[0])
			fprintf(out, "mlxsim_ib_port_active{dev=\"%d\",port=\"%d\"} %d\n",
				m->sma[i].dev, m->sma[i].port,
				!strcmp(m->sma[i].state, "active"));
	family(out, "mlxsim_ib_port_lid", "gauge", "The port's base LID (0: none assigned).");
	sma_int_series(out, m, "mlxsim_ib_port_lid", offsetof(struct mt_sma, lid));
	family(out, "mlxsim_ib_port_sm_lid", "gauge", "The LID of the port's master SM (0: none).");
	sma_int_series(out, m, "mlxsim_ib_port_sm_lid", offsetof(struct mt_sma, sm_lid));
	family(out, "mlxsim_ib_port_is_sm", "gauge", "1 when the port's capability mask has IsSM (an SM runs on it).");
	sma_int_series(out, m, "mlxsim_ib_port_is_sm", offsetof(struct mt_sma, is_sm));
	family(out, "mlxsim_ib_mads_total", "counter", "MADs the port's SMA/PMA answered.");
	sma_series(out, m, "mlxsim_ib_mads_total", offsetof(struct mt_sma, mads));
	family(out, "mlxsim_ib_mad_errors_total", "counter", "MADs the port's SMA/PMA answered with a non-zero status.");
	sma_series(out, m, "mlxsim_ib_mad_errors_total", offsetof(struct mt_sma, mad_errors));
	family(out, "mlxsim_ib_dropped_total", "counter", "Packets the wire dropped on the port (no peer, port not active, no receive posted).");
	sma_series(out, m, "mlxsim_ib_dropped_total", offsetof(struct mt_sma, dropped));
	family(out, "mlxsim_ib_xmit_pkts_total", "counter", "Packets the port sent.");
	sma_series(out, m, "mlxsim_ib_xmit_pkts_total", offsetof(struct mt_sma, xmit_pkts));
	family(out, "mlxsim_ib_rcv_pkts_total", "counter", "Packets the port received.");
	sma_series(out, m, "mlxsim_ib_rcv_pkts_total", offsetof(struct mt_sma, rcv_pkts));
}

/* A VF's port management events other than P_Key changes, where known. */
static void prom_port_ev(FILE *out, const struct mt_model *m)
{
	int i, s, k, any = 0;

	for (i = 0; i < m->npk; i++)
		any |= m->pk[i]->have_port_ev;
	if (!any)
		return;
	family(out, "mlxsim_pkey_vf_port_events_total", "counter", "Port management events (not P_Key changes) delivered to one VF, by event.");
	for (i = 0; i < m->npk; i++)
		for (s = 1; s < m->pk[i]->nslaves; s++)
			for (k = 0; k < MT_NUM_PORT_EV; k++)
				if (m->pk[i]->vf[s].port_ev[k] >= 0)
					fprintf(out, "mlxsim_pkey_vf_port_events_total{dev=\"%d\",port=\"%d\",vf=\"%d\",event=\"%s\"} %lld\n",
						m->pk[i]->dev, m->pk[i]->port, s,
						mt_port_ev_names[k],
						m->pk[i]->vf[s].port_ev[k]);
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

	prom_port_ev(out, m);
	prom_sma(out, m);

	if (m->nev) {
		family(out, "mlxsim_trace_events_total", "counter", "mlxsim trace events seen by mlxtop, by event.");
		for (i = 0; i < m->nev; i++)
			fprintf(out, "mlxsim_trace_events_total{event=\"%s\"} %llu\n",
				m->ev[i].name, (unsigned long long)m->ev[i].count);
	}
}
