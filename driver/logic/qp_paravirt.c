// SPDX-License-Identifier: GPL-2.0
/*
 * Guest QP paravirtualization: what the master rewrites in a VF's QP
 * context on each transition, and what it refuses outright.
 */
#include "mlxsim/qp.h"

#define T(x) (1U << MLXSIM_QP_##x)
/* transitions whose context carries the primary path's P_Key index */
#define MLXSIM_QP_PKEY_OPS (T(RST2INIT) | T(INIT2INIT) | T(INIT2RTR) | \
			    T(RTR2RTS) | T(RTS2RTS) | T(SQD2SQD) | T(SQD2RTS))
/* ... the address paths' GID index */
#define MLXSIM_QP_GID_OPS (T(INIT2RTR) | T(RTR2RTS) | T(RTS2RTS) | \
			   T(SQD2SQD) | T(SQD2RTS))
/* ... a Q_Key */
#define MLXSIM_QP_QKEY_OPS (MLXSIM_QP_PKEY_OPS | T(SQERR2RTS))

bool mlxsim_qp_trans_has_pkey(u8 op)
{
	return op < MLXSIM_NUM_QP_TRANSITIONS && (MLXSIM_QP_PKEY_OPS & (1U << op));
}

bool mlxsim_qp_trans_has_gid(u8 op)
{
	return op < MLXSIM_NUM_QP_TRANSITIONS && (MLXSIM_QP_GID_OPS & (1U << op));
}

bool mlxsim_qp_trans_has_qkey(u8 op)
{
	return op < MLXSIM_NUM_QP_TRANSITIONS && (MLXSIM_QP_QKEY_OPS & (1U << op));
}

enum mlxsim_qp_kind mlxsim_qp_kind(u32 qpn, u32 *slave, u32 *offset)
{
	enum mlxsim_qp_kind kind;
	u32 rel;

	if (qpn >= MLXSIM_BASE_TUNNEL_SQPN &&
	    qpn < MLXSIM_BASE_TUNNEL_SQPN + MLXSIM_SQPN_RANGE) {
		kind = MLXSIM_QPK_TUNNEL;
		rel = qpn - MLXSIM_BASE_TUNNEL_SQPN;
	} else if (qpn >= MLXSIM_BASE_PROXY_SQPN &&
		   qpn < MLXSIM_BASE_PROXY_SQPN + MLXSIM_SQPN_RANGE) {
		kind = MLXSIM_QPK_PROXY;
		rel = qpn - MLXSIM_BASE_PROXY_SQPN;
	} else {
		return MLXSIM_QPK_REGULAR;
	}
	if (slave)
		*slave = rel / MLXSIM_SQPN_PER_SLAVE;
	if (offset)
		*offset = rel % MLXSIM_SQPN_PER_SLAVE;
	return kind;
}

const char *mlxsim_qp_kind_name(unsigned int kind)
{
	static const char *const names[] = { MLXSIM_QP_KINDS(MLXSIM_X_NAME) };

	return kind < ARRAY_SIZE(names) ? names[kind] : "UNKNOWN";
}

u32 mlxsim_qp_special_qkey(u32 qpn)
{
	u32 slave, off;

	if (mlxsim_qp_kind(qpn, &slave, &off) == MLXSIM_QPK_REGULAR)
		return 0;
	return MLXSIM_RESERVED_QKEY_BASE + MLXSIM_SQPN_PER_SLAVE * slave + off;
}

u32 mlxsim_qp_roce_base_gid(u32 slave, u32 vfs)
{
	u32 gids = MLXSIM_ROCE_GIDS - MLXSIM_ROCE_PF_GIDS;

	if (!slave || !vfs)
		return 0;
	if (slave <= gids % vfs)
		return MLXSIM_ROCE_PF_GIDS + (gids / vfs + 1) * (slave - 1);
	return MLXSIM_ROCE_PF_GIDS + gids % vfs + gids / vfs * (slave - 1);
}

u32 mlxsim_qp_roce_num_gids(u32 slave, u32 vfs)
{
	u32 gids = MLXSIM_ROCE_GIDS - MLXSIM_ROCE_PF_GIDS;

	if (!slave || !vfs)
		return MLXSIM_ROCE_PF_GIDS;
	return gids / vfs + (slave <= gids % vfs);
}

static int mlxsim_qp_refuse(enum mlxsim_qp_reject *why,
			    enum mlxsim_qp_reject r, int err)
{
	*why = r;
	return err;
}

