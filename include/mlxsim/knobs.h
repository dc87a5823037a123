/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers of the small debugfs knobs: what a write to fail_cmd,
 * port<P>/hold, port<P>/cmd, vf<S>/active and a slave's event means.
 * Each takes the whole write, fills its argument only on success, and on
 * error names the offending token in @bad.
 */
#ifndef MLXSIM_KNOBS_H
#define MLXSIM_KNOBS_H

#include "mlxsim/types.h"
#include "mlxsim/params.h"

/* fail_cmd: "OPCODE [ERRNO]" arms a one-shot fault, "-"/"none" disarms. */
struct mlxsim_fail_cmd_arg {
	bool armed;
	u16 opcode;
	int err;		/* positive errno, one mlxsim can name */
};

int mlxsim_fail_cmd_parse(const char *buf, size_t len,
			  struct mlxsim_fail_cmd_arg *a, char *bad,
			  size_t badlen);

/* port<P>/hold: "+N" takes, "-N" releases N references, 1 <= N <= 2^20. */
#define MLXSIM_HOLD_MAX BIT(20)
struct mlxsim_hold_arg {
	bool take;
	u32 n;
};

int mlxsim_hold_parse(const char *buf, size_t len, struct mlxsim_hold_arg *a,
		      char *bad, size_t badlen);

/*
 * port<P>/cmd: "[ib|port] OPCODE".  The opcode's class routes it; a
 * leading word is accepted only when it names that class.
 */
struct mlxsim_port_cmd_arg {
	u16 opcode;
	u8 class;		/* enum mlxsim_cmd_class */
};

int mlxsim_port_cmd_parse(const char *buf, size_t len,
			  struct mlxsim_port_cmd_arg *a, char *bad,
			  size_t badlen);

/* fail_add: "N", the add step to fail (0 disarms), N <= MLXSIM_FAIL_ADD_MAX. */
#define MLXSIM_FAIL_ADD_MAX 1000
int mlxsim_fail_add_parse(const char *buf, size_t len, u32 *step, char *bad,
			  size_t badlen);

/* vf<S>/active: "0" or "1". */
int mlxsim_bool_parse(const char *buf, size_t len, bool *on, char *bad,
		      size_t badlen);

/* A slave's event file: an ib_core event name ("port_active"...). */
int mlxsim_slave_event_parse(const char *buf, size_t len, u8 *ev, char *bad,
			     size_t badlen);

/* link_device / unlink_device: "A:P B:Q", two distinct IB ports. */
struct mlxsim_link_arg {
	u32 id[2];
	u32 port[2];
};

int mlxsim_link_parse(const char *buf, size_t len, struct mlxsim_link_arg *a,
		      char *bad, size_t badlen);

#endif /* MLXSIM_KNOBS_H */
