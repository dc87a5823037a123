// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the simulated firmware's PMA (logic/pma.c): ClassPortInfo,
 * PortCounters (saturated, cleared by CounterSelect), PortCountersExtended
 * and the counting of the wire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/sma.h"

#define DATA 64

static u8 in[MLXSIM_MAD_BYTES], out[MLXSIM_MAD_BYTES];
static struct mlxsim_sma_change chg;

static struct mlxsim_sma *sma_new(u32 ports)
{
	struct mlxsim_sma_id id = {
		.ports = ports, .pkeys = 64, .node_guid = 0x100,
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

static void pma(u8 method, u16 attr, u8 port_select, u16 counter_select)
{
	memset(in, 0, sizeof(in));
	in[0] = 1;
	in[1] = MLXSIM_MGMT_CLASS_PERF;
	in[2] = 1;
	in[3] = method;
	in[15] = 0x42;
	put16(in + 16, attr);
	in[DATA + 1] = port_select;
	put16(in + DATA + 2, counter_select);
}

static int run(struct mlxsim_sma *s, u32 port)
{
	memset(out, 0xee, sizeof(out));
	if (mlxsim_sma_exec(s, port, in, out, &chg) == MLXSIM_SMA_DISCARD)
		return -1;
	/* a GetResp, and a PMA MAD is no port change */
	if (out[3] != MLXSIM_MAD_METHOD_GET_RESP || chg.port)
		return -2;
	return mlxsim_sma_status(out);
}

static bool test_pma_class_port_info(void)
{
	struct mlxsim_sma *s = sma_new(1);
	int i;

	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_CLASS_PORT_INFO, 0, 0);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(out[DATA], 1);
	ASSERT_EQ(out[DATA + 1], 1);
	/* perfquery -x needs IsExtendedWidthSupported */
	ASSERT_EQ(get16(out + DATA + 2), 0x1200);
	ASSERT_EQ(get32(out + DATA + 4), 18);
	for (i = DATA + 8; i < MLXSIM_MAD_BYTES; i++)
		ASSERT_EQ(out[i], 0);
	ASSERT_EQ(out[15], 0x42);
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_CLASS_PORT_INFO, 0, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	ASSERT_EQ(get16(out + DATA + 2), 0x1200);
	free(s);
	return true;
}

static bool test_pma_status_codes(void)
{
	struct mlxsim_sma *s = sma_new(2);
	int i;

	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0);
	in[2] = 2;
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_BAD_VERSION);
	for (i = 0; i < MLXSIM_MAD_BYTES - DATA; i++)
		ASSERT_EQ(out[DATA + i], 0);
	pma(MLXSIM_MAD_METHOD_TRAP_REPRESS, MLXSIM_ATTR_PORT_COUNTERS, 1, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD);
	pma(MLXSIM_MAD_METHOD_GET_RESP, MLXSIM_ATTR_PORT_COUNTERS, 1, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD);
	pma(MLXSIM_MAD_METHOD_GET, 0x0010, 1, 0);	/* PortSamplesControl */
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR);
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 3, 0);
	ASSERT_EQ(run(s, 3), MLXSIM_MAD_STATUS_INVALID_FIELD);
	/* bit 15 of a PMA status is no D bit */
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0);
	put16(in + 4, 0x8000);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get16(out + 4), 0);
	free(s);
	return true;
}

static bool test_pma_count(void)
{
	struct mlxsim_sma *s = sma_new(2);
	struct mlxsim_pma_counters *c = &s->port[1].pma;

	mlxsim_pma_count_xmit(s, 2, 256);
	mlxsim_pma_count_xmit(s, 2, 5);		/* 2 words, rounded up */
	mlxsim_pma_count_rcv(s, 2, 7);
	mlxsim_pma_count_discard(s, 2);
	mlxsim_pma_count_xmit(s, 3, 100);	/* no such port */
	mlxsim_pma_count_rcv(s, 0, 100);
	mlxsim_pma_count_discard(s, 0);
	ASSERT_EQ(c->xmit_data, 66);
	ASSERT_EQ(c->xmit_pkts, 2);
	ASSERT_EQ(c->ucast_xmit_pkts, 2);
	ASSERT_EQ(c->rcv_data, 2);
	ASSERT_EQ(c->rcv_pkts, 1);
	ASSERT_EQ(c->ucast_rcv_pkts, 1);
	ASSERT_EQ(c->xmit_discards, 1);
	ASSERT_EQ(c->mcast_xmit_pkts, 0);
	ASSERT_EQ(s->port[0].pma.xmit_pkts, 0);

	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 2, 0);
	ASSERT_EQ(run(s, 2), 0);
	ASSERT_EQ(out[DATA + 1], 2);
	ASSERT_EQ(get16(out + DATA + 14), 1);
	ASSERT_EQ(get32(out + DATA + 24), 66);
	ASSERT_EQ(get32(out + DATA + 28), 2);
	ASSERT_EQ(get32(out + DATA + 32), 2);
	ASSERT_EQ(get32(out + DATA + 36), 1);
	ASSERT_EQ(get32(out + DATA + 40), 0);	/* PortXmitWait */
	/* the largest MAD a u32 can say: no overflow of the rounding */
	mlxsim_pma_count_xmit(s, 1, 0xffffffff);
	ASSERT_TRUE(s->port[0].pma.xmit_data == 0x40000000ULL);
	free(s);
	return true;
}

