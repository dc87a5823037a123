/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line options and the refresh step shared by the front ends. */
#ifndef MLXTOP_OPTS_H
#define MLXTOP_OPTS_H

#include <signal.h>

#include "model.h"

struct mt_opts {
	double interval;	/* seconds between refreshes */
	int once, json, log, csv;
	int iterations;		/* log lines / refreshes, 0 = until stopped */
	int no_trace, no_color;
	unsigned int buffer_kb;
	const char *input;	/* -i trace.dat */
	const char *debugfs;	/* root of the mlxsim tables */
	int live;		/* polling tables (not a replay) */
	int prom;		/* --prom */
	const char *save;	/* --save DIR */
	const char *perfetto;	/* --perfetto OUT (with -i) */
	int retrace;		/* reopen the trace instance on reload */
	int hist;		/* --hist */
	int khist;		/* install the in-kernel histograms */
};

extern volatile sig_atomic_t mt_stop;

double mt_now(void);
/* One refresh: tables, trace events, rates. */
void mt_refresh(struct mt_model *m, struct mt_opts *o);
/* Events only, between refreshes, so the ring buffer never fills. */
void mt_drain(struct mt_model *m, const struct mt_opts *o);

#endif
