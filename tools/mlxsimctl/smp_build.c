// SPDX-License-Identifier: GPL-2.0
/* SMP MAD builder: the IBA layout with rdma-core's constants. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smp_build.h"

/* Directed-route fields (IBA 14.2.1.2) */
#define DR_HOP_PTR_OFFS 6
#define DR_HOP_CNT_OFFS 7
#define DR_SLID_OFFS 32
#define DR_DLID_OFFS 34
#define IB_PERMISSIVE_LID 0xffff

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

void smp_req_init(struct smp_req *r)
{
	memset(r, 0, sizeof(*r));
	r->mgmt_class = IB_SMI_CLASS;
	r->method = IB_MAD_METHOD_GET;
	r->class_version = 1;
	r->attr_id = IB_ATTR_PKEY_TBL;
	r->tid = 1;
}

void smp_build(uint8_t *mad, const struct smp_req *r)
{
	int i;

	memset(mad, 0, IB_MAD_SIZE);
	mad[0] = 1;			/* base version */
	mad[1] = r->mgmt_class;
	mad[2] = r->class_version;
	mad[3] = r->method;
	put32(mad + 8, r->tid >> 32);
	put32(mad + 12, (uint32_t)r->tid);
	put16(mad + 16, r->attr_id);
	put32(mad + 20, r->attr_mod);
	if (r->mgmt_class == IB_SMI_DIRECT_CLASS) {
		/* zero hops: the local port, permissive LIDs */
		mad[DR_HOP_PTR_OFFS] = 0;
		mad[DR_HOP_CNT_OFFS] = 0;
		put16(mad + DR_SLID_OFFS, IB_PERMISSIVE_LID);
		put16(mad + DR_DLID_OFFS, IB_PERMISSIVE_LID);
	}
	for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++)
		put16(mad + IB_SMP_DATA_OFFS + 2 * i, r->pkey[i]);
}

int smp_parse_num(const char *s, unsigned long long max,
		  unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

int smp_parse_entry(struct smp_req *r, const char *arg, const char **err)
{
	unsigned long long idx, pkey;
	const char *eq = strchr(arg, '=');
	char ibuf[32];
	size_t n;

	if (!eq || eq == arg) {
		*err = "expected INDEX=PKEY";
		return -1;
	}
	n = eq - arg;
	if (n >= sizeof(ibuf)) {
		*err = "index too long";
		return -1;
	}
	memcpy(ibuf, arg, n);
	ibuf[n] = '\0';
	if (smp_parse_num(ibuf, SMP_PKEYS_PER_BLOCK - 1, &idx)) {
		*err = "index must be 0..31 (an entry of the block)";
		return -1;
	}
	if (smp_parse_num(eq + 1, 0xffff, &pkey)) {
		*err = "P_Key must be 0..0xffff";
		return -1;
	}
	r->pkey[idx] = pkey;
	return 0;
}

int smp_parse_class(const char *s, uint8_t *out)
{
	unsigned long long v;

	if (!strcmp(s, "lid")) {
		*out = IB_SMI_CLASS;
		return 0;
	}
	if (!strcmp(s, "dr")) {
		*out = IB_SMI_DIRECT_CLASS;
		return 0;
	}
	if (smp_parse_num(s, 0xff, &v))
		return -1;
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	uint16_t id;
} smp_attrs[] = {
	{ "NodeDescription", IB_ATTR_NODE_DESC },
	{ "NodeInfo", IB_ATTR_NODE_INFO },
	{ "SwitchInfo", IB_ATTR_SWITCH_INFO },
	{ "GUIDInfo", IB_ATTR_GUID_INFO },
	{ "PortInfo", IB_ATTR_PORT_INFO },
	{ "PKeyTable", IB_ATTR_PKEY_TBL },
	{ "SLtoVLMappingTable", IB_ATTR_SLVL_TABLE },
	{ "VLArbitrationTable", IB_ATTR_VL_ARBITRATION },
	{ "SMInfo", IB_ATTR_SMINFO },
	{ "MlnxExtPortInfo", IB_ATTR_MLNX_EXT_PORT_INFO },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

const char *smp_attr_name(uint16_t attr)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(smp_attrs); i++)
		if (smp_attrs[i].id == attr)
			return smp_attrs[i].name;
	return NULL;
}

