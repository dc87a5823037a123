// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware's Subnet Management Agent: the SMP attributes of
 * a CA (IBA 14.2.5), the M_Key check (14.2.4), the port state machine
 * (7.2), the cable and SET_PORT's capability mask.  PMA MADs go on to
 * logic/pma.c.  Every SET is validated whole before anything is stored.
 */
#include "mlxsim/sma.h"

/* What a ConnectX-3 port supports (PortInfo's read-only capabilities). */
#define MLXSIM_SMA_WIDTH_SUP 0x03	/* 1X | 4X */
#define MLXSIM_SMA_SPEED_SUP 0x07	/* 2.5 | 5 | 10 Gb/s */
#define MLXSIM_SMA_MTU_CAP 5		/* 4096 */
#define MLXSIM_SMA_VL_CAP 4		/* VL0-7 */
#define MLXSIM_SMA_VL_ARB_CAP 8
#define MLXSIM_SMA_RESP_TIME 0x10
#define MLXSIM_SMA_DEVID_SRIOV 0x1003	/* ConnectX-3 */
#define MLXSIM_SMA_DEVID 0x1013		/* ConnectX-4 */
#define MLXSIM_SMA_VENDOR 0x0002c9	/* Mellanox */
#define MLXSIM_SMA_REVISION 0x00000001

#define MLXSIM_SMP_DATA_BYTES 64
#define MLXSIM_SMP_OFF_MKEY 24
#define MLXSIM_SMP_DIRECTION 0x8000	/* DR SMPs: the D bit of the status */

/* One SMP being executed. */
struct mlxsim_smp_ctx {
	struct mlxsim_sma *sma;
	struct mlxsim_sma_port *p;
	u32 port;
	u32 attr_mod;
	bool set;
	bool hide_mkey;		/* Get under M_Key protection level 1 */
	const u8 *req;		/* the request's SMP data */
	u8 *resp;		/* the response's, zeroed */
	struct mlxsim_sma_change *chg;
};

void mlxsim_sma_init(struct mlxsim_sma *sma, const struct mlxsim_sma_id *id)
{
	struct mlxsim_sma_port *p;
	u32 i, pkeys;

	memset(sma, 0, sizeof(*sma));
	/* the tables' bounds, whatever the caller validated */
	sma->ports = id->ports;
	if (sma->ports > MLXSIM_MAX_PORTS)
		sma->ports = MLXSIM_MAX_PORTS;
	pkeys = id->pkeys;
	if (pkeys > MLXSIM_MAX_PKEYS)
		pkeys = MLXSIM_MAX_PKEYS;
	sma->device_id = id->sriov ? MLXSIM_SMA_DEVID_SRIOV : MLXSIM_SMA_DEVID;
	sma->vendor_id = MLXSIM_SMA_VENDOR;
	sma->revision = MLXSIM_SMA_REVISION;
	sma->sys_image_guid = id->sys_image_guid;
	sma->node_guid = id->node_guid;
	/* NodeDescription is 64 bytes NUL padded, not NUL terminated */
	if (id->node_desc)
		memcpy(sma->node_desc, id->node_desc,
		       strnlen(id->node_desc, MLXSIM_SMA_NODE_DESC));
	mlxsim_pkey_phys_init(&sma->pkeys, sma->ports, pkeys,
			      id->reserve_last);
	for (i = 0; i < sma->ports; i++) {
		p = &sma->port[i];
		p->state = MLXSIM_IB_PORT_DOWN;
		p->phys_state = MLXSIM_IB_PHYS_POLLING;
		p->link_down_default = MLXSIM_IB_PHYS_POLLING;
		/* OpenSM refuses a port with NeighborMTU 0 or no data VL */
		p->neighbor_mtu = MLXSIM_SMA_MTU_CAP;
		p->op_vls = MLXSIM_SMA_VL_CAP;
		p->resp_time = MLXSIM_SMA_RESP_TIME;
		p->link_width_enabled = MLXSIM_SMA_WIDTH_SUP;
		p->link_speed_enabled = MLXSIM_SMA_SPEED_SUP;
		p->cap_mask = MLXSIM_SMA_BASE_CAP;
		p->gid_prefix = 0xfe80000000000000ULL;	/* link local */
		p->guid[0] = id->node_guid + i + 1;
	}
}

