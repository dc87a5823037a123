/* SPDX-License-Identifier: GPL-2.0 */
/* Building SMP MADs (PKeyTable GET/SET) in InfiniBand wire format. */
#ifndef MLXSIMCTL_SMP_BUILD_H
#define MLXSIMCTL_SMP_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <infiniband/mad.h>

#define SMP_PKEYS_PER_BLOCK 32

struct smp_req {
	uint8_t mgmt_class;	/* IB_SMI_CLASS or IB_SMI_DIRECT_CLASS */
	uint8_t method;		/* IB_MAD_METHOD_GET / _SET */
	uint16_t attr_id;	/* IB_ATTR_PKEY_TBL */
	uint32_t attr_mod;	/* the block number for PKeyTable */
	uint64_t tid;
	uint16_t pkey[SMP_PKEYS_PER_BLOCK];
};

/* Defaults: LID routed SubnGet(PKeyTable) of block 0, all entries 0. */
void smp_req_init(struct smp_req *r);

/* Fill @mad (IB_MAD_SIZE bytes) from @r. */
void smp_build(uint8_t *mad, const struct smp_req *r);

/*
 * Parse "INDEX=PKEY" (index within the block, 0..31; P_Key 0..0xffff,
 * decimal or 0x hex) into @r.  Returns 0 or -1 with @err set.
 */
int smp_parse_entry(struct smp_req *r, const char *arg, const char **err);

/* Parse an unsigned number (0x hex or decimal) no larger than @max. */
int smp_parse_num(const char *s, unsigned long long max,
		  unsigned long long *out);

/* "lid", "dr" or a number. */
int smp_parse_class(const char *s, uint8_t *out);

#endif /* MLXSIMCTL_SMP_BUILD_H */
