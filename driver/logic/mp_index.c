// SPDX-License-Identifier: GPL-2.0
/*
 * The (GUID, type) index of multiport functions.  Upstream walks one list
 * of IB devices per slave add and one list of waiting slaves per master
 * add; hashing the key keeps an add's cost flat however many functions
 * the host has.
 */
#include "mlxsim/mp.h"

static void mlxsim_mp_ring_init(struct mlxsim_mp_link *head)
{
	head->next = head;
	head->prev = head;
}

static void mlxsim_mp_ring_add_tail(struct mlxsim_mp_link *l,
				    struct mlxsim_mp_link *head)
{
	l->prev = head->prev;
	l->next = head;
	head->prev->next = l;
	head->prev = l;
}

static void mlxsim_mp_ring_del(struct mlxsim_mp_link *l)
{
	l->prev->next = l->next;
	l->next->prev = l->prev;
	l->next = l;
	l->prev = l;
}

/* 64-bit multiplicative hash (golden ratio), top @bits bits. */
u32 mlxsim_mp_hash(u64 guid, u8 type, u32 bits)
{
	u64 h = (guid ^ ((u64)type << 61)) * 0x61c8864680b583ebULL;

	return bits ? (u32)(h >> (64 - bits)) : 0;
}

void mlxsim_mp_index_init(struct mlxsim_mp_index *idx,
			  struct mlxsim_mp_link *masters,
			  struct mlxsim_mp_link *waiting, u32 bits)
{
	u32 i;

	idx->masters = masters;
	idx->waiting = waiting;
	idx->bits = bits;
	idx->nmasters = 0;
	idx->nwaiting = 0;
	for (i = 0; i < (1U << bits); i++) {
		mlxsim_mp_ring_init(&masters[i]);
		mlxsim_mp_ring_init(&waiting[i]);
	}
}

void mlxsim_mp_node_init(struct mlxsim_mp_node *n, u32 id, u64 guid,
			 u8 type, u8 role, u8 native_port, u8 nports)
{
	memset(n, 0, sizeof(*n));
	mlxsim_mp_ring_init(&n->chain);
	n->id = id;
	n->guid = guid;
	n->type = type;
	n->role = role;
	n->native_port = native_port;
	n->nports = nports;
	n->state = MLXSIM_MP_NONE;
}

static struct mlxsim_mp_link *mlxsim_mp_bucket(struct mlxsim_mp_link *tbl,
					       u32 bits, u64 guid, u8 type)
{
	return &tbl[mlxsim_mp_hash(guid, type, bits)];
}

static struct mlxsim_mp_node *mlxsim_mp_of(struct mlxsim_mp_link *l)
{
	return (struct mlxsim_mp_node *)((char *)l -
		offsetof(struct mlxsim_mp_node, chain));
}

/* Walk one chain from after @prev for a node matching the key. */
static struct mlxsim_mp_node *mlxsim_mp_scan(struct mlxsim_mp_link *head,
					     u64 guid, u8 type, int port,
					     struct mlxsim_mp_node *prev)
{
	struct mlxsim_mp_link *l = prev ? prev->chain.next : head->next;

	for (; l != head; l = l->next) {
		struct mlxsim_mp_node *n = mlxsim_mp_of(l);

		if (n->guid != guid || n->type != type)
			continue;
		if (port >= 0 && n->native_port != port)
			continue;
		return n;
	}
	return NULL;
}

struct mlxsim_mp_node *mlxsim_mp_next_master(struct mlxsim_mp_index *idx,
					     u64 guid, u8 type,
					     struct mlxsim_mp_node *prev)
{
	return mlxsim_mp_scan(mlxsim_mp_bucket(idx->masters, idx->bits, guid,
					       type), guid, type, -1, prev);
}

struct mlxsim_mp_node *mlxsim_mp_next_waiting(struct mlxsim_mp_index *idx,
					      u64 guid, u8 type, u8 port,
					      struct mlxsim_mp_node *prev)
{
	return mlxsim_mp_scan(mlxsim_mp_bucket(idx->waiting, idx->bits, guid,
					       type), guid, type, port, prev);
}

void mlxsim_mp_index_publish(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *m)
{
	struct mlxsim_mp_link *head;

	if (m->published)
		return;
	head = mlxsim_mp_bucket(idx->masters, idx->bits, m->guid, m->type);
	mlxsim_mp_ring_add_tail(&m->chain, head);
	m->published = true;
	idx->nmasters++;
}

void mlxsim_mp_index_unpublish(struct mlxsim_mp_index *idx,
			       struct mlxsim_mp_node *m)
{
	if (!m->published)
		return;
	mlxsim_mp_ring_del(&m->chain);
	m->published = false;
	idx->nmasters--;
}

/* Queue at the tail: a waiting slave is on the list exactly once. */
void mlxsim_mp_index_enqueue(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *s)
{
	struct mlxsim_mp_link *head;

	if (s->queued)
		return;
	head = mlxsim_mp_bucket(idx->waiting, idx->bits, s->guid, s->type);
	mlxsim_mp_ring_add_tail(&s->chain, head);
	s->queued = true;
	idx->nwaiting++;
}

void mlxsim_mp_index_dequeue(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *s)
{
	if (!s->queued)
		return;
	mlxsim_mp_ring_del(&s->chain);
	s->queued = false;
	idx->nwaiting--;
}
