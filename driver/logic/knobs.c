// SPDX-License-Identifier: GPL-2.0
/* Parsers of the small debugfs knobs: see include/mlxsim/knobs.h. */
#include "mlxsim/knobs.h"
#include "mlxsim/parse.h"

/*
 * The write's tokens: exactly @min..@max of them, each copied to
 * @tok[i].  Errors name the token at fault (or "<empty>").
 */
static int mlxsim_knob_tokens(const char *buf, size_t len,
			      char tok[][MLXSIM_TOKEN_MAX], unsigned int min,
			      unsigned int max, unsigned int *n, char *bad,
			      size_t badlen)
{
	char extra[MLXSIM_TOKEN_MAX];
	struct mlxsim_tokenizer t;
	int r;

	mlxsim_set_bad(bad, badlen, "<empty>");
	mlxsim_tok_init(&t, buf, len);
	for (*n = 0; *n < max; (*n)++) {
		r = mlxsim_tok_next(&t, tok[*n], MLXSIM_TOKEN_MAX);
		if (r < 0) {
			mlxsim_set_bad(bad, badlen, tok[*n]);
			return r;
		}
		if (!r)
			break;
	}
	if (*n < min)
		return -EINVAL;
	if (mlxsim_tok_next(&t, extra, sizeof(extra))) {
		mlxsim_set_bad(bad, badlen, extra);
		return -EINVAL;
	}
	return 0;
}

/* A knob of exactly one token, copied to @tok (and named in @bad). */
static int mlxsim_knob_one(const char *buf, size_t len,
			   char tok[][MLXSIM_TOKEN_MAX], char *bad,
			   size_t badlen)
{
	unsigned int n;
	int err;

	err = mlxsim_knob_tokens(buf, len, tok, 1, 1, &n, bad, badlen);
	if (!err)
		mlxsim_set_bad(bad, badlen, tok[0]);
	return err;
}

int mlxsim_fail_cmd_parse(const char *buf, size_t len,
			  struct mlxsim_fail_cmd_arg *a, char *bad,
			  size_t badlen)
{
	char tok[2][MLXSIM_TOKEN_MAX];
	struct mlxsim_fail_cmd_arg r = { .armed = true, .err = EIO };
	unsigned int n;
	int err;

	err = mlxsim_knob_tokens(buf, len, tok, 1, 2, &n, bad, badlen);
	if (err)
		return err;
	mlxsim_set_bad(bad, badlen, tok[0]);
	if (!strcmp(tok[0], "-") || !strcmp(tok[0], "none")) {
		if (n > 1) {
			mlxsim_set_bad(bad, badlen, tok[1]);
			return -EINVAL;
		}
		r.armed = false;
		r.err = 0;
		*a = r;
		return 0;
	}
	err = mlxsim_opcode_parse(tok[0], &r.opcode);
	if (err)
		return err;
	if (n > 1) {
		mlxsim_set_bad(bad, badlen, tok[1]);
		err = mlxsim_errno_parse(tok[1], &r.err);
		if (err)
			return err;
	}
	*a = r;
	return 0;
}

int mlxsim_hold_parse(const char *buf, size_t len, struct mlxsim_hold_arg *a,
		      char *bad, size_t badlen)
{
	char tok[1][MLXSIM_TOKEN_MAX];
	u32 v;
	int err;

	err = mlxsim_knob_one(buf, len, tok, bad, badlen);
	if (err)
		return err;
	if (tok[0][0] != '+' && tok[0][0] != '-')
		return -EINVAL;
	err = mlxsim_parse_range(tok[0] + 1, 1, MLXSIM_HOLD_MAX, &v);
	if (err)
		return err;
	a->take = tok[0][0] == '+';
	a->n = v;
	return 0;
}

