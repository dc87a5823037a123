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

/*
 * The event as `trace-cmd report` prints it, "mlxsim_NAME: INFO", INFO by
 * the mlxsim plugin when it is loaded (else the kernel's print format):
 * one decoder for mlxtop, trace-cmd and the plugin tests.  Returns buf.
 */
const char *mt_decode_text(struct tep_handle *tep, struct tep_record *rec,
			   char *buf, size_t n);

/*
 * Load libtraceevent plugins as trace-cmd does (system directory,
 * $TRACEEVENT_PLUGIN_DIR, ~/.local/lib/traceevent/plugins), then the
 * plugins directory of a build tree next to this mlxtop, if there is one.
 */
struct tep_plugin_list *mt_decode_load_plugins(struct tep_handle *tep);

/* 1 and ev filled for an mlxsim event, 0 for others, -1 undecodable. */
int mt_decode(struct mt_decoder *d, struct tep_handle *tep,
	      struct tep_record *rec, struct mt_ev *ev);

#endif
