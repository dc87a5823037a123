/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of InfiniBand management: MADs and the SMA. */
/* Included by mlxsim_trace.h only, which instantiates the events. */
#if !defined(_MLXSIM_SMA_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_SMA_TRACE_H

/*
 * mlxsim_mad - a MAD reached the driver's process_mad on port `port` of
 * function fn and went to the firmware (MAD_IFC): its class, method,
 * attribute and modifier, the MAD status the firmware answered, and how
 * it came (source: local = ib_mad's own delivery of a local SMP, wire =
 * across the cable, loopback = to the port's own LID, debugfs =
 * port<P>/mad).
 */
TRACE_EVENT(mlxsim_mad,
	TP_PROTO(u32 fn, u8 port, u8 mgmt_class, u8 method, u16 attr_id,
		 u32 attr_mod, u16 status, u8 source),
	TP_ARGS(fn, port, mgmt_class, method, attr_id, attr_mod, status,
		source),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u32, attr_mod)
		__field(u16, attr_id)
		__field(u16, status)
		__field(u8, port)
		__field(u8, mgmt_class)
		__field(u8, method)
		__field(u8, source)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->attr_mod = attr_mod;
		__entry->attr_id = attr_id;
		__entry->status = status;
		__entry->port = port;
		__entry->mgmt_class = mgmt_class;
		__entry->method = method;
		__entry->source = source;
	),
	TP_printk("fn=%u port=%u class=0x%02x method=0x%02x attr=0x%04x attr_mod=0x%08x status=0x%04x source=%s",
		  __entry->fn, __entry->port, __entry->mgmt_class,
		  __entry->method, __entry->attr_id, __entry->attr_mod,
		  __entry->status, mlxsim_show_mad_source(__entry->source))
);

/*
 * mlxsim_sma_port - the SMA's port `port` of function fn changed its
 * logical state, LID or SM LID (old -> new), because of a SubnSet
 * (cause=set) or its cable (link_up, link_down); phys is the
 * PortPhysicalState after (2 polling, 5 link up).
 */
TRACE_EVENT(mlxsim_sma_port,
	TP_PROTO(u32 fn, u8 port, u8 old_state, u8 new_state, u8 phys,
		 u16 old_lid, u16 new_lid, u16 old_sm_lid, u16 new_sm_lid,
		 u8 cause),
	TP_ARGS(fn, port, old_state, new_state, phys, old_lid, new_lid,
		old_sm_lid, new_sm_lid, cause),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u16, old_lid)
		__field(u16, new_lid)
		__field(u16, old_sm_lid)
		__field(u16, new_sm_lid)
		__field(u8, port)
		__field(u8, old_state)
		__field(u8, new_state)
		__field(u8, phys)
		__field(u8, cause)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->old_lid = old_lid;
		__entry->new_lid = new_lid;
		__entry->old_sm_lid = old_sm_lid;
		__entry->new_sm_lid = new_sm_lid;
		__entry->port = port;
		__entry->old_state = old_state;
		__entry->new_state = new_state;
		__entry->phys = phys;
		__entry->cause = cause;
	),
	TP_printk("fn=%u port=%u state=%s->%s phys=%u lid=%u->%u sm_lid=%u->%u cause=%s",
		  __entry->fn, __entry->port,
		  mlxsim_show_ib_port_state(__entry->old_state),
		  mlxsim_show_ib_port_state(__entry->new_state),
		  __entry->phys, __entry->old_lid, __entry->new_lid,
		  __entry->old_sm_lid, __entry->new_sm_lid,
		  mlxsim_show_sma_cause(__entry->cause))
);

/*
 * mlxsim_vf_event - VF `slave` of SR-IOV master fn was sent a port
 * management event on port `port` (mlx4_gen_slaves_port_mgt_ev and the
 * slave port state machine): its kind, and that VF's count of that kind
 * on that port afterwards.  P_Key changes are mlxsim_pkey_event's.
 */
