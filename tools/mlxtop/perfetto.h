/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --perfetto: a replayed trace as a Perfetto trace (TrackEvent protobuf,
 * encoded by hand): a track per function and per IB port, slices for
 * bound..unbound and for each unbind's wait for references, counters for
 * refcnt, each slave's roce_en (RoCE users) and per-VF P_Key events, the
 * SMA's port state as a counter, instants for snoops, MADs and other
 * events, flows from a snoop to the events it caused.  Packets are
 * written sorted by timestamp when the file is closed.
 */
#ifndef MLXTOP_PERFETTO_H
#define MLXTOP_PERFETTO_H

#include <stdint.h>
#include <stdio.h>

#include "model.h"

#define MT_PF_MAX_TRACKS 1024
#define MT_PF_PENDING 64

/* An encoded TracePacket waiting for its turn (packets go out sorted). */
struct mt_pf_pkt {
	uint64_t ts;		/* ns; 0 for track descriptors */
	size_t seq;		/* emission order, for equal timestamps */
	uint8_t *b;
	size_t n;
};

struct mt_pf {
	FILE *out;
	struct mt_pf_pkt *pkts;
	size_t npkts, cappkts;
	uint64_t tracks[MT_PF_MAX_TRACKS];	/* uuids already described */
	int ntracks;
	uint64_t next_flow;
	struct {			/* snoops whose events are still to come */
		int fn, port;
		uint64_t flow;		/* first flow id of the snoop */
		int n, used;		/* flows it opened, used so far */
	} pending[MT_PF_PENDING];
	int npending;
	uint64_t packets;
	int error;
};

/* Track uuids: what the tests look for. */
#define MT_PF_ROOT		1ULL
#define MT_PF_FN(id)		(0x100000000ULL + (uint64_t)(id))
#define MT_PF_PORT(dev, p)	(0x200000000ULL + (uint64_t)(dev) * 4 + (p))
#define MT_PF_REFCNT(dev, p)	(0x300000000ULL + (uint64_t)(dev) * 4 + (p))
#define MT_PF_VF(dev, p, s)	(0x400000000ULL + ((uint64_t)(dev) * 4 + (p)) * 128 + (s))
#define MT_PF_VFCOUNT(dev, p, s) (0x500000000ULL + ((uint64_t)(dev) * 4 + (p)) * 128 + (s))
#define MT_PF_SMASTATE(dev, p)	(0x600000000ULL + (uint64_t)(dev) * 4 + (p))
#define MT_PF_WAIT(dev, p)	(0x700000000ULL + (uint64_t)(dev) * 4 + (p))
#define MT_PF_ROCE(id)		(0x800000000ULL + (uint64_t)(id))

int mt_pf_open(struct mt_pf *pf, const char *path);
void mt_pf_event(struct mt_pf *pf, const struct mt_ev *ev);
/* 0, or -1 when writing failed. */
int mt_pf_close(struct mt_pf *pf);

/* The protobuf encoders, for the tests' decoder to check against. */
size_t mt_pb_varint(uint8_t *buf, uint64_t v);

#endif
