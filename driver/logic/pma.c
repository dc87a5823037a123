// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware's Performance Management Agent (IBA 16.1):
 * ClassPortInfo, PortCounters and PortCountersExtended of the receiving
 * port, and the counting the wire does.  The counters are 64 bits inside
 * and shown saturated to each field's width, never wrapped (16.1.3.5).
 */
#include "mlxsim/sma.h"

#define MLXSIM_PMA_DATA_BYTES (MLXSIM_MAD_BYTES - MLXSIM_SMP_DATA_OFF)
#define MLXSIM_PMA_ALL_PORTS 0xff

/*
 * ClassPortInfo:CapabilityMask: perfquery -x reads PortCountersExtended
 * only with IsExtendedWidthSupported, and shows PortXmitWait only with
 * PortCountersXmitWaitSupported.
 */
#define MLXSIM_PMA_CAP_EXT_WIDTH 0x0200
#define MLXSIM_PMA_CAP_XMIT_WAIT 0x1000
#define MLXSIM_PMA_RESP_TIME 18

/* PortCounters:CounterSelect bits of the counters the PMA keeps */
#define MLXSIM_PC_SYMBOL_ERR BIT(0)
#define MLXSIM_PC_LINK_ERR_RECOVERY BIT(1)
#define MLXSIM_PC_LINK_DOWNED BIT(2)
#define MLXSIM_PC_RCV_ERR BIT(3)
#define MLXSIM_PC_XMIT_DISCARDS BIT(6)
#define MLXSIM_PC_VL15_DROPPED BIT(11)
#define MLXSIM_PC_XMIT_DATA BIT(12)
#define MLXSIM_PC_RCV_DATA BIT(13)
#define MLXSIM_PC_XMIT_PKTS BIT(14)
#define MLXSIM_PC_RCV_PKTS BIT(15)

/* PortCountersExtended:CounterSelect */
#define MLXSIM_PCE_XMIT_DATA BIT(0)
#define MLXSIM_PCE_RCV_DATA BIT(1)
#define MLXSIM_PCE_XMIT_PKTS BIT(2)
#define MLXSIM_PCE_RCV_PKTS BIT(3)
#define MLXSIM_PCE_UC_XMIT_PKTS BIT(4)
#define MLXSIM_PCE_UC_RCV_PKTS BIT(5)
#define MLXSIM_PCE_MC_XMIT_PKTS BIT(6)
#define MLXSIM_PCE_MC_RCV_PKTS BIT(7)

/* A counter shown in a field of @max: it sticks there, never wraps. */
static u64 mlxsim_pma_sat(u64 v, u64 max)
{
	return v > max ? max : v;
}

static void mlxsim_pma_add(u64 *c, u64 n)
{
	*c = *c > ~0ULL - n ? ~0ULL : *c + n;
}

static struct mlxsim_pma_counters *mlxsim_pma_port(struct mlxsim_sma *sma,
						   u32 port)
{
	if (port < 1 || port > sma->ports)
		return NULL;
	return &sma->port[port - 1].pma;
}

void mlxsim_pma_count_xmit(struct mlxsim_sma *sma, u32 port, u32 bytes)
{
	struct mlxsim_pma_counters *c = mlxsim_pma_port(sma, port);

	if (!c)
		return;
	/* PortXmitData counts 4-byte words (IBA 16.1.3.5) */
	mlxsim_pma_add(&c->xmit_data, ((u64)bytes + 3) / 4);
	mlxsim_pma_add(&c->xmit_pkts, 1);
	mlxsim_pma_add(&c->ucast_xmit_pkts, 1);
}

void mlxsim_pma_count_rcv(struct mlxsim_sma *sma, u32 port, u32 bytes)
{
	struct mlxsim_pma_counters *c = mlxsim_pma_port(sma, port);

	if (!c)
		return;
	mlxsim_pma_add(&c->rcv_data, ((u64)bytes + 3) / 4);
	mlxsim_pma_add(&c->rcv_pkts, 1);
	mlxsim_pma_add(&c->ucast_rcv_pkts, 1);
}

