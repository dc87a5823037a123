// SPDX-License-Identifier: GPL-2.0
/* The state model: updated by providers, read by front ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "names.h"

const char *const mt_port_ev_names[MT_NUM_PORT_EV] = {
	[MT_PEV_LID_CHANGE] = "lid_change",
	[MT_PEV_SM_CHANGE] = "sm_change",
	[MT_PEV_CLIENT_REREG] = "client_reregister",
	[MT_PEV_PORT_ACTIVE] = "port_active",
	[MT_PEV_PORT_ERR] = "port_err",
	[MT_PEV_GID_CHANGE] = "gid_change",
};

int mt_port_ev_of_ib_event(long long ib_event)
{
	int k;

	/* the kinds are named as ib events are */
	for (k = 0; k < MT_NUM_PORT_EV; k++)
		if (!strcmp(mt_ib_event_name(ib_event), mt_port_ev_names[k]))
			return k;
	return -1;
}

void mt_model_init(struct mt_model *m)
{
	memset(m, 0, sizeof(*m));
}

void mt_model_free(struct mt_model *m)
{
	int i;

	for (i = 0; i < m->npk; i++)
		free(m->pk[i]);
	free(m->pk);
	free(m->fn);
	free(m->port);
	free(m->sma);
	free(m->links);
	memset(m, 0, sizeof(*m));
}

static void *grow(void *arr, int *cap, int need, size_t size)
{
	void *p;
	int n;

	if (need <= *cap)
		return arr;
	n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	p = realloc(arr, (size_t)n * size);
	if (!p) {
		perror("mlxtop");
		exit(1);
	}
	*cap = n;
	return p;
}

struct mt_fn *mt_model_fn(struct mt_model *m, int id, int create)
{
	struct mt_fn *f;
	int i, pos;

