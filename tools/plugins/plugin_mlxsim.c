// SPDX-License-Identifier: GPL-2.0
/*
 * libtraceevent plugin for the mlxsim trace system: `trace-cmd report`
 * prints every mlxsim event decoded (roles, states, reasons, QP types,
 * transitions, opcodes and errnos by name, GUIDs as xxxx:xxxx:xxxx:xxxx,
 * P_Keys with their membership, changed-entry bitmaps as index lists, MAD
 * classes, methods, attributes and statuses, IB port states and VFs'
 * slave port states by name, a VF's refused MAD).
 *
 * Shape of the kernel's plugin_kvm.c: decoding helpers, one small handler
 * per event, and one table that the loader registers and the unloader
 * unregisters.  Every enum comes from the X-macro lists of
 * include/mlxsim/names.h, so a value added there is decoded here too.
 *
 * Records are read defensively: a field the format lacks, or one that lies
 * past the end of a (truncated) record, prints as `?`.
 *
 * Option `mlxsim:raw` (trace-cmd report -O mlxsim:raw) prints plain numbers.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/event-parse.h>
#include <traceevent/trace-seq.h>

#include "mlxsim/names.h"

#define MLXSIM_SYSTEM "mlxsim"

/* --- symbol tables, built from names.h ------------------------------- */

struct mlxsim_sym {
	const char *name;
	long long value;
};

#define SYM_STR(n, v, s)	{ s, v },
#define SYM_ID(n, v, x)		{ #n, v },
#define SYM_ERRNO(n, v)		{ #n, v },
#define SYM_END			{ NULL, -1 }

/* Tables and printers may wait for the event that uses them. */
#define SYMS(name) static const struct mlxsim_sym name[] __maybe_unused

SYMS(role_syms) = { MLXSIM_ROLES(SYM_STR) SYM_END };
SYMS(fn_type_syms) = { MLXSIM_FN_TYPES(SYM_STR) SYM_END };
SYMS(link_syms) = { MLXSIM_LINKS(SYM_STR) SYM_END };
SYMS(mp_state_syms) = { MLXSIM_MP_STATES(SYM_STR) SYM_END };
SYMS(reason_syms) = { MLXSIM_MP_REASONS(SYM_STR) SYM_END };
SYMS(mdev_syms) = { MLXSIM_MDEV_RESULTS(SYM_STR) SYM_END };
SYMS(qp_type_syms) = { MLXSIM_QP_TYPES(SYM_STR) SYM_END };
SYMS(qp_kind_syms) = { MLXSIM_QP_KINDS(SYM_STR) SYM_END };
SYMS(qp_state_syms) = { MLXSIM_QP_STATES(SYM_STR) SYM_END };
SYMS(qp_reject_syms) = { MLXSIM_QP_REJECTS(SYM_STR) SYM_END };
SYMS(pkey_to_syms) = { MLXSIM_PKEY_EVENT_TARGETS(SYM_STR) SYM_END };
SYMS(pkey_map_syms) = { MLXSIM_PKEY_MAP_CAUSES(SYM_STR) SYM_END };
SYMS(ib_event_syms) = { MLXSIM_IB_EVENTS(SYM_STR) SYM_END };
SYMS(mad_source_syms) = { MLXSIM_MAD_SOURCES(SYM_STR) SYM_END };
SYMS(port_state_syms) = { MLXSIM_IB_PORT_STATES(SYM_STR) SYM_END };
SYMS(sma_cause_syms) = { MLXSIM_SMA_CAUSES(SYM_STR) SYM_END };
SYMS(pkey_path_syms) = { MLXSIM_PKEY_PATHS(SYM_STR) SYM_END };
SYMS(slave_ps_syms) = { MLXSIM_SLAVE_PORT_STATES(SYM_STR) SYM_END };
SYMS(slave_pe_syms) = { MLXSIM_SLAVE_PORT_EVENTS(SYM_STR) SYM_END };
SYMS(ag_method_syms) = { MLXSIM_AG_METHODS(SYM_STR) SYM_END };
SYMS(ag_result_syms) = { MLXSIM_AG_RESULTS(SYM_STR) SYM_END };
SYMS(trans_syms) = { MLXSIM_QP_TRANSITIONS(SYM_ID) SYM_END };
SYMS(opcode_syms) = { MLXSIM_OPCODES(SYM_ID) SYM_END };
SYMS(errno_syms) = {
	{ "OK", 0 }, MLXSIM_ERRNOS(SYM_ERRNO) SYM_END
};

/* --- options ------------------------------------------------------------ */

static struct tep_plugin_option mlxsim_options[] = {
	{
		.name = "raw",
		.plugin_alias = MLXSIM_SYSTEM,
		.description = "Print mlxsim enums, GUIDs, P_Keys and bitmaps as plain numbers",
		.set = 0,
	},
	{
		.name = NULL,
	},
};

