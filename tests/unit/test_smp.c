// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the SMP snoop: cache updates and who gets an event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/mad.h"
#include "mlxsim/pkey.h"

static struct mlxsim_pkey_tables *tables(u32 vfs, u32 ports, u32 pkeys)
{
	struct mlxsim_pkey_tables *t = malloc(sizeof(*t));

	mlxsim_pkey_tables_init(t, vfs, ports, pkeys);
	return t;
}

static void map(struct mlxsim_pkey_tables *t, u32 slave, u32 port, u32 i,
		u32 phys)
{
	struct mlxsim_remap r = { .slave = slave, .index = i, .phys = phys };

	mlxsim_pkey_remap(t, port, &r);
}

static unsigned int notified(const struct mlxsim_snoop *r)
{
	unsigned int s, n = 0;

	for (s = 0; s < MLXSIM_MAX_SLAVES; s++)
		n += test_bit(s, r->notify);
	return n;
}

static void block_of(const struct mlxsim_pkey_tables *t, u32 port, u32 block,
		     u16 *out)
{
	memcpy(out, &t->cache[port - 1][block * 32], 32 * sizeof(u16));
}

static bool test_smp_identical_set(void)
{
	struct mlxsim_pkey_tables *t = tables(8, 2, 128);
	struct mlxsim_snoop r;
	u16 b[32];

	block_of(t, 1, 0, b);
	mlxsim_pkey_snoop(t, 1, 0, b, &r);
	ASSERT_EQ(r.changed, 0);
	ASSERT_FALSE(r.master_event);
	ASSERT_EQ(notified(&r), 0);
	free(t);
	return true;
}

static bool test_smp_block1_one_change(void)
{
	struct mlxsim_pkey_tables *t = tables(8, 2, 128);
	struct mlxsim_snoop r;
	u16 b[32];

	/*
	 * port 2:  vf3 idx 4 -> phys 37, vf5 idx 9 -> phys 37,
	 *          vf6 idx 2 -> phys 38 (not changed), vf5 inactive
	 */
	map(t, 3, 2, 4, 37);
	map(t, 5, 2, 9, 37);
	map(t, 6, 2, 2, 38);
	map(t, 7, 1, 2, 37);	/* other port: no event */
	mlxsim_pkey_set_active(t, 5, false);
	block_of(t, 2, 1, b);
	b[5] = 0x8025;
	mlxsim_pkey_snoop(t, 2, 1, b, &r);
	ASSERT_EQ(r.changed, 1U << 5);
	ASSERT_EQ(t->cache[1][37], 0x8025);
	ASSERT_EQ(t->cache[0][37], 0);
	ASSERT_EQ(r.old[5], 0);
	ASSERT_EQ(r.new[5], 0x8025);
	ASSERT_TRUE(r.master_event);
	ASSERT_EQ(notified(&r), 1);
	ASSERT_TRUE(test_bit(3, r.notify));
	ASSERT_EQ(mlxsim_pkey_guest(t, 3, 2, 4), 0x8025);
	free(t);
	return true;
}

static bool test_smp_several_changes_one_vf(void)
{
	struct mlxsim_pkey_tables *t = tables(4, 1, 64);
	struct mlxsim_snoop r;
	u16 b[32];

	map(t, 2, 1, 1, 3);
	map(t, 2, 1, 2, 4);
	map(t, 2, 1, 3, 5);
	block_of(t, 1, 0, b);
	b[3] = 0x8003;
	b[4] = 0x8004;
	b[5] = 0x8005;
	mlxsim_pkey_snoop(t, 1, 0, b, &r);
	ASSERT_EQ(r.changed, 0x38);
	ASSERT_EQ(notified(&r), 1);
	ASSERT_TRUE(test_bit(2, r.notify));
	free(t);
	return true;
}

static bool test_smp_index0_every_active_vf(void)
{
	struct mlxsim_pkey_tables *t = tables(79, 2, 128);
	struct mlxsim_snoop r;
	u32 s;
	u16 b[32];

	mlxsim_pkey_set_active(t, 40, false);
	block_of(t, 1, 0, b);
	b[0] = 0x7fff;
	mlxsim_pkey_snoop(t, 1, 0, b, &r);
	ASSERT_EQ(r.changed, 1);
	ASSERT_FALSE(test_bit(0, r.notify));	/* the master is apart */
	for (s = 1; s <= 79; s++)
		ASSERT_EQ(test_bit(s, r.notify), s != 40);
	ASSERT_EQ(notified(&r), 78);
	free(t);
	return true;
}

static bool test_smp_inactive_vf_none(void)
{
	struct mlxsim_pkey_tables *t = tables(2, 1, 32);
	struct mlxsim_snoop r;
	u16 b[32];

	map(t, 1, 1, 1, 7);
	mlxsim_pkey_set_active(t, 1, false);
	block_of(t, 1, 0, b);
	b[7] = 0x8007;
	mlxsim_pkey_snoop(t, 1, 0, b, &r);
	ASSERT_TRUE(r.master_event);
	ASSERT_EQ(notified(&r), 0);
	free(t);
	return true;
}

static bool test_smp_no_vfs_every_set(void)
{
	struct mlxsim_pkey_tables *t = tables(0, 1, 32);
	struct mlxsim_snoop r;
	u16 b[32];

	block_of(t, 1, 0, b);
	mlxsim_pkey_snoop(t, 1, 0, b, &r);
	ASSERT_EQ(r.changed, 0);
	ASSERT_TRUE(r.master_event);
	ASSERT_EQ(notified(&r), 0);
	free(t);
	return true;
}

const struct mlxsim_test smp_tests[] = {
	TEST(test_smp_identical_set),
	TEST(test_smp_block1_one_change),
	TEST(test_smp_several_changes_one_vf),
	TEST(test_smp_index0_every_active_vf),
	TEST(test_smp_inactive_vf_none),
	TEST(test_smp_no_vfs_every_set),
	{ NULL, NULL },
};
