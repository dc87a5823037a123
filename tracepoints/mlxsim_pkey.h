/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of P_Key paravirtualization for SR-IOV (mlx4 style). */
/* Included by mlxsim_trace.h only, which instantiates the events. */
#if !defined(_MLXSIM_PKEY_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_PKEY_TRACE_H

#include "mlxsim/qp.h"

#ifndef MLXSIM_TP_QP_FIELD
#define MLXSIM_TP_QP_FIELD
/* A field the change carried, or @none. */
static inline u32 mlxsim_tp_qp_field(const struct mlxsim_qp_attrs *a, u32 bit,
				     u32 v, u32 none)
{
	return a->present & bit ? v : none;
}
#endif

/*
 * mlxsim_pkey_map - a slave's virtual->physical P_Key index changed.
 * cause=admin: one entry, old and new physical index.  cause=init: one
 * summary per port at creation: slave is the number of VFs, index the
 * table length, new the reserved entry every unmapped VF index uses.
 */
TRACE_EVENT(mlxsim_pkey_map,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 index, u8 old, u8 new, u8 cause),
	TP_ARGS(fn, port, slave, index, old, new, cause),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, index)
		__field(u8, old)
		__field(u8, new)
		__field(u8, cause)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->port = port;
		__entry->slave = slave;
		__entry->index = index;
		__entry->old = old;
		__entry->new = new;
		__entry->cause = cause;
	),
	TP_printk("fn=%u port=%u slave=%u index=%u old=%u new=%u cause=%s",
		  __entry->fn, __entry->port, __entry->slave, __entry->index,
		  __entry->old, __entry->new,
		  mlxsim_show_pkey_map(__entry->cause))
);

/*
 * mlxsim_smp_snoop - a SubnSet(PKeyTable) the firmware accepted reached
 * the P_Key cache.  changed: bit i = entry block * 32 + i differed from
 * the cache; slaves: how many VFs get an event; master: whether the
 * master does; path: snoop = the driver snooped the SMP in process_mad,
 * event = the firmware raised PORT_MNG_CHG_EV (port_mng_chg_ev=1) and
 * the driver propagated from it.
 */
TRACE_EVENT(mlxsim_smp_snoop,
	TP_PROTO(u32 fn, u8 port, u8 mgmt_class, u16 block, u32 changed,
		 u8 slaves, bool master, u8 path),
	TP_ARGS(fn, port, mgmt_class, block, changed, slaves, master, path),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u32, changed)
		__field(u16, block)
		__field(u8, port)
		__field(u8, mgmt_class)
		__field(u8, slaves)
		__field(u8, master)
		__field(u8, path)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->changed = changed;
		__entry->block = block;
		__entry->port = port;
		__entry->mgmt_class = mgmt_class;
		__entry->slaves = slaves;
		__entry->master = master;
		__entry->path = path;
	),
	TP_printk("fn=%u port=%u class=0x%02x block=%u changed=0x%08x slaves=%u master=%u path=%s",
		  __entry->fn, __entry->port, __entry->mgmt_class,
		  __entry->block, __entry->changed, __entry->slaves,
		  __entry->master, mlxsim_show_pkey_path(__entry->path))
);

/* mlxsim_pkey_cache - one physical P_Key cache entry changed. */
TRACE_EVENT(mlxsim_pkey_cache,
	TP_PROTO(u32 fn, u8 port, u8 index, u16 old, u16 new),
	TP_ARGS(fn, port, index, old, new),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u16, old)
		__field(u16, new)
		__field(u8, port)
		__field(u8, index)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->old = old;
		__entry->new = new;
		__entry->port = port;
		__entry->index = index;
	),
	TP_printk("fn=%u port=%u index=%u old=0x%04x new=0x%04x",
		  __entry->fn, __entry->port, __entry->index, __entry->old,
		  __entry->new)
);

/*
 * mlxsim_pkey_event - a P_Key change event was delivered to the master
 * (slave 0) or to a VF; count is that slave's total on the port after it.
 */
TRACE_EVENT(mlxsim_pkey_event,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 target, u64 count),
	TP_ARGS(fn, port, slave, target, count),
	TP_STRUCT__entry(
		__field(u64, count)
		__field(u32, fn)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, target)
	),
	TP_fast_assign(
		__entry->count = count;
		__entry->fn = fn;
		__entry->port = port;
		__entry->slave = slave;
		__entry->target = target;
	),
	TP_printk("fn=%u port=%u slave=%u target=%s count=%llu",
		  __entry->fn, __entry->port, __entry->slave,
		  mlxsim_show_pkey_to(__entry->target), __entry->count)
);

