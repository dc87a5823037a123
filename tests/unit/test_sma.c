// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the simulated firmware's SMA (logic/sma.c): SMP status
 * rules, attributes, the port state machine, M_Key, the cable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/sma.h"

#define GUID 0x0002c90300001100ULL
#define DATA 64

static u8 in[MLXSIM_MAD_BYTES], out[MLXSIM_MAD_BYTES];
static struct mlxsim_sma_change chg;

static struct mlxsim_sma *sma_new(u32 ports, u32 pkeys, bool vfs)
{
	struct mlxsim_sma_id id = {
		.ports = ports, .pkeys = pkeys, .reserve_last = vfs,
		.sriov = vfs, .sys_image_guid = GUID, .node_guid = GUID,
		.node_desc = "mlxsim HCA-1",
	};
	struct mlxsim_sma *s = malloc(sizeof(*s));

	mlxsim_sma_init(s, &id);
	return s;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static void put64(u8 *p, u64 v)
{
	put32(p, v >> 32);
	put32(p + 4, v);
}

static u16 get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) << 16 | get16(p + 2);
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) << 32 | get32(p + 4);
}

/* A request in @in: LID-routed unless @cls says otherwise. */
static void smp(u8 cls, u8 method, u16 attr, u32 mod)
{
	memset(in, 0, sizeof(in));
	in[0] = 1;
	in[1] = cls;
	in[2] = 1;
	in[3] = method;
	put64(in + 8, 0x1122334455667788ULL);
	put16(in + 16, attr);
	put32(in + 20, mod);
}

/* Execute @in on @port: the status, or -1 for a discard. */
static int run(struct mlxsim_sma *s, u32 port)
{
	memset(out, 0xee, sizeof(out));
	if (mlxsim_sma_exec(s, port, in, out, &chg) == MLXSIM_SMA_DISCARD)
		return -1;
	return mlxsim_sma_status(out);
}

static int get(struct mlxsim_sma *s, u32 port, u16 attr, u32 mod)
{
	smp(MLXSIM_MGMT_CLASS_SMI, MLXSIM_MAD_METHOD_GET, attr, mod);
	return run(s, port);
}

/* A PortInfo SET built from the current attribute, as an SM does. */
static void port_info_set_from(struct mlxsim_sma *s, u32 port)
{
	u8 cur[DATA];

	smp(MLXSIM_MGMT_CLASS_SMI, MLXSIM_MAD_METHOD_GET,
	    MLXSIM_ATTR_PORT_INFO, 0);
	put64(in + 24, s->port[port - 1].mkey);
	run(s, port);
	memcpy(cur, out + DATA, DATA);
	smp(MLXSIM_MGMT_CLASS_SMI, MLXSIM_MAD_METHOD_SET,
	    MLXSIM_ATTR_PORT_INFO, 0);
	memcpy(in + DATA, cur, DATA);
	in[DATA + 32] &= 0xf0;	/* PortState NOP */
	in[DATA + 33] &= 0x0f;	/* PortPhysicalState NOP */
	put64(in + 24, s->port[port - 1].mkey);
}

static int set_state(struct mlxsim_sma *s, u32 port, u8 state)
{
	port_info_set_from(s, port);
	in[DATA + 32] |= state;
	return run(s, port);
}

static bool test_sma_node_info(void)
{
	struct mlxsim_sma *s = sma_new(2, 128, true);
	const u8 *d = out + DATA;

	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_NODE_INFO, 0), 0);
	ASSERT_EQ(out[3], MLXSIM_MAD_METHOD_GET_RESP);
	ASSERT_EQ(d[0], 1);
	ASSERT_EQ(d[1], 1);
	ASSERT_EQ(d[2], 1);			/* CA */
	ASSERT_EQ(d[3], 2);
	ASSERT_TRUE(get64(d + 4) == GUID);
	ASSERT_TRUE(get64(d + 12) == GUID);
	ASSERT_TRUE(get64(d + 20) == GUID + 2);	/* port 2's GUID */
	ASSERT_EQ(get16(d + 28), 128);
	ASSERT_EQ(get16(d + 30), 0x1003);	/* ConnectX-3 with SR-IOV */
	ASSERT_EQ(get32(d + 32), 1);
	ASSERT_EQ(d[36], 2);
	ASSERT_EQ(get32(d + 36) & 0xffffff, 0x0002c9);
	free(s);

	s = sma_new(1, 64, false);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_INFO, 0), 0);
	ASSERT_EQ(get16(d + 30), 0x1013);
	ASSERT_EQ(get16(d + 28), 64);
	ASSERT_EQ(d[36], 1);
	free(s);
	return true;
}

