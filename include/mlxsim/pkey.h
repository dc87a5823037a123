/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P_Key paravirtualization tables of one SR-IOV device (mlx4 style):
 * virt2phys per slave and port, the physical P_Key cache, and a reverse
 * map (physical index -> slaves) so snoop propagation costs O(changed).
 */
#ifndef MLXSIM_PKEY_H
#define MLXSIM_PKEY_H

#include "mlxsim/types.h"
#include "mlxsim/params.h"

#define MLXSIM_MAX_SLAVES (MLXSIM_MAX_VFS + 1)	/* slave 0 is the master */
#define MLXSIM_SLAVE_LONGS BITS_TO_LONGS(MLXSIM_MAX_SLAVES)
#define MLXSIM_PKEY_LONGS BITS_TO_LONGS(MLXSIM_MAX_PKEYS)
/* P_Key membership bit: set = full, clear = limited */
#define MLXSIM_PKEY_FULL 0x8000

/* "full", "limited", or "invalid" for a P_Key whose base is 0. */
const char *mlxsim_pkey_membership_name(u16 pkey);

#define MLXSIM_PKEY_DEFAULT 0xffff

struct mlxsim_pkey_tables {
	u32 vfs;
	u32 ports;
	u32 pkeys;
	u8 v2p[MLXSIM_MAX_SLAVES][MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];
	u16 cache[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];
	/* VFs (never slave 0) mapping some index to a physical index */
	unsigned long rev[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS][MLXSIM_SLAVE_LONGS];
	unsigned long active[MLXSIM_SLAVE_LONGS];
};

/* The reserved, always-invalid physical entry every unmapped index uses. */
static inline u32 mlxsim_pkey_reserved(const struct mlxsim_pkey_tables *t)
{
	return t->pkeys - 1;
}

/* Default tables (DESIGN "Tables"); every VF active. */
void mlxsim_pkey_tables_init(struct mlxsim_pkey_tables *t, u32 vfs,
			     u32 ports, u32 pkeys);

/* Guest view: physical P_Key behind slave's index on port (1-based). */
u16 mlxsim_pkey_guest(const struct mlxsim_pkey_tables *t, u32 slave,
		      u32 port, u32 index);

struct mlxsim_remap {
	u32 slave;
	u32 index;
	u32 phys;
};

/*
 * Parse a virt2phys write "SLAVE INDEX PHYS|none" against @t's bounds.
 * -EPERM for the master's row, -ERANGE/-ENOENT out of range, -EINVAL junk.
 */
int mlxsim_pkey_remap_parse(const struct mlxsim_pkey_tables *t,
			    const char *buf, size_t len, struct mlxsim_remap *r,
			    char *bad, size_t badlen);

/*
 * Apply a parsed remap on @port.  Returns the old physical index; the
 * caller sends the event when it differs from r->phys.
 */
u32 mlxsim_pkey_remap(struct mlxsim_pkey_tables *t, u32 port,
		      const struct mlxsim_remap *r);

bool mlxsim_pkey_active(const struct mlxsim_pkey_tables *t, u32 slave);
void mlxsim_pkey_set_active(struct mlxsim_pkey_tables *t, u32 slave,
			    bool on);

/* What one snooped PKeyTable SET did. */
struct mlxsim_snoop {
	u32 block;
	u32 changed;		/* bit i: entry block * 32 + i changed */
	u16 old[MLXSIM_PKEY_BLOCK];
	u16 new[MLXSIM_PKEY_BLOCK];
	bool master_event;
	/* active VFs that map some index to a changed entry */
	unsigned long notify[MLXSIM_SLAVE_LONGS];
};

/*
 * Fold a SET the firmware accepted into the cache of @port and work out
 * who gets an event.  Cost follows the changed entries, not vfs * pkeys.
 * Without VFs every SET is an event for the master.
 */
void mlxsim_pkey_snoop(struct mlxsim_pkey_tables *t, u32 port, u32 block,
		       const u16 *pkeys, struct mlxsim_snoop *r);

/* Copy the offending token of a refused write, truncated to @badlen. */

/* Check the reverse map against v2p (tests and the stress check). */
bool mlxsim_pkey_rev_consistent(const struct mlxsim_pkey_tables *t);

#endif /* MLXSIM_PKEY_H */
