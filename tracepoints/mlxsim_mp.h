/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of multiport RoCE port affiliation (mlx5 style). */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mlxsim

#if !defined(_MLXSIM_MP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_MP_TRACE_H

#include <linux/tracepoint.h>
#include "mlxsim_trace_common.h"

MLXSIM_MDEV_RESULTS(MLXSIM_TP_ENUM_MDEV)

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

#endif /* _MLXSIM_MP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE mlxsim_mp
#include <trace/define_trace.h>