static const struct tep_plugin_option *raw_option = &mlxsim_options[0];

/* --- reading fields ------------------------------------------------------ */

/* One record being printed; n counts the items written so far. */
struct mlxsim_ctx {
	struct trace_seq *s;
	struct tep_record *rec;
	struct tep_event *ev;
	bool raw;
	int n;
};

#define MLXSIM_CTX(s, r, e) { (s), (r), (e), raw_option->set != 0, 0 }

/*
 * Bytes in the record's byte order.  Read here, not with tep_read_number(),
 * so that the sanitizers of the plugin tests see every access.
 */
static unsigned long long read_num(struct tep_handle *tep,
				   const unsigned char *p, int size)
{
	bool big = tep_is_file_bigendian(tep);
	unsigned long long v = 0;
	int i;

	for (i = 0; i < size; i++)
		v = v << 8 | p[big ? i : size - 1 - i];
	return v;
}

/* The value of integer field @name, or false if absent or truncated. */
static bool get_field(const struct mlxsim_ctx *c, const char *name,
		      long long *val)
{
	struct tep_format_field *f = tep_find_field(c->ev, name);
	unsigned long long v;

	if (!f || !c->rec || !c->rec->data || (f->flags & TEP_FIELD_IS_ARRAY))
		return false;
	if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		return false;
	if (f->offset < 0 || c->rec->size < 0 ||
	    f->offset > c->rec->size - f->size)
		return false;
	v = read_num(c->ev->tep, (unsigned char *)c->rec->data + f->offset,
		     f->size);
	/* sign-extend signed fields narrower than 64 bits */
	if ((f->flags & TEP_FIELD_IS_SIGNED) && f->size < 8) {
		unsigned long long sign = 1ULL << (f->size * 8 - 1);

		v = (v ^ sign) - sign;
	}
	*val = (long long)v;
	return true;
}

/* Start item @key: a separating space, then "key=". */
static void key(struct mlxsim_ctx *c, const char *key)
{
	trace_seq_printf(c->s, "%s%s=", c->n++ ? " " : "", key);
}

/* --- printers: each prints "key=value", "key=?" when the field is missing */

static const char *sym_name(const struct mlxsim_sym *t, long long v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	return NULL;
}

static void put_sym(struct mlxsim_ctx *c, long long v,
		    const struct mlxsim_sym *t)
{
	const char *name = sym_name(t, v);

	if (c->raw)
		trace_seq_printf(c->s, "%lld", v);
	else if (name)
		trace_seq_puts(c->s, name);
	else
		trace_seq_printf(c->s, "UNKNOWN (%lld)", v);
}

static void __maybe_unused print_u(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		trace_seq_printf(c->s, "%llu", (unsigned long long)v);
	else
		trace_seq_putc(c->s, '?');
}

static void __maybe_unused print_d(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		trace_seq_printf(c->s, "%lld", v);
	else
		trace_seq_putc(c->s, '?');
}

static void __maybe_unused print_hex(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		trace_seq_printf(c->s, "0x%llx", (unsigned long long)v);
	else
		trace_seq_putc(c->s, '?');
}

/* A function id that is -1 when there is none. */
static void __maybe_unused print_fn(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v))
		trace_seq_putc(c->s, '?');
	else if (v < 0 && !c->raw)
		trace_seq_putc(c->s, '-');
	else
		trace_seq_printf(c->s, "%lld", v);
}

/* An id where 0 means none (a cleared affiliation): "-". */
static void __maybe_unused print_none0(struct mlxsim_ctx *c, const char *k,
				       const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v))
		trace_seq_putc(c->s, '?');
	else if (!v && !c->raw)
		trace_seq_putc(c->s, '-');
	else
		trace_seq_printf(c->s, "%llu", (unsigned long long)v);
}

/* An IB device id, shown as the device name. */
static void __maybe_unused print_ibdev(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v))
		trace_seq_putc(c->s, '?');
	else if (c->raw)
		trace_seq_printf(c->s, "%llu", (unsigned long long)v);
	else
		trace_seq_printf(c->s, MLXSIM_SYSTEM "%llu", (unsigned long long)v);
}

static void __maybe_unused print_sym(struct mlxsim_ctx *c, const char *k, const char *field,
		      const struct mlxsim_sym *t)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		put_sym(c, v, t);
	else
		trace_seq_putc(c->s, '?');
}

static void __maybe_unused print_bool(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v))
		trace_seq_putc(c->s, '?');
	else if (c->raw)
		trace_seq_printf(c->s, "%lld", v);
	else
		trace_seq_puts(c->s, v ? "yes" : "no");
}

