/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multiport RoCE affiliation (mlx5 style): the pure state machine and the
 * (GUID, type) index that finds partners in O(1).
 *
 * The logic owns the decisions and the order of the steps; every side
 * effect (firmware commands, the IB port record, waiting for native-port
 * references, tracing) goes through struct mlxsim_mp_ops, so the kernel
 * shell and the unit tests drive the very same code.  Callers serialise
 * every entry point (the module holds mlxsim_lock).
 */
#ifndef MLXSIM_MP_H
#define MLXSIM_MP_H

#include "mlxsim/types.h"
#include "mlxsim/params.h"

/* Intrusive doubly linked ring: index chains keep arrival order. */
struct mlxsim_mp_link {
	struct mlxsim_mp_link *next, *prev;
};

/* One multiport function: a master or a slave. */
struct mlxsim_mp_node {
	struct mlxsim_mp_link chain;	/* masters or waiting index */
	u64 guid;
	u32 id;
	u32 vhca_id;
	u32 criteria;			/* affiliate_nic_vport_criteria */
	u8 type;			/* enum mlxsim_fn_type */
	u8 role;			/* enum mlxsim_role */
	u8 native_port;
	u8 nports;			/* masters: ports of the IB device */
	u8 state;			/* enum mlxsim_mp_state */
	u8 reason;			/* enum mlxsim_mp_reason, last one */
	u8 port;			/* bound slave: the master's port */
	bool queued;			/* on the waiting index */
	bool published;			/* on the masters index */
	bool unbinding;			/* unbind in progress: once only */
	bool forwarding;		/* slave events go to the master */
	u32 *roce_users;		/* the vport's RoCE enable count */
	u64 events;			/* slave: events forwarded */
	u64 rescans;			/* master: GID cache rescans */
	struct mlxsim_mp_node *master;	/* bound slave */
	struct mlxsim_mp_node *slave[MLXSIM_MAX_PORTS]; /* master: port-1 */
	void *priv;			/* the shell's object */
};

/*
 * Functions indexed by hash(GUID, type): masters (published) and slaves
 * waiting for one.  bits = 0 is a single chain: upstream's list walk,
 * kept for the benchmark.
 */
struct mlxsim_mp_index {
	struct mlxsim_mp_link *masters;
	struct mlxsim_mp_link *waiting;
	u32 bits;
	u32 nmasters;
	u32 nwaiting;
};

/* Side effects.  Errors are negative errnos. */
struct mlxsim_mp_ops {
	/* MODIFY_NIC_VPORT_CONTEXT roce_en on @n's vport */
	int (*roce_set)(void *ctx, struct mlxsim_mp_node *n, bool enable);
	/* MODIFY_NIC_VPORT_CONTEXT affiliation of slave @s (0, 0 clears) */
	int (*affiliation_set)(void *ctx, struct mlxsim_mp_node *s,
			       u32 vhca_id, u32 criteria);
	/* IB port @port of master @m is now backed by @s (NULL: nobody) */
	void (*port_set)(void *ctx, struct mlxsim_mp_node *m, u32 port,
			 struct mlxsim_mp_node *s);
	/* refuse new references on the port, wait for the outstanding ones */
	u32 (*port_drain)(void *ctx, struct mlxsim_mp_node *m, u32 port);
	/*
	 * Optional.  Attach: the slave's netdev now backs the master's
	 * port (mlx5_add_netdev_notifier); an error fails the bind.
	 * Detach: undo it once the port is cleared; the port went down.
	 * Rescan: the bound port's GIDs and state are new (GID cache
	 * rescan, PORT_ACTIVE), after every successful bind.
	 */
	int (*port_attach)(void *ctx, struct mlxsim_mp_node *m,
			   struct mlxsim_mp_node *s);
	void (*port_detach)(void *ctx, struct mlxsim_mp_node *m,
			    struct mlxsim_mp_node *s, u32 port);
	/* bracket the changes of fields that tables show */
	void (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	void (*rescan)(void *ctx, struct mlxsim_mp_node *m,
		       struct mlxsim_mp_node *s);
	/* observability, all optional */
	void (*bind)(void *ctx, struct mlxsim_mp_node *m,
		     struct mlxsim_mp_node *s, u8 reason, int err);
	void (*unbind)(void *ctx, struct mlxsim_mp_node *m,
		       struct mlxsim_mp_node *s, u32 port, u32 waited,
		       u8 reason, int err);
	void (*unaffiliated)(void *ctx, struct mlxsim_mp_node *s, u8 reason);
};

/* Index: @masters and @waiting hold 1 << @bits links each. */
void mlxsim_mp_index_init(struct mlxsim_mp_index *idx,
			  struct mlxsim_mp_link *masters,
			  struct mlxsim_mp_link *waiting, u32 bits);
u32 mlxsim_mp_hash(u64 guid, u8 type, u32 bits);

void mlxsim_mp_node_init(struct mlxsim_mp_node *n, u32 id, u64 guid,
			 u8 type, u8 role, u8 native_port, u8 nports);

/* Lookups (O(1) expected): next match after @prev, NULL = first. */
struct mlxsim_mp_node *mlxsim_mp_next_master(struct mlxsim_mp_index *idx,
					     u64 guid, u8 type,
					     struct mlxsim_mp_node *prev);
struct mlxsim_mp_node *mlxsim_mp_next_waiting(struct mlxsim_mp_index *idx,
					      u64 guid, u8 type, u8 port,
					      struct mlxsim_mp_node *prev);

/* Index membership; each is idempotent. */
void mlxsim_mp_index_publish(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *m);
void mlxsim_mp_index_unpublish(struct mlxsim_mp_index *idx,
			       struct mlxsim_mp_node *m);
void mlxsim_mp_index_enqueue(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *s);
void mlxsim_mp_index_dequeue(struct mlxsim_mp_index *idx,
			     struct mlxsim_mp_node *s);

/* Can @s be bound to @m now?  MLXSIM_MP_REASON_OK or why not. */
u8 mlxsim_mp_bind_check(const struct mlxsim_mp_node *m,
			const struct mlxsim_mp_node *s);

/* RoCE enable count: the command only on 0->1 and 1->0, rolled back. */
int mlxsim_mp_roce_get(const struct mlxsim_mp_ops *ops, void *ctx,
		       struct mlxsim_mp_node *n);
int mlxsim_mp_roce_put(const struct mlxsim_mp_ops *ops, void *ctx,
		       struct mlxsim_mp_node *n);

/* The driver's add/remove of a multiport function. */
int mlxsim_mp_master_add(struct mlxsim_mp_index *idx,
			 const struct mlxsim_mp_ops *ops, void *ctx,
			 struct mlxsim_mp_node *m);
void mlxsim_mp_master_remove(struct mlxsim_mp_index *idx,
			     const struct mlxsim_mp_ops *ops, void *ctx,
			     struct mlxsim_mp_node *m);
void mlxsim_mp_slave_add(struct mlxsim_mp_index *idx,
			 const struct mlxsim_mp_ops *ops, void *ctx,
			 struct mlxsim_mp_node *s);
void mlxsim_mp_slave_remove(struct mlxsim_mp_index *idx,
			    const struct mlxsim_mp_ops *ops, void *ctx,
			    struct mlxsim_mp_node *s);

/* An event on slave @s: forwarded to its master's IB device if bound. */
bool mlxsim_mp_slave_event(const struct mlxsim_mp_ops *ops, void *ctx,
			   struct mlxsim_mp_node *s);

#endif /* MLXSIM_MP_H */