/* Checks every function's change gets: the master is trusted, not blind. */
static int mlxsim_qp_check(const struct mlxsim_qp_env *env,
			   const struct mlxsim_qp_ctx *cur,
			   const struct mlxsim_qp_attrs *g, u8 *type, u8 *port,
			   enum mlxsim_qp_reject *why)
{
	if (g->op >= MLXSIM_NUM_QP_TRANSITIONS)
		return mlxsim_qp_refuse(why, MLXSIM_QPR_TRANSITION, -EINVAL);
	if (!cur && g->op != MLXSIM_QP_RST2INIT)
		return mlxsim_qp_refuse(why, MLXSIM_QPR_UNKNOWN_QP, -ENOENT);
	if (g->present & MLXSIM_QPA_TYPE) {
		if (g->type > MLXSIM_QPT_GSI || (cur && cur->type != g->type))
			return mlxsim_qp_refuse(why, MLXSIM_QPR_TYPE, -EINVAL);
		*type = g->type;
	} else if (cur) {
		*type = cur->type;
	} else {
		return mlxsim_qp_refuse(why, MLXSIM_QPR_TYPE, -EINVAL);
	}
	if (g->present & MLXSIM_QPA_PORT) {
		if (g->port < 1 || g->port > env->ports)
			return mlxsim_qp_refuse(why, MLXSIM_QPR_PORT, -EINVAL);
		*port = g->port;
	} else if (cur && cur->port >= 1 && cur->port <= env->ports) {
		*port = cur->port;
	} else {
		return mlxsim_qp_refuse(why, MLXSIM_QPR_PORT, -EINVAL);
	}
	if ((g->present & MLXSIM_QPA_ALT_PORT) &&
	    (g->alt_port < 1 || g->alt_port > env->ports))
		return mlxsim_qp_refuse(why, MLXSIM_QPR_PORT, -EINVAL);
	if (((g->present & MLXSIM_QPA_PKEY) && g->pkey_index >= env->pkeys) ||
	    ((g->present & MLXSIM_QPA_ALT_PKEY) &&
	     g->alt_pkey_index >= env->pkeys))
		return mlxsim_qp_refuse(why, MLXSIM_QPR_PKEY_INDEX, -ERANGE);
	return 0;
}

/* What only a VF is held to: its own special QPs, Q_Keys and GID. */
static int mlxsim_qp_check_vf(const struct mlxsim_qp_env *env,
			      const struct mlxsim_qp_attrs *g, u8 type,
			      enum mlxsim_qp_kind kind,
			      enum mlxsim_qp_reject *why)
{
	u32 owner = 0, off = 0, gids;

	/* tunnels carry the PF's side of every VF's special QPs */
	if (kind == MLXSIM_QPK_TUNNEL)
		return mlxsim_qp_refuse(why, MLXSIM_QPR_UNKNOWN_QP, -EPERM);
	if (kind != MLXSIM_QPK_REGULAR) {
		mlxsim_qp_kind(g->qpn, &owner, &off);
		/* offset 2 * qpt + (port - 1): qpt 0/1, a port we have */
		if (owner != env->slave || off >= 4 || off % 2 >= env->ports)
			return mlxsim_qp_refuse(why, MLXSIM_QPR_UNKNOWN_QP, -EPERM);
		if (!mlxsim_qp_type_is_ud(type))
			return mlxsim_qp_refuse(why, MLXSIM_QPR_TYPE, -EINVAL);
	} else if ((g->present & MLXSIM_QPA_QKEY) &&
		   g->qkey >= MLXSIM_RESERVED_QKEY_BASE) {
		return mlxsim_qp_refuse(why, MLXSIM_QPR_RESERVED_QKEY, -EPERM);
	}
	/*
	 * An IB guest has one GID, its own, at index 0; a RoCE guest the
	 * indices of its range (upstream adds the base unchecked: beyond
	 * upstream, an index past the range is refused, not wrapped into
	 * another function's GIDs).
	 */
	gids = env->eth ? mlxsim_qp_roce_num_gids(env->slave, env->vfs) : 1;
	if (((g->present & MLXSIM_QPA_MGID) && g->mgid_index >= gids) ||
	    ((g->present & MLXSIM_QPA_ALT_MGID) && g->alt_mgid_index >= gids))
		return mlxsim_qp_refuse(why, MLXSIM_QPR_MGID_INDEX, -EINVAL);
	return 0;
}

/* A path's hardware GID index (update_gid): IB or RoCE variant. */
static u16 mlxsim_qp_path_gid(const struct mlxsim_qp_env *env, u16 guest)
{
	if (!env->eth)
		return env->slave & 0x7f;
	return (guest + mlxsim_qp_roce_base_gid(env->slave, env->vfs)) & 0x7f;
}

