/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the mlxsim trace headers: symbolic decoders built from
 * the X-macro lists in include/mlxsim/names.h, so `cat trace` and
 * `trace-cmd report -N` print names, not numbers.
 *
 * Symbol tables name the enum constants; mlxsim_trace.h exports each of
 * them once (TRACE_DEFINE_ENUM) so the kernel rewrites them to numbers in
 * the events' format files.  The exported maps are file-scope statics
 * named after the constant, which is why the area headers are
 * instantiated together, by one .c file (driver/trace.c).
 */
#ifndef _MLXSIM_TRACE_COMMON_H
#define _MLXSIM_TRACE_COMMON_H

#include "mlxsim/types.h"

/* Leading comma: a list is spliced in after the value argument. */
#define mlxsim_print_sym(val, list) __print_symbolic(val list)

#define MLXSIM_TP_SYM_ROLE(n, v, s)	, { MLXSIM_ROLE_##n, s }
#define MLXSIM_TP_SYM_FN_TYPE(n, v, s)	, { MLXSIM_FN_##n, s }
#define MLXSIM_TP_SYM_LINK(n, v, s)	, { MLXSIM_LINK_##n, s }
#define MLXSIM_TP_SYM_MP_STATE(n, v, s)	, { MLXSIM_MP_##n, s }
#define MLXSIM_TP_SYM_REASON(n, v, s)	, { MLXSIM_MP_REASON_##n, s }
#define MLXSIM_TP_SYM_MDEV(n, v, s)	, { MLXSIM_MDEV_##n, s }
#define MLXSIM_TP_SYM_QPT(n, v, s)	, { MLXSIM_QPT_##n, s }
#define MLXSIM_TP_SYM_QPK(n, v, s)	, { MLXSIM_QPK_##n, s }
#define MLXSIM_TP_SYM_QPS(n, v, s)	, { MLXSIM_QPS_##n, s }
#define MLXSIM_TP_SYM_QPR(n, v, s)	, { MLXSIM_QPR_##n, s }
#define MLXSIM_TP_SYM_PKEY_TO(n, v, s)	, { MLXSIM_PKEY_TO_##n, s }
#define MLXSIM_TP_SYM_PKEY_MAP(n, v, s)	, { MLXSIM_PKEY_MAP_##n, s }
#define MLXSIM_TP_SYM_TRANS(n, v, op)	, { MLXSIM_QP_##n, #n }
#define MLXSIM_TP_SYM_OP(n, v, c)	, { MLXSIM_OP_##n, #n }
#define MLXSIM_TP_SYM_ERRNO(n, v)	, { v, #n }
#define MLXSIM_TP_SYM_IB_EVENT(n, v, s)	, { MLXSIM_IB_EV_##n, s }
#define MLXSIM_TP_SYM_MAD_SRC(n, v, s)	, { MLXSIM_MAD_SRC_##n, s }
#define MLXSIM_TP_SYM_IBPS(n, v, s)	, { MLXSIM_IBPS_##n, s }
#define MLXSIM_TP_SYM_SMA_CAUSE(n, v, s) , { MLXSIM_SMA_CAUSE_##n, s }
#define MLXSIM_TP_SYM_PKEY_PATH(n, v, s) , { MLXSIM_PKEY_PATH_##n, s }
#define MLXSIM_TP_SYM_SLAVE_PS(n, v, s) , { MLXSIM_SLAVE_PORT_##n, s }
#define MLXSIM_TP_SYM_SLAVE_PE(n, v, s) , { MLXSIM_SLAVE_EV_##n, s }
#define MLXSIM_TP_SYM_AG_METHOD(n, v, s) , { MLXSIM_AG_METHOD_##n, s }
#define MLXSIM_TP_SYM_AG_RESULT(n, v, s) , { MLXSIM_AG_##n, s }

#define MLXSIM_TP_LIST_ERRNO , { 0, "OK" } MLXSIM_ERRNOS(MLXSIM_TP_SYM_ERRNO)

#define mlxsim_show_role(v)	mlxsim_print_sym(v, MLXSIM_ROLES(MLXSIM_TP_SYM_ROLE))
#define mlxsim_show_fn_type(v)	mlxsim_print_sym(v, MLXSIM_FN_TYPES(MLXSIM_TP_SYM_FN_TYPE))
#define mlxsim_show_link(v)	mlxsim_print_sym(v, MLXSIM_LINKS(MLXSIM_TP_SYM_LINK))
#define mlxsim_show_mp_state(v)	mlxsim_print_sym(v, MLXSIM_MP_STATES(MLXSIM_TP_SYM_MP_STATE))
#define mlxsim_show_reason(v)	mlxsim_print_sym(v, MLXSIM_MP_REASONS(MLXSIM_TP_SYM_REASON))
#define mlxsim_show_mdev(v)	mlxsim_print_sym(v, MLXSIM_MDEV_RESULTS(MLXSIM_TP_SYM_MDEV))
#define mlxsim_show_qp_type(v)	mlxsim_print_sym(v, MLXSIM_QP_TYPES(MLXSIM_TP_SYM_QPT))
#define mlxsim_show_qp_kind(v)	mlxsim_print_sym(v, MLXSIM_QP_KINDS(MLXSIM_TP_SYM_QPK))
#define mlxsim_show_qp_state(v)	mlxsim_print_sym(v, MLXSIM_QP_STATES(MLXSIM_TP_SYM_QPS))
#define mlxsim_show_qp_reject(v) mlxsim_print_sym(v, MLXSIM_QP_REJECTS(MLXSIM_TP_SYM_QPR))
#define mlxsim_show_pkey_to(v)	\
	mlxsim_print_sym(v, MLXSIM_PKEY_EVENT_TARGETS(MLXSIM_TP_SYM_PKEY_TO))
