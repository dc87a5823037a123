// SPDX-License-Identifier: GPL-2.0
/*
 * Opcode and errno names (logic/names.c): what parses reads back through
 * the name tables, case-insensitively; numbers only when they are known;
 * every name function answers a string for any value.
 *
 * Input: 4 bytes of a value for the name functions, then one token.
 */
#include "mlxsim/types.h"
#include "mlxsim/parse.h"
#include "fuzz.h"

static bool same_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'a' && x <= 'z')
			x -= 32;
		if (y >= 'a' && y <= 'z')
			y -= 32;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static void check_opcode(const char *tok)
{
	u16 op = 0x5a5a, back;
	u64 v;
	int err = mlxsim_opcode_parse(tok, &op), i;

	if (err) {
		FZ_CHECK(err == -EINVAL && op == 0x5a5a, "opcode '%s' %d", tok,
			 err);
		for (i = 0; mlxsim_opcode_at(i); i++)
			FZ_CHECK(!same_nocase(tok, mlxsim_opcode_name(
					mlxsim_opcode_at(i))),
				 "known opcode '%s' refused", tok);
		return;
	}
	i = mlxsim_opcode_index(op);
	FZ_CHECK(i >= 0 && mlxsim_opcode_at(i) == op, "opcode %#x index %d",
		 op, i);
	FZ_CHECK(same_nocase(tok, mlxsim_opcode_name(op)) ||
		 (tok[0] >= '0' && tok[0] <= '9' && !mlxsim_parse_u64(tok, &v) &&
		  v == op), "'%s' parsed as %#x (%s)", tok, op,
		 mlxsim_opcode_name(op));
	FZ_CHECK(!mlxsim_opcode_parse(mlxsim_opcode_name(op), &back) &&
		 back == op, "name of %#x does not read back", op);
	FZ_CHECK(mlxsim_opcode_class(op) >= MLXSIM_CMD_CLASS_FW &&
		 mlxsim_opcode_class(op) <= MLXSIM_CMD_CLASS_PORT, "class");
}

static void check_errno(const char *tok)
{
	int err = 0x5a5a, back = 0, rc = mlxsim_errno_parse(tok, &err);
	const char *name;

	if (rc) {
		FZ_CHECK((rc == -EINVAL || rc == -ERANGE) && err == 0x5a5a,
			 "errno '%s' %d", tok, rc);
		return;
	}
	name = mlxsim_errno_name(err);
	FZ_CHECK(err > 0 && strcmp(name, "UNKNOWN") && strcmp(name, "OK"),
		 "errno '%s' -> %d (%s)", tok, err, name);
	FZ_CHECK(mlxsim_errno_name(-err) == name, "sign");
	/* what a table prints must parse back to the same errno */
	FZ_CHECK(!mlxsim_errno_parse(name, &back) && back == err,
		 "%s does not read back", name);
}

static void check_names(u32 v)
{
	/* each answers a string, never NULL, for any value */
	const char *(*const fns[])(unsigned int) = {
		mlxsim_fn_type_name, mlxsim_link_name, mlxsim_role_name,
		mlxsim_mp_state_name, mlxsim_mp_reason_name,
		mlxsim_port_state_name, mlxsim_qp_type_name,
		mlxsim_qp_state_name, mlxsim_qp_transition_name,
		mlxsim_qp_reject_name, mlxsim_opcode_name,
	};
	unsigned int i;
	int idx;

	for (i = 0; i < ARRAY_SIZE(fns); i++)
		FZ_CHECK(fns[i](v) && fns[i](v & 0xff) && fns[i](v & 0xf),
			 "name fn %u of %u", i, v);
	/* any int, INT_MIN included (its negation once overflowed) */
	FZ_CHECK(mlxsim_errno_name((int)v) && mlxsim_errno_name(INT_MIN),
		 "errno name");
	idx = mlxsim_opcode_index(v);
	if (idx >= 0)
		FZ_CHECK(mlxsim_opcode_at(idx) == v, "index of %#x", v);
	else
		FZ_CHECK(mlxsim_opcode_class(v) < 0 &&
			 !strcmp(mlxsim_opcode_name(v), "UNKNOWN"), "%#x", v);
	/* by table: a transition's name finds it again */
	idx = mlxsim_name_lookup(mlxsim_qp_transition_name,
				 MLXSIM_NUM_QP_TRANSITIONS,
				 mlxsim_qp_transition_name(v & 0xf));
	FZ_CHECK((v & 0xf) >= MLXSIM_NUM_QP_TRANSITIONS ? idx < 0 :
		 idx == (int)(v & 0xf), "lookup %u -> %d", v & 0xf, idx);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char tok[MLXSIM_TOKEN_MAX];
	struct fz f;
	size_t n;

	fz_init(&f, data, size);
	check_names(fz_u32(&f));
	n = min(f.n, sizeof(tok) - 1);
	memcpy(tok, f.p, n);
	tok[n] = '\0';
	check_opcode(tok);
	check_errno(tok);
	return 0;
}
