// SPDX-License-Identifier: GPL-2.0
/* Unit tests of mlxsimctl's MAD builder (run under ASan/UBSan). */
#include <stdio.h>
#include <string.h>

#include "smp_build.h"

static int failed, run;

#define CHECK(c) do {							\
	run++;								\
	if (!(c)) {							\
		failed++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__,	\
			__LINE__, #c);					\
	}								\
} while (0)

static void test_lid_set(void)
{
	uint8_t mad[IB_MAD_SIZE];
	struct smp_req r;
	const char *err;

	smp_req_init(&r);
	r.method = IB_MAD_METHOD_SET;
	r.attr_mod = 1;
	r.tid = 0x0102030405060708ULL;
	CHECK(!smp_parse_entry(&r, "0=0xffff", &err));
	CHECK(!smp_parse_entry(&r, "5=0x8001", &err));
	CHECK(!smp_parse_entry(&r, "31=7", &err));
	smp_build(mad, &r);
	CHECK(mad[0] == 1 && mad[1] == 0x01 && mad[2] == 1 && mad[3] == 0x02);
	CHECK(mad[4] == 0 && mad[5] == 0);
	CHECK(mad[8] == 1 && mad[15] == 8);
	CHECK(mad[16] == 0x00 && mad[17] == 0x16);
	CHECK(mad[20] == 0 && mad[23] == 1);
	CHECK(mad[64] == 0xff && mad[65] == 0xff);
	CHECK(mad[74] == 0x80 && mad[75] == 0x01);
	CHECK(mad[126] == 0 && mad[127] == 7);
	CHECK(mad[32] == 0 && mad[128] == 0 && mad[255] == 0);
}

static void test_dr_get(void)
{
	uint8_t mad[IB_MAD_SIZE];
	struct smp_req r;

	smp_req_init(&r);
	r.mgmt_class = IB_SMI_DIRECT_CLASS;
	smp_build(mad, &r);
	CHECK(mad[1] == 0x81 && mad[3] == 0x01);
	CHECK(mad[6] == 0 && mad[7] == 0);
	CHECK(mad[32] == 0xff && mad[33] == 0xff && mad[34] == 0xff);
	CHECK(mad[64] == 0);
}

static void test_bad_entries(void)
{
	static const char *const bad[] = {
		"32=1", "1=0x10000", "=1", "1=", "x=1", "1", "-1=2", "1=-2",
		"1=0xfffff", "99999999999999999999999999999999999=1",
	};
	struct smp_req r, before;
	const char *err;
	unsigned int i;

	smp_req_init(&r);
	before = r;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		CHECK(smp_parse_entry(&r, bad[i], &err) == -1);
		CHECK(err != NULL);
	}
	CHECK(!memcmp(&r, &before, sizeof(r)));
}

static void test_class(void)
{
	uint8_t c;

	CHECK(!smp_parse_class("lid", &c) && c == 0x01);
	CHECK(!smp_parse_class("dr", &c) && c == 0x81);
	CHECK(!smp_parse_class("0x04", &c) && c == 0x04);
	CHECK(smp_parse_class("0x100", &c) == -1);
	CHECK(smp_parse_class("sa", &c) == -1);
}

static void test_ca_port(void)
{
	static const char *const bad[] = {
		"", ":1", "mlxsim1:", "mlxsim1:0", "mlxsim1:255", "mlxsim1:x",
		"mlxsim1:1x", "mlxsim1:-1", "mlx/sim1", "mlx sim", "-mlxsim1",
		"abcdefghijklmnopqrstuvwxyz", "mlxsim1:1:2", "mlxsim1: 1",
	};
	unsigned int port, i;
	const char *err;
	char ca[20];

	CHECK(!smp_parse_ca_port("mlxsim1:1", ca, sizeof(ca), &port, &err));
	CHECK(!strcmp(ca, "mlxsim1") && port == 1);
	CHECK(!smp_parse_ca_port("mlx4_0", ca, sizeof(ca), &port, &err));
	CHECK(!strcmp(ca, "mlx4_0") && port == 1);
	CHECK(!smp_parse_ca_port("mlxsim65535:2", ca, sizeof(ca), &port, &err));
	CHECK(!strcmp(ca, "mlxsim65535") && port == 2);
	CHECK(!smp_parse_ca_port("a:0x10", ca, sizeof(ca), &port, &err) &&
	      port == 16);
	CHECK(!smp_parse_ca_port("abcdefghijklmnopqrs", ca, sizeof(ca), &port,
				 &err));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		CHECK(smp_parse_ca_port(bad[i], ca, sizeof(ca), &port, &err) == -1);
		CHECK(err != NULL);
	}
}