u16 mlxsim_sma_status(const u8 *out)
{
	return mlxsim_get_be16(out + MLXSIM_MAD_OFF_STATUS) &
	       ~MLXSIM_SMP_DIRECTION;
}

static bool mlxsim_sma_port_ok(const struct mlxsim_sma *sma, u32 port)
{
	return port >= 1 && port <= sma->ports;
}

/* What a change is measured by: before (old_*) and after (port, new_*). */
static void mlxsim_sma_chg_old(struct mlxsim_sma_change *chg,
			       const struct mlxsim_sma_port *p)
{
	chg->old_state = p->state;
	chg->old_lid = p->lid;
	chg->old_sm_lid = p->sm_lid;
	chg->old_sm_sl = p->sm_sl;
}

static void mlxsim_sma_chg_new(struct mlxsim_sma_change *chg, u32 port,
			       const struct mlxsim_sma_port *p)
{
	chg->port = port;
	chg->new_state = p->state;
	chg->new_lid = p->lid;
	chg->new_sm_lid = p->sm_lid;
	chg->new_sm_sl = p->sm_sl;
}

void mlxsim_sma_link(struct mlxsim_sma *sma, u32 port, bool up,
		     struct mlxsim_sma_change *chg)
{
	struct mlxsim_sma_port *p;

	memset(chg, 0, sizeof(*chg));
	if (!mlxsim_sma_port_ok(sma, port))
		return;
	p = &sma->port[port - 1];
	mlxsim_sma_chg_old(chg, p);
	if (up && p->phys_state != MLXSIM_IB_PHYS_LINK_UP) {
		/* trained: the SM finds the port in INIT (IBA 7.2) */
		p->phys_state = MLXSIM_IB_PHYS_LINK_UP;
		p->state = MLXSIM_IB_PORT_INIT;
	} else if (!up && p->phys_state == MLXSIM_IB_PHYS_LINK_UP) {
		/* the LID and SM LID stay: PortInfo keeps its configuration */
		p->phys_state = MLXSIM_IB_PHYS_POLLING;
		p->state = MLXSIM_IB_PORT_DOWN;
		if (p->pma.link_downed != 0xffffffffU)
			p->pma.link_downed++;
	}
	if (p->state != chg->old_state)
		mlxsim_sma_chg_new(chg, port, p);
	else
		memset(chg, 0, sizeof(*chg));	/* idempotent: no change */
}

int mlxsim_sma_set_cap_mask(struct mlxsim_sma *sma, u32 port, u32 cap_mask)
{
	/* mlx4_ib_modify_port: ib_umad's IsSM and SM_DISABLED come and go */
	if (!mlxsim_sma_port_ok(sma, port) ||
	    (cap_mask & ~(MLXSIM_IB_CAP_SM | MLXSIM_IB_CAP_SM_DISABLED)) !=
	    MLXSIM_SMA_BASE_CAP)
		return -EINVAL;
	sma->port[port - 1].cap_mask = cap_mask;
	return 0;
}

bool mlxsim_lid_owned(u16 base, u8 lmc, u16 lid)
{
	u16 mask = ~((1U << lmc) - 1);

	/* a port without a LID owns none, whatever its LMC */
	return lid && base && (lid & mask) == (base & mask);
}

bool mlxsim_sma_owns_lid(const struct mlxsim_sma_port *p, u16 lid)
{
	return mlxsim_lid_owned(p->lid, p->lmc, lid);
}

/* NodeDescription (IBA 14.2.5.2): read-only. */
static u16 mlxsim_sma_node_desc(struct mlxsim_smp_ctx *c)
{
	memcpy(c->resp, c->sma->node_desc, MLXSIM_SMA_NODE_DESC);
	return c->set ? MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR :
			MLXSIM_MAD_STATUS_OK;
}