int smp_parse_attr(const char *s, uint16_t *out)
{
	unsigned long long v;
	size_t i;

	for (i = 0; i < ARRAY_LEN(smp_attrs); i++)
		if (!strcasecmp(s, smp_attrs[i].name)) {
			*out = smp_attrs[i].id;
			return 0;
		}
	if (smp_parse_num(s, 0xffff, &v))
		return -1;
	*out = v;
	return 0;
}

int smp_parse_ca_port(const char *s, char *ca, size_t casz, unsigned int *port,
		      const char **err)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s), i;
	unsigned long long v = 1;

	if (!n) {
		*err = "no device name before the port";
		return -1;
	}
	if (n >= casz) {
		*err = "device name too long";
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-' && s[i] != '.') {
			*err = "a device name has letters, digits, '_', '-' and '.' only";
			return -1;
		}
	if (s[0] == '-' || s[0] == '.') {
		*err = "a device name starts with a letter or digit";
		return -1;
	}
	if (colon && (smp_parse_num(colon + 1, 254, &v) || !v)) {
		*err = "the port must be 1..254";
		return -1;
	}
	memcpy(ca, s, n);
	ca[n] = '\0';
	*port = v;
	return 0;
}

/* DR SMP fields (IBA 14.2.1.2) */
#define DR_INITIAL_PATH_OFFS 128

void smp_set_dr_path(uint8_t *mad, const uint8_t *path, unsigned int hops)
{
	if (hops > SMP_DR_MAX_HOPS)
		hops = SMP_DR_MAX_HOPS;
	mad[DR_HOP_PTR_OFFS] = 0;
	mad[DR_HOP_CNT_OFFS] = hops;
	memset(mad + DR_INITIAL_PATH_OFFS, 0, 64);
	if (hops)
		memcpy(mad + DR_INITIAL_PATH_OFFS + 1, path, hops);
}

uint16_t smp_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t smp_get32(const uint8_t *p)
{
	return (uint32_t)smp_get16(p) << 16 | smp_get16(p + 2);
}

uint64_t smp_get64(const uint8_t *p)
{
	return (uint64_t)smp_get32(p) << 32 | smp_get32(p + 4);
}

uint16_t smp_status(const uint8_t *mad)
{
	uint16_t st = smp_get16(mad + 4);

	return mad[1] == IB_SMI_DIRECT_CLASS ? st & 0x7fff : st;
}

const char *smp_status_name(uint16_t status)
{
	switch (status) {
	case IB_MAD_STS_OK:
		return "ok";
	case IB_MAD_STS_BUSY:
		return "busy";
	case IB_MAD_STS_REDIRECT:
		return "redirect required";
	case IB_MAD_STS_BAD_BASE_VER_OR_CLASS:
		return "bad version";
	case IB_MAD_STS_METHOD_NOT_SUPPORTED:
		return "method not supported";
	case IB_MAD_STS_METHOD_ATTR_NOT_SUPPORTED:
		return "method/attribute not supported";
	case IB_MAD_STS_INV_ATTR_VALUE:
		return "invalid field";
	default:
		return NULL;
	}
}

const char *smp_status_str(uint16_t status, char *buf, size_t len)
{
	const char *name = smp_status_name(status);

	if (name)
		snprintf(buf, len, "status 0x%04x (%s)", status, name);
	else
		snprintf(buf, len, "status 0x%04x", status);
	return buf;
}

