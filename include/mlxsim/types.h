/* SPDX-License-Identifier: GPL-2.0 */
/* Enums built from names.h and the name/parse helpers of logic/names.c. */
#ifndef MLXSIM_TYPES_H
#define MLXSIM_TYPES_H

#include "mlxsim/deps.h"
#include "mlxsim/names.h"

#define MLXSIM_X_FN_TYPE(n, v, s) MLXSIM_FN_##n = (v),
enum mlxsim_fn_type { MLXSIM_FN_TYPES(MLXSIM_X_FN_TYPE) };

#define MLXSIM_X_LINK(n, v, s) MLXSIM_LINK_##n = (v),
enum mlxsim_link { MLXSIM_LINKS(MLXSIM_X_LINK) };

#define MLXSIM_X_ROLE(n, v, s) MLXSIM_ROLE_##n = (v),
enum mlxsim_role { MLXSIM_ROLES(MLXSIM_X_ROLE) };

#define MLXSIM_X_MP_STATE(n, v, s) MLXSIM_MP_##n = (v),
enum mlxsim_mp_state { MLXSIM_MP_STATES(MLXSIM_X_MP_STATE) };

#define MLXSIM_X_MP_REASON(n, v, s) MLXSIM_MP_REASON_##n = (v),
enum mlxsim_mp_reason { MLXSIM_MP_REASONS(MLXSIM_X_MP_REASON) };

#define MLXSIM_X_PORT_STATE(n, v, s) MLXSIM_PORT_##n = (v),
enum mlxsim_port_state { MLXSIM_PORT_STATES(MLXSIM_X_PORT_STATE) };

#define MLXSIM_X_MDEV(n, v, s) MLXSIM_MDEV_##n = (v),
enum mlxsim_mdev_result { MLXSIM_MDEV_RESULTS(MLXSIM_X_MDEV) };

#define MLXSIM_X_CMD_CLASS(n, v, s) MLXSIM_CMD_CLASS_##n = (v),
enum mlxsim_cmd_class { MLXSIM_CMD_CLASSES(MLXSIM_X_CMD_CLASS) };

#define MLXSIM_X_OPCODE(n, v, c) MLXSIM_OP_##n = (v),
enum mlxsim_opcode { MLXSIM_OPCODES(MLXSIM_X_OPCODE) };

/* Dense index of each opcode, for per-opcode counters. */
#define MLXSIM_X_OPIDX(n, v, c) MLXSIM_OPIDX_##n,
enum mlxsim_opcode_index {
	MLXSIM_OPCODES(MLXSIM_X_OPIDX)
	MLXSIM_NUM_OPCODES /* keep me last */
};

#define MLXSIM_X_QP_TYPE(n, v, s) MLXSIM_QPT_##n = (v),
enum mlxsim_qp_type { MLXSIM_QP_TYPES(MLXSIM_X_QP_TYPE) };

#define MLXSIM_X_QP_KIND(n, v, s) MLXSIM_QPK_##n = (v),
enum mlxsim_qp_kind { MLXSIM_QP_KINDS(MLXSIM_X_QP_KIND) };

#define MLXSIM_X_QP_STATE(n, v, s) MLXSIM_QPS_##n = (v),
enum mlxsim_qp_state { MLXSIM_QP_STATES(MLXSIM_X_QP_STATE) };

#define MLXSIM_X_QP_TRANS(n, v, op) MLXSIM_QP_##n = (v),
enum mlxsim_qp_transition {
	MLXSIM_QP_TRANSITIONS(MLXSIM_X_QP_TRANS)
	MLXSIM_NUM_QP_TRANSITIONS /* keep me last */
};

#define MLXSIM_X_QP_REJECT(n, v, s) MLXSIM_QPR_##n = (v),
enum mlxsim_qp_reject { MLXSIM_QP_REJECTS(MLXSIM_X_QP_REJECT) };

#define MLXSIM_X_PKEY_TARGET(n, v, s) MLXSIM_PKEY_TO_##n = (v),
enum mlxsim_pkey_target { MLXSIM_PKEY_EVENT_TARGETS(MLXSIM_X_PKEY_TARGET) };

#define MLXSIM_X_PKEY_CAUSE(n, v, s) MLXSIM_PKEY_MAP_##n = (v),
enum mlxsim_pkey_map_cause { MLXSIM_PKEY_MAP_CAUSES(MLXSIM_X_PKEY_CAUSE) };