static bool test_sma_node_desc(void)
{
	struct mlxsim_sma_id id = { .ports = 1, .pkeys = 32 };
	struct mlxsim_sma *s = sma_new(1, 32, false);
	char longdesc[100];
	u8 want[64] = "mlxsim HCA-1";

	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_DESC, 0), 0);
	ASSERT_EQ(memcmp(out + DATA, want, 64), 0);
	/* read-only: 0x000c, and the response still shows it */
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_NODE_DESC, 0);
	memset(in + DATA, 'x', 64);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(memcmp(out + DATA, want, 64), 0);
	ASSERT_EQ(memcmp(s->node_desc, want, 64), 0);
	/* 64 bytes at most, not NUL terminated */
	memset(longdesc, 'a', sizeof(longdesc) - 1);
	longdesc[sizeof(longdesc) - 1] = 0;
	id.node_desc = longdesc;
	mlxsim_sma_init(s, &id);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_DESC, 0), 0);
	memset(want, 'a', 64);
	ASSERT_EQ(memcmp(out + DATA, want, 64), 0);
	id.node_desc = NULL;
	mlxsim_sma_init(s, &id);
	memset(want, 0, 64);
	ASSERT_EQ(memcmp(s->node_desc, want, 64), 0);
	free(s);
	return true;
}

static bool test_sma_port_info_defaults(void)
{
	struct mlxsim_sma *s = sma_new(2, 128, false);
	const u8 *d = out + DATA;

	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_TRUE(get64(d) == 0);
	ASSERT_TRUE(get64(d + 8) == 0xfe80000000000000ULL);
	ASSERT_EQ(get16(d + 16), 0);
	ASSERT_EQ(get16(d + 18), 0);
	ASSERT_EQ(get32(d + 20), MLXSIM_SMA_BASE_CAP);
	ASSERT_EQ(d[28], 2);
	ASSERT_EQ(d[29], 0x03);
	ASSERT_EQ(d[30], 0x03);
	ASSERT_EQ(d[31], 0x02);			/* 4X */
	ASSERT_EQ(d[32], 0x70 | MLXSIM_IB_PORT_DOWN);
	ASSERT_EQ(d[33], MLXSIM_IB_PHYS_POLLING << 4 | 2);
	ASSERT_EQ(d[34], 0);			/* no M_Key protection */
	ASSERT_EQ(d[35], 0x47);			/* QDR active, all enabled */
	ASSERT_EQ(d[36] >> 4, 5);		/* NeighborMTU 4096 */
	ASSERT_EQ(d[37] >> 4, 4);		/* VLCap VL0-7 */
	ASSERT_EQ(d[39], 8);
	ASSERT_EQ(d[40], 8);
	ASSERT_EQ(d[41] & 0xf, 5);		/* MTUCap */
	ASSERT_EQ(d[43] >> 4, 4);		/* OperationalVLs */
	ASSERT_EQ(d[50], 128);
	ASSERT_EQ(d[52] & 0x1f, 0x10);
	/* modifier 0 or the receiving port; a CA has no other */
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PORT_INFO, 2), 0);
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PORT_INFO, 1),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_TRUE(get64(d + 8) == 0xfe80000000000000ULL);
	ASSERT_EQ(d[28], 1);
	free(s);
	return true;
}

