/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ASSERT_* for every userspace test runner (tools/testing/vma style):
 * tests are `static bool test_x(void)`; a failed assertion prints
 * file:line and fails the test.
 */
#ifndef MLXSIM_TEST_ASSERT_H
#define MLXSIM_TEST_ASSERT_H

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
#define ASSERT_FALSE(c) ASSERT_TRUE(!(c))
#define ASSERT_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b) {							\
		fprintf(stderr, "  %s:%d: ASSERT_EQ(%s, %s): %lld != %lld\n", \
			__FILE__, __LINE__, #a, #b, _a, _b);		\
		return false;						\
	}								\
} while (0)
#define ASSERT_NE(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a == _b) {							\
		fprintf(stderr, "  %s:%d: ASSERT_NE(%s, %s): both %lld\n", \
			__FILE__, __LINE__, #a, #b, _a);		\
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

#endif /* MLXSIM_TEST_ASSERT_H */
