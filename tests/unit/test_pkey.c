// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the P_Key tables: init, guest view, admin remap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/pkey.h"

static struct mlxsim_pkey_tables *tables(u32 vfs, u32 ports, u32 pkeys)
{
	struct mlxsim_pkey_tables *t = malloc(sizeof(*t));

	memset(t, 0xa5, sizeof(*t));	/* init must not rely on zeroed memory */
	mlxsim_pkey_tables_init(t, vfs, ports, pkeys);
	return t;
}

static int remap(struct mlxsim_pkey_tables *t, u32 port, const char *s,
		 u32 *old)
{
	char bad[MLXSIM_TOKEN_MAX];
	struct mlxsim_remap r;
	int err = mlxsim_pkey_remap_parse(t, s, strlen(s), &r, bad, sizeof(bad));

	if (!err)
		*old = mlxsim_pkey_remap(t, port, &r);
	return err;
}

static bool check_init(u32 vfs, u32 ports, u32 pkeys)
{
	struct mlxsim_pkey_tables *t = tables(vfs, ports, pkeys);
	u32 s, p, i;
	bool ok = false;

	/*
	 * master:  i -> i            VF: 0 -> 0, i -> pkeys-1
	 * cache:   [0]=0xffff, rest 0
	 */
	for (p = 1; p <= ports; p++) {
		for (i = 0; i < pkeys; i++) {
			if (t->v2p[0][p - 1][i] != i)
				goto out;
			if (t->cache[p - 1][i] != (i ? 0 : 0xffff))
				goto out;
			for (s = 1; s <= vfs; s++)
				if (t->v2p[s][p - 1][i] != (i ? pkeys - 1 : 0))
					goto out;
		}
		for (s = 1; s <= vfs; s++) {
			if (mlxsim_pkey_guest(t, s, p, 0) != 0xffff ||
			    mlxsim_pkey_guest(t, s, p, pkeys - 1) != 0)
				goto out;
			if (!mlxsim_pkey_active(t, s))
				goto out;
		}
	}
	ok = mlxsim_pkey_rev_consistent(t) && t->vfs == vfs &&
	     t->ports == ports && t->pkeys == pkeys &&
	     !mlxsim_pkey_active(t, 0) && !mlxsim_pkey_active(t, vfs + 1);
out:
	free(t);
	return ok;
}

static bool test_pkey_init_shapes(void)
{
	ASSERT_TRUE(check_init(1, 1, 128));
	ASSERT_TRUE(check_init(4, 2, 64));
	ASSERT_TRUE(check_init(8, 2, 32));
	ASSERT_TRUE(check_init(79, 2, 128));
	ASSERT_TRUE(check_init(79, 1, 96));
	ASSERT_TRUE(check_init(0, 2, 128));
	return true;
}

static bool test_pkey_guest_view(void)
{
	struct mlxsim_pkey_tables *t = tables(3, 2, 128);
	u32 old;

	t->cache[1][5] = 0x8001;
	t->cache[1][6] = 0x0002;
	ASSERT_EQ(remap(t, 2, "2 3 5", &old), 0);
	ASSERT_EQ(old, 127);
	ASSERT_EQ(mlxsim_pkey_guest(t, 2, 2, 3), 0x8001);
	/* the same index on the other port and of another VF is unchanged */
	ASSERT_EQ(mlxsim_pkey_guest(t, 2, 1, 3), 0);
	ASSERT_EQ(mlxsim_pkey_guest(t, 1, 2, 3), 0);
	ASSERT_EQ(mlxsim_pkey_guest(t, 0, 2, 6), 0x0002);
	free(t);
	return true;
}

static bool test_pkey_remap_none_and_reverse(void)
{
	struct mlxsim_pkey_tables *t = tables(4, 1, 64);
	u32 old;

	ASSERT_EQ(remap(t, 1, "1 10 7\n", &old), 0);
	ASSERT_TRUE(test_bit(1, t->rev[0][7]));
	ASSERT_EQ(remap(t, 1, "1 11 7", &old), 0);
	/* undo one of two mappings: the reverse bit stays */
	ASSERT_EQ(remap(t, 1, "1 10 none", &old), 0);
	ASSERT_EQ(old, 7);
	ASSERT_EQ(t->v2p[1][0][10], 63);
	ASSERT_TRUE(test_bit(1, t->rev[0][7]));
	ASSERT_EQ(remap(t, 1, "1 11 none", &old), 0);
	ASSERT_FALSE(test_bit(1, t->rev[0][7]));
	/* remapping index 0 away drops the slave from phys 0 */
	ASSERT_EQ(remap(t, 1, "1 0 3", &old), 0);
	ASSERT_FALSE(test_bit(1, t->rev[0][0]));
	ASSERT_TRUE(test_bit(2, t->rev[0][0]));
	/* unchanged value reports the same old index: no event */
	ASSERT_EQ(remap(t, 1, "1 0 3", &old), 0);
	ASSERT_EQ(old, 3);
	ASSERT_TRUE(mlxsim_pkey_rev_consistent(t));
	free(t);
	return true;
}

