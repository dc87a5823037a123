// SPDX-License-Identifier: GPL-2.0
/* Instantiates the multiport trace events. */
#include "mlxsim.h"

#define CREATE_TRACE_POINTS
#include "mlxsim_mp.h"
