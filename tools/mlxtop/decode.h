/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace records to mt_ev, by field name through libtraceevent. */
#ifndef MLXTOP_DECODE_H
#define MLXTOP_DECODE_H

#include <event-parse.h>

#include "model.h"

#define MT_DEC_CACHE 64

struct mt_dec_event {
	int id;
	int ours;		/* in the mlxsim system */
	const char *name;	/* without "mlxsim_" */
	int nf;
	struct tep_format_field *f[MT_EV_FIELDS];
};

struct mt_decoder {
	struct mt_dec_event ev[MT_DEC_CACHE];
	int n;
};

/* 1 and ev filled for an mlxsim event, 0 for others, -1 undecodable. */
int mt_decode(struct mt_decoder *d, struct tep_handle *tep,
	      struct tep_record *rec, struct mt_ev *ev);

#endif
