// SPDX-License-Identifier: GPL-2.0
/* Pane rendering: model -> lines.  Widgets never read debugfs themselves. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out_text.h"
#include "panes.h"

const char *const mt_pane_names[MT_NUM_PANES] = { "Multiport", "P_Key", "Events" };

static const char *const sort_mp[] = { "id", "state", "refcnt", "guid", "role" };
static const char *const sort_pk[] = { "device", "events", "changed" };
static const char *const sort_ev[] = { "name", "count", "rate" };

static const struct {
	const char *const *names;
	int n;
} sorts[MT_NUM_PANES] = {
	{ sort_mp, 5 }, { sort_pk, 3 }, { sort_ev, 3 },
};

int mt_pane_sort_count(enum mt_pane p)
{
	return sorts[p].n;
}

const char *mt_pane_sort_name(enum mt_pane p, int i)
{
	return sorts[p].names[i % sorts[p].n];
}

void mt_lines_free(struct mt_lines *ls)
{
	free(ls->l);
	memset(ls, 0, sizeof(*ls));
}

struct ctx {
	struct mt_lines *ls;
	const struct mt_model *m;
	const struct mt_view *v;
	int width;
};

static struct mt_line *add(struct ctx *c, int data, enum mt_hl hl,
			   const char *fmt, ...)
{
	struct mt_lines *ls = c->ls;
	struct mt_line *l;
	va_list ap;
	int len;

	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->l = realloc(ls->l, ls->cap * sizeof(*ls->l));
		if (!ls->l) {
			perror("mlxtop");
			exit(1);
		}
	}
	l = &ls->l[ls->n];
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
	len = strlen(l->text);
	memset(l->hl, hl, len);
	memset(l->hl + len, MT_HL_NONE, sizeof(l->hl) - len);
	l->data = data;
	/* a filtered-out data row is not kept */
	if (data && c->v->filter[0] && !strcasestr(l->text, c->v->filter))
		return l;	/* scratch: overwritten by the next add */
	ls->n++;
	return l;
}

/*
 * Append to the line add() just returned, highlighted hl.  A filtered-out
 * line is the scratch line past the end: appending to it is harmless.
 */
static struct mt_line *add_more(struct ctx *c, struct mt_line *l, enum mt_hl hl,
				const char *fmt, ...)
{
	int pos = strlen(l->text), len;
	va_list ap;

	(void)c;
	va_start(ap, fmt);
	vsnprintf(l->text + pos, sizeof(l->text) - pos, fmt, ap);
	va_end(ap);
	len = strlen(l->text);
	memset(l->hl + pos, hl, len - pos);
	return l;
}

static int recent(const struct ctx *c, double t)
{
	return t > 0 && t > c->m->settled && c->m->now - t < c->v->highlight_s;
}

int mt_hist_max(const int *h, unsigned int len, int cells)
{
	unsigned int start = len > (unsigned int)cells ? len - cells : 0, i;
	int max = 0;

	for (i = start; i < len; i++)
		if (h[i] > max)
			max = h[i];
	return max;
}

void mt_sparkline(char *buf, size_t size, const int *h, unsigned int len,
		  int cells, int utf8, int scale)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583", "\u2584",
					      "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-=+*#@";
	unsigned int start = len > (unsigned int)cells ? len - cells : 0, i;
	size_t pos = 0;
	int max = mt_hist_max(h, len, cells);

	/* a shared scale: the column's maximum, never below this row's */
	if (scale > max)
		max = scale;
	for (i = 0; (int)i < cells - (int)(len - start) && pos + 1 < size; i++)
		buf[pos++] = ' ';
	for (i = start; i < len && pos + 4 < size; i++) {
		int lvl = max ? h[i] * 7 / max : 0;

		if (h[i] == 0 && !utf8) {
			buf[pos++] = ' ';
		} else if (utf8) {
			size_t b = strlen(h[i] ? blocks[lvl] : " ");

			memcpy(buf + pos, h[i] ? blocks[lvl] : " ", b);
			pos += b;
		} else {
			buf[pos++] = ascii[lvl];
		}
	}
	buf[pos] = '\0';
}

