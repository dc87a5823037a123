// SPDX-License-Identifier: GPL-2.0
/*
 * mlxtop: watch mlxsim live.  Providers (debugfs tables, a private tracefs
 * instance, or a trace.dat replay) feed one state model; the curses UI,
 * --once, --json and --log are front ends over it.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "opts.h"
#include "out_json.h"
#include "out_log.h"
#include "out_prom.h"
#include "perfetto.h"
#include "out_text.h"
#include "provider_debugfs.h"
#include "provider_trace.h"
#include "replay.h"
#include "ui_curses.h"

#define MLXTOP_VERSION "0.1"

volatile sig_atomic_t mt_stop;

static const char usage[] =
"Usage: mlxtop [OPTION]...\n"
"Watch the mlxsim simulated Mellanox device live: multiport affiliation,\n"
"native-port references, P_Key caches and per-VF mappings, the IB ports'\n"
"SMA state (LID, SM, cables), and the mlxsim trace events, from the debugfs\n"
"tables and a private tracefs instance.\n"
"\n"
"Modes (the default is the interactive curses display):\n"
"  -1, --once            print one text snapshot of the tables and exit\n"
"  -j, --json            print one JSON document of the state and exit\n"
"  -l, --log             print one summary line per interval (see -n)\n"
"      --csv             with --log: comma-separated, with a header line\n"
"      --prom            print one scrape in Prometheus text format and exit\n"
"      --save=DIR        copy the debugfs tables to DIR (readable files only)\n"
"                        and exit; read the copy back with -D DIR\n"
"  -i, --input=FILE      replay FILE (a trace.dat from `trace-cmd record -e\n"
"                        mlxsim`) and rebuild the state from its events;\n"
"                        combine with --once, --json or --log, or browse it\n"
"      --perfetto=OUT    with -i: write the events as a Perfetto trace\n"
"                        (open OUT in https://ui.perfetto.dev)\n"
"\n"
"Options:\n"
"  -d, --delay=SECS      refresh interval (default 1.0, 0.1 to 10)\n"
"  -n, --iterations=N    stop after N refreshes (--log and the display; N >= 1);\n"
"                        with --once or --json: trace live for N intervals\n"
"                        of -d first (events, in-kernel histograms), then\n"
"                        print (Ctrl-C or SIGTERM prints at once)\n"
"  -T, --no-trace        do not read trace events (tables only)\n"
"      --hist            install the in-kernel histograms (unbind waits, snoop\n"
"                        to VF event latency); while they are installed the\n"
"                        module is held (rmmod says it is in use), so they\n"
"                        are off unless asked for\n"
"  -b, --buffer-kb=KB    per-CPU ring buffer of the tracefs instance\n"
"                        (default 4096, 1 to 1048576)\n"
"  -D, --debugfs=DIR     read the tables under DIR instead of\n"
"                        /sys/kernel/debug/mlxsim (a saved copy; no root needed)\n"
"  -M, --no-color        monochrome display\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Keys in the display: h help, q quit, Tab or 1/2/3 switch panes, / filter,\n"
"o sort, p pause, r reset counters, + and - change the refresh interval\n"
"(0.1 0.2 0.5 1 2 5 10 s).\n"
"\n"
"Events are read from a tracefs instance named mlxtop_PID, never from the\n"
"global trace buffer; the instance is removed on exit, also on Ctrl-C or\n"
"SIGTERM. Events the ring buffer overwrote are counted as \"lost\".\n"
"Needs root (debugfs and tracefs are root-only), the mlxsim module loaded\n"
"and debugfs mounted. Exit status: 0 ok, 1 error, 2 bad usage.\n"
"See mlxtop(1).\n";

double mt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void mt_drain(struct mt_model *m, const struct mt_opts *o)
{
	if (!o->no_trace)
		mt_trace_poll(m);
}

/* Why the in-kernel histograms are not collected in this run. */
static void khist_why_not(struct mt_model *m, const struct mt_opts *o)
{
	if (o->input)
		mt_model_khist_note(m, "live only: they are hist triggers in mlxtop's tracefs instance (a replay has the events: see --perfetto)");
	else if (strcmp(o->debugfs, MT_DEBUGFS_ROOT))
		mt_model_khist_note(m, "live only: -D reads saved tables");
	else if (!o->hist)
		mt_model_khist_note(m, "not installed: give --hist");
	else if (o->no_trace && (o->once || o->json || o->prom) && !o->iterations)
		mt_model_khist_note(m, "not installed: a snapshot reads the tables once (give -n N to trace N intervals first)");
	else if (o->no_trace)
		mt_model_khist_note(m, "not installed: --no-trace");
	else if (o->log)
		mt_model_khist_note(m, "not installed: --log prints none (and keeps the module unloadable)");
	else
		mt_model_khist_note(m, "not installed");
}