static bool test_sma_header_and_status(void)
{
	struct mlxsim_sma *s = sma_new(1, 32, false);
	u8 zero[DATA] = { 0 };
	int i;

	/* the response is the request with GetResp and a status */
	get(s, 1, MLXSIM_ATTR_NODE_INFO, 0);
	ASSERT_EQ(memcmp(out, in, 3), 0);
	ASSERT_EQ(memcmp(out + 6, in + 6, DATA - 6), 0);
	ASSERT_EQ(memcmp(out + 128, in + 128, 128), 0);
	/* a request's status is no part of the answer */
	smp(1, 1, MLXSIM_ATTR_NODE_INFO, 0);
	put16(in + 4, 0x801c);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get16(out + 4), 0);

	smp(1, 1, MLXSIM_ATTR_NODE_INFO, 0);
	in[0] = 2;
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_BAD_VERSION);
	ASSERT_EQ(memcmp(out + DATA, zero, DATA), 0);
	smp(0x81, 1, MLXSIM_ATTR_NODE_INFO, 0);
	in[2] = 2;
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_BAD_VERSION);
	smp(0x03, 1, MLXSIM_ATTR_NODE_INFO, 0);	/* SA: not ours */
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_BAD_VERSION);
	for (i = 0; i < 256; i++) {
		if (i == 1 || i == 2 || i == 7)
			continue;
		smp(1, i, MLXSIM_ATTR_NODE_INFO, 0);
		ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD);
	}
	/* TrapRepress: no response */
	smp(1, MLXSIM_MAD_METHOD_TRAP_REPRESS, 0x0002, 0);
	ASSERT_EQ(run(s, 1), -1);
	/* SMInfo is the SM's; unknown attributes */
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_SM_INFO, 0),
		  MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	smp(1, 2, MLXSIM_ATTR_SM_INFO, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(get(s, 1, 0x0019, 0), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(memcmp(out + DATA, zero, DATA), 0);
	ASSERT_EQ(get(s, 1, 0xff91, 0), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	/* the receiving port must exist */
	ASSERT_EQ(get(s, 0, MLXSIM_ATTR_NODE_INFO, 0),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PORT_INFO, 0),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	free(s);
	return true;
}

static bool test_sma_directed_route(void)
{
	struct mlxsim_sma *s = sma_new(1, 32, false);
	int i;

	smp(MLXSIM_MGMT_CLASS_SMI_DR, 1, MLXSIM_ATTR_NODE_INFO, 0);
	in[6] = 1;
	in[7] = 1;
	put16(in + 32, 0xffff);
	put16(in + 34, 0xffff);
	for (i = 128; i < 256; i++)
		in[i] = i;
	ASSERT_EQ(run(s, 1), 0);
	/* hop pointer, count, DrSLID/DrDLID and both paths as they came */
	ASSERT_EQ(memcmp(out + 6, in + 6, DATA - 6), 0);
	ASSERT_EQ(memcmp(out + 128, in + 128, 128), 0);
	ASSERT_EQ(get16(out + 4), 0);
	/* the D bit stays as it came: the driver sets it */
	put16(in + 4, 0x8000);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get16(out + 4), 0x8000);
	put16(in + 16, MLXSIM_ATTR_SM_INFO);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(get16(out + 4), 0x800c);
	ASSERT_EQ(memcmp(out + 128, in + 128, 128), 0);
	/* a LID-routed SMP has no D bit to keep */
	in[1] = MLXSIM_MGMT_CLASS_SMI;
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(get16(out + 4), 0x000c);
	free(s);
	return true;
}

static bool test_sma_read_only_set(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, true);
	struct mlxsim_sma *before = malloc(sizeof(*before));
	u8 cur[DATA];

	memcpy(before, s, sizeof(*s));
	get(s, 1, MLXSIM_ATTR_NODE_INFO, 0);
	memcpy(cur, out + DATA, DATA);
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_NODE_INFO, 0);
	memset(in + DATA, 0x5a, DATA);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	/* the current contents, nothing changed */
	ASSERT_EQ(memcmp(out + DATA, cur, DATA), 0);
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	ASSERT_EQ(chg.port, 0);
	free(before);
	free(s);
	return true;
}

static bool test_sma_port_info_set(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, false);
	const u8 *d = out + DATA;

	port_info_set_from(s, 2);
	put16(in + DATA + 16, 0x12);		/* LID */
	put16(in + DATA + 18, 0x1);		/* MasterSMLID */
	in[DATA + 36] = 0x43;			/* NeighborMTU 2048, SMSL 3 */
	in[DATA + 34] = 0x02;			/* LMC 2 */
	in[DATA + 43] = 0x2c;			/* 2 VLs, P_Key enforcement */
	in[DATA + 51] = 18;			/* SubnetTimeOut */
	in[DATA + 42] = 0x3 << 5 | 19;		/* VLStallCount, HOQLife */
	in[DATA + 38] = 7;			/* VLHighLimit */
	put64(in + DATA + 8, 0xfe80000000000001ULL);
	put16(in + DATA + 26, 60);		/* M_KeyLeasePeriod */
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(chg.port, 2);
	ASSERT_EQ(chg.old_lid, 0);
	ASSERT_EQ(chg.new_lid, 0x12);
	ASSERT_EQ(chg.old_sm_lid, 0);
	ASSERT_EQ(chg.new_sm_lid, 1);
	ASSERT_EQ(chg.old_sm_sl, 0);
	ASSERT_EQ(chg.new_sm_sl, 3);
	ASSERT_EQ(chg.old_state, MLXSIM_IB_PORT_DOWN);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_DOWN);
	ASSERT_FALSE(chg.client_rereg);
	/* the GetResp of a SET is the resulting attribute */
	ASSERT_EQ(get16(d + 16), 0x12);
	ASSERT_EQ(get16(d + 18), 1);
	ASSERT_EQ(d[36], 0x43);
	ASSERT_EQ(d[34], 0x02);
	ASSERT_EQ(d[43], 0x2c);
	ASSERT_EQ(d[51], 18);
	ASSERT_EQ(d[42], 0x3 << 5 | 19);
	ASSERT_EQ(d[38], 7);
	ASSERT_TRUE(get64(d + 8) == 0xfe80000000000001ULL);
	ASSERT_EQ(get16(d + 26), 60);
	ASSERT_EQ(s->port[1].lid, 0x12);
	ASSERT_EQ(s->port[1].lmc, 2);
	ASSERT_EQ(s->port[1].op_vls, 2);
	ASSERT_EQ(s->port[0].lid, 0);
	/* a SET that changes nothing still says which port it was */
	ASSERT_EQ(set_state(s, 2, 0), 0);
	ASSERT_EQ(chg.port, 2);
	ASSERT_EQ(chg.old_lid, chg.new_lid);
	/* OperationalVLs 0 keeps them, LinkDownDefaultState 0 too */
	port_info_set_from(s, 2);
	in[DATA + 43] &= 0x0f;
	in[DATA + 33] = 0;
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(s->port[1].op_vls, 2);
	ASSERT_EQ(s->port[1].link_down_default, 2);
	port_info_set_from(s, 2);
	in[DATA + 33] = 1;			/* Sleep */
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(d[33] & 0xf, 1);
	/* Get answers a Get: nothing in chg */
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_EQ(chg.port, 0);
	free(s);
	return true;
}

