/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Provider: mlxsim events from a private tracefs instance (never the
 * global buffer), removed again on exit.
 */
#ifndef MLXTOP_PROVIDER_TRACE_H
#define MLXTOP_PROVIDER_TRACE_H

#include "model.h"

/*
 * Start tracing; 0, or -1 with the reason in m->trace_note.  khist: also
 * install the in-kernel histograms (m->khist says what became of them;
 * while they are installed the module is held: rmmod says "in use").
 */
int mt_trace_open(struct mt_model *m, unsigned int buffer_kb, int khist);
/* Drain what the ring buffer holds into the model. */
void mt_trace_poll(struct mt_model *m);
/* Read the in-kernel histograms into m->khist. */
void mt_trace_poll_khist(struct mt_model *m);
/* Stop and remove the instance; safe to call twice and from atexit. */
void mt_trace_close(void);
const char *mt_trace_instance_name(void);

#endif
