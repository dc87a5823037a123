// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the name tables and the opcode/errno parsers. */
#include <string.h>

#include "harness.h"
#include "mlxsim/types.h"

static bool test_opcode_names(void)
{
	u16 op = 0;

	ASSERT_STREQ(mlxsim_opcode_name(0x100), "QUERY_HCA_CAP");
	ASSERT_STREQ(mlxsim_opcode_name(0x754), "QUERY_NIC_VPORT_CONTEXT");
	ASSERT_STREQ(mlxsim_opcode_name(0x755), "MODIFY_NIC_VPORT_CONTEXT");
	ASSERT_STREQ(mlxsim_opcode_name(0x500), "CREATE_QP");
	ASSERT_STREQ(mlxsim_opcode_name(0x24), "MAD_IFC");
	ASSERT_STREQ(mlxsim_opcode_name(0x19), "RST2INIT_QP");
	ASSERT_STREQ(mlxsim_opcode_name(0x1a), "INIT2RTR_QP");
	ASSERT_STREQ(mlxsim_opcode_name(0xbeef), "UNKNOWN");
	ASSERT_EQ(mlxsim_opcode_parse("create_qp", &op), 0);
	ASSERT_EQ(op, 0x500);
	ASSERT_EQ(mlxsim_opcode_parse("0x755", &op), 0);
	ASSERT_EQ(op, 0x755);
	ASSERT_EQ(mlxsim_opcode_parse("1280", &op), 0);
	ASSERT_EQ(op, 0x500);
	op = 1;
	ASSERT_EQ(mlxsim_opcode_parse("0x9999", &op), -EINVAL);
	ASSERT_EQ(mlxsim_opcode_parse("CREATE_Q", &op), -EINVAL);
	ASSERT_EQ(mlxsim_opcode_parse("", &op), -EINVAL);
	ASSERT_EQ(op, 1);
	ASSERT_EQ(mlxsim_opcode_class(0x500), MLXSIM_CMD_CLASS_IB);
	ASSERT_EQ(mlxsim_opcode_class(0x770), MLXSIM_CMD_CLASS_PORT);
	ASSERT_EQ(mlxsim_opcode_class(0x1), MLXSIM_CMD_CLASS_FW);
	return true;
}

static bool test_opcode_index_dense(void)
{
	unsigned int i;

	for (i = 0; i < MLXSIM_NUM_OPCODES; i++)
		ASSERT_EQ(mlxsim_opcode_index(mlxsim_opcode_at(i)), i);
	ASSERT_EQ(mlxsim_opcode_index(0x7777), -EINVAL);
	return true;
}

static bool test_errno_names(void)
{
	int err = 0;

	ASSERT_STREQ(mlxsim_errno_name(-EIO), "EIO");
	ASSERT_STREQ(mlxsim_errno_name(EBUSY), "EBUSY");
	ASSERT_STREQ(mlxsim_errno_name(0), "OK");
	/* found by fuzzing: negating INT_MIN was undefined */
	ASSERT_STREQ(mlxsim_errno_name(-2147483647 - 1), "UNKNOWN");
	ASSERT_STREQ(mlxsim_errno_name(4000), "UNKNOWN");
	ASSERT_EQ(mlxsim_errno_parse("EBUSY", &err), 0);
	ASSERT_EQ(err, EBUSY);
	ASSERT_EQ(mlxsim_errno_parse("etimedout", &err), 0);
	ASSERT_EQ(err, ETIMEDOUT);
	ASSERT_EQ(mlxsim_errno_parse("-12", &err), 0);
	ASSERT_EQ(err, 12);
	ASSERT_EQ(mlxsim_errno_parse("0", &err), -ERANGE);
	ASSERT_EQ(mlxsim_errno_parse("4096", &err), -ERANGE);
	ASSERT_EQ(mlxsim_errno_parse("EWHAT", &err), -EINVAL);
	return true;
}

static bool test_enum_names(void)
{
	ASSERT_STREQ(mlxsim_role_name(MLXSIM_ROLE_MASTER), "master");
	ASSERT_STREQ(mlxsim_role_name(MLXSIM_ROLE_NONE), "ordinary");
	ASSERT_STREQ(mlxsim_role_name(77), "UNKNOWN");
	ASSERT_STREQ(mlxsim_mp_state_name(MLXSIM_MP_UNAFFILIATED),
		     "unaffiliated");
	ASSERT_STREQ(mlxsim_qp_transition_name(MLXSIM_QP_2ERR), "2ERR");
	ASSERT_STREQ(mlxsim_qp_transition_name(MLXSIM_NUM_QP_TRANSITIONS),
		     "UNKNOWN");
	ASSERT_STREQ(mlxsim_qp_type_name(MLXSIM_QPT_GSI), "gsi");
	return true;
}

const struct mlxsim_test names_tests[] = {
	TEST(test_opcode_names),
	TEST(test_opcode_index_dense),
	TEST(test_errno_names),
	TEST(test_enum_names),
	{ NULL, NULL },
};