/* NodeInfo (IBA 14.2.5.3): read-only; the modifier is reserved. */
static u16 mlxsim_sma_node_info(struct mlxsim_smp_ctx *c)
{
	const struct mlxsim_sma *sma = c->sma;
	u8 *d = c->resp;

	d[0] = MLXSIM_MAD_BASE_VERSION;
	d[1] = 1;				/* SMP ClassVersion */
	d[2] = 1;				/* NodeType: CA */
	d[3] = sma->ports;
	mlxsim_put_be64(d + 4, sma->sys_image_guid);
	mlxsim_put_be64(d + 12, sma->node_guid);
	mlxsim_put_be64(d + 20, c->p->guid[0]);
	mlxsim_put_be16(d + 28, sma->pkeys.pkeys);
	mlxsim_put_be16(d + 30, sma->device_id);
	mlxsim_put_be32(d + 32, sma->revision);
	/* LocalPortNum, then the 24-bit VendorID */
	mlxsim_put_be32(d + 36, c->port << 24 | (sma->vendor_id & 0xffffff));
	return c->set ? MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR :
			MLXSIM_MAD_STATUS_OK;
}

/*
 * GUIDInfo (IBA 14.2.5.5): block attr_mod of 8 of the port's 16; entry 0
 * of block 0 is the port GUID, read-only.
 */
static u16 mlxsim_sma_guid_info(struct mlxsim_smp_ctx *c)
{
	u16 status = MLXSIM_MAD_STATUS_OK;
	u64 g[MLXSIM_SMA_GUID_BLOCK], *t;
	u32 i;

	if (c->attr_mod >= MLXSIM_SMA_GUIDS / MLXSIM_SMA_GUID_BLOCK)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	t = c->p->guid + c->attr_mod * MLXSIM_SMA_GUID_BLOCK;
	if (c->set) {
		for (i = 0; i < MLXSIM_SMA_GUID_BLOCK; i++) {
			g[i] = mlxsim_get_be64(c->req + 8 * i);
			/* all ones deletes an alias: stored as unassigned */
			if (g[i] == ~0ULL)
				g[i] = 0;
		}
		if (!c->attr_mod && g[0] != t[0])
			status = MLXSIM_MAD_STATUS_INVALID_FIELD;
		for (i = 0; !status && i < MLXSIM_SMA_GUID_BLOCK; i++) {
			if (g[i] == t[i])
				continue;
			c->chg->guid_changed = true;
			c->chg->guid_blocks |= BIT(c->attr_mod);
			t[i] = g[i];
		}
	}
	for (i = 0; i < MLXSIM_SMA_GUID_BLOCK; i++)
		mlxsim_put_be64(c->resp + 8 * i, t[i]);
	return status;
}

/* The highest bit of a LinkSpeed/LinkWidth set: what the link trains to. */
static u8 mlxsim_sma_top_bit(u8 v)
{
	u8 b = 0x80;

	while (b && !(v & b))
		b >>= 1;
	return b;
}

static void mlxsim_sma_port_info_get(struct mlxsim_smp_ctx *c)
{
	const struct mlxsim_sma_port *p = c->p;
	u8 *d = c->resp;

	/* IBA 14.2.4.1: protection level 1 hides the key from a Get */
	mlxsim_put_be64(d, c->hide_mkey ? 0 : p->mkey);
	mlxsim_put_be64(d + 8, p->gid_prefix);
	mlxsim_put_be16(d + 16, p->lid);
	mlxsim_put_be16(d + 18, p->sm_lid);
	mlxsim_put_be32(d + 20, p->cap_mask);
	mlxsim_put_be16(d + 26, p->mkey_lease);
	d[28] = c->port;
	d[29] = p->link_width_enabled;
	d[30] = MLXSIM_SMA_WIDTH_SUP;
	d[31] = mlxsim_sma_top_bit(p->link_width_enabled);
	d[32] = MLXSIM_SMA_SPEED_SUP << 4 | p->state;
	d[33] = p->phys_state << 4 | p->link_down_default;
	d[34] = p->mkey_protect << 6 | p->lmc;
	d[35] = mlxsim_sma_top_bit(p->link_speed_enabled) << 4 |
		p->link_speed_enabled;
	d[36] = p->neighbor_mtu << 4 | p->sm_sl;
	d[37] = MLXSIM_SMA_VL_CAP << 4;		/* InitType 0 */
	d[38] = p->vl_high_limit;
	d[39] = MLXSIM_SMA_VL_ARB_CAP;		/* high */
	d[40] = MLXSIM_SMA_VL_ARB_CAP;		/* low */
	d[41] = MLXSIM_SMA_MTU_CAP;		/* InitTypeReply 0 */
	d[42] = p->vl_stall << 5 | p->hoq_life;
	d[43] = p->op_vls << 4 | p->pkey_enforce;
	mlxsim_put_be16(d + 44, p->mkey_violations);
	mlxsim_put_be16(d + 46, p->pkey_violations);
	mlxsim_put_be16(d + 48, p->qkey_violations);
	d[50] = MLXSIM_SMA_GUIDS;		/* GUIDCap */
	d[51] = p->subnet_timeout;		/* ClientReregister reads 0 */
	d[52] = p->resp_time;
	/* error counts, credit hint, latency and the Ext fields stay 0 */
}