/* A filtered section's title says how many of its rows it shows. */
static void shown_of(struct ctx *c, int title, int first_row, int total)
{
	struct mt_line *l = &c->ls->l[title];
	char *paren = strchr(l->text, '(');
	char rest[MT_LINE_MAX], head[MT_LINE_MAX];
	int shown = c->ls->n - first_row, len;

	if (!c->v->filter[0] || !paren)
		return;
	snprintf(head, sizeof(head), "%.*s", (int)(paren - l->text), l->text);
	snprintf(rest, sizeof(rest), "%s", strchr(paren, ')') ? strchr(paren, ')') + 1 : "");
	len = snprintf(l->text, sizeof(l->text), "%.100s(%d of %d, filter '%.60s')", head,
		       shown, total, c->v->filter);
	if (len > 0 && len < (int)sizeof(l->text))
		snprintf(l->text + len, sizeof(l->text) - len, "%.80s", rest);
	len = strlen(l->text);
	memset(l->hl, MT_HL_TITLE, len);
	memset(l->hl + len, MT_HL_NONE, sizeof(l->hl) - len);
}

/*
 * An in-kernel histogram: a title with the count and mean, then one row
 * per log2 bucket from the lowest to the highest with hits (only those
 * with hits when they span more than 12), each "<=2^k" with a bar.
 */
static void render_khist(struct ctx *c, enum mt_kh_kind k, const char *title,
			 int gap)
{
	const struct mt_khist *h = &c->m->khist[k];
	uint64_t n = mt_kh_count(h), max = 0, v;
	int lo, hi, b, cells, sparse, len;
	char lbl[16], mean[16], bar[MT_LINE_MAX];
	struct mt_line *l;

	/* a snapshot, a replay, no --hist: nothing to say */
	if (!c->m->khist_tried)
		return;
	if (gap)
		add(c, 0, MT_HL_NONE, "%s", "");
	if (!h->avail) {
		add(c, 0, MT_HL_TITLE, "%s: no in-kernel histogram (%s)", title, h->note);
		return;
	}
	if (!n) {
		add(c, 0, MT_HL_TITLE, "%s: none yet (in-kernel histogram)", title);
		return;
	}
	mt_kh_fmt_ns((double)mt_kh_total_ns(h) / n, mean, sizeof(mean));
	l = add(c, 0, MT_HL_TITLE, "%s: %llu, mean %s", title, (unsigned long long)n, mean);
	/* what it is, where there is room */
	if ((int)strlen(l->text) + 36 <= c->width)
		add_more(c, l, MT_HL_TITLE, " (in-kernel histogram, log2 buckets)");
	mt_kh_span(h, &lo, &hi);
	for (b = lo; b <= hi; b++)
		if (mt_kh_bucket(h, b) > max)
			max = mt_kh_bucket(h, b);
	sparse = hi - lo + 1 > 12;
	cells = c->width - 24;
	if (cells > 40)
		cells = 40;
	if (cells < 4)
		cells = 4;
	for (b = lo; b <= hi; b++) {
		int i, w;

		v = mt_kh_bucket(h, b);
		if (sparse && !v)
			continue;
		snprintf(lbl, sizeof(lbl), "<=");
		mt_kh_fmt_ns((double)(1ULL << b), lbl + 2, sizeof(lbl) - 2);
		w = v ? (int)((v * cells + max - 1) / max) : 0;
		for (i = 0, len = 0; i < w && len + 4 < (int)sizeof(bar); i++)
			len += snprintf(bar + len, sizeof(bar) - len, "%s",
					c->v->utf8 ? "\u2588" : "#");
		bar[len] = '\0';
		add(c, 0, MT_HL_NONE, "  %9s %8llu %s", lbl, (unsigned long long)v, bar);
	}
}

/* --- Multiport ----------------------------------------------------------- */

static const struct mt_view *sort_view;
static const struct mt_model *sort_model;

static int state_rank(const char *s)
{
	static const char *const order[] = { "unaffiliated", "bound", "master", "-" };
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(s, order[i]))
			return i;
	return 4;
}

static int cmp_fn(const void *a, const void *b)
{
	const struct mt_fn *x = &sort_model->fn[*(const int *)a];
	const struct mt_fn *y = &sort_model->fn[*(const int *)b];
	int d = 0;

	switch (sort_view->sort[MT_PANE_MULTIPORT] % 5) {
	case 1: d = state_rank(x->state) - state_rank(y->state); break;
	case 2: d = y->refcnt - x->refcnt; break;
	case 3: d = x->guid < y->guid ? -1 : x->guid > y->guid; break;
	case 4: d = strcmp(x->role, y->role); break;
	}
	return d ? d : x->id - y->id;
}

