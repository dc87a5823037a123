/* SPDX-License-Identifier: GPL-2.0 */
/* ASSERT_* for the mlxtop tests: print file:line and fail the test. */
#ifndef MLXTOP_TEST_HARNESS_H
#define MLXTOP_TEST_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define ASSERT_TRUE(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "  %s:%d: ASSERT_TRUE(%s) failed\n",	\
			__FILE__, __LINE__, #c);			\
		return false;						\
	}								\
} while (0)
#define ASSERT_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b) {							\
		fprintf(stderr, "  %s:%d: ASSERT_EQ(%s, %s): %lld != %lld\n", \
			__FILE__, __LINE__, #a, #b, _a, _b);		\
		return false;						\
	}								\
} while (0)
#define ASSERT_STREQ(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (!_a || !_b || strcmp(_a, _b)) {				\
		fprintf(stderr, "  %s:%d: ASSERT_STREQ(%s, %s): \"%s\" != \"%s\"\n", \
			__FILE__, __LINE__, #a, #b, _a ? _a : "(null)",	\
			_b ? _b : "(null)");				\
		return false;						\
	}								\
} while (0)

#endif
