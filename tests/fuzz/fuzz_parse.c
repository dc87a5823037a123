// SPDX-License-Identifier: GPL-2.0
/*
 * logic/parse.c (tokeniser, numbers, GUIDs, key=value) and the virt2phys
 * parser of logic/pkey.c, against reference implementations written
 * differently: index arithmetic, 128-bit values, sscanf-free GUIDs.
 *
 * Input: byte 0 token buffer size, byte 1 VFs, byte 2 P_Keys, byte 3
 * badlen, then the text as a debugfs write would carry it.
 */
#include "mlxsim/parse.h"
#include "mlxsim/pkey.h"
#include "fuzz.h"

static bool ref_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reference number: digits only, value exact in 128 bits. */
static int ref_u64(const char *s, u64 *out)
{
	unsigned __int128 v = 0;
	unsigned int base = 10, d;
	size_t i = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (!s[i])
		return -EINVAL;
	for (; s[i]; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v * base + d;
		if (v > (unsigned __int128)UINT64_MAX)
			return -ERANGE;	/* found before any later junk */
	}
	*out = (u64)v;
	return 0;
}

static int ref_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* xxxx:xxxx:xxxx:xxxx by position: 19 characters, colons at 4, 9, 14. */
static int ref_guid_colon(const char *s, u64 *out)
{
	u64 v = 0;
	int i, d;

	if (strlen(s) != 19)
		return -EINVAL;
	for (i = 0; i < 19; i++) {
		if (i % 5 == 4) {
			if (s[i] != ':')
				return -EINVAL;
			continue;
		}
		d = ref_hex(s[i]);
		if (d < 0)
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static void check_numbers(const char *tok, u32 lo, u32 hi)
{
	u64 v = 0, rv = 0, g = 0, rg = 0;
	u32 v32 = 0, r32 = 0;
	int err, rerr;
	char copy[MLXSIM_TOKEN_MAX + 1], *key, *val;

	err = mlxsim_parse_u64(tok, &v);
	rerr = ref_u64(tok, &rv);
	FZ_CHECK(err == rerr && (err || v == rv),
		 "u64 '%s': %d %llu, ref %d %llu", tok, err,
		 (unsigned long long)v, rerr, (unsigned long long)rv);

	err = mlxsim_parse_u32(tok, &v32);
	if (!rerr && rv > 0xffffffffULL)
		rerr = -ERANGE;
	FZ_CHECK(err == rerr && (err || v32 == rv), "u32 '%s': %d", tok, err);

	err = mlxsim_parse_range(tok, lo, hi, &r32);
	if (!rerr && (rv < lo || rv > hi))
		rerr = -ERANGE;
	FZ_CHECK(err == rerr && (err || r32 == rv), "range '%s' [%u,%u]: %d",
		 tok, lo, hi, err);

	err = mlxsim_parse_guid(tok, &g);
	rerr = strchr(tok, ':') ? ref_guid_colon(tok, &rg) : ref_u64(tok, &rg);
	FZ_CHECK(err == rerr && (err || g == rg), "guid '%s': %d ref %d", tok,
		 err, rerr);

	/* key=value: split at the first '=', key non-empty */
	snprintf(copy, sizeof(copy), "%s", tok);
	err = mlxsim_split_kv(copy, &key, &val);
	if (!strchr(tok, '=') || tok[0] == '=') {
		FZ_CHECK(err == -EINVAL, "kv '%s' accepted", tok);
	} else {
		size_t k = strchr(tok, '=') - tok;

		FZ_CHECK(!err && key == copy && strlen(key) == k &&
			 !strncmp(key, tok, k) && !strcmp(val, tok + k + 1),
			 "kv '%s'", tok);
	}
}

/* Reference tokeniser by index: the same tokens, the same errors. */
static void check_tokens(const char *buf, size_t len, size_t size, u32 lo,
			 u32 hi)
{
	struct mlxsim_tokenizer t;
	char tok[MLXSIM_TOKEN_MAX + 8];
	size_t i = 0, start, n;
	int got;

	mlxsim_tok_init(&t, buf, len);
	for (;;) {
		memset(tok, 0x5a, sizeof(tok));
		got = mlxsim_tok_next(&t, tok, size);
		for (n = size; n < sizeof(tok); n++)
			FZ_CHECK(tok[n] == 0x5a, "token written past %zu", size);
		if (!size) {
			/* no room even for the NUL: refused, nothing consumed */
			FZ_CHECK(got == -EINVAL, "size 0: got %d", got);
			return;
		}
		while (i < len && ref_space(buf[i]))
			i++;
		if (i >= len || !buf[i]) {
			FZ_CHECK(got == 0 && tok[0] == '\0', "end: got %d", got);
			/* the end stays the end */
			FZ_CHECK(mlxsim_tok_next(&t, tok, size) == 0, "past end");
			return;
		}
		start = i;
		while (i < len && buf[i] && !ref_space(buf[i]))
			i++;
		n = i - start;
		if (n >= size) {
			FZ_CHECK(got == -EINVAL && strlen(tok) == size - 1 &&
				 !memcmp(tok, buf + start, size - 1),
				 "long token: got %d", got);
			continue;
		}
		FZ_CHECK(got == (int)n && !memcmp(tok, buf + start, n) &&
			 tok[n] == '\0', "token at %zu: got %d want %zu", start,
			 got, n);
		check_numbers(tok, lo, hi);
	}
}

static struct mlxsim_pkey_tables tabs;

static void check_remap(const char *buf, size_t len, u32 vfs, u32 pkeys,
			size_t badlen)
{
	struct mlxsim_remap r = { 7, 7, 7 }, keep = r;
	char tok[4][MLXSIM_TOKEN_MAX], bad[MLXSIM_TOKEN_MAX + 8];
	struct mlxsim_tokenizer t;
	u64 v[3];
	int err, n, i, want = 0;

	if (tabs.vfs != vfs || tabs.pkeys != pkeys || !tabs.ports)
		mlxsim_pkey_tables_init(&tabs, vfs, 1, pkeys);
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_pkey_remap_parse(&tabs, buf, len, &r, bad, badlen);
	/* the offending token is only promised on a refusal */
	if (err)
		fz_check_bad(bad, badlen, sizeof(bad), 0x33);

	/* the expected outcome, token by token */
	mlxsim_tok_init(&t, buf, len);
	for (i = 0; i < 4; i++) {
		n = mlxsim_tok_next(&t, tok[i], sizeof(tok[i]));
		if (i < 3 && n <= 0)
			want = -EINVAL;
		if (i == 3 && n)
			want = -EINVAL;
		if (want)
			break;
	}
	if (!want) {
		want = ref_u64(tok[0], &v[0]);
		if (!want && v[0] > 0xffffffffULL)
			want = -ERANGE;
		else if (!want && !v[0])
			want = -EPERM;
		else if (!want && v[0] > vfs)
			want = -ENOENT;
	}
	if (!want) {
		want = ref_u64(tok[1], &v[1]);
		if (!want && v[1] >= pkeys)
			want = -ERANGE;
	}
	if (!want) {
		if (!strcmp(tok[2], "none")) {
			v[2] = pkeys - 1;
		} else {
			want = ref_u64(tok[2], &v[2]);
			if (!want && v[2] >= pkeys)
				want = -ERANGE;
		}
	}
	FZ_CHECK(err == want, "remap: got %d want %d", err, want);
	if (err) {
		FZ_CHECK(!memcmp(&r, &keep, sizeof(r)), "remap: out written");
		return;
	}
	FZ_CHECK(r.slave == v[0] && r.index == v[1] && r.phys == v[2],
		 "remap: %u %u %u", r.slave, r.index, r.phys);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz f;
	size_t toksize, badlen, len;
	u32 vfs, pkeys, lo, hi;
	char *buf;

	fz_init(&f, data, size);
	toksize = fz_below(&f, MLXSIM_TOKEN_MAX + 1);
	vfs = fz_below(&f, MLXSIM_MAX_VFS + 1);
	pkeys = MLXSIM_PKEY_BLOCK * (1 + fz_below(&f, 4));
	badlen = fz_below(&f, MLXSIM_TOKEN_MAX + 1);
	lo = fz_u8(&f);
	hi = lo + fz_u16(&f);
	len = f.n;
	/* a heap copy of exactly @len bytes: ASan sees any overread */
	buf = malloc(len ? len : 1);
	memcpy(buf, f.p, len);
	check_tokens(buf, len, toksize, lo, hi);
	check_remap(buf, len, vfs, pkeys, badlen);
	free(buf);
	return 0;
}
