// SPDX-License-Identifier: GPL-2.0
/* Tokeniser and number parsers for everything users write. */
#include "mlxsim/parse.h"

static bool mlxsim_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void mlxsim_tok_init(struct mlxsim_tokenizer *t, const char *buf, size_t len)
{
	t->pos = buf;
	t->end = buf + len;
}

int mlxsim_tok_next(struct mlxsim_tokenizer *t, char *tok, size_t size)
{
	const char *start;
	size_t n;

	if (!size)
		return -EINVAL;
	while (t->pos < t->end && mlxsim_is_space(*t->pos))
		t->pos++;
	/* an embedded NUL ends the input like the end of the buffer */
	if (t->pos >= t->end || !*t->pos) {
		tok[0] = '\0';
		return 0;
	}
	start = t->pos;
	while (t->pos < t->end && *t->pos && !mlxsim_is_space(*t->pos))
		t->pos++;
	n = t->pos - start;
	if (n >= size) {
		memcpy(tok, start, size - 1);
		tok[size - 1] = '\0';
		return -EINVAL;
	}
	memcpy(tok, start, n);
	tok[n] = '\0';
	return n;
}

static int mlxsim_digit(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

int mlxsim_parse_u64(const char *tok, u64 *out)
{
	unsigned int base = 10;
	u64 v = 0;
	int d;

	if (tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) {
		base = 16;
		tok += 2;
	}
	if (!*tok)
		return -EINVAL;
	for (; *tok; tok++) {
		d = mlxsim_digit(*tok, base);
		if (d < 0)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int mlxsim_parse_u32(const char *tok, u32 *out)
{
	u64 v;
	int err = mlxsim_parse_u64(tok, &v);

	if (err)
		return err;
	if (v > 0xffffffffULL)
		return -ERANGE;
	*out = v;
	return 0;
}

int mlxsim_parse_range(const char *tok, u32 min, u32 max, u32 *out)
{
	u32 v;
	int err = mlxsim_parse_u32(tok, &v);

	if (err)
		return err;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int mlxsim_parse_guid(const char *tok, u64 *out)
{
	unsigned int groups = 0, digits = 0;
	u64 v = 0;
	int d;

	if (!strchr(tok, ':'))
		return mlxsim_parse_u64(tok, out);
	/* xxxx:xxxx:xxxx:xxxx, each group exactly four hex digits */
	for (; *tok; tok++) {
		if (*tok == ':') {
			if (digits != 4)
				return -EINVAL;
			groups++;
			digits = 0;
			continue;
		}
		d = mlxsim_digit(*tok, 16);
		if (d < 0 || ++digits > 4)
			return -EINVAL;
		v = (v << 4) | d;
	}
	if (groups != 3 || digits != 4)
		return -EINVAL;
	*out = v;
	return 0;
}

void mlxsim_set_bad(char *bad, size_t badlen, const char *tok)
{
	size_t n;

	if (!badlen)
		return;
	n = strlen(tok);
	if (n >= badlen)
		n = badlen - 1;
	memcpy(bad, tok, n);
	bad[n] = '\0';
}

int mlxsim_split_kv(char *tok, char **key, char **val)
{
	char *eq = strchr(tok, '=');

	if (!eq || eq == tok)
		return -EINVAL;
	*eq = '\0';
	*key = tok;
	*val = eq + 1;
	return 0;
}