void mt_refresh(struct mt_model *m, struct mt_opts *o)
{
	m->now = mt_now();
	mt_drain(m, o);
	if (mt_debugfs_poll(m, o->debugfs) < 0) {
		/* rmmod: nothing left to show until the module is back */
		if (!m->unloaded) {
			m->unloaded = 1;
			mt_model_clear(m);
			if (m->tracing) {
				mt_trace_close();
				m->tracing = 0;
				o->retrace = 1;
			}
			snprintf(m->trace_note, sizeof(m->trace_note),
				 "module unloaded");
			if (o->log)
				fprintf(stderr, "mlxtop: module unloaded; waiting for it to be loaded again\n");
		}
	} else if (m->unloaded) {
		m->unloaded = 0;
		m->trace_note[0] = '\0';
		if (o->log)
			fprintf(stderr, "mlxtop: module loaded again\n");
		mt_model_settle(m);
	}
	/* event ids change with every load: formats are read again */
	if (!m->unloaded && o->retrace && !mt_trace_open(m, o->buffer_kb, o->khist))
		o->retrace = 0;
	if (!o->no_trace)
		mt_trace_poll_khist(m);
	mt_model_tick(m, mt_now());
}

/* Full-string numbers: "5x", "", "-1" and out-of-range values are refused. */
static int parse_double(const char *opt, const char *s, double min,
			double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || isnan(v) || v < min || v > max) {
		fprintf(stderr, "mlxtop: %s '%s': must be a number from %g to %g\n",
			opt, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_uint(const char *opt, const char *s, unsigned long min,
		      unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *s == '-' || *s == '+' || *end || errno || v < min || v > max) {
		fprintf(stderr, "mlxtop: %s '%s': must be a whole number from %lu to %lu\n",
			opt, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	mt_stop = 1;
}

static void cleanup(void)
{
	mt_trace_close();
}

static int sleep_interval(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (time_t)s) * 1e9) };

	while (!mt_stop && nanosleep(&ts, &ts))
		;
	return !mt_stop;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "once", no_argument, NULL, '1' },
		{ "json", no_argument, NULL, 'j' },
		{ "log", no_argument, NULL, 'l' },
		{ "csv", no_argument, NULL, 'c' },
		{ "input", required_argument, NULL, 'i' },
		{ "delay", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "no-trace", no_argument, NULL, 'T' },
		{ "buffer-kb", required_argument, NULL, 'b' },
		{ "debugfs", required_argument, NULL, 'D' },
		{ "no-color", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "save", required_argument, NULL, 'S' },
		{ "prom", no_argument, NULL, 'P' },
		{ "perfetto", required_argument, NULL, 'F' },
		{ "hist", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct mt_opts o = { .interval = 1.0, .buffer_kb = 4096,
			     .debugfs = MT_DEBUGFS_ROOT };
	static struct mt_model m;
	struct sigaction sa;
	char msg[512];
	unsigned long num;
	int c, ret = 0, i;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":1jli:d:n:Tb:D:MhV", lopts, NULL)) != -1) {
		switch (c) {
		case '1': o.once = 1; break;
		case 'j': o.json = 1; break;
		case 'l': o.log = 1; break;
		case 'c': o.csv = 1; break;
		case 'i': o.input = optarg; break;
		case 'd':
			if (parse_double("--delay", optarg, 0.1, 10, &o.interval))
				return 2;
			break;
		case 'n':
			if (parse_uint("--iterations", optarg, 1, 1000000000, &num))
				return 2;
			o.iterations = num;
			break;
		case 'T': o.no_trace = 1; break;
		case 'b':
			if (parse_uint("--buffer-kb", optarg, 1, 1048576, &num))
				return 2;
			o.buffer_kb = num;
			break;
		case 'S': o.save = optarg; break;
		case 'P': o.prom = 1; break;
		case 'F': o.perfetto = optarg; break;
		case 'H': o.hist = 1; break;
		case 'D': o.debugfs = optarg; break;
		case 'M': o.no_color = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		case 'V': printf("mlxtop %s\n", MLXTOP_VERSION); return 0;
		case ':':
			fprintf(stderr, "mlxtop: option '%s' needs a value (try 'mlxtop --help')\n",
				argv[optind - 1]);
			return 2;
		default:
			if (optopt)
				fprintf(stderr, "mlxtop: unknown option '-%c' (try 'mlxtop --help')\n",
					optopt);
			else
				fprintf(stderr, "mlxtop: unknown option '%s' (try 'mlxtop --help')\n",
					argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mlxtop: unexpected argument '%s' (try 'mlxtop --help')\n",
			argv[optind]);
		return 2;
	}
	if (o.once + o.json + o.log + o.prom + !!o.save > 1) {
		fprintf(stderr, "mlxtop: --once, --json, --log, --prom and --save are exclusive\n");
		return 2;
	}
	if (o.perfetto && !o.input) {
		fprintf(stderr, "mlxtop: --perfetto converts a recorded trace: give it -i trace.dat\n");
		return 2;
	}
	if (o.save && o.input) {
		fprintf(stderr, "mlxtop: --save copies debugfs tables, not a trace file (-i)\n");
		return 2;
	}
	if (o.csv && !o.log) {
		fprintf(stderr, "mlxtop: --csv goes with --log\n");
		return 2;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	atexit(cleanup);
	mt_model_init(&m);
	khist_why_not(&m, &o);

	if (o.input) {
		static struct mt_pf pf;

		if (o.perfetto && mt_pf_open(&pf, o.perfetto)) {
			fprintf(stderr, "mlxtop: --perfetto: %s: %s\n", o.perfetto,
				strerror(errno));
			return 1;
		}
		ret = mt_replay(&m, o.input, o.perfetto ? &pf : NULL);
		if (o.perfetto) {
			if (mt_pf_close(&pf)) {
				fprintf(stderr, "mlxtop: --perfetto: %s: write failed\n",
					o.perfetto);
				return 1;
			}
			if (ret)
				return 1;
			/* alone, --perfetto converts: say what was written */
			if (!o.once && !o.json && !o.log && !o.prom) {
				printf("mlxtop: %s: %llu packets from %llu events (open it in https://ui.perfetto.dev)\n",
				       o.perfetto, (unsigned long long)pf.packets,
				       (unsigned long long)m.events);
				return 0;
			}
		}
		if (ret)
			return 1;
	} else {
		int custom = strcmp(o.debugfs, MT_DEBUGFS_ROOT) != 0;

		if (mt_debugfs_check(o.debugfs, !custom, msg, sizeof(msg))) {
			fprintf(stderr, "%s\n", msg);
			return 1;
		}
		if (o.save) {
			int files;

			if (mt_debugfs_save(o.debugfs, o.save, &files, msg,
					    sizeof(msg))) {
				fprintf(stderr, "%s\n", msg);
				return 1;
			}
			printf("mlxtop: saved %d tables of %s in %s (read them with: mlxtop -D %s)\n",
			       files, o.debugfs, o.save, o.save);
			return 0;
		}
		o.live = 1;
		/* one-shot snapshots read the tables only, unless -n N */
		if (((o.once || o.json) && !o.iterations) || o.prom || custom)
			o.no_trace = 1;
		/*
		 * the histograms where they are shown: the display, and
		 * --once/--json over -n intervals (not --log: it prints none)
		 */
		o.khist = !o.no_trace && o.hist && !o.log;
		khist_why_not(&m, &o);
		m.khist_tried = o.khist;
		/* on failure the Events pane says why (m.trace_note) */
		if (!o.no_trace && mt_trace_open(&m, o.buffer_kb, o.khist)) {
			char why[160];

			if (o.log)
				fprintf(stderr, "mlxtop: no events: %s\n", m.trace_note);
			snprintf(why, sizeof(why), "not installed: no tracing (%s)",
				 m.trace_note);
			if (o.khist)
				mt_model_khist_note(&m, why);
		}
		m.now = mt_now();
		mt_debugfs_poll(&m, o.debugfs);
		mt_model_tick(&m, mt_now());
	}
	/* what is there at start is not a change: the first frame is calm */
	mt_model_settle(&m);

	/* --once/--json -n N: trace live for N intervals, then print */
	if (o.live && !o.no_trace && (o.once || o.json)) {
		for (i = 0; i < o.iterations; i++) {
			if (!sleep_interval(o.interval))
				break;
			mt_refresh(&m, &o);
		}
		/* what the last interval (or the signal) left */
		mt_refresh(&m, &o);
	}

	if (o.prom) {
		mt_out_prom(stdout, &m);
	} else if (o.once) {
		mt_out_text(stdout, &m);
	} else if (o.json) {
		mt_out_json(stdout, &m);
	} else if (o.log) {
		if (!o.live) {
			mt_out_log_header(stdout, o.csv);
			mt_out_log_line(stdout, &m, o.csv);
		} else {
			mt_out_log_header(stdout, o.csv);
			for (i = 0; !o.iterations || i < o.iterations; i++) {
				if (!sleep_interval(o.interval))
					break;
				mt_refresh(&m, &o);
				if (!o.csv && i && i % 20 == 0)
					mt_out_log_header(stdout, 0);
				mt_out_log_line(stdout, &m, o.csv);
			}
		}
	} else {
		if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
			fprintf(stderr, "mlxtop: the display needs a terminal; use --once, --json or --log\n");
			ret = 1;
		} else {
			ret = mt_ui_curses(&m, &o);
		}
	}
	mt_trace_close();
	mt_model_free(&m);
	return ret;
}
