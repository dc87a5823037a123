/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one state model every front end reads: functions, IB ports with a
 * refcount history, the unaffiliated list, P_Key caches and per-VF
 * mappings, per-event counts and rates, and a log of decoded events.
 * Providers (debugfs polling, trace events, replay) are the only writers.
 */
#ifndef MLXTOP_MODEL_H
#define MLXTOP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "khist.h"

#define MT_HIST		24	/* refcount samples kept for a sparkline */
#define MT_MAX_PKEYS	128
#define MT_MAX_SLAVES	80	/* slave 0 (the master) + 79 VFs */
#define MT_MAX_IB_PORTS	2	/* ports of an IB device */
#define MT_LOG		512	/* decoded events kept */
#define MT_MAX_EVNAMES	48
#define MT_EV_FIELDS	16
#define MT_LOG_TEXT	240	/* one decoded event, as trace-cmd prints it */

/* A decoded trace event: name without the "mlxsim_" prefix, numeric fields. */
struct mt_ev {
	const char *name;
	const char *text;	/* as trace-cmd report prints it, or NULL */
	double ts;		/* seconds */
	int nf;
	struct {
		const char *name;
		long long v;
	} f[MT_EV_FIELDS];
};

struct mt_fn {
	int id;
	uint64_t guid;
	char type[8];
	char role[12];
	char state[16];
	char reason[24];	/* set while on the unaffiliated list */
	int native_port;
	int master;		/* -1 when unbound */
	int port;		/* -1 when unbound */
	int refcnt;
	int unaffiliating;
	int vfs, pkeys, nports;	/* from caps (or fn_add) */
	char ib_dev[32];	/* ib_core device ("-": none), multiport table */
	char ib_own[32];	/* its own ib_core device, from caps */
	char ib_state[12];	/* its port state as ib_core caches it */
	int port_mng_chg_ev;	/* caps: 1 the firmware raises PORT_MNG_CHG_EV, -1 not known */
	int hist[MT_HIST];
	unsigned int hist_len;
	double changed;		/* when a shown field last changed */
	int seen;
};

/* One port of an IB device (the `ports` table). */
struct mt_port {
	int dev, port;
	int fn;			/* -1 when no function */
	int up;
	int refcnt, unaffiliating, held;	/* held -1: not known (replay) */
	char ib_state[12];	/* as ib_core caches it; "-" unregistered */
	double changed;
	int seen;
};

/*
 * Port management events a VF gets besides P_Key changes, in the order of
 * the columns of vf<S>/events (and enum mlxsim_ib_event's values).
 */
enum mt_port_ev {
	MT_PEV_LID_CHANGE,
	MT_PEV_SM_CHANGE,
	MT_PEV_CLIENT_REREG,
	MT_PEV_PORT_ACTIVE,
	MT_PEV_PORT_ERR,
	MT_PEV_GID_CHANGE,
	MT_NUM_PORT_EV
};

extern const char *const mt_port_ev_names[MT_NUM_PORT_EV];
/* The kind of an mlxsim_vf_event's event (an ib event value), or -1. */
int mt_port_ev_of_ib_event(long long ib_event);

/*
 * A VF's port in mlx4's slave port state machine, as port<P>/guids and
 * mlxsim_slave_port_state name it (the values of MLXSIM_SLAVE_PORT_STATES).
 */
enum mt_slave_port_state {
	MT_SPS_UNKNOWN = -1,
	MT_SPS_DOWN = 0,
	MT_SPS_PENDING_UP = 1,	/* the PF port is up, the VF has no alias GUID */
	MT_SPS_UP = 2,
};

struct mt_vf {
	int mapped;		/* virtual indices mapped to a usable entry */
	long long port_ev[MT_NUM_PORT_EV];	/* -1: not known */
	uint64_t events;	/* P_Key change events received on this port */
	uint64_t events_base;	/* events at the last reset (r) */
	double changed;
	int active;		/* vf<S>/active: 1, 0, or -1 not known */
	double last_event;	/* when its count last grew (0: not since start) */
	/*
	 * Its alias GUID on this port: port<P>/guids, or (replay) the
	 * mlxsim_slave_port_state and mlxsim_guid_assign events.
	 */
	int port_state;		/* enum mt_slave_port_state */
	int guid_known;		/* has_guid and guid are known */
	int has_guid;		/* the port's GUIDInfo holds one ("-": not yet) */
	uint64_t guid;		/* the alias GUID assigned */
	int admin_known;
	uint64_t admin_guid;	/* what the admin asked for; 0: the SM chooses */
	int guid_pending;	/* the PF is still to (re)ask the SA: 1, 0, -1 not known */
	long long guid_retry;	/* seconds until it asks again (0: none), -1 not known */
};

