/* SPDX-License-Identifier: GPL-2.0 */
/* Front end: the live curses TUI. */
#ifndef MLXTOP_UI_CURSES_H
#define MLXTOP_UI_CURSES_H

#include "model.h"

struct mt_opts;

/* Runs until q or a signal; returns the exit status. */
int mt_ui_curses(struct mt_model *m, struct mt_opts *o);

#endif
