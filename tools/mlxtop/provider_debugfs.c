// SPDX-License-Identifier: GPL-2.0
/*
 * Provider of the debugfs tables.  Every file is optional: tables that a
 * kernel does not have yet are skipped, and columns are found by name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "names.h"
#include "provider_debugfs.h"
#include "table.h"

#define DEBUGFS_MAGIC_NR 0x64626720

int mt_debugfs_has_tables(const char *root)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	int found = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/multiport", root);
	if (!stat(path, &st) && S_ISREG(st.st_mode))
		return 1;
	d = opendir(root);
	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		char *end;

		if (strncmp(de->d_name, "mlxsim", 6) || !de->d_name[6])
			continue;
		strtol(de->d_name + 6, &end, 10);
		if (*end)
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, de->d_name);
		found = !stat(path, &st) && S_ISDIR(st.st_mode);
	}
	closedir(d);
	return found;
}

int mt_debugfs_check(const char *root, int need_root, char *msg, size_t n)
{
	struct statfs sfs;
	struct stat st;

	if (need_root && geteuid() != 0) {
		snprintf(msg, n, "mlxtop: must run as root: debugfs and tracefs are root-only (try: sudo mlxtop)");
		return -1;
	}
	if (!stat(root, &st) && S_ISDIR(st.st_mode)) {
		if (!strcmp(root, MT_DEBUGFS_ROOT) || mt_debugfs_has_tables(root))
			return 0;
		snprintf(msg, n, "mlxtop: %s: no mlxsim tables here (expected multiport or mlxsim<ID>/; make a copy with: sudo mlxtop --save DIR)", root);
		return -1;
	}
	if (!strcmp(root, MT_DEBUGFS_ROOT) &&
	    (statfs("/sys/kernel/debug", &sfs) || sfs.f_type != DEBUGFS_MAGIC_NR)) {
		snprintf(msg, n, "mlxtop: debugfs is not mounted at /sys/kernel/debug (try: mount -t debugfs none /sys/kernel/debug)");
		return -1;
	}
	if (!strcmp(root, MT_DEBUGFS_ROOT))
		snprintf(msg, n, "mlxtop: the mlxsim module is not loaded: %s is missing (try: modprobe mlxsim, or insmod driver/mlxsim.ko)", root);
	else
		snprintf(msg, n, "mlxtop: %s: %s", root, strerror(errno));
	return -1;
}

void mt_parse_multiport(struct mt_model *m, const char *text)
{
	struct mt_table t;
	int cid, cguid, ctype, crole, cnp, cstate, cmaster, cport, cref, cun;
	int cibdev, cibst, r;

	if (mt_table_parse(&t, text))
		return;
	cid = mt_table_col(&t, "id");
	cguid = mt_table_col(&t, "guid");
	ctype = mt_table_col(&t, "type");
	crole = mt_table_col(&t, "role");
	cnp = mt_table_col(&t, "native_port");
	cstate = mt_table_col(&t, "state");
	cmaster = mt_table_col(&t, "master");
	cport = mt_table_col(&t, "port");
	cref = mt_table_col(&t, "refcnt");
	cun = mt_table_col(&t, "unaffiliating");
	cibdev = mt_table_col(&t, "ib_dev");
	cibst = mt_table_col(&t, "ib_state");
	m->have_multiport = cid >= 0;
	for (r = 0; cid >= 0 && r < t.nrows; r++) {
		long long id = mt_table_num(&t, r, cid, -1);
		const char *s;
		struct mt_fn *f;

		if (id < 0)
			continue;
		f = mt_model_fn(m, id, 1);
		f->guid = mt_table_num(&t, r, cguid, f->guid);
		if ((s = mt_table_cell(&t, r, ctype)))
			mt_fn_set_str(f, f->type, sizeof(f->type), s, m->now);
		if ((s = mt_table_cell(&t, r, crole)))
			mt_fn_set_str(f, f->role, sizeof(f->role), s, m->now);
		if ((s = mt_table_cell(&t, r, cstate)))
			mt_fn_set_str(f, f->state, sizeof(f->state), s, m->now);
		mt_fn_set_int(f, &f->native_port,
			      mt_table_num(&t, r, cnp, f->native_port), m->now);
		mt_fn_set_int(f, &f->master, mt_table_num(&t, r, cmaster, -1),
			      m->now);
		mt_fn_set_int(f, &f->port, mt_table_num(&t, r, cport, -1),
			      m->now);
		mt_fn_set_int(f, &f->refcnt, mt_table_num(&t, r, cref, 0),
			      m->now);
		mt_fn_set_int(f, &f->unaffiliating,
			      mt_table_num(&t, r, cun, 0), m->now);
		if ((s = mt_table_cell(&t, r, cibdev)))
			mt_fn_set_str(f, f->ib_dev, sizeof(f->ib_dev), s, m->now);
		if ((s = mt_table_cell(&t, r, cibst)))
			mt_fn_set_str(f, f->ib_state, sizeof(f->ib_state), s,
				      m->now);
		if (strcmp(f->state, "unaffiliated"))
			f->reason[0] = '\0';
	}
	mt_table_free(&t);
}

void mt_parse_unaffiliated(struct mt_model *m, const char *text)
{
	struct mt_table t;
	int cid, creason, r;

	if (mt_table_parse(&t, text))
		return;
	cid = mt_table_col(&t, "id");
	creason = mt_table_col(&t, "reason");
	for (r = 0; cid >= 0 && r < t.nrows; r++) {
		struct mt_fn *f = mt_model_fn(m, mt_table_num(&t, r, cid, -1), 0);
		const char *s = mt_table_cell(&t, r, creason);

		if (f && s)
			mt_fn_set_str(f, f->reason, sizeof(f->reason), s, m->now);
	}
	mt_table_free(&t);
}

void mt_parse_caps(struct mt_model *m, int id, const char *text)
{
	struct mt_fn *f = mt_model_fn(m, id, 1);
	char v[32];

	f->guid = mt_kv_num(text, "guid", f->guid);
	if (!mt_kv_get(text, "type", v, sizeof(v)))
		mt_fn_set_str(f, f->type, sizeof(f->type), v, m->now);
	if (!mt_kv_get(text, "role", v, sizeof(v)))
		mt_fn_set_str(f, f->role, sizeof(f->role), v, m->now);
	f->native_port = mt_kv_num(text, "effective_native_port",
				   mt_kv_num(text, "native_port", 1));
	f->vfs = mt_kv_num(text, "vfs", 0);
	f->pkeys = mt_kv_num(text, "pkeys", MT_MAX_PKEYS);
	f->nports = mt_kv_num(text, "ib_ports", mt_kv_num(text, "ports", 1));
	mt_fn_set_int(f, &f->port_mng_chg_ev,
		      mt_kv_num(text, "port_mng_chg_ev", -1), m->now);
	if (!mt_kv_get(text, "ib_dev", v, sizeof(v))) {
		snprintf(f->ib_own, sizeof(f->ib_own), "%s", v);
		/* functions without a multiport row: their own device */
		if (!f->ib_dev[0])
			snprintf(f->ib_dev, sizeof(f->ib_dev), "%s", v);
	}
}

