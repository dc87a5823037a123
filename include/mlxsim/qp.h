/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest QP paravirtualization (mlx4 style): the key=value parser of
 * vf<S>/qp_modify, the per-transition rewrite of a VF's QP context, the
 * special QP ranges with their reserved Q_Keys, and the firmware's side
 * (state machine, hardware context).
 */
#ifndef MLXSIM_QP_H
#define MLXSIM_QP_H

#include "mlxsim/types.h"
#include "mlxsim/params.h"

#define MLXSIM_QPN_MAX 0xffffff
/*
 * Special QPs: QP0/QP1 per port at base_sqpn, then one block of 8 per
 * function for proxies and the same for tunnels (mlx4's layout); inside a
 * block, offset 2 * qpt + (port - 1), qpt 0 = SMI, 1 = GSI.  The base is
 * high so the small QPNs people type by hand are regular QPs.
 */
#define MLXSIM_BASE_SQPN 0x10000
#define MLXSIM_SQPN_PER_SLAVE 8
#define MLXSIM_SQPN_RANGE (MLXSIM_SQPN_PER_SLAVE * (MLXSIM_MAX_VFS + 1))
#define MLXSIM_BASE_PROXY_SQPN (MLXSIM_BASE_SQPN + 8)
#define MLXSIM_BASE_TUNNEL_SQPN (MLXSIM_BASE_PROXY_SQPN + MLXSIM_SQPN_RANGE)
#define MLXSIM_RESERVED_QKEY_BASE 0xffff0000U

/* A context field no transition has set yet ("-" in tables). */
#define MLXSIM_QP_UNSET 0xffff
/* UD force-mgid bit of the hardware mgid index */
#define MLXSIM_QP_FORCE_MGID 0x80

/* optpar bits: which address paths a transition carries */
#define MLXSIM_QP_OPTPAR_PRI BIT(0)
#define MLXSIM_QP_OPTPAR_ALT BIT(1)

/* Which keys a qp_modify write carried. */
enum mlxsim_qp_attr_bit {
	MLXSIM_QPA_TYPE = BIT(0),
	MLXSIM_QPA_PORT = BIT(1),
	MLXSIM_QPA_PKEY = BIT(2),
	MLXSIM_QPA_ALT_PKEY = BIT(3),
	MLXSIM_QPA_MGID = BIT(4),
	MLXSIM_QPA_ALT_MGID = BIT(5),
	MLXSIM_QPA_QKEY = BIT(6),
	MLXSIM_QPA_OPTPAR = BIT(7),
	MLXSIM_QPA_ALT_PORT = BIT(8),
};

/* One QP state change: as the guest wrote it, or as the firmware gets it. */
struct mlxsim_qp_attrs {
	u32 qpn;
	u32 present;		/* MLXSIM_QPA_* */
	u8 op;			/* enum mlxsim_qp_transition */
	u8 type;		/* enum mlxsim_qp_type */
	u8 port;
	u8 alt_port;		/* the alternate path's port */
	u8 optpar;
	u16 pkey_index;
	u16 alt_pkey_index;
	u16 mgid_index;
	u16 alt_mgid_index;
	u32 qkey;
};

/* A QP's context: what the guest asked for, or what the hardware holds. */
struct mlxsim_qp_ctx {
	u8 state;		/* enum mlxsim_qp_state */
	u8 type;
	u8 port;
	u8 alt_port;		/* 0: the primary path's */
	u16 pkey_index;
	u16 alt_pkey_index;
	u16 mgid_index;
	u16 alt_mgid_index;
	u32 qkey;
};

/* The device a rewrite runs against. */
struct mlxsim_qp_env {
	u32 slave;		/* 0: the master */
	u32 ports;
	u32 pkeys;
	u32 vfs;		/* VFs of the device: RoCE GID ranges */
	bool eth;		/* Ethernet ports: RoCE GIDs (update_gid) */
	/*
	 * This slave's virt2phys, [port - 1][index] (the identity for the
	 * master); NULL without SR-IOV: nothing is rewritten.
	 */
	const u8 (*v2p)[MLXSIM_MAX_PKEYS];
};

/* RoCE GIDs per port (MLX4_ROCE_MAX_GIDS) and the PF's own share. */
#define MLXSIM_ROCE_GIDS 128
#define MLXSIM_ROCE_PF_GIDS 16

/*
 * A slave's RoCE GID range on a port (mlx4_get_base_gid_ix with every VF
 * on every port): the PF has the first 16, the VFs share the rest.
 */
u32 mlxsim_qp_roce_base_gid(u32 slave, u32 vfs);
u32 mlxsim_qp_roce_num_gids(u32 slave, u32 vfs);

/*
 * Parse "qpn=… op=… [type= port= pkey_index= alt_pkey_index= mgid_index=
 * alt_mgid_index= qkey= optpar=pri,alt]".  On error copies the token to
 * @bad and sets *why for errors that are a refused QP change (unknown
 * type or transition); *why is MLXSIM_QPR_NONE for plain syntax errors.
 */
int mlxsim_qp_modify_parse(const char *buf, size_t len,
			   struct mlxsim_qp_attrs *a,
			   enum mlxsim_qp_reject *why, char *bad,
			   size_t badlen);

/* Special QP kind of @qpn; for proxy/tunnel, *slave and *offset in block. */
enum mlxsim_qp_kind mlxsim_qp_kind(u32 qpn, u32 *slave, u32 *offset);
const char *mlxsim_qp_kind_name(unsigned int kind);
/* Reserved Q_Key of a proxy/tunnel QPN (the same for both of a pair). */
u32 mlxsim_qp_special_qkey(u32 qpn);

/* UD, SMI, GSI: datagram QPs (forced GID, no alternate path). */
bool mlxsim_qp_type_is_ud(u8 type);

/* Transitions on which the field is carried (and so rewritten). */
bool mlxsim_qp_trans_has_pkey(u8 op);
bool mlxsim_qp_trans_has_gid(u8 op);
bool mlxsim_qp_trans_has_qkey(u8 op);

/*
 * Rewrite guest attrs @g of a QP whose current guest context is @cur
 * (NULL when RST2INIT creates it) into @hw for the firmware.  Returns 0,
 * or a negative errno with *why set and @hw unspecified.
 */
int mlxsim_qp_paravirt(const struct mlxsim_qp_env *env,
		       const struct mlxsim_qp_ctx *cur,
		       const struct mlxsim_qp_attrs *g,
		       struct mlxsim_qp_attrs *hw, enum mlxsim_qp_reject *why);

/* A QP's context before its first transition: RST, no index set. */
extern const struct mlxsim_qp_ctx mlxsim_qp_ctx_fresh;

/* Fold accepted attrs into a context (guest or hardware side). */
void mlxsim_qp_ctx_apply(struct mlxsim_qp_ctx *ctx,
			 const struct mlxsim_qp_attrs *a);

/* The firmware opcode of a transition (RST2INIT_QP...), 0 if none. */
u16 mlxsim_qp_trans_opcode(u8 op);

/* State a transition leads to, and whether it may start from @state. */
u8 mlxsim_qp_trans_to(u8 op);
bool mlxsim_qp_trans_allowed(u8 op, u8 state);

/*
 * The firmware executing a (rewritten) transition on its hardware context:
 * -EBUSY for a transition not allowed from the current state, -EINVAL for
 * a P_Key index or port the hardware does not have.  Nothing changes on
 * error.
 */
int mlxsim_qp_fw_modify(struct mlxsim_qp_ctx *hw, const struct mlxsim_qp_attrs *a,
			u32 ports, u32 pkeys);

#endif /* MLXSIM_QP_H */