/* A P_Key index through this slave's map for @port; 0 if none given. */
static u16 mlxsim_qp_v2p(const struct mlxsim_qp_env *env, u8 port, u16 index)
{
	return env->v2p[port - 1][index < env->pkeys ? index : 0];
}

int mlxsim_qp_paravirt(const struct mlxsim_qp_env *env,
		       const struct mlxsim_qp_ctx *cur,
		       const struct mlxsim_qp_attrs *g,
		       struct mlxsim_qp_attrs *hw, enum mlxsim_qp_reject *why)
{
	enum mlxsim_qp_kind kind = mlxsim_qp_kind(g->qpn, NULL, NULL);
	u16 index;
	u8 type = 0, port = 0;
	int err;

	*why = MLXSIM_QPR_NONE;
	err = mlxsim_qp_check(env, cur, g, &type, &port, why);
	if (!err && env->slave)
		err = mlxsim_qp_check_vf(env, g, type, kind, why);
	if (err)
		return err;

	*hw = *g;
	hw->type = type;
	hw->port = port;
	hw->present |= MLXSIM_QPA_TYPE | MLXSIM_QPA_PORT;
	/* without SR-IOV there is no paravirtualization */
	if (!env->v2p)
		return 0;

	/*
	 * The master too (mlx4_master_process_vhcr with its own function):
	 * its map is the identity, its UD GID 0x80 | 0.
	 */
	if (mlxsim_qp_trans_has_pkey(g->op)) {
		/* re-translate even when only the port moved */
		if (g->present & MLXSIM_QPA_PKEY)
			index = g->pkey_index;
		else if (cur)
			index = cur->pkey_index;
		else
			index = 0;
		hw->pkey_index = mlxsim_qp_v2p(env, port, index);
		hw->present |= MLXSIM_QPA_PKEY;
		/*
		 * Beyond upstream, which passes it through: the alternate
		 * path's index goes through the map of the alternate port,
		 * so no path reaches a physical entry the slave was not
		 * given.  A path made by alt_port alone has index 0, and is
		 * re-translated like any other (else a remap leaves it at
		 * an entry the slave no longer maps).
		 */
		if ((g->present & (MLXSIM_QPA_ALT_PKEY | MLXSIM_QPA_ALT_PORT)) ||
		    (cur && (cur->alt_pkey_index != MLXSIM_QP_UNSET ||
			     cur->alt_port))) {
			u8 aport = g->present & MLXSIM_QPA_ALT_PORT ?
				   g->alt_port : cur && cur->alt_port ?
				   cur->alt_port : port;

			if (g->present & MLXSIM_QPA_ALT_PKEY)
				index = g->alt_pkey_index;
			else if (cur && cur->alt_pkey_index != MLXSIM_QP_UNSET)
				index = cur->alt_pkey_index;
			else
				index = 0;
			hw->alt_pkey_index = mlxsim_qp_v2p(env, aport, index);
			hw->alt_port = aport;
			hw->present |= MLXSIM_QPA_ALT_PKEY | MLXSIM_QPA_ALT_PORT;
		}
	}
	if (mlxsim_qp_trans_has_gid(g->op)) {
		if (mlxsim_qp_type_is_ud(type)) {
			hw->mgid_index = MLXSIM_QP_FORCE_MGID |
					 mlxsim_qp_path_gid(env, 0);
			hw->present |= MLXSIM_QPA_MGID;
		} else {
			u16 gid;

			if (g->optpar & MLXSIM_QP_OPTPAR_PRI) {
				gid = g->present & MLXSIM_QPA_MGID ?
				      g->mgid_index : 0;
				hw->mgid_index = mlxsim_qp_path_gid(env, gid);
				hw->present |= MLXSIM_QPA_MGID;
			}
			if (g->optpar & MLXSIM_QP_OPTPAR_ALT) {
				gid = g->present & MLXSIM_QPA_ALT_MGID ?
				      g->alt_mgid_index : 0;
				hw->alt_mgid_index = mlxsim_qp_path_gid(env, gid);
				hw->present |= MLXSIM_QPA_ALT_MGID;
			}
		}
	}
	if (kind != MLXSIM_QPK_REGULAR && mlxsim_qp_trans_has_qkey(g->op)) {
		hw->qkey = mlxsim_qp_special_qkey(g->qpn);
		hw->present |= MLXSIM_QPA_QKEY;
	}
	return 0;
}