const char *smp_mad_name(uint8_t mgmt_class, uint8_t method, uint16_t attr,
			 char *buf, size_t len)
{
	const char *an = smp_attr_name(attr), *mn = NULL;
	char ab[24];

	if (!an) {
		snprintf(ab, sizeof(ab), "attribute 0x%04x", attr);
		an = ab;
	}
	if (mgmt_class != IB_SMI_CLASS && mgmt_class != IB_SMI_DIRECT_CLASS) {
		snprintf(buf, len, "class 0x%02x method 0x%02x attribute 0x%04x",
			 mgmt_class, method, attr);
		return buf;
	}
	switch (method) {
	case IB_MAD_METHOD_GET:
		mn = "SubnGet";
		break;
	case IB_MAD_METHOD_SET:
		mn = "SubnSet";
		break;
	case IB_MAD_METHOD_GET_RESPONSE:
		mn = "SubnGetResp";
		break;
	case IB_MAD_METHOD_TRAP:
		mn = "SubnTrap";
		break;
	case IB_MAD_METHOD_TRAP_REPRESS:
		mn = "SubnTrapRepress";
		break;
	}
	if (mn)
		snprintf(buf, len, "%s(%s)", mn, an);
	else
		snprintf(buf, len, "SMP method 0x%02x (%s)", method, an);
	return buf;
}

void smp_port_info_get(const uint8_t *d, struct smp_port_info *pi)
{
	pi->lid = smp_get16(d + SMP_PI_LID);
	pi->sm_lid = smp_get16(d + SMP_PI_SM_LID);
	pi->cap_mask = smp_get32(d + SMP_PI_CAP_MASK);
	pi->local_port = d[SMP_PI_LOCAL_PORT];
	pi->state = d[SMP_PI_STATE] & 0xf;
	pi->phys = d[SMP_PI_PHYS] >> 4;
	pi->lmc = d[SMP_PI_LMC] & 0x7;
}

/* PortInfo byte 51: ClientReregister (bit 7), an action, never kept */
#define SMP_PI_CLIENT_REREG 51

void smp_port_info_edit(uint8_t *d, const uint8_t *cur, uint16_t lid,
			uint16_t sm_lid, uint8_t state)
{
	memcpy(d, cur, IB_SMP_DATA_SIZE);
	put16(d + SMP_PI_LID, lid);
	put16(d + SMP_PI_SM_LID, sm_lid);
	d[SMP_PI_STATE] = (cur[SMP_PI_STATE] & 0xf0) | (state & 0xf);
	/* PortPhysicalState 0: no change; LinkDownDefaultState as read */
	d[SMP_PI_PHYS] = cur[SMP_PI_PHYS] & 0x0f;
	d[SMP_PI_CLIENT_REREG] &= 0x7f;
}

const char *smp_port_state_name(uint8_t state)
{
	static const char *const names[] = {
		"NOP", "DOWN", "INIT", "ARMED", "ACTIVE",
	};

	return state < ARRAY_LEN(names) ? names[state] : "unknown";
}

const char *smp_phys_state_name(uint8_t phys)
{
	static const char *const names[] = {
		"no state change", "Sleep", "Polling", "Disabled",
		"PortConfigurationTraining", "LinkUp", "LinkErrorRecovery",
		"PhyTest",
	};

	return phys < ARRAY_LEN(names) ? names[phys] : "unknown";
}

void smp_node_info_get(const uint8_t *d, struct smp_node_info *ni)
{
	ni->node_type = d[2];
	ni->num_ports = d[3];
	ni->node_guid = smp_get64(d + 12);
	ni->port_guid = smp_get64(d + 20);
	ni->partition_cap = smp_get16(d + 28);
	ni->local_port = d[36];
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void smp_lat_stats(double *us, size_t n, struct smp_lat *out)
{
	double sum = 0;
	size_t i, k;

	memset(out, 0, sizeof(*out));
	if (!n)
		return;
	qsort(us, n, sizeof(*us), cmp_double);
	for (i = 0; i < n; i++)
		sum += us[i];
	out->mean = sum / n;
	out->min = us[0];
	out->max = us[n - 1];
	out->median = n % 2 ? us[n / 2] : (us[n / 2 - 1] + us[n / 2]) / 2;
	/* the smallest value at least 99% of the samples do not exceed */
	k = (n * 99 + 99) / 100;
	out->p99 = us[k - 1];
}