/* Why the last snoop did or did not notify a VF. */
enum mt_verdict {
	MT_VD_NONE,		/* no change known: nothing to notify about */
	MT_VD_NOTIFIED,		/* active, maps a changed entry */
	MT_VD_INACTIVE,		/* maps a changed entry but is not active */
	MT_VD_MAPS_NONE,	/* maps none of the changed entries */
};

/* P_Key state of one port of an SR-IOV device. */
struct mt_pkport {
	int dev, port;
	int n;			/* table length (pkeys) */
	int nslaves;		/* vfs + 1 */
	uint16_t pkey[MT_MAX_PKEYS];
	double changed[MT_MAX_PKEYS];
	uint8_t map[MT_MAX_SLAVES][MT_MAX_PKEYS];	/* virt2phys */
	struct mt_vf vf[MT_MAX_SLAVES];
	uint64_t master_events;
	uint64_t snoops;
	uint64_t snoop_changes;	/* snoops that changed the cache */
	uint64_t vf_events;	/* events delivered to VFs, all together */
	int have_counters;	/* the kernel's port<P>/counters was read */
	uint64_t snoops_base, master_base;	/* at the last reset (r) */
	int ib_differ;		/* entries ib_core's cache has otherwise; */
	int ib_known;		/* ... counted only when ib_core has one */
	int sized;		/* length and VF count came from the init event */
	int polled;		/* its tables were read before: counts that grow are events */
	/* the last mlxsim_smp_snoop: what it changed, whom it notified */
	int snoop_known;
	double snoop_ts;
	int snoop_block;
	uint32_t snoop_mask;	/* bit i: entry block * 32 + i changed */
	int snoop_slaves, snoop_master;
	int snoop_path;		/* 0 snoop, 1 event (PORT_MNG_CHG_EV), -1 not traced */
	int have_port_ev;	/* some VF's port_ev is known */
	int have_guids;		/* port<P>/guids read, or a VF's port state traced */
	int seen;
};

/*
 * The SMA's view of one IB port: port<P>/sma, or (replay) the
 * mlxsim_sma_port events.  Numbers are -1 and strings "" where not known.
 */
struct mt_sma {
	int dev, port;
	char state[12];		/* down, init, armed, active */
	char phys[24];		/* polling, link_up, disabled */
	int lid, lmc, sm_lid, sm_sl, is_sm;
	long long cap_mask;
	uint64_t port_guid;	/* 0: not known */
	int peer_dev, peer_port;	/* -1: no cable (or not known) */
	int peer_known;		/* the file said (a peer or "-") */
	long long mads, mad_errors, dropped, xmit_pkts, rcv_pkts;
	double changed;
	int seen;
};

/* One cable of the links table. */
struct mt_link {
	int a, a_port, b, b_port;
};

struct mt_evstat {
	char name[40];
	uint64_t count;		/* since start */
	uint64_t base;		/* count at the last rate reset */
	uint64_t prev;		/* count at the previous interval */
	double rate;		/* per second over the last interval */
};

struct mt_logent {
	double ts;
	char text[MT_LOG_TEXT];
};

struct mt_model {
	struct mt_fn *fn;
	int nfn, capfn;
	struct mt_port *port;
	int nport, capport;
	struct mt_pkport **pk;
	int npk, cappk;
	struct mt_sma *sma;
	int nsma, capsma;
	struct mt_link *links;
	int nlinks, caplinks;
	int have_links;		/* the global links table was read */
	struct mt_evstat ev[MT_MAX_EVNAMES];
	int nev;
	struct mt_logent log[MT_LOG];
	unsigned int log_head, log_n;
	uint64_t events;	/* decoded events */
	uint64_t lost;		/* overrun/dropped reported by the ring buffer */
	uint64_t missed;	/* gaps reported in records */
	double now;		/* time of the last update */
	double last_tick;
	double rate_since;
	double total_rate;
	uint64_t events_base, lost_base, missed_base;	/* at the last reset */
	int have_multiport;	/* the global multiport table was read */
	int unloaded;		/* the tables went away (rmmod) */
	int replay;		/* state from a trace.dat: times are trace times */
	double settled;		/* the last settle: nothing before it is a change */
	int tracing;		/* events are being collected */
	char trace_note[120];	/* why not, or the instance name */
	/*
	 * In-kernel histograms (hist triggers in the tracefs instance): unbind
	 * waits, snoop -> VF P_Key event latency; note says why not when
	 * one is not avail.
	 */
	struct mt_khist khist[MT_KH_NUM];
	int khist_tried;	/* this run installs them: panes show them or why not */
};

void mt_model_init(struct mt_model *m);
void mt_model_free(struct mt_model *m);

