// SPDX-License-Identifier: GPL-2.0
/* The curses front end: tabs, status, a scrolling pane, help from the key table. */
#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "opts.h"
#include "panes.h"
#include "provider_trace.h"
#include "ui_curses.h"

enum { C_TITLE = 1, C_HEADER, C_CHANGED, C_WARN, C_TAB };

struct ui {
	struct mt_view v;
	struct mt_lines lines;
	int scroll[MT_NUM_PANES];
	int hscroll;		/* columns scrolled off to the left */
	int help, paused, editing;
	char edit[64];
	int color;
};

static attr_t hl_attr(const struct ui *u, int hl)
{
	switch (hl) {
	case MT_HL_CHANGED:
		return u->color ? COLOR_PAIR(C_CHANGED) | A_BOLD : A_BOLD | A_UNDERLINE;
	case MT_HL_TITLE:
		return u->color ? COLOR_PAIR(C_TITLE) | A_BOLD : A_BOLD;
	case MT_HL_HEADER:
		return u->color ? COLOR_PAIR(C_HEADER) : A_REVERSE;
	case MT_HL_WARN:
		return u->color ? COLOR_PAIR(C_WARN) | A_BOLD : A_BOLD | A_BLINK;
	}
	return A_NORMAL;
}

/* One line, from column hscroll, clipped to the width, in runs of equal highlight. */
static void draw_line(const struct ui *u, int y, int cols, const struct mt_line *l)
{
	int len = strlen(l->text), i = u->hscroll;

	if (len > u->hscroll + cols)
		len = u->hscroll + cols;
	move(y, 0);
	while (i < len) {
		int j = i;

		while (j < len && l->hl[j] == l->hl[i])
			j++;
		attrset(hl_attr(u, l->hl[i]));
		addnstr(l->text + i, j - i);
		i = j;
	}
	attrset(A_NORMAL);
	if (i < u->hscroll + cols)
		clrtoeol();
}

static void draw_help(const struct ui *u, int rows, int cols)
{
	const struct mt_key *k;
	int y = 3, w = cols > 72 ? 68 : cols - 4, x = (cols - w) / 2;

	attrset(hl_attr(u, MT_HL_HEADER));
	mvprintw(2, x, "%-*.*s", w, w, " mlxtop keys (any key closes)");
	attrset(A_NORMAL);
	for (k = mt_keys; k->act != MT_ACT_NONE && y < rows - 2; k++) {
		if (!k->label)
			continue;
		move(y, x);
		clrtoeol();
		mvprintw(y++, x, " %-10s %-.*s", k->label, w - 12, k->help);
	}
	move(y, x);
	clrtoeol();
	mvprintw(y++, x, " %-.*s", w - 2,
		 "Highlighted rows changed in the last refreshes.");
}

static void draw(struct ui *u, struct mt_model *m, const struct mt_opts *o)
{
	int rows, cols, i, y, body, maxs;
	unsigned long long lost;
	char hint[160];

	getmaxyx(stdscr, rows, cols);
	erase();
	/* tab bar */
	move(0, 0);
	attrset(hl_attr(u, MT_HL_HEADER));
	for (i = 0; i < cols; i++)
		addch(' ');
	move(0, 0);
	addstr(" mlxtop ");
	for (i = 0; i < MT_NUM_PANES; i++) {
		attrset(i == (int)u->v.pane ? (u->color ? COLOR_PAIR(C_TAB) | A_BOLD : A_BOLD) :
			hl_attr(u, MT_HL_HEADER));
		printw(" %d %s ", i + 1, mt_pane_names[i]);
	}
	attrset(hl_attr(u, MT_HL_HEADER));
	printw(" %gs%s", o->interval, u->paused ? " PAUSED" : "");
	attrset(A_NORMAL);

	/* status line */
	lost = mt_since(m->lost, m->lost_base) + mt_since(m->missed, m->missed_base);
	if (m->unloaded) {
		attrset(hl_attr(u, MT_HL_WARN));
		mvprintw(1, 0, "module unloaded: waiting for mlxsim to be loaded again");
	} else {
		attrset(lost ? hl_attr(u, MT_HL_WARN) : A_NORMAL);
		mvprintw(1, 0, "fn %d  bound %d  unaff %d  refs %d  ev %llu (%.0f/s)  lost %llu  sort %s%s%s",
			 m->nfn, mt_model_count_state(m, "bound"),
			 mt_model_count_state(m, "unaffiliated"), mt_model_refcnt_total(m),
			 (unsigned long long)mt_since(m->events, m->events_base),
			 m->total_rate, (unsigned long long)lost,
			 mt_pane_sort_name(u->v.pane, u->v.sort[u->v.pane]),
			 u->v.filter[0] ? "  filter " : "", u->v.filter);
	}
	attrset(A_NORMAL);

	u->v.rows = rows - 3;
	mt_render(&u->lines, m, &u->v, cols);
	body = rows - 3;
	maxs = u->lines.n - body;
	if (maxs < 0)
		maxs = 0;
	if (u->scroll[u->v.pane] > maxs)
		u->scroll[u->v.pane] = maxs;
	for (y = 0; !u->help && y < body && u->scroll[u->v.pane] + y < u->lines.n; y++)
		draw_line(u, 2 + y, cols, &u->lines.l[u->scroll[u->v.pane] + y]);

	if (u->help)
		draw_help(u, rows, cols);

	move(rows - 1, 0);
	if (u->editing) {
		printw("filter: %s", u->edit);
		curs_set(1);
	} else {
		mt_keys_hint(hint, sizeof(hint));
		attrset(hl_attr(u, MT_HL_HEADER));
		printw("%-*.*s", cols, cols, hint);
		attrset(A_NORMAL);
		curs_set(0);
	}
	refresh();
}

