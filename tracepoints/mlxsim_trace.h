/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mlxsim trace system: every event, one header per area, instantiated
 * together by driver/trace.c.  The enums they print are exported here
 * once (TRACE_DEFINE_ENUM), so userspace parsers can decode them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mlxsim

#if !defined(_MLXSIM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _MLXSIM_TRACE_H

#include <linux/tracepoint.h>
#include "mlxsim_trace_common.h"

MLXSIM_ROLES(MLXSIM_TP_ENUM_ROLE)
MLXSIM_FN_TYPES(MLXSIM_TP_ENUM_FN_TYPE)
MLXSIM_LINKS(MLXSIM_TP_ENUM_LINK)
MLXSIM_OPCODES(MLXSIM_TP_ENUM_OP)
MLXSIM_MDEV_RESULTS(MLXSIM_TP_ENUM_MDEV)
MLXSIM_MP_REASONS(MLXSIM_TP_ENUM_REASON)
MLXSIM_PKEY_MAP_CAUSES(MLXSIM_TP_ENUM_PKEY_MAP)
MLXSIM_PKEY_EVENT_TARGETS(MLXSIM_TP_ENUM_PKEY_TO)
MLXSIM_QP_TYPES(MLXSIM_TP_ENUM_QPT)
MLXSIM_QP_KINDS(MLXSIM_TP_ENUM_QPK)
MLXSIM_QP_TRANSITIONS(MLXSIM_TP_ENUM_TRANS)
MLXSIM_QP_REJECTS(MLXSIM_TP_ENUM_QPR)
MLXSIM_IB_EVENTS(MLXSIM_TP_ENUM_IB_EVENT)
MLXSIM_MAD_SOURCES(MLXSIM_TP_ENUM_MAD_SRC)
MLXSIM_IB_PORT_STATES(MLXSIM_TP_ENUM_IBPS)
MLXSIM_SMA_CAUSES(MLXSIM_TP_ENUM_SMA_CAUSE)
MLXSIM_PKEY_PATHS(MLXSIM_TP_ENUM_PKEY_PATH)

#include "mlxsim_fn.h"
#include "mlxsim_mp.h"
#include "mlxsim_pkey.h"
#include "mlxsim_sma.h"
#if IS_ENABLED(CONFIG_INFINIBAND)
#include "mlxsim_ib.h"
#endif

#endif /* _MLXSIM_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE mlxsim_trace
#include <trace/define_trace.h>