/* "NAME(0xN)": both, since opcodes are looked up by number in manuals. */
static void __maybe_unused print_opcode(struct mlxsim_ctx *c, const char *k,
			 const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v)) {
		trace_seq_putc(c->s, '?');
	} else if (c->raw) {
		trace_seq_printf(c->s, "0x%llx", (unsigned long long)v);
	} else if (sym_name(opcode_syms, v)) {
		trace_seq_printf(c->s, "%s(0x%llx)", sym_name(opcode_syms, v),
				 (unsigned long long)v);
	} else {
		trace_seq_printf(c->s, "UNKNOWN (0x%llx)", (unsigned long long)v);
	}
}

/* An errno, positive or negative: "OK", "EINVAL", "-EINVAL". */
static void __maybe_unused print_errno(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (!get_field(c, field, &v)) {
		trace_seq_putc(c->s, '?');
		return;
	}
	if (v < 0 && !c->raw) {
		trace_seq_putc(c->s, '-');
		v = -v;
	}
	put_sym(c, v, errno_syms);
}

static void __maybe_unused print_guid(struct mlxsim_ctx *c, const char *k, const char *field)
{
	unsigned long long g;
	long long v;

	key(c, k);
	if (!get_field(c, field, &v)) {
		trace_seq_putc(c->s, '?');
		return;
	}
	g = (unsigned long long)v;
	if (c->raw)
		trace_seq_printf(c->s, "0x%016llx", g);
	else
		trace_seq_printf(c->s, "%04llx:%04llx:%04llx:%04llx",
				 g >> 48, (g >> 32) & 0xffff,
				 (g >> 16) & 0xffff, g & 0xffff);
}

/*
 * A P_Key with its membership: bit 15 set is full, clear is limited; a
 * base of 0 (0x0000 or 0x8000) is the invalid P_Key.
 */
static void __maybe_unused put_pkey(struct mlxsim_ctx *c, unsigned long long p)
{
	const char *m;

	trace_seq_printf(c->s, "0x%04llx", p);
	if (c->raw)
		return;
	if (!(p & 0x7fff))
		m = "invalid";
	else if (p & 0x8000)
		m = "full";
	else
		m = "limited";
	trace_seq_printf(c->s, "(%s)", m);
}

static void __maybe_unused print_pkey(struct mlxsim_ctx *c, const char *k, const char *field)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		put_pkey(c, (unsigned long long)v & 0xffff);
	else
		trace_seq_putc(c->s, '?');
}

/*
 * A bitmap of changed entries as an index list with ranges, each bit i
 * numbered base + i: "[0,3-5,31]", "[]" when empty.
 */
static void __maybe_unused put_bitmap(struct mlxsim_ctx *c, unsigned long long map,
		       int bits, long long base)
{
	const char *sep = "";
	int i = 0, j;

	if (c->raw) {
		trace_seq_printf(c->s, "0x%llx", map);
		return;
	}
	trace_seq_putc(c->s, '[');
	while (i < bits) {
		if (!(map >> i & 1)) {
			i++;
			continue;
		}
		for (j = i; j + 1 < bits && (map >> (j + 1) & 1); j++)
			;
		trace_seq_printf(c->s, "%s%lld", sep, base + i);
		if (j > i)
			trace_seq_printf(c->s, "-%lld", base + j);
		sep = ",";
		i = j + 1;
	}
	trace_seq_putc(c->s, ']');
}

static void __maybe_unused print_bitmap(struct mlxsim_ctx *c, const char *k,
			 const char *field, long long base)
{
	struct tep_format_field *f = tep_find_field(c->ev, field);
	long long v;

	key(c, k);
	if (f && get_field(c, field, &v))
		put_bitmap(c, (unsigned long long)v, f->size * 8, base);
	else
		trace_seq_putc(c->s, '?');
}

/* Value printers for print_pair(): one value, already read. */
typedef void (*mlxsim_put_fn)(struct mlxsim_ctx *c, long long v);

static void put_u(struct mlxsim_ctx *c, long long v)
{
	trace_seq_printf(c->s, "%llu", (unsigned long long)v);
}

static void put_pkey_v(struct mlxsim_ctx *c, long long v)
{
	put_pkey(c, (unsigned long long)v & 0xffff);
}

/* A QP index: MLXSIM_QP_UNSET (0xffff) when the change carried none. */
#define MLXSIM_QP_UNSET_VAL 0xffff

static void put_qp_index(struct mlxsim_ctx *c, long long v)
{
	if (v == MLXSIM_QP_UNSET_VAL && !c->raw)
		trace_seq_puts(c->s, "none");
	else
		trace_seq_printf(c->s, "%llu", (unsigned long long)v);
}

/* A GID index, in hex: bit 7 is the UD force bit. */
static void put_gid_index(struct mlxsim_ctx *c, long long v)
{
	if (v == MLXSIM_QP_UNSET_VAL && !c->raw)
		trace_seq_puts(c->s, "none");
	else
		trace_seq_printf(c->s, "0x%llx", (unsigned long long)v);
}

