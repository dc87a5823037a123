// SPDX-License-Identifier: GPL-2.0
/* Parser and validator of `new_device` / `del_device` input. */
#include "mlxsim/params.h"

enum mlxsim_param_key {
	MLXSIM_KEY_GUID,
	MLXSIM_KEY_VHCA_PORTS,
	MLXSIM_KEY_AFFILIATE,
	MLXSIM_KEY_NATIVE_PORT,
	MLXSIM_KEY_LINK,
	MLXSIM_KEY_PORTS,
	MLXSIM_KEY_VFS,
	MLXSIM_KEY_PKEYS,
	MLXSIM_KEY_TYPE,
	MLXSIM_KEY_PORT_MNG_CHG_EV,
	MLXSIM_NUM_KEYS /* keep me last */
};

static const char *const mlxsim_key_names[MLXSIM_NUM_KEYS] = {
	[MLXSIM_KEY_GUID] = "guid",
	[MLXSIM_KEY_VHCA_PORTS] = "vhca_ports",
	[MLXSIM_KEY_AFFILIATE] = "affiliate",
	[MLXSIM_KEY_NATIVE_PORT] = "native_port",
	[MLXSIM_KEY_LINK] = "link",
	[MLXSIM_KEY_PORTS] = "ports",
	[MLXSIM_KEY_VFS] = "vfs",
	[MLXSIM_KEY_PKEYS] = "pkeys",
	[MLXSIM_KEY_TYPE] = "type",
	[MLXSIM_KEY_PORT_MNG_CHG_EV] = "port_mng_chg_ev",
};

static const char *mlxsim_key_name(unsigned int k)
{
	return k < MLXSIM_NUM_KEYS ? mlxsim_key_names[k] : "";
}

static int mlxsim_param_value(struct mlxsim_params *p, int key, const char *v)
{
	int err, idx;

	switch (key) {
	case MLXSIM_KEY_GUID:
		err = mlxsim_parse_guid(v, &p->guid);
		if (!err && !p->guid)
			err = -ERANGE; /* 0 is never a valid GUID */
		return err;
	case MLXSIM_KEY_VHCA_PORTS:
		return mlxsim_parse_range(v, 1, MLXSIM_MAX_PORTS,
					  &p->vhca_ports);
	case MLXSIM_KEY_AFFILIATE:
		return mlxsim_parse_range(v, 0, MLXSIM_MAX_AFFILIATE,
					  &p->affiliate);
	case MLXSIM_KEY_NATIVE_PORT:
		return mlxsim_parse_range(v, 1, MLXSIM_MAX_PORTS,
					  &p->native_port);
	case MLXSIM_KEY_PORTS:
		return mlxsim_parse_range(v, 1, MLXSIM_MAX_PORTS, &p->ports);
	case MLXSIM_KEY_VFS:
		return mlxsim_parse_range(v, 0, MLXSIM_MAX_VFS, &p->vfs);
	case MLXSIM_KEY_PKEYS:
		err = mlxsim_parse_range(v, MLXSIM_PKEY_BLOCK,
					 MLXSIM_MAX_PKEYS, &p->pkeys);
		if (!err && p->pkeys % MLXSIM_PKEY_BLOCK)
			err = -EINVAL;
		return err;
	case MLXSIM_KEY_LINK:
		idx = mlxsim_name_lookup(mlxsim_link_name, MLXSIM_LINK_IB + 1, v);
		if (idx < 0)
			return idx;
		p->link = idx;
		return 0;
	case MLXSIM_KEY_TYPE:
		idx = mlxsim_name_lookup(mlxsim_fn_type_name, MLXSIM_FN_VF + 1,
					 v);
		if (idx < 0)
			return idx;
		p->type = idx;
		return 0;
	case MLXSIM_KEY_PORT_MNG_CHG_EV:
		return mlxsim_parse_range(v, 0, 1, &p->port_mng_chg_ev);
	}
	return -EINVAL;
}