static bool test_pma_saturate(void)
{
	struct mlxsim_sma *s = sma_new(1);
	struct mlxsim_pma_counters *c = &s->port[0].pma;
	const u8 *d = out + DATA;

	c->xmit_data = 0x100000005ULL;
	c->rcv_data = 0xffffffffULL;
	c->xmit_pkts = ~0ULL;
	c->rcv_pkts = 0xfffffffeULL;
	c->symbol_errors = 70000;
	c->link_error_recovery = 256;
	c->link_downed = 255;
	c->rcv_errors = 0x10000;
	c->xmit_discards = 0xffffffff;
	c->vl15_dropped = 0xffff;
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 0xff, 0);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(d[1], 0xff);
	ASSERT_EQ(get16(d + 4), 0xffff);
	ASSERT_EQ(d[6], 0xff);
	ASSERT_EQ(d[7], 0xff);
	ASSERT_EQ(get16(d + 8), 0xffff);
	ASSERT_EQ(get16(d + 14), 0xffff);
	ASSERT_EQ(get16(d + 22), 0xffff);
	ASSERT_EQ(get32(d + 24), 0xffffffff);
	ASSERT_EQ(get32(d + 28), 0xffffffff);
	ASSERT_EQ(get32(d + 32), 0xffffffff);
	ASSERT_EQ(get32(d + 36), 0xfffffffe);
	/* the 64-bit counters go on, and stick at the top */
	mlxsim_pma_count_rcv(s, 1, 8);
	mlxsim_pma_count_rcv(s, 1, 8);
	mlxsim_pma_count_xmit(s, 1, 8);
	mlxsim_pma_count_discard(s, 1);
	ASSERT_TRUE(c->xmit_pkts == ~0ULL);
	ASSERT_EQ(c->xmit_discards, 0xffffffff);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(get32(d + 36), 0xffffffff);
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS_EXT, 1, 0);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_TRUE(get64(d + 8) == 0x100000007ULL);
	ASSERT_TRUE(get64(d + 16) == 0x100000003ULL);
	ASSERT_TRUE(get64(d + 24) == ~0ULL);
	ASSERT_TRUE(get64(d + 32) == 0x100000000ULL);
	ASSERT_TRUE(get64(d + 40) == 1);
	ASSERT_TRUE(get64(d + 48) == 2);
	ASSERT_TRUE(get64(d + 56) == 0);
	ASSERT_TRUE(get64(d + 64) == 0);
	c->xmit_data = ~0ULL - 1;
	mlxsim_pma_count_xmit(s, 1, 64);
	ASSERT_TRUE(c->xmit_data == ~0ULL);
	free(s);
	return true;
}

static bool test_pma_port_select(void)
{
	struct mlxsim_sma *s = sma_new(2);
	struct mlxsim_pma_counters *c = &s->port[0].pma;
	struct mlxsim_sma *before = malloc(sizeof(*before));

	c->xmit_pkts = 9;
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0);
	ASSERT_EQ(run(s, 1), 0);
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 0xff, 0);
	ASSERT_EQ(run(s, 1), 0);
	/* a CA answers for the receiving port only */
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 2, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(get32(out + DATA + 32), 9);	/* the current contents */
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 0, 0);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_INVALID_FIELD);
	/* a refused Set clears nothing */
	memcpy(before, s, sizeof(*s));
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS, 2, 0xffff);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_INVALID_FIELD);
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS_EXT, 7, 0xff);
	ASSERT_EQ(run(s, 1), MLXSIM_MAD_STATUS_INVALID_FIELD);
	ASSERT_EQ(memcmp(s, before, sizeof(*s)), 0);
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS_EXT, 2, 0);
	ASSERT_EQ(run(s, 2), 0);
	free(before);
	free(s);
	return true;
}