/* the ib_core name of device dev: its owner's (caps, else multiport) */
static const char *ib_dev_of(const struct mt_model *m, int dev)
{
	int i;

	for (i = 0; i < m->nfn; i++)
		if (m->fn[i].id == dev)
			return mt_or_dash(m->fn[i].ib_own[0] ? m->fn[i].ib_own :
					  m->fn[i].ib_dev);
	return "-";
}

/* "-" for a number not known */
static const char *num_or_dash(char *buf, size_t n, long long v)
{
	if (v < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%lld", v);
	return buf;
}

/*
 * The SMAs' IB ports, under the IB ports: what the SM made of each (state,
 * LID, SM LID, IsSM) and the cable; only when there are IB links.
 */
static void render_sma(struct ctx *c)
{
	const struct mt_model *m = c->m;
	static const char *const states[] = { "active", "armed", "init", "down" };
	const struct mt_sma *sm = mt_model_sm_port(m);
	int i, k, t, first, wide = c->width >= 104, pd, pp;
	char smbuf[64] = "", cables[32] = "", sum[96] = "";
	size_t len = 0;

	if (!m->nsma)
		return;
	/* the states there are, e.g. "2 active, 1 init" */
	for (k = 0; k < 4; k++) {
		int n = mt_model_count_sma_state(m, states[k]);

		if (n && len < sizeof(sum))
			len += snprintf(sum + len, sizeof(sum) - len, "%s%d %s",
					len ? ", " : "", n, states[k]);
	}
	if (sm && sm->lid >= 0)
		snprintf(smbuf, sizeof(smbuf), "; SM mlxsim%d:%d, LID %d", sm->dev,
			 sm->port, sm->lid);
	else if (sm)
		snprintf(smbuf, sizeof(smbuf), "; SM mlxsim%d:%d", sm->dev, sm->port);
	if (m->have_links)
		snprintf(cables, sizeof(cables), ", %d %s", m->nlinks,
			 mt_plural(m->nlinks, "cable", "cables"));
	add(c, 0, MT_HL_NONE, "%s", "");
	t = c->ls->n;
	add(c, 0, MT_HL_TITLE, "IB links (%d %s%s): %s%s", m->nsma,
	    mt_plural(m->nsma, "port", "ports"), cables, len ? sum : "state not known",
	    smbuf);
	add(c, 0, MT_HL_HEADER, "%8s %4s %-6s %-8s %5s %6s %-4s %-13s %6s %4s %5s%s",
	    "DEVICE", "PORT", "STATE", "PHYS", "LID", "SM_LID", "ISSM", "PEER",
	    "MADS", "ERR", "DROP", wide ? "       XMIT        RCV" : "");
	first = c->ls->n;
	for (i = 0; i < m->nsma; i++) {
		const struct mt_sma *s = &m->sma[i];
		char dbuf[20], peer[24] = "-", lid[12], smlid[12], mads[24], err[24],
		     drop[24], x[24], r[24], xr[64] = "";

		snprintf(dbuf, sizeof(dbuf), "mlxsim%d", s->dev);
		if (mt_sma_peer(m, s, &pd, &pp))
			snprintf(peer, sizeof(peer), "mlxsim%d:%d", pd, pp);
		if (wide)
			snprintf(xr, sizeof(xr), " %10s %10s",
				 num_or_dash(x, sizeof(x), s->xmit_pkts),
				 num_or_dash(r, sizeof(r), s->rcv_pkts));
		add(c, 1, recent(c, s->changed) ? MT_HL_CHANGED : MT_HL_NONE,
		    "%8s %4d %-6s %-8s %5s %6s %-4s %-13s %6s %4s %5s%s", dbuf, s->port,
		    mt_or_dash(s->state), mt_or_dash(s->phys),
		    num_or_dash(lid, sizeof(lid), s->lid),
		    num_or_dash(smlid, sizeof(smlid), s->sm_lid),
		    s->is_sm < 0 ? "-" : s->is_sm ? "yes" : "no", peer,
		    num_or_dash(mads, sizeof(mads), s->mads),
		    num_or_dash(err, sizeof(err), s->mad_errors),
		    num_or_dash(drop, sizeof(drop), s->dropped), xr);
	}
	shown_of(c, t, first, m->nsma);
}

static void render_multiport(struct ctx *c)
{
	const struct mt_model *m = c->m;
	int *idx = malloc((m->nfn + 1) * sizeof(*idx));
	int i, wide = c->width >= 100, t_fn, t_un, t_port, first, scale = 0;
	char spark[MT_HIST * 4 + 1], g[24], hhead[32];

	for (i = 0; i < m->nfn; i++)
		idx[i] = i;
	sort_view = c->v;
	sort_model = m;
	qsort(idx, m->nfn, sizeof(*idx), cmp_fn);
	/* one scale for the whole HISTORY column: bars compare across rows */
	for (i = 0; i < m->nfn; i++) {
		int mx = mt_hist_max(m->fn[i].hist, m->fn[i].hist_len, wide ? 24 : 10);

		if (mx > scale)
			scale = mx;
	}
	snprintf(hhead, sizeof(hhead), wide ? "HISTORY (max %d)" : "HIST<=%d", scale);

	t_fn = c->ls->n;
	add(c, 0, MT_HL_TITLE, "Functions (%d): %d masters, %d bound, %d unaffiliated%s",
	    m->nfn, mt_model_count_state(m, "master"),
	    mt_model_count_state(m, "bound"),
	    mt_model_count_state(m, "unaffiliated"),
	    m->have_multiport ? "" : "  [no multiport table: derived from ports]");
	add(c, 0, MT_HL_HEADER, "%5s %-*s %-4s %-8s %2s %-12s %6s %4s %6s %s",
	    "ID", wide ? 18 : 14, "GUID", "TYPE", "ROLE", "NP", "STATE", "MASTER", "PORT",
	    "REFCNT", hhead);
	first = c->ls->n;
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[idx[i]];
		char mbuf[12] = "-", pbuf[12] = "-";

		if (f->master >= 0)
			snprintf(mbuf, sizeof(mbuf), "%d", f->master);
		if (f->port >= 0)
			snprintf(pbuf, sizeof(pbuf), "%d", f->port);
		if (wide)
			snprintf(g, sizeof(g), "0x%016llx", (unsigned long long)f->guid);
		else
			snprintf(g, sizeof(g), "..%012llx",
				 (unsigned long long)(f->guid & 0xffffffffffffULL));
		mt_sparkline(spark, sizeof(spark), f->hist, f->hist_len,
			     wide ? 24 : 10, c->v->utf8, scale);
		add(c, 1, recent(c, f->changed) ? MT_HL_CHANGED : MT_HL_NONE,
		    "%5d %-*s %-4s %-8s %2d %-12s %6s %4s %5d%s %s", f->id,
		    wide ? 18 : 14, g, f->type, f->role, f->native_port, f->state,
		    mbuf, pbuf, f->refcnt, f->unaffiliating ? "!" : " ", spark);
	}
	free(idx);
	shown_of(c, t_fn, first, m->nfn);

	add(c, 0, MT_HL_NONE, "%s", "");
	t_un = c->ls->n;
	add(c, 0, MT_HL_TITLE, "Unaffiliated (%d)", mt_model_count_state(m, "unaffiliated"));
	add(c, 0, MT_HL_HEADER, "%5s %-19s %2s %s", "ID", "GUID", "NP", "REASON");
	first = c->ls->n;
	for (i = 0; i < m->nfn; i++) {
		const struct mt_fn *f = &m->fn[i];

		if (strcmp(f->state, "unaffiliated"))
			continue;
		add(c, 1, recent(c, f->changed) ? MT_HL_CHANGED : MT_HL_NONE,
		    "%5d 0x%016llx %2d %s", f->id, (unsigned long long)f->guid,
		    f->native_port, f->reason[0] ? f->reason : "-");
	}

	shown_of(c, t_un, first, mt_model_count_state(m, "unaffiliated"));
	add(c, 0, MT_HL_NONE, "%s", "");
	t_port = c->ls->n;
	add(c, 0, MT_HL_TITLE, "IB ports (%d)", m->nport);
	/* IB_DEV/IB_STATE: the ib_core device and the state it caches */
	add(c, 0, MT_HL_HEADER, "%8s %4s %8s %5s %6s %6s %4s  %-10s %s",
	    "DEVICE", "PORT", "FUNCTION", "STATE", "REFCNT", "UNAFF", "HELD",
	    "IB_DEV", "IB_STATE");
	first = c->ls->n;
	for (i = 0; i < m->nport; i++) {
		const struct mt_port *p = &m->port[i];
		char fbuf[12] = "-", dbuf[20], hbuf[12] = "-";

		if (p->fn >= 0)
			snprintf(fbuf, sizeof(fbuf), "%d", p->fn);
		if (p->held >= 0)
			snprintf(hbuf, sizeof(hbuf), "%d", p->held);
		snprintf(dbuf, sizeof(dbuf), "mlxsim%d", p->dev);
		add(c, 1, recent(c, p->changed) ? MT_HL_CHANGED : MT_HL_NONE,
		    "%8s %4d %8s %5s %6d %6s %4s  %-10s %s", dbuf, p->port, fbuf,
		    p->up ? "up" : "down", p->refcnt,
		    p->unaffiliating ? "yes" : "no", hbuf,
		    ib_dev_of(m, p->dev), mt_or_dash(p->ib_state));
	}
	shown_of(c, t_port, first, m->nport);
	render_khist(c, MT_KH_UNBIND_WAIT, "Unbind waits for native-port references", 1);
	render_sma(c);
}

