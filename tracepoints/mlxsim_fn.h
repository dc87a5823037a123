/* SPDX-License-Identifier: GPL-2.0 */
/* mlxsim trace events of the simulated device: lifecycle and commands. */
/* Included by mlxsim_trace.h only, which instantiates the events. */
#if !defined(_MLXSIM_FN_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_FN_TRACE_H

/*
 * mlxsim_fn_add - a function was added (the driver's "add").
 * Records what decides its role: the capabilities.
 */
TRACE_EVENT(mlxsim_fn_add,
	TP_PROTO(u32 id, u64 guid, u8 role, u8 type, u8 link, u8 native_port,
		 u8 ports, u8 vfs),
	TP_ARGS(id, guid, role, type, link, native_port, ports, vfs),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u32, id)
		__field(u8, role)
		__field(u8, type)
		__field(u8, link)
		__field(u8, native_port)
		__field(u8, ports)
		__field(u8, vfs)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->id = id;
		__entry->role = role;
		__entry->type = type;
		__entry->link = link;
		__entry->native_port = native_port;
		__entry->ports = ports;
		__entry->vfs = vfs;
	),
	TP_printk("fn=%u guid=0x%016llx role=%s type=%s link=%s native_port=%u ports=%u vfs=%u",
		  __entry->id, __entry->guid, mlxsim_show_role(__entry->role),
		  mlxsim_show_fn_type(__entry->type),
		  mlxsim_show_link(__entry->link), __entry->native_port,
		  __entry->ports, __entry->vfs)
);

/* mlxsim_fn_remove - a function is being removed (the driver's "remove"). */
TRACE_EVENT(mlxsim_fn_remove,
	TP_PROTO(u32 id, u64 guid, u8 role),
	TP_ARGS(id, guid, role),
	TP_STRUCT__entry(
		__field(u64, guid)
		__field(u32, id)
		__field(u8, role)
	),
	TP_fast_assign(
		__entry->guid = guid;
		__entry->id = id;
		__entry->role = role;
	),
	TP_printk("fn=%u guid=0x%016llx role=%s", __entry->id, __entry->guid,
		  mlxsim_show_role(__entry->role))
);

/*
 * mlxsim_cmd - the simulated firmware executed (or refused) a command.
 * err is 0 or a positive errno; injected is set when fail_cmd caused it.
 */
TRACE_EVENT(mlxsim_cmd,
	TP_PROTO(u32 id, u16 opcode, u8 port, int err, bool injected),
	TP_ARGS(id, opcode, port, err, injected),
	TP_STRUCT__entry(
		__field(u32, id)
		__field(int, err)
		__field(u16, opcode)
		__field(u8, port)
		__field(u8, injected)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->err = err < 0 ? -err : err;
		__entry->opcode = opcode;
		__entry->port = port;
		__entry->injected = injected;
	),
	TP_printk("fn=%u opcode=%s(0x%x) port=%u status=%s injected=%u",
		  __entry->id, mlxsim_show_opcode(__entry->opcode),
		  __entry->opcode, __entry->port,
		  mlxsim_show_errno(__entry->err), __entry->injected)
);

#endif /* _MLXSIM_FN_TRACE_H */