void mt_parse_ports(struct mt_model *m, int dev, const char *text)
{
	struct mt_table t;
	int cp, cfn, cst, cref, cun, cheld, cib, r;

	if (mt_table_parse(&t, text))
		return;
	cp = mt_table_col(&t, "port");
	cfn = mt_table_col(&t, "function");
	cst = mt_table_col(&t, "state");
	cref = mt_table_col(&t, "refcnt");
	cun = mt_table_col(&t, "unaffiliating");
	cheld = mt_table_col(&t, "held");
	cib = mt_table_col(&t, "ib_state");
	for (r = 0; cp >= 0 && r < t.nrows; r++) {
		struct mt_port *p = mt_model_port(m, dev, mt_table_num(&t, r, cp, 0), 1);
		const char *st = mt_table_cell(&t, r, cst);
		int fn = mt_table_num(&t, r, cfn, -1);
		int up = st && !strcmp(st, "up");
		int ref = mt_table_num(&t, r, cref, 0);
		const char *ib = mt_table_cell(&t, r, cib);

		if (!ib)
			ib = "-";
		if (p->fn != fn || p->up != up || p->refcnt != ref ||
		    strcmp(p->ib_state, ib))
			p->changed = m->now;
		snprintf(p->ib_state, sizeof(p->ib_state), "%s", ib);
		p->fn = fn;
		p->up = up;
		p->refcnt = ref;
		p->unaffiliating = mt_table_num(&t, r, cun, 0);
		p->held = mt_table_num(&t, r, cheld, 0);
	}
	mt_table_free(&t);
}