	/* sorted by id: binary search */
	int lo = 0, hi = m->nfn;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (m->fn[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nfn && m->fn[lo].id == id) {
		m->fn[lo].seen |= create;
		return &m->fn[lo];
	}
	if (!create)
		return NULL;
	m->fn = grow(m->fn, &m->capfn, m->nfn + 1, sizeof(*m->fn));
	pos = lo;
	for (i = m->nfn; i > pos; i--)
		m->fn[i] = m->fn[i - 1];
	m->nfn++;
	f = &m->fn[pos];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->master = -1;
	f->port = -1;
	f->native_port = 1;
	strcpy(f->state, "-");
	strcpy(f->role, "ordinary");
	strcpy(f->type, "pf");
	f->port_mng_chg_ev = -1;
	f->changed = m->now;
	f->seen = 1;
	return f;
}

const struct mt_fn *mt_model_find_fn(const struct mt_model *m, int id)
{
	int i;

	for (i = 0; i < m->nfn; i++)
		if (m->fn[i].id == id)
			return &m->fn[i];
	return NULL;
}

struct mt_port *mt_model_port(struct mt_model *m, int dev, int port,
			      int create)
{
	struct mt_port *p;
	int i, pos;

	for (i = 0; i < m->nport; i++) {
		p = &m->port[i];
		if (p->dev == dev && p->port == port) {
			p->seen |= create;
			return p;
		}
		if (p->dev > dev || (p->dev == dev && p->port > port))
			break;
	}
	if (!create)
		return NULL;
	pos = i;
	m->port = grow(m->port, &m->capport, m->nport + 1, sizeof(*m->port));
	for (i = m->nport; i > pos; i--)
		m->port[i] = m->port[i - 1];
	m->nport++;
	p = &m->port[pos];
	memset(p, 0, sizeof(*p));
	p->dev = dev;
	p->port = port;
	p->fn = -1;
	p->changed = m->now;
	p->seen = 1;
	return p;
}

void mt_pkport_reset(struct mt_pkport *pk, int n, int nslaves)
{
	int s, i;

	if (n < 1 || n > MT_MAX_PKEYS)
		n = MT_MAX_PKEYS;
	if (nslaves < 1 || nslaves > MT_MAX_SLAVES)
		nslaves = 1;
	pk->n = n;
	pk->nslaves = nslaves;
	memset(pk->pkey, 0, sizeof(pk->pkey));
	pk->pkey[0] = 0xffff;
	/* master maps every index to itself, a VF only index 0 */
	for (s = 0; s < MT_MAX_SLAVES; s++)
		for (i = 0; i < MT_MAX_PKEYS; i++)
			pk->map[s][i] = s == 0 ? i : (i == 0 ? 0 : n - 1);
	memset(pk->vf, 0, sizeof(pk->vf));
	for (s = 0; s < MT_MAX_SLAVES; s++) {
		pk->vf[s].active = -1;
		for (i = 0; i < MT_NUM_PORT_EV; i++)
			pk->vf[s].port_ev[i] = -1;
	}
	pk->have_port_ev = 0;
	mt_pk_guids_unknown(pk, 0);
	pk->snoop_known = 0;
	pk->snoop_path = -1;
	pk->polled = 0;
	for (s = 0; s < nslaves; s++)
		mt_pkport_recount(pk, s, 0);
}

struct mt_pkport *mt_model_pkport(struct mt_model *m, int dev, int port,
				  int create)
{
	struct mt_pkport *pk;
	int i, pos;

	for (i = 0; i < m->npk; i++) {
		pk = m->pk[i];
		if (pk->dev == dev && pk->port == port) {
			pk->seen |= create;
			return pk;
		}
		if (pk->dev > dev || (pk->dev == dev && pk->port > port))
			break;
	}
	if (!create)
		return NULL;
	pos = i;
	pk = calloc(1, sizeof(*pk));
	if (!pk) {
		perror("mlxtop");
		exit(1);
	}
	pk->dev = dev;
	pk->port = port;
	pk->seen = 1;
	mt_pkport_reset(pk, MT_MAX_PKEYS, 1);
	m->pk = grow(m->pk, &m->cappk, m->npk + 1, sizeof(*m->pk));
	for (i = m->npk; i > pos; i--)
		m->pk[i] = m->pk[i - 1];
	m->npk++;
	m->pk[pos] = pk;
	return pk;
}

struct mt_sma *mt_model_sma(struct mt_model *m, int dev, int port,
			    int create)
{
	struct mt_sma *p;
	int i, pos;

	for (i = 0; i < m->nsma; i++) {
		p = &m->sma[i];
		if (p->dev == dev && p->port == port) {
			p->seen |= create;
			return p;
		}
		if (p->dev > dev || (p->dev == dev && p->port > port))
			break;
	}
	if (!create)
		return NULL;
	pos = i;
	m->sma = grow(m->sma, &m->capsma, m->nsma + 1, sizeof(*m->sma));
	memmove(&m->sma[pos + 1], &m->sma[pos], (m->nsma - pos) * sizeof(*m->sma));
	m->nsma++;
	p = &m->sma[pos];
	memset(p, 0, sizeof(*p));
	p->dev = dev;
	p->port = port;
	p->lid = p->lmc = p->sm_lid = p->sm_sl = p->is_sm = -1;
	p->cap_mask = -1;
	p->peer_dev = p->peer_port = -1;
	p->mads = p->mad_errors = p->dropped = p->xmit_pkts = p->rcv_pkts = -1;
	p->changed = m->now;
	p->seen = 1;
	return p;
}

/* A slave's mapped count: indices that reach an entry other than the reserved one. */
void mt_pkport_recount(struct mt_pkport *pk, int slave, double now)
{
	int i, mapped = 0;

	if (slave < 0 || slave >= MT_MAX_SLAVES)
		return;
	for (i = 0; i < pk->n; i++)
		if (slave == 0 || pk->map[slave][i] != pk->n - 1)
			mapped++;
	if (pk->vf[slave].mapped != mapped) {
		pk->vf[slave].mapped = mapped;
		pk->vf[slave].changed = now;
	}
}

void mt_pk_guids_unknown(struct mt_pkport *pk, double now)
{
	int s;

	for (s = 0; s < MT_MAX_SLAVES; s++) {
		struct mt_vf *vf = &pk->vf[s];

		if (vf->port_state != MT_SPS_UNKNOWN || vf->guid_known ||
		    vf->admin_known || vf->guid_pending >= 0 || vf->guid_retry >= 0)
			vf->changed = now;
		vf->port_state = MT_SPS_UNKNOWN;
		vf->guid_known = 0;
		vf->has_guid = 0;
		vf->guid = 0;
		vf->admin_known = 0;
		vf->admin_guid = 0;
		vf->guid_pending = -1;
		vf->guid_retry = -1;
	}
	pk->have_guids = 0;
}

const char *mt_guid_fmt(uint64_t g, char *buf, size_t n)
{
	snprintf(buf, n, "%04llx:%04llx:%04llx:%04llx",
		 (unsigned long long)(g >> 48), (unsigned long long)((g >> 32) & 0xffff),
		 (unsigned long long)((g >> 16) & 0xffff), (unsigned long long)(g & 0xffff));
	return buf;
}

const char *mt_vf_port_state(const struct mt_vf *vf)
{
	switch (vf->port_state) {
	case MT_SPS_DOWN: return "down";
	case MT_SPS_PENDING_UP: return "pending_up";
	case MT_SPS_UP: return "up";
	default: return "-";
	}
}

int mt_vf_port_why(const struct mt_vf *vf, char *buf, size_t n)
{
	char g[24], admin[48] = "", ask[48] = "";

	buf[0] = '\0';
	if (vf->port_state != MT_SPS_PENDING_UP)
		return 0;
	/* what it waits for: the GUID asked for, and when the SA hears again */
	if (vf->admin_known && vf->admin_guid)
		snprintf(admin, sizeof(admin), "admin GUID %s",
			 mt_guid_fmt(vf->admin_guid, g, sizeof(g)));
	else if (vf->admin_known)
		snprintf(admin, sizeof(admin), "SM chooses it");
	if (vf->guid_pending == 1 && vf->guid_retry > 0)
		snprintf(ask, sizeof(ask), "SA asked again in %lld s", vf->guid_retry);
	else if (vf->guid_pending == 1)
		snprintf(ask, sizeof(ask), "SA still to be asked");
	else if (vf->guid_pending == 0)
		snprintf(ask, sizeof(ask), "no SA request pending");
	snprintf(buf, n, "alias GUID not assigned%s%s%s%s%s",
		 admin[0] || ask[0] ? " (" : "", admin, admin[0] && ask[0] ? "; " : "",
		 ask, admin[0] || ask[0] ? ")" : "");
	return 1;
}

void mt_model_del_fn(struct mt_model *m, int id)
{
	int i, j;

	for (i = 0; i < m->nfn; i++)
		if (m->fn[i].id == id) {
			memmove(&m->fn[i], &m->fn[i + 1],
				(m->nfn - i - 1) * sizeof(*m->fn));
			m->nfn--;
			break;
		}
	for (i = j = 0; i < m->nport; i++)
		if (m->port[i].dev != id)
			m->port[j++] = m->port[i];
	m->nport = j;
	for (i = j = 0; i < m->nsma; i++)
		if (m->sma[i].dev != id)
			m->sma[j++] = m->sma[i];
	m->nsma = j;
	for (i = j = 0; i < m->npk; i++) {
		if (m->pk[i]->dev != id)
			m->pk[j++] = m->pk[i];
		else
			free(m->pk[i]);
	}
	m->npk = j;
}

void mt_model_begin_poll(struct mt_model *m)
{
	int i;

	for (i = 0; i < m->nfn; i++)
		m->fn[i].seen = 0;
	for (i = 0; i < m->nport; i++)
		m->port[i].seen = 0;
	for (i = 0; i < m->npk; i++)
		m->pk[i]->seen = 0;
	for (i = 0; i < m->nsma; i++)
		m->sma[i].seen = 0;
}

void mt_model_end_poll(struct mt_model *m)
{
	int i, j;

	for (i = j = 0; i < m->nfn; i++)
		if (m->fn[i].seen)
			m->fn[j++] = m->fn[i];
	m->nfn = j;
	for (i = j = 0; i < m->nport; i++)
		if (m->port[i].seen)
			m->port[j++] = m->port[i];
	m->nport = j;
	for (i = j = 0; i < m->nsma; i++)
		if (m->sma[i].seen)
			m->sma[j++] = m->sma[i];
	m->nsma = j;
	for (i = j = 0; i < m->npk; i++) {
		if (m->pk[i]->seen)
			m->pk[j++] = m->pk[i];
		else
			free(m->pk[i]);
	}
	m->npk = j;
}

void mt_fn_set_int(struct mt_fn *f, int *field, int v, double now)
{
	if (*field != v) {
		*field = v;
		f->changed = now;
	}
}

void mt_fn_set_str(struct mt_fn *f, char *field, size_t n, const char *v,
		   double now)
{
	if (strncmp(field, v, n - 1)) {
		snprintf(field, n, "%s", v);
		f->changed = now;
	}
}

void mt_pk_set(struct mt_pkport *pk, int index, uint16_t pkey, double now)
{
	if (index < 0 || index >= MT_MAX_PKEYS)
		return;
	if (pk->pkey[index] != pkey) {
		pk->pkey[index] = pkey;
		pk->changed[index] = now;
	}
}

/* --- events --------------------------------------------------------- */

long long mt_ev_get(const struct mt_ev *ev, const char *name, long long dflt)
{
	int i;

	for (i = 0; i < ev->nf; i++)
		if (!strcmp(ev->f[i].name, name))
			return ev->f[i].v;
	return dflt;
}

/* First of several candidate field names (the events name ids variously). */
#define EV_ANY(ev, dflt, ...) ev_any2(ev, dflt, (const char *[]){ __VA_ARGS__, NULL })

static long long ev_any2(const struct mt_ev *ev, long long dflt,
			 const char **names)
{
	const long long none = -0x7fffffffffffffffLL;
	long long v;

	for (; *names; names++) {
		v = mt_ev_get(ev, *names, none);
		if (v != none)
			return v;
	}
	return dflt;
}

static int is_hex_field(const char *f)
{
	static const char *const hex[] = {
		"guid", "pkey", "old", "new", "qkey", "hw_qkey", "qpn",
		"changed", "bitmap", "opcode", "old_pkey", "new_pkey",
		"mgid_index", "hw_mgid_index", "attr_mod", NULL
	};
	int i;

	for (i = 0; hex[i]; i++)
		if (!strcmp(f, hex[i]))
			return 1;
	return 0;
}

void mt_ev_format(const struct mt_ev *ev, char *buf, size_t n)
{
	size_t len;
	int i;

	len = snprintf(buf, n, "%s", ev->name);
	for (i = 0; i < ev->nf && len < n; i++) {
		const char *f = ev->f[i].name;
		long long v = ev->f[i].v;
		const char *sym;
		int hex = 0;

		sym = NULL;
		if (!strcmp(ev->name, "mad")) {
			/* MAD numbers are the IBA's, in hex; status is no errno */
			if (!strcmp(f, "source"))
				sym = mt_mad_source_name(v);
			else if (strcmp(f, "fn") && strcmp(f, "port"))
				hex = 1;
		} else if (!strcmp(ev->name, "sma_port") &&
			   (!strcmp(f, "old_state") || !strcmp(f, "new_state"))) {
			sym = mt_ib_port_state_name(v);
		} else if (!strcmp(ev->name, "sma_port") && !strcmp(f, "phys")) {
			sym = mt_ib_phys_name(v);
		} else if (!strcmp(ev->name, "sma_port") && !strcmp(f, "cause")) {
			sym = mt_sma_cause_name(v);
		} else if (!strcmp(f, "event") && (!strcmp(ev->name, "vf_event") ||
						   !strcmp(ev->name, "ib_event"))) {
			sym = mt_ib_event_name(v);
		} else if (!strcmp(ev->name, "smp_snoop") && !strcmp(f, "path")) {
			sym = mt_pkey_path_name(v);
		} else if (!strcmp(ev->name, "slave_port_state") &&
			   (!strcmp(f, "old") || !strcmp(f, "new"))) {
			sym = mt_slave_port_state_name(v);
		} else if (!strcmp(ev->name, "slave_port_state") && !strcmp(f, "event")) {
			sym = mt_slave_port_event_name(v);
		} else if (!strcmp(ev->name, "guid_assign") && !strcmp(f, "method")) {
			sym = mt_ag_method_name(v);
		} else if (!strcmp(ev->name, "guid_assign") && !strcmp(f, "result")) {
			sym = mt_ag_result_name(v);
		} else if (!strcmp(ev->name, "guid_assign") && !strcmp(f, "guid")) {
			hex = 1;
		}
		if (sym || hex)
			;
		else if (!strncmp(ev->name, "qp_", 3) && !strcmp(f, "type"))
			sym = mt_qp_type_name(v);
		else if (!strncmp(ev->name, "qp_", 3) && !strcmp(f, "reason"))
			sym = mt_qpr_name(v);
		else if (!strncmp(ev->name, "qp_", 3) && !strcmp(f, "kind"))
			sym = mt_qp_kind_name(v);
		else
			sym = mt_field_symbol(f, v);
		if (sym)
			len += snprintf(buf + len, n - len, " %s=%s", f, sym);
		else if (hex && !strcmp(f, "guid"))
			/* as TP_printk prints it: every digit */
			len += snprintf(buf + len, n - len, " %s=0x%016llx", f,
					(unsigned long long)v);
		else if (hex || (is_hex_field(f) &&
			 !(!strcmp(ev->name, "pkey_map") &&
			   (!strcmp(f, "old") || !strcmp(f, "new")))))
			len += snprintf(buf + len, n - len, " %s=0x%llx", f,
					(unsigned long long)v);
		else
			len += snprintf(buf + len, n - len, " %s=%lld", f, v);
	}
}

static struct mt_evstat *evstat(struct mt_model *m, const char *name)
{
	int i;

