// SPDX-License-Identifier: GPL-2.0
/*
 * SMP snoop: fold an accepted SubnSet(PKeyTable) into the P_Key cache and
 * find the slaves to notify through the reverse map, so the cost follows
 * the changed entries (upstream scans every slave's whole table).
 */
#include "mlxsim/pkey.h"
#include "mlxsim/mad.h"

bool mlxsim_smp_is_pkey_set(const struct mlxsim_smp *smp, u16 status)
{
	return status == MLXSIM_MAD_STATUS_OK &&
	       mlxsim_smp_class(smp->mgmt_class) &&
	       smp->method == MLXSIM_MAD_METHOD_SET &&
	       smp->attr_id == MLXSIM_ATTR_PKEY_TABLE;
}

void mlxsim_pkey_snoop(struct mlxsim_pkey_tables *t, u32 port, u32 block,
		       const u16 *pkeys, struct mlxsim_snoop *r)
{
	u16 *cache = &t->cache[port - 1][block * MLXSIM_PKEY_BLOCK];
	u32 i, w, phys;

	memset(r, 0, sizeof(*r));
	r->block = block;
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++) {
		r->old[i] = cache[i];
		r->new[i] = pkeys[i];
		if (cache[i] == pkeys[i])
			continue;
		cache[i] = pkeys[i];
		r->changed |= 1U << i;
		phys = block * MLXSIM_PKEY_BLOCK + i;
		for (w = 0; w < MLXSIM_SLAVE_LONGS; w++)
			r->notify[w] |= t->rev[port - 1][phys][w];
	}
	for (w = 0; w < MLXSIM_SLAVE_LONGS; w++)
		r->notify[w] &= t->active[w];
	/* without VFs nothing is cached for slaves: every SET is an event */
	r->master_event = r->changed || !t->vfs;
}