void mt_parse_pkey_cache(struct mt_pkport *pk, const char *text, double now)
{
	struct mt_table t;
	int ci, cp, cib, r;

	if (mt_table_parse(&t, text))
		return;
	ci = mt_table_col(&t, "index");
	cp = mt_table_col(&t, "pkey");
	cib = mt_table_col(&t, "ib_pkey");
	pk->ib_differ = 0;
	pk->ib_known = 0;
	for (r = 0; ci >= 0 && cp >= 0 && r < t.nrows; r++) {
		int i = mt_table_num(&t, r, ci, -1);
		long long pkey = mt_table_num(&t, r, cp, 0);
		long long ib = mt_table_num(&t, r, cib, -1);

		if (i < 0 || i >= pk->n)
			continue;
		mt_pk_set(pk, i, pkey, now);
		if (ib >= 0) {
			pk->ib_known = 1;
			pk->ib_differ += ib != pkey;
		}
	}
	mt_table_free(&t);
}

void mt_parse_virt2phys(struct mt_pkport *pk, const char *text, double now)
{
	uint8_t touched[MT_MAX_SLAVES] = { 0 };
	struct mt_table t;
	int cs, ci, cp, r, s;

	if (mt_table_parse(&t, text))
		return;
	cs = mt_table_col(&t, "slave");
	ci = mt_table_col(&t, "index");
	cp = mt_table_col(&t, "phys");
	for (r = 0; cs >= 0 && ci >= 0 && cp >= 0 && r < t.nrows; r++) {
		int slave = mt_table_num(&t, r, cs, -1);
		int i = mt_table_num(&t, r, ci, -1);
		int phys = mt_table_num(&t, r, cp, pk->n - 1);

		if (slave < 0 || slave >= MT_MAX_SLAVES || i < 0 || i >= pk->n ||
		    phys < 0 || phys >= pk->n)
			continue;
		pk->map[slave][i] = phys;
		touched[slave] = 1;
	}
	for (s = 0; s < MT_MAX_SLAVES; s++)
		if (touched[s])
			mt_pkport_recount(pk, s, now);
	mt_table_free(&t);
}

void mt_parse_vf_events(struct mt_model *m, int dev, int slave,
			const char *text)
{
	int cpe[MT_NUM_PORT_EV], k;
	struct mt_table t;
	int cp, cc, r;

	if (slave < 0 || slave >= MT_MAX_SLAVES || mt_table_parse(&t, text))
		return;
	cp = mt_table_col(&t, "port");
	cc = mt_table_col(&t, "count");
	/* the other port management events, where the module counts them */
	for (k = 0; k < MT_NUM_PORT_EV; k++)
		cpe[k] = mt_table_col(&t, mt_port_ev_names[k]);
	for (r = 0; cp >= 0 && cc >= 0 && r < t.nrows; r++) {
		struct mt_pkport *pk;
		long long c = mt_table_num(&t, r, cc, 0);

		pk = mt_model_pkport(m, dev, mt_table_num(&t, r, cp, 0), 0);
		if (!pk)
			continue;
		for (k = 0; k < MT_NUM_PORT_EV; k++) {
			long long v = mt_table_num(&t, r, cpe[k], -1);

			if (v >= 0)
				pk->have_port_ev = 1;
			if (pk->vf[slave].port_ev[k] != v) {
				pk->vf[slave].port_ev[k] = v;
				pk->vf[slave].changed = m->now;
			}
		}
		/* vf0 is the master: its count is the master's events */
		if (!slave) {
			pk->master_events = c;
			continue;
		}
		if (pk->vf[slave].events != (uint64_t)c) {
			/* not at the first read: those came before mlxtop */
			if (pk->polled && c > (long long)pk->vf[slave].events)
				pk->vf[slave].last_event = m->now;
			pk->vf[slave].events = c;
			pk->vf[slave].changed = m->now;
		}
	}
	mt_table_free(&t);
}