	for (i = 0; i < m->nev; i++)
		if (!strcmp(m->ev[i].name, name))
			return &m->ev[i];
	if (m->nev == MT_MAX_EVNAMES)
		return NULL;
	snprintf(m->ev[m->nev].name, sizeof(m->ev[0].name), "%s", name);
	return &m->ev[m->nev++];
}

static void set_port_fn(struct mt_model *m, int dev, int port, int fn,
			int up)
{
	struct mt_port *p = mt_model_port(m, dev, port, 0);

	if (!p) {
		p = mt_model_port(m, dev, port, 1);
		/* ib_core's view comes from the ib_* events, when there are any */
		snprintf(p->ib_state, sizeof(p->ib_state), "-");
	}
	if (p->fn != fn || p->up != up) {
		p->fn = fn;
		p->up = up;
		p->changed = m->now;
	}
	if (fn < 0) {
		p->refcnt = 0;
		p->held = 0;
		p->unaffiliating = 0;
	}
}

/* ib_core's name of device dev in the trace: "-" until registered */
static const char *ib_name_of(struct mt_model *m, int dev)
{
	struct mt_fn *f = mt_model_fn(m, dev, 0);

	return f && f->ib_own[0] ? f->ib_own : "-";
}

/* what a function shows as ib_dev/ib_state: its port's device and state */
static void fn_ib_view(struct mt_model *m, struct mt_fn *f)
{
	struct mt_port *p;

	if (f->master < 0 || f->port < 1) {
		mt_fn_set_str(f, f->ib_dev, sizeof(f->ib_dev),
			      f->ib_own[0] ? f->ib_own : "-", m->now);
		mt_fn_set_str(f, f->ib_state, sizeof(f->ib_state), "-", m->now);
		return;
	}
	p = mt_model_port(m, f->master, f->port, 0);
	mt_fn_set_str(f, f->ib_dev, sizeof(f->ib_dev), ib_name_of(m, f->master),
		      m->now);
	mt_fn_set_str(f, f->ib_state, sizeof(f->ib_state),
		      p ? mt_or_dash(p->ib_state) : "-", m->now);
}

/* after a registration change of dev: every function behind its ports */
static void ib_view_all(struct mt_model *m)
{
	int i;

	for (i = 0; i < m->nfn; i++)
		fn_ib_view(m, &m->fn[i]);
}

static void apply_fn_add(struct mt_model *m, const struct mt_ev *ev)
{
	int id = EV_ANY(ev, -1, "id", "fn");
	int role = mt_ev_get(ev, "role", 0);
	int ports = mt_ev_get(ev, "ports", 1);
	int vfs = mt_ev_get(ev, "vfs", 0);
	int pkeys = mt_ev_get(ev, "pkeys", MT_MAX_PKEYS);
	int nports, p;
	struct mt_fn *f;

	if (id < 0)
		return;
	/*
	 * an IB-link function's SMA comes up with every port DOWN and
	 * Polling, no LIDs, until a cable and an SM change that
	 */
	for (p = 1; mt_ev_get(ev, "link", 0) == 1 && p <= ports && p <= MT_MAX_IB_PORTS; p++) {
		struct mt_sma *s = mt_model_sma(m, id, p, 1);

		snprintf(s->state, sizeof(s->state), "down");
		snprintf(s->phys, sizeof(s->phys), "polling");
		s->lid = 0;
		s->sm_lid = 0;
	}
	f = mt_model_fn(m, id, 1);
	f->guid = mt_ev_get(ev, "guid", 0);
	snprintf(f->role, sizeof(f->role), "%s", mt_role_name(role));
	snprintf(f->type, sizeof(f->type), "%s",
		 mt_fn_type_name(mt_ev_get(ev, "type", 0)));
	f->native_port = mt_ev_get(ev, "native_port", 1);
	f->vfs = vfs;
	f->pkeys = pkeys;
	f->changed = m->now;
	if (role == 2) {
		strcpy(f->state, "unaffiliated");
		strcpy(f->reason, "no_master");
		return;
	}
	strcpy(f->state, role == 1 ? "master" : "-");
	/* a master is the function behind its own native port */
	if (role == 1) {
		f->master = id;
		f->port = f->native_port;
	}
	nports = role == 1 && ports < 2 ? 2 : ports;
	f->nports = nports;
	for (p = 1; p <= nports; p++) {
		if (role == 1)
			set_port_fn(m, id, p, p == f->native_port ? id : -1,
				    p == f->native_port);
		else
			set_port_fn(m, id, p, id, 1);
		if (vfs > 0 && p <= ports) {
			struct mt_pkport *pk = mt_model_pkport(m, id, p, 1);

			if (!pk->sized)
				mt_pkport_reset(pk, pkeys, vfs + 1);
		}
	}
}

static void apply_unbound(struct mt_model *m, struct mt_fn *f)
{
	if (f->master >= 0 && f->port > 0)
		set_port_fn(m, f->master, f->port, -1, 0);
	mt_fn_set_int(f, &f->master, -1, m->now);
	mt_fn_set_int(f, &f->port, -1, m->now);
	mt_fn_set_int(f, &f->refcnt, 0, m->now);
	mt_fn_set_int(f, &f->unaffiliating, 0, m->now);
	mt_fn_set_str(f, f->state, sizeof(f->state), "unaffiliated", m->now);
}

/*
 * The SMA's port from mlxsim_sma_port: what the event carries (state,
 * phys, LID, SM LID); the rest stays not known.
 */
static void apply_sma_port(struct mt_model *m, const struct mt_ev *ev)
{
	int dev = EV_ANY(ev, -1, "fn", "dev", "id"), port = mt_ev_get(ev, "port", 0);
	long long st = mt_ev_get(ev, "new_state", -1), phys = mt_ev_get(ev, "phys", -1);
	long long lid = mt_ev_get(ev, "new_lid", -1), sm = mt_ev_get(ev, "new_sm_lid", -1);
	char sbuf[sizeof(((struct mt_sma *)0)->state)] = "";
	char pbuf[sizeof(((struct mt_sma *)0)->phys)] = "";
	struct mt_sma *p;

	if (dev < 0 || port < 1)
		return;
	p = mt_model_sma(m, dev, port, 1);
	if (st >= 0)
		snprintf(sbuf, sizeof(sbuf), "%s", mt_ib_port_state_name(st));
	if (phys >= 0)
		snprintf(pbuf, sizeof(pbuf), "%s", mt_ib_phys_name(phys));
	if (strcmp(p->state, sbuf) || strcmp(p->phys, pbuf) || p->lid != lid ||
	    p->sm_lid != sm)
		p->changed = m->now;
	snprintf(p->state, sizeof(p->state), "%s", sbuf);
	snprintf(p->phys, sizeof(p->phys), "%s", pbuf);
	p->lid = lid;
	p->sm_lid = sm;
}

/* The VF of a per-VF event: its port's P_Key record, slave 1..vfs. */
static struct mt_vf *ev_vf(struct mt_model *m, const struct mt_ev *ev,
			   struct mt_pkport **pkp)
{
	struct mt_pkport *pk;
	int slave = mt_ev_get(ev, "slave", -1);

