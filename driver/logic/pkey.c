// SPDX-License-Identifier: GPL-2.0
/* virt2phys tables, their reverse map, the guest view and admin remap. */
#include "mlxsim/pkey.h"
#include "mlxsim/parse.h"

static void mlxsim_slave_set(unsigned long *map, u32 slave, bool on)
{
	unsigned long bit = 1UL << (slave % BITS_PER_LONG);

	if (on)
		map[slave / BITS_PER_LONG] |= bit;
	else
		map[slave / BITS_PER_LONG] &= ~bit;
}

void mlxsim_pkey_tables_init(struct mlxsim_pkey_tables *t, u32 vfs,
			     u32 ports, u32 pkeys)
{
	u32 s, p, i;

	memset(t, 0, sizeof(*t));
	t->vfs = vfs;
	t->ports = ports;
	t->pkeys = pkeys;
	for (p = 0; p < ports; p++) {
		for (i = 0; i < pkeys; i++)
			t->v2p[0][p][i] = i;
		for (s = 1; s <= vfs; s++) {
			/* index 0 is the default P_Key, the rest unusable */
			t->v2p[s][p][0] = 0;
			for (i = 1; i < pkeys; i++)
				t->v2p[s][p][i] = pkeys - 1;
			mlxsim_slave_set(t->rev[p][0], s, true);
			if (pkeys > 1)
				mlxsim_slave_set(t->rev[p][pkeys - 1], s, true);
		}
		t->cache[p][0] = MLXSIM_PKEY_DEFAULT;
	}
	for (s = 1; s <= vfs; s++)
		mlxsim_slave_set(t->active, s, true);
}

u16 mlxsim_pkey_guest(const struct mlxsim_pkey_tables *t, u32 slave,
		      u32 port, u32 index)
{
	return t->cache[port - 1][t->v2p[slave][port - 1][index]];
}

int mlxsim_pkey_remap_parse(const struct mlxsim_pkey_tables *t,
			    const char *buf, size_t len, struct mlxsim_remap *r,
			    char *bad, size_t badlen)
{
	char tok[3][MLXSIM_TOKEN_MAX], extra[MLXSIM_TOKEN_MAX];
	struct mlxsim_tokenizer tk;
	struct mlxsim_remap out;
	int i, n, err = 0;

	mlxsim_tok_init(&tk, buf, len);
	for (i = 0; i < 3; i++) {
		n = mlxsim_tok_next(&tk, tok[i], sizeof(tok[i]));
		if (n <= 0) {
			mlxsim_set_bad(bad, badlen, n ? tok[i] : "<missing>");
			return -EINVAL;
		}
	}
	n = mlxsim_tok_next(&tk, extra, sizeof(extra));
	if (n) {
		mlxsim_set_bad(bad, badlen, extra);
		return -EINVAL;
	}

	i = 0;
	err = mlxsim_parse_u32(tok[0], &out.slave);
	if (!err && out.slave == 0)
		err = -EPERM;	/* the master's row is 1:1 for good */
	else if (!err && out.slave > t->vfs)
		err = -ENOENT;
	if (!err) {
		i = 1;
		err = mlxsim_parse_range(tok[1], 0, t->pkeys - 1, &out.index);
	}
	if (!err) {
		i = 2;
		if (!strcmp(tok[2], "none"))
			out.phys = mlxsim_pkey_reserved(t);
		else
			err = mlxsim_parse_range(tok[2], 0, t->pkeys - 1,
						 &out.phys);
	}
	if (err) {
		mlxsim_set_bad(bad, badlen, tok[i]);
		return err;
	}
	*r = out;
	return 0;
}

/* Does @slave still map some index on @port to @phys? */
static bool mlxsim_pkey_maps(const struct mlxsim_pkey_tables *t, u32 slave,
			     u32 port, u32 phys)
{
	u32 i;

	for (i = 0; i < t->pkeys; i++)
		if (t->v2p[slave][port - 1][i] == phys)
			return true;
	return false;
}

u32 mlxsim_pkey_remap(struct mlxsim_pkey_tables *t, u32 port,
		      const struct mlxsim_remap *r)
{
	u8 *e = &t->v2p[r->slave][port - 1][r->index];
	u32 old = *e;

	if (old == r->phys)
		return old;
	*e = r->phys;
	mlxsim_slave_set(t->rev[port - 1][r->phys], r->slave, true);
	/* admin writes are rare: a row scan keeps the reverse map exact */
	if (!mlxsim_pkey_maps(t, r->slave, port, old))
		mlxsim_slave_set(t->rev[port - 1][old], r->slave, false);
	return old;
}

bool mlxsim_pkey_active(const struct mlxsim_pkey_tables *t, u32 slave)
{
	return test_bit(slave, t->active);
}

void mlxsim_pkey_set_active(struct mlxsim_pkey_tables *t, u32 slave,
			    bool on)
{
	mlxsim_slave_set(t->active, slave, on);
}

/*
 * The reverse map against the forward one, in one pass per VF and port
 * (vfs * ports * pkeys) rather than a mlxsim_pkey_maps() per entry.
 */
bool mlxsim_pkey_rev_consistent(const struct mlxsim_pkey_tables *t)
{
	unsigned long mapped[MLXSIM_PKEY_LONGS];
	u32 s, p, i;

	for (p = 1; p <= t->ports; p++) {
		for (i = 0; i < t->pkeys; i++)
			if (test_bit(0, t->rev[p - 1][i]))
				return false;
		for (s = 1; s <= t->vfs; s++) {
			memset(mapped, 0, sizeof(mapped));
			for (i = 0; i < t->pkeys; i++) {
				if (t->v2p[s][p - 1][i] >= t->pkeys)
					return false;
				__set_bit(t->v2p[s][p - 1][i], mapped);
			}
			for (i = 0; i < t->pkeys; i++)
				if (test_bit(s, t->rev[p - 1][i]) !=
				    test_bit(i, mapped))
					return false;
		}
	}
	return true;
}

/* The IB spec makes a P_Key with base 0 (0x0000, 0x8000) invalid. */
const char *mlxsim_pkey_membership_name(u16 pkey)
{
	if (!(pkey & ~MLXSIM_PKEY_FULL))
		return "invalid";
	return pkey & MLXSIM_PKEY_FULL ? "full" : "limited";
}
