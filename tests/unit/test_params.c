// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the new_device / del_device parser. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mlxsim/knobs.h"
#include "mlxsim/params.h"

static int parse(const char *s, struct mlxsim_params *p, char *bad)
{
	return mlxsim_params_parse(s, strlen(s), p, bad, MLXSIM_TOKEN_MAX);
}

static bool test_params_defaults(void)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(parse("7\n", &p, bad), 0);
	ASSERT_EQ(p.id, 7);
	ASSERT_EQ(p.guid, 0x0002c90300000007ULL);
	ASSERT_EQ(p.vhca_ports, 1);
	ASSERT_EQ(p.affiliate, 0);
	ASSERT_EQ(p.native_port, 1);
	ASSERT_EQ(p.link, MLXSIM_LINK_ETH);
	ASSERT_EQ(p.ports, 1);
	ASSERT_EQ(p.vfs, 0);
	ASSERT_EQ(p.pkeys, 128);
	ASSERT_EQ(p.type, MLXSIM_FN_PF);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_NONE);
	ASSERT_EQ(mlxsim_params_ib_ports(&p), 1);
	return true;
}

static bool test_params_every_key(void)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(parse("12 guid=0x1122334455667788 vhca_ports=2 affiliate=3 native_port=2 link=ib ports=2 vfs=79 pkeys=64 type=pf",
			&p, bad), 0);
	ASSERT_EQ(p.id, 12);
	ASSERT_EQ(p.guid, 0x1122334455667788ULL);
	ASSERT_EQ(p.vhca_ports, 2);
	ASSERT_EQ(p.affiliate, 3);
	ASSERT_EQ(p.native_port, 2);
	ASSERT_EQ(p.link, MLXSIM_LINK_IB);
	ASSERT_EQ(p.ports, 2);
	ASSERT_EQ(p.vfs, 79);
	ASSERT_EQ(p.pkeys, 64);
	ASSERT_EQ(p.type, MLXSIM_FN_PF);
	ASSERT_EQ(parse("1 type=vf link=eth", &p, bad), 0);
	ASSERT_EQ(p.type, MLXSIM_FN_VF);
	ASSERT_EQ(p.link, MLXSIM_LINK_ETH);
	return true;
}

static bool test_params_guid_forms(void)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(parse("1 guid=0002:c903:0000:00ab", &p, bad), 0);
	ASSERT_EQ(p.guid, 0x0002c903000000abULL);
	ASSERT_EQ(parse("1 guid=255", &p, bad), 0);
	ASSERT_EQ(p.guid, 255);
	ASSERT_EQ(parse("1 guid=0xffffffffffffffff", &p, bad), 0);
	ASSERT_EQ(p.guid, ~0ULL);
	ASSERT_EQ(parse("1 guid=0x10000000000000000", &p, bad), -ERANGE);
	ASSERT_EQ(parse("1 guid=0", &p, bad), -ERANGE);
	ASSERT_EQ(parse("1 guid=0002:c903:0000", &p, bad), -EINVAL);
	ASSERT_EQ(parse("1 guid=0002:c903:0000:00a", &p, bad), -EINVAL);
	ASSERT_EQ(parse("1 guid=0002:c903:0000:00abc", &p, bad), -EINVAL);
	ASSERT_EQ(parse("1 guid=0002::c903:0000", &p, bad), -EINVAL);
	ASSERT_EQ(parse("1 guid=0x", &p, bad), -EINVAL);
	ASSERT_EQ(parse("1 guid=0xg", &p, bad), -EINVAL);
	return true;
}

struct bad_case {
	const char *in;
	int err;
	const char *tok;	/* expected offending token, NULL: don't care */
};