	pk = mt_model_pkport(m, EV_ANY(ev, -1, "fn", "dev", "id"),
			     mt_ev_get(ev, "port", -1), 0);
	if (!pk || slave < 1 || slave >= pk->nslaves || slave >= MT_MAX_SLAVES)
		return NULL;
	*pkp = pk;
	return &pk->vf[slave];
}

/* mlxsim_slave_port_state: the VF's port moved (old -> new) */
static void apply_slave_port_state(struct mt_model *m, const struct mt_ev *ev)
{
	long long st = mt_ev_get(ev, "new", -1);
	struct mt_pkport *pk;
	struct mt_vf *vf = ev_vf(m, ev, &pk);

	if (!vf)
		return;
	if (st < MT_SPS_DOWN || st > MT_SPS_UP)
		st = MT_SPS_UNKNOWN;
	if (vf->port_state != st) {
		vf->port_state = st;
		vf->changed = m->now;
	}
	pk->have_guids = 1;
}

/*
 * mlxsim_guid_assign: the SM's answer (accepted) or what the snoop found
 * in GUIDInfo (cached) is the VF's GUID; a deletion accepted leaves none.
 * What the admin asked for and the retries are the table's only.
 */
static void apply_guid_assign(struct mt_model *m, const struct mt_ev *ev)
{
	const char *res = mt_ag_result_name(mt_ev_get(ev, "result", -1));
	int del = !strcmp(mt_ag_method_name(mt_ev_get(ev, "method", -1)), "delete");
	uint64_t g = (uint64_t)mt_ev_get(ev, "guid", 0);
	struct mt_pkport *pk;
	struct mt_vf *vf = ev_vf(m, ev, &pk);
	int has;

	if (!vf || (strcmp(res, "accepted") && strcmp(res, "cached")))
		return;
	/* 0 and all ones are no GUID (MLXSIM_AG_DELETE asks to remove one) */
	has = !(del && !strcmp(res, "accepted")) && g && g != ~0ULL;
	if (!vf->guid_known || vf->has_guid != has || (has && vf->guid != g))
		vf->changed = m->now;
	vf->guid_known = 1;
	vf->has_guid = has;
	vf->guid = has ? g : 0;
	pk->have_guids = 1;
}

static void apply(struct mt_model *m, const struct mt_ev *ev)
{
	const char *n = ev->name;
	struct mt_fn *f;

	if (!strcmp(n, "fn_add")) {
		apply_fn_add(m, ev);
	} else if (!strcmp(n, "fn_remove")) {
		int id = EV_ANY(ev, -1, "id", "fn");
		int i;

		/* slaves of a removed master are unbound by their own events */
		for (i = 0; i < m->nfn; i++)
			if (m->fn[i].master == id)
				apply_unbound(m, &m->fn[i]);
		f = mt_model_fn(m, id, 0);
		if (f && f->master >= 0)
			apply_unbound(m, f);
		mt_model_del_fn(m, id);
	} else if (!strcmp(n, "mp_bind")) {
		int slave = EV_ANY(ev, -1, "slave", "fn", "id");
		int master = EV_ANY(ev, -1, "master", "ibdev");
		int port = EV_ANY(ev, -1, "port");
		int bad = EV_ANY(ev, 0, "reason") || EV_ANY(ev, 0, "status", "err");

		f = mt_model_fn(m, slave, 0);
		if (!f || bad || master < 0 || port < 1)
			return;
		mt_fn_set_int(f, &f->master, master, m->now);
		mt_fn_set_int(f, &f->port, port, m->now);
		mt_fn_set_str(f, f->state, sizeof(f->state), "bound", m->now);
		f->reason[0] = '\0';
		set_port_fn(m, master, port, slave, 1);
		fn_ib_view(m, f);
	} else if (!strcmp(n, "mp_unbind")) {
		f = mt_model_fn(m, EV_ANY(ev, -1, "slave", "fn", "id"), 0);
		if (f) {
			apply_unbound(m, f);
			fn_ib_view(m, f);
		}
	} else if (!strcmp(n, "mp_unaffiliated")) {
		f = mt_model_fn(m, EV_ANY(ev, -1, "slave", "fn", "id"), 0);
		if (!f)
			return;
		mt_fn_set_str(f, f->state, sizeof(f->state), "unaffiliated",
			      m->now);
		snprintf(f->reason, sizeof(f->reason), "%s",
			 mt_reason_name(mt_ev_get(ev, "reason", 1)));
	} else if (!strcmp(n, "mp_mdev_get") || !strcmp(n, "mp_mdev_put")) {
		int dev = EV_ANY(ev, -1, "ibdev", "master", "dev");
		int port = mt_ev_get(ev, "port", 0);
		int refcnt = mt_ev_get(ev, "refcnt", 0);
		struct mt_port *p = mt_model_port(m, dev, port, 0);

		if (!p)
			return;
		if (p->refcnt != refcnt)
			p->changed = m->now;
		p->refcnt = refcnt;
		/*
		 * held is the part of refcnt taken through hold, and no event
		 * tells a hold from a get: known (0) only while refcnt is 0
		 */
		p->held = refcnt ? -1 : 0;
		f = p->fn >= 0 && p->fn != dev ? mt_model_fn(m, p->fn, 0) : NULL;
		if (f)
			mt_fn_set_int(f, &f->refcnt, refcnt, m->now);
	} else if (!strcmp(n, "ib_register") || !strcmp(n, "ib_unregister")) {
		int dev = EV_ANY(ev, -1, "fn", "ibdev", "id");
		int ok = !strcmp(n, "ib_register") && mt_ev_get(ev, "status", 0) == 0;
		int i;

		f = mt_model_fn(m, dev, 0);
		if (!f)
			return;
		if (ok)
			snprintf(f->ib_own, sizeof(f->ib_own), "mlxsim%d", dev);
		else if (strcmp(n, "ib_register"))
			snprintf(f->ib_own, sizeof(f->ib_own), "-");
		/* unregistered: ib_core caches no port state */
		for (i = 0; !ok && i < m->nport; i++)
			if (m->port[i].dev == dev && strcmp(m->port[i].ib_state, "-")) {
				snprintf(m->port[i].ib_state, sizeof(m->port[i].ib_state), "-");
				m->port[i].changed = m->now;
			}
		ib_view_all(m);
	} else if (!strcmp(n, "ib_event")) {
		int dev = EV_ANY(ev, -1, "ibdev", "fn", "dev");
		long long e = mt_ev_get(ev, "event", -1);
		struct mt_port *p = mt_model_port(m, dev, mt_ev_get(ev, "port", 0), 0);
		const char *st = e == 0 ? "active" : e == 1 ? "down" : NULL;

		/* port_active and port_err say the state; others leave it */
		if (!p || !st)
			return;
		if (strcmp(p->ib_state, st)) {
			snprintf(p->ib_state, sizeof(p->ib_state), "%s", st);
			p->changed = m->now;
		}
		ib_view_all(m);
	} else if (!strcmp(n, "pkey_cache")) {
		struct mt_pkport *pk;

		pk = mt_model_pkport(m, EV_ANY(ev, -1, "dev", "id", "fn", "ibdev"),
				     mt_ev_get(ev, "port", 1), 0);
		if (pk)
			mt_pk_set(pk, EV_ANY(ev, -1, "index", "idx"),
				  EV_ANY(ev, 0, "new", "new_pkey", "pkey"),
				  m->now);
	} else if (!strcmp(n, "pkey_map")) {
		struct mt_pkport *pk;
		int slave = mt_ev_get(ev, "slave", -1);
		int idx = EV_ANY(ev, -1, "index", "idx", "virt");
		int phys = EV_ANY(ev, -1, "phys", "new", "new_phys");

		/*
		 * cause=init: slave is the VF count, index the table length;
		 * it may come before the device's fn_add.
		 */
		if (mt_ev_get(ev, "cause", 1) == 0) {
			pk = mt_model_pkport(m, EV_ANY(ev, -1, "dev", "id", "fn", "ibdev"),
					     mt_ev_get(ev, "port", 1), 1);
			mt_pkport_reset(pk, idx, slave + 1);
			pk->sized = 1;
			return;
		}
		pk = mt_model_pkport(m, EV_ANY(ev, -1, "dev", "id", "fn", "ibdev"),
				     mt_ev_get(ev, "port", 1), 0);
		if (!pk || slave < 1 ||
		    slave >= pk->nslaves || idx < 0 || idx >= pk->n ||
		    phys < 0 || phys >= pk->n)
			return;
		pk->map[slave][idx] = phys;
		mt_pkport_recount(pk, slave, m->now);
	} else if (!strcmp(n, "pkey_event")) {
		struct mt_pkport *pk;
		int slave = mt_ev_get(ev, "slave", 0);

		pk = mt_model_pkport(m, EV_ANY(ev, -1, "dev", "id", "fn", "ibdev"),
				     mt_ev_get(ev, "port", 1), 0);
		if (!pk)
			return;
		/* count, when the event carries it, is the receiver's total */
		long long count = mt_ev_get(ev, "count", -1);

		if (EV_ANY(ev, slave ? 1 : 0, "target", "to") == 0) {
			pk->master_events = count >= 0 ? (uint64_t)count :
					    pk->master_events + 1;
		} else if (slave > 0 && slave < MT_MAX_SLAVES) {
			pk->vf[slave].events = count >= 0 ? (uint64_t)count :
					       pk->vf[slave].events + 1;
			pk->vf[slave].changed = m->now;
			pk->vf[slave].last_event = m->now;
		}
	} else if (!strcmp(n, "smp_snoop")) {
		struct mt_pkport *pk;

		pk = mt_model_pkport(m, EV_ANY(ev, -1, "dev", "id", "fn", "ibdev"),
				     mt_ev_get(ev, "port", 1), 0);
		if (!pk)
			return;
		pk->snoops++;
		pk->snoop_known = 1;
		pk->snoop_ts = m->now;
		pk->snoop_block = mt_ev_get(ev, "block", 0);
		pk->snoop_mask = mt_ev_get(ev, "changed", 0);
		pk->snoop_slaves = mt_ev_get(ev, "slaves", 0);
		pk->snoop_master = mt_ev_get(ev, "master", 0);
		/* snoop or event: older modules do not trace which */
		pk->snoop_path = mt_ev_get(ev, "path", -1);
	} else if (!strcmp(n, "sma_port")) {
		apply_sma_port(m, ev);
	} else if (!strcmp(n, "slave_port_state")) {
		apply_slave_port_state(m, ev);
	} else if (!strcmp(n, "guid_assign")) {
		apply_guid_assign(m, ev);
	} else if (!strcmp(n, "vf_event")) {
		struct mt_pkport *pk;
		int slave = mt_ev_get(ev, "slave", -1);
		int k = mt_port_ev_of_ib_event(mt_ev_get(ev, "event", -1));
		long long count = mt_ev_get(ev, "count", -1);

		pk = mt_model_pkport(m, EV_ANY(ev, -1, "fn", "dev", "id"),
				     mt_ev_get(ev, "port", 1), 0);
		/* P_Key changes are mlxsim_pkey_event's */
		if (!pk || k < 0 || slave < 0 || slave >= pk->nslaves)
			return;
		pk->vf[slave].port_ev[k] = count >= 0 ? count :
			(pk->vf[slave].port_ev[k] < 0 ? 0 : pk->vf[slave].port_ev[k]) + 1;
		pk->vf[slave].changed = m->now;
		pk->have_port_ev = 1;
	}
}

void mt_model_event(struct mt_model *m, const struct mt_ev *ev, int apply_it)
{
	struct mt_evstat *st = evstat(m, ev->name);
	struct mt_logent *le;

	m->events++;
	if (st)
		st->count++;
	le = &m->log[m->log_head];
	m->log_head = (m->log_head + 1) % MT_LOG;
	if (m->log_n < MT_LOG)
		m->log_n++;
	le->ts = ev->ts;
	if (ev->text)
		snprintf(le->text, sizeof(le->text), "%s", ev->text);
	else
		mt_ev_format(ev, le->text, sizeof(le->text));
	if (apply_it) {
		if (ev->ts > m->now)
			m->now = ev->ts;
		apply(m, ev);
	} else if (!strcmp(ev->name, "smp_snoop") ||
		   !strcmp(ev->name, "pkey_event")) {
		/*
		 * live: counters no table shows come from the events, and
		 * what the last snoop changed and when each VF heard of it
		 */
		apply(m, ev);
	}
}

const struct mt_logent *mt_model_log_at(const struct mt_model *m,
					unsigned int i)
{
	if (i >= m->log_n)
		return NULL;
	return &m->log[(m->log_head + MT_LOG - 1 - i) % MT_LOG];
}

void mt_model_tick(struct mt_model *m, double now)
{
	double dt = m->last_tick > 0 ? now - m->last_tick : 0;
	uint64_t total = 0;
	int i;

	m->now = now;
	for (i = 0; i < m->nev; i++) {
		struct mt_evstat *e = &m->ev[i];

		e->rate = dt > 0 ? (e->count - e->prev) / dt : 0;
		e->prev = e->count;
		total += e->rate * (dt > 0 ? dt : 0);
	}
	m->total_rate = dt > 0 ? total / dt : 0;
	for (i = 0; i < m->nfn; i++) {
		struct mt_fn *f = &m->fn[i];

		if (f->hist_len < MT_HIST) {
			f->hist[f->hist_len++] = f->refcnt;
		} else {
			memmove(f->hist, f->hist + 1,
				(MT_HIST - 1) * sizeof(f->hist[0]));
			f->hist[MT_HIST - 1] = f->refcnt;
		}
	}
	if (!m->rate_since)
		m->rate_since = now;
	m->last_tick = now;
}

void mt_model_reset_rates(struct mt_model *m)
{
	int i, s;

	for (i = 0; i < m->nev; i++) {
		m->ev[i].base = m->ev[i].count;
		m->ev[i].rate = 0;
	}
	m->events_base = m->events;
	m->lost_base = m->lost;
	m->missed_base = m->missed;
	for (i = 0; i < m->npk; i++) {
		struct mt_pkport *pk = m->pk[i];

		pk->snoops_base = pk->snoops;
		pk->master_base = pk->master_events;
		for (s = 0; s < MT_MAX_SLAVES; s++)
			pk->vf[s].events_base = pk->vf[s].events;
	}
	for (i = 0; i < MT_KH_NUM; i++)
		mt_kh_reset(&m->khist[i]);
	m->total_rate = 0;
	m->rate_since = m->now;
}

void mt_model_khist_note(struct mt_model *m, const char *note)
{
	int k;

	for (k = 0; k < MT_KH_NUM; k++) {
		m->khist[k].avail = 0;
		snprintf(m->khist[k].note, sizeof(m->khist[k].note), "%s", note);
	}
}

uint64_t mt_since(uint64_t v, uint64_t base)
{
	/* a counter that went backwards (device re-created) counts anew */
	return v >= base ? v - base : v;
}

void mt_model_settle(struct mt_model *m)
{
	int i, j;

	/* times (a snoop's, a VF's last event) stay, but are not highlighted */
	m->settled = m->now;
	for (i = 0; i < m->nfn; i++)
		m->fn[i].changed = 0;
	for (i = 0; i < m->nport; i++)
		m->port[i].changed = 0;
	for (i = 0; i < m->nsma; i++)
		m->sma[i].changed = 0;
	for (i = 0; i < m->npk; i++) {
		struct mt_pkport *pk = m->pk[i];

		for (j = 0; j < MT_MAX_PKEYS; j++)
			pk->changed[j] = 0;
		for (j = 0; j < MT_MAX_SLAVES; j++)
			pk->vf[j].changed = 0;
	}
}

void mt_model_clear(struct mt_model *m)
{
	int i;

	for (i = 0; i < m->npk; i++)
		free(m->pk[i]);
	m->npk = 0;
	m->nfn = 0;
	m->nport = 0;
	m->nsma = 0;
	m->nlinks = 0;
	m->have_links = 0;
	m->have_multiport = 0;
}

const char *mt_plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int mt_model_count_state(const struct mt_model *m, const char *state)
{
	int i, n = 0;

	for (i = 0; i < m->nfn; i++)
		if (!strcmp(m->fn[i].state, state))
			n++;
	return n;
}

int mt_sma_peer(const struct mt_model *m, const struct mt_sma *s, int *dev,
		int *port)
{
	int i;

	if (s->peer_dev >= 0) {
		*dev = s->peer_dev;
		*port = s->peer_port;
		return 1;
	}
	/* the SMA said "-": no cable, whatever an older table says */
	if (s->peer_known)
		return 0;
	for (i = 0; i < m->nlinks; i++) {
		const struct mt_link *l = &m->links[i];

		if (l->a == s->dev && l->a_port == s->port) {
			*dev = l->b;
			*port = l->b_port;
			return 1;
		}
		if (l->b == s->dev && l->b_port == s->port) {
			*dev = l->a;
			*port = l->a_port;
			return 1;
		}
	}
	return 0;
}

const struct mt_sma *mt_model_sm_port(const struct mt_model *m)
{
	int i;

	for (i = 0; i < m->nsma; i++)
		if (m->sma[i].is_sm == 1)
			return &m->sma[i];
	return NULL;
}

int mt_model_count_sma_state(const struct mt_model *m, const char *state)
{
	int i, n = 0;

	for (i = 0; i < m->nsma; i++)
		n += !strcmp(m->sma[i].state, state);
	return n;
}

int mt_model_refcnt_total(const struct mt_model *m)
{
	int i, n = 0;

	for (i = 0; i < m->nport; i++)
		n += m->port[i].refcnt;
	return n;
}

const char *mt_or_dash(const char *s)
{
	return s[0] ? s : "-";
}

const char *mt_pk_ib_summary(const struct mt_pkport *pk, char *buf, size_t n)
{
	if (!pk->ib_known)
		snprintf(buf, n, "-");
	else if (!pk->ib_differ)
		snprintf(buf, n, "in sync");
	else
		snprintf(buf, n, "%d stale", pk->ib_differ);
	return buf;
}

int mt_pk_last_change(const struct mt_pkport *pk, uint8_t *set, double *when)
{
	double t = 0;
	int i, n = 0;

	memset(set, 0, MT_MAX_PKEYS);
	if (pk->snoop_known) {
		for (i = 0; i < 32; i++) {
			int e = pk->snoop_block * 32 + i;

			if ((pk->snoop_mask >> i) & 1 && e < pk->n && e < MT_MAX_PKEYS) {
				set[e] = 1;
				n++;
			}
		}
		*when = pk->snoop_ts;
		return n;
	}
	/* tables only: the entries whose change was seen last */
	for (i = 0; i < pk->n; i++)
		if (pk->changed[i] > t)
			t = pk->changed[i];
	for (i = 0; t > 0 && i < pk->n; i++)
		if (pk->changed[i] == t) {
			set[i] = 1;
			n++;
		}
	*when = t;
	return n;
}

enum mt_verdict mt_vf_verdict(const struct mt_pkport *pk, int slave,
			      const uint8_t *set)
{
	int i, any = 0, maps = 0;

	if (slave < 1 || slave >= MT_MAX_SLAVES)
		return MT_VD_NONE;
	for (i = 0; i < pk->n; i++) {
		any |= set[i];
		if (set[pk->map[slave][i]])
			maps = 1;
	}
	if (!any)
		return MT_VD_NONE;
	if (!maps)
		return MT_VD_MAPS_NONE;
	/* the driver notifies active VFs that map a changed entry */
	if (pk->vf[slave].active == 0)
		return MT_VD_INACTIVE;
	/* activity not known: the snoop's events tell who heard of it */
	if (pk->vf[slave].active < 0 && pk->snoop_known && pk->snoop_ts > 0 &&
	    pk->vf[slave].last_event < pk->snoop_ts)
		return MT_VD_INACTIVE;
	return MT_VD_NOTIFIED;
}

const char *mt_verdict_name(enum mt_verdict v)
{
	switch (v) {
	case MT_VD_NOTIFIED: return "notified";
	case MT_VD_INACTIVE: return "inactive";
	case MT_VD_MAPS_NONE: return "maps_none";
	default: return "-";
	}
}

int mt_vf_map_default(const struct mt_pkport *pk, int slave, int i)
{
	if (slave == 0)
		return pk->map[0][i] == i;
	return pk->map[slave][i] == (i == 0 ? 0 : pk->n - 1);
}
