// SPDX-License-Identifier: GPL-2.0
/* The key=value parser of vf<S>/qp_modify. */
#include "mlxsim/qp.h"
#include "mlxsim/parse.h"
#include "mlxsim/pkey.h"

static int mlxsim_qp_parse_optpar(char *val, u8 *out)
{
	char *part, *next;
	u8 bits = 0;

	if (!*val)
		return -EINVAL;
	for (part = val; part; part = next) {
		next = strchr(part, ',');
		if (next)
			*next++ = '\0';
		if (!strcmp(part, "pri"))
			bits |= MLXSIM_QP_OPTPAR_PRI;
		else if (!strcmp(part, "alt"))
			bits |= MLXSIM_QP_OPTPAR_ALT;
		else if (strcmp(part, "none") && strcmp(part, "0"))
			return -EINVAL;
	}
	*out = bits;
	return 0;
}

/* One key; 1 when @key is unknown. */
static int mlxsim_qp_parse_kv(struct mlxsim_qp_attrs *a, const char *key,
			      char *val, u32 *seen, enum mlxsim_qp_reject *why)
{
	u32 v = 0, bit;
	int err, i;

	if (!strcmp(key, "qpn")) {
		bit = BIT(16);
		err = mlxsim_parse_range(val, 0, MLXSIM_QPN_MAX, &a->qpn);
	} else if (!strcmp(key, "op")) {
		bit = BIT(17);
		i = mlxsim_name_lookup(mlxsim_qp_transition_name,
				       MLXSIM_NUM_QP_TRANSITIONS, val);
		err = i < 0 ? -EINVAL : 0;
		if (err)
			*why = MLXSIM_QPR_TRANSITION;
		a->op = i;
	} else if (!strcmp(key, "type")) {
		bit = MLXSIM_QPA_TYPE;
		i = mlxsim_name_lookup(mlxsim_qp_type_name, MLXSIM_QPT_GSI + 1,
				       val);
		err = i < 0 ? -EINVAL : 0;
		if (err)
			*why = MLXSIM_QPR_TYPE;
		a->type = i;
	} else if (!strcmp(key, "port")) {
		bit = MLXSIM_QPA_PORT;
		err = mlxsim_parse_range(val, 0, 255, &v);
		a->port = v;
	} else if (!strcmp(key, "pkey_index")) {
		bit = MLXSIM_QPA_PKEY;
		err = mlxsim_parse_range(val, 0, 0xffff, &v);
		a->pkey_index = v;
	} else if (!strcmp(key, "alt_pkey_index")) {
		bit = MLXSIM_QPA_ALT_PKEY;
		err = mlxsim_parse_range(val, 0, 0xffff, &v);
		a->alt_pkey_index = v;
	} else if (!strcmp(key, "alt_port")) {
		bit = MLXSIM_QPA_ALT_PORT;
		err = mlxsim_parse_range(val, 0, 255, &v);
		a->alt_port = v;
	} else if (!strcmp(key, "mgid_index")) {
		bit = MLXSIM_QPA_MGID;
		err = mlxsim_parse_range(val, 0, 0xff, &v);
		a->mgid_index = v;
	} else if (!strcmp(key, "alt_mgid_index")) {
		bit = MLXSIM_QPA_ALT_MGID;
		err = mlxsim_parse_range(val, 0, 0xff, &v);
		a->alt_mgid_index = v;
	} else if (!strcmp(key, "qkey")) {
		bit = MLXSIM_QPA_QKEY;
		err = mlxsim_parse_u32(val, &a->qkey);
	} else if (!strcmp(key, "optpar")) {
		bit = MLXSIM_QPA_OPTPAR;
		err = mlxsim_qp_parse_optpar(val, &a->optpar);
	} else {
		return 1;
	}
	if (*seen & bit)
		return -EINVAL;		/* a key given twice */
	*seen |= bit;
	return err;
}

int mlxsim_qp_modify_parse(const char *buf, size_t len,
			   struct mlxsim_qp_attrs *a,
			   enum mlxsim_qp_reject *why, char *bad,
			   size_t badlen)
{
	char tok[MLXSIM_TOKEN_MAX], copy[MLXSIM_TOKEN_MAX];
	struct mlxsim_qp_attrs out = { 0 };
	struct mlxsim_tokenizer t;
	char *key, *val;
	u32 seen = 0;
	int n, err;

	*why = MLXSIM_QPR_NONE;
	mlxsim_tok_init(&t, buf, len);
	while ((n = mlxsim_tok_next(&t, tok, sizeof(tok))) != 0) {
		memcpy(copy, tok, sizeof(copy));
		err = n < 0 ? n : mlxsim_split_kv(tok, &key, &val);
		if (!err)
			err = mlxsim_qp_parse_kv(&out, key, val, &seen, why);
		if (err) {
			mlxsim_set_bad(bad, badlen, copy);
			return err < 0 ? err : -EINVAL;
		}
	}
	if (!(seen & BIT(16)) || !(seen & BIT(17))) {
		mlxsim_set_bad(bad, badlen, seen & BIT(16) ? "<no op>" :
				  "<no qpn>");
		return -EINVAL;
	}
	out.present = seen & 0xffff;
	*a = out;
	return 0;
}