TRACE_EVENT(mlxsim_vf_event,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 event, u64 count),
	TP_ARGS(fn, port, slave, event, count),
	TP_STRUCT__entry(
		__field(u64, count)
		__field(u32, fn)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, event)
	),
	TP_fast_assign(
		__entry->count = count;
		__entry->fn = fn;
		__entry->port = port;
		__entry->slave = slave;
		__entry->event = event;
	),
	TP_printk("fn=%u port=%u slave=%u event=%s count=%llu",
		  __entry->fn, __entry->port, __entry->slave,
		  mlxsim_show_ib_event(__entry->event), __entry->count)
);

/*
 * mlxsim_slave_port_state - VF `slave`'s port `port` of SR-IOV master fn
 * moved in mlx4's slave port state machine (old -> new) on `event`
 * (the PF port up or down, the VF's GID valid or not).  A VF stuck in
 * pending_up has no valid GID: its alias GUID was never assigned.
 */
TRACE_EVENT(mlxsim_slave_port_state,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 old, u8 new, u8 event),
	TP_ARGS(fn, port, slave, old, new, event),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, old)
		__field(u8, new)
		__field(u8, event)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->port = port;
		__entry->slave = slave;
		__entry->old = old;
		__entry->new = new;
		__entry->event = event;
	),
	TP_printk("fn=%u port=%u slave=%u state=%s->%s event=%s",
		  __entry->fn, __entry->port, __entry->slave,
		  mlxsim_show_slave_ps(__entry->old),
		  mlxsim_show_slave_ps(__entry->new),
		  mlxsim_show_slave_pe(__entry->event))
);

/*
 * mlxsim_vf_mad_reject - the PF refused a MAD a guest's MAD layer sent
 * (mlx4_MAD_IFC_wrapper): VF `slave`, its port, the MAD's class, method
 * and attribute, and the errno (-EPERM: a SubnSet from a VF without SMI
 * rights).
 */
TRACE_EVENT(mlxsim_vf_mad_reject,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 mgmt_class, u8 method,
		 u16 attr_id, int err),
	TP_ARGS(fn, port, slave, mgmt_class, method, attr_id, err),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(int, err)
		__field(u16, attr_id)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, mgmt_class)
		__field(u8, method)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->err = err < 0 ? -err : err;
		__entry->attr_id = attr_id;
		__entry->port = port;
		__entry->slave = slave;
		__entry->mgmt_class = mgmt_class;
		__entry->method = method;
	),
	TP_printk("fn=%u port=%u slave=%u class=0x%02x method=0x%02x attr=0x%04x err=%s",
		  __entry->fn, __entry->port, __entry->slave,
		  __entry->mgmt_class, __entry->method, __entry->attr_id,
		  mlxsim_show_errno(__entry->err))
);

/*
 * mlxsim_guid_assign - one entry of the alias GUID service of SR-IOV
 * master fn (mlx4 alias_GUID.c): VF `slave`'s GUID on `port`, asked of
 * the SA by GUIDInfoRecord `method` (sent), accepted by the SM (accepted:
 * `guid` is the SM's), refused or not assigned (declined), lost or timed
 * out (failed), not sent because the port is not ACTIVE (port_down), or
 * found in the port's GUIDInfo by the snoop (cached); `retry` is the
 * delay in seconds before the entry is asked again (0: not).
 */
TRACE_EVENT(mlxsim_guid_assign,
	TP_PROTO(u32 fn, u8 port, u8 slave, u8 method, u8 result, u64 guid,
		 u32 retry),
	TP_ARGS(fn, port, slave, method, result, guid, retry),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u32, fn)
		__field(u32, retry)
		__field(u8, port)
		__field(u8, slave)
		__field(u8, method)
		__field(u8, result)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->fn = fn;
		__entry->retry = retry;
		__entry->port = port;
		__entry->slave = slave;
		__entry->method = method;
		__entry->result = result;
	),
	TP_printk("fn=%u port=%u slave=%u method=%s result=%s guid=0x%016llx retry=%u",
		  __entry->fn, __entry->port, __entry->slave,
		  mlxsim_show_ag_method(__entry->method),
		  mlxsim_show_ag_result(__entry->result), __entry->guid,
		  __entry->retry)
);

#endif /* _MLXSIM_SMA_TRACE_H */