void mlxsim_pma_count_discard(struct mlxsim_sma *sma, u32 port)
{
	struct mlxsim_pma_counters *c = mlxsim_pma_port(sma, port);

	if (c && c->xmit_discards != 0xffffffffU)
		c->xmit_discards++;
}

/* ClassPortInfo (IBA 13.4.8.1): Get only. */
static u16 mlxsim_pma_class_port_info(bool set, u8 *d)
{
	d[0] = MLXSIM_MAD_BASE_VERSION;
	d[1] = 1;				/* PMA ClassVersion */
	mlxsim_put_be16(d + 2, MLXSIM_PMA_CAP_EXT_WIDTH |
			 MLXSIM_PMA_CAP_XMIT_WAIT);
	/* CapabilityMask2 (27 bits, none) | RespTimeValue (5 bits) */
	mlxsim_put_be32(d + 4, MLXSIM_PMA_RESP_TIME);
	return set ? MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR : MLXSIM_MAD_STATUS_OK;
}

/*
 * PortCounters (IBA 16.1.3.5).  A CA has one port per PortSelect: the
 * receiving one, or 0xff ("all ports": that one too).  SET clears what
 * CounterSelect names and answers the result, as perfquery -R expects;
 * the counters the PMA does not keep read 0.
 */
static u16 mlxsim_pma_port_counters(struct mlxsim_pma_counters *c, u32 port,
				    bool set, const u8 *req, u8 *d)
{
	u8 sel_port = req[1];
	u16 sel = mlxsim_get_be16(req + 2);
	bool ok = sel_port == port || sel_port == MLXSIM_PMA_ALL_PORTS;

	if (ok && set) {
		if (sel & MLXSIM_PC_SYMBOL_ERR)
			c->symbol_errors = 0;
		if (sel & MLXSIM_PC_LINK_ERR_RECOVERY)
			c->link_error_recovery = 0;
		if (sel & MLXSIM_PC_LINK_DOWNED)
			c->link_downed = 0;
		if (sel & MLXSIM_PC_RCV_ERR)
			c->rcv_errors = 0;
		if (sel & MLXSIM_PC_XMIT_DISCARDS)
			c->xmit_discards = 0;
		if (sel & MLXSIM_PC_VL15_DROPPED)
			c->vl15_dropped = 0;
		/* the same counters as PortCountersExtended's (16.1.4.11) */
		if (sel & MLXSIM_PC_XMIT_DATA)
			c->xmit_data = 0;
		if (sel & MLXSIM_PC_RCV_DATA)
			c->rcv_data = 0;
		if (sel & MLXSIM_PC_XMIT_PKTS)
			c->xmit_pkts = 0;
		if (sel & MLXSIM_PC_RCV_PKTS)
			c->rcv_pkts = 0;
	}
	d[1] = sel_port;
	mlxsim_put_be16(d + 2, sel);
	mlxsim_put_be16(d + 4, mlxsim_pma_sat(c->symbol_errors, 0xffff));
	d[6] = mlxsim_pma_sat(c->link_error_recovery, 0xff);
	d[7] = mlxsim_pma_sat(c->link_downed, 0xff);
	mlxsim_put_be16(d + 8, mlxsim_pma_sat(c->rcv_errors, 0xffff));
	mlxsim_put_be16(d + 14, mlxsim_pma_sat(c->xmit_discards, 0xffff));
	mlxsim_put_be16(d + 22, mlxsim_pma_sat(c->vl15_dropped, 0xffff));
	mlxsim_put_be32(d + 24, mlxsim_pma_sat(c->xmit_data, 0xffffffffU));
	mlxsim_put_be32(d + 28, mlxsim_pma_sat(c->rcv_data, 0xffffffffU));
	mlxsim_put_be32(d + 32, mlxsim_pma_sat(c->xmit_pkts, 0xffffffffU));
	mlxsim_put_be32(d + 36, mlxsim_pma_sat(c->rcv_pkts, 0xffffffffU));
	/* PortXmitWait (d + 40): never waits */
	return ok ? MLXSIM_MAD_STATUS_OK : MLXSIM_MAD_STATUS_INVALID_FIELD;
}