static bool mlxsim_sma_lid_ok(u16 lid)
{
	return lid < MLXSIM_LID_MCAST_BASE;	/* 0 or unicast */
}

/*
 * PortState of a SET (IBA 7.2.1, 14.2.5.6): DOWN retrains a cabled port
 * to INIT at once; ARMED and ACTIVE only one step up; INIT only as a NOP.
 * Without LinkUp, only NOP and DOWN.  Returns the status, *next the state.
 */
static u16 mlxsim_sma_next_state(const struct mlxsim_sma_port *p, u8 req,
				 u8 *next)
{
	bool linked = p->phys_state == MLXSIM_IB_PHYS_LINK_UP;

	*next = p->state;
	switch (req) {
	case MLXSIM_IB_PORT_NOP:
		return MLXSIM_MAD_STATUS_OK;
	case MLXSIM_IB_PORT_DOWN:
		*next = linked ? MLXSIM_IB_PORT_INIT : MLXSIM_IB_PORT_DOWN;
		return MLXSIM_MAD_STATUS_OK;
	case MLXSIM_IB_PORT_INIT:
		if (p->state == MLXSIM_IB_PORT_INIT)
			return MLXSIM_MAD_STATUS_OK;
		break;
	case MLXSIM_IB_PORT_ARMED:
		if (linked && (p->state == MLXSIM_IB_PORT_INIT ||
			       p->state == MLXSIM_IB_PORT_ARMED)) {
			*next = MLXSIM_IB_PORT_ARMED;
			return MLXSIM_MAD_STATUS_OK;
		}
		break;
	case MLXSIM_IB_PORT_ACTIVE:
		if (linked && (p->state == MLXSIM_IB_PORT_ARMED ||
			       p->state == MLXSIM_IB_PORT_ACTIVE)) {
			*next = MLXSIM_IB_PORT_ACTIVE;
			return MLXSIM_MAD_STATUS_OK;
		}
		break;
	}
	return MLXSIM_MAD_STATUS_INVALID_FIELD;
}

/* LinkWidthEnabled / LinkSpeedEnabled: 0 keeps, @all means supported. */
static bool mlxsim_sma_enable_ok(u8 v, u8 all, u8 sup)
{
	return !v || v == all || !(v & ~sup);
}

static u8 mlxsim_sma_enable(u8 v, u8 all, u8 sup, u8 cur)
{
	return !v ? cur : v == all ? sup : v;
}

