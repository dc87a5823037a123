// SPDX-License-Identifier: GPL-2.0
/* Log lines: a header every 20 lines like vmstat, CSV once. */
#include <time.h>

#include "out_log.h"

static const char *const cols[] = {
	"time", "functions", "masters", "bound", "unaffiliated", "refs",
	"pkey_ports", "events", "events_per_s", "lost", "missed", NULL
};

void mt_out_log_header(FILE *out, int csv)
{
	int i;

	for (i = 0; cols[i]; i++)
		fprintf(out, csv ? "%s%s" : "%s%12s", i ? (csv ? "," : " ") : "",
			cols[i]);
	fputc('\n', out);
	fflush(out);
}

void mt_out_log_line(FILE *out, const struct mt_model *m, int csv)
{
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;

	if (m->replay) {
		/* a replay is stamped with the trace's own clock */
		snprintf(ts, sizeof(ts), "%.6f", m->now);
	} else {
		localtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%H:%M:%S", &tm);
	}
	fprintf(out, csv ? "%s,%d,%d,%d,%d,%d,%d,%llu,%.1f,%llu,%llu\n" :
			   "%12s %12d %12d %12d %12d %12d %12d %12llu %12.1f %12llu %12llu\n",
		ts, m->nfn, mt_model_count_state(m, "master"),
		mt_model_count_state(m, "bound"),
		mt_model_count_state(m, "unaffiliated"),
		mt_model_refcnt_total(m), m->npk,
		(unsigned long long)m->events, m->total_rate,
		(unsigned long long)m->lost, (unsigned long long)m->missed);
	fflush(out);
}
