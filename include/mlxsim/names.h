/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every enumeration mlxsim shows to people, defined once as an X-macro list.
 *
 * The module builds its enums and string tables from these, the trace
 * headers their TRACE_DEFINE_ENUM/__print_symbolic lists, and the plugin
 * and mlxtop their decoders.  Values are part of the trace ABI: append,
 * never renumber.
 */
#ifndef MLXSIM_NAMES_H
#define MLXSIM_NAMES_H

/* Function type on the PCI side. */
#define MLXSIM_FN_TYPES(X)		\
	X(PF, 0, "pf")			\
	X(VF, 1, "vf")

#define MLXSIM_LINKS(X)			\
	X(ETH, 0, "eth")		\
	X(IB, 1, "ib")

/* Multiport role decided from the capabilities at add time. */
#define MLXSIM_ROLES(X)			\
	X(NONE, 0, "ordinary")		\
	X(MASTER, 1, "master")		\
	X(SLAVE, 2, "slave")

/* Multiport state of a function (the `state` column of `multiport`). */
#define MLXSIM_MP_STATES(X)		\
	X(NONE, 0, "-")			\
	X(MASTER, 1, "master")		\
	X(BOUND, 2, "bound")		\
	X(UNAFFILIATED, 3, "unaffiliated")

/* Why a slave is waiting on the unaffiliated list, or why a bind failed. */
#define MLXSIM_MP_REASONS(X)			\
	X(OK, 0, "ok")				\
	X(NO_MASTER, 1, "no_master")		\
	X(TYPE_MISMATCH, 2, "type_mismatch")	\
	X(PORT_BUSY, 3, "port_busy")		\
	X(NATIVE_PORT, 4, "native_port")	\
	X(FW_ERROR, 5, "fw_error")		\
	X(MASTER_REMOVED, 6, "master_removed")	\
	X(NO_PORT, 7, "no_port")		\
	X(SLAVE_REMOVED, 8, "slave_removed")

#define MLXSIM_PORT_STATES(X)		\
	X(DOWN, 0, "down")		\
	X(UP, 1, "up")

/* Outcome of a native-port reference request. */
#define MLXSIM_MDEV_RESULTS(X)			\
	X(OWN, 0, "own")			\
	X(REFCOUNTED, 1, "refcounted")		\
	X(NO_FUNCTION, 2, "no_function")	\
	X(UNAFFILIATING, 3, "unaffiliating")	\
	X(LIMIT, 4, "limit")

/* Command routing class: `port<P>/cmd` keywords. */
#define MLXSIM_CMD_CLASSES(X)		\
	X(FW, 0, "fw")			\
	X(IB, 1, "ib")			\
	X(PORT, 2, "port")

/*
 * Firmware opcodes with their upstream numbers: mlx5's for the multiport
 * side, mlx4's for the P_Key side (the two ranges do not overlap).
 * X(NAME, value, routing class)
 */