#define mlxsim_show_pkey_map(v)	mlxsim_print_sym(v, MLXSIM_PKEY_MAP_CAUSES(MLXSIM_TP_SYM_PKEY_MAP))
#define mlxsim_show_trans(v)	mlxsim_print_sym(v, MLXSIM_QP_TRANSITIONS(MLXSIM_TP_SYM_TRANS))
#define mlxsim_show_opcode(v)	mlxsim_print_sym(v, MLXSIM_OPCODES(MLXSIM_TP_SYM_OP))
#define mlxsim_show_errno(v)	mlxsim_print_sym(v, MLXSIM_TP_LIST_ERRNO)
#define mlxsim_show_ib_event(v)	\
	mlxsim_print_sym(v, MLXSIM_IB_EVENTS(MLXSIM_TP_SYM_IB_EVENT))

#define mlxsim_show_mad_source(v)	\
	mlxsim_print_sym(v, MLXSIM_MAD_SOURCES(MLXSIM_TP_SYM_MAD_SRC))
#define mlxsim_show_ib_port_state(v)	\
	mlxsim_print_sym(v, MLXSIM_IB_PORT_STATES(MLXSIM_TP_SYM_IBPS))
#define mlxsim_show_sma_cause(v)	\
	mlxsim_print_sym(v, MLXSIM_SMA_CAUSES(MLXSIM_TP_SYM_SMA_CAUSE))

#define mlxsim_show_pkey_path(v)	\
	mlxsim_print_sym(v, MLXSIM_PKEY_PATHS(MLXSIM_TP_SYM_PKEY_PATH))

#define mlxsim_show_slave_ps(v)	\
	mlxsim_print_sym(v, MLXSIM_SLAVE_PORT_STATES(MLXSIM_TP_SYM_SLAVE_PS))
#define mlxsim_show_slave_pe(v)	\
	mlxsim_print_sym(v, MLXSIM_SLAVE_PORT_EVENTS(MLXSIM_TP_SYM_SLAVE_PE))
#define mlxsim_show_ag_method(v)	\
	mlxsim_print_sym(v, MLXSIM_AG_METHODS(MLXSIM_TP_SYM_AG_METHOD))
#define mlxsim_show_ag_result(v)	\
	mlxsim_print_sym(v, MLXSIM_AG_RESULTS(MLXSIM_TP_SYM_AG_RESULT))

/* TRACE_DEFINE_ENUM for every constant of a list. */
#define MLXSIM_TP_ENUM_ROLE(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_ROLE_##n);
#define MLXSIM_TP_ENUM_FN_TYPE(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_FN_##n);
#define MLXSIM_TP_ENUM_LINK(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_LINK_##n);
#define MLXSIM_TP_ENUM_MP_STATE(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_MP_##n);
#define MLXSIM_TP_ENUM_REASON(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_MP_REASON_##n);
#define MLXSIM_TP_ENUM_MDEV(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_MDEV_##n);
#define MLXSIM_TP_ENUM_QPT(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_QPT_##n);
#define MLXSIM_TP_ENUM_QPK(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_QPK_##n);
#define MLXSIM_TP_ENUM_QPS(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_QPS_##n);
#define MLXSIM_TP_ENUM_QPR(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_QPR_##n);
#define MLXSIM_TP_ENUM_PKEY_TO(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_PKEY_TO_##n);
#define MLXSIM_TP_ENUM_PKEY_MAP(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_PKEY_MAP_##n);
#define MLXSIM_TP_ENUM_TRANS(n, v, op)	TRACE_DEFINE_ENUM(MLXSIM_QP_##n);
#define MLXSIM_TP_ENUM_OP(n, v, c)	TRACE_DEFINE_ENUM(MLXSIM_OP_##n);
#define MLXSIM_TP_ENUM_IB_EVENT(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_IB_EV_##n);
#define MLXSIM_TP_ENUM_MAD_SRC(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_MAD_SRC_##n);
#define MLXSIM_TP_ENUM_IBPS(n, v, s)	TRACE_DEFINE_ENUM(MLXSIM_IBPS_##n);
#define MLXSIM_TP_ENUM_SMA_CAUSE(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_SMA_CAUSE_##n);
#define MLXSIM_TP_ENUM_PKEY_PATH(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_PKEY_PATH_##n);
#define MLXSIM_TP_ENUM_SLAVE_PS(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_SLAVE_PORT_##n);
#define MLXSIM_TP_ENUM_SLAVE_PE(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_SLAVE_EV_##n);
#define MLXSIM_TP_ENUM_AG_METHOD(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_AG_METHOD_##n);
#define MLXSIM_TP_ENUM_AG_RESULT(n, v, s) TRACE_DEFINE_ENUM(MLXSIM_AG_##n);

#endif /* _MLXSIM_TRACE_COMMON_H */
