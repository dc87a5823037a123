// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding by field name, not by layout: events that gain fields, or
 * reorder them, keep decoding, and no trace plugin is needed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"

static struct mt_dec_event *lookup(struct mt_decoder *d, struct tep_handle *tep,
				   int id)
{
	struct tep_format_field **fields, **fp;
	struct mt_dec_event *de;
	struct tep_event *e;
	int i;

	for (i = 0; i < d->n; i++)
		if (d->ev[i].id == id)
			return &d->ev[i];
	e = tep_find_event(tep, id);
	if (!e)
		return NULL;
	de = &d->ev[d->n < MT_DEC_CACHE ? d->n++ : MT_DEC_CACHE - 1];
	memset(de, 0, sizeof(*de));
	de->id = id;
	de->ours = e->system && !strcmp(e->system, "mlxsim");
	de->name = e->name;
	if (!strncmp(de->name, "mlxsim_", 7))
		de->name += 7;
	fields = tep_event_fields(e);
	for (fp = fields; fp && *fp && de->nf < MT_EV_FIELDS; fp++)
		if (!((*fp)->flags & (TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_STRING |
				     TEP_FIELD_IS_DYNAMIC)))
			de->f[de->nf++] = *fp;
	free(fields);
	return de;
}

int mt_decode(struct mt_decoder *d, struct tep_handle *tep,
	      struct tep_record *rec, struct mt_ev *ev)
{
	struct mt_dec_event *de = lookup(d, tep, tep_data_type(tep, rec));
	int i;

	if (!de)
		return -1;
	if (!de->ours)
		return 0;
	ev->name = de->name;
	ev->ts = rec->ts / 1e9;
	ev->nf = 0;
	for (i = 0; i < de->nf; i++) {
		struct tep_format_field *f = de->f[i];
		unsigned long long v;
		long long sv;

		if (tep_read_number_field(f, rec->data, &v))
			continue;
		sv = (long long)v;
		if ((f->flags & TEP_FIELD_IS_SIGNED) && f->size < 8) {
			int sh = 64 - 8 * f->size;

			sv = (long long)(v << sh) >> sh;
		}
		ev->f[ev->nf].name = f->name;
		ev->f[ev->nf].v = sv;
		ev->nf++;
	}
	return 1;
}

const char *mt_decode_text(struct tep_handle *tep, struct tep_record *rec,
			   char *buf, size_t n)
{
	struct trace_seq seq;

	trace_seq_init(&seq);
	tep_print_event(tep, &seq, rec, "%s: %s", TEP_PRINT_NAME,
			TEP_PRINT_INFO);
	trace_seq_terminate(&seq);
	snprintf(buf, n, "%s", seq.buffer ? seq.buffer : "");
	trace_seq_destroy(&seq);
	/* one line in the pane, whatever a handler printed */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return buf;
}

struct tep_plugin_list *mt_decode_load_plugins(struct tep_handle *tep)
{
	char exe[PATH_MAX], dir[PATH_MAX + 32], so[PATH_MAX + 64];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;
	char *slash;

	if (len > 0) {
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* tools/mlxtop/mlxtop -> tools/plugins/plugin_mlxsim.so */
			snprintf(dir, sizeof(dir), "%s/../plugins", exe);
			snprintf(so, sizeof(so), "%s/plugin_mlxsim.so", dir);
			if (!stat(so, &st))
				tep_add_plugin_path(tep, dir, TEP_PLUGIN_LAST);
		}
	}
	return tep_load_plugins(tep);
}