int mlxsim_port_cmd_parse(const char *buf, size_t len,
			  struct mlxsim_port_cmd_arg *a, char *bad,
			  size_t badlen)
{
	char tok[2][MLXSIM_TOKEN_MAX];
	unsigned int n;
	int err, class;
	u16 op;

	err = mlxsim_knob_tokens(buf, len, tok, 1, 2, &n, bad, badlen);
	if (err)
		return err;
	mlxsim_set_bad(bad, badlen, tok[n - 1]);
	err = mlxsim_opcode_parse(tok[n - 1], &op);
	if (err)
		return err;
	class = mlxsim_opcode_class(op);
	if (class < 0)
		return class;
	/* "ib"/"port" must agree with the class the opcode has */
	if (n == 2) {
		mlxsim_set_bad(bad, badlen, tok[0]);
		if (class == MLXSIM_CMD_CLASS_FW ||
		    strcmp(tok[0], mlxsim_cmd_class_name(class)))
			return -EINVAL;
	}
	a->opcode = op;
	a->class = class;
	return 0;
}

int mlxsim_fail_add_parse(const char *buf, size_t len, u32 *step, char *bad,
			  size_t badlen)
{
	char tok[1][MLXSIM_TOKEN_MAX];
	int err;

	err = mlxsim_knob_one(buf, len, tok, bad, badlen);
	if (err)
		return err;
	return mlxsim_parse_range(tok[0], 0, MLXSIM_FAIL_ADD_MAX, step);
}

int mlxsim_bool_parse(const char *buf, size_t len, bool *on, char *bad,
		      size_t badlen)
{
	char tok[1][MLXSIM_TOKEN_MAX];
	u32 v;
	int err;

	err = mlxsim_knob_one(buf, len, tok, bad, badlen);
	if (err)
		return err;
	err = mlxsim_parse_range(tok[0], 0, 1, &v);
	if (err)
		return err;
	*on = v;
	return 0;
}

int mlxsim_slave_event_parse(const char *buf, size_t len, u8 *ev, char *bad,
			     size_t badlen)
{
	char tok[1][MLXSIM_TOKEN_MAX];
	int err, i;

	err = mlxsim_knob_one(buf, len, tok, bad, badlen);
	if (err)
		return err;
	i = mlxsim_name_lookup(mlxsim_ib_event_name, MLXSIM_NUM_IB_EVENTS,
			       tok[0]);
	if (i < 0)
		return i;
	*ev = i;
	return 0;
}

/*
 * "ID:PORT", ID decimal as in mlxsim<ID>, PORT 1..MLXSIM_MAX_PORTS; a
 * port no function can have is as bad as one this function lacks.
 */
static int mlxsim_link_end_parse(char *tok, u32 *id, u32 *port)
{
	char *colon = strchr(tok, ':');
	int err;

	if (!colon || colon == tok)
		return -EINVAL;
	*colon = '\0';
	/* IDs are plain decimal, as in new_device */
	if (tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X'))
		err = -EINVAL;
	else
		err = mlxsim_parse_range(tok, 0, MLXSIM_ID_MAX, id);
	if (!err && mlxsim_parse_range(colon + 1, 1, MLXSIM_MAX_PORTS, port))
		err = -EINVAL;
	*colon = ':';
	return err;
}

int mlxsim_link_parse(const char *buf, size_t len, struct mlxsim_link_arg *a,
		      char *bad, size_t badlen)
{
	char tok[2][MLXSIM_TOKEN_MAX];
	struct mlxsim_link_arg r;
	unsigned int n, i;
	int err;

	if (len > MLXSIM_INPUT_MAX) {
		mlxsim_set_bad(bad, badlen, "<input too long>");
		return -E2BIG;
	}
	err = mlxsim_knob_tokens(buf, len, tok, 2, 2, &n, bad, badlen);
	if (err) {
		/* one end alone is not a cable */
		if (n == 1)
			mlxsim_set_bad(bad, badlen, tok[0]);
		return err;
	}
	for (i = 0; i < 2; i++) {
		mlxsim_set_bad(bad, badlen, tok[i]);
		err = mlxsim_link_end_parse(tok[i], &r.id[i], &r.port[i]);
		if (err)
			return err;
	}
	/* a port cabled to itself would see its own SMPs come back */
	if (r.id[0] == r.id[1] && r.port[0] == r.port[1])
		return -EINVAL;
	mlxsim_set_bad(bad, badlen, "");
	*a = r;
	return 0;
}