/* --- P_Key ----------------------------------------------------------------- */

static uint64_t pk_events(const struct mt_pkport *pk)
{
	uint64_t n = pk->master_events;
	int s;

	for (s = 1; s < pk->nslaves; s++)
		n += pk->vf[s].events;
	return n;
}

static double pk_changed(const struct mt_pkport *pk)
{
	double t = 0;
	int i;

	for (i = 0; i < pk->n; i++)
		if (pk->changed[i] > t)
			t = pk->changed[i];
	for (i = 0; i < pk->nslaves; i++)
		if (pk->vf[i].changed > t)
			t = pk->vf[i].changed;
	return t;
}

static int cmp_pk(const void *a, const void *b)
{
	const struct mt_pkport *x = sort_model->pk[*(const int *)a];
	const struct mt_pkport *y = sort_model->pk[*(const int *)b];

	switch (sort_view->sort[MT_PANE_PKEY] % 3) {
	case 1:
		if (pk_events(x) != pk_events(y))
			return pk_events(x) < pk_events(y) ? 1 : -1;
		break;
	case 2:
		if (pk_changed(x) != pk_changed(y))
			return pk_changed(x) < pk_changed(y) ? 1 : -1;
		break;
	}
	return x->dev != y->dev ? x->dev - y->dev : x->port - y->port;
}