static int mlxsim_parse_id(const char *tok, u32 *id)
{
	/* IDs are plain decimal, as in the device name mlxsim<ID> */
	if (tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X'))
		return -EINVAL;
	return mlxsim_parse_range(tok, 0, MLXSIM_ID_MAX, id);
}

int mlxsim_params_parse(const char *buf, size_t len, struct mlxsim_params *p,
			char *bad, size_t badlen)
{
	struct mlxsim_params n = {
		.vhca_ports = 1,
		.native_port = 1,
		.link = MLXSIM_LINK_ETH,
		.ports = 1,
		.pkeys = MLXSIM_MAX_PKEYS,
		.type = MLXSIM_FN_PF,
	};
	char tok[MLXSIM_TOKEN_MAX];
	struct mlxsim_tokenizer t;
	unsigned long seen = 0;
	char *key, *val;
	int err, k;

	mlxsim_set_bad(bad, badlen, "");
	if (len > MLXSIM_INPUT_MAX) {
		mlxsim_set_bad(bad, badlen, "<input too long>");
		return -E2BIG;
	}
	mlxsim_tok_init(&t, buf, len);
	err = mlxsim_tok_next(&t, tok, sizeof(tok));
	if (err <= 0) {
		mlxsim_set_bad(bad, badlen, err ? tok : "<empty>");
		return -EINVAL;
	}
	err = mlxsim_parse_id(tok, &n.id);
	if (err) {
		mlxsim_set_bad(bad, badlen, tok);
		return err;
	}
	n.guid = MLXSIM_GUID_BASE + n.id;

	while ((err = mlxsim_tok_next(&t, tok, sizeof(tok))) > 0) {
		mlxsim_set_bad(bad, badlen, tok);
		if (mlxsim_split_kv(tok, &key, &val))
			return -EINVAL;
		k = mlxsim_name_lookup(mlxsim_key_name, MLXSIM_NUM_KEYS, key);
		if (k < 0 || (seen & BIT(k)))
			return -EINVAL;
		seen |= BIT(k);
		err = mlxsim_param_value(&n, k, val);
		if (err)
			return err;
	}
	if (err < 0) {
		mlxsim_set_bad(bad, badlen, tok);
		return err;
	}
	/*
	 * VFs need an IB device of the function's own to paravirtualize:
	 * a VF cannot host VFs, and a multiport slave has no IB device.
	 */
	if (n.vfs && (n.type == MLXSIM_FN_VF ||
		      mlxsim_params_role(&n) == MLXSIM_ROLE_SLAVE)) {
		mlxsim_set_bad(bad, badlen, "vfs");
		return -EINVAL;
	}
	/* a capability of the SR-IOV (mlx4) firmware only */
	if (n.port_mng_chg_ev && !n.vfs) {
		mlxsim_set_bad(bad, badlen, "port_mng_chg_ev");
		return -EINVAL;
	}
	mlxsim_set_bad(bad, badlen, "");
	*p = n;
	return 0;
}

int mlxsim_id_parse(const char *buf, size_t len, u32 *id, char *bad,
		    size_t badlen)
{
	char tok[MLXSIM_TOKEN_MAX];
	struct mlxsim_tokenizer t;
	u32 v;
	int err;

	mlxsim_set_bad(bad, badlen, "");
	if (len > MLXSIM_INPUT_MAX) {
		mlxsim_set_bad(bad, badlen, "<input too long>");
		return -E2BIG;
	}
	mlxsim_tok_init(&t, buf, len);
	err = mlxsim_tok_next(&t, tok, sizeof(tok));
	if (err <= 0) {
		mlxsim_set_bad(bad, badlen, err ? tok : "<empty>");
		return -EINVAL;
	}
	err = mlxsim_parse_id(tok, &v);
	if (err) {
		mlxsim_set_bad(bad, badlen, tok);
		return err;
	}
	err = mlxsim_tok_next(&t, tok, sizeof(tok));
	if (err) {
		mlxsim_set_bad(bad, badlen, tok);
		return -EINVAL;
	}
	*id = v;
	return 0;
}

enum mlxsim_role mlxsim_params_role(const struct mlxsim_params *p)
{
	if (p->link != MLXSIM_LINK_ETH)
		return MLXSIM_ROLE_NONE;
	if (p->vhca_ports > 1)
		return MLXSIM_ROLE_MASTER;
	if (p->affiliate)
		return MLXSIM_ROLE_SLAVE;
	return MLXSIM_ROLE_NONE;
}

u32 mlxsim_params_native_port(const struct mlxsim_params *p)
{
	return mlxsim_params_role(p) == MLXSIM_ROLE_NONE ? 1 : p->native_port;
}

/* Whatever the link and role: num_vhca_ports counts as ports too. */
u32 mlxsim_params_ib_ports(const struct mlxsim_params *p)
{
	return max(p->ports, p->vhca_ports);
}
