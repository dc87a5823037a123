/* SPDX-License-Identifier: GPL-2.0 */
/* What mlxsimctl's commands share: messages, numbers, the umad target. */
#ifndef MLXSIMCTL_CLI_H
#define MLXSIMCTL_CLI_H

#include <stdbool.h>
#include <stdio.h>

extern const char *prog;

/* Exit statuses */
#define EXIT_OK 0
#define EXIT_FAIL 1	/* the driver, the port or the MAD stack said no */
#define EXIT_USAGE 2	/* bad arguments */

/* One line on stderr, prefixed, with the --help hint; exit 2. */
void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						     noreturn));
/* A number 0x hex or decimal, whole string, in [min, max]; else exit 2. */
unsigned long long parse_num_or_die(const char *s, const char *what,
				    unsigned long long min,
				    unsigned long long max);

/* -U CA[:PORT] */
struct umad_target {
	bool set;
	char ca[20];
	unsigned int port;
};

void parse_umad_or_die(const char *arg, struct umad_target *t);

void usage(FILE *out);
void usage_sm(FILE *out);

int cmd_sm(int argc, char **argv);

#endif /* MLXSIMCTL_CLI_H */