static void fill(struct mlxsim_pma_counters *c)
{
	c->symbol_errors = 1;
	c->link_error_recovery = 2;
	c->link_downed = 3;
	c->rcv_errors = 4;
	c->xmit_discards = 5;
	c->vl15_dropped = 6;
	c->xmit_data = 7;
	c->rcv_data = 8;
	c->xmit_pkts = 9;
	c->rcv_pkts = 10;
	c->ucast_xmit_pkts = 11;
	c->ucast_rcv_pkts = 12;
	c->mcast_xmit_pkts = 13;
	c->mcast_rcv_pkts = 14;
}

static bool test_pma_clear(void)
{
	struct mlxsim_sma *s = sma_new(1);
	struct mlxsim_pma_counters *c = &s->port[0].pma;
	const u8 *d = out + DATA;

	fill(c);
	/* perfquery -R 1 0x0fff: the error counters only */
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0x0fff);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->symbol_errors, 0);
	ASSERT_EQ(c->link_error_recovery, 0);
	ASSERT_EQ(c->link_downed, 0);
	ASSERT_EQ(c->rcv_errors, 0);
	ASSERT_EQ(c->xmit_discards, 0);
	ASSERT_EQ(c->vl15_dropped, 0);
	ASSERT_EQ(c->xmit_data, 7);
	ASSERT_EQ(c->rcv_pkts, 10);
	/* the answer is the result */
	ASSERT_EQ(get16(d + 2), 0x0fff);
	ASSERT_EQ(get16(d + 4), 0);
	ASSERT_EQ(get32(d + 24), 7);
	fill(c);
	/* one bit each */
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS, 1, 1U << 13);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->rcv_data, 0);
	ASSERT_EQ(c->xmit_data, 7);
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS, 1, 1U << 2);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->link_downed, 0);
	ASSERT_EQ(c->symbol_errors, 1);
	/* perfquery -R: everything; the extended view shares the counters */
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0xffff);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->xmit_data, 0);
	ASSERT_EQ(c->rcv_data, 0);
	ASSERT_EQ(c->xmit_pkts, 0);
	ASSERT_EQ(c->rcv_pkts, 0);
	ASSERT_EQ(c->ucast_xmit_pkts, 11);	/* only in the extended set */
	ASSERT_EQ(c->symbol_errors, 0);

	fill(c);
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS_EXT, 1,
	    1U << 0 | 1U << 5 | 1U << 6);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->xmit_data, 0);
	ASSERT_EQ(c->rcv_data, 8);
	ASSERT_EQ(c->ucast_rcv_pkts, 0);
	ASSERT_EQ(c->mcast_xmit_pkts, 0);
	ASSERT_EQ(c->ucast_xmit_pkts, 11);
	ASSERT_EQ(c->mcast_rcv_pkts, 14);
	ASSERT_EQ(c->symbol_errors, 1);		/* not an extended counter */
	ASSERT_TRUE(get64(d + 16) == 8);
	pma(MLXSIM_MAD_METHOD_SET, MLXSIM_ATTR_PORT_COUNTERS_EXT, 0xff, 0xff);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->rcv_data + c->xmit_pkts + c->rcv_pkts +
		  c->ucast_xmit_pkts + c->mcast_rcv_pkts, 0);
	ASSERT_EQ(c->link_downed, 3);
	/* a Get clears nothing, whatever CounterSelect says */
	fill(c);
	pma(MLXSIM_MAD_METHOD_GET, MLXSIM_ATTR_PORT_COUNTERS, 1, 0xffff);
	ASSERT_EQ(run(s, 1), 0);
	ASSERT_EQ(c->xmit_data, 7);
	free(s);
	return true;
}

const struct mlxsim_test pma_tests[] = {
	TEST(test_pma_class_port_info),
	TEST(test_pma_status_codes),
	TEST(test_pma_count),
	TEST(test_pma_saturate),
	TEST(test_pma_port_select),
	TEST(test_pma_clear),
	{ NULL, NULL },
};