static void put_hex(struct mlxsim_ctx *c, long long v)
{
	trace_seq_printf(c->s, "0x%llx", (unsigned long long)v);
}

/* "key=OLD->NEW": a value before and after, either side '?' if missing. */
static void __maybe_unused print_pair(struct mlxsim_ctx *c, const char *k,
				      const char *from, const char *to,
				      mlxsim_put_fn put)
{
	bool have_from, have_to;
	long long v, w;

	key(c, k);
	have_from = get_field(c, from, &v);
	have_to = get_field(c, to, &w);
	/* an index neither side has: just "none" */
	if (have_from && have_to && v == w && v == MLXSIM_QP_UNSET_VAL &&
	    !c->raw && (put == put_qp_index || put == put_gid_index)) {
		trace_seq_puts(c->s, "none");
		return;
	}
	if (have_from)
		put(c, v);
	else
		trace_seq_putc(c->s, '?');
	trace_seq_puts(c->s, "->");
	if (have_to)
		put(c, w);
	else
		trace_seq_putc(c->s, '?');
}

/* MAD management classes a SubnSet(PKeyTable) may come in. */
SYMS(mgmt_class_syms) = {
	{ "lid_routed", 0x01 }, { "directed_route", 0x81 }, SYM_END
};

/* --- MADs (mlxsim_mad): the IBA's numbers, not mlxsim enums ---------------- */

#define MAD_CLASS_SMI		0x01
#define MAD_CLASS_SA		0x03
#define MAD_CLASS_PERF		0x04
#define MAD_CLASS_CM		0x07
#define MAD_CLASS_SMI_DR	0x81
#define MAD_STATUS_D_BIT	0x8000	/* directed route: the direction bit */
/* not for the firmware: ib_mad's agents take it (driver/mlxsim.h) */
#define MAD_STATUS_PASSED	0xffff

/* Management classes (IBA 13.4.4; ib_mad.h IB_MGMT_CLASS_*). */
SYMS(mad_class_syms) = {
	{ "smi", MAD_CLASS_SMI }, { "smi_dr", MAD_CLASS_SMI_DR },
	{ "sa", MAD_CLASS_SA }, { "perf", MAD_CLASS_PERF },
	{ "bm", 0x05 }, { "dev_mgmt", 0x06 }, { "cm", MAD_CLASS_CM },
	{ "snmp", 0x08 }, { "cc", 0x21 }, SYM_END
};

/* Methods (IBA 13.4.5, 15.2.2; ib_mad.h IB_MGMT_METHOD_*, ib_sa.h). */
SYMS(mad_method_syms) = {
	{ "Get", 0x01 }, { "Set", 0x02 }, { "Send", 0x03 }, { "Trap", 0x05 },
	{ "Report", 0x06 }, { "TrapRepress", 0x07 }, { "GetTable", 0x12 },
	{ "GetTraceTable", 0x13 }, { "GetMulti", 0x14 }, { "Delete", 0x15 },
	{ "GetResp", 0x81 }, { "ReportResp", 0x86 }, { "GetTableResp", 0x92 },
	{ "GetMultiResp", 0x94 }, { "DeleteResp", 0x95 }, SYM_END
};

/* SMP attributes (IBA 14.2.5; ib_smi.h IB_SMP_ATTR_*), Mellanox's too. */
SYMS(smp_attr_syms) = {
	{ "Notice", 0x0002 }, { "NodeDescription", 0x0010 },
	{ "NodeInfo", 0x0011 }, { "SwitchInfo", 0x0012 },
	{ "GUIDInfo", 0x0014 }, { "PortInfo", 0x0015 },
	{ "PKeyTable", 0x0016 }, { "SLtoVL", 0x0017 }, { "VLArb", 0x0018 },
	{ "LinearForwardingTable", 0x0019 },
	{ "RandomForwardingTable", 0x001a },
	{ "MulticastForwardingTable", 0x001b }, { "SMInfo", 0x0020 },
	{ "VendorDiag", 0x0030 }, { "LedInfo", 0x0031 },
	{ "MlnxExtPortInfo", 0xff90 }, SYM_END
};

/* PMA attributes (IBA 16.1.3; ib_pma.h IB_PMA_*). */
SYMS(pma_attr_syms) = {
	{ "ClassPortInfo", 0x0001 }, { "PortSamplesControl", 0x0010 },
	{ "PortSamplesResult", 0x0011 }, { "PortCounters", 0x0012 },
	{ "PortCountersExt", 0x001d }, { "PortSamplesResultExt", 0x001e },
	SYM_END
};