/* "3.2s ago", or "-" when not known */
static void ago(const struct ctx *c, double t, char *buf, size_t n)
{
	double d = c->m->now - t;

	if (t <= 0)
		snprintf(buf, n, "-");
	else if (d < 0.05)
		snprintf(buf, n, "now");
	else if (d < 100)
		snprintf(buf, n, "%.1fs ago", d);
	else
		snprintf(buf, n, "%.0fs ago", d);
}

/* indices of set as "1,2,5" (at most n - 8 characters, then "...") */
static void index_list(const uint8_t *set, int n, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!set[i])
			continue;
		if (len + 8 >= size) {
			snprintf(buf + len, size - len, "...");
			return;
		}
		len += snprintf(buf + len, size - len, "%s%d", len ? "," : "", i);
	}
	if (!len)
		snprintf(buf, size, "none");
}

/* Append a cell to the line being built; a new indented line when full. */
static struct mt_line *cell(struct ctx *c, struct mt_line *l, const char *indent,
			    const char *text, enum mt_hl hl)
{
	int len = strlen(text), pos = l ? (int)strlen(l->text) : 0;
	int width = c->width < MT_LINE_MAX ? c->width : MT_LINE_MAX - 1;

	if (!l || (pos + len >= width && pos > (int)strlen(indent) + 1)) {
		l = add(c, 0, MT_HL_NONE, "%s", indent);
		pos = strlen(l->text);
	}
	if (pos + len < MT_LINE_MAX) {
		strcat(l->text, text);
		memset(l->hl + pos, hl, len);
	}
	return l;
}