static bool test_sma_port_info_read_only_fields(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	const u8 *d = out + DATA;

	port_info_set_from(s, 1);
	put32(in + DATA + 20, 0xffffffff);	/* CapabilityMask */
	in[DATA + 52] = 0x1f;			/* RespTimeValue */
	in[DATA + 28] = 9;			/* LocalPortNum */
	in[DATA + 30] = 0xff;			/* LinkWidthSupported */
	in[DATA + 37] = 0xff;			/* VLCap */
	in[DATA + 50] = 0xff;			/* GUIDCap */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get32(d + 20), MLXSIM_SMA_BASE_CAP);
	ASSERT_EQ(d[52], 0x10);
	ASSERT_EQ(d[28], 1);
	ASSERT_EQ(d[30], 0x03);
	ASSERT_EQ(d[37] >> 4, 4);
	ASSERT_EQ(d[50], 128);
	free(s);
	return true;
}

static bool test_sma_port_info_refused(void)
{
	static const struct { int off; u8 val; } bad[] = {
		{ 16, 0xc0 },			/* LID 0xc0xx: multicast */
		{ 18, 0xff },			/* MasterSMLID permissive */
		{ 29, 0x04 },			/* LinkWidthEnabled 8X */
		{ 29, 0x0f },
		{ 33, 0x32 },			/* PortPhysicalState Disabled */
		{ 33, 0x52 },			/* ... LinkUp */
		{ 33, 0x03 },			/* LinkDownDefaultState 3 */
		{ 35, 0x08 },			/* LinkSpeedEnabled 14 Gb/s */
		{ 35, 0x0e },
		{ 36, 0x00 },			/* NeighborMTU 0 */
		{ 36, 0x60 },			/* NeighborMTU 6 */
		{ 43, 0x50 },			/* OperationalVLs 5 > VLCap */
		{ 32, 0x05 },			/* PortState 5 */
		{ 32, 0x02 },			/* INIT from DOWN */
		{ 32, 0x03 },			/* ARMED without a link */
		{ 32, 0x04 },			/* ACTIVE without a link */
	};
	struct mlxsim_sma *s = sma_new(1, 64, false);
	struct mlxsim_sma *before = malloc(sizeof(*before));
	u8 cur[DATA];
	unsigned int i;

	get(s, 1, MLXSIM_ATTR_PORT_INFO, 0);
	memcpy(cur, out + DATA, DATA);
	memcpy(before, s, sizeof(*s));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		port_info_set_from(s, 1);
		put16(in + DATA + 16, 7);	/* valid changes alongside */
		in[DATA + 51] = 0x80;		/* ClientReregister */
		in[DATA + bad[i].off] = bad[i].val;
		if (run(s, 1) != MLXSIM_MAD_STATUS_INVALID_FIELD) {
			fprintf(stderr, "  case %u\n", i);
			return false;
		}
		ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
		ASSERT_EQ(memcmp(out + DATA, cur, DATA), 0);
		ASSERT_EQ(chg.port, 0);
		ASSERT_FALSE(chg.client_rereg);
	}
	/* a modifier naming another port */
	port_info_set_from(s, 1);
	put32(in + 20, 2);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	free(before);
	free(s);
	return true;
}

