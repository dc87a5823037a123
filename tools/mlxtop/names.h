/* SPDX-License-Identifier: GPL-2.0 */
/* Names of mlxsim enumerations, from the shared X-macro lists. */
#ifndef MLXTOP_NAMES_H
#define MLXTOP_NAMES_H

const char *mt_role_name(long long v);
const char *mt_fn_type_name(long long v);
const char *mt_reason_name(long long v);
const char *mt_mdev_name(long long v);
const char *mt_opcode_name(long long v);
const char *mt_errno_name(long long v);
const char *mt_qp_type_name(long long v);
const char *mt_trans_name(long long v);
const char *mt_target_name(long long v);
const char *mt_cause_name(long long v);
const char *mt_qpr_name(long long v);
const char *mt_qp_kind_name(long long v);
const char *mt_ib_event_name(long long v);
const char *mt_mad_source_name(long long v);
const char *mt_ib_port_state_name(long long v);
const char *mt_sma_cause_name(long long v);
const char *mt_pkey_path_name(long long v);
/* PortInfo:PortPhysicalState (no list in names.h: the IBA's numbers). */
const char *mt_ib_phys_name(long long v);
/* mlx4's slave port state machine: down, pending_up, up (names.h). */
const char *mt_slave_port_state_name(long long v);
const char *mt_slave_port_event_name(long long v);
/* Value of a slave port state by name, -1 for none. */
int mt_slave_port_state_of(const char *name);
/* mlxsim_guid_assign: what the SA was asked, what came of it. */
const char *mt_ag_method_name(long long v);
const char *mt_ag_result_name(long long v);
int mt_ag_result_of(const char *name);
/* Name for a field of an event by the field's name, NULL if plain number. */
const char *mt_field_symbol(const char *field, long long v);

#endif