/* PortCountersExtended (IBA 16.1.4.11): the 64-bit traffic counters. */
static u16 mlxsim_pma_port_counters_ext(struct mlxsim_pma_counters *c,
					u32 port, bool set, const u8 *req,
					u8 *d)
{
	u8 sel_port = req[1];
	u16 sel = mlxsim_get_be16(req + 2);
	bool ok = sel_port == port || sel_port == MLXSIM_PMA_ALL_PORTS;

	if (ok && set) {
		if (sel & MLXSIM_PCE_XMIT_DATA)
			c->xmit_data = 0;
		if (sel & MLXSIM_PCE_RCV_DATA)
			c->rcv_data = 0;
		if (sel & MLXSIM_PCE_XMIT_PKTS)
			c->xmit_pkts = 0;
		if (sel & MLXSIM_PCE_RCV_PKTS)
			c->rcv_pkts = 0;
		if (sel & MLXSIM_PCE_UC_XMIT_PKTS)
			c->ucast_xmit_pkts = 0;
		if (sel & MLXSIM_PCE_UC_RCV_PKTS)
			c->ucast_rcv_pkts = 0;
		if (sel & MLXSIM_PCE_MC_XMIT_PKTS)
			c->mcast_xmit_pkts = 0;
		if (sel & MLXSIM_PCE_MC_RCV_PKTS)
			c->mcast_rcv_pkts = 0;
	}
	d[1] = sel_port;
	mlxsim_put_be16(d + 2, sel);
	mlxsim_put_be64(d + 8, c->xmit_data);
	mlxsim_put_be64(d + 16, c->rcv_data);
	mlxsim_put_be64(d + 24, c->xmit_pkts);
	mlxsim_put_be64(d + 32, c->rcv_pkts);
	mlxsim_put_be64(d + 40, c->ucast_xmit_pkts);
	mlxsim_put_be64(d + 48, c->ucast_rcv_pkts);
	mlxsim_put_be64(d + 56, c->mcast_xmit_pkts);
	mlxsim_put_be64(d + 64, c->mcast_rcv_pkts);
	return ok ? MLXSIM_MAD_STATUS_OK : MLXSIM_MAD_STATUS_INVALID_FIELD;
}

u16 mlxsim_pma_exec(struct mlxsim_sma *sma, u32 port, const u8 *in, u8 *out)
{
	struct mlxsim_pma_counters *c = mlxsim_pma_port(sma, port);
	const u8 *req = in + MLXSIM_SMP_DATA_OFF;
	u8 *d = out + MLXSIM_SMP_DATA_OFF, method = in[MLXSIM_MAD_OFF_METHOD];
	bool set = method == MLXSIM_MAD_METHOD_SET;
	u16 attr = mlxsim_get_be16(in + MLXSIM_MAD_OFF_ATTR_ID);

	memset(d, 0, MLXSIM_PMA_DATA_BYTES);
	/* the PMA sends no traps: no TrapRepress either */
	if (method != MLXSIM_MAD_METHOD_GET && !set)
		return MLXSIM_MAD_STATUS_UNSUP_METHOD;
	switch (attr) {
	case MLXSIM_ATTR_CLASS_PORT_INFO:
		return mlxsim_pma_class_port_info(set, d);
	case MLXSIM_ATTR_PORT_COUNTERS:
		if (!c)
			return MLXSIM_MAD_STATUS_INVALID_FIELD;
		return mlxsim_pma_port_counters(c, port, set, req, d);
	case MLXSIM_ATTR_PORT_COUNTERS_EXT:
		if (!c)
			return MLXSIM_MAD_STATUS_INVALID_FIELD;
		return mlxsim_pma_port_counters_ext(c, port, set, req, d);
	}
	return MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR;
}
