// SPDX-License-Identifier: GPL-2.0
/* Instantiates every mlxsim trace event (tracepoints/mlxsim_trace.h). */
#include "mlxsim.h"

#define CREATE_TRACE_POINTS
#include "mlxsim_trace.h"