static bool test_sma_port_state_machine(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	const u8 inval = MLXSIM_MAD_STATUS_INVALID_FIELD;

	/* no cable: only NOP and DOWN */
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_DOWN), 0);
	ASSERT_EQ(s->port[0].state, MLXSIM_IB_PORT_DOWN);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_INIT), inval);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ARMED), inval);
	mlxsim_sma_link(s, 1, true, &chg);
	ASSERT_EQ(s->port[0].state, MLXSIM_IB_PORT_INIT);
	/* one step at a time */
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ACTIVE), inval);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_INIT), 0);
	ASSERT_EQ(s->port[0].state, MLXSIM_IB_PORT_INIT);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ARMED), 0);
	ASSERT_EQ(chg.old_state, MLXSIM_IB_PORT_INIT);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_ARMED);
	ASSERT_EQ(out[DATA + 32] & 0xf, MLXSIM_IB_PORT_ARMED);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ARMED), 0);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_INIT), inval);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ACTIVE), 0);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_ACTIVE);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ACTIVE), 0);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ARMED), inval);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_INIT), inval);
	ASSERT_EQ(s->port[0].state, MLXSIM_IB_PORT_ACTIVE);
	/* DOWN on a cabled port: it retrains to INIT at once */
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_DOWN), 0);
	ASSERT_EQ(chg.old_state, MLXSIM_IB_PORT_ACTIVE);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_INIT);
	ASSERT_EQ(s->port[0].phys_state, MLXSIM_IB_PHYS_LINK_UP);
	/* PortPhysicalState Polling: a retrain, no effect */
	port_info_set_from(s, 1);
	in[DATA + 33] |= MLXSIM_IB_PHYS_POLLING << 4;
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(s->port[0].phys_state, MLXSIM_IB_PHYS_LINK_UP);
	ASSERT_EQ(s->port[0].state, MLXSIM_IB_PORT_INIT);
	free(s);
	return true;
}

static bool test_sma_link(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, false);

	port_info_set_from(s, 1);
	put16(in + DATA + 16, 9);
	put16(in + DATA + 18, 1);
	ASSERT_EQ(run(s, 1), 0);
	mlxsim_sma_link(s, 1, true, &chg);
	ASSERT_EQ(chg.port, 1);
	ASSERT_EQ(chg.old_state, MLXSIM_IB_PORT_DOWN);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_INIT);
	ASSERT_EQ(chg.old_lid, 9);
	ASSERT_EQ(chg.new_lid, 9);
	ASSERT_EQ(s->port[0].phys_state, MLXSIM_IB_PHYS_LINK_UP);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_EQ(out[DATA + 33] >> 4, MLXSIM_IB_PHYS_LINK_UP);
	ASSERT_EQ(s->port[1].state, MLXSIM_IB_PORT_DOWN);
	/* idempotent */
	mlxsim_sma_link(s, 1, true, &chg);
	ASSERT_EQ(chg.port, 0);
	ASSERT_EQ(set_state(s, 1, MLXSIM_IB_PORT_ARMED), 0);
	mlxsim_sma_link(s, 1, false, &chg);
	ASSERT_EQ(chg.port, 1);
	ASSERT_EQ(chg.old_state, MLXSIM_IB_PORT_ARMED);
	ASSERT_EQ(chg.new_state, MLXSIM_IB_PORT_DOWN);
	ASSERT_EQ(s->port[0].phys_state, MLXSIM_IB_PHYS_POLLING);
	ASSERT_EQ(s->port[0].pma.link_downed, 1);
	/* the LIDs stay with the port */
	ASSERT_EQ(s->port[0].lid, 9);
	ASSERT_EQ(s->port[0].sm_lid, 1);
	mlxsim_sma_link(s, 1, false, &chg);
	ASSERT_EQ(chg.port, 0);
	ASSERT_EQ(s->port[0].pma.link_downed, 1);
	/* LinkDowned saturates */
	s->port[0].pma.link_downed = 0xffffffff;
	mlxsim_sma_link(s, 1, true, &chg);
	mlxsim_sma_link(s, 1, false, &chg);
	ASSERT_EQ(s->port[0].pma.link_downed, 0xffffffff);
	/* no such port */
	mlxsim_sma_link(s, 3, true, &chg);
	mlxsim_sma_link(s, 0, true, &chg);
	ASSERT_EQ(chg.port, 0);
	free(s);
	return true;
}

