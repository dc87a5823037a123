/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the commands the driver sends the simulated firmware.
 * Opcodes and their names are in names.h.
 */
#ifndef MLXSIM_CMD_H
#define MLXSIM_CMD_H

#include "mlxsim/types.h"

/* NIC vport context as the firmware stores it. */
struct mlxsim_vport_ctx {
	u32 roce_en;
	u32 affiliated_vhca_id;
	u32 affiliation_criteria;
};

/* MODIFY_NIC_VPORT_CONTEXT field_select bits (upstream's names). */
#define MLXSIM_VPORT_SEL_ROCE_EN	BIT(1)
#define MLXSIM_VPORT_SEL_AFFILIATION	BIT(2)

#define MLXSIM_MAD_SIZE 256

struct mlxsim_cmd {
	u16 opcode;
	u8 port;		/* per-port commands: 1-based, 0 for none */
	/*
	 * A read for an observer (a debugfs table, ib_core refreshing its
	 * cache at a time of its own): the firmware answers it without
	 * counting, tracing or consuming a fault armed with fail_cmd, so
	 * looking never changes what is looked at.
	 */
	bool quiet;
	u16 mad_status;		/* MAD_IFC: status the firmware answered */
	bool mad_discard;	/* MAD_IFC: no response is to be sent */
	union {
		struct {
			u32 field_select;
			struct mlxsim_vport_ctx ctx;
		} vport;	/* QUERY_/MODIFY_NIC_VPORT_CONTEXT */
		struct {
			const u8 *in;
			u8 *out;
		} mad;		/* MAD_IFC */
		void *priv;	/* area-specific payload (QP contexts) */
	};
};

#endif /* MLXSIM_CMD_H */
