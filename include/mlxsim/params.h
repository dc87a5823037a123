/* SPDX-License-Identifier: GPL-2.0 */
/* What `new_device` accepts: one function's capabilities. */
#ifndef MLXSIM_PARAMS_H
#define MLXSIM_PARAMS_H

#include "mlxsim/types.h"
#include "mlxsim/parse.h"

#define MLXSIM_ID_MAX 65535
#define MLXSIM_GUID_BASE 0x0002c90300000000ULL
#define MLXSIM_MAX_PORTS 2
#define MLXSIM_MAX_VFS 79
#define MLXSIM_MAX_PKEYS 128
#define MLXSIM_PKEY_BLOCK 32
#define MLXSIM_MAX_AFFILIATE 15

struct mlxsim_params {
	u32 id;
	u64 guid;
	u32 vhca_ports;
	u32 affiliate;
	u32 native_port;
	enum mlxsim_link link;
	u32 ports;
	u32 vfs;
	u32 pkeys;
	enum mlxsim_fn_type type;
	u32 port_mng_chg_ev;	/* (vfs > 0) firmware raises PORT_MNG_CHG_EV */
};

/*
 * Parse "ID [key=value ...]".  On error returns a negative errno, leaves
 * @p untouched and copies the offending token into @bad for the log line.
 */
int mlxsim_params_parse(const char *buf, size_t len, struct mlxsim_params *p,
			char *bad, size_t badlen);

/* Parse "ID" for del_device. */
int mlxsim_id_parse(const char *buf, size_t len, u32 *id, char *bad,
		    size_t badlen);

/* Role from the capabilities (DESIGN.md "Role"). */
enum mlxsim_role mlxsim_params_role(const struct mlxsim_params *p);
/* Native port: native_port when multiport applies, else 1. */
u32 mlxsim_params_native_port(const struct mlxsim_params *p);
/* Ports of the IB device a master/ordinary function creates. */
u32 mlxsim_params_ib_ports(const struct mlxsim_params *p);

#endif /* MLXSIM_PARAMS_H */
