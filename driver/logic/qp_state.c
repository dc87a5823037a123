// SPDX-License-Identifier: GPL-2.0
/*
 * The firmware's side of a QP state change: the IB state machine and the
 * fields each transition loads into the hardware context.
 */
#include "mlxsim/qp.h"

struct mlxsim_qp_trans_info {
	u8 from_mask;	/* states the transition may start from */
	u8 to;
};

#define S(x) (1U << MLXSIM_QPS_##x)
#define MLXSIM_QPS_ANY (S(RST) | S(INIT) | S(RTR) | S(RTS) | S(SQD) | \
			S(SQE) | S(ERR))

static const struct mlxsim_qp_trans_info mlxsim_qp_trans[] = {
	[MLXSIM_QP_RST2INIT] = { S(RST), MLXSIM_QPS_INIT },
	[MLXSIM_QP_INIT2INIT] = { S(INIT), MLXSIM_QPS_INIT },
	[MLXSIM_QP_INIT2RTR] = { S(INIT), MLXSIM_QPS_RTR },
	[MLXSIM_QP_RTR2RTS] = { S(RTR), MLXSIM_QPS_RTS },
	[MLXSIM_QP_RTS2RTS] = { S(RTS), MLXSIM_QPS_RTS },
	[MLXSIM_QP_SQERR2RTS] = { S(SQE), MLXSIM_QPS_RTS },
	[MLXSIM_QP_SQD2SQD] = { S(SQD), MLXSIM_QPS_SQD },
	[MLXSIM_QP_SQD2RTS] = { S(SQD), MLXSIM_QPS_RTS },
	[MLXSIM_QP_RTS2SQD] = { S(RTS), MLXSIM_QPS_SQD },
	[MLXSIM_QP_2ERR] = { MLXSIM_QPS_ANY, MLXSIM_QPS_ERR },
	[MLXSIM_QP_2RST] = { MLXSIM_QPS_ANY, MLXSIM_QPS_RST },
};

/* Transitions are numbered 0..N-1 in list order, so no designators. */
#define MLXSIM_X_TRANS_OPCODE(n, v, op) MLXSIM_OP_##op,
static const u16 mlxsim_qp_trans_opcodes[] = {
	MLXSIM_QP_TRANSITIONS(MLXSIM_X_TRANS_OPCODE)
};

u16 mlxsim_qp_trans_opcode(u8 op)
{
	return op < ARRAY_SIZE(mlxsim_qp_trans_opcodes) ?
	       mlxsim_qp_trans_opcodes[op] : 0;
}

u8 mlxsim_qp_trans_to(u8 op)
{
	return op < MLXSIM_NUM_QP_TRANSITIONS ? mlxsim_qp_trans[op].to :
	       MLXSIM_QPS_ERR;
}

bool mlxsim_qp_trans_allowed(u8 op, u8 state)
{
	return op < MLXSIM_NUM_QP_TRANSITIONS && state <= MLXSIM_QPS_ERR &&
	       (mlxsim_qp_trans[op].from_mask & (1U << state));
}

/* UD-transport types: SMI/GSI are UD on the wire. */
bool mlxsim_qp_type_is_ud(u8 type)
{
	return type == MLXSIM_QPT_UD || type == MLXSIM_QPT_SMI ||
	       type == MLXSIM_QPT_GSI;
}

const struct mlxsim_qp_ctx mlxsim_qp_ctx_fresh = {
	.state = MLXSIM_QPS_RST,
	.alt_pkey_index = MLXSIM_QP_UNSET,
	.mgid_index = MLXSIM_QP_UNSET,
	.alt_mgid_index = MLXSIM_QP_UNSET,
};

void mlxsim_qp_ctx_apply(struct mlxsim_qp_ctx *ctx,
			 const struct mlxsim_qp_attrs *a)
{
	u32 p = a->present;

	if (a->op == MLXSIM_QP_RST2INIT && (p & MLXSIM_QPA_TYPE))
		ctx->type = a->type;
	if (mlxsim_qp_trans_has_pkey(a->op)) {
		if (p & MLXSIM_QPA_PORT)
			ctx->port = a->port;
		if (p & MLXSIM_QPA_PKEY)
			ctx->pkey_index = a->pkey_index;
		/* UD has no alternate path */
		if ((p & MLXSIM_QPA_ALT_PKEY) && !mlxsim_qp_type_is_ud(ctx->type))
			ctx->alt_pkey_index = a->alt_pkey_index;
		if ((p & MLXSIM_QPA_ALT_PORT) && !mlxsim_qp_type_is_ud(ctx->type))
			ctx->alt_port = a->alt_port;
	}
	if (mlxsim_qp_trans_has_gid(a->op)) {
		/* RC/UC load a path only when optpar says it is there */
		if ((p & MLXSIM_QPA_MGID) &&
		    (mlxsim_qp_type_is_ud(ctx->type) ||
		     (a->optpar & MLXSIM_QP_OPTPAR_PRI)))
			ctx->mgid_index = a->mgid_index;
		if ((p & MLXSIM_QPA_ALT_MGID) && !mlxsim_qp_type_is_ud(ctx->type) &&
		    (a->optpar & MLXSIM_QP_OPTPAR_ALT))
			ctx->alt_mgid_index = a->alt_mgid_index;
	}
	if (mlxsim_qp_trans_has_qkey(a->op) && (p & MLXSIM_QPA_QKEY))
		ctx->qkey = a->qkey;
	ctx->state = mlxsim_qp_trans_to(a->op);
}

int mlxsim_qp_fw_modify(struct mlxsim_qp_ctx *hw,
			const struct mlxsim_qp_attrs *a, u32 ports, u32 pkeys)
{
	if (a->op >= MLXSIM_NUM_QP_TRANSITIONS)
		return -EINVAL;
	if (!mlxsim_qp_trans_allowed(a->op, hw->state))
		return -EBUSY;
	if (mlxsim_qp_trans_has_pkey(a->op) &&
	    (((a->present & MLXSIM_QPA_PKEY) && a->pkey_index >= pkeys) ||
	     ((a->present & MLXSIM_QPA_ALT_PKEY) &&
	      a->alt_pkey_index >= pkeys) ||
	     ((a->present & MLXSIM_QPA_PORT) &&
	      (a->port < 1 || a->port > ports)) ||
	     ((a->present & MLXSIM_QPA_ALT_PORT) &&
	      (a->alt_port < 1 || a->alt_port > ports))))
		return -EINVAL;
	mlxsim_qp_ctx_apply(hw, a);
	return 0;
}