/* SA attributes (IBA 15.2.5; ib_sa.h IB_SA_ATTR_*). */
SYMS(sa_attr_syms) = {
	{ "ClassPortInfo", 0x0001 }, { "Notice", 0x0002 },
	{ "InformInfo", 0x0003 }, { "NodeRecord", 0x0011 },
	{ "PortInfoRecord", 0x0012 }, { "SMInfoRecord", 0x0018 },
	{ "LinkRecord", 0x0020 }, { "GUIDInfoRecord", 0x0030 },
	{ "ServiceRecord", 0x0031 }, { "PKeyTableRecord", 0x0033 },
	{ "PathRecord", 0x0035 }, { "MCMemberRecord", 0x0038 },
	{ "InformInfoRecord", 0x00f3 }, SYM_END
};

/* CM attributes (IBA 12.6; ib_cm.h CM_*_ATTR_ID): RoCE's QP1 carries CM. */
SYMS(cm_attr_syms) = {
	{ "ClassPortInfo", 0x0001 }, { "REQ", 0x0010 }, { "MRA", 0x0011 },
	{ "REJ", 0x0012 }, { "REP", 0x0013 }, { "RTU", 0x0014 },
	{ "DREQ", 0x0015 }, { "DREP", 0x0016 }, { "SIDR_REQ", 0x0017 },
	{ "SIDR_REP", 0x0018 }, { "LAP", 0x0019 }, { "APR", 0x001a },
	SYM_END
};

/*
 * MAD status (IBA 13.4.7): bits 0-4 are common to every class (busy,
 * redirect, and the 3-bit invalid-field code), bits 8-14 the class's own;
 * bit 15 is, in a directed-route SMP, the direction bit D.
 */
SYMS(mad_status_syms) = {
	{ "ok", 0x0000 }, { "busy", 0x0001 }, { "redirect", 0x0002 },
	{ "bad_version", 0x0004 }, { "unsup_method", 0x0008 },
	{ "unsup_method_attr", 0x000c }, { "invalid_field", 0x001c },
	SYM_END
};

/* PortInfo:PortPhysicalState (IBA 14.2.5.6); names.h has no list of them. */
SYMS(phys_state_syms) = {
	{ "sleep", 1 }, { "polling", 2 }, { "disabled", 3 },
	{ "training", 4 }, { "link_up", 5 }, { "link_error_recovery", 6 },
	{ "phy_test", 7 }, SYM_END
};

/* A MAD number by name, the number beside it: "PortInfo(0x15)". */
static void put_sym_hex(struct mlxsim_ctx *c, long long v,
			const struct mlxsim_sym *t, bool with_number)
{
	const char *name = t ? sym_name(t, v) : NULL;

	if (c->raw)
		trace_seq_printf(c->s, "0x%llx", (unsigned long long)v);
	else if (name && with_number)
		trace_seq_printf(c->s, "%s(0x%llx)", name, (unsigned long long)v);
	else if (name)
		trace_seq_puts(c->s, name);
	else
		trace_seq_printf(c->s, "UNKNOWN (0x%llx)", (unsigned long long)v);
}

static void print_sym_hex(struct mlxsim_ctx *c, const char *k,
			  const char *field, const struct mlxsim_sym *t,
			  bool with_number)
{
	long long v;

	key(c, k);
	if (get_field(c, field, &v))
		put_sym_hex(c, v, t, with_number);
	else
		trace_seq_putc(c->s, '?');
}

/* The attribute table of a management class, NULL when there is none. */
static const struct mlxsim_sym *mad_attr_syms(bool have_class, long long cls)
{
	if (!have_class)
		return NULL;
	switch (cls) {
	case MAD_CLASS_SMI:
	case MAD_CLASS_SMI_DR:
		return smp_attr_syms;
	case MAD_CLASS_PERF:
		return pma_attr_syms;
	case MAD_CLASS_SA:
		return sa_attr_syms;
	case MAD_CLASS_CM:
		return cm_attr_syms;
	}
	return NULL;
}

/*
 * A MAD's "class=... method=... attr=...": class and method by name, the
 * attribute as the class names it, with its number.  Returns whether the
 * record has the class, and the class in *cls.
 */
static bool print_mad_ids(struct mlxsim_ctx *c, long long *cls)
{
	bool have_class = get_field(c, "mgmt_class", cls);

	print_sym_hex(c, "class", "mgmt_class", mad_class_syms, false);
	print_sym_hex(c, "method", "method", mad_method_syms, false);
	print_sym_hex(c, "attr", "attr_id", mad_attr_syms(have_class, *cls),
		      true);
	return have_class;
}

static void put_port_state(struct mlxsim_ctx *c, long long v)
{
	put_sym(c, v, port_state_syms);
}

static void put_slave_port_state(struct mlxsim_ctx *c, long long v)
{
	put_sym(c, v, slave_ps_syms);
}

/* "fn=... port=... slave=...": which VF's port of which master */
static void print_vf_port(struct mlxsim_ctx *c)
{
	print_u(c, "fn", "fn");
	print_u(c, "port", "port");
	print_u(c, "slave", "slave");
}

