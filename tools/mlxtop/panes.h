/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The three panes rendered to plain lines with per-character highlight,
 * without curses, so they can be unit-tested and drawn by any front end.
 */
#ifndef MLXTOP_PANES_H
#define MLXTOP_PANES_H

#include "model.h"

#define MT_LINE_MAX 256

enum mt_pane { MT_PANE_MULTIPORT, MT_PANE_PKEY, MT_PANE_EVENTS, MT_NUM_PANES };

enum mt_hl { MT_HL_NONE, MT_HL_CHANGED, MT_HL_TITLE, MT_HL_HEADER, MT_HL_WARN };

struct mt_line {
	char text[MT_LINE_MAX];
	unsigned char hl[MT_LINE_MAX];	/* enum mt_hl per character */
	int data;			/* a data row: subject to the filter */
};

struct mt_lines {
	struct mt_line *l;
	int n, cap;
};

struct mt_view {
	enum mt_pane pane;
	int sort[MT_NUM_PANES];		/* index into the pane's sort keys */
	char filter[64];
	double highlight_s;		/* how long a change stays highlighted */
	int utf8;			/* sparklines with block characters */
	int rows;			/* rows to fill (0: not known, be brief) */
};

extern const char *const mt_pane_names[MT_NUM_PANES];
int mt_pane_sort_count(enum mt_pane p);
const char *mt_pane_sort_name(enum mt_pane p, int i);

void mt_lines_free(struct mt_lines *ls);
/* Render the view's pane for a screen width; filtered rows are dropped. */
void mt_render(struct mt_lines *ls, const struct mt_model *m,
	       const struct mt_view *v, int width);
/*
 * Refcount history as a sparkline of n cells, scaled to scale (the
 * column's maximum, so rows compare) or, when larger, the row's own.
 */
void mt_sparkline(char *buf, size_t size, const int *h, unsigned int len,
		  int cells, int utf8, int scale);
/* The largest of the last cells samples. */
int mt_hist_max(const int *h, unsigned int len, int cells);

#endif