static void edit_key(struct ui *u, int ch)
{
	size_t n = strlen(u->edit);

	if (ch == '\n' || ch == KEY_ENTER || ch == '\r') {
		snprintf(u->v.filter, sizeof(u->v.filter), "%s", u->edit);
		u->scroll[u->v.pane] = 0;
		u->editing = 0;
	} else if (ch == 27) {
		u->editing = 0;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (n)
			u->edit[n - 1] = '\0';
	} else if (ch >= 32 && ch < 127 && n + 1 < sizeof(u->edit)) {
		u->edit[n] = ch;
		u->edit[n + 1] = '\0';
	}
}

/* Returns 1 to quit. */
static int action(struct ui *u, struct mt_model *m, struct mt_opts *o, int ch)
{
	int rows = LINES - 3, *sc = &u->scroll[u->v.pane];

	if (u->help && ch != 'q') {
		u->help = 0;
		return 0;
	}
	switch (mt_key_action(ch)) {
	case MT_ACT_HELP: u->help = 1; break;
	case MT_ACT_QUIT: return 1;
	case MT_ACT_NEXT_PANE: u->v.pane = (u->v.pane + 1) % MT_NUM_PANES; break;
	case MT_ACT_PREV_PANE: u->v.pane = (u->v.pane + MT_NUM_PANES - 1) % MT_NUM_PANES; break;
	case MT_ACT_PANE1: u->v.pane = MT_PANE_MULTIPORT; break;
	case MT_ACT_PANE2: u->v.pane = MT_PANE_PKEY; break;
	case MT_ACT_PANE3: u->v.pane = MT_PANE_EVENTS; break;
	case MT_ACT_FILTER:
		u->editing = 1;
		snprintf(u->edit, sizeof(u->edit), "%s", u->v.filter);
		break;
	case MT_ACT_SORT:
		u->v.sort[u->v.pane] = (u->v.sort[u->v.pane] + 1) %
				       mt_pane_sort_count(u->v.pane);
		break;
	case MT_ACT_PAUSE: u->paused = !u->paused; break;
	case MT_ACT_RESET: mt_model_reset_rates(m); break;
	case MT_ACT_SLOWER: o->interval = mt_interval_step(o->interval, 1); break;
	case MT_ACT_FASTER: o->interval = mt_interval_step(o->interval, -1); break;
	case MT_ACT_UP: if (*sc > 0) (*sc)--; break;
	case MT_ACT_DOWN: (*sc)++; break;
	case MT_ACT_PGUP: *sc = *sc > rows ? *sc - rows : 0; break;
	case MT_ACT_PGDN: *sc += rows; break;
	case MT_ACT_HOME: *sc = 0; u->hscroll = 0; break;
	case MT_ACT_LEFT: u->hscroll = u->hscroll > 8 ? u->hscroll - 8 : 0; break;
	case MT_ACT_RIGHT: if (u->hscroll < MT_LINE_MAX - 16) u->hscroll += 8; break;
	case MT_ACT_NONE: break;
	}
	return 0;
}

int mt_ui_curses(struct mt_model *m, struct mt_opts *o)
{
	struct ui u;
	double next = 0;

	memset(&u, 0, sizeof(u));
	u.v.highlight_s = 3;
	u.v.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	if (!initscr()) {
		fprintf(stderr, "mlxtop: cannot initialise the terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (!o->no_color && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(C_TITLE, COLOR_CYAN, -1);
		init_pair(C_HEADER, COLOR_BLACK, COLOR_CYAN);
		init_pair(C_CHANGED, COLOR_YELLOW, -1);
		init_pair(C_WARN, COLOR_RED, -1);
		init_pair(C_TAB, COLOR_WHITE, COLOR_BLUE);
		u.color = 1;
	}
	timeout(100);
	while (!mt_stop) {
		double now = mt_now();
		int ch;

		if (o->live && !u.paused && now >= next) {
			mt_refresh(m, o);
			next = now + o->interval;
		} else if (o->live && !u.paused) {
			mt_drain(m, o);
		}
		draw(&u, m, o);
		ch = getch();
		if (ch == ERR)
			continue;
		if (ch == KEY_RESIZE) {
			clear();
			continue;
		}
		if (u.editing) {
			edit_key(&u, ch);
			continue;
		}
		if (action(&u, m, o, ch))
			break;
	}
	endwin();
	mt_lines_free(&u.lines);
	return 0;
}
