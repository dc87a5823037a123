// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of plugin_mlxsim.so, with no kernel: the event formats are the
 * fixtures captured from the module (fixtures/EVENT.format), records are built
 * byte by byte at the offsets those formats give, the plugin is loaded from
 * the build directory only, and the printed text is compared exactly.
 *
 * Usage: test_plugin PLUGIN_DIR FIXTURE_DIR EVENT_LIST
 *   EVENT_LIST: one line per event the trace headers define, "NAME<TAB>FIELDS"
 *               (tp-fields.py)
 *
 * Prints TAP lines, then "cases: N passed, N failed".
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/event-parse.h>
#include <traceevent/trace-seq.h>

#include "cases.h"
#include "decode.h"

static int passed, failed;

static void result(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void result(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", ok ? "ok" : "not ok", passed + failed + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		passed++;
	else
		failed++;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n + 4096 > cap) {
			cap = (cap + 4096) * 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* --- the tep handle: fixtures + the plugin from the build dir only -------- */

static const char *plugin_dir, *fixture_dir;

static void parse_fixtures(struct tep_handle *tep)
{
	struct dirent *de;
	DIR *d = opendir(fixture_dir);
	char path[4096];

	if (!d) {
		result(false, "open fixture dir %s", fixture_dir);
		return;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name), len;
		char *buf;

		if (l < 8 || strcmp(de->d_name + l - 7, ".format"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", fixture_dir, de->d_name);
		buf = slurp(path, &len);
		if (!buf || tep_parse_event(tep, buf, len, "mlxsim"))
			result(false, "parse fixture %s", de->d_name);
		free(buf);
	}
	closedir(d);
}

static struct tep_plugin_list *plugins;

static struct tep_handle *open_tep(void)
{
	struct tep_handle *tep = tep_alloc();

	if (!tep)
		abort();
	tep_set_long_size(tep, 8);
	tep_set_file_bigendian(tep, TEP_LITTLE_ENDIAN);
	tep_set_local_bigendian(tep, TEP_LITTLE_ENDIAN);
	parse_fixtures(tep);
	/* no system, environment or ~/.local plugins: only the build's */
	tep_set_flag(tep, TEP_DISABLE_SYS_PLUGINS);
	tep_add_plugin_path(tep, (char *)plugin_dir, TEP_PLUGIN_FIRST);
	plugins = tep_load_plugins(tep);
	return tep;
}

static void close_tep(struct tep_handle *tep)
{
	tep_unload_plugins(plugins, tep);
	tep_free(tep);
}

/* --- records ------------------------------------------------------------- */

/* Size of a record of @ev: the end of its last field. */
static int record_size(struct tep_event *ev)
{
	struct tep_format_field **fields = tep_event_fields(ev);
	int i, end = ev->format.nr_common ? 8 : 0;

	for (i = 0; fields && fields[i]; i++)
		if (fields[i]->offset + fields[i]->size > end)
			end = fields[i]->offset + fields[i]->size;
	free(fields);
	return end;
}

/* Store @val at @field's offset, little-endian, one byte at a time. */
static bool put_field(struct tep_event *ev, unsigned char *buf,
		      const char *name, unsigned long long val)
{
	struct tep_format_field *f = tep_find_any_field(ev, name);
	int i;

	if (!f)
		return false;
	for (i = 0; i < f->size; i++)
		buf[f->offset + i] = (unsigned char)(val >> (8 * i));
	return true;
}

static unsigned char *build_record(struct tep_event *ev, const struct fv *fv,
				   int *size)
{
	unsigned char *buf;

	*size = record_size(ev);
	buf = calloc(1, *size);
	if (!buf)
		abort();
	put_field(ev, buf, "common_type", ev->id);
	put_field(ev, buf, "common_pid", 1234);
	for (; fv && fv->field; fv++)
		if (!put_field(ev, buf, fv->field, fv->val))
			printf("# %s has no field %s\n", ev->name, fv->field);
	return buf;
}

/* What tep_print_event() prints for the record: the plugin's text. */
static char *print_info(struct tep_handle *tep, void *data, int size)
{
	struct tep_record rec = { .data = data, .size = size, .cpu = 0 };
	struct trace_seq s;
	char *out;

	trace_seq_init(&s);
	tep_print_event(tep, &s, &rec, "%s", TEP_PRINT_INFO);
	trace_seq_terminate(&s);
	out = strdup(s.buffer);
	trace_seq_destroy(&s);
	return out;
}

/* The handler itself, for records too short even for common_type. */
static char *call_handler(struct tep_event *ev, void *data, int size)
{
	struct tep_record rec = { .data = data, .size = size, .cpu = 0 };
	struct trace_seq s;
	char *out;

	trace_seq_init(&s);
	ev->handler(&s, &rec, ev, ev->context);
	trace_seq_terminate(&s);
	out = strdup(s.buffer);
	trace_seq_destroy(&s);
	return out;
}

/* --- tests ---------------------------------------------------------------- */

static char **events;
static char **event_fields;	/* "type name;type name[n];..." */
static int nr_events;

static void read_event_list(const char *path)
{
	char line[4096], *tab;
	FILE *f = fopen(path, "r");

	if (!f) {
		result(false, "read event list %s", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		tab = strchr(line, '\t');
		if (tab)
			*tab++ = '\0';
		if (!line[0])
			continue;
		events = realloc(events, sizeof(*events) * (nr_events + 1));
		event_fields = realloc(event_fields,
				       sizeof(*event_fields) * (nr_events + 1));
		events[nr_events] = strdup(line);
		event_fields[nr_events++] = strdup(tab ? tab : "");
	}
	fclose(f);
}

static void test_only_build_plugin(void)
{
	struct trace_seq s;
	const char *p;
	int n = 0;

	trace_seq_init(&s);
	tep_print_plugins(&s, "", "\n", plugins);
	trace_seq_terminate(&s);
	for (p = s.buffer; (p = strstr(p, ".so")); p++)
		n++;
	result(n == 1 && strstr(s.buffer, plugin_dir) &&
	       strstr(s.buffer, "plugin_mlxsim.so"),
	       "only %s/plugin_mlxsim.so is loaded", plugin_dir);
	if (n != 1)
		printf("# loaded: %s\n", s.buffer);
	trace_seq_destroy(&s);
}

static void test_handlers(struct tep_handle *tep)
{
	int i, j;

	for (i = 0; i < nr_events; i++) {
		struct tep_event *ev = tep_find_event_by_name(tep, "mlxsim", events[i]);
		bool has_case = false;

		result(ev != NULL, "%s: has a fixture (tests/plugin/regen-fixtures.sh)",
		       events[i]);
		for (j = 0; cases[j].event; j++)
			has_case |= !strcmp(cases[j].event, events[i]);
		result(has_case, "%s: has an expected-output case", events[i]);
	}
}

static void test_cases(struct tep_handle *tep, bool raw)
{
	int i, size;

	for (i = 0; cases[i].event; i++) {
		const struct tcase *tc = &cases[i];
		const char *want = raw ? tc->raw : tc->text;
		struct tep_event *ev;
		unsigned char *rec;
		char *got;

		if (!want)
			continue;
		ev = tep_find_event_by_name(tep, "mlxsim", tc->event);
		if (!ev) {
			result(false, "%s (%s): no such event", tc->event, tc->what);
			continue;
		}
		rec = build_record(ev, tc->f, &size);
		got = print_info(tep, rec, size);
		result(!strcmp(got, want), "%s%s: %s", tc->event,
		       raw ? " raw" : "", tc->what);
		if (strcmp(got, want))
			printf("#   want: %s\n#   got:  %s\n", want, got);
		if (!raw) {
			/* mlxtop's Events pane: the same text, after the name */
			struct tep_record r = { .data = rec, .size = size };
			char line[512], full[512];

			mt_decode_text(tep, &r, line, sizeof(line));
			snprintf(full, sizeof(full), "%s: %s", tc->event, want);
			result(!strcmp(line, full), "mlxtop decodes %s as the plugin: %s",
			       tc->event, tc->what);
			if (strcmp(line, full))
				printf("#   want: %s\n#   got:  %s\n", full, line);
		}
		free(got);
		free(rec);
	}
}

/*
 * Every event: each truncation of a full record, no data at all, and
 * random bytes.  Must not crash (the sanitizers watch), must print '?'
 * for what was cut off, and never print an empty line.
 */
static void test_malformed(struct tep_handle *tep)
{
	struct tep_event **list = tep_list_events(tep, TEP_EVENT_SORT_NAME);
	unsigned int seed = 1;
	int i, len, k;

	for (i = 0; list && list[i]; i++) {
		struct tep_event *ev = list[i];
		bool ok = true;
		unsigned char *full, *part;
		int size;
		char *out;

		if (!ev->handler)
			continue;
		full = build_record(ev, NULL, &size);
		for (len = 0; len < size; len++) {
			part = malloc(len ? len : 1);
			memcpy(part, full, len);
			out = len >= 8 ? print_info(tep, part, len) :
					 call_handler(ev, part, len);
			if (!out[0] || !strchr(out, '?')) {
				printf("# %s cut at %d/%d: '%s'\n", ev->name,
				       len, size, out);
				ok = false;
			}
			free(out);
			free(part);
		}
		out = call_handler(ev, NULL, 0);
		ok &= out[0] != '\0';
		free(out);
		result(ok, "%s: truncated records print '?', no crash", ev->name);

		ok = true;
		for (k = 0; k < 200; k++) {
			for (len = 8; len < size; len++)
				full[len] = (unsigned char)rand_r(&seed);
			out = print_info(tep, full, size);
			if (!out[0] || strchr(out, '?')) {
				printf("# %s random: '%s'\n", ev->name, out);
				ok = false;
			}
			free(out);
		}
		result(ok, "%s: random field values print in full", ev->name);
		free(full);
	}
}

/*
 * Every event the headers define has a handler (checked on a format of
 * that name, so it needs no fixture); given a format that lacks every
 * field the handler reads, it prints only '?'s and does not crash.
 */
static void test_missing_fields(void)
{
	static const char fmt[] =
		"name: %s\nID: %d\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
		"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
		"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
		"\tfield:u32 unrelated;\toffset:8;\tsize:4;\tsigned:0;\n\n"
		"print fmt: \"unrelated=%%u\", REC->unrelated\n";
	struct tep_handle *tep = tep_alloc();
	struct tep_plugin_list *pl;
	unsigned char rec[12] = { 0 };
	char buf[1024];
	int i;

	tep_set_flag(tep, TEP_DISABLE_SYS_PLUGINS);
	tep_add_plugin_path(tep, (char *)plugin_dir, TEP_PLUGIN_FIRST);
	for (i = 0; i < nr_events; i++) {
		snprintf(buf, sizeof(buf), fmt, events[i], 100 + i);
		tep_parse_event(tep, buf, strlen(buf), "mlxsim");
	}
	pl = tep_load_plugins(tep);
	for (i = 0; i < nr_events; i++) {
		struct tep_event *ev = tep_find_event_by_name(tep, "mlxsim", events[i]);
		char *out, *p;
		bool ok;

		result(ev && ev->handler, "%s: the plugin has a handler",
		       events[i]);
		if (!ev || !ev->handler)
			continue;
		rec[0] = ev->id & 0xff;
		rec[1] = ev->id >> 8;
		out = print_info(tep, rec, sizeof(rec));
		/* every value is '?', or '?->?' for a pair */
		ok = out[0] != '\0';
		for (p = out; ok && (p = strchr(p, '=')); p++) {
			const char *v = p[1] == '?' && !strncmp(p + 2, "->?", 3) ?
					p + 4 : p + 1;

			ok = v[0] == '?' && (v[1] == ' ' || !v[1]);
		}
		result(ok, "%s: a format without its fields prints '?'s: %s",
		       events[i], out);
		free(out);
	}
	tep_unload_plugins(pl, tep);
	tep_free(tep);
}

/*
 * Every field of every event declared with the wrong shape, a 3-byte
 * array (as a format from another version might): all '?', no crash.
 */
static void test_wrong_shapes(void)
{
	static const char head[] =
		"name: %s\nID: %d\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
		"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
		"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n";
	struct tep_handle *tep = tep_alloc();
	struct tep_plugin_list *pl;
	unsigned char rec[512];
	char buf[8192];
	int i;

	tep_set_flag(tep, TEP_DISABLE_SYS_PLUGINS);
	tep_add_plugin_path(tep, (char *)plugin_dir, TEP_PLUGIN_FIRST);
	for (i = 0; i < nr_events; i++) {
		char *list = strdup(event_fields[i]), *save, *tok;
		int off = 8, n;

		n = snprintf(buf, sizeof(buf), head, events[i], 100 + i);
		for (tok = strtok_r(list, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save)) {
			char *name = strrchr(tok, ' ');

			if (!name)
				continue;
			name[strcspn(name, "[")] = '\0';
			n += snprintf(buf + n, sizeof(buf) - n,
				      "\tfield:u8 %s[3];\toffset:%d;\tsize:3;\tsigned:0;\n",
				      name + 1, off);
			off += 3;
		}
		snprintf(buf + n, sizeof(buf) - n, "\nprint fmt: \"x\"\n");
		tep_parse_event(tep, buf, strlen(buf), "mlxsim");
		free(list);
	}
	pl = tep_load_plugins(tep);
	memset(rec, 0xff, sizeof(rec));
	for (i = 0; i < nr_events; i++) {
		struct tep_event *ev = tep_find_event_by_name(tep, "mlxsim", events[i]);
		char *out;

		if (!ev || !ev->handler)
			continue;
		rec[0] = ev->id & 0xff;
		rec[1] = ev->id >> 8;
		out = print_info(tep, rec, sizeof(rec));
		result(out[0] && !strpbrk(out, "0123456789"),
		       "%s: fields of the wrong shape print '?': %s", events[i], out);
		free(out);
	}
	tep_unload_plugins(pl, tep);
	tep_free(tep);
}

int main(int argc, char **argv)
{
	struct tep_handle *tep;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PLUGIN_DIR FIXTURE_DIR EVENT_LIST\n", argv[0]);
		return 2;
	}
	plugin_dir = argv[1];
	fixture_dir = argv[2];
	/* nothing but the build's plugin: no env dir, no ~/.local */
	unsetenv("TRACEEVENT_PLUGIN_DIR");
	setenv("HOME", "/nonexistent", 1);
	read_event_list(argv[3]);
	result(nr_events > 0, "tracepoints/*.h define events (%d)", nr_events);

	tep = open_tep();
	test_only_build_plugin();
	test_handlers(tep);
	test_cases(tep, false);
	test_malformed(tep);
	close_tep(tep);

	test_missing_fields();
	test_wrong_shapes();

	/* the same cases with the raw option, as -O mlxsim:raw sets it */
	tep_plugin_add_option("mlxsim:raw", "1");
	tep = open_tep();
	test_cases(tep, true);
	close_tep(tep);

	printf("cases: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
