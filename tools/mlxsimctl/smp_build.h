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
	uint8_t class_version;	/* 1 */
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

/* An attribute: a number or a name (portinfo, pkeytable...). */
int smp_parse_attr(const char *s, uint16_t *out);

/*
 * "CA[:PORT]" (an ib_core device name, PORT 1..254, default 1) into @ca
 * (@casz bytes, the name must fit with its NUL) and @port.  Returns 0,
 * or -1 with @err set.
 */
int smp_parse_ca_port(const char *s, char *ca, size_t casz, unsigned int *port,
		      const char **err);

/* Directed route: @hops ports after the start (initial path 1..hops). */
#define SMP_DR_MAX_HOPS 63
void smp_set_dr_path(uint8_t *mad, const uint8_t *path, unsigned int hops);

/* The MAD status, the DR SMP's D bit (0x8000) apart. */
uint16_t smp_status(const uint8_t *mad);
/* "ok", "bad version", ... or NULL for a code with no name. */
const char *smp_status_name(uint16_t status);
/* "status 0x001c (invalid field)" into @buf. */
const char *smp_status_str(uint16_t status, char *buf, size_t len);

/* "SubnGet(PKeyTable)", "class 0x04 method 0x01 attribute 0x0016"... */
const char *smp_mad_name(uint8_t mgmt_class, uint8_t method, uint16_t attr,
			 char *buf, size_t len);
/* "PKeyTable" or NULL */
const char *smp_attr_name(uint16_t attr);

/* PortInfo (IBA 14.2.5.6): the fields the SM and mlxsimctl use. */
#define SMP_PI_LID 16
#define SMP_PI_SM_LID 18
#define SMP_PI_CAP_MASK 20
#define SMP_PI_LOCAL_PORT 28
#define SMP_PI_STATE 32		/* low nibble */
#define SMP_PI_PHYS 33		/* high nibble */
#define SMP_PI_LMC 34		/* low 3 bits */
#define SMP_PI_CAP_IS_SM 0x00000002

enum smp_port_state {
	SMP_PORT_NOP = 0, SMP_PORT_DOWN, SMP_PORT_INIT, SMP_PORT_ARMED,
	SMP_PORT_ACTIVE,
};
#define SMP_PHYS_LINK_UP 5

struct smp_port_info {
	uint16_t lid, sm_lid;
	uint32_t cap_mask;
	uint8_t local_port, state, phys, lmc;
};

void smp_port_info_get(const uint8_t *data, struct smp_port_info *pi);
/*
 * A PortInfo SET from the current attribute @cur (read, modify, write
 * back): @lid and @sm_lid, PortState @state (0: no change), and
 * PortPhysicalState 0 (no change); every other field as read.
 */
void smp_port_info_edit(uint8_t *data, const uint8_t *cur, uint16_t lid,
			uint16_t sm_lid, uint8_t state);
const char *smp_port_state_name(uint8_t state);
const char *smp_phys_state_name(uint8_t phys);

/* NodeInfo (IBA 14.2.5.3) */
struct smp_node_info {
	uint8_t node_type, num_ports, local_port;
	uint64_t node_guid, port_guid;
	uint16_t partition_cap;
};

void smp_node_info_get(const uint8_t *data, struct smp_node_info *ni);

uint16_t smp_get16(const uint8_t *p);
uint32_t smp_get32(const uint8_t *p);
uint64_t smp_get64(const uint8_t *p);

/* Figures of @n per-MAD times (microseconds), sorted in place. */
struct smp_lat {
	double mean, min, median, p99, max;
};

void smp_lat_stats(double *us, size_t n, struct smp_lat *out);

#endif /* MLXSIMCTL_SMP_BUILD_H */