static bool test_sma_mkey(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	struct mlxsim_sma *before = malloc(sizeof(*before));
	const u64 key = 0x1234567890abcdefULL;

	port_info_set_from(s, 1);
	put64(in + DATA, key);
	in[DATA + 34] = 1 << 6;			/* protection level 1 */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_TRUE(get64(out + DATA) == key);
	/* level 1: a Get with another key answers, without the key */
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_TRUE(get64(out + DATA) == 0);
	ASSERT_EQ(s->port[0].mkey_violations, 0);
	put64(in + 24, key);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_TRUE(get64(out + DATA) == key);
	/* a Set with another key: discarded, counted, nothing else */
	port_info_set_from(s, 1);
	put64(in + 24, key + 1);
	put16(in + DATA + 16, 5);
	memcpy(before, s, sizeof(*s));
	ASSERT_EQ(run(s, 1), -1);
	ASSERT_EQ(chg.port, 0);
	ASSERT_EQ(s->port[0].mkey_violations, 1);
	before->port[0].mkey_violations = 1;
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	/* so is a TrapRepress */
	in[3] = MLXSIM_MAD_METHOD_TRAP_REPRESS;
	ASSERT_EQ(run(s, 1), -1);
	ASSERT_EQ(s->port[0].mkey_violations, 2);
	/* level 2: a Get with another key too */
	port_info_set_from(s, 1);
	in[DATA + 34] = 2 << 6;
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_INFO, 0), -1);
	ASSERT_EQ(s->port[0].mkey_violations, 3);
	put64(in + 24, key);
	ASSERT_EQ(run(s, 1), 0);
	/* the counter sticks at 0xffff */
	s->port[0].mkey_violations = 0xfffe;
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_INFO, 0), -1);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_NODE_INFO, 0), -1);
	ASSERT_EQ(s->port[0].mkey_violations, 0xffff);
	/* level 0 (IBA 14.2.4.1): a Get sees the key, a Set still fails */
	port_info_set_from(s, 1);
	in[DATA + 34] = 0;
	put16(in + DATA + 44, 0);		/* the SM resets the counter */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(s->port[0].mkey_violations, 0);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_TRUE(get64(out + DATA) == key);
	port_info_set_from(s, 1);
	put64(in + 24, 0);
	ASSERT_EQ(run(s, 1), -1);
	ASSERT_EQ(s->port[0].mkey_violations, 1);
	/* a zero M_Key lets everything through */
	port_info_set_from(s, 1);
	put64(in + DATA, 0);
	in[DATA + 34] = 3 << 6;
	ASSERT_EQ(run(s, 1), 0);
	put64(in + 24, 77);
	ASSERT_EQ(run(s, 1), 0);
	free(before);
	free(s);
	return true;
}

static bool test_sma_violations_and_rereg(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);

	s->port[0].pkey_violations = 10;
	s->port[0].qkey_violations = 11;
	s->port[0].mkey_violations = 12;
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_EQ(get16(out + DATA + 44), 12);
	ASSERT_EQ(get16(out + DATA + 46), 10);
	ASSERT_EQ(get16(out + DATA + 48), 11);
	port_info_set_from(s, 1);
	put16(in + DATA + 44, 0);
	put16(in + DATA + 46, 0);
	put16(in + DATA + 48, 3);
	in[DATA + 51] = 0x80 | 0x60 | 17;	/* rereg, trap suppression */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_TRUE(chg.client_rereg);
	ASSERT_EQ(s->port[0].mkey_violations, 0);
	ASSERT_EQ(s->port[0].pkey_violations, 0);
	ASSERT_EQ(s->port[0].qkey_violations, 3);
	ASSERT_EQ(s->port[0].subnet_timeout, 17);
	/* ClientReregister is an action: it reads 0 */
	ASSERT_EQ(out[DATA + 51], 17);
	free(s);
	return true;
}

static bool test_sma_width_speed(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	const u8 *d = out + DATA;

	port_info_set_from(s, 1);
	in[DATA + 29] = 0x01;			/* 1X only */
	in[DATA + 35] = 0x01;			/* SDR only */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(d[29], 0x01);
	ASSERT_EQ(d[31], 0x01);
	ASSERT_EQ(d[35], 0x11);
	port_info_set_from(s, 1);
	in[DATA + 29] = 0;			/* no change */
	in[DATA + 35] = 0x03;
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(d[29], 0x01);
	ASSERT_EQ(d[35], 0x23);
	port_info_set_from(s, 1);
	in[DATA + 29] = 0xff;			/* all supported */
	in[DATA + 35] = 0x0f;
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(d[29], 0x03);
	ASSERT_EQ(d[31], 0x02);
	ASSERT_EQ(d[35], 0x47);
	port_info_set_from(s, 1);
	in[DATA + 35] = 0x00;			/* no change */
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(d[35], 0x47);
	free(s);
	return true;
}