/* --- one handler per event ---------------------------------------------- */

#define MLXSIM_HANDLER(name)						\
	static int name##_handler(struct trace_seq *s,			\
				  struct tep_record *record,		\
				  struct tep_event *event,		\
				  void *context)

MLXSIM_HANDLER(mlxsim_fn_add)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "id");
	print_guid(&c, "guid", "guid");
	print_sym(&c, "role", "role", role_syms);
	print_sym(&c, "type", "type", fn_type_syms);
	print_sym(&c, "link", "link", link_syms);
	print_u(&c, "native_port", "native_port");
	print_u(&c, "ports", "ports");
	print_u(&c, "vfs", "vfs");
	return 0;
}

MLXSIM_HANDLER(mlxsim_fn_remove)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "id");
	print_guid(&c, "guid", "guid");
	print_sym(&c, "role", "role", role_syms);
	return 0;
}

MLXSIM_HANDLER(mlxsim_cmd)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "id");
	print_opcode(&c, "opcode", "opcode");
	print_u(&c, "port", "port");
	print_errno(&c, "status", "err");
	print_bool(&c, "injected", "injected");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_mdev_get)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "ibdev");
	print_u(&c, "port", "port");
	print_fn(&c, "fn", "fn");
	print_sym(&c, "result", "result", mdev_syms);
	print_u(&c, "refcnt", "refcnt");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_mdev_put)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "ibdev");
	print_u(&c, "port", "port");
	print_fn(&c, "fn", "fn");
	print_u(&c, "refcnt", "refcnt");
	print_bool(&c, "waking", "waking");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_bind)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "slave", "slave");
	print_u(&c, "master", "master");
	print_guid(&c, "guid", "guid");
	print_u(&c, "port", "port");
	print_sym(&c, "reason", "reason", reason_syms);
	print_errno(&c, "status", "status");
	print_u(&c, "roce_users", "roce_users");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_unbind)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "slave", "slave");
	print_u(&c, "master", "master");
	print_guid(&c, "guid", "guid");
	print_u(&c, "port", "port");
	print_u(&c, "waited", "waited");
	print_sym(&c, "reason", "reason", reason_syms);
	print_errno(&c, "status", "status");
	print_u(&c, "roce_users", "roce_users");
	/* traces of older modules have no wait_ns */
	if (tep_find_field(c.ev, "wait_ns"))
		print_u(&c, "wait_ns", "wait_ns");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_unaffiliated)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "slave", "slave");
	print_guid(&c, "guid", "guid");
	print_sym(&c, "type", "type", fn_type_syms);
	print_u(&c, "native_port", "native_port");
	print_sym(&c, "reason", "reason", reason_syms);
	print_u(&c, "waiting", "waiting");
	return 0;
}

MLXSIM_HANDLER(mlxsim_mp_rescan)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "ibdev");
	print_u(&c, "slave", "slave");
	print_u(&c, "port", "port");
	print_u(&c, "rescans", "rescans");
	return 0;
}

MLXSIM_HANDLER(mlxsim_vport_affiliation)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "fn");
	print_none0(&c, "affiliated_vhca_id", "vhca_id");
	print_u(&c, "criteria", "criteria");
	print_errno(&c, "status", "status");
	return 0;
}

/*
 * cause=admin: one virtual index of one VF now maps to another physical
 * index.  cause=init: one summary per port, where slave carries the
 * number of VFs, index the table length and new the reserved entry.
 */
MLXSIM_HANDLER(mlxsim_pkey_map)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);
	long long cause = -1;

	get_field(&c, "cause", &cause);
	print_u(&c, "fn", "fn");
	print_u(&c, "port", "port");
	if (cause == 0 && !c.raw) {	/* MLXSIM_PKEY_MAP_INIT */
		print_u(&c, "vfs", "slave");
		print_u(&c, "pkeys", "index");
		print_u(&c, "reserved", "new");
	} else {
		print_u(&c, "slave", "slave");
		print_u(&c, "index", "index");
		print_pair(&c, "phys", "old", "new", put_u);
	}
	print_sym(&c, "cause", "cause", pkey_map_syms);
	return 0;
}

MLXSIM_HANDLER(mlxsim_smp_snoop)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);
	long long block = 0;

	print_u(&c, "fn", "fn");
	print_u(&c, "port", "port");
	print_sym(&c, "class", "mgmt_class", mgmt_class_syms);
	print_u(&c, "block", "block");
	/* changed entries as P_Key table indices: block * 32 + bit */
	get_field(&c, "block", &block);
	print_bitmap(&c, "changed", "changed", block * 32);
	print_u(&c, "slaves", "slaves");
	print_bool(&c, "master", "master");
	/* which way the change came (traces of older modules have no path) */
	if (tep_find_field(c.ev, "path"))
		print_sym(&c, "path", "path", pkey_path_syms);
	return 0;
}

