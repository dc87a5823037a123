// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel histograms: hist triggers in mlxtop's own tracefs instance.
 *
 * Unbind waits: one trigger, keys=wait_ns.log2 on mlxsim_mp_unbind, for
 * the unbinds that waited for references (waited > 0).
 *
 * Snoop -> VF P_Key event latency: a snoop names the VFs it notifies
 * only by their number (slaves), and a hist variable is consumed by the
 * first event that reads it, so the snoop's timestamp is carried from
 * VF event to VF event by a synthetic event of mlxtop's own (the
 * "anchor", mlxtop_<PID>_snoop: fn, port, the snoop's ts0, how many VF
 * events are still to come):
 *
 *   mlxsim_smp_snoop        -> anchor(fn, port, now, slaves)
 *   anchor, while left > 0  :  t0 = ts0, n0 = left       (keyed fn,port)
 *   mlxsim_pkey_event, target=slave, matching fn,port:
 *                           -> mlxtop_<PID>_vf_lat(fn, port, slave, now - t0)
 *                           -> anchor(fn, port, t0, n0 - 1)
 *   mlxtop_<PID>_vf_lat     :  keys=lat.log2
 *
 * so each of a snoop's VF events gets its own latency and an event the
 * snoop did not cause (a virt2phys remap tells the VF too) none.  The
 * synthetic events are global: each mlxtop has its own names, so two
 * mlxtops never count each other's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "khist.h"

