/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P_Key paravirtualization (mlx4 style), kernel shell: the per-device
 * state around the pure logic of include/mlxsim/{pkey,qp,mad}.h.
 *
 * pv->lock (mutex) protects everything the driver keeps: the tables, the
 * guest QPs, event counts.  The physical P_Key tables are the firmware's:
 * the driver reads them with MAD_IFC, as mlx4_ib does.
 */
#ifndef _MLXSIM_PV_INTERNAL_H
#define _MLXSIM_PV_INTERNAL_H

#include <linux/xarray.h>

#include "mlxsim.h"
#include "mlxsim/mad.h"
#include "mlxsim/pkey.h"
#include "mlxsim/qp.h"
#include "mlxsim/slave_port.h"
#include "mlxsim/alias_guid.h"

/* Guest QPs a slave may have: bounds memory a debugfs writer can pin. */
#define MLXSIM_PV_MAX_QPS 1024

struct mlxsim_pv;
struct mlxsim_pv_slave;

/* debugfs private data of a per-port file */
struct mlxsim_pv_port {
	struct mlxsim_pv *pv;
	struct mlxsim_pv_slave *slave;	/* vf<S>/port<P>/ files only */
	u32 num;
	/* port<P>/{mad,counters,pkey_cache,virt2phys,guids} */
	struct dentry *files[5];
	/* what the port's MAD path did, for mlxtop (under pv->lock) */
	u64 snoops;		/* SubnSet(PKeyTable) accepted and snooped */
	u64 snoop_changes;	/* ... that changed the cache */
	u64 master_events;	/* P_Key change events to the master */
	u64 vf_events;		/* ... to VFs */
};

/* A guest QP as the PF tracks it; the firmware keeps the hardware side. */
struct mlxsim_pv_qp {
	u32 qpn;
	struct mlxsim_qp_ctx guest;	/* what the guest asked for */
};

struct mlxsim_pv_slave {
	struct mlxsim_pv *pv;
	u32 idx;			/* 0: the master */
	struct xarray qps;		/* qpn -> struct mlxsim_pv_qp */
	u32 nqps;
	struct mlxsim_pv_port port[MLXSIM_MAX_PORTS];
	struct dentry *dir;		/* vf<S> */
	/* real QP0 for the guest (mlx4's enable_smi_admin / smi_enabled) */
	bool smi_enabled;
};

struct mlxsim_pv {
	struct mlxsim_fn *fn;
	struct mutex lock;		/* all driver state below */
	u32 vfs;
	u32 ports;
	u32 pkeys;
	struct mlxsim_pkey_tables *t;	/* NULL without VFs */
	u64 (*events)[MLXSIM_MAX_PORTS];	/* [slave][port - 1] */
	/* port management events each VF got: [slave][port - 1][kind] */
	u64 (*mgmt_events)[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS];
	/* each slave's port in mlx4's slave port state machine */
	u8 (*port_state)[MLXSIM_MAX_PORTS];
	struct mlxsim_pv_slave *slaves;	/* [0..vfs] */
	struct mlxsim_pv_port port[MLXSIM_MAX_PORTS];
	/*
	 * Alias GUIDs (mlx4 alias_GUID.c), with VFs only: what the PF asks
	 * the SA for on each port, the admin GUID of each entry (0: the SM
	 * chooses) and the GUIDs the port's GUIDInfo holds, as snooped.
	 */
	struct mlxsim_ag_port *ag;		/* [port - 1] */
	u64 (*admin_guid)[MLXSIM_AG_PER_PORT];	/* [port - 1][entry] */
	u64 (*guid_cache)[MLXSIM_AG_PER_PORT];	/* [port - 1][entry] */
	bool ag_going_down;		/* the SA client is leaving */
};

static inline u32 mlxsim_pv_id(const struct mlxsim_pv *pv)
{
	return pv->fn->p.id;
}

/* pv_events.c */
void __mlxsim_pv_event(struct mlxsim_pv *pv, u32 slave, u32 port);
void __mlxsim_pv_vf_event(struct mlxsim_pv *pv, u32 s, u32 port,
			  enum mlxsim_ib_event ev);
void __mlxsim_pv_port_mgmt(struct mlxsim_pv *pv, u32 port, u32 changed);
void __mlxsim_pv_port_change(struct mlxsim_pv *pv, u32 port, bool up);

/* pv_debugfs.c */
int mlxsim_pv_remap(struct mlxsim_pv *pv, u32 port, const char *buf,
		    size_t len, char *bad, size_t badlen);
void mlxsim_pv_debugfs_init(struct mlxsim_pv *pv);
void mlxsim_pv_debugfs_remove(struct mlxsim_pv *pv);

/* pv_snoop.c */
extern const struct file_operations mlxsim_pv_mad_fops;
void __mlxsim_pv_snoop(struct mlxsim_pv *pv, u32 port, u8 mgmt_class,
		       u32 block, const u16 *pkeys, u8 path);
void mlxsim_pv_pkey_event(struct mlxsim_pv *pv, u32 port, u32 block);

/* pv_alias_guid.c: alias GUIDs, the driver's side of alias_GUID.c */
int mlxsim_pv_ag_alloc(struct mlxsim_pv *pv);
void mlxsim_pv_ag_free(struct mlxsim_pv *pv);
u64 __mlxsim_pv_vf_guid(const struct mlxsim_pv *pv, u32 slave, u32 port);
bool __mlxsim_pv_gid_valid(const struct mlxsim_pv *pv, u32 slave, u32 port);
void __mlxsim_pv_guid_change(struct mlxsim_pv *pv, u32 port, u32 block,
			     const u64 *data, bool snoop);
void __mlxsim_pv_guid_snoop(struct mlxsim_pv *pv, u32 port, u32 block,
			    const u8 *wire);
void __mlxsim_pv_ag_invalidate_all(struct mlxsim_pv *pv, u32 port);
void __mlxsim_pv_ag_slave(struct mlxsim_pv *pv, u32 slave, bool init);
int mlxsim_pv_admin_guid_store(struct mlxsim_pv *pv, u32 port, u32 entry,
			       u64 guid);
extern const struct file_operations mlxsim_pv_guids_fops;

/* pv_vf_mad.c: a guest's MADs through the PF (mlx4_MAD_IFC_wrapper) */
u64 mlxsim_vf_guid(const struct mlxsim_fn *fn, u32 slave, u32 port);
int mlxsim_pv_vf_mad(struct mlxsim_pv *pv, u32 slave, u32 port, const u8 *in,
		     u8 *out, u16 *status);

/* pv_qp.c */
extern const struct file_operations mlxsim_pv_qp_modify_fops;
extern const struct file_operations mlxsim_pv_qps_fops;
void mlxsim_pv_qps_free(struct mlxsim_pv_slave *slave);

#endif /* _MLXSIM_PV_INTERNAL_H */
