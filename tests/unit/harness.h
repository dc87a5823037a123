/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny test harness in the style of tools/testing/vma: tests are
 * `static bool test_x(void)`, ASSERT_* print file:line and fail the test.
 */
#ifndef MLXSIM_TEST_HARNESS_H
#define MLXSIM_TEST_HARNESS_H

#include <stdbool.h>
#include <stdio.h>

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
	if (strcmp(_a, _b)) {						\
		fprintf(stderr, "  %s:%d: ASSERT_STREQ(%s, %s): \"%s\" != \"%s\"\n", \
			__FILE__, __LINE__, #a, #b, _a, _b);		\
		return false;						\
	}								\
} while (0)

struct mlxsim_test {
	const char *name;
	bool (*fn)(void);
};

#define TEST(f) { #f, f }

/*
 * Each test file exports its list, ending in { NULL, NULL }, and the
 * runner in main.c walks them in this order.  Weak, so an area's tests
 * can land on their own.
 */
#define MLXSIM_SUITES(X)	\
	X(names_tests)		\
	X(params_tests)		\
	X(mp_tests)		\
	X(mp_lookup_tests)	\
	X(pkey_tests)		\
	X(qp_tests)		\
	X(smp_tests)		\
	X(mad_tests)

#define MLXSIM_SUITE_DECL(s) extern const struct mlxsim_test s[] __attribute__((weak));
MLXSIM_SUITES(MLXSIM_SUITE_DECL)

#endif /* MLXSIM_TEST_HARNESS_H */