/* snprintf that may cut (paths, notes: cut is fine, and says so) */
static void __attribute__((format(printf, 3, 4)))
sfmt(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

const char *mt_kh_key(enum mt_kh_kind k)
{
	return k == MT_KH_UNBIND_WAIT ? "unbind_wait_ns" : "snoop_to_vf_ns";
}

const char *mt_kh_what(enum mt_kh_kind k)
{
	return k == MT_KH_UNBIND_WAIT ?
		"unbind waits for native-port references (mlxsim_mp_unbind wait_ns)" :
		"snoop to VF P_Key event (mlxsim_smp_snoop -> mlxsim_pkey_event)";
}

uint64_t mt_kh_bucket(const struct mt_khist *h, int k)
{
	/* a histogram that went backwards (instance made anew) counts anew */
	return h->hits[k] >= h->base[k] ? h->hits[k] - h->base[k] : h->hits[k];
}

uint64_t mt_kh_count(const struct mt_khist *h)
{
	uint64_t n = 0;
	int k;

	for (k = 0; k < MT_KH_BUCKETS; k++)
		n += mt_kh_bucket(h, k);
	return n;
}

uint64_t mt_kh_total_ns(const struct mt_khist *h)
{
	uint64_t n = 0;
	int k;

	for (k = 0; k < MT_KH_BUCKETS; k++)
		n += h->sum[k] >= h->sum_base[k] ? h->sum[k] - h->sum_base[k] :
			h->sum[k];
	return n;
}

void mt_kh_reset(struct mt_khist *h)
{
	memcpy(h->base, h->hits, sizeof(h->base));
	memcpy(h->sum_base, h->sum, sizeof(h->sum_base));
}

int mt_kh_span(const struct mt_khist *h, int *lo, int *hi)
{
	int k;

	*lo = *hi = -1;
	for (k = 0; k < MT_KH_BUCKETS; k++) {
		if (!mt_kh_bucket(h, k))
			continue;
		if (*lo < 0)
			*lo = k;
		*hi = k;
	}
	return *lo;
}

const char *mt_kh_fmt_ns(double ns, char *buf, size_t n)
{
	static const char *const unit[] = { "ns", "us", "ms", "s" };
	int u = 0;

	while (u < 3 && ns >= 999.5) {
		ns /= 1000;
		u++;
	}
	if (u && ns < 9.95)
		snprintf(buf, n, "%.1f%s", ns, unit[u]);
	else
		snprintf(buf, n, "%.0f%s", ns, unit[u]);
	return buf;
}

int mt_kh_parse(const char *text, struct mt_khist *h)
{
	const char *p, *q;
	int entries = 0;

	if (!text || (!strstr(text, "hitcount:") && !strstr(text, "Totals:") &&
		      !strstr(text, "event histogram")))
		return -1;
	memset(h->hits, 0, sizeof(h->hits));
	memset(h->sum, 0, sizeof(h->sum));
	h->dropped = 0;
	for (p = text; *p; p = q) {
		const char *eol = strchr(p, '\n'), *k, *c;
		unsigned long long b, hits, sum = 0;
		char *end;

		q = eol ? eol + 1 : p + strlen(p);
		if (!strncmp(p, "    Dropped:", 12) || !strncmp(p, "Dropped:", 8)) {
			h->dropped = strtoull(strchr(p, ':') + 1, NULL, 10);
			continue;
		}
		if (*p != '{')
			continue;
		/* { wait_ns: ~ 2^10 } hitcount:          1  wait_ns:        700 */
		k = strstr(p, "~ 2^");
		c = strstr(p, "hitcount:");
		if (!k || !c || (eol && (k > eol || c > eol)))
			continue;
		b = strtoull(k + 4, &end, 10);
		if (end == k + 4 || b >= MT_KH_BUCKETS)
			continue;
		hits = strtoull(c + 9, &end, 10);
		/* the value's sum, "NAME: N", after the hitcount */
		c = end;
		while (*c == ' ')
			c++;
		k = strchr(c, ':');
		if (k && (!eol || k < eol) && k > c)
			sum = strtoull(k + 1, NULL, 10);
		h->hits[b] += hits;
		h->sum[b] += sum;
		entries++;
	}
	return entries;
}

/* --- the commands ----------------------------------------------------- */

static void names(int pid, char *anchor, char *lat, size_t n)
{
	snprintf(anchor, n, "mlxtop_%d_snoop", pid);
	snprintf(lat, n, "mlxtop_%d_vf_lat", pid);
}

static void cmd(struct mt_kh_cmd *c, int kind, const char *file,
		const char *text)
{
	sfmt(c->file, sizeof(c->file), "%s", file);
	sfmt(c->text, sizeof(c->text), "%s", text);
	c->kind = kind;
}

int mt_kh_commands(int pid, const char *instance, struct mt_kh_cmd *cmds,
		   int max)
{
	char a[48], l[48], f[160], t[512];
	struct mt_kh_cmd c[7];
	int n = 0, i;

	names(pid, a, l, sizeof(a));
	sfmt(t, sizeof(t), "%s u32 fn; u8 port; u64 ts0; u8 left", a);
	cmd(&c[n++], MT_KH_SNOOP_VF, "synthetic_events", t);
	sfmt(t, sizeof(t), "%s u32 fn; u8 port; u8 slave; u64 lat", l);
	cmd(&c[n++], MT_KH_SNOOP_VF, "synthetic_events", t);
	sfmt(f, sizeof(f), "instances/%s/events/synthetic/%s/trigger", instance, l);
	cmd(&c[n++], MT_KH_SNOOP_VF, f, "hist:keys=lat.log2:vals=hitcount,lat");
	sfmt(f, sizeof(f), "instances/%s/events/synthetic/%s/trigger", instance, a);
	cmd(&c[n++], MT_KH_SNOOP_VF, f, "hist:keys=fn,port:t0=ts0:n0=left if left>0");
	sfmt(f, sizeof(f), "instances/%s/events/mlxsim/mlxsim_smp_snoop/trigger",
	     instance);
	sfmt(t, sizeof(t),
	     "hist:keys=fn,port:ts=common_timestamp:sl=slaves:onmatch(mlxsim.mlxsim_smp_snoop).trace(%s,fn,port,$ts,$sl)",
	     a);
	cmd(&c[n++], MT_KH_SNOOP_VF, f, t);
	/* two onmatch() on one event: the variables named in full */
	sfmt(f, sizeof(f), "instances/%s/events/mlxsim/mlxsim_pkey_event/trigger",
	     instance);
	sfmt(t, sizeof(t),
	     "hist:keys=fn,port:lat=common_timestamp-synthetic.%s.$t0:n1=synthetic.%s.$n0-1"
	     ":onmatch(synthetic.%s).trace(%s,fn,port,slave,$lat)"
	     ":onmatch(synthetic.%s).trace(%s,fn,port,$t0,$n1) if target==1",
	     a, a, a, l, a, a);
	cmd(&c[n++], MT_KH_SNOOP_VF, f, t);
	sfmt(f, sizeof(f), "instances/%s/events/mlxsim/mlxsim_mp_unbind/trigger",
	     instance);
	/*
	 * only unbinds that found references out waited: wait_ns of the
	 * others is the few microseconds of looking
	 */
	cmd(&c[n++], MT_KH_UNBIND_WAIT, f,
	    "hist:keys=wait_ns.log2:vals=hitcount,wait_ns if waited>0");
	for (i = 0; i < n && i < max; i++)
		cmds[i] = c[i];
	return n;
}

/* --- files --------------------------------------------------------------- */

static char *slurp(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t r;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	while ((r = read(fd, buf + len, cap - len - 1)) > 0) {
		len += r;
		if (cap - len < 2) {
			char *nb;

			if (cap >= (1 << 22))
				break;
			nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

static int exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/*
 * Append one command. O_APPEND, never O_TRUNC: truncating a trigger file
 * removes every trigger, truncating synthetic_events every synthetic event.
 */
static int append(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	if (close(fd) && !err)
		err = errno;
	return err;
}

static void path_of(char *buf, size_t n, const char *dir, const char *rel)
{
	sfmt(buf, n, "%s/%s", dir, rel);
}

/* The text of the last "error: " line of an error_log, if it grew. */
static void last_error(const char *log, size_t before, char *buf, size_t n)
{
	char *text = slurp(log), *p, *e;

	buf[0] = '\0';
	if (!text)
		return;
	if (strlen(text) > before && (p = strstr(text + before, "error: "))) {
		char *next;

		while ((next = strstr(p + 7, "error: ")))
			p = next;
		p += 7;
		e = strchr(p, '\n');
		sfmt(buf, n, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
	}
	free(text);
}

static size_t file_len(const char *path)
{
	char *t = slurp(path);
	size_t n = t ? strlen(t) : 0;

	free(t);
	return n;
}

/* The removal of an installed command. */
static void undo(const char *dir, const struct mt_kh_cmd *c)
{
	char path[512], text[520];

	path_of(path, sizeof(path), dir, c->file);
	if (!strcmp(c->file, "synthetic_events"))
		sfmt(text, sizeof(text), "!%.*s", (int)strcspn(c->text, " "),
		     c->text);
	else
		sfmt(text, sizeof(text), "!%s", c->text);
	append(path, text);
}

static int has_field(const char *dir, const char *instance, const char *event,
		     const char *field)
{
	char path[512], pat[64], *fmt;
	int found;

	sfmt(path, sizeof(path), "%s/instances/%s/events/mlxsim/%s/format",
	     dir, instance, event);
	fmt = slurp(path);
	if (!fmt)
		return 0;
	snprintf(pat, sizeof(pat), " %s;", field);
	found = strstr(fmt, pat) != NULL;
	free(fmt);
	return found;
}

static void set_note(struct mt_khist *h, int avail, const char *note)
{
	h->avail = avail;
	sfmt(h->note, sizeof(h->note), "%s", note);
}

int mt_kh_install(const char *dir, const char *instance, int pid,
		  struct mt_khist *kh)
{
	struct mt_kh_cmd c[8];
	char path[512], hist[512], err[128], log[512];
	int n, i, j, k, on = 0, e;

	for (k = 0; k < MT_KH_NUM; k++) {
		memset(&kh[k], 0, sizeof(kh[k]));
		set_note(&kh[k], 0, "not installed");
	}
	n = mt_kh_commands(pid, instance, c, 8);
	sfmt(hist, sizeof(hist), "%s/instances/%s/events/mlxsim/mlxsim_smp_snoop/hist",
	     dir, instance);
	sfmt(path, sizeof(path), "%s/instances/%s/events/mlxsim/mlxsim_mp_unbind/hist",
	     dir, instance);
	if (!exists(hist) && !exists(path)) {
		for (k = 0; k < MT_KH_NUM; k++)
			set_note(&kh[k], 0, "the kernel has no hist triggers (CONFIG_HIST_TRIGGERS is not set)");
		return 0;
	}
	sfmt(log, sizeof(log), "%s/instances/%s/error_log", dir, instance);

	/* unbind waits: one trigger */
	if (!has_field(dir, instance, "mlxsim_mp_unbind", "wait_ns")) {
		set_note(&kh[MT_KH_UNBIND_WAIT], 0,
			 "mlxsim_mp_unbind has no wait_ns (an older module)");
	} else {
		size_t before = file_len(log);

		path_of(path, sizeof(path), dir, c[n - 1].file);
		e = append(path, c[n - 1].text);
		if (e) {
			last_error(log, before, err, sizeof(err));
			kh[MT_KH_UNBIND_WAIT].avail = 0;
			sfmt(kh[MT_KH_UNBIND_WAIT].note, sizeof(kh[0].note),
			     "cannot install (mlxsim_mp_unbind): %s%s%s", strerror(e),
			     err[0] ? ": " : "", err);
		} else {
			kh[MT_KH_UNBIND_WAIT].avail = 1;
			sfmt(kh[MT_KH_UNBIND_WAIT].note, sizeof(kh[0].note),
			     "hist trigger in tracefs instance %s", instance);
			on++;
		}
	}

	/* snoop -> VF: two synthetic events, four triggers, in order */
	sfmt(path, sizeof(path), "%s/synthetic_events", dir);
	if (!exists(path)) {
		set_note(&kh[MT_KH_SNOOP_VF], 0,
			 "the kernel has no synthetic events (CONFIG_SYNTH_EVENTS is not set)");
		return on;
	}
	if (!has_field(dir, instance, "mlxsim_smp_snoop", "slaves") ||
	    !has_field(dir, instance, "mlxsim_pkey_event", "target")) {
		set_note(&kh[MT_KH_SNOOP_VF], 0,
			 "mlxsim_smp_snoop or mlxsim_pkey_event lacks slaves/target (an older module)");
		return on;
	}
	for (i = 0; i < n - 1; i++) {
		int top = !strcmp(c[i].file, "synthetic_events");
		char elog[512];
		size_t before;

		/* synthetic_events errors go to the top error_log */
		sfmt(elog, sizeof(elog), "%s/error_log", dir);
		before = file_len(top ? elog : log);
		path_of(path, sizeof(path), dir, c[i].file);
		e = append(path, c[i].text);
		if (!e)
			continue;
		last_error(top ? elog : log, before, err, sizeof(err));
		for (j = i - 1; j >= 0; j--)
			undo(dir, &c[j]);
		{
			const char *what = strrchr(c[i].file, '/') ? c[i].file : "synthetic_events";
			char where[200];

			/* ".../events/<sys>/<event>/trigger": name the event */
			sfmt(where, sizeof(where), "%s", what);
			if (strstr(where, "/trigger")) {
				*strstr(where, "/trigger") = '\0';
				what = strrchr(where, '/') + 1;
			}
			kh[MT_KH_SNOOP_VF].avail = 0;
			sfmt(kh[MT_KH_SNOOP_VF].note, sizeof(kh[0].note),
			     "cannot install (%s): %s%s%s", what, strerror(e),
			     err[0] ? ": " : "", err);
		}
		return on;
	}
	kh[MT_KH_SNOOP_VF].avail = 1;
	sfmt(kh[MT_KH_SNOOP_VF].note, sizeof(kh[0].note),
	     "hist triggers and synthetic events in tracefs instance %s", instance);
	return on + 1;
}

void mt_kh_remove(const char *dir, const char *instance, int pid)
{
	struct mt_kh_cmd c[8];
	int n = mt_kh_commands(pid, instance, c, 8), i;

	/* the unbind trigger (last installed) first, then the chain backwards */
	for (i = n - 1; i >= 0; i--)
		undo(dir, &c[i]);
}

void mt_kh_read(const char *dir, const char *instance, int pid,
		struct mt_khist *kh)
{
	char path[512], a[48], l[48], *text;

	names(pid, a, l, sizeof(a));
	if (kh[MT_KH_UNBIND_WAIT].avail) {
		sfmt(path, sizeof(path), "%s/instances/%s/events/mlxsim/mlxsim_mp_unbind/hist",
		     dir, instance);
		text = slurp(path);
		mt_kh_parse(text, &kh[MT_KH_UNBIND_WAIT]);
		free(text);
	}
	if (kh[MT_KH_SNOOP_VF].avail) {
		sfmt(path, sizeof(path), "%s/instances/%s/events/synthetic/%s/hist",
		     dir, instance, l);
		text = slurp(path);
		mt_kh_parse(text, &kh[MT_KH_SNOOP_VF]);
		free(text);
	}
}

void mt_kh_remove_stale(const char *dir)
{
	char path[512], proc[64], name[128], *text, *p;
	int pid;

	sfmt(path, sizeof(path), "%s/synthetic_events", dir);
	text = slurp(path);
	if (!text)
		return;
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t len = strcspn(p, " \t\n");

		if (len >= sizeof(name) || sscanf(p, "mlxtop_%d_", &pid) != 1)
			continue;
		snprintf(proc, sizeof(proc), "/proc/%d", pid);
		if (exists(proc))
			continue;
		sfmt(name, sizeof(name), "!%.*s", (int)len, p);
		append(path, name);
	}
	free(text);
}
