/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel histograms (hist triggers) in mlxtop's private tracefs
 * instance: how long unbinds waited for native-port references
 * (mlxsim_mp_unbind's wait_ns), and the latency from a snooped MAD
 * (mlxsim_smp_snoop) to each VF's P_Key event (mlxsim_pkey_event,
 * target=slave), through two synthetic events of mlxtop's own.
 *
 * Files only (open/write/read under a tracing directory), no libtracefs:
 * the unit tests run it on a directory tree of plain files.
 */
#ifndef MLXTOP_KHIST_H
#define MLXTOP_KHIST_H

#include <stddef.h>
#include <stdint.h>

#define MT_KH_BUCKETS	64	/* log2 buckets: bucket k holds (2^(k-1), 2^k] */

enum mt_kh_kind { MT_KH_UNBIND_WAIT, MT_KH_SNOOP_VF, MT_KH_NUM };

struct mt_khist {
	int avail;		/* installed: the kernel counts it */
	char note[160];		/* why not (or, when avail, where) */
	uint64_t hits[MT_KH_BUCKETS];	/* by log2 bucket, as last read */
	uint64_t sum[MT_KH_BUCKETS];	/* of the values (ns) in each bucket */
	uint64_t base[MT_KH_BUCKETS];	/* hits at the last reset (r) */
	uint64_t sum_base[MT_KH_BUCKETS];
	uint64_t dropped;	/* hits the kernel's map had no room for */
};

/* "unbind_wait_ns", "snoop_to_vf_ns": --json's keys. */
const char *mt_kh_key(enum mt_kh_kind k);
/* What it measures, for titles. */
const char *mt_kh_what(enum mt_kh_kind k);

/* Since the last reset. */
uint64_t mt_kh_count(const struct mt_khist *h);
uint64_t mt_kh_bucket(const struct mt_khist *h, int k);
uint64_t mt_kh_total_ns(const struct mt_khist *h);
void mt_kh_reset(struct mt_khist *h);
/* Lowest and highest bucket with hits; -1 when none. */
int mt_kh_span(const struct mt_khist *h, int *lo, int *hi);
/* 2^k ns as "512ns", "1.0us", "16us", "1.0ms", "1.1s". */
const char *mt_kh_fmt_ns(double ns, char *buf, size_t n);

/*
 * A hist file as the kernel prints it, for a log2 key with hitcount and
 * one sum ("{ wait_ns: ~ 2^10 } hitcount: 1  wait_ns: 700"): buckets and
 * sums replace hits[] and sum[].  Returns the entries read, -1 when the
 * text is not a histogram.
 */
int mt_kh_parse(const char *text, struct mt_khist *h);

/*
 * The trigger and synthetic event commands mlxtop writes, in install
 * order, for the instance of process pid (the tests check them).
 */
struct mt_kh_cmd {
	char file[160];		/* relative to the tracing dir */
	char text[512];
	int kind;		/* the histogram it belongs to */
};
int mt_kh_commands(int pid, const char *instance, struct mt_kh_cmd *cmds,
		   int max);

/*
 * Install both histograms in instances/<instance> under tracing dir dir
 * (before its events are enabled: a timestamp trigger resets the buffer).
 * Sets each one's avail and note: the kernel has no hist triggers
 * (CONFIG_HIST_TRIGGERS), no synthetic events, the module's event has
 * not the field, or the kernel's error_log line.  Returns how many are on.
 */
int mt_kh_install(const char *dir, const char *instance, int pid,
		  struct mt_khist *kh);
/* Read both hist files into kh[] (those installed). */
void mt_kh_read(const char *dir, const char *instance, int pid,
		struct mt_khist *kh);
/* Remove them again, in the order the kernel allows (references first). */
void mt_kh_remove(const char *dir, const char *instance, int pid);
/*
 * Synthetic events an mlxtop killed with SIGKILL left (its instance's
 * triggers must be removed first: mt_kh_remove with its pid).
 */
void mt_kh_remove_stale(const char *dir);

#endif