/* the consistency check itself fails on each kind of damage */
static bool test_pkey_rev_consistent_catches(void)
{
	struct mlxsim_pkey_tables *t = tables(3, 2, 32);

	ASSERT_TRUE(mlxsim_pkey_rev_consistent(t));
	/* a VF listed at an entry it does not map */
	__set_bit(2, t->rev[1][5]);
	ASSERT_FALSE(mlxsim_pkey_rev_consistent(t));
	t->rev[1][5][0] = 0;
	ASSERT_TRUE(mlxsim_pkey_rev_consistent(t));
	/* a VF missing from an entry it maps */
	t->v2p[3][0][4] = 9;
	ASSERT_FALSE(mlxsim_pkey_rev_consistent(t));
	__set_bit(3, t->rev[0][9]);
	ASSERT_TRUE(mlxsim_pkey_rev_consistent(t));
	/* the master, whose map is 1:1, is never listed */
	__set_bit(0, t->rev[0][1]);
	ASSERT_FALSE(mlxsim_pkey_rev_consistent(t));
	t->rev[0][1][0] = 0;
	/* a map entry past the table */
	t->v2p[1][1][2] = 32;
	ASSERT_FALSE(mlxsim_pkey_rev_consistent(t));
	free(t);
	return true;
}

static bool test_pkey_remap_refused(void)
{
	struct mlxsim_pkey_tables *t = tables(4, 2, 64), *copy;
	char bad[MLXSIM_TOKEN_MAX];
	struct mlxsim_remap r;
	static const struct {
		const char *in;
		int err;
		const char *bad;
	} cases[] = {
		{ "0 1 1", -EPERM, "0" },	/* the master's row */
		{ "5 1 1", -ENOENT, "5" },	/* no such VF */
		{ "1 64 1", -ERANGE, "64" },
		{ "1 1 64", -ERANGE, "64" },
		{ "1 1 x", -EINVAL, "x" },
		{ "1 1", -EINVAL, "<missing>" },
		{ "1 1 1 1", -EINVAL, "1" },
		{ "", -EINVAL, "<missing>" },
		{ "-1 1 1", -EINVAL, "-1" },
	};
	unsigned int i;

	copy = malloc(sizeof(*copy));
	memcpy(copy, t, sizeof(*t));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(mlxsim_pkey_remap_parse(t, cases[i].in,
						  strlen(cases[i].in), &r, bad,
						  sizeof(bad)), cases[i].err);
		ASSERT_STREQ(bad, cases[i].bad);
	}
	ASSERT_EQ(memcmp(copy, t, sizeof(*t)), 0);
	free(copy);
	free(t);
	return true;
}

static bool test_pkey_active(void)
{
	struct mlxsim_pkey_tables *t = tables(79, 2, 128);

	mlxsim_pkey_set_active(t, 79, false);
	ASSERT_FALSE(mlxsim_pkey_active(t, 79));
	ASSERT_TRUE(mlxsim_pkey_active(t, 78));
	mlxsim_pkey_set_active(t, 79, true);
	ASSERT_TRUE(mlxsim_pkey_active(t, 79));
	free(t);
	return true;
}

static bool test_pkey_membership(void)
{
	ASSERT_STREQ(mlxsim_pkey_membership_name(0x0000), "invalid");
	ASSERT_STREQ(mlxsim_pkey_membership_name(0x8000), "invalid");
	ASSERT_STREQ(mlxsim_pkey_membership_name(0xffff), "full");
	ASSERT_STREQ(mlxsim_pkey_membership_name(0x7fff), "limited");
	ASSERT_STREQ(mlxsim_pkey_membership_name(0x0001), "limited");
	return true;
}

const struct mlxsim_test pkey_tests[] = {
	TEST(test_pkey_membership),
	TEST(test_pkey_init_shapes),
	TEST(test_pkey_guest_view),
	TEST(test_pkey_remap_none_and_reverse),
	TEST(test_pkey_rev_consistent_catches),
	TEST(test_pkey_remap_refused),
	TEST(test_pkey_active),
	{ NULL, NULL },
};