static bool test_sma_pkey_table(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, true);
	struct mlxsim_sma *before = malloc(sizeof(*before));
	u8 zero[DATA] = { 0 };

	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_PKEY_TABLE, 0), 0);
	ASSERT_EQ(get16(out + DATA), 0xffff);
	ASSERT_EQ(get16(out + DATA + 2), 0);
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PKEY_TABLE, 1);
	put16(in + DATA + 2 * 4, 0x8005);
	put16(in + DATA + 2 * 7, 0x8007);
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(chg.port, 2);
	ASSERT_EQ(chg.pkey_block, 1);
	ASSERT_EQ(chg.pkey_changed, 1U << 4 | 1U << 7);
	ASSERT_EQ(get16(out + DATA + 8), 0x8005);
	ASSERT_EQ(s->pkeys.pkey[1][36], 0x8005);
	ASSERT_EQ(s->pkeys.pkey[0][36], 0);
	/* the same block again: nothing changed */
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(chg.port, 2);
	ASSERT_EQ(chg.pkey_changed, 0);
	/* the reserved last entry, with VFs: refused whole */
	memcpy(before, s, sizeof(*s));
	put16(in + DATA, 0x8001);
	put16(in + DATA + 62, 0x8002);
	ASSERT_EQ(run(s, 2), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(chg.port, 0);
	ASSERT_EQ(chg.pkey_changed, 0);
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	ASSERT_EQ(get16(out + DATA + 8), 0x8005);	/* current block */
	ASSERT_EQ(get16(out + DATA), 0);
	/* beyond the table: zeros; only the low 16 bits are the block */
	put32(in + 20, 2);
	ASSERT_EQ(run(s, 2), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(memcmp(out + DATA, zero, DATA), 0);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PKEY_TABLE, 0x00050000), 0);
	ASSERT_EQ(get16(out + DATA), 0xffff);
	free(before);
	free(s);
	return true;
}

static bool test_sma_guid_info(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, true);
	struct mlxsim_sma *before = malloc(sizeof(*before));
	int i;

	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_GUID_INFO, 0), 0);
	ASSERT_TRUE(get64(out + DATA) == GUID + 2);
	for (i = 1; i < 8; i++)
		ASSERT_TRUE(get64(out + DATA + 8 * i) == 0);
	/* 16 blocks of 8 (128 GUIDs, one per slave as mlx4): 15 is the last */
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_GUID_INFO, 15), 0);
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_GUID_INFO, 16),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_GUID_INFO, 0);
	put64(in + DATA, GUID + 2);
	put64(in + DATA + 8, 0x1111);
	put64(in + DATA + 16, ~0ULL);		/* delete: unassigned */
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_TRUE(chg.guid_changed);
	ASSERT_EQ(chg.port, 2);
	ASSERT_TRUE(get64(out + DATA + 8) == 0x1111);
	ASSERT_TRUE(get64(out + DATA + 16) == 0);
	ASSERT_TRUE(s->port[1].guid[1] == 0x1111);
	ASSERT_TRUE(s->port[0].guid[1] == 0);
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_FALSE(chg.guid_changed);
	/* the port GUID is read-only */
	memcpy(before, s, sizeof(*s));
	put64(in + DATA, 0x42);
	put64(in + DATA + 24, 0x3333);
	ASSERT_EQ(run(s, 2), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_FALSE(chg.guid_changed);
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	ASSERT_TRUE(get64(out + DATA) == GUID + 2);
	ASSERT_TRUE(get64(out + DATA + 24) == 0);
	/* entry 0 of another block is a slave's: writable */
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_GUID_INFO, 2);
	put64(in + DATA, 0x4444);
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_TRUE(chg.guid_changed);
	ASSERT_EQ(chg.guid_blocks, 1 << 2);
	ASSERT_TRUE(s->port[1].guid[16] == 0x4444);
	free(before);
	free(s);
	return true;
}

static bool test_sma_sl2vl(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	int i;

	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_SL_TO_VL, 0), 0);
	for (i = 0; i < 8; i++)
		ASSERT_EQ(out[DATA + i], 0);
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_SL_TO_VL, 0);
	for (i = 0; i < 8; i++)
		in[DATA + i] = (2 * i) << 4 | (2 * i + 1);	/* SL n: VL n */
	ASSERT_EQ(run(s, 1), 0);
	for (i = 0; i < 16; i++)
		ASSERT_EQ(s->port[0].sl2vl[i], i);
	ASSERT_EQ(out[DATA], 0x01);
	ASSERT_EQ(out[DATA + 7], 0xef);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_SL_TO_VL, 0x0101),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	free(s);
	return true;
}

