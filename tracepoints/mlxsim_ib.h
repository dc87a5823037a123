/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of the registration with the kernel's RDMA core. */
/* Included by mlxsim_trace.h only, which instantiates the events. */
#if !defined(_MLXSIM_IB_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_IB_TRACE_H

/*
 * mlxsim_ib_register - function fn's IB device was registered with
 * ib_core as mlxsim<fn> (status 0), or registering it failed (positive
 * errno); ports and link as given to ib_core.
 */
TRACE_EVENT(mlxsim_ib_register,
	TP_PROTO(u32 fn, u64 node_guid, u8 ports, u8 link, int status),
	TP_ARGS(fn, node_guid, ports, link, status),
	TP_STRUCT__entry(
		__field(u64, node_guid)
		__field(u32, fn)
		__field(int, status)
		__field(u8, ports)
		__field(u8, link)
	),
	TP_fast_assign(
		__entry->node_guid = node_guid;
		__entry->fn = fn;
		__entry->status = status;
		__entry->ports = ports;
		__entry->link = link;
	),
	TP_printk("ibdev=mlxsim%u node_guid=0x%016llx ports=%u link=%s status=%s",
		  __entry->fn, __entry->node_guid, __entry->ports,
		  mlxsim_show_link(__entry->link),
		  mlxsim_show_errno(__entry->status))
);

/*
 * mlxsim_ib_unregister - function fn's IB device left ib_core; events is
 * how many ib_core events were dispatched on it in its lifetime.
 */
TRACE_EVENT(mlxsim_ib_unregister,
	TP_PROTO(u32 fn, u64 events),
	TP_ARGS(fn, events),
	TP_STRUCT__entry(
		__field(u64, events)
		__field(u32, fn)
	),
	TP_fast_assign(
		__entry->events = events;
		__entry->fn = fn;
	),
	TP_printk("ibdev=mlxsim%u events=%llu", __entry->fn, __entry->events)
);

/*
 * mlxsim_ib_netdev - port `port` of IB device mlxsim<ibdev> was associated
 * with function netdev_fn's Ethernet netdev (attach=1), or dissociated
 * from it (attach=0).
 */
TRACE_EVENT(mlxsim_ib_netdev,
	TP_PROTO(u32 ibdev, u8 port, u32 netdev_fn, bool attach),
	TP_ARGS(ibdev, port, netdev_fn, attach),
	TP_STRUCT__entry(
		__field(u32, ibdev)
		__field(u32, netdev_fn)
		__field(u8, port)
		__field(u8, attach)
	),
	TP_fast_assign(
		__entry->ibdev = ibdev;
		__entry->netdev_fn = netdev_fn;
		__entry->port = port;
		__entry->attach = attach;
	),
	TP_printk("ibdev=mlxsim%u port=%u netdev_fn=%u attach=%u",
		  __entry->ibdev, __entry->port, __entry->netdev_fn,
		  __entry->attach)
);

/*
 * mlxsim_ib_event - an ib_core event was dispatched on port `port` of
 * mlxsim<ibdev>; count is that port's total of this event afterwards.
 */
TRACE_EVENT(mlxsim_ib_event,
	TP_PROTO(u32 ibdev, u8 port, u8 event, u64 count),
	TP_ARGS(ibdev, port, event, count),
	TP_STRUCT__entry(
		__field(u64, count)
		__field(u32, ibdev)
		__field(u8, port)
		__field(u8, event)
	),
	TP_fast_assign(
		__entry->count = count;
		__entry->ibdev = ibdev;
		__entry->port = port;
		__entry->event = event;
	),
	TP_printk("ibdev=mlxsim%u port=%u event=%s count=%llu",
		  __entry->ibdev, __entry->port,
		  mlxsim_show_ib_event(__entry->event), __entry->count)
);

#endif /* _MLXSIM_IB_TRACE_H */
