/* SPDX-License-Identifier: GPL-2.0 */
/* Key bindings, defined once: the UI dispatches and the help screen is drawn from this table. */
#ifndef MLXTOP_KEYS_H
#define MLXTOP_KEYS_H

enum mt_action {
	MT_ACT_NONE,
	MT_ACT_HELP,
	MT_ACT_QUIT,
	MT_ACT_NEXT_PANE,
	MT_ACT_PREV_PANE,
	MT_ACT_PANE1,
	MT_ACT_PANE2,
	MT_ACT_PANE3,
	MT_ACT_FILTER,
	MT_ACT_SORT,
	MT_ACT_PAUSE,
	MT_ACT_RESET,
	MT_ACT_FASTER,
	MT_ACT_SLOWER,
	MT_ACT_UP,
	MT_ACT_DOWN,
	MT_ACT_PGUP,
	MT_ACT_PGDN,
	MT_ACT_HOME,
	MT_ACT_LEFT,
	MT_ACT_RIGHT,
};

struct mt_key {
	int key;		/* curses key code */
	const char *label;	/* as shown in help */
	enum mt_action act;
	const char *help;
	const char *hint;	/* word in the bottom hint line, or NULL */
};

extern const struct mt_key mt_keys[];

enum mt_action mt_key_action(int key);
/* The refresh interval one rung up (dir > 0) or down the ladder. */
double mt_interval_step(double cur, int dir);
/* "h help  q quit ..." for the bottom line, from the table. */
void mt_keys_hint(char *buf, unsigned long n);

#endif