MLXSIM_HANDLER(mlxsim_pkey_cache)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "fn");
	print_u(&c, "port", "port");
	print_u(&c, "index", "index");
	print_pair(&c, "pkey", "old", "new", put_pkey_v);
	return 0;
}

MLXSIM_HANDLER(mlxsim_pkey_event)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_vf_port(&c);
	print_sym(&c, "target", "target", pkey_to_syms);
	print_u(&c, "count", "count");
	return 0;
}

MLXSIM_HANDLER(mlxsim_qp_paravirt)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "fn");
	print_u(&c, "slave", "slave");
	print_hex(&c, "qpn", "qpn");
	print_sym(&c, "type", "type", qp_type_syms);
	print_sym(&c, "kind", "kind", qp_kind_syms);
	print_sym(&c, "op", "op", trans_syms);
	print_u(&c, "port", "port");
	print_pair(&c, "pkey_index", "pkey_index", "hw_pkey_index",
		   put_qp_index);
	print_pair(&c, "mgid_index", "mgid_index", "hw_mgid_index",
		   put_gid_index);
	print_pair(&c, "qkey", "qkey", "hw_qkey", put_hex);
	/* the alternate path, where the module traces it */
	if (tep_find_field(c.ev, "alt_port")) {
		print_u(&c, "alt_port", "alt_port");
		print_pair(&c, "alt_pkey_index", "alt_pkey_index",
			   "hw_alt_pkey_index", put_qp_index);
	}
	return 0;
}

MLXSIM_HANDLER(mlxsim_qp_reject)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "fn");
	print_u(&c, "slave", "slave");
	print_hex(&c, "qpn", "qpn");
	print_sym(&c, "op", "op", trans_syms);
	print_sym(&c, "reason", "reason", qp_reject_syms);
	print_errno(&c, "err", "err");
	return 0;
}

/* --- InfiniBand management: MADs, the SMA's ports, VF events ------------ */

/*
 * class, method and attribute by name (the attribute as the class names
 * it, with its number); the status by name, "passed" for a MAD that went
 * to ib_mad's agents instead of the firmware; the directed-route D bit,
 * when an smi_dr status has it, apart from it as dir=returning.
 */
MLXSIM_HANDLER(mlxsim_mad)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);
	bool have_class, have_status, dr;
	long long cls = -1, status = 0;

	print_u(&c, "fn", "fn");
	print_u(&c, "port", "port");
	have_class = print_mad_ids(&c, &cls);
	dr = have_class && cls == MAD_CLASS_SMI_DR;
	print_hex(&c, "attr_mod", "attr_mod");
	key(&c, "status");
	have_status = get_field(&c, "status", &status);
	if (!have_status)
		trace_seq_putc(c.s, '?');
	else if (c.raw)
		trace_seq_printf(c.s, "0x%llx", (unsigned long long)status);
	else if (status == MAD_STATUS_PASSED)
		trace_seq_puts(c.s, "passed");
	else
		put_sym_hex(&c, dr ? status & ~MAD_STATUS_D_BIT : status,
			    mad_status_syms, false);
	if (dr && have_status && !c.raw && status != MAD_STATUS_PASSED &&
	    (status & MAD_STATUS_D_BIT)) {
		key(&c, "dir");
		trace_seq_puts(c.s, "returning");
	}
	print_sym(&c, "source", "source", mad_source_syms);
	return 0;
}

/*
 * The PF refused a MAD VF `slave`'s MAD layer sent its port
 * (mlx4_MAD_IFC_wrapper): class, method and attribute as mlxsim_mad names
 * them, the errno by name (EPERM: a SubnSet from a VF without SMI rights).
 */
MLXSIM_HANDLER(mlxsim_vf_mad_reject)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);
	long long cls = -1;

	print_vf_port(&c);
	print_mad_ids(&c, &cls);
	print_errno(&c, "err", "err");
	return 0;
}

MLXSIM_HANDLER(mlxsim_sma_port)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_u(&c, "fn", "fn");
	print_u(&c, "port", "port");
	print_pair(&c, "state", "old_state", "new_state", put_port_state);
	print_sym(&c, "phys", "phys", phys_state_syms);
	print_pair(&c, "lid", "old_lid", "new_lid", put_u);
	print_pair(&c, "sm_lid", "old_sm_lid", "new_sm_lid", put_u);
	print_sym(&c, "cause", "cause", sma_cause_syms);
	return 0;
}

MLXSIM_HANDLER(mlxsim_vf_event)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_vf_port(&c);
	print_sym(&c, "event", "event", ib_event_syms);
	print_u(&c, "count", "count");
	return 0;
}

/*
 * mlx4's slave port state machine of VF `slave`'s port (old -> new) and
 * the event that moved it; pending_up waits for the VF's GID.
 */
