// SPDX-License-Identifier: GPL-2.0
/*
 * vf<S>/qp_modify text (logic/qp_parse.c).  A refusal leaves the attrs
 * alone and names the token; accepted attrs are in range, carry only the
 * keys written, each number exactly as written (never truncated to its
 * field), and print back to text that parses to the same attrs.
 *
 * Input: byte 0 badlen, then the text.
 */
#include "mlxsim/qp.h"
#include "mlxsim/parse.h"
#include "fuzz.h"

static void check_round_trip(const struct mlxsim_qp_attrs *a)
{
	struct mlxsim_qp_attrs b;
	enum mlxsim_qp_reject why;
	char buf[MLXSIM_INPUT_MAX], bad[MLXSIM_TOKEN_MAX];
	size_t n;
	int err;

	/* keys in another order than the parser's, numbers in hex */
	n = snprintf(buf, sizeof(buf), "op=%s qpn=0x%x",
		     mlxsim_qp_transition_name(a->op), a->qpn);
#define ADD(bit, ...)							\
	do {								\
		if (a->present & (bit))					\
			n += snprintf(buf + n, sizeof(buf) - n, __VA_ARGS__); \
	} while (0)
	ADD(MLXSIM_QPA_OPTPAR, " optpar=%s%s%s",
	    a->optpar & MLXSIM_QP_OPTPAR_ALT ? "alt" : "",
	    a->optpar == (MLXSIM_QP_OPTPAR_ALT | MLXSIM_QP_OPTPAR_PRI) ? "," : "",
	    a->optpar & MLXSIM_QP_OPTPAR_PRI ? "pri" :
	    (a->optpar ? "" : "none"));
	ADD(MLXSIM_QPA_QKEY, "\tqkey=%u", a->qkey);
	ADD(MLXSIM_QPA_ALT_MGID, " alt_mgid_index=%u", a->alt_mgid_index);
	ADD(MLXSIM_QPA_MGID, " mgid_index=0x%x", a->mgid_index);
	ADD(MLXSIM_QPA_ALT_PKEY, " alt_pkey_index=%u", a->alt_pkey_index);
	ADD(MLXSIM_QPA_PKEY, " pkey_index=%u", a->pkey_index);
	ADD(MLXSIM_QPA_PORT, " port=%u", a->port);
	ADD(MLXSIM_QPA_ALT_PORT, " alt_port=%u", a->alt_port);
	ADD(MLXSIM_QPA_TYPE, " type=%s", mlxsim_qp_type_name(a->type));
#undef ADD
	err = mlxsim_qp_modify_parse(buf, n, &b, &why, bad, sizeof(bad));
	FZ_CHECK(!err, "round trip '%s': %d at '%s'", buf, err, bad);
	FZ_CHECK(!memcmp(a, &b, sizeof(b)), "round trip '%s' differs", buf);
}

/* Reference number: decimal, or hex after 0x; false past 64 bits. */
static bool ref_number(const char *s, size_t n, u64 *out)
{
	unsigned __int128 v = 0;
	unsigned int base = 10, d;
	size_t i = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return false;
		v = v * base + d;
		if (v > UINT64_MAX)
			return false;
	}
	*out = (u64)v;
	return true;
}

#define NUM(k, f) { #k, offsetof(struct mlxsim_qp_attrs, f), \
		    sizeof(((struct mlxsim_qp_attrs *)0)->f) }
static const struct {
	const char *key;
	size_t off, size;
} numeric_keys[] = {
	NUM(qpn, qpn), NUM(port, port), NUM(alt_port, alt_port),
	NUM(pkey_index, pkey_index), NUM(alt_pkey_index, alt_pkey_index),
	NUM(mgid_index, mgid_index), NUM(alt_mgid_index, alt_mgid_index),
	NUM(qkey, qkey),
};
#undef NUM

static u64 field_value(const struct mlxsim_qp_attrs *a, size_t i)
{
	const u8 *p = (const u8 *)a + numeric_keys[i].off;
	u32 v32;
	u16 v16;

	switch (numeric_keys[i].size) {
	case 1:
		return *p;
	case 2:
		memcpy(&v16, p, 2);
		return v16;
	default:
		memcpy(&v32, p, 4);
		return v32;
	}
}

