/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of multiport RoCE port affiliation (mlx5 style). */
/* Included by mlxsim_trace.h only, which instantiates the events. */
#if !defined(_MLXSIM_MP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_MP_TRACE_H

/*
 * mlxsim_mp_mdev_get - a native-port reference was asked for.
 * fn is the function behind the port (-1 when refused); refcnt is the
 * port's count after the request.
 */
TRACE_EVENT(mlxsim_mp_mdev_get,
	TP_PROTO(u32 ibdev, u8 port, s32 fn, u8 result, u32 refcnt),
	TP_ARGS(ibdev, port, fn, result, refcnt),
	TP_STRUCT__entry(
		__field(u32, ibdev)
		__field(s32, fn)
		__field(u32, refcnt)
		__field(u8, port)
		__field(u8, result)
	),
	TP_fast_assign(
		__entry->ibdev = ibdev;
		__entry->fn = fn;
		__entry->refcnt = refcnt;
		__entry->port = port;
		__entry->result = result;
	),
	TP_printk("ibdev=mlxsim%u port=%u fn=%d result=%s refcnt=%u",
		  __entry->ibdev, __entry->port, __entry->fn,
		  mlxsim_show_mdev(__entry->result), __entry->refcnt)
);

/*
 * mlxsim_mp_mdev_put - a native-port reference was released; waking says
 * whether an unbind waiting on the port was signalled.
 */
TRACE_EVENT(mlxsim_mp_mdev_put,
	TP_PROTO(u32 ibdev, u8 port, u32 fn, u32 refcnt, bool waking),
	TP_ARGS(ibdev, port, fn, refcnt, waking),
	TP_STRUCT__entry(
		__field(u32, ibdev)
		__field(u32, fn)
		__field(u32, refcnt)
		__field(u8, port)
		__field(u8, waking)
	),
	TP_fast_assign(
		__entry->ibdev = ibdev;
		__entry->fn = fn;
		__entry->refcnt = refcnt;
		__entry->port = port;
		__entry->waking = waking;
	),
	TP_printk("ibdev=mlxsim%u port=%u fn=%u refcnt=%u waking=%u",
		  __entry->ibdev, __entry->port, __entry->fn,
		  __entry->refcnt, __entry->waking)
);

/*
 * mlxsim_mp_bind - slave fn tried to bind to port `port` of master's IB
 * device.  reason is ok on success, else why not; status is the firmware
 * error (positive errno) when reason is fw_error; roce_users is the
 * slave vport's RoCE enable count afterwards.
 */
TRACE_EVENT(mlxsim_mp_bind,
	TP_PROTO(u32 slave, u32 master, u64 guid, u8 port, u8 reason,
		 int status, u32 roce_users),
	TP_ARGS(slave, master, guid, port, reason, status, roce_users),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u32, slave)
		__field(u32, master)
		__field(int, status)
		__field(u32, roce_users)
		__field(u8, port)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->slave = slave;
		__entry->master = master;
		__entry->status = status;
		__entry->roce_users = roce_users;
		__entry->port = port;
		__entry->reason = reason;
	),
	TP_printk("slave=%u master=%u guid=0x%016llx port=%u reason=%s status=%s roce_users=%u",
		  __entry->slave, __entry->master, __entry->guid,
		  __entry->port, mlxsim_show_reason(__entry->reason),
		  mlxsim_show_errno(__entry->status), __entry->roce_users)
);

/*
 * mlxsim_mp_unbind - slave was unbound from port `port` of master because
 * of reason (slave_removed or master_removed), after waiting for `waited`
 * native-port references; status is the unaffiliate command's (a failure
 * leaves RoCE enabled, roce_users shows it); wait_ns is how long that
 * wait took (for a latency histogram).
 */
