// SPDX-License-Identifier: GPL-2.0
/* The key table (kvm_stat/htop style): one place for keys and their help. */
#include <stdio.h>
#include <string.h>
#include <curses.h>

#include "keys.h"

const struct mt_key mt_keys[] = {
	{ 'h', "h ?", MT_ACT_HELP, "show this help", "help" },
	{ '?', NULL, MT_ACT_HELP, NULL, NULL },
	{ 'q', "q ^C", MT_ACT_QUIT, "quit (the tracefs instance is removed)", "quit" },
	{ '\t', "Tab", MT_ACT_NEXT_PANE, "next pane", "pane" },
	{ KEY_BTAB, "S-Tab", MT_ACT_PREV_PANE, "previous pane", NULL },
	{ '1', "1", MT_ACT_PANE1, "Multiport pane: functions, bindings, refcounts", NULL },
	{ '2', "2", MT_ACT_PANE2, "P_Key pane: caches, per-VF mappings, events", NULL },
	{ '3', "3", MT_ACT_PANE3, "Events pane: counts, rates, recent events", NULL },
	{ '/', "/", MT_ACT_FILTER, "filter rows (Enter applies, empty clears, Esc cancels)", "filter" },
	{ 'o', "o", MT_ACT_SORT, "cycle the sort order of the pane", "sort" },
	{ 'p', "p", MT_ACT_PAUSE, "pause / resume updates", "pause" },
	{ 'r', "r", MT_ACT_RESET, "reset every counter shown (events, lost, snoops, P_Key events)", "reset" },
	{ '+', "+", MT_ACT_SLOWER, "longer refresh interval (0.1 0.2 0.5 1 2 5 10 s)", "slower" },
	{ '-', "-", MT_ACT_FASTER, "shorter refresh interval", "faster" },
	{ KEY_UP, "Up/Down", MT_ACT_UP, "scroll", NULL },
	{ KEY_DOWN, NULL, MT_ACT_DOWN, NULL, NULL },
	{ 'k', NULL, MT_ACT_UP, NULL, NULL },
	{ 'j', NULL, MT_ACT_DOWN, NULL, NULL },
	{ KEY_PPAGE, "PgUp/PgDn", MT_ACT_PGUP, "scroll a page", NULL },
	{ KEY_NPAGE, NULL, MT_ACT_PGDN, NULL, NULL },
	{ KEY_HOME, "Home", MT_ACT_HOME, "back to the top and the left edge", NULL },
	{ KEY_LEFT, "Left/Right", MT_ACT_LEFT, "scroll long lines sideways", NULL },
	{ KEY_RIGHT, NULL, MT_ACT_RIGHT, NULL, NULL },
	{ 0, NULL, MT_ACT_NONE, NULL, NULL },
};

enum mt_action mt_key_action(int key)
{
	const struct mt_key *k;

	for (k = mt_keys; k->act != MT_ACT_NONE; k++)
		if (k->key == key)
			return k->act;
	return MT_ACT_NONE;
}

void mt_keys_hint(char *buf, unsigned long n)
{
	const struct mt_key *k;
	unsigned long len = 0;

	buf[0] = '\0';
	for (k = mt_keys; k->act != MT_ACT_NONE && len < n; k++) {
		int w;

		if (!k->hint)
			continue;
		/* the first name of the key is enough in the hint line */
		w = strcspn(k->label, " /");
		len += snprintf(buf + len, n - len, "%s%.*s %s",
				len ? "  " : "", w ? w : 1, k->label, k->hint);
	}
}

/* The ladder of refresh intervals + and - move on; it contains 1.0 s. */
static const double ladder[] = { 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0 };
#define NLADDER (sizeof(ladder) / sizeof(ladder[0]))

double mt_interval_step(double cur, int dir)
{
	unsigned int i;

	/* from any -d value: the next rung up or down */
	if (dir > 0) {
		for (i = 0; i < NLADDER; i++)
			if (ladder[i] > cur + 1e-9)
				return ladder[i];
		return ladder[NLADDER - 1];
	}
	for (i = NLADDER; i-- > 0;)
		if (ladder[i] < cur - 1e-9)
			return ladder[i];
	return ladder[0];
}