/* PortInfo SET (IBA 14.2.5.6): every field checked, then all stored. */
static u16 mlxsim_sma_port_info_set(struct mlxsim_smp_ctx *c)
{
	struct mlxsim_sma_port *p = c->p;
	const u8 *d = c->req;
	u16 lid = mlxsim_get_be16(d + 16), sm_lid = mlxsim_get_be16(d + 18);
	u8 width = d[29], speed = d[35] & 0xf, phys = d[33] >> 4;
	u8 ldd = d[33] & 0xf, mtu = d[36] >> 4, vls = d[43] >> 4, state;

	if (!mlxsim_sma_lid_ok(lid) || !mlxsim_sma_lid_ok(sm_lid) ||
	    !mlxsim_sma_enable_ok(width, 0xff, MLXSIM_SMA_WIDTH_SUP) ||
	    !mlxsim_sma_enable_ok(speed, 0xf, MLXSIM_SMA_SPEED_SUP) ||
	    /* PortPhysicalState: only NOP and Polling (a retrain: no effect) */
	    (phys && phys != MLXSIM_IB_PHYS_POLLING) ||
	    ldd > MLXSIM_IB_PHYS_POLLING ||
	    mtu < 1 || mtu > MLXSIM_SMA_MTU_CAP || vls > MLXSIM_SMA_VL_CAP)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	if (mlxsim_sma_next_state(p, d[32] & 0xf, &state))
		return MLXSIM_MAD_STATUS_INVALID_FIELD;

	p->mkey = mlxsim_get_be64(d);
	p->gid_prefix = mlxsim_get_be64(d + 8);
	p->lid = lid;
	p->sm_lid = sm_lid;
	/* CapabilityMask and DiagCode are the CA's own: ignored */
	p->mkey_lease = mlxsim_get_be16(d + 26);
	p->link_width_enabled = mlxsim_sma_enable(width, 0xff,
						  MLXSIM_SMA_WIDTH_SUP,
						  p->link_width_enabled);
	p->state = state;
	if (ldd)
		p->link_down_default = ldd;
	p->mkey_protect = d[34] >> 6;
	p->lmc = d[34] & 0x7;
	p->link_speed_enabled = mlxsim_sma_enable(speed, 0xf,
						  MLXSIM_SMA_SPEED_SUP,
						  p->link_speed_enabled);
	p->neighbor_mtu = mtu;
	p->sm_sl = d[36] & 0xf;
	p->vl_high_limit = d[38];
	p->vl_stall = d[42] >> 5;
	p->hoq_life = d[42] & 0x1f;
	if (vls)
		p->op_vls = vls;
	p->pkey_enforce = d[43] & 0xf;
	/* the SM writes the violation counters to reset them */
	p->mkey_violations = mlxsim_get_be16(d + 44);
	p->pkey_violations = mlxsim_get_be16(d + 46);
	p->qkey_violations = mlxsim_get_be16(d + 48);
	/* ClientReregister is an action (IBA 14.4.11), never stored */
	c->chg->client_rereg = d[51] >> 7;
	p->subnet_timeout = d[51] & 0x1f;
	/* RespTimeValue and the rest are read-only */
	return MLXSIM_MAD_STATUS_OK;
}

/* PortInfo: a CA answers for the receiving port (modifier 0 or it). */
static u16 mlxsim_sma_port_info(struct mlxsim_smp_ctx *c)
{
	u16 status = MLXSIM_MAD_STATUS_OK;

	if (c->attr_mod && c->attr_mod != c->port)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	if (c->set)
		status = mlxsim_sma_port_info_set(c);
	mlxsim_sma_port_info_get(c);
	return status;
}

/*
 * PKeyTable (IBA 14.2.5.7): logic/mad.c's firmware rules (block range,
 * the reserved last entry with VFs, a whole-block SET), on the SMA's
 * table; the modifier's low 16 bits are the block.
 */
static u16 mlxsim_sma_pkey_table(struct mlxsim_smp_ctx *c, const u8 *mad)
{
	struct mlxsim_smp in, resp;
	u16 before[MLXSIM_PKEY_BLOCK] = { 0 }, status;
	u32 block = c->attr_mod & 0xffff, i;

	mlxsim_mad_parse(mad, MLXSIM_MAD_BYTES, &in);
	if (block < MLXSIM_MAX_PKEYS / MLXSIM_PKEY_BLOCK)
		memcpy(before, &c->sma->pkeys.pkey[c->port - 1]
		       [block * MLXSIM_PKEY_BLOCK], sizeof(before));
	status = mlxsim_smp_fw_exec(&c->sma->pkeys, c->port, &in, &resp);
	if (status) {
		/* the current block, where there is one */
		in.method = MLXSIM_MAD_METHOD_GET;
		if (mlxsim_smp_fw_exec(&c->sma->pkeys, c->port, &in, &resp))
			return status;
	} else if (c->set) {
		c->chg->pkey_block = block;
		for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
			if (before[i] != resp.pkeys[i])
				c->chg->pkey_changed |= 1U << i;
	}
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		mlxsim_put_be16(c->resp + 2 * i, resp.pkeys[i]);
	return status;
}

/*
 * SLtoVLMappingTable (IBA 14.2.5.8): SL0 in the high nibble of byte 0.
 * A CA has one table (OpenSM's qos_endport_setup sends modifier 0).
 * Every nibble is a data VL 0-14 or 15 (drop): no value is invalid.
 */
