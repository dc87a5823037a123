// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the (GUID, type) index of logic/mp_index.c: exact-key
 * matches despite collisions, arrival order, idempotent membership, and
 * the single-chain (upstream list walk) mode giving the same answers.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/mp.h"

#define L_N 512

static struct mlxsim_mp_node nodes[L_N];
static struct mlxsim_mp_link lm[1 << 8], lw[1 << 8];

static bool lookup_world(u32 bits)
{
	struct mlxsim_mp_index idx;
	struct mlxsim_mp_node *n;
	u32 i;

	mlxsim_mp_index_init(&idx, lm, lw, bits);
	/* even ids masters of GUID id/2, odd ids waiting slaves of it */
	for (i = 0; i < L_N; i++) {
		u8 role = i & 1 ? MLXSIM_ROLE_SLAVE : MLXSIM_ROLE_MASTER;

		mlxsim_mp_node_init(&nodes[i], i, 0x1000 + i / 2,
				    (i / 2) & 1 ? MLXSIM_FN_VF : MLXSIM_FN_PF,
				    role, role == MLXSIM_ROLE_SLAVE ? 2 : 1, 2);
		if (role == MLXSIM_ROLE_MASTER)
			mlxsim_mp_index_publish(&idx, &nodes[i]);
		else
			mlxsim_mp_index_enqueue(&idx, &nodes[i]);
	}
	ASSERT_EQ(idx.nmasters, L_N / 2);
	ASSERT_EQ(idx.nwaiting, L_N / 2);
	for (i = 0; i < L_N; i += 2) {
		u8 type = nodes[i].type, other = !type;

		n = mlxsim_mp_next_master(&idx, nodes[i].guid, type, NULL);
		ASSERT_TRUE(n == &nodes[i]);
		ASSERT_TRUE(!mlxsim_mp_next_master(&idx, nodes[i].guid, type,
						   n));
		ASSERT_TRUE(!mlxsim_mp_next_master(&idx, nodes[i].guid, other,
						   NULL));
		n = mlxsim_mp_next_waiting(&idx, nodes[i].guid, type, 2, NULL);
		ASSERT_TRUE(n == &nodes[i + 1]);
		ASSERT_TRUE(!mlxsim_mp_next_waiting(&idx, nodes[i].guid, type,
						    1, NULL));
	}
	ASSERT_TRUE(!mlxsim_mp_next_master(&idx, 0x42, MLXSIM_FN_PF, NULL));
	/* membership is idempotent: counted once */
	mlxsim_mp_index_enqueue(&idx, &nodes[1]);
	mlxsim_mp_index_publish(&idx, &nodes[0]);
	ASSERT_EQ(idx.nmasters, L_N / 2);
	ASSERT_EQ(idx.nwaiting, L_N / 2);
	for (i = 0; i < L_N; i++) {
		mlxsim_mp_index_unpublish(&idx, &nodes[i]);
		mlxsim_mp_index_dequeue(&idx, &nodes[i]);
		mlxsim_mp_index_dequeue(&idx, &nodes[i]);
	}
	ASSERT_EQ(idx.nmasters, 0);
	ASSERT_EQ(idx.nwaiting, 0);
	for (i = 0; i < (1U << bits); i++)
		ASSERT_TRUE(lm[i].next == &lm[i] && lw[i].next == &lw[i]);
	return true;
}

static bool test_mp_lookup_hashed(void)
{
	return lookup_world(8);
}

/* Two buckets: nearly everything collides, answers stay exact. */
static bool test_mp_lookup_collisions(void)
{
	return lookup_world(1);
}

static bool test_mp_lookup_linear(void)
{
	return lookup_world(0);
}

/* Several masters of one key come back in arrival order. */
static bool test_mp_lookup_same_key_order(void)
{
	struct mlxsim_mp_index idx;
	struct mlxsim_mp_node *n;
	u32 i;

	mlxsim_mp_index_init(&idx, lm, lw, 3);
	for (i = 0; i < 4; i++) {
		mlxsim_mp_node_init(&nodes[i], i, 0x77, MLXSIM_FN_PF,
				    MLXSIM_ROLE_MASTER, 1, 2);
		mlxsim_mp_index_publish(&idx, &nodes[i]);
	}
	mlxsim_mp_index_unpublish(&idx, &nodes[1]);
	n = mlxsim_mp_next_master(&idx, 0x77, MLXSIM_FN_PF, NULL);
	ASSERT_EQ(n->id, 0);
	n = mlxsim_mp_next_master(&idx, 0x77, MLXSIM_FN_PF, n);
	ASSERT_EQ(n->id, 2);
	n = mlxsim_mp_next_master(&idx, 0x77, MLXSIM_FN_PF, n);
	ASSERT_EQ(n->id, 3);
	ASSERT_TRUE(!mlxsim_mp_next_master(&idx, 0x77, MLXSIM_FN_PF, n));
	return true;
}

/* The hash spreads consecutive GUIDs and separates PF from VF. */
static bool test_mp_lookup_hash_spread(void)
{
	static u32 count[1 << 8];
	u32 i, maxc = 0;

	memset(count, 0, sizeof(count));
	for (i = 0; i < 4096; i++)
		count[mlxsim_mp_hash(MLXSIM_GUID_BASE + i, i & 1, 8)]++;
	for (i = 0; i < (1 << 8); i++)
		maxc = count[i] > maxc ? count[i] : maxc;
	/* 16 per bucket on average */
	ASSERT_TRUE(maxc < 48);
	ASSERT_NE(mlxsim_mp_hash(5, MLXSIM_FN_PF, 12),
		  mlxsim_mp_hash(5, MLXSIM_FN_VF, 12));
	ASSERT_EQ(mlxsim_mp_hash(5, MLXSIM_FN_PF, 0), 0);
	return true;
}

const struct mlxsim_test mp_lookup_tests[] = {
	TEST(test_mp_lookup_hashed),
	TEST(test_mp_lookup_collisions),
	TEST(test_mp_lookup_linear),
	TEST(test_mp_lookup_same_key_order),
	TEST(test_mp_lookup_hash_spread),
	{ NULL, NULL }
};