static bool test_sma_vl_arb(void)
{
	struct mlxsim_sma *s = sma_new(1, 64, false);
	u32 b;

	for (b = 1; b <= 4; b++) {
		smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_VL_ARB, b << 16);
		in[DATA] = 0xf0 | b;		/* reserved nibble set */
		in[DATA + 1] = 10 * b;
		in[DATA + 63] = b;
		ASSERT_EQ(run(s, 1), 0);
		ASSERT_EQ(out[DATA], b);
		ASSERT_EQ(out[DATA + 1], 10 * b);
	}
	for (b = 1; b <= 4; b++) {
		ASSERT_EQ(get(s, 1, MLXSIM_ATTR_VL_ARB, b << 16 | 1), 0);
		ASSERT_EQ(out[DATA], b);
		ASSERT_EQ(out[DATA + 1], 10 * b);
		ASSERT_EQ(out[DATA + 63], b);
	}
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_VL_ARB, 0),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_VL_ARB, 5 << 16),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	free(s);
	return true;
}

static bool test_sma_mlnx_ext_port_info(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, false);
	u8 zero[DATA] = { 0 };

	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_MLNX_EXT_PORT_INFO, 2), 0);
	ASSERT_EQ(memcmp(out + DATA, zero, DATA), 0);
	smp(1, MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_MLNX_EXT_PORT_INFO, 0);
	memset(in + DATA, 0xff, DATA);
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(out[DATA + 3], 0x01);
	ASSERT_EQ(out[DATA + 11], 0xff);
	ASSERT_EQ(out[DATA + 7], 0);		/* LinkSpeedSupported */
	ASSERT_EQ(out[DATA + 15], 0);
	ASSERT_EQ(get(s, 2, MLXSIM_ATTR_MLNX_EXT_PORT_INFO, 1),
		  MLXSIM_MAD_STATUS_INVALID_FIELD);
	free(s);
	return true;
}

static bool test_sma_cap_mask(void)
{
	struct mlxsim_sma *s = sma_new(2, 64, false);
	const u32 base = MLXSIM_SMA_BASE_CAP;

	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 1, base | MLXSIM_IB_CAP_SM), 0);
	ASSERT_EQ(get(s, 1, MLXSIM_ATTR_PORT_INFO, 0), 0);
	ASSERT_EQ(get32(out + DATA + 20), base | MLXSIM_IB_CAP_SM);
	ASSERT_EQ(s->port[1].cap_mask, base);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 1, base |
					  MLXSIM_IB_CAP_SM_DISABLED), 0);
	ASSERT_EQ(s->port[0].cap_mask, base | MLXSIM_IB_CAP_SM_DISABLED);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 1, base), 0);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 1, base & ~MLXSIM_IB_CAP_CM),
		  -EINVAL);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 1, base | 0x10), -EINVAL);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 3, base), -EINVAL);
	ASSERT_EQ(mlxsim_sma_set_cap_mask(s, 0, base), -EINVAL);
	ASSERT_EQ(s->port[0].cap_mask, base);
	free(s);
	return true;
}

static bool test_sma_owns_lid(void)
{
	struct mlxsim_sma_port p = { .lid = 8, .lmc = 2 };

	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 7));
	ASSERT_TRUE(mlxsim_sma_owns_lid(&p, 8));
	ASSERT_TRUE(mlxsim_sma_owns_lid(&p, 11));
	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 12));
	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 0));
	p.lmc = 0;
	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 9));
	ASSERT_TRUE(mlxsim_sma_owns_lid(&p, 8));
	/* no LID yet: none, whatever the LMC */
	p.lid = 0;
	p.lmc = 7;
	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 5));
	ASSERT_FALSE(mlxsim_sma_owns_lid(&p, 0));
	return true;
}

const struct mlxsim_test sma_tests[] = {
	TEST(test_sma_node_info),
	TEST(test_sma_node_desc),
	TEST(test_sma_port_info_defaults),
	TEST(test_sma_header_and_status),
	TEST(test_sma_directed_route),
	TEST(test_sma_read_only_set),
	TEST(test_sma_port_info_set),
	TEST(test_sma_port_info_read_only_fields),
	TEST(test_sma_port_info_refused),
	TEST(test_sma_port_state_machine),
	TEST(test_sma_link),
	TEST(test_sma_mkey),
	TEST(test_sma_violations_and_rereg),
	TEST(test_sma_width_speed),
	TEST(test_sma_pkey_table),
	TEST(test_sma_guid_info),
	TEST(test_sma_sl2vl),
	TEST(test_sma_vl_arb),
	TEST(test_sma_mlnx_ext_port_info),
	TEST(test_sma_cap_mask),
	TEST(test_sma_owns_lid),
	{ NULL, NULL },
};