static u16 mlxsim_sma_sl2vl(struct mlxsim_smp_ctx *c)
{
	struct mlxsim_sma_port *p = c->p;
	u32 i;

	if (c->attr_mod)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	for (i = 0; c->set && i < ARRAY_SIZE(p->sl2vl); i += 2) {
		p->sl2vl[i] = c->req[i / 2] >> 4;
		p->sl2vl[i + 1] = c->req[i / 2] & 0xf;
	}
	for (i = 0; i < ARRAY_SIZE(p->sl2vl); i += 2)
		c->resp[i / 2] = p->sl2vl[i] << 4 | p->sl2vl[i + 1];
	return MLXSIM_MAD_STATUS_OK;
}

/*
 * VLArbitrationTable (IBA 14.2.5.9): modifier bits 31..16 are the block,
 * 1 low 0-31, 2 low 32-63, 3 high 0-31, 4 high 32-63; each entry a VL
 * byte (its high nibble reserved, stored 0) and a weight byte.
 */
static u16 mlxsim_sma_vl_arb(struct mlxsim_smp_ctx *c)
{
	u32 block = c->attr_mod >> 16, i;
	u8 *tab;

	if (block < 1 || block > ARRAY_SIZE(c->p->vlarb))
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	tab = c->p->vlarb[block - 1];
	for (i = 0; c->set && i < sizeof(c->p->vlarb[0]); i += 2) {
		tab[i] = c->req[i] & 0xf;
		tab[i + 1] = c->req[i + 1];
	}
	memcpy(c->resp, tab, sizeof(c->p->vlarb[0]));
	return MLXSIM_MAD_STATUS_OK;
}

/*
 * Mellanox ExtendedPortInfo (vendor SMP attribute 0xff90, OpenSM's
 * FDR10 probe): SET takes StateChangeEnable (byte 3 bit 0) and
 * LinkSpeedEnabled (byte 11) only; FDR10 is never supported.
 */
static u16 mlxsim_sma_mlnx_ext(struct mlxsim_smp_ctx *c)
{
	u8 *ext = c->p->mlnx_ext;

	if (c->attr_mod && c->attr_mod != c->port)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	if (c->set) {
		ext[3] = (ext[3] & ~1) | (c->req[3] & 1);
		ext[11] = c->req[11];
	}
	memcpy(c->resp, ext, sizeof(c->p->mlnx_ext));
	return MLXSIM_MAD_STATUS_OK;
}

static u16 mlxsim_smp_attr(struct mlxsim_smp_ctx *c, u16 attr_id,
			   const u8 *mad)
{
	switch (attr_id) {
	case MLXSIM_ATTR_NODE_DESC:
		return mlxsim_sma_node_desc(c);
	case MLXSIM_ATTR_NODE_INFO:
		return mlxsim_sma_node_info(c);
	case MLXSIM_ATTR_GUID_INFO:
		return mlxsim_sma_guid_info(c);
	case MLXSIM_ATTR_PORT_INFO:
		return mlxsim_sma_port_info(c);
	case MLXSIM_ATTR_PKEY_TABLE:
		return mlxsim_sma_pkey_table(c, mad);
	case MLXSIM_ATTR_SL_TO_VL:
		return mlxsim_sma_sl2vl(c);
	case MLXSIM_ATTR_VL_ARB:
		return mlxsim_sma_vl_arb(c);
	case MLXSIM_ATTR_MLNX_EXT_PORT_INFO:
		return mlxsim_sma_mlnx_ext(c);
	}
	/* SMInfo (0x0020) is the SM's, not the SMA's */
	return MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR;
}

/*
 * The M_Key check (IBA 14.2.4.1, as qib's check_mkey): with a non-zero
 * M_Key, a Set or TrapRepress with another key fails at every protection
 * level, a Get from level 2 on; a failure is discarded and counted.
 * Returns false to discard.
 */
static bool mlxsim_sma_mkey_ok(struct mlxsim_sma_port *p, const u8 *in,
			       bool *hide)
{
	*hide = false;
	if (!p->mkey || mlxsim_get_be64(in + MLXSIM_SMP_OFF_MKEY) == p->mkey)
		return true;
	if (in[MLXSIM_MAD_OFF_METHOD] == MLXSIM_MAD_METHOD_GET &&
	    p->mkey_protect < 2) {
		*hide = p->mkey_protect == 1;
		return true;
	}
	if (p->mkey_violations != 0xffff)
		p->mkey_violations++;
	return false;
}

