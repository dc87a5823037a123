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

int main(void)
{
	test_lid_set();
	test_dr_get();
	test_bad_entries();
	test_class();
	printf("mlxsimctl: %d checks, %d failed\n", run, failed);
	return failed ? 1 : 0;
}