static void test_status(void)
{
	uint8_t mad[IB_MAD_SIZE] = { 0 };
	char buf[64];

	CHECK(!strcmp(smp_status_name(0), "ok"));
	CHECK(!strcmp(smp_status_name(0x0004), "bad version"));
	CHECK(!strcmp(smp_status_name(0x0008), "method not supported"));
	CHECK(!strcmp(smp_status_name(0x000c), "method/attribute not supported"));
	CHECK(!strcmp(smp_status_name(0x001c), "invalid field"));
	CHECK(smp_status_name(0x0100) == NULL);
	CHECK(!strcmp(smp_status_str(0x001c, buf, sizeof(buf)),
		      "status 0x001c (invalid field)"));
	CHECK(!strcmp(smp_status_str(0x0120, buf, sizeof(buf)), "status 0x0120"));
	/* the D bit of a DR SMP is not status; of another class it is */
	mad[1] = 0x81;
	mad[4] = 0x80;
	mad[5] = 0x1c;
	CHECK(smp_status(mad) == 0x001c);
	mad[4] = 0x80;
	mad[5] = 0;
	CHECK(smp_status(mad) == 0);
	mad[1] = 0x01;
	CHECK(smp_status(mad) == 0x8000);
}

static void test_names(void)
{
	char buf[80];
	uint16_t a;

	CHECK(!strcmp(smp_mad_name(0x01, 1, 0x16, buf, sizeof(buf)),
		      "SubnGet(PKeyTable)"));
	CHECK(!strcmp(smp_mad_name(0x81, 2, 0x15, buf, sizeof(buf)),
		      "SubnSet(PortInfo)"));
	CHECK(!strcmp(smp_mad_name(0x81, 0x14, 0x77, buf, sizeof(buf)),
		      "SMP method 0x14 (attribute 0x0077)"));
	CHECK(!strcmp(smp_mad_name(0x04, 1, 0x12, buf, sizeof(buf)),
		      "class 0x04 method 0x01 attribute 0x0012"));
	CHECK(!smp_parse_attr("PortInfo", &a) && a == 0x15);
	CHECK(!smp_parse_attr("pkeytable", &a) && a == 0x16);
	CHECK(!smp_parse_attr("0x11", &a) && a == 0x11);
	CHECK(smp_parse_attr("portinf", &a) == -1);
	CHECK(smp_parse_attr("0x10000", &a) == -1);
	CHECK(!strcmp(smp_port_state_name(4), "ACTIVE"));
	CHECK(!strcmp(smp_phys_state_name(5), "LinkUp"));
	CHECK(!strcmp(smp_port_state_name(9), "unknown"));
}

static void test_dr_path(void)
{
	uint8_t mad[IB_MAD_SIZE], path[1] = { 2 };
	struct smp_req r;
	int i, other = 0;

	smp_req_init(&r);
	r.mgmt_class = IB_SMI_DIRECT_CLASS;
	r.class_version = 2;
	smp_build(mad, &r);
	CHECK(mad[2] == 2);
	smp_set_dr_path(mad, path, 1);
	CHECK(mad[6] == 0 && mad[7] == 1);
	CHECK(mad[128] == 0 && mad[129] == 2);
	for (i = 130; i < 256; i++)
		other |= mad[i];
	CHECK(!other);
	CHECK(mad[32] == 0xff && mad[34] == 0xff);
	smp_set_dr_path(mad, NULL, 0);
	CHECK(mad[7] == 0 && mad[129] == 0);
}

static void test_port_info(void)
{
	uint8_t cur[64], d[64];
	struct smp_port_info pi;
	int i, other = 0;

	for (i = 0; i < 64; i++)
		cur[i] = 0xa0 + i;
	cur[32] = 0x72;		/* speed supported 7, INIT */
	cur[33] = 0x52;		/* LinkUp, LinkDownDefault Polling */
	cur[51] = 0x80 | 0x12;	/* ClientReregister must not go back */
	smp_port_info_get(cur, &pi);
	CHECK(pi.state == 2 && pi.phys == 5);
	CHECK(pi.lid == ((0xa0 + 16) << 8 | (0xa0 + 17)));
	smp_port_info_edit(d, cur, 7, 1, 3);
	smp_port_info_get(d, &pi);
	CHECK(pi.lid == 7 && pi.sm_lid == 1 && pi.state == 3 && pi.phys == 0);
	CHECK(d[32] == 0x73 && d[33] == 0x02 && d[51] == 0x12);
	for (i = 0; i < 64; i++)
		if (i < 16 || (i > 19 && i != 32 && i != 33 && i != 51))
			other |= d[i] != cur[i];
	CHECK(!other);
	smp_port_info_edit(d, cur, 7, 1, 0);
	CHECK((d[32] & 0xf) == 0);
}

static void test_lat(void)
{
	double v[] = { 5, 1, 4, 2, 3 }, w[200];
	struct smp_lat s;
	int i;

	smp_lat_stats(v, 5, &s);
	CHECK(s.min == 1 && s.max == 5 && s.median == 3 && s.mean == 3);
	CHECK(s.p99 == 5);
	for (i = 0; i < 200; i++)
		w[i] = 200 - i;	/* 1..200 */
	smp_lat_stats(w, 200, &s);
	CHECK(s.median == 100.5 && s.p99 == 198 && s.min == 1 && s.max == 200);
	smp_lat_stats(w, 1, &s);
	CHECK(s.median == 1 && s.p99 == 1);
}

int main(void)
{
	test_lid_set();
	test_dr_get();
	test_bad_entries();
	test_class();
	test_ca_port();
	test_status();
	test_names();
	test_dr_path();
	test_port_info();
	test_lat();
	printf("mlxsimctl: %d checks, %d failed\n", run, failed);
	return failed ? 1 : 0;
}
