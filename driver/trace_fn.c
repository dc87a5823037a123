// SPDX-License-Identifier: GPL-2.0
/* Instantiates the device lifecycle and command trace events. */
#include "mlxsim.h"

#define CREATE_TRACE_POINTS
#include "mlxsim_fn.h"
