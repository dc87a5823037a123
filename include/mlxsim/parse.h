/* SPDX-License-Identifier: GPL-2.0 */
/* Tokenising and number parsing shared by every writable file. */
#ifndef MLXSIM_PARSE_H
#define MLXSIM_PARSE_H

#include "mlxsim/deps.h"

/* Longest token any mlxsim file accepts, and longest whole write. */
#define MLXSIM_TOKEN_MAX 64
#define MLXSIM_INPUT_MAX 512

struct mlxsim_tokenizer {
	const char *pos;
	const char *end;
};

void mlxsim_tok_init(struct mlxsim_tokenizer *t, const char *buf, size_t len);
/*
 * Copy the next whitespace-separated token into @tok (NUL-terminated).
 * Returns its length, 0 at the end, -EINVAL if longer than @size - 1
 * (then @tok holds its truncated start, for the error message).
 */
int mlxsim_tok_next(struct mlxsim_tokenizer *t, char *tok, size_t size);

/* "0x..." hexadecimal or plain decimal; -EINVAL for junk, -ERANGE overflow. */
int mlxsim_parse_u64(const char *tok, u64 *out);
int mlxsim_parse_u32(const char *tok, u32 *out);
/* Like mlxsim_parse_u32, then -ERANGE unless min <= value <= max. */
int mlxsim_parse_range(const char *tok, u32 min, u32 max, u32 *out);

/* GUID as 0x<hex>, decimal, or xxxx:xxxx:xxxx:xxxx. */
int mlxsim_parse_guid(const char *tok, u64 *out);

/* Copy @tok, truncated, into the caller's error buffer (if any). */
void mlxsim_set_bad(char *bad, size_t badlen, const char *tok);

/* Split "key=value" in place; -EINVAL if there is no '=' or no key. */
int mlxsim_split_kv(char *tok, char **key, char **val);

#endif /* MLXSIM_PARSE_H */
