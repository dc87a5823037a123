/* SPDX-License-Identifier: GPL-2.0 */
/* The unit test suites and what a test is; assertions in test_assert.h. */
#ifndef MLXSIM_TEST_HARNESS_H
#define MLXSIM_TEST_HARNESS_H

#include "test_assert.h"

struct mlxsim_test {
	const char *name;
	bool (*fn)(void);
};

#define TEST(f) { #f, f }

/*
 * Each test file exports its list, ending in { NULL, NULL }, and the
 * runner in main.c walks them in this order.  Not weak: a suite listed
 * here that no file defines fails the link, and main.c fails a suite
 * with no tests and a filter that matches nothing, so a test that
 * silently went missing cannot pass as "0 failed".
 */
#define MLXSIM_SUITES(X)	\
	X(names_tests)		\
	X(params_tests)		\
	X(mp_tests)		\
	X(mp_lookup_tests)	\
	X(port_ref_tests)	\
	X(pkey_tests)		\
	X(qp_tests)		\
	X(smp_tests)		\
	X(mad_tests)		\
	X(sma_tests)		\
	X(pma_tests)		\
	X(slave_port_tests)	\
	X(alias_guid_tests)

#define MLXSIM_SUITE_DECL(s) extern const struct mlxsim_test s[];
MLXSIM_SUITES(MLXSIM_SUITE_DECL)

#endif /* MLXSIM_TEST_HARNESS_H */