/* An accepted number is the one written, never truncated to its field. */
static void check_written(const char *tok, size_t n,
			  const struct mlxsim_qp_attrs *a)
{
	const char *eq = memchr(tok, '=', n);
	size_t i, klen;
	u64 want, got;

	if (!eq)
		return;
	klen = eq - tok;
	for (i = 0; i < ARRAY_SIZE(numeric_keys); i++) {
		if (strlen(numeric_keys[i].key) != klen ||
		    memcmp(tok, numeric_keys[i].key, klen))
			continue;
		got = field_value(a, i);
		FZ_CHECK(ref_number(eq + 1, n - klen - 1, &want) && want == got,
			 "'%.*s' accepted as %llu", (int)n, tok,
			 (unsigned long long)got);
	}
}

/* Each token as the tokeniser splits them: spaces, and a NUL ends it. */
static void check_numbers(const char *buf, size_t len,
			  const struct mlxsim_qp_attrs *a)
{
	size_t i = 0, start;

	for (;;) {
		while (i < len && (buf[i] == ' ' || buf[i] == '\t' ||
				   buf[i] == '\n' || buf[i] == '\r'))
			i++;
		if (i >= len || !buf[i])
			return;
		start = i;
		while (i < len && buf[i] && buf[i] != ' ' && buf[i] != '\t' &&
		       buf[i] != '\n' && buf[i] != '\r')
			i++;
		check_written(buf + start, i - start, a);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_qp_attrs a, keep;
	enum mlxsim_qp_reject why = 0x77;
	char bad[MLXSIM_TOKEN_MAX + 8];
	size_t badlen, len;
	struct fz f;
	char *buf;
	int err;

	fz_init(&f, data, size);
	badlen = fz_below(&f, MLXSIM_TOKEN_MAX + 1);
	len = f.n;
	buf = malloc(len ? len : 1);
	memcpy(buf, f.p, len);
	memset(&a, 0xa5, sizeof(a));
	keep = a;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_qp_modify_parse(buf, len, &a, &why, bad, badlen);
	FZ_CHECK(why <= MLXSIM_QPR_FW, "why %d", why);
	if (err) {
		FZ_CHECK(err == -EINVAL || err == -ERANGE, "errno %d", err);
		FZ_CHECK(!memcmp(&a, &keep, sizeof(a)), "attrs written on %d",
			 err);
		fz_check_bad(bad, badlen, sizeof(bad), 0x33);
		if (badlen > 1)
			FZ_CHECK(bad[0], "refusal names no token");
		/* only a bad op or type is a refused QP change */
		FZ_CHECK(why == MLXSIM_QPR_NONE || why == MLXSIM_QPR_TRANSITION ||
			 why == MLXSIM_QPR_TYPE, "why %d", why);
	} else {
		FZ_CHECK(why == MLXSIM_QPR_NONE, "accepted, why %d", why);
		FZ_CHECK(a.qpn <= MLXSIM_QPN_MAX, "qpn %#x", a.qpn);
		FZ_CHECK(a.op < MLXSIM_NUM_QP_TRANSITIONS, "op %u", a.op);
		FZ_CHECK(!(a.present & ~0x1ffU), "present %#x", a.present);
		FZ_CHECK(!(a.present & MLXSIM_QPA_TYPE) || a.type <= MLXSIM_QPT_GSI,
			 "type %u", a.type);
		FZ_CHECK(!(a.optpar & ~(MLXSIM_QP_OPTPAR_PRI | MLXSIM_QP_OPTPAR_ALT)),
			 "optpar %#x", a.optpar);
		/* an absent key leaves its field zero */
		FZ_CHECK((a.present & MLXSIM_QPA_QKEY) || !a.qkey, "qkey");
		FZ_CHECK((a.present & MLXSIM_QPA_PKEY) || !a.pkey_index, "pkey");
		FZ_CHECK((a.present & MLXSIM_QPA_PORT) || !a.port, "port");
		check_numbers(buf, len, &a);
		check_round_trip(&a);
	}
	free(buf);
	return 0;
}