static const struct bad_case bad_cases[] = {
	{ "", -EINVAL, "<empty>" },
	{ "   \n", -EINVAL, "<empty>" },
	{ "x", -EINVAL, "x" },
	{ "-1", -EINVAL, "-1" },
	{ "0x5", -EINVAL, "0x5" },
	{ "65536", -ERANGE, "65536" },
	{ "99999999999999999999999", -ERANGE, NULL },
	{ "1 bogus=1", -EINVAL, "bogus=1" },
	{ "1 vfs", -EINVAL, "vfs" },
	{ "1 =3", -EINVAL, "=3" },
	{ "1 vfs=", -EINVAL, "vfs=" },
	{ "1 vfs=1 vfs=2", -EINVAL, "vfs=2" },
	{ "1 VFS=1", -EINVAL, "VFS=1" },
	{ "1 vhca_ports=0", -ERANGE, "vhca_ports=0" },
	{ "1 vhca_ports=3", -ERANGE, "vhca_ports=3" },
	{ "1 vhca_ports=two", -EINVAL, "vhca_ports=two" },
	{ "1 affiliate=16", -ERANGE, "affiliate=16" },
	{ "1 affiliate=-1", -EINVAL, NULL },
	{ "1 native_port=0", -ERANGE, NULL },
	{ "1 native_port=3", -ERANGE, NULL },
	{ "1 link=roce", -EINVAL, "link=roce" },
	{ "1 link=", -EINVAL, NULL },
	{ "1 link=ETH", -EINVAL, NULL },
	{ "1 ports=0", -ERANGE, NULL },
	{ "1 ports=3", -ERANGE, NULL },
	{ "1 vfs=80", -ERANGE, "vfs=80" },
	{ "1 vfs=1x", -EINVAL, NULL },
	{ "1 pkeys=0", -ERANGE, NULL },
	{ "1 pkeys=16", -ERANGE, NULL },
	{ "1 pkeys=33", -EINVAL, "pkeys=33" },
	{ "1 pkeys=160", -ERANGE, NULL },
	{ "1 type=sf", -EINVAL, "type=sf" },
	{ "1 type=vf vfs=2", -EINVAL, "vfs" },
	/* a multiport slave has no IB device to host VFs */
	{ "1 affiliate=1 vfs=2", -EINVAL, "vfs" },
	{ "1 ports=1 junk", -EINVAL, "junk" },
	{ "1 ports=0x4294967296", -ERANGE, NULL },
};

static bool test_params_bad_values(void)
{
	struct mlxsim_params p, before;
	char bad[MLXSIM_TOKEN_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		memset(&p, 0xa5, sizeof(p));
		before = p;
		if (parse(bad_cases[i].in, &p, bad) != bad_cases[i].err) {
			fprintf(stderr, "  case \"%s\": got %d want %d\n",
				bad_cases[i].in, parse(bad_cases[i].in, &p, bad),
				bad_cases[i].err);
			return false;
		}
		/* nothing is written on failure */
		ASSERT_EQ(memcmp(&p, &before, sizeof(p)), 0);
		if (bad_cases[i].tok)
			ASSERT_STREQ(bad, bad_cases[i].tok);
	}
	return true;
}

static bool test_params_limits(void)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(parse("0", &p, bad), 0);
	ASSERT_EQ(parse("65535", &p, bad), 0);
	ASSERT_EQ(parse("1 vfs=0 pkeys=32", &p, bad), 0);
	ASSERT_EQ(p.pkeys, 32);
	ASSERT_EQ(parse("1 pkeys=96", &p, bad), 0);
	ASSERT_EQ(parse("1 affiliate=15", &p, bad), 0);
	ASSERT_EQ(parse("\t3\tports=2\r\n", &p, bad), 0);
	ASSERT_EQ(p.ports, 2);
	return true;
}

static bool test_params_overlong(void)
{
	char buf[MLXSIM_INPUT_MAX + 16], bad[MLXSIM_TOKEN_MAX];
	struct mlxsim_params p;

	/* a token longer than any key=value: refused, not truncated */
	memset(buf, 0, sizeof(buf));
	strcpy(buf, "1 guid=0x");
	memset(buf + 9, '1', MLXSIM_TOKEN_MAX);
	ASSERT_EQ(parse(buf, &p, bad), -EINVAL);
	ASSERT_EQ(strlen(bad), MLXSIM_TOKEN_MAX - 1);

	/* the whole write bounded */
	memset(buf, ' ', sizeof(buf) - 1);
	buf[0] = '1';
	buf[sizeof(buf) - 1] = '\0';
	ASSERT_EQ(mlxsim_params_parse(buf, sizeof(buf) - 1, &p, bad,
				      sizeof(bad)), -E2BIG);
	/* an embedded NUL ends the input */
	ASSERT_EQ(mlxsim_params_parse("4\0 vfs=bad", 10, &p, bad, sizeof(bad)),
		  0);
	ASSERT_EQ(p.id, 4);
	ASSERT_EQ(p.vfs, 0);
	return true;
}

