// SPDX-License-Identifier: GPL-2.0
/* Table and key=value parsing: columns are found by name, never by position,
 * so tables that grow extra columns keep working.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "table.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split one line in place into at most max tokens. */
static int split(char *line, char **tok, int max)
{
	int n = 0;

	while (*line) {
		while (is_space(*line))
			*line++ = '\0';
		if (!*line)
			break;
		if (n < max)
			tok[n++] = line;
		while (*line && !is_space(*line))
			line++;
	}
	return n;
}

int mt_table_parse(struct mt_table *t, const char *text)
{
	char *line, *next;
	int cap = 0;

	memset(t, 0, sizeof(*t));
	if (!text)
		return -1;
	t->buf = strdup(text);
	if (!t->buf)
		return -1;
	for (line = t->buf; line && *line; line = next) {
		char *tok[MT_TABLE_MAXCOLS];
		int n, i;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n = split(line, tok, MT_TABLE_MAXCOLS);
		if (!n)
			continue;
		if (!t->ncols) {
			t->ncols = n;
			memcpy(t->cols, tok, n * sizeof(*tok));
			continue;
		}
		if (t->nrows == cap) {
			char **c;

			cap = cap ? cap * 2 : 16;
			c = realloc(t->cells, (size_t)cap * t->ncols * sizeof(*c));
			if (!c) {
				mt_table_free(t);
				return -1;
			}
			t->cells = c;
		}
		for (i = 0; i < t->ncols; i++)
			t->cells[t->nrows * t->ncols + i] = i < n ? tok[i] : NULL;
		t->nrows++;
	}
	/* no header line (an empty file): nothing kept */
	if (!t->ncols) {
		mt_table_free(t);
		return -1;
	}
	return 0;
}

void mt_table_free(struct mt_table *t)
{
	free(t->cells);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

int mt_table_col(const struct mt_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	return -1;
}

const char *mt_table_cell(const struct mt_table *t, int row, int col)
{
	if (col < 0 || col >= t->ncols || row < 0 || row >= t->nrows)
		return NULL;
	return t->cells[row * t->ncols + col];
}

int mt_parse_num(const char *s, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s || !strcmp(s, "-"))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

long long mt_table_num(const struct mt_table *t, int row, int col,
		       long long dflt)
{
	long long v;

	if (mt_parse_num(mt_table_cell(t, row, col), &v))
		return dflt;
	return v;
}

int mt_kv_get(const char *text, const char *key, char *out, size_t n)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = len - klen - 1;

			if (vlen >= n)
				vlen = n - 1;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = '\0';
			return 0;
		}
		p = eol ? eol + 1 : NULL;
	}
	return -1;
}

long long mt_kv_num(const char *text, const char *key, long long dflt)
{
	char v[64];
	long long n;

	if (!text || mt_kv_get(text, key, v, sizeof(v)) || mt_parse_num(v, &n))
		return dflt;
	return n;
}

char *mt_read_file(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	for (;;) {
		if (cap - len < 2048) {
			char *b = realloc(buf, cap * 2);

			if (!b)
				goto fail;
			buf = b;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (!r)
			break;
		len += r;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
fail:
	close(fd);
	free(buf);
	return NULL;
}
