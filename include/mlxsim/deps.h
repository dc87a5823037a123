/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only door from the shared decision logic to the outside world.
 *
 * In the module this pulls in kernel headers; the userspace test build
 * force-includes tests/unit/shim/deps.h, which has the same include guard,
 * so this file is skipped there.  Keep it to #includes only.
 */
#ifndef MLXSIM_DEPS_H
#define MLXSIM_DEPS_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/bits.h>

#endif /* MLXSIM_DEPS_H */
