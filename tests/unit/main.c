// SPDX-License-Identifier: GPL-2.0
/*
 * Runner of the userspace unit tests of mlxsim's shared logic.
 * Usage: unit_tests [NAME-SUBSTRING]
 *
 * Fails (exit 1, counted as a failure in the closing line) when a test
 * fails, when a suite has no tests, and when a filter matches no test.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define MLXSIM_SUITE_REF(s) { #s, s },
static const struct {
	const char *name;
	const struct mlxsim_test *tests;
} suites[] = {
	MLXSIM_SUITES(MLXSIM_SUITE_REF)
};

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	unsigned int passed = 0, failed = 0, i, n;
	const struct mlxsim_test *t;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		n = 0;
		for (t = suites[i].tests; t->name; t++) {
			n++;
			if (filter && !strstr(t->name, filter))
				continue;
			if (t->fn()) {
				passed++;
				printf("ok %u - %s\n", passed + failed, t->name);
			} else {
				failed++;
				printf("not ok %u - %s\n", passed + failed,
				       t->name);
			}
		}
		if (!n) {
			failed++;
			printf("not ok %u - suite %s has no tests\n",
			       passed + failed, suites[i].name);
		}
	}
	if (filter && !passed && !failed) {
		failed++;
		printf("not ok 1 - no test matches '%s'\n", filter);
	}
	printf("1..%u\n", passed + failed);
	printf("%u tests run, %u passed, %u failed\n", passed + failed,
	       passed, failed);
	printf("unit: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