static bool test_params_roles(void)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(parse("1 vhca_ports=2", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_MASTER);
	ASSERT_EQ(mlxsim_params_ib_ports(&p), 2);
	ASSERT_EQ(parse("1 vhca_ports=2 affiliate=1", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_MASTER);
	ASSERT_EQ(parse("1 affiliate=1 native_port=2", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_SLAVE);
	ASSERT_EQ(mlxsim_params_native_port(&p), 2);
	/* IB link: never multiport, native port 1 */
	ASSERT_EQ(parse("1 affiliate=1 native_port=2 link=ib", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_NONE);
	ASSERT_EQ(mlxsim_params_native_port(&p), 1);
	ASSERT_EQ(parse("1 vhca_ports=2 link=ib", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_role(&p), MLXSIM_ROLE_NONE);
	/* max(ports, vhca_ports) whatever the link */
	ASSERT_EQ(mlxsim_params_ib_ports(&p), 2);
	ASSERT_EQ(parse("1 ports=2 link=ib", &p, bad), 0);
	ASSERT_EQ(mlxsim_params_ib_ports(&p), 2);
	return true;
}

static bool test_id_parse(void)
{
	char bad[MLXSIM_TOKEN_MAX];
	u32 id = 99;

	ASSERT_EQ(mlxsim_id_parse("5\n", 2, &id, bad, sizeof(bad)), 0);
	ASSERT_EQ(id, 5);
	id = 99;
	ASSERT_EQ(mlxsim_id_parse("", 0, &id, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_id_parse("5 6", 3, &id, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "6");
	ASSERT_EQ(mlxsim_id_parse("abc", 3, &id, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_id_parse("70000", 5, &id, bad, sizeof(bad)), -ERANGE);
	ASSERT_EQ(id, 99);
	return true;
}

/* fail_add's text (logic/knobs.c): one number 0..1000, nothing else. */
static bool test_fail_add_parse(void)
{
	char bad[MLXSIM_TOKEN_MAX];
	u32 n = 7;

	ASSERT_EQ(mlxsim_fail_add_parse("3\n", 2, &n, bad, sizeof(bad)), 0);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(mlxsim_fail_add_parse("0", 1, &n, bad, sizeof(bad)), 0);
	ASSERT_EQ(n, 0);
	n = 7;
	ASSERT_EQ(mlxsim_fail_add_parse("1001", 4, &n, bad, sizeof(bad)), -ERANGE);
	ASSERT_EQ(mlxsim_fail_add_parse("x", 1, &n, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_fail_add_parse("1 2", 3, &n, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "2");
	ASSERT_EQ(mlxsim_fail_add_parse("", 0, &n, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "<empty>");
	ASSERT_EQ(n, 7);
	return true;
}

/* link_device's text (logic/knobs.c): two distinct "ID:PORT" ends. */
static bool test_link_parse(void)
{
	struct mlxsim_link_arg a = { { 7, 7 }, { 7, 7 } }, keep = a;
	char bad[MLXSIM_TOKEN_MAX];

	ASSERT_EQ(mlxsim_link_parse("1:1 2:2\n", 8, &a, bad, sizeof(bad)), 0);
	ASSERT_EQ(a.id[0], 1);
	ASSERT_EQ(a.port[0], 1);
	ASSERT_EQ(a.id[1], 2);
	ASSERT_EQ(a.port[1], 2);
	ASSERT_EQ(mlxsim_link_parse("3:1 3:2", 7, &a, bad, sizeof(bad)), 0);
	a = keep;
	ASSERT_EQ(mlxsim_link_parse("3:1 3:1", 7, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_link_parse("1:3 2:1", 7, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "1:3");
	ASSERT_EQ(mlxsim_link_parse("1:1", 3, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "1:1");
	ASSERT_EQ(mlxsim_link_parse("1:1 2:1 3:1", 11, &a, bad, sizeof(bad)),
		  -EINVAL);
	ASSERT_STREQ(bad, "3:1");
	ASSERT_EQ(mlxsim_link_parse("0x1:1 2:1", 9, &a, bad, sizeof(bad)),
		  -EINVAL);
	ASSERT_EQ(mlxsim_link_parse(":1 2:1", 6, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_link_parse("1: 2:1", 6, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_EQ(mlxsim_link_parse("1-1 2:1", 7, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_STREQ(bad, "1-1");
	ASSERT_EQ(mlxsim_link_parse("", 0, &a, bad, sizeof(bad)), -EINVAL);
	ASSERT_TRUE(!memcmp(&a, &keep, sizeof(a)));
	return true;
}

const struct mlxsim_test params_tests[] = {
	TEST(test_link_parse),
	TEST(test_fail_add_parse),
	TEST(test_params_defaults),
	TEST(test_params_every_key),
	TEST(test_params_guid_forms),
	TEST(test_params_bad_values),
	TEST(test_params_limits),
	TEST(test_params_overlong),
	TEST(test_params_roles),
	TEST(test_id_parse),
	{ NULL, NULL },
};