#define MLXSIM_X_IB_EVENT(n, v, s) MLXSIM_IB_EV_##n = (v),
enum mlxsim_ib_event {
	MLXSIM_IB_EVENTS(MLXSIM_X_IB_EVENT)
	MLXSIM_NUM_IB_EVENTS /* keep me last */
};

#define MLXSIM_X_MAD_SOURCE(n, v, s) MLXSIM_MAD_SRC_##n = (v),
enum mlxsim_mad_source { MLXSIM_MAD_SOURCES(MLXSIM_X_MAD_SOURCE) };

#define MLXSIM_X_IB_PORT_STATE(n, v, s) MLXSIM_IBPS_##n = (v),
enum mlxsim_ib_port_state { MLXSIM_IB_PORT_STATES(MLXSIM_X_IB_PORT_STATE) };

#define MLXSIM_X_SMA_CAUSE(n, v, s) MLXSIM_SMA_CAUSE_##n = (v),
enum mlxsim_sma_cause { MLXSIM_SMA_CAUSES(MLXSIM_X_SMA_CAUSE) };

#define MLXSIM_X_PKEY_PATH(n, v, s) MLXSIM_PKEY_PATH_##n = (v),
enum mlxsim_pkey_path { MLXSIM_PKEY_PATHS(MLXSIM_X_PKEY_PATH) };

#define MLXSIM_X_SLAVE_PS(n, v, s) MLXSIM_SLAVE_PORT_##n = (v),
enum mlxsim_slave_port_state { MLXSIM_SLAVE_PORT_STATES(MLXSIM_X_SLAVE_PS) };

#define MLXSIM_X_SLAVE_PE(n, v, s) MLXSIM_SLAVE_EV_##n = (v),
enum mlxsim_slave_port_event { MLXSIM_SLAVE_PORT_EVENTS(MLXSIM_X_SLAVE_PE) };

#define MLXSIM_X_AG_METHOD(n, v, s) MLXSIM_AG_METHOD_##n = (v),
enum mlxsim_ag_method { MLXSIM_AG_METHODS(MLXSIM_X_AG_METHOD) };

#define MLXSIM_X_AG_RESULT(n, v, s) MLXSIM_AG_##n = (v),
enum mlxsim_ag_result { MLXSIM_AG_RESULTS(MLXSIM_X_AG_RESULT) };

const char *mlxsim_fn_type_name(unsigned int v);
const char *mlxsim_link_name(unsigned int v);
const char *mlxsim_role_name(unsigned int v);
const char *mlxsim_mp_state_name(unsigned int v);
const char *mlxsim_mp_reason_name(unsigned int v);
const char *mlxsim_port_state_name(unsigned int v);
const char *mlxsim_qp_type_name(unsigned int v);
const char *mlxsim_qp_state_name(unsigned int v);
const char *mlxsim_qp_transition_name(unsigned int v);
const char *mlxsim_qp_reject_name(unsigned int v);
const char *mlxsim_ib_event_name(unsigned int v);
const char *mlxsim_cmd_class_name(unsigned int v);
const char *mlxsim_mad_source_name(unsigned int v);
const char *mlxsim_ib_port_state_name(unsigned int v);
const char *mlxsim_sma_cause_name(unsigned int v);
const char *mlxsim_slave_port_state_name(unsigned int v);
const char *mlxsim_slave_port_event_name(unsigned int v);
const char *mlxsim_ag_method_name(unsigned int v);
const char *mlxsim_ag_result_name(unsigned int v);

/* Opcodes: dense index (or -EINVAL), name, routing class, parser. */
int mlxsim_opcode_index(unsigned int opcode);
unsigned int mlxsim_opcode_at(unsigned int index);
const char *mlxsim_opcode_name(unsigned int opcode);
int mlxsim_opcode_class(unsigned int opcode);
int mlxsim_opcode_parse(const char *tok, u16 *opcode);

/* errno by name ("EIO") or number ("5", "-5"), result positive. */
const char *mlxsim_errno_name(int err);
int mlxsim_errno_parse(const char *tok, int *err);
/* Does mlxsim_errno_name() know this (positive) errno? */
bool mlxsim_errno_known(u32 err);

/* Index of @tok among the @n names @name() gives, or -EINVAL. */
int mlxsim_name_lookup(const char *(*name)(unsigned int), unsigned int n,
		       const char *tok);

#endif /* MLXSIM_TYPES_H */
