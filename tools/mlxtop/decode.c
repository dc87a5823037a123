// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding by field name, not by layout: events that gain fields, or
 * reorder them, keep decoding, and no trace plugin is needed.
 */
#include <stdlib.h>
#include <string.h>

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
