// SPDX-License-Identifier: GPL-2.0
/* Replay: every mlxsim event of the file is counted, logged and applied. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <trace-cmd.h>

#include "decode.h"
#include "replay.h"

struct replay_ctx {
	struct mt_model *m;
	struct tep_handle *tep;
	struct mt_decoder dec;
	struct mt_pf *pf;
	double last_tick;
};

static int on_record(struct tracecmd_input *h, struct tep_record *rec,
		     int cpu, void *data)
{
	struct replay_ctx *c = data;
	char text[MT_LOG_TEXT];
	struct mt_ev ev;

	(void)h;
	(void)cpu;
	if (rec->missed_events > 0)
		c->m->missed += rec->missed_events;
	else if (rec->missed_events < 0)
		c->m->missed++;
	if (mt_decode(&c->dec, c->tep, rec, &ev) != 1)
		return 0;
	ev.text = mt_decode_text(c->tep, rec, text, sizeof(text));
	mt_model_event(c->m, &ev, 1);
	if (c->pf)
		mt_pf_event(c->pf, &ev);
	/* one refcount sample and rate per second of trace time */
	if (!c->last_tick || ev.ts - c->last_tick >= 1.0) {
		mt_model_tick(c->m, ev.ts);
		c->last_tick = ev.ts;
	}
	return 0;
}

/* Why tracecmd_open refused the file: its magic tells truncated from foreign. */
static const char *why_not(const char *file)
{
	static const char magic[] = "\027\010Dtracing";
	char head[sizeof(magic) - 1];
	size_t n = 0;
	FILE *f = fopen(file, "rb");

	if (f) {
		n = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	if (!n)
		return "empty file, not a trace.dat";
	if (!memcmp(head, magic, n))
		return "truncated trace.dat: the file ends before its headers "
		       "do (was trace-cmd record interrupted, or the copy cut short?)";
	return "not a trace-cmd trace.dat file";
}

int mt_replay(struct mt_model *m, const char *file, struct mt_pf *pf)
{
	struct tep_plugin_list *plugins;
	struct replay_ctx *c;
	struct tracecmd_input *h;
	int ret;

	if (access(file, R_OK)) {
		fprintf(stderr, "mlxtop: %s: %s\n", file, strerror(errno));
		return -1;
	}
	tracecmd_set_loglevel(TEP_LOG_NONE);
	/* plugins: ours, from the build tree too (mt_decode_load_plugins) */
	h = tracecmd_open(file, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		fprintf(stderr, "mlxtop: %s: %s\n", file, why_not(file));
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		tracecmd_close(h);
		return -1;
	}
	c->m = m;
	m->replay = 1;
	c->pf = pf;
	c->tep = tracecmd_get_tep(h);
	plugins = mt_decode_load_plugins(c->tep);
	ret = tracecmd_iterate_events(h, NULL, 0, on_record, c);
	if (ret < 0)
		fprintf(stderr, "mlxtop: %s: truncated trace.dat: its events end early\n",
			file);
	if (m->now > 0)
		mt_model_tick(m, m->now);
	snprintf(m->trace_note, sizeof(m->trace_note), "replay of %s", file);
	tep_unload_plugins(plugins, c->tep);
	free(c);
	tracecmd_close(h);
	return ret < 0 ? -1 : 0;
}