static enum mlxsim_sma_result mlxsim_smp_exec(struct mlxsim_sma *sma,
					      u32 port, const u8 *in, u8 *out,
					      u16 *status,
					      struct mlxsim_sma_change *chg)
{
	u8 method = in[MLXSIM_MAD_OFF_METHOD];
	struct mlxsim_smp_ctx c = {
		.sma = sma,
		.port = port,
		.attr_mod = mlxsim_get_be32(in + MLXSIM_MAD_OFF_ATTR_MOD),
		.set = method == MLXSIM_MAD_METHOD_SET,
		.req = in + MLXSIM_SMP_DATA_OFF,
		.resp = out + MLXSIM_SMP_DATA_OFF,
		.chg = chg,
	};

	memset(c.resp, 0, MLXSIM_SMP_DATA_BYTES);
	if (method != MLXSIM_MAD_METHOD_GET &&
	    method != MLXSIM_MAD_METHOD_SET &&
	    method != MLXSIM_MAD_METHOD_TRAP_REPRESS) {
		*status = MLXSIM_MAD_STATUS_UNSUP_METHOD;
		return MLXSIM_SMA_REPLY;
	}
	if (!mlxsim_sma_port_ok(sma, port)) {
		if (method == MLXSIM_MAD_METHOD_TRAP_REPRESS)
			return MLXSIM_SMA_DISCARD;
		*status = MLXSIM_MAD_STATUS_INVALID_FIELD;
		return MLXSIM_SMA_REPLY;
	}
	c.p = &sma->port[port - 1];
	if (!mlxsim_sma_mkey_ok(c.p, in, &c.hide_mkey) ||
	    method == MLXSIM_MAD_METHOD_TRAP_REPRESS)
		return MLXSIM_SMA_DISCARD;	/* the SMA sends no traps */

	mlxsim_sma_chg_old(chg, c.p);
	*status = mlxsim_smp_attr(&c, mlxsim_get_be16(in +
						       MLXSIM_MAD_OFF_ATTR_ID),
				  in);
	if (!*status && c.set)
		mlxsim_sma_chg_new(chg, port, c.p);
	else	/* a Get or a refused SET changed nothing */
		memset(chg, 0, sizeof(*chg));
	return MLXSIM_SMA_REPLY;
}

enum mlxsim_sma_result mlxsim_sma_exec(struct mlxsim_sma *sma, u32 port,
				       const u8 *in, u8 *out,
				       struct mlxsim_sma_change *chg)
{
	u8 mgmt_class = in[MLXSIM_MAD_OFF_CLASS];
	enum mlxsim_sma_result res = MLXSIM_SMA_REPLY;
	u16 status = MLXSIM_MAD_STATUS_OK, dir = 0;

	memset(chg, 0, sizeof(*chg));
	/* the response is the request (TID, DR paths...) answered in place */
	memcpy(out, in, MLXSIM_MAD_BYTES);
	out[MLXSIM_MAD_OFF_METHOD] = MLXSIM_MAD_METHOD_GET_RESP;
	if (in[0] != MLXSIM_MAD_BASE_VERSION || in[2] != 1 ||
	    (!mlxsim_smp_class(mgmt_class) &&
	     mgmt_class != MLXSIM_MGMT_CLASS_PERF)) {
		status = MLXSIM_MAD_STATUS_BAD_VERSION;
		/* no attribute to show; a DR SMP's paths stay for the reply */
		memset(out + MLXSIM_SMP_DATA_OFF, 0,
		       mlxsim_smp_class(mgmt_class) ? MLXSIM_SMP_DATA_BYTES :
		       MLXSIM_MAD_BYTES - MLXSIM_SMP_DATA_OFF);
	} else if (mgmt_class == MLXSIM_MGMT_CLASS_PERF) {
		status = mlxsim_pma_exec(sma, port, in, out);
	} else {
		res = mlxsim_smp_exec(sma, port, in, out, &status, chg);
	}
	if (res == MLXSIM_SMA_DISCARD)
		return res;
	/* the D bit of a DR SMP is the driver's to set: it stays as it came */
	if (mgmt_class == MLXSIM_MGMT_CLASS_SMI_DR)
		dir = mlxsim_get_be16(in + MLXSIM_MAD_OFF_STATUS) &
		      MLXSIM_SMP_DIRECTION;
	mlxsim_put_be16(out + MLXSIM_MAD_OFF_STATUS, dir | status);
	return res;
}