static void render_vf_map(struct ctx *c, const struct mt_pkport *pk, int s,
			  const uint8_t *set, int hot_change, int full)
{
	const char *indent = "          ";
	struct mt_line *l = NULL;
	char buf[48];
	int i, shown = 0, rsv = pk->n - 1;

	for (i = 0; i < pk->n; i++) {
		int phys = pk->map[s][i], j;

		if (!full && mt_vf_map_default(pk, s, i))
			continue;
		/* a run of indices on the reserved entry: one cell */
		for (j = i; full && phys == rsv && j + 1 < pk->n &&
		     pk->map[s][j + 1] == rsv; j++)
			;
		if (j > i + 1)
			snprintf(buf, sizeof(buf), " %d..%d->%d", i, j, phys);
		else
			snprintf(buf, sizeof(buf), " %d->%d:%04x", i, phys, pk->pkey[phys]);
		if (!l) {
			l = add(c, 0, MT_HL_NONE, "%s", "      map");
		}
		l = cell(c, l, indent, buf,
			 hot_change && set[phys] ? MT_HL_CHANGED : MT_HL_NONE);
		shown++;
		if (j > i + 1)
			i = j;
	}
	if (!shown)
		add(c, 0, MT_HL_NONE, "      map default (0->0:%04x, others ->%d)",
		    pk->pkey[0], rsv);
	else if (!full && shown < pk->n)
		add(c, 0, MT_HL_NONE, "%s(%d more as created: 0->0, others ->%d)", indent,
		    pk->n - shown, rsv);
}

/*
 * Under a VF's row: its port in the slave port state machine and its
 * alias GUID; a port stuck in pending_up in the warning colour, with why.
 */