#define MLXSIM_OPCODES(X)					\
	X(SYS_EN, 0x0001, FW)					\
	X(MAP_FA, 0x0fff, FW)					\
	X(QUERY_PORT, 0x0043, PORT)				\
	X(SET_PORT, 0x000c, PORT)				\
	X(RST2INIT_QP, 0x0019, IB)				\
	X(INIT2RTR_QP, 0x001a, IB)				\
	X(RTR2RTS_QP, 0x001b, IB)				\
	X(RTS2RTS_QP, 0x001c, IB)				\
	X(SQERR2RTS_QP, 0x001d, IB)				\
	X(2ERR_QP, 0x001e, IB)					\
	X(RTS2SQD_QP, 0x001f, IB)				\
	X(SQD2RTS_QP, 0x0020, IB)				\
	X(2RST_QP, 0x0021, IB)					\
	X(QUERY_QP, 0x0022, IB)					\
	X(MAD_IFC, 0x0024, PORT)				\
	X(INIT2INIT_QP, 0x002d, IB)				\
	X(SQD2SQD_QP, 0x0038, IB)				\
	X(QUERY_HCA_CAP, 0x0100, FW)				\
	X(INIT_HCA, 0x0102, FW)					\
	X(TEARDOWN_HCA, 0x0103, FW)				\
	X(ENABLE_HCA, 0x0104, FW)				\
	X(DISABLE_HCA, 0x0105, FW)				\
	X(CREATE_MKEY, 0x0200, IB)				\
	X(DESTROY_MKEY, 0x0202, IB)				\
	X(CREATE_CQ, 0x0400, IB)				\
	X(DESTROY_CQ, 0x0401, IB)				\
	X(CREATE_QP, 0x0500, IB)				\
	X(DESTROY_QP, 0x0501, IB)				\
	X(QUERY_VPORT_STATE, 0x0750, PORT)			\
	X(QUERY_NIC_VPORT_CONTEXT, 0x0754, PORT)		\
	X(MODIFY_NIC_VPORT_CONTEXT, 0x0755, PORT)		\
	X(QUERY_ROCE_ADDRESS, 0x0760, PORT)			\
	X(SET_ROCE_ADDRESS, 0x0761, PORT)			\
	X(QUERY_HCA_VPORT_CONTEXT, 0x0762, PORT)		\
	X(QUERY_VPORT_COUNTER, 0x0770, PORT)			\
	X(ALLOC_Q_COUNTER, 0x0771, PORT)			\
	X(DEALLOC_Q_COUNTER, 0x0772, PORT)			\
	X(QUERY_Q_COUNTER, 0x0773, PORT)			\
	X(ALLOC_PD, 0x0800, IB)					\
	X(DEALLOC_PD, 0x0801, IB)

/* Guest QP types as written to vf<S>/qp_modify. */
#define MLXSIM_QP_TYPES(X)		\
	X(RC, 0, "rc")			\
	X(UC, 1, "uc")			\
	X(UD, 2, "ud")			\
	X(SMI, 3, "smi")		\
	X(GSI, 4, "gsi")

/* Which kind of special QP a QPN falls in (proxy/tunnel ranges in caps). */
#define MLXSIM_QP_KINDS(X)		\
	X(REGULAR, 0, "regular")	\
	X(PROXY, 1, "proxy")		\
	X(TUNNEL, 2, "tunnel")

#define MLXSIM_QP_STATES(X)		\
	X(RST, 0, "RST")		\
	X(INIT, 1, "INIT")		\
	X(RTR, 2, "RTR")		\
	X(RTS, 3, "RTS")		\
	X(SQD, 4, "SQD")		\
	X(SQE, 5, "SQE")		\
	X(ERR, 6, "ERR")

/* QP state transitions, X(NAME, value, mlx4 opcode name). */
#define MLXSIM_QP_TRANSITIONS(X)		\
	X(RST2INIT, 0, RST2INIT_QP)		\
	X(INIT2INIT, 1, INIT2INIT_QP)		\
	X(INIT2RTR, 2, INIT2RTR_QP)		\
	X(RTR2RTS, 3, RTR2RTS_QP)		\
	X(RTS2RTS, 4, RTS2RTS_QP)		\
	X(SQERR2RTS, 5, SQERR2RTS_QP)		\
	X(SQD2SQD, 6, SQD2SQD_QP)		\
	X(SQD2RTS, 7, SQD2RTS_QP)		\
	X(RTS2SQD, 8, RTS2SQD_QP)		\
	X(2ERR, 9, 2ERR_QP)			\
	X(2RST, 10, 2RST_QP)

/* Why a guest QP change was refused. */
#define MLXSIM_QP_REJECTS(X)			\
	X(NONE, 0, "none")			\
	X(PKEY_INDEX, 1, "pkey_index")		\
	X(RESERVED_QKEY, 2, "reserved_qkey")	\
	X(MGID_INDEX, 3, "mgid_index")		\
	X(UNKNOWN_QP, 4, "unknown_qp")		\
	X(PORT, 5, "port")			\
	X(TYPE, 6, "type")			\
	X(TRANSITION, 7, "transition")		\
	X(STATE, 8, "state")			\
	X(FW, 9, "fw")

/* Who received a P_Key change event. */
#define MLXSIM_PKEY_EVENT_TARGETS(X)	\
	X(MASTER, 0, "master")		\
	X(SLAVE, 1, "slave")

/* Why a virt2phys entry changed. */
#define MLXSIM_PKEY_MAP_CAUSES(X)	\
	X(INIT, 0, "init")		\
	X(ADMIN, 1, "admin")