/*
 * mlxsim_qp_paravirt - a guest QP change was rewritten and accepted.
 * Guest values as written, hardware values as the firmware got them;
 * an index not carried is 0xffff, a Q_Key not carried 0.
 */
TRACE_EVENT(mlxsim_qp_paravirt,
	TP_PROTO(u32 fn, u8 slave, const struct mlxsim_qp_attrs *g,
		 const struct mlxsim_qp_attrs *hw),
	TP_ARGS(fn, slave, g, hw),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u32, qpn)
		__field(u32, qkey)
		__field(u32, hw_qkey)
		__field(u16, pkey_index)
		__field(u16, hw_pkey_index)
		__field(u16, mgid_index)
		__field(u16, hw_mgid_index)
		__field(u8, slave)
		__field(u8, type)
		__field(u8, kind)
		__field(u8, op)
		__field(u8, port)
		__field(u16, alt_pkey_index)
		__field(u16, hw_alt_pkey_index)
		__field(u8, alt_port)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->qpn = g->qpn;
		__entry->qkey = mlxsim_tp_qp_field(g, MLXSIM_QPA_QKEY, g->qkey, 0);
		__entry->hw_qkey = mlxsim_tp_qp_field(hw, MLXSIM_QPA_QKEY,
						      hw->qkey, 0);
		__entry->pkey_index = mlxsim_tp_qp_field(g, MLXSIM_QPA_PKEY,
							 g->pkey_index,
							 MLXSIM_QP_UNSET);
		__entry->hw_pkey_index = mlxsim_tp_qp_field(hw, MLXSIM_QPA_PKEY,
							    hw->pkey_index,
							    MLXSIM_QP_UNSET);
		__entry->mgid_index = mlxsim_tp_qp_field(g, MLXSIM_QPA_MGID,
							 g->mgid_index,
							 MLXSIM_QP_UNSET);
		__entry->hw_mgid_index = mlxsim_tp_qp_field(hw, MLXSIM_QPA_MGID,
							    hw->mgid_index,
							    MLXSIM_QP_UNSET);
		__entry->slave = slave;
		__entry->type = hw->type;
		__entry->kind = mlxsim_qp_kind(g->qpn, NULL, NULL);
		__entry->op = g->op;
		__entry->port = hw->port;
		__entry->alt_pkey_index = mlxsim_tp_qp_field(g, MLXSIM_QPA_ALT_PKEY,
							     g->alt_pkey_index,
							     MLXSIM_QP_UNSET);
		__entry->hw_alt_pkey_index =
			mlxsim_tp_qp_field(hw, MLXSIM_QPA_ALT_PKEY,
					   hw->alt_pkey_index, MLXSIM_QP_UNSET);
		__entry->alt_port = mlxsim_tp_qp_field(hw, MLXSIM_QPA_ALT_PORT,
						       hw->alt_port, 0);
	),
	TP_printk("fn=%u slave=%u qpn=0x%x type=%s kind=%s op=%s port=%u pkey_index=%u->%u mgid_index=0x%x->0x%x qkey=0x%x->0x%x alt_port=%u alt_pkey_index=%u->%u",
		  __entry->fn, __entry->slave, __entry->qpn,
		  mlxsim_show_qp_type(__entry->type),
		  mlxsim_show_qp_kind(__entry->kind),
		  mlxsim_show_trans(__entry->op), __entry->port,
		  __entry->pkey_index, __entry->hw_pkey_index,
		  __entry->mgid_index, __entry->hw_mgid_index,
		  __entry->qkey, __entry->hw_qkey, __entry->alt_port,
		  __entry->alt_pkey_index, __entry->hw_alt_pkey_index)
);

/* mlxsim_qp_reject - a guest QP change was refused; err is positive. */
TRACE_EVENT(mlxsim_qp_reject,
	TP_PROTO(u32 fn, u8 slave, u32 qpn, u8 op, u8 reason, int err),
	TP_ARGS(fn, slave, qpn, op, reason, err),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u32, qpn)
		__field(int, err)
		__field(u8, slave)
		__field(u8, op)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->qpn = qpn;
		__entry->err = err < 0 ? -err : err;
		__entry->slave = slave;
		__entry->op = op;
		__entry->reason = reason;
	),
	TP_printk("fn=%u slave=%u qpn=0x%x op=%s reason=%s err=%s",
		  __entry->fn, __entry->slave, __entry->qpn,
		  mlxsim_show_trans(__entry->op),
		  mlxsim_show_qp_reject(__entry->reason),
		  mlxsim_show_errno(__entry->err))
);

#endif /* _MLXSIM_PKEY_TRACE_H */
