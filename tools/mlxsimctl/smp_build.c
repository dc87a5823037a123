// SPDX-License-Identifier: GPL-2.0
/* SMP MAD builder: the IBA layout with rdma-core's constants. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
	r->attr_id = IB_ATTR_PKEY_TBL;
	r->tid = 1;
}

void smp_build(uint8_t *mad, const struct smp_req *r)
{
	int i;

	memset(mad, 0, IB_MAD_SIZE);
	mad[0] = 1;			/* base version */
	mad[1] = r->mgmt_class;
	mad[2] = 1;			/* class version */
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
