/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlx4's alias GUID service (drivers/infiniband/hw/mlx4/alias_GUID.c),
 * the decisions without the kernel: which GUIDInfo record of a port the
 * PF asks the SA to set next, what an SA answer means for each entry
 * (kept, declined and retried with backoff, taken as the new admin
 * GUID), and which slaves a GUIDInfo change concerns.  Entry i of block
 * b is slave b * 8 + i; entry 0 of block 0 is the port GUID, never asked.
 *
 * The kernel shell (driver/ib_alias_guid.c) holds the lock, runs the
 * work, sends the SA queries and delivers the events.
 */
#ifndef MLXSIM_ALIAS_GUID_H
#define MLXSIM_ALIAS_GUID_H

#include "mlxsim/types.h"

#define MLXSIM_AG_PER_REC	8	/* NUM_ALIAS_GUID_IN_REC */
#define MLXSIM_AG_RECS		16	/* NUM_ALIAS_GUID_REC_IN_PORT */
#define MLXSIM_AG_PER_PORT	(MLXSIM_AG_PER_REC * MLXSIM_AG_RECS)
/* an admin GUID of all ones: delete the entry (MLX4_GUID_FOR_DELETE_VAL) */
#define MLXSIM_AG_DELETE	(~0ULL)
/* the longest retry delay for a declined entry, in seconds */
#define MLXSIM_AG_MAX_RETRY_S	60
#define MLXSIM_NSEC_PER_SEC	1000000000ULL

enum mlxsim_ag_status {
	MLXSIM_AG_REC_IDLE,	/* entries left to ask for */
	MLXSIM_AG_REC_SET,	/* nothing to ask */
};

/* One GUIDInfo record as the PF wants it (mlx4_sriov_alias_guid_info_rec_det). */
struct mlxsim_ag_rec {
	u64 want[MLXSIM_AG_PER_REC];	/* required value of each entry */
	u8 pending;			/* entries still to ask for */
	u8 status;			/* enum mlxsim_ag_status */
	u64 time_to_run;		/* earliest next request, ns */
	u32 retry_s[MLXSIM_AG_PER_REC];	/* current backoff, seconds */
};

struct mlxsim_ag_port {
	struct mlxsim_ag_rec rec[MLXSIM_AG_RECS];
	bool need_init;		/* admin GUIDs not loaded since start */
};

/* A request to send: one record, set or delete (mlx4_next_alias_guid_work). */
struct mlxsim_ag_req {
	u32 block;
	u8 method;		/* MLXSIM_AG_METHOD_* */
	u8 mask;		/* entries asked */
	u64 guid[MLXSIM_AG_PER_REC];
};

/* What an SA answer did to each entry of the request. */
struct mlxsim_ag_outcome {
	u8 kept;		/* set (or deleted) as asked */
	u8 declined;		/* refused or not assigned: asked again */
	u8 admin;		/* kept entries the SM chose: new admin GUIDs */
	u32 retry_s;		/* delay before the record is asked again */
};

/* What a GUIDInfo change means for the slaves of a record. */
struct mlxsim_ag_notify {
	u8 changed;		/* slaves to send GID_CHANGE */
	u8 valid;		/* ... of which the GUID is valid */
	u8 first;		/* slave of entry 0 (block * 8) */
};

/* All entries deleted, every record to be asked once admin GUIDs load. */
void mlxsim_ag_port_init(struct mlxsim_ag_port *p);

/* invalidate_guid_record: put every entry not marked delete up again. */
void mlxsim_ag_invalidate(struct mlxsim_ag_port *p, u32 block);

/* Entry @entry requires @guid (the admin GUID; sysfs admin_guids). */
void mlxsim_ag_want(struct mlxsim_ag_port *p, u32 entry, u64 guid);

/*
 * mlx4_ib_slave_alias_guid_event: slave @slave came up (@init, ask for
 * @admin unless it is a delete) or went away (ask to delete what it had).
 * Returns true if there is something to send now.
 */
bool mlxsim_ag_slave_event(struct mlxsim_ag_port *p, u32 slave, bool init,
			   u64 admin);

/*
 * The record to ask for next (lowest time_to_run among idle records with
 * pending entries); false if none.  *@delay_s: seconds until it is due.
 */
bool mlxsim_ag_next(const struct mlxsim_ag_port *p, u64 now,
		    struct mlxsim_ag_req *req, u32 *delay_s);

/*
 * aliasguid_query_handler: the SA answered @req with @sm (the record's
 * eight GUIDs) or failed (@ok false: retried in 1 s).
 */
void mlxsim_ag_answer(struct mlxsim_ag_port *p, const struct mlxsim_ag_req *req,
		      bool ok, const u64 *sm, u64 now,
		      struct mlxsim_ag_outcome *out);

/*
 * The record was not sent (port not active, no memory, send failed): put
 * it up again, due in @delay_s.
 */
void mlxsim_ag_resend(struct mlxsim_ag_port *p, u32 block, u64 now,
		      u32 delay_s);

/*
 * mlx4_ib_update_cache_on_guid_change: block @block of the port's GUID
 * table now holds @data (a snooped GUIDInfo); copy the entries the PF
 * asked for into @cache (the driver's, MLXSIM_AG_PER_PORT entries), up
 * to slave @max_slave.
 */
void mlxsim_ag_cache_update(const struct mlxsim_ag_port *p, u32 block,
			    const u64 *data, u64 *cache, u32 max_slave);

/*
 * mlx4_ib_notify_slaves_on_guid_change: which slaves of block @block to
 * tell about @data (from the snoop or an SA answer).  An entry the cache
 * does not hold yet waits for the snoop; one that reached its required
 * value is done; the GUID is valid unless it is 0.
 */
void mlxsim_ag_notify(struct mlxsim_ag_port *p, u32 block, const u64 *data,
		      const u64 *cache, u32 max_slave,
		      struct mlxsim_ag_notify *out);

/* A GUID as a table holds it: a delete (all ones) is "not set", 0. */
static inline u64 mlxsim_ag_set_guid(u64 guid)
{
	return guid == MLXSIM_AG_DELETE ? 0 : guid;
}

/* A GUID a guest can use: assigned, not a delete. */
static inline bool mlxsim_ag_guid_valid(u64 guid)
{
	return guid && guid != MLXSIM_AG_DELETE;
}

#endif /* MLXSIM_ALIAS_GUID_H */