/* Polling: begin clears "seen", end drops what was not seen again. */
void mt_model_begin_poll(struct mt_model *m);
void mt_model_end_poll(struct mt_model *m);

/* Lookups; create=1 also inserts and marks the row seen in this poll. */
struct mt_fn *mt_model_fn(struct mt_model *m, int id, int create);
struct mt_port *mt_model_port(struct mt_model *m, int dev, int port,
			      int create);
struct mt_pkport *mt_model_pkport(struct mt_model *m, int dev, int port,
				  int create);
/* A function by id, read-only (front ends), NULL when there is none. */
const struct mt_fn *mt_model_find_fn(const struct mt_model *m, int id);
struct mt_sma *mt_model_sma(struct mt_model *m, int dev, int port,
			    int create);
void mt_model_del_fn(struct mt_model *m, int id);
void mt_pkport_reset(struct mt_pkport *pk, int n, int nslaves);
void mt_pkport_recount(struct mt_pkport *pk, int slave, double now);

/* Setters that mark the row changed when the value differs. */
void mt_fn_set_int(struct mt_fn *f, int *field, int v, double now);
void mt_fn_set_str(struct mt_fn *f, char *field, size_t n, const char *v,
		   double now);
void mt_pk_set(struct mt_pkport *pk, int index, uint16_t pkey, double now);

/* Events: count, log and (replay) rebuild state from them. */
void mt_model_event(struct mt_model *m, const struct mt_ev *ev, int apply);
long long mt_ev_get(const struct mt_ev *ev, const char *name, long long dflt);
void mt_ev_format(const struct mt_ev *ev, char *buf, size_t n);

/* Once per refresh: rates, refcount history. */
void mt_model_tick(struct mt_model *m, double now);
/* r: every counter shown starts again from 0 (kernel counters too). */
void mt_model_reset_rates(struct mt_model *m);
/* A counter as shown: since the last reset. */
uint64_t mt_since(uint64_t v, uint64_t base);
/* No row counts as changed: the first frame highlights nothing. */
void mt_model_settle(struct mt_model *m);
/* Why the histograms are not collected (both), when they are not. */
void mt_model_khist_note(struct mt_model *m, const char *note);
/* Forget every function, port and P_Key table (module unloaded). */
void mt_model_clear(struct mt_model *m);
/* "snoop" or "snoops" for n. */
const char *mt_plural(uint64_t n, const char *one, const char *many);

const struct mt_logent *mt_model_log_at(const struct mt_model *m,
					unsigned int i);	/* 0 = newest */

/* The ib_core view: "-" for nothing; "in sync" or "N stale" for a cache. */
const char *mt_or_dash(const char *s);
const char *mt_pk_ib_summary(const struct mt_pkport *pk, char *buf,
			     size_t n);

/*
 * The entries the last change touched: from the last snoop event when
 * there was one, else those the tables changed last (set[i] = 1); the
 * count, and when (0: not known).
 */
int mt_pk_last_change(const struct mt_pkport *pk, uint8_t *set, double *when);
/* A VF's verdict for that change (set from mt_pk_last_change). */
enum mt_verdict mt_vf_verdict(const struct mt_pkport *pk, int slave,
			      const uint8_t *set);
const char *mt_verdict_name(enum mt_verdict v);
/* A GUID as the trace plugin prints one: xxxx:xxxx:xxxx:xxxx. */
const char *mt_guid_fmt(uint64_t guid, char *buf, size_t n);
/* A VF's port state by name, "-" when not known. */
const char *mt_vf_port_state(const struct mt_vf *vf);
/*
 * Why a VF's port is pending_up, e.g. "alias GUID not assigned (SA asked
 * again in 4 s)"; 0 (and buf "") when it is not.
 */
int mt_vf_port_why(const struct mt_vf *vf, char *buf, size_t n);
/* Forget every VF's alias GUID and port state (no table, or a bad one). */
void mt_pk_guids_unknown(struct mt_pkport *pk, double now);
/* Is virtual index i of slave s mapped as it is at creation? */
int mt_vf_map_default(const struct mt_pkport *pk, int slave, int i);

/* A port's peer: the SMA's, else the links table's; 0 when there is none. */
int mt_sma_peer(const struct mt_model *m, const struct mt_sma *s, int *dev,
		int *port);
/* The port whose capability mask says IsSM, NULL when none is known. */
const struct mt_sma *mt_model_sm_port(const struct mt_model *m);
int mt_model_count_sma_state(const struct mt_model *m, const char *state);

/* Counts for summaries. */
int mt_model_count_state(const struct mt_model *m, const char *state);
int mt_model_refcnt_total(const struct mt_model *m);

#endif
