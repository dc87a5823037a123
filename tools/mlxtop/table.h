/* SPDX-License-Identifier: GPL-2.0 */
/* Parsing of mlxsim debugfs tables (header-named columns) and key=value files. */
#ifndef MLXTOP_TABLE_H
#define MLXTOP_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define MT_TABLE_MAXCOLS 32

struct mt_table {
	char *buf;			/* owned copy of the text, tokens point in */
	int ncols;
	char *cols[MT_TABLE_MAXCOLS];
	int nrows;
	char **cells;			/* nrows * ncols, NULL where a row is short */
};

/* Parse text whose first non-empty line names the columns; 0 or -1. */
int mt_table_parse(struct mt_table *t, const char *text);
void mt_table_free(struct mt_table *t);
/* Column index by header name, -1 when the table has no such column. */
int mt_table_col(const struct mt_table *t, const char *name);
/* Cell text, NULL when the column is missing or the row is short. */
const char *mt_table_cell(const struct mt_table *t, int row, int col);
/* A cell as a number (decimal or 0x hex); dflt for "-", missing or junk. */
long long mt_table_num(const struct mt_table *t, int row, int col,
		       long long dflt);

/* key=value: copy the value of key into out; 0 if found, -1 if not. */
int mt_kv_get(const char *text, const char *key, char *out, size_t n);
long long mt_kv_num(const char *text, const char *key, long long dflt);

/* Number parsing shared by tables, key=value files and the JSON tests. */
int mt_parse_num(const char *s, long long *out);

/* Whole file as a NUL-terminated string (malloc'd), NULL on error. */
char *mt_read_file(const char *path);

#endif