/* ib_core events mlxsim dispatches (IB_EVENT_*), counted per port. */
#define MLXSIM_IB_EVENTS(X)			\
	X(PORT_ACTIVE, 0, "port_active")	\
	X(PORT_ERR, 1, "port_err")		\
	X(PKEY_CHANGE, 2, "pkey_change")	\
	X(LID_CHANGE, 3, "lid_change")		\
	X(GID_CHANGE, 4, "gid_change")		\
	X(SM_CHANGE, 5, "sm_change")		\
	X(CLIENT_REREGISTER, 6, "client_reregister")

/* How a MAD reached process_mad (mlxsim_mad's `source`). */
#define MLXSIM_MAD_SOURCES(X)		\
	X(LOCAL, 0, "local")		\
	X(WIRE, 1, "wire")		\
	X(LOOPBACK, 2, "loopback")	\
	X(DEBUGFS, 3, "debugfs")

/* IB logical port states (PortInfo:PortState, enum ib_port_state). */
#define MLXSIM_IB_PORT_STATES(X)	\
	X(NOP, 0, "nop")		\
	X(DOWN, 1, "down")		\
	X(INIT, 2, "init")		\
	X(ARMED, 3, "armed")		\
	X(ACTIVE, 4, "active")

/* Why the SMA's port changed (mlxsim_sma_port's `cause`). */
#define MLXSIM_SMA_CAUSES(X)		\
	X(SET, 0, "set")		\
	X(LINK_UP, 1, "link_up")	\
	X(LINK_DOWN, 2, "link_down")

/* How a P_Key table change reached the cache (mlxsim_smp_snoop's path). */
#define MLXSIM_PKEY_PATHS(X)		\
	X(SNOOP, 0, "snoop")		\
	X(EVENT, 1, "event")

/* mlx4's slave port states (enum slave_port_state). */
#define MLXSIM_SLAVE_PORT_STATES(X)	\
	X(DOWN, 0, "down")		\
	X(PENDING_UP, 1, "pending_up")	\
	X(UP, 2, "up")

/* What moves a slave port (enum slave_port_state_event). */
#define MLXSIM_SLAVE_PORT_EVENTS(X)		\
	X(PORT_UP, 0, "port_up")		\
	X(PORT_DOWN, 1, "port_down")		\
	X(GID_VALID, 2, "gid_valid")		\
	X(GID_INVALID, 3, "gid_invalid")

/* What an alias GUID request asks the SA (MLX4_GUID_INFO_RECORD_*). */
#define MLXSIM_AG_METHODS(X)		\
	X(SET, 0, "set")		\
	X(DELETE, 1, "delete")

/* What became of one entry of an alias GUID request (mlxsim_guid_assign). */
#define MLXSIM_AG_RESULTS(X)			\
	X(SENT, 0, "sent")			\
	X(ACCEPTED, 1, "accepted")		\
	X(DECLINED, 2, "declined")		\
	X(FAILED, 3, "failed")			\
	X(PORT_DOWN, 4, "port_down")		\
	X(CACHED, 5, "cached")

/* errnos printed by name in tables, logs and the trace plugin. */
#define MLXSIM_ERRNOS(X)		\
	X(EPERM, 1)			\
	X(ENOENT, 2)			\
	X(EINTR, 4)			\
	X(EIO, 5)			\
	X(ENXIO, 6)			\
	X(E2BIG, 7)			\
	X(EAGAIN, 11)			\
	X(ENOMEM, 12)			\
	X(EACCES, 13)			\
	X(EFAULT, 14)			\
	X(EBUSY, 16)			\
	X(EEXIST, 17)			\
	X(ENODEV, 19)			\
	X(EINVAL, 22)			\
	X(ENOSPC, 28)			\
	X(ERANGE, 34)			\
	X(EPROTO, 71)			\
	X(EBADMSG, 74)			\
	X(EOPNOTSUPP, 95)		\
	X(ETIMEDOUT, 110)		\
	X(EREMOTEIO, 121)

/* Expanders shared by every user of the (NAME, value, "string") lists. */
#define MLXSIM_X_NAME(n, v, s) [v] = s,
#define MLXSIM_X_NAME_ONLY(n, v, s) s,

#endif /* MLXSIM_NAMES_H */
