/* SPDX-License-Identifier: GPL-2.0 */
/* Replay of a trace.dat (trace-cmd record): state rebuilt from events. */
#ifndef MLXTOP_REPLAY_H
#define MLXTOP_REPLAY_H

#include "model.h"
#include "perfetto.h"

/* 0, or -1 with a message on stderr; every event also to pf (or NULL). */
int mt_replay(struct mt_model *m, const char *file, struct mt_pf *pf);

#endif