void mt_parse_vf_active(struct mt_model *m, int dev, int slave,
			const char *text)
{
	long long v;
	char *end;
	int i;

	if (slave < 1 || slave >= MT_MAX_SLAVES || !text)
		return;
	v = strtoll(text, &end, 0);
	if (end == text)
		return;
	for (i = 0; i < m->npk; i++) {
		struct mt_pkport *pk = m->pk[i];

		if (pk->dev != dev || slave >= pk->nslaves)
			continue;
		if (pk->vf[slave].active != (v != 0)) {
			pk->vf[slave].active = v != 0;
			pk->vf[slave].changed = m->now;
		}
	}
}

/* A cell of digits only: 0 <= value <= max. */
static int parse_dec(const char *s, long long max, long long *out)
{
	long long v = 0;

	if (!s || !*s || strlen(s) > 10)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* A GUID cell: "0x" and 1 to 16 hex digits (bit 63 may be set). */
static int parse_guid(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	size_t i, len;

	if (!s || strncmp(s, "0x", 2))
		return -1;
	len = strlen(s + 2);
	if (!len || len > 16)
		return -1;
	for (i = 2; s[i]; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

int mt_parse_guids(struct mt_pkport *pk, const char *text, double now)
{
	static const char *const cols[] = {
		"slave", "admin_guid", "guid", "state", "pending", "retry"
	};
	struct mt_vf got[MT_MAX_SLAVES];
	uint8_t listed[MT_MAX_SLAVES] = { 0 };
	int c[6], r, k, s;
	struct mt_table t;

	/* no table (an older module): not known, nothing wrong */
	if (!text || mt_table_parse(&t, text)) {
		mt_pk_guids_unknown(pk, now);
		return text ? -1 : 0;
	}
	for (k = 0; k < 6; k++)
		if ((c[k] = mt_table_col(&t, cols[k])) < 0)
			goto bad;
	/* every row whole and well-formed, or none of it is taken */
	for (r = 0; r < t.nrows; r++) {
		const char *gcell = mt_table_cell(&t, r, c[2]);
		const char *st = mt_table_cell(&t, r, c[3]);
		const char *pend = mt_table_cell(&t, r, c[4]);
		long long slave, retry;
		struct mt_vf *v;
		int ps;

		if (parse_dec(mt_table_cell(&t, r, c[0]), MT_MAX_SLAVES - 1, &slave) ||
		    slave < 1 || slave >= pk->nslaves || listed[slave])
			goto bad;
		v = &got[slave];
		listed[slave] = 1;
		if (parse_guid(mt_table_cell(&t, r, c[1]), &v->admin_guid))
			goto bad;
		v->has_guid = gcell && strcmp(gcell, "-");
		v->guid = 0;
		if (!gcell || (v->has_guid && parse_guid(gcell, &v->guid)))
			goto bad;
		ps = mt_slave_port_state_of(st);
		if (ps < 0 || !pend || (strcmp(pend, "yes") && strcmp(pend, "no")) ||
		    parse_dec(mt_table_cell(&t, r, c[5]), 0xffffffffLL, &retry))
			goto bad;
		v->port_state = ps;
		v->guid_pending = !strcmp(pend, "yes");
		v->guid_retry = retry;
	}
	mt_table_free(&t);
	for (s = 1; s < pk->nslaves; s++) {
		struct mt_vf *vf = &pk->vf[s];
		const struct mt_vf *v = &got[s];

		if (!listed[s]) {
			if (vf->port_state != MT_SPS_UNKNOWN || vf->guid_known)
				vf->changed = now;
			vf->port_state = MT_SPS_UNKNOWN;
			vf->guid_known = vf->has_guid = vf->admin_known = 0;
			vf->guid = vf->admin_guid = 0;
			vf->guid_pending = -1;
			vf->guid_retry = -1;
			continue;
		}
		if (vf->port_state != v->port_state || !vf->guid_known ||
		    vf->has_guid != v->has_guid || vf->guid != v->guid ||
		    !vf->admin_known || vf->admin_guid != v->admin_guid ||
		    vf->guid_pending != v->guid_pending || vf->guid_retry != v->guid_retry)
			vf->changed = now;
		vf->port_state = v->port_state;
		vf->guid_known = 1;
		vf->has_guid = v->has_guid;
		vf->guid = v->guid;
		vf->admin_known = 1;
		vf->admin_guid = v->admin_guid;
		vf->guid_pending = v->guid_pending;
		vf->guid_retry = v->guid_retry;
	}
	pk->have_guids = 1;
	return 0;
bad:
	mt_table_free(&t);
	mt_pk_guids_unknown(pk, now);
	return -1;
}

void mt_parse_counters(struct mt_pkport *pk, const char *text)
{
	long long v;

	pk->have_counters = 1;
	if ((v = mt_kv_num(text, "snoops", -1)) >= 0)
		pk->snoops = v;
	if ((v = mt_kv_num(text, "snoop_changes", -1)) >= 0)
		pk->snoop_changes = v;
	if ((v = mt_kv_num(text, "master_events", -1)) >= 0)
		pk->master_events = v;
	if ((v = mt_kv_num(text, "vf_events", -1)) >= 0)
		pk->vf_events = v;
}

/* "A:Q" (function A, port Q), or "-" */
static int parse_peer(const char *v, int *dev, int *port)
{
	char *end;
	long a, q;

	a = strtol(v, &end, 10);
	if (end == v || *end != ':' || a < 0)
		return -1;
	q = strtol(end + 1, &end, 10);
	if (*end || q < 1)
		return -1;
	*dev = a;
	*port = q;
	return 0;
}

static void sma_num(struct mt_sma *p, int *field, const char *text,
		    const char *key, double now)
{
	int v = mt_kv_num(text, key, -1);

	if (*field != v) {
		*field = v;
		p->changed = now;
	}
}

static void sma_count(long long *field, const char *text, const char *key)
{
	*field = mt_kv_num(text, key, -1);
}

static void sma_str(struct mt_sma *p, char *field, size_t n, const char *text,
		    const char *key, double now)
{
	char v[32] = "";

	if (mt_kv_get(text, key, v, sizeof(v)) || !strcmp(v, "-"))
		v[0] = '\0';
	if (strncmp(field, v, n - 1)) {
		snprintf(field, n, "%s", v);
		p->changed = now;
	}
}

void mt_parse_sma(struct mt_model *m, int dev, int port, const char *text)
{
	struct mt_sma *p = mt_model_sma(m, dev, port, 1);
	int pd = -1, pp = -1;
	char v[64];
	char *end;

	sma_str(p, p->state, sizeof(p->state), text, "state", m->now);
	sma_str(p, p->phys, sizeof(p->phys), text, "phys_state", m->now);
	sma_num(p, &p->lid, text, "lid", m->now);
	sma_num(p, &p->lmc, text, "lmc", m->now);
	sma_num(p, &p->sm_lid, text, "sm_lid", m->now);
	sma_num(p, &p->sm_sl, text, "sm_sl", m->now);
	sma_num(p, &p->is_sm, text, "is_sm", m->now);
	p->cap_mask = mt_kv_num(text, "cap_mask", -1);
	/* a GUID may have bit 63 set: not a long long */
	p->port_guid = 0;
	if (!mt_kv_get(text, "port_guid", v, sizeof(v))) {
		unsigned long long g = strtoull(v, &end, 0);

		if (end != v && !*end)
			p->port_guid = g;
	}
	p->peer_known = !mt_kv_get(text, "peer", v, sizeof(v));
	if (p->peer_known && strcmp(v, "-") && parse_peer(v, &pd, &pp))
		p->peer_known = 0;	/* junk: not known */
	if (p->peer_dev != pd || p->peer_port != pp) {
		p->peer_dev = pd;
		p->peer_port = pp;
		p->changed = m->now;
	}
	sma_count(&p->mads, text, "mads");
	sma_count(&p->mad_errors, text, "mad_errors");
	sma_count(&p->dropped, text, "dropped");
	sma_count(&p->xmit_pkts, text, "xmit_pkts");
	sma_count(&p->rcv_pkts, text, "rcv_pkts");
}

/*
 * "a port b port": two columns are named port, so each is read as the
 * one after its function's column.
 */
void mt_parse_links(struct mt_model *m, const char *text)
{
	struct mt_table t;
	int ca, cb, r;

	m->nlinks = 0;
	m->have_links = 0;
	if (mt_table_parse(&t, text))
		return;
	ca = mt_table_col(&t, "a");
	cb = mt_table_col(&t, "b");
	if (ca < 0 || cb < 0 || ca + 1 >= t.ncols || cb + 1 >= t.ncols ||
	    strcmp(t.cols[ca + 1], "port") || strcmp(t.cols[cb + 1], "port")) {
		mt_table_free(&t);
		return;
	}
	m->have_links = 1;
	for (r = 0; r < t.nrows; r++) {
		struct mt_link l = {
			mt_table_num(&t, r, ca, -1), mt_table_num(&t, r, ca + 1, -1),
			mt_table_num(&t, r, cb, -1), mt_table_num(&t, r, cb + 1, -1),
		};

		if (l.a < 0 || l.a_port < 1 || l.b < 0 || l.b_port < 1)
			continue;
		if (m->nlinks == m->caplinks) {
			int cap = m->caplinks ? m->caplinks * 2 : 16;
			struct mt_link *n = realloc(m->links, cap * sizeof(*n));

			if (!n)
				break;
			m->links = n;
			m->caplinks = cap;
		}
		m->links[m->nlinks++] = l;
	}
	mt_table_free(&t);
}

void mt_derive_bindings(struct mt_model *m)
{
	int i;

	for (i = 0; i < m->nfn; i++) {
		struct mt_fn *f = &m->fn[i];

		if (!strcmp(f->role, "master"))
			mt_fn_set_str(f, f->state, sizeof(f->state), "master", m->now);
		else if (!strcmp(f->role, "slave"))
			mt_fn_set_str(f, f->state, sizeof(f->state), "unaffiliated", m->now);
		else
			mt_fn_set_str(f, f->state, sizeof(f->state), "-", m->now);
		if (strcmp(f->role, "slave"))
			continue;
		mt_fn_set_int(f, &f->master, -1, m->now);
		mt_fn_set_int(f, &f->port, -1, m->now);
		mt_fn_set_int(f, &f->refcnt, 0, m->now);
	}
	for (i = 0; i < m->nport; i++) {
		struct mt_port *p = &m->port[i];
		struct mt_fn *f;

		if (!p->seen || p->fn < 0 || p->fn == p->dev)
			continue;
		f = mt_model_fn(m, p->fn, 0);
		if (!f)
			continue;
		mt_fn_set_str(f, f->state, sizeof(f->state), "bound", m->now);
		mt_fn_set_int(f, &f->master, p->dev, m->now);
		mt_fn_set_int(f, &f->port, p->port, m->now);
		mt_fn_set_int(f, &f->refcnt, p->refcnt, m->now);
		mt_fn_set_int(f, &f->unaffiliating, p->unaffiliating, m->now);
	}
}

static char *read_at(const char *root, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return mt_read_file(path);
}

static void poll_pkeys(struct mt_model *m, const char *root, int id,
		       const struct mt_fn *f)
{
	char rel[128], *text;
	int p, s;

	for (p = 1; p <= f->nports && p <= 2; p++) {
		struct mt_pkport *pk;

		snprintf(rel, sizeof(rel), "mlxsim%d/port%d/pkey_cache", id, p);
		text = read_at(root, rel);
		if (!text)
			continue;
		pk = mt_model_pkport(m, id, p, 1);
		if (pk->n != f->pkeys || pk->nslaves != f->vfs + 1)
			mt_pkport_reset(pk, f->pkeys, f->vfs + 1);
		mt_parse_pkey_cache(pk, text, m->now);
		free(text);
		snprintf(rel, sizeof(rel), "mlxsim%d/port%d/virt2phys", id, p);
		text = read_at(root, rel);
		mt_parse_virt2phys(pk, text, m->now);
		free(text);
		/* the kernel's own counters, where the module has them */
		snprintf(rel, sizeof(rel), "mlxsim%d/port%d/counters", id, p);
		text = read_at(root, rel);
		pk->have_counters = 0;
		if (text)
			mt_parse_counters(pk, text);
		free(text);
		/* alias GUIDs and the VFs' port states, where the module has them */
		snprintf(rel, sizeof(rel), "mlxsim%d/port%d/guids", id, p);
		text = read_at(root, rel);
		mt_parse_guids(pk, text, m->now);
		free(text);
	}
	for (s = 0; s <= f->vfs && s < MT_MAX_SLAVES; s++) {
		snprintf(rel, sizeof(rel), "mlxsim%d/vf%d/events", id, s);
		text = read_at(root, rel);
		if (text)
			mt_parse_vf_events(m, id, s, text);
		free(text);
		snprintf(rel, sizeof(rel), "mlxsim%d/vf%d/active", id, s);
		text = read_at(root, rel);
		mt_parse_vf_active(m, id, s, text);
		free(text);
	}
	for (p = 1; p <= f->nports && p <= 2; p++) {
		struct mt_pkport *pk = mt_model_pkport(m, id, p, 0);

		if (pk)
			pk->polled = 1;
	}
}

int mt_debugfs_poll(struct mt_model *m, const char *root)
{
	struct dirent *de;
	char rel[128], *text;
	int *ids = NULL, nids = 0, cap = 0, i, p;
	DIR *d = opendir(root);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char *end;
		long id;

		if (strncmp(de->d_name, "mlxsim", 6))
			continue;
		id = strtol(de->d_name + 6, &end, 10);
		if (*end || end == de->d_name + 6)
			continue;
		if (nids == cap) {
			int *n = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof(*ids));

			if (!n)
				break;
			ids = n;
		}
		ids[nids++] = id;
	}
	closedir(d);

	mt_model_begin_poll(m);
	for (i = 0; i < nids; i++) {
		snprintf(rel, sizeof(rel), "mlxsim%d/caps", ids[i]);
		text = read_at(root, rel);
		if (text)
			mt_parse_caps(m, ids[i], text);
		else
			mt_model_fn(m, ids[i], 1);
		free(text);
		snprintf(rel, sizeof(rel), "mlxsim%d/ports", ids[i]);
		text = read_at(root, rel);
		if (text)
			mt_parse_ports(m, ids[i], text);
		free(text);
		/* the SMA of each IB port; no file: not an IB port */
		for (p = 1; p <= MT_MAX_IB_PORTS; p++) {
			snprintf(rel, sizeof(rel), "mlxsim%d/port%d/sma", ids[i], p);
			text = read_at(root, rel);
			if (text)
				mt_parse_sma(m, ids[i], p, text);
			free(text);
		}
	}
	text = read_at(root, "links");
	if (text)
		mt_parse_links(m, text);
	else
		m->nlinks = m->have_links = 0;
	free(text);
	text = read_at(root, "multiport");
	m->have_multiport = 0;
	if (text)
		mt_parse_multiport(m, text);
	else
		mt_derive_bindings(m);
	free(text);
	text = read_at(root, "unaffiliated");
	if (text)
		mt_parse_unaffiliated(m, text);
	free(text);
	for (i = 0; i < nids; i++) {
		struct mt_fn *f = mt_model_fn(m, ids[i], 0);

		if (f && f->vfs > 0)
			poll_pkeys(m, root, ids[i], f);
	}
	free(ids);
	mt_model_end_poll(m);
	return 0;
}

/* --- --save: a copy -D can read back ------------------------------------ */

static int save_tree(const char *src, const char *dst, int *files,
		     char *msg, size_t n)
{
	struct dirent *de;
	DIR *d = opendir(src);

	if (!d) {
		snprintf(msg, n, "mlxtop: %s: %s", src, strerror(errno));
		return -1;
	}
	if (mkdir(dst, 0755) && errno != EEXIST) {
		snprintf(msg, n, "mlxtop: --save: %s: %s", dst, strerror(errno));
		closedir(d);
		return -1;
	}
	while ((de = readdir(d))) {
		char s[4096], t[4096], *text;
		struct stat st;
		FILE *out;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(s, sizeof(s), "%s/%s", src, de->d_name);
		snprintf(t, sizeof(t), "%s/%s", dst, de->d_name);
		if (lstat(s, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (save_tree(s, t, files, msg, n)) {
				closedir(d);
				return -1;
			}
			continue;
		}
		/* write-only files (mad, cmd, qp_modify, event) have nothing to read */
		if (!S_ISREG(st.st_mode) || !(st.st_mode & 0444))
			continue;
		text = mt_read_file(s);
		if (!text)
			continue;
		out = fopen(t, "w");
		if (!out || fputs(text, out) < 0 || fclose(out)) {
			snprintf(msg, n, "mlxtop: --save: %s: %s", t, strerror(errno));
			free(text);
			closedir(d);
			return -1;
		}
		free(text);
		(*files)++;
	}
	closedir(d);
	return 0;
}

int mt_debugfs_save(const char *root, const char *dir, int *files, char *msg,
		    size_t n)
{
	*files = 0;
	return save_tree(root, dir, files, msg, n);
}