static void render_vf_port(struct ctx *c, const struct mt_vf *vf)
{
	const char *indent = "          ";
	enum mt_hl hl = recent(c, vf->changed) ? MT_HL_CHANGED : MT_HL_NONE;
	char g[24] = "-", why[160], *w, *save;
	struct mt_line *l;

	if (vf->guid_known && vf->has_guid)
		mt_guid_fmt(vf->guid, g, sizeof(g));
	l = add(c, 0, hl, "      port ");
	if (!mt_vf_port_why(vf, why, sizeof(why))) {
		add_more(c, l, hl, "%s, guid %s", mt_vf_port_state(vf), g);
		return;
	}
	add_more(c, l, MT_HL_WARN, "%s", mt_vf_port_state(vf));
	add_more(c, l, hl, ", guid %s:", g);
	/* word by word: a narrow window wraps it */
	for (w = strtok_r(why, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char word[sizeof(why) + 1];

		snprintf(word, sizeof(word), " %s", w);
		l = cell(c, l, indent, word, MT_HL_WARN);
	}
}

static void render_pkey_port(struct ctx *c, const struct mt_pkport *pk, int full)
{
	uint8_t set[MT_MAX_PKEYS];
	char title[MT_LINE_MAX], ib[24], list[96], when[24], last[24], path[24] = "";
	const struct mt_fn *fn;
	struct mt_line *l = NULL;
	int i, nz = 0, s, nset, hot_change, notified = 0, evcols, k;
	uint64_t snoops, mev;
	double t;

	for (i = 0; i < pk->n; i++)
		nz += pk->pkey[i] != 0;
	snoops = mt_since(pk->snoops, pk->snoops_base);
	mev = mt_since(pk->master_events, pk->master_base);
	snprintf(title, sizeof(title),
		 "mlxsim%d port %d: %d/%d P_Keys, %d %s, %llu %s, %llu master %s, ib_core %s",
		 pk->dev, pk->port, nz, pk->n, pk->nslaves - 1,
		 mt_plural(pk->nslaves - 1, "VF", "VFs"),
		 (unsigned long long)snoops, mt_plural(snoops, "snoop", "snoops"),
		 (unsigned long long)mev, mt_plural(mev, "event", "events"),
		 mt_pk_ib_summary(pk, ib, sizeof(ib)));
	/* the filter selects whole devices by their title */
	if (c->v->filter[0] && !strcasestr(title, c->v->filter))
		return;
	add(c, 0, MT_HL_TITLE, "%s", title);
	/* physical cache: non-zero entries, recent changes highlighted */
	for (i = 0; i < pk->n; i++) {
		int hot = recent(c, pk->changed[i]);
		char buf[20];

		if (!pk->pkey[i] && !hot)
			continue;
		if (!l)
			l = add(c, 0, MT_HL_NONE, "  cache");
		snprintf(buf, sizeof(buf), " %3d:%04x%c", i, pk->pkey[i],
			 pk->pkey[i] & 0x8000 ? 'F' : 'L');
		l = cell(c, l, "       ", buf, hot ? MT_HL_CHANGED : MT_HL_NONE);
	}

	nset = mt_pk_last_change(pk, set, &t);
	hot_change = recent(c, t);
	index_list(set, pk->n, list, sizeof(list));
	ago(c, t, when, sizeof(when));
	for (s = 1; s < pk->nslaves; s++)
		notified += mt_vf_verdict(pk, s, set) == MT_VD_NOTIFIED;
	/* the path the device takes (caps), where the module says */
	fn = mt_model_find_fn(c->m, pk->dev);
	if (fn && fn->port_mng_chg_ev >= 0)
		snprintf(path, sizeof(path), "; path %s",
			 fn->port_mng_chg_ev ? "event" : "snoop");
	/* the last change: snooped in process_mad, or from PORT_MNG_CHG_EV */
	if (pk->snoop_known)
		add(c, 0, hot_change ? MT_HL_CHANGED : MT_HL_NONE,
		    "  last %s %s: block %d, changed %s; notified %s%d of %d VFs",
		    pk->snoop_path == 1 ? "fw event" : "snoop",
		    when, pk->snoop_block, nset ? list : "nothing",
		    pk->snoop_master ? "master, " : "", pk->snoop_slaves,
		    pk->nslaves - 1);
	else if (nset)
		add(c, 0, hot_change ? MT_HL_CHANGED : MT_HL_NONE,
		    "  last change %s: entries %s; would notify %d of %d VFs%s",
		    when, list, notified, pk->nslaves - 1, path);
	else
		add(c, 0, MT_HL_NONE, "  no P_Key change seen since mlxtop started%s",
		    path);
	/* the other port events, per VF, to the right where there is room */
	evcols = pk->have_port_ev && c->width >= 100;
	l = add(c, 0, MT_HL_HEADER, "  %4s %-6s %6s %-10s %s", "VF", "ACTIVE", "EVENTS",
		"LAST EVENT", "LAST CHANGE");
	if (evcols)
		l = add_more(c, l, MT_HL_HEADER, "%*s %5s %5s %5s %5s %5s %5s",
			     31 - 11, "", "LID", "SM", "REREG", "ACT", "ERR", "GID");
	for (s = 1; s < pk->nslaves; s++) {
		const struct mt_vf *vf = &pk->vf[s];
		enum mt_verdict vd = mt_vf_verdict(pk, s, set);
		const char *why;

		ago(c, vf->last_event, last, sizeof(last));
		switch (vd) {
		case MT_VD_NOTIFIED: why = "notified"; break;
		case MT_VD_INACTIVE: why = "not notified: inactive"; break;
		case MT_VD_MAPS_NONE: why = "not notified: maps none of them"; break;
		default: why = "-"; break;
		}
		l = add(c, 0, recent(c, vf->changed) ? MT_HL_CHANGED : MT_HL_NONE,
			evcols ? "  %4d %-6s %6llu %-10s %-31s" : "  %4d %-6s %6llu %-10s %s",
			s, vf->active < 0 ? "-" : vf->active ? "yes" : "no",
			(unsigned long long)mt_since(vf->events, vf->events_base),
			last, why);
		for (k = 0; evcols && k < MT_NUM_PORT_EV; k++) {
			char n[24];

			l = add_more(c, l, recent(c, vf->changed) ? MT_HL_CHANGED :
				     MT_HL_NONE, " %5s",
				     num_or_dash(n, sizeof(n), vf->port_ev[k]));
		}
		if (pk->have_guids)
			render_vf_port(c, vf);
		render_vf_map(c, pk, s, set, hot_change, full);
	}
	add(c, 0, MT_HL_NONE, "%s", "");
}

static void render_pkey(struct ctx *c)
{
	const struct mt_model *m = c->m;
	int *idx = malloc((m->npk + 1) * sizeof(*idx));
	int i, k, full, khist_lines = 0;

	for (i = 0; i < m->npk; i++)
		idx[i] = i;
	sort_view = c->v;
	sort_model = m;
	qsort(idx, m->npk, sizeof(*idx), cmp_pk);
	/* every virtual index when the window has room, else the changed ones */
	for (full = c->v->rows > 0; full >= 0; full--) {
		c->ls->n = 0;
		if (!m->npk)
			add(c, 0, MT_HL_NONE, "No SR-IOV device (add one with vfs=N).");
		for (k = 0; k < m->npk; k++)
			render_pkey_port(c, m->pk[idx[k]], full);
		if (m->npk) {
			if (m->khist_tried) {
				int n0 = c->ls->n;

				render_khist(c, MT_KH_SNOOP_VF, "Snoop to VF P_Key event latency", 0);
				add(c, 0, MT_HL_NONE, "%s", "");
				/* whether every index fits is the ports' business */
				khist_lines = c->ls->n - n0;
			}
			add(c, 0, MT_HL_NONE, "cache I:PKEY F=full L=limited; map V->P:PKEY virtual->physical%s",
			    full ? "" : " (changed only)");
			for (k = 0; k < m->npk; k++)
				if (m->pk[k]->have_port_ev && c->width >= 100)
					break;
			if (k < m->npk)
				add(c, 0, MT_HL_NONE, "VF events: LID/SM lid/sm_change, REREG client_reregister, ACT/ERR port_active/err, GID gid_change");
			for (k = 0; k < m->npk; k++)
				if (m->pk[k]->snoop_known && m->pk[k]->snoop_path == 1)
					break;
			if (k < m->npk)
				add(c, 0, MT_HL_NONE, "fw event: from the firmware's PORT_MNG_CHG_EV (port_mng_chg_ev=1), no snoop");
			for (k = 0; k < m->npk; k++)
				if (m->pk[k]->have_guids)
					break;
			if (k < m->npk)
				add(c, 0, MT_HL_NONE, "port: the VF's slave port state; pending_up: no alias GUID, guest port DOWN");
		}
		if (!full || c->ls->n - khist_lines <= c->v->rows)
			break;
	}
	free(idx);
}

/* --- Events -------------------------------------------------------------- */

static int cmp_ev(const void *a, const void *b)
{
	const struct mt_evstat *x = &sort_model->ev[*(const int *)a];
	const struct mt_evstat *y = &sort_model->ev[*(const int *)b];

	switch (sort_view->sort[MT_PANE_EVENTS] % 3) {
	case 1:
		if (x->count - x->base != y->count - y->base)
			return x->count - x->base < y->count - y->base ? 1 : -1;
		break;
	case 2:
		if (x->rate != y->rate)
			return x->rate < y->rate ? 1 : -1;
		break;
	}
	return strcmp(x->name, y->name);
}

static void render_events(struct ctx *c)
{
	const struct mt_model *m = c->m;
	int idx[MT_MAX_EVNAMES];
	uint64_t lost, missed;
	unsigned int i;

	for (i = 0; i < (unsigned int)m->nev; i++)
		idx[i] = i;
	sort_view = c->v;
	sort_model = m;
	qsort(idx, m->nev, sizeof(idx[0]), cmp_ev);
	lost = mt_since(m->lost, m->lost_base);
	missed = mt_since(m->missed, m->missed_base);
	add(c, 0, (lost || missed) ? MT_HL_WARN : MT_HL_TITLE,
	    "Events: %llu total, %.1f/s, %llu lost, %llu missed (%s)",
	    (unsigned long long)mt_since(m->events, m->events_base), m->total_rate,
	    (unsigned long long)lost, (unsigned long long)missed,
	    m->trace_note[0] ? m->trace_note : "no tracing");
	add(c, 0, MT_HL_HEADER, "%-24s %12s %10s", "EVENT", "TOTAL", "RATE/s");
	for (i = 0; i < (unsigned int)m->nev; i++) {
		const struct mt_evstat *e = &m->ev[idx[i]];

		add(c, 1, e->rate > 0 ? MT_HL_CHANGED : MT_HL_NONE,
		    "%-24s %12llu %10.1f", e->name,
		    (unsigned long long)(e->count - e->base), e->rate);
	}
	add(c, 0, MT_HL_NONE, "%s", "");
	add(c, 0, MT_HL_TITLE, "Recent events (newest first)");
	for (i = 0; i < m->log_n; i++) {
		const struct mt_logent *le = mt_model_log_at(m, i);

		add(c, 1, MT_HL_NONE, "%12.6f %s", le->ts, le->text);
	}
}

void mt_render(struct mt_lines *ls, const struct mt_model *m,
	       const struct mt_view *v, int width)
{
	struct ctx c = { ls, m, v, width };

	ls->n = 0;
	switch (v->pane) {
	case MT_PANE_MULTIPORT: render_multiport(&c); break;
	case MT_PANE_PKEY: render_pkey(&c); break;
	default: render_events(&c); break;
	}
}
