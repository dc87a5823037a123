/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libFuzzer targets: a reader that turns the input
 * into small numbers (running dry yields zeros, so every input is a valid
 * program), and FZ_CHECK, which aborts so libFuzzer keeps the input.
 */
#ifndef MLXSIM_FUZZ_H
#define MLXSIM_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fz {
	const u8 *p;
	size_t n;
};

static inline void fz_init(struct fz *f, const u8 *data, size_t size)
{
	f->p = data;
	f->n = size;
}

static inline u8 fz_u8(struct fz *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

static inline u16 fz_u16(struct fz *f)
{
	return (u16)fz_u8(f) << 8 | fz_u8(f);
}

static inline u32 fz_u32(struct fz *f)
{
	return (u32)fz_u16(f) << 16 | fz_u16(f);
}

/* A value below @n (n > 0), from one byte: small ranges stay dense. */
static inline u32 fz_below(struct fz *f, u32 n)
{
	return fz_u8(f) % n;
}

/*
 * The brute-force checks are no search space: keep libFuzzer's comparison
 * tracing out of them, or it costs more than the code under test.
 */
#define FZ_NOCOV __attribute__((no_sanitize("coverage")))

#define FZ_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz: %s:%d: check failed: %s: ",	\
				__FILE__, __LINE__, #cond);		\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

/* @bad[0..badlen) is one NUL-terminated string, the rest untouched. */
static inline void fz_check_bad(const char *bad, size_t badlen, size_t total,
				char canary)
{
	size_t i;

	if (badlen)
		FZ_CHECK(memchr(bad, '\0', badlen), "bad not terminated");
	for (i = badlen; i < total; i++)
		FZ_CHECK(bad[i] == canary, "bad[%zu] written (badlen %zu)",
			 i, badlen);
}

#endif /* MLXSIM_FUZZ_H */
