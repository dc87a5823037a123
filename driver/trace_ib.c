// SPDX-License-Identifier: GPL-2.0
/* Instantiates the RDMA core registration trace events. */
#include "mlxsim.h"

#define CREATE_TRACE_POINTS
#include "mlxsim_ib.h"
