// SPDX-License-Identifier: GPL-2.0
/* Provider of trace events, through libtracefs and libtraceevent. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tracefs.h>

#include "decode.h"
#include "provider_trace.h"

static struct tracefs_instance *inst;
static struct tep_handle *tep;
static struct tep_plugin_list *plugins;
static struct mt_decoder dec;
static char inst_name[64];
static char trace_dir[256];
static int ncpus;
static int khist_on;		/* hist triggers installed in inst */
static int pin_fd = -1;		/* the module's multiport table, held open */

/*
 * While hist triggers sit on the module's events, the module must stay:
 * the kernel (6.1, 6.12) unloads a module whose events carry triggers
 * with a WARNING (tracepoint_module_notify) and cannot remove the
 * instance or the synthetic events afterwards. An open debugfs file of
 * the module holds it, so rmmod says "in use" until mlxtop exits.
 */
#define MT_PIN_FILE "/sys/kernel/debug/mlxsim/multiport"

static int is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* tracefs at /sys/kernel/tracing, else under debugfs. */
static const char *find_tracefs(void)
{
	if (is_dir("/sys/kernel/tracing/events"))
		return "/sys/kernel/tracing";
	if (is_dir("/sys/kernel/debug/tracing/events"))
		return "/sys/kernel/debug/tracing";
	return NULL;
}

/* Instances of an mlxtop that was killed with SIGKILL. */
static void remove_stale(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/instances", dir);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		int pid;
		char proc[64];

		if (sscanf(de->d_name, "mlxtop_%d", &pid) != 1)
			continue;
		snprintf(proc, sizeof(proc), "/proc/%d", pid);
		if (is_dir(proc))
			continue;
		/* its hist triggers first: they keep the instance busy */
		mt_kh_remove(dir, de->d_name, pid);
		snprintf(path, sizeof(path), "%s/instances/%s", dir, de->d_name);
		rmdir(path);
	}
	closedir(d);
	mt_kh_remove_stale(dir);
}

const char *mt_trace_instance_name(void)
{
	return inst ? inst_name : NULL;
}

/* Install the histograms (before the events are enabled), or say why not. */
static void khist_open(struct mt_model *m)
{
	pin_fd = open(MT_PIN_FILE, O_RDONLY | O_CLOEXEC);
	if (pin_fd < 0) {
		mt_model_khist_note(m, "cannot hold the module open (" MT_PIN_FILE
				    "): no hist triggers on its events");
		return;
	}
	if (mt_kh_install(trace_dir, inst_name, getpid(), m->khist) > 0) {
		khist_on = 1;
		mt_kh_read(trace_dir, inst_name, getpid(), m->khist);
		return;
	}
	close(pin_fd);
	pin_fd = -1;
}

static void khist_close(void)
{
	if (khist_on)
		mt_kh_remove(trace_dir, inst_name, getpid());
	khist_on = 0;
	if (pin_fd >= 0)
		close(pin_fd);
	pin_fd = -1;
}

int mt_trace_open(struct mt_model *m, unsigned int buffer_kb, int khist)
{
	static const char *const systems[] = { "mlxsim", NULL };
	const char *dir = find_tracefs();
	char path[512];

	if (!dir) {
		snprintf(m->trace_note, sizeof(m->trace_note),
			 "no tracefs (mount -t tracefs nodev /sys/kernel/tracing)");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/events/mlxsim", dir);
	if (!is_dir(path)) {
		snprintf(m->trace_note, sizeof(m->trace_note),
			 "no mlxsim events in %s", dir);
		return -1;
	}
	tracefs_set_tracing_dir((char *)dir);
	snprintf(trace_dir, sizeof(trace_dir), "%s", dir);
	remove_stale(dir);
	tep = tracefs_local_events_system(dir, systems);
	if (!tep) {
		snprintf(m->trace_note, sizeof(m->trace_note),
			 "cannot parse the mlxsim event formats");
		return -1;
	}
	/* the Events pane prints what trace-cmd report does */
	plugins = mt_decode_load_plugins(tep);
	memset(&dec, 0, sizeof(dec));
	snprintf(inst_name, sizeof(inst_name), "mlxtop_%d", (int)getpid());
	inst = tracefs_instance_create(inst_name);
	if (!inst) {
		snprintf(m->trace_note, sizeof(m->trace_note),
			 "cannot create tracefs instance %s", inst_name);
		return -1;
	}
	if (buffer_kb)
		tracefs_instance_set_buffer_size(inst, buffer_kb, -1);
	/* a trigger with a timestamp resets the buffer: before the events */
	if (khist)
		khist_open(m);
	if (tracefs_event_enable(inst, "mlxsim", NULL) < 0 ||
	    tracefs_trace_on(inst) < 0) {
		snprintf(m->trace_note, sizeof(m->trace_note),
			 "cannot enable mlxsim events in %s", inst_name);
		mt_trace_close();
		return -1;
	}
	ncpus = sysconf(_SC_NPROCESSORS_CONF);
	m->tracing = 1;
	snprintf(m->trace_note, sizeof(m->trace_note), "instance %s",
		 inst_name);
	return 0;
}

static int on_record(struct tep_event *e, struct tep_record *rec, int cpu,
		     void *data)
{
	struct mt_model *m = data;
	char text[MT_LOG_TEXT];
	struct mt_ev ev;

	(void)e;
	(void)cpu;
	if (rec->missed_events > 0)
		m->missed += rec->missed_events;
	else if (rec->missed_events < 0)
		m->missed++;
	if (mt_decode(&dec, tep, rec, &ev) == 1) {
		ev.text = mt_decode_text(tep, rec, text, sizeof(text));
		mt_model_event(m, &ev, 0);
	}
	return 0;
}

/* Events the ring buffer overwrote or dropped, over every CPU. */
static uint64_t ring_lost(void)
{
	uint64_t lost = 0;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		char file[64], *text, *p;

		snprintf(file, sizeof(file), "per_cpu/cpu%d/stats", cpu);
		text = tracefs_instance_file_read(inst, file, NULL);
		if (!text)
			continue;
		if ((p = strstr(text, "overrun:")))
			lost += strtoull(p + 8, NULL, 10);
		if ((p = strstr(text, "dropped events:")))
			lost += strtoull(p + 15, NULL, 10);
		free(text);
	}
	return lost;
}

void mt_trace_poll(struct mt_model *m)
{
	if (!inst)
		return;
	tracefs_iterate_raw_events(tep, inst, NULL, 0, on_record, m);
	m->lost = ring_lost();
}

void mt_trace_poll_khist(struct mt_model *m)
{
	if (inst && khist_on)
		mt_kh_read(trace_dir, inst_name, getpid(), m->khist);
}

void mt_trace_close(void)
{
	if (inst) {
		tracefs_trace_off(inst);
		khist_close();
		tracefs_event_disable(inst, "mlxsim", NULL);
		tracefs_instance_destroy(inst);
		tracefs_instance_free(inst);
		inst = NULL;
	}
	if (tep) {
		tep_unload_plugins(plugins, tep);
		plugins = NULL;
		tep_free(tep);
		tep = NULL;
	}
}