MLXSIM_HANDLER(mlxsim_slave_port_state)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_vf_port(&c);
	print_pair(&c, "state", "old", "new", put_slave_port_state);
	print_sym(&c, "event", "event", slave_pe_syms);
	return 0;
}

/*
 * One entry of the alias GUID service: VF `slave`'s GUID on `port`, what
 * the SA was asked (method) and what came of it; the GUID as the other
 * GUIDs print, and the retry delay in seconds.
 */
MLXSIM_HANDLER(mlxsim_guid_assign)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_vf_port(&c);
	print_sym(&c, "method", "method", ag_method_syms);
	print_sym(&c, "result", "result", ag_result_syms);
	print_guid(&c, "guid", "guid");
	print_u(&c, "retry", "retry");
	return 0;
}

/* --- ib_core registration ------------------------------------------------ */

MLXSIM_HANDLER(mlxsim_ib_register)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "fn");
	print_guid(&c, "node_guid", "node_guid");
	print_u(&c, "ports", "ports");
	print_sym(&c, "link", "link", link_syms);
	print_errno(&c, "status", "status");
	return 0;
}

MLXSIM_HANDLER(mlxsim_ib_unregister)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "fn");
	print_u(&c, "events", "events");
	return 0;
}

MLXSIM_HANDLER(mlxsim_ib_netdev)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "ibdev");
	print_u(&c, "port", "port");
	print_u(&c, "netdev_fn", "netdev_fn");
	print_bool(&c, "attach", "attach");
	return 0;
}

MLXSIM_HANDLER(mlxsim_ib_event)
{
	struct mlxsim_ctx c = MLXSIM_CTX(s, record, event);

	print_ibdev(&c, "ibdev", "ibdev");
	print_u(&c, "port", "port");
	print_sym(&c, "event", "event", ib_event_syms);
	print_u(&c, "count", "count");
	return 0;
}

/* --- registration ----------------------------------------------------------- */

static const struct mlxsim_event {
	const char *name;
	tep_event_handler_func handler;
} mlxsim_events[] = {
#define MLXSIM_EVENT(name) { #name, name##_handler }
	MLXSIM_EVENT(mlxsim_fn_add),
	MLXSIM_EVENT(mlxsim_fn_remove),
	MLXSIM_EVENT(mlxsim_cmd),
	MLXSIM_EVENT(mlxsim_mp_mdev_get),
	MLXSIM_EVENT(mlxsim_mp_mdev_put),
	MLXSIM_EVENT(mlxsim_mp_bind),
	MLXSIM_EVENT(mlxsim_mp_unbind),
	MLXSIM_EVENT(mlxsim_mp_unaffiliated),
	MLXSIM_EVENT(mlxsim_mp_rescan),
	MLXSIM_EVENT(mlxsim_vport_affiliation),
	MLXSIM_EVENT(mlxsim_pkey_map),
	MLXSIM_EVENT(mlxsim_smp_snoop),
	MLXSIM_EVENT(mlxsim_pkey_cache),
	MLXSIM_EVENT(mlxsim_pkey_event),
	MLXSIM_EVENT(mlxsim_qp_paravirt),
	MLXSIM_EVENT(mlxsim_qp_reject),
	MLXSIM_EVENT(mlxsim_mad),
	MLXSIM_EVENT(mlxsim_sma_port),
	MLXSIM_EVENT(mlxsim_vf_event),
	MLXSIM_EVENT(mlxsim_slave_port_state),
	MLXSIM_EVENT(mlxsim_vf_mad_reject),
	MLXSIM_EVENT(mlxsim_guid_assign),
	MLXSIM_EVENT(mlxsim_ib_register),
	MLXSIM_EVENT(mlxsim_ib_unregister),
	MLXSIM_EVENT(mlxsim_ib_netdev),
	MLXSIM_EVENT(mlxsim_ib_event),
#undef MLXSIM_EVENT
};

#define MLXSIM_NR_EVENTS (sizeof(mlxsim_events) / sizeof(mlxsim_events[0]))

int TEP_PLUGIN_LOADER(struct tep_handle *tep)
{
	size_t i;

	for (i = 0; i < MLXSIM_NR_EVENTS; i++)
		tep_register_event_handler(tep, -1, MLXSIM_SYSTEM,
					   mlxsim_events[i].name,
					   mlxsim_events[i].handler, NULL);
	tep_plugin_add_options(MLXSIM_SYSTEM, mlxsim_options);
	return 0;
}

int TEP_PLUGIN_UNLOADER(struct tep_handle *tep)
{
	size_t i;

	for (i = 0; i < MLXSIM_NR_EVENTS; i++)
		tep_unregister_event_handler(tep, -1, MLXSIM_SYSTEM,
					     mlxsim_events[i].name,
					     mlxsim_events[i].handler, NULL);
	tep_plugin_remove_options(mlxsim_options);
	return 0;
}
