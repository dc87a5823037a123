// SPDX-License-Identifier: GPL-2.0
/* Instantiates the P_Key paravirtualization trace events. */
#include "mlxsim.h"

#define CREATE_TRACE_POINTS
#include "mlxsim_pkey.h"