TRACE_EVENT(mlxsim_mp_unbind,
	TP_PROTO(u32 slave, u32 master, u64 guid, u8 port, u32 waited,
		 u8 reason, int status, u32 roce_users, u64 wait_ns),
	TP_ARGS(slave, master, guid, port, waited, reason, status, roce_users,
		wait_ns),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u64, wait_ns)
		__field(u32, slave)
		__field(u32, master)
		__field(u32, waited)
		__field(int, status)
		__field(u32, roce_users)
		__field(u8, port)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->slave = slave;
		__entry->master = master;
		__entry->waited = waited;
		__entry->status = status;
		__entry->roce_users = roce_users;
		__entry->port = port;
		__entry->reason = reason;
		__entry->wait_ns = wait_ns;
	),
	TP_printk("slave=%u master=%u guid=0x%016llx port=%u waited=%u reason=%s status=%s roce_users=%u wait_ns=%llu",
		  __entry->slave, __entry->master, __entry->guid,
		  __entry->port, __entry->waited,
		  mlxsim_show_reason(__entry->reason),
		  mlxsim_show_errno(__entry->status), __entry->roce_users,
		  __entry->wait_ns)
);

/* mlxsim_mp_unaffiliated - slave waits on the unaffiliated list, and why. */
TRACE_EVENT(mlxsim_mp_unaffiliated,
	TP_PROTO(u32 slave, u64 guid, u8 type, u8 native_port, u8 reason,
		 u32 waiting),
	TP_ARGS(slave, guid, type, native_port, reason, waiting),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u32, slave)
		__field(u32, waiting)
		__field(u8, type)
		__field(u8, native_port)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->slave = slave;
		__entry->waiting = waiting;
		__entry->type = type;
		__entry->native_port = native_port;
		__entry->reason = reason;
	),
	TP_printk("slave=%u guid=0x%016llx type=%s native_port=%u reason=%s waiting=%u",
		  __entry->slave, __entry->guid,
		  mlxsim_show_fn_type(__entry->type), __entry->native_port,
		  mlxsim_show_reason(__entry->reason), __entry->waiting)
);

/*
 * mlxsim_mp_rescan - the GID cache of IB device mlxsim<ibdev> was
 * rescanned after slave was bound to its port; rescans counts them.
 */
TRACE_EVENT(mlxsim_mp_rescan,
	TP_PROTO(u32 ibdev, u32 slave, u8 port, u64 rescans),
	TP_ARGS(ibdev, slave, port, rescans),
	TP_STRUCT__entry(
		__field(u64, rescans)
		__field(u32, ibdev)
		__field(u32, slave)
		__field(u8, port)
	),
	TP_fast_assign(
		__entry->rescans = rescans;
		__entry->ibdev = ibdev;
		__entry->slave = slave;
		__entry->port = port;
	),
	TP_printk("ibdev=mlxsim%u slave=%u port=%u rescans=%llu",
		  __entry->ibdev, __entry->slave, __entry->port,
		  __entry->rescans)
);

/*
 * mlxsim_vport_affiliation - MODIFY_NIC_VPORT_CONTEXT set (vhca_id != 0)
 * or cleared the affiliation of fn's NIC vport; status is the firmware's.
 */
TRACE_EVENT(mlxsim_vport_affiliation,
	TP_PROTO(u32 fn, u32 vhca_id, u32 criteria, int status),
	TP_ARGS(fn, vhca_id, criteria, status),
	TP_STRUCT__entry(
		__field(u32, fn)
		__field(u32, vhca_id)
		__field(u32, criteria)
		__field(int, status)
	),
	TP_fast_assign(
		__entry->fn = fn;
		__entry->vhca_id = vhca_id;
		__entry->criteria = criteria;
		__entry->status = status;
	),
	TP_printk("fn=%u affiliated_vhca_id=%u criteria=%u status=%s",
		  __entry->fn, __entry->vhca_id, __entry->criteria,
		  mlxsim_show_errno(__entry->status))
);

#endif /* _MLXSIM_MP_TRACE_H */
