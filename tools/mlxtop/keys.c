// SPDX-License-Identifier: GPL-2.0
/* The key table (kvm_stat/htop style): one place for keys and their help. */
#include <stdio.h>
#include <string.h>
#include <curses.h>

#include "keys.h"

const struct mt_key mt_keys[] = {
	{ 'h', "h ?", MT_ACT_HELP, "show this help", "help" },
	{ '?', NULL, MT_ACT_HELP, NULL, NULL },
	{ 'q', "q", MT_ACT_QUIT, "quit (the tracefs instance is removed)", "quit" },
	{ '\t', "Tab", MT_ACT_NEXT_PANE, "next pane", "pane" },
	{ KEY_BTAB, "S-Tab", MT_ACT_PREV_PANE, "previous pane", NULL },
	{ '1', "1", MT_ACT_PANE1, "Multiport pane: functions, bindings, refcounts", NULL },
	{ '2', "2", MT_ACT_PANE2, "P_Key pane: caches, per-VF mappings, events", NULL },
	{ '3', "3", MT_ACT_PANE3, "Events pane: counts, rates, recent events", NULL },
	{ '/', "/", MT_ACT_FILTER, "filter rows (Enter applies, empty clears, Esc cancels)", "filter" },
	{ 'o', "o", MT_ACT_SORT, "cycle the sort order of the pane", "sort" },
	{ 'p', "p", MT_ACT_PAUSE, "pause / resume updates", "pause" },
	{ 'r', "r", MT_ACT_RESET, "reset event counts and rates", "reset" },
	{ '+', "+", MT_ACT_SLOWER, "longer refresh interval", "slower" },
	{ '-', "-", MT_ACT_FASTER, "shorter refresh interval", "faster" },
	{ KEY_UP, "Up/Down", MT_ACT_UP, "scroll", NULL },
	{ KEY_DOWN, NULL, MT_ACT_DOWN, NULL, NULL },
	{ 'k', NULL, MT_ACT_UP, NULL, NULL },
	{ 'j', NULL, MT_ACT_DOWN, NULL, NULL },
	{ KEY_PPAGE, "PgUp/PgDn", MT_ACT_PGUP, "scroll a page", NULL },
	{ KEY_NPAGE, NULL, MT_ACT_PGDN, NULL, NULL },
	{ KEY_HOME, "Home", MT_ACT_HOME, "back to the top", NULL },
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
