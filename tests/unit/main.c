// SPDX-License-Identifier: GPL-2.0
/*
 * Runner of the userspace unit tests of mlxsim's shared logic.
 * Usage: unit_tests [NAME-SUBSTRING]
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define MLXSIM_SUITE_REF(s) s,
static const struct mlxsim_test *const suites[] = {
	MLXSIM_SUITES(MLXSIM_SUITE_REF)
};

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	unsigned int passed = 0, failed = 0, i;
	const struct mlxsim_test *t;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		/* a weak suite that no file defines is NULL */
		for (t = suites[i]; t && t->name; t++) {
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
	}
	printf("%u tests run, %u passed, %u failed\n", passed + failed,
	       passed, failed);
	printf("unit: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
