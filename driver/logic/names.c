// SPDX-License-Identifier: GPL-2.0
/* Name tables built from include/mlxsim/names.h. */
#include "mlxsim/types.h"
#include "mlxsim/parse.h"

#define MLXSIM_NAME_FN(fn, list)					\
const char *fn(unsigned int v)						\
{									\
	static const char *const names[] = { list(MLXSIM_X_NAME) };	\
									\
	if (v >= ARRAY_SIZE(names) || !names[v])			\
		return "UNKNOWN";					\
	return names[v];						\
}

MLXSIM_NAME_FN(mlxsim_fn_type_name, MLXSIM_FN_TYPES)
MLXSIM_NAME_FN(mlxsim_link_name, MLXSIM_LINKS)
MLXSIM_NAME_FN(mlxsim_role_name, MLXSIM_ROLES)
MLXSIM_NAME_FN(mlxsim_mp_state_name, MLXSIM_MP_STATES)
MLXSIM_NAME_FN(mlxsim_mp_reason_name, MLXSIM_MP_REASONS)
MLXSIM_NAME_FN(mlxsim_port_state_name, MLXSIM_PORT_STATES)
MLXSIM_NAME_FN(mlxsim_qp_type_name, MLXSIM_QP_TYPES)
MLXSIM_NAME_FN(mlxsim_qp_state_name, MLXSIM_QP_STATES)
MLXSIM_NAME_FN(mlxsim_qp_reject_name, MLXSIM_QP_REJECTS)
MLXSIM_NAME_FN(mlxsim_ib_event_name, MLXSIM_IB_EVENTS)
MLXSIM_NAME_FN(mlxsim_cmd_class_name, MLXSIM_CMD_CLASSES)
MLXSIM_NAME_FN(mlxsim_mad_source_name, MLXSIM_MAD_SOURCES)
MLXSIM_NAME_FN(mlxsim_ib_port_state_name, MLXSIM_IB_PORT_STATES)
MLXSIM_NAME_FN(mlxsim_sma_cause_name, MLXSIM_SMA_CAUSES)
MLXSIM_NAME_FN(mlxsim_slave_port_state_name, MLXSIM_SLAVE_PORT_STATES)
MLXSIM_NAME_FN(mlxsim_slave_port_event_name, MLXSIM_SLAVE_PORT_EVENTS)
MLXSIM_NAME_FN(mlxsim_ag_method_name, MLXSIM_AG_METHODS)
MLXSIM_NAME_FN(mlxsim_ag_result_name, MLXSIM_AG_RESULTS)

#define MLXSIM_X_TRANS_NAME(n, v, op) [v] = #n,
const char *mlxsim_qp_transition_name(unsigned int v)
{
	static const char *const names[] = {
		MLXSIM_QP_TRANSITIONS(MLXSIM_X_TRANS_NAME)
	};

	if (v >= ARRAY_SIZE(names))
		return "UNKNOWN";
	return names[v];
}

struct mlxsim_opcode_info {
	u16 opcode;
	u8 class;
	const char *name;
};

#define MLXSIM_X_OPINFO(n, v, c) \
	{ .opcode = (v), .class = MLXSIM_CMD_CLASS_##c, .name = #n },
static const struct mlxsim_opcode_info mlxsim_opcodes[] = {
	MLXSIM_OPCODES(MLXSIM_X_OPINFO)
};

int mlxsim_opcode_index(unsigned int opcode)
{
	unsigned int i;

	/* ~40 entries: a scan is cheaper than keeping a sorted copy */
	for (i = 0; i < ARRAY_SIZE(mlxsim_opcodes); i++)
		if (mlxsim_opcodes[i].opcode == opcode)
			return i;
	return -EINVAL;
}

unsigned int mlxsim_opcode_at(unsigned int index)
{
	return index < ARRAY_SIZE(mlxsim_opcodes) ?
	       mlxsim_opcodes[index].opcode : 0;
}

const char *mlxsim_opcode_name(unsigned int opcode)
{
	int i = mlxsim_opcode_index(opcode);

	return i < 0 ? "UNKNOWN" : mlxsim_opcodes[i].name;
}

int mlxsim_opcode_class(unsigned int opcode)
{
	int i = mlxsim_opcode_index(opcode);

	return i < 0 ? i : mlxsim_opcodes[i].class;
}

static bool mlxsim_streq_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a, cb = *b;

		if (ca >= 'a' && ca <= 'z')
			ca -= 'a' - 'A';
		if (cb >= 'a' && cb <= 'z')
			cb -= 'a' - 'A';
		if (ca != cb)
			return false;
	}
	return *a == *b;
}

int mlxsim_opcode_parse(const char *tok, u16 *opcode)
{
	unsigned int i;
	u32 v;

	for (i = 0; i < ARRAY_SIZE(mlxsim_opcodes); i++) {
		if (mlxsim_streq_nocase(tok, mlxsim_opcodes[i].name)) {
			*opcode = mlxsim_opcodes[i].opcode;
			return 0;
		}
	}
	if (tok[0] < '0' || tok[0] > '9' || mlxsim_parse_u32(tok, &v))
		return -EINVAL;
	if (mlxsim_opcode_index(v) < 0)
		return -EINVAL;
	*opcode = v;
	return 0;
}

struct mlxsim_errno_info {
	int err;
	const char *name;
};

#define MLXSIM_X_ERRNO(n, v) { .err = (v), .name = #n },
static const struct mlxsim_errno_info mlxsim_errnos[] = {
	MLXSIM_ERRNOS(MLXSIM_X_ERRNO)
};

const char *mlxsim_errno_name(int err)
{
	/* unsigned: negating INT_MIN would overflow */
	unsigned int i, e = err < 0 ? 0U - (unsigned int)err : (unsigned int)err;

	if (!e)
		return "OK";
	for (i = 0; i < ARRAY_SIZE(mlxsim_errnos); i++)
		if ((unsigned int)mlxsim_errnos[i].err == e)
			return mlxsim_errnos[i].name;
	return "UNKNOWN";
}

bool mlxsim_errno_known(u32 err)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mlxsim_errnos); i++)
		if (mlxsim_errnos[i].err == (int)err)
			return true;
	return false;
}

int mlxsim_errno_parse(const char *tok, int *err)
{
	unsigned int i;
	u32 v;

	for (i = 0; i < ARRAY_SIZE(mlxsim_errnos); i++) {
		if (mlxsim_streq_nocase(tok, mlxsim_errnos[i].name)) {
			*err = mlxsim_errnos[i].err;
			return 0;
		}
	}
	/* a number only if it has a name: it must read back */
	if (*tok == '-')
		tok++;
	if (mlxsim_parse_u32(tok, &v))
		return -EINVAL;
	if (!mlxsim_errno_known(v))
		return -ERANGE;
	*err = v;
	return 0;
}

int mlxsim_name_lookup(const char *(*name)(unsigned int), unsigned int n,
		       const char *tok)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(name(i), tok))
			return i;
	return -EINVAL;
}
