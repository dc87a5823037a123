// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the MAD codec and the firmware's PKeyTable attribute. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/mad.h"

static void pkey_smp(struct mlxsim_smp *s, u8 class, u8 method, u32 block)
{
	memset(s, 0, sizeof(*s));
	s->base_version = 1;
	s->class_version = 1;
	s->mgmt_class = class;
	s->method = method;
	s->attr_id = MLXSIM_ATTR_PKEY_TABLE;
	s->attr_mod = block;
	s->tid = 0x1122334455667788ULL;
}

static bool test_mad_wire_format(void)
{
	struct mlxsim_smp s, back;
	u8 buf[MLXSIM_MAD_BYTES];

	pkey_smp(&s, 0x81, 2, 3);
	s.pkeys[0] = 0xffff;
	s.pkeys[31] = 0x8001;
	mlxsim_mad_build(buf, &s);
	memset(&back, 0, sizeof(back));
	/* big-endian header, data at 64 */
	ASSERT_EQ(buf[1], 0x81);
	ASSERT_EQ(buf[3], 2);
	ASSERT_EQ(buf[8], 0x11);
	ASSERT_EQ(buf[15], 0x88);
	ASSERT_EQ(buf[16], 0x00);
	ASSERT_EQ(buf[17], 0x16);
	ASSERT_EQ(buf[23], 3);
	ASSERT_EQ(buf[64], 0xff);
	ASSERT_EQ(buf[126], 0x80);
	ASSERT_EQ(buf[127], 0x01);
	ASSERT_EQ(mlxsim_mad_parse(buf, sizeof(buf), &back), 0);
	ASSERT_EQ(memcmp(&s, &back, sizeof(s)), 0);
	ASSERT_EQ(mlxsim_mad_parse(buf, 255, &back), -EINVAL);
	ASSERT_EQ(mlxsim_mad_parse(buf, 257, &back), -EINVAL);
	return true;
}

static bool test_mad_fw_set_get(void)
{
	struct mlxsim_pkey_phys phys;
	struct mlxsim_smp in, out;

	mlxsim_pkey_phys_init(&phys, 2, 128, true);
	ASSERT_EQ(phys.pkey[1][0], 0xffff);
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 1);
	in.pkeys[4] = 0x8005;
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 2, &in, &out), 0);
	ASSERT_EQ(phys.pkey[1][36], 0x8005);
	ASSERT_EQ(phys.pkey[0][36], 0);
	ASSERT_EQ(out.method, MLXSIM_MAD_METHOD_GET_RESP);
	pkey_smp(&in, 0x81, MLXSIM_MAD_METHOD_GET, 1);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 2, &in, &out), 0);
	ASSERT_EQ(out.pkeys[4], 0x8005);
	return true;
}

static bool test_mad_fw_refuses(void)
{
	struct mlxsim_pkey_phys phys, before;
	struct mlxsim_smp in, out;

	mlxsim_pkey_phys_init(&phys, 2, 64, true);
	before = phys;
	/* reserved last entry: the whole block refused */
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 1);
	in.pkeys[0] = 0x1234;
	in.pkeys[31] = 0x8001;
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x001c);
	ASSERT_EQ(out.status, 0x001c);
	/* block beyond the table */
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 2);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x001c);
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_GET, 0x10000 | 2);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x001c);
	/* other class, method, attribute, bad port */
	pkey_smp(&in, 0x04, MLXSIM_MAD_METHOD_SET, 0);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x0004);
	pkey_smp(&in, 1, 0x06, 0);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x0008);
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 0);
	in.attr_id = 0x0015;
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0x000c);
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 0);
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 3, &in, &out), 0x001c);
	ASSERT_EQ(memcmp(&before, &phys, sizeof(phys)), 0);
	/* without VFs the last entry is an ordinary one */
	mlxsim_pkey_phys_init(&phys, 1, 32, false);
	pkey_smp(&in, 1, MLXSIM_MAD_METHOD_SET, 0);
	in.pkeys[31] = 0x8001;
	ASSERT_EQ(mlxsim_smp_fw_exec(&phys, 1, &in, &out), 0);
	ASSERT_EQ(phys.pkey[0][31], 0x8001);
	return true;
}

static bool test_mad_snoop_filter(void)
{
	struct mlxsim_smp s;

	pkey_smp(&s, 1, MLXSIM_MAD_METHOD_SET, 0);
	ASSERT_TRUE(mlxsim_smp_is_pkey_set(&s, 0));
	ASSERT_FALSE(mlxsim_smp_is_pkey_set(&s, 0x001c));
	s.mgmt_class = 0x81;
	ASSERT_TRUE(mlxsim_smp_is_pkey_set(&s, 0));
	s.mgmt_class = 0x04;
	ASSERT_FALSE(mlxsim_smp_is_pkey_set(&s, 0));
	pkey_smp(&s, 1, MLXSIM_MAD_METHOD_GET, 0);
	ASSERT_FALSE(mlxsim_smp_is_pkey_set(&s, 0));
	pkey_smp(&s, 1, MLXSIM_MAD_METHOD_SET, 0);
	s.attr_id = 0x15;
	ASSERT_FALSE(mlxsim_smp_is_pkey_set(&s, 0));
	return true;
}

const struct mlxsim_test mad_tests[] = {
	TEST(test_mad_wire_format),
	TEST(test_mad_fw_set_get),
	TEST(test_mad_fw_refuses),
	TEST(test_mad_snoop_filter),
	{ NULL, NULL },
};
