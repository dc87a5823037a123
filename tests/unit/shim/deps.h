/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for include/mlxsim/deps.h (same include guard).
 * Split like tools/testing/vma: stubs, copies of kernel helpers, and
 * customisations tests rely on.
 */
#ifndef MLXSIM_DEPS_H
#define MLXSIM_DEPS_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* copies: kernel integer types and helpers */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#define BIT(n) (1UL << (n))
#define BITS_PER_LONG (sizeof(long) * CHAR_BIT)
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define fallthrough __attribute__((__fallthrough__))

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return map[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

/* errnos the kernel has and glibc names differently or lacks */
#ifndef ENOTSUPP
#define ENOTSUPP 524
#endif

#endif /* MLXSIM_DEPS_H */
