/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subnet management MADs as the simulated firmware receives them on QP0:
 * 256 bytes, InfiniBand wire format (big-endian), SMP data at offset 64.
 */
#ifndef MLXSIM_MAD_H
#define MLXSIM_MAD_H

#include "mlxsim/types.h"
#include "mlxsim/params.h"

#define MLXSIM_MAD_BYTES 256
#define MLXSIM_SMP_DATA_OFF 64
#define MLXSIM_SMP_DATA_BYTES 64
#define MLXSIM_MAD_BASE_VERSION 1

#define MLXSIM_MGMT_CLASS_SMI 0x01	/* LID routed */
#define MLXSIM_MGMT_CLASS_SMI_DR 0x81	/* directed route */
#define MLXSIM_MAD_METHOD_GET 0x01
#define MLXSIM_MAD_METHOD_SET 0x02
#define MLXSIM_MAD_METHOD_GET_RESP 0x81
#define MLXSIM_ATTR_PKEY_TABLE 0x0016

/* MAD status values (IBA 13.4.7) */
#define MLXSIM_MAD_STATUS_OK 0x0000
#define MLXSIM_MAD_STATUS_BAD_VERSION 0x0004
#define MLXSIM_MAD_STATUS_UNSUP_METHOD 0x0008
#define MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR 0x000c
#define MLXSIM_MAD_STATUS_INVALID_FIELD 0x001c
/* not a status: mlxsim_mad's for a MAD passed on to ib_mad's agents */
#define MLXSIM_MAD_STATUS_PASSED 0xffff

/* Offsets in the common MAD header */
#define MLXSIM_MAD_OFF_CLASS 1
#define MLXSIM_MAD_OFF_METHOD 3
#define MLXSIM_MAD_OFF_STATUS 4
#define MLXSIM_MAD_OFF_TID 8
#define MLXSIM_MAD_OFF_ATTR_ID 16
#define MLXSIM_MAD_OFF_ATTR_MOD 20

/* Big-endian fields of the wire format, for every reader and writer. */
static inline u16 mlxsim_get_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static inline u32 mlxsim_get_be32(const u8 *p)
{
	return (u32)mlxsim_get_be16(p) << 16 | mlxsim_get_be16(p + 2);
}

static inline u64 mlxsim_get_be64(const u8 *p)
{
	return (u64)mlxsim_get_be32(p) << 32 | mlxsim_get_be32(p + 4);
}

static inline void mlxsim_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void mlxsim_put_be32(u8 *p, u32 v)
{
	mlxsim_put_be16(p, v >> 16);
	mlxsim_put_be16(p + 2, v);
}

static inline void mlxsim_put_be64(u8 *p, u64 v)
{
	mlxsim_put_be32(p, v >> 32);
	mlxsim_put_be32(p + 4, v);
}

struct mlxsim_smp {
	u8 base_version;
	u8 mgmt_class;
	u8 class_version;
	u8 method;
	u16 status;
	u16 attr_id;
	u32 attr_mod;
	u64 tid;
	u16 pkeys[MLXSIM_PKEY_BLOCK];	/* data decoded as a PKeyTable block */
};

/* Decode @len bytes; -EINVAL unless exactly MLXSIM_MAD_BYTES. */
int mlxsim_mad_parse(const u8 *buf, size_t len, struct mlxsim_smp *smp);
/* Encode (the inverse, for tests and GET responses). */
void mlxsim_mad_build(u8 *buf, const struct mlxsim_smp *smp);

static inline bool mlxsim_smp_class(u8 mgmt_class)
{
	return mgmt_class == MLXSIM_MGMT_CLASS_SMI ||
	       mgmt_class == MLXSIM_MGMT_CLASS_SMI_DR;
}

/* PKeyTable block number carried in the attribute modifier. */
static inline u32 mlxsim_smp_pkey_block(const struct mlxsim_smp *smp)
{
	return smp->attr_mod & 0xffff;
}

/* The snoop filter: an accepted SubnSet(PKeyTable) in an SMP class. */
bool mlxsim_smp_is_pkey_set(const struct mlxsim_smp *smp, u16 status);

/* The simulated firmware's physical P_Key tables. */
struct mlxsim_pkey_phys {
	u32 ports;
	u32 pkeys;
	bool reserve_last;	/* with VFs: last entry must stay 0 */
	u16 pkey[MLXSIM_MAX_PORTS][MLXSIM_MAX_PKEYS];
};

void mlxsim_pkey_phys_init(struct mlxsim_pkey_phys *phys, u32 ports,
			   u32 pkeys, bool reserve_last);

/*
 * Execute an SMP on @port as the firmware: PKeyTable GET fills @resp's
 * data, SET stores the block (whole or nothing).  Returns the MAD status.
 */
u16 mlxsim_smp_fw_exec(struct mlxsim_pkey_phys *phys, u32 port,
		       const struct mlxsim_smp *in, struct mlxsim_smp *resp);

#endif /* MLXSIM_MAD_H */
