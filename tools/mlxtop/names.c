// SPDX-License-Identifier: GPL-2.0
/* Decoders built from include/mlxsim/names.h: the values are trace ABI. */
#include <stddef.h>
#include <string.h>

#include "mlxsim/names.h"
#include "model.h"
#include "names.h"

/* the model's slave port states are the trace's */
#define SPS_SAME(n, v, s) _Static_assert(MT_SPS_##n == (v), "slave port state " s);
MLXSIM_SLAVE_PORT_STATES(SPS_SAME)

struct sym {
	long long v;
	const char *s;
};

#define SYM(n, v, s) { v, s },
#define SYM_OP(n, v, c) { v, #n },
#define SYM_TR(n, v, op) { v, #n },
#define SYM_ERR(n, v) { v, #n },

static const struct sym roles[] = { MLXSIM_ROLES(SYM) { -1, NULL } };
static const struct sym types[] = { MLXSIM_FN_TYPES(SYM) { -1, NULL } };
static const struct sym reasons[] = { MLXSIM_MP_REASONS(SYM) { -1, NULL } };
static const struct sym mdevs[] = { MLXSIM_MDEV_RESULTS(SYM) { -1, NULL } };
static const struct sym ops[] = { MLXSIM_OPCODES(SYM_OP) { -1, NULL } };
static const struct sym errs[] = { { 0, "OK" }, MLXSIM_ERRNOS(SYM_ERR) { -1, NULL } };
static const struct sym qpts[] = { MLXSIM_QP_TYPES(SYM) { -1, NULL } };
static const struct sym trans[] = { MLXSIM_QP_TRANSITIONS(SYM_TR) { -1, NULL } };
static const struct sym targets[] = { MLXSIM_PKEY_EVENT_TARGETS(SYM) { -1, NULL } };
static const struct sym causes[] = { MLXSIM_PKEY_MAP_CAUSES(SYM) { -1, NULL } };
static const struct sym qprs[] = { MLXSIM_QP_REJECTS(SYM) { -1, NULL } };
static const struct sym qpks[] = { MLXSIM_QP_KINDS(SYM) { -1, NULL } };
static const struct sym ibevs[] = { MLXSIM_IB_EVENTS(SYM) { -1, NULL } };
static const struct sym madsrcs[] = { MLXSIM_MAD_SOURCES(SYM) { -1, NULL } };
static const struct sym ibpss[] = { MLXSIM_IB_PORT_STATES(SYM) { -1, NULL } };
static const struct sym smacs[] = { MLXSIM_SMA_CAUSES(SYM) { -1, NULL } };
static const struct sym pkpaths[] = { MLXSIM_PKEY_PATHS(SYM) { -1, NULL } };
static const struct sym slaveps[] = { MLXSIM_SLAVE_PORT_STATES(SYM) { -1, NULL } };
static const struct sym slavepe[] = { MLXSIM_SLAVE_PORT_EVENTS(SYM) { -1, NULL } };
static const struct sym agmethods[] = { MLXSIM_AG_METHODS(SYM) { -1, NULL } };
static const struct sym agresults[] = { MLXSIM_AG_RESULTS(SYM) { -1, NULL } };
/* IBA 14.2.5.6, as the SMA's port<P>/sma prints them */
static const struct sym physs[] = {
	{ 1, "sleep" }, { 2, "polling" }, { 3, "disabled" }, { 4, "training" },
	{ 5, "link_up" }, { 6, "link_error_recovery" }, { 7, "phy_test" },
	{ -1, NULL }
};

static const char *lookup(const struct sym *t, long long v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return "UNKNOWN";
}

const char *mt_role_name(long long v) { return lookup(roles, v); }
const char *mt_fn_type_name(long long v) { return lookup(types, v); }
const char *mt_reason_name(long long v) { return lookup(reasons, v); }
const char *mt_mdev_name(long long v) { return lookup(mdevs, v); }
const char *mt_opcode_name(long long v) { return lookup(ops, v); }
const char *mt_errno_name(long long v) { return lookup(errs, v < 0 ? -v : v); }
const char *mt_qp_type_name(long long v) { return lookup(qpts, v); }
const char *mt_trans_name(long long v) { return lookup(trans, v); }
const char *mt_target_name(long long v) { return lookup(targets, v); }
const char *mt_cause_name(long long v) { return lookup(causes, v); }
const char *mt_qpr_name(long long v) { return lookup(qprs, v); }
const char *mt_qp_kind_name(long long v) { return lookup(qpks, v); }
const char *mt_ib_event_name(long long v) { return lookup(ibevs, v); }
const char *mt_mad_source_name(long long v) { return lookup(madsrcs, v); }
const char *mt_ib_port_state_name(long long v) { return lookup(ibpss, v); }
const char *mt_sma_cause_name(long long v) { return lookup(smacs, v); }
const char *mt_pkey_path_name(long long v) { return lookup(pkpaths, v); }
const char *mt_ib_phys_name(long long v) { return lookup(physs, v); }
const char *mt_slave_port_state_name(long long v) { return lookup(slaveps, v); }
const char *mt_slave_port_event_name(long long v) { return lookup(slavepe, v); }
const char *mt_ag_method_name(long long v) { return lookup(agmethods, v); }
const char *mt_ag_result_name(long long v) { return lookup(agresults, v); }

int mt_slave_port_state_of(const char *name)
{
	const struct sym *t;

	for (t = slaveps; name && t->s; t++)
		if (!strcmp(t->s, name))
			return t->v;
	return -1;
}

int mt_ag_result_of(const char *name)
{
	const struct sym *t;

	for (t = agresults; name && t->s; t++)
		if (!strcmp(t->s, name))
			return t->v;
	return -1;
}

static const struct {
	const char *field;
	const char *(*name)(long long v);
} field_syms[] = {
	{ "role", mt_role_name },
	{ "type", mt_fn_type_name },
	{ "fn_type", mt_fn_type_name },
	{ "reason", mt_reason_name },
	{ "result", mt_mdev_name },
	{ "opcode", mt_opcode_name },
	{ "err", mt_errno_name },
	{ "status", mt_errno_name },
	{ "errno", mt_errno_name },
	{ "qp_type", mt_qp_type_name },
	{ "qpt", mt_qp_type_name },
	{ "trans", mt_trans_name },
	{ "transition", mt_trans_name },
	{ "op", mt_trans_name },
	{ "target", mt_target_name },
	{ "to", mt_target_name },
	{ "cause", mt_cause_name },
	{ "reject", mt_qpr_name },
};

const char *mt_field_symbol(const char *field, long long v)
{
	size_t i;

	for (i = 0; i < sizeof(field_syms) / sizeof(field_syms[0]); i++)
		if (!strcmp(field, field_syms[i].field))
			return field_syms[i].name(v);
	return NULL;
}
