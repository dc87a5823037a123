// SPDX-License-Identifier: GPL-2.0
/*
 * SMP MAD decoding and the simulated firmware's PKeyTable attribute:
 * GET answers a block, SET stores one whole or refuses it whole.
 */
#include "mlxsim/mad.h"

int mlxsim_mad_parse(const u8 *buf, size_t len, struct mlxsim_smp *smp)
{
	const u8 *data = buf + MLXSIM_SMP_DATA_OFF;
	u32 i;

	if (len != MLXSIM_MAD_BYTES)
		return -EINVAL;
	smp->base_version = buf[0];
	smp->mgmt_class = buf[MLXSIM_MAD_OFF_CLASS];
	smp->class_version = buf[2];
	smp->method = buf[MLXSIM_MAD_OFF_METHOD];
	smp->status = mlxsim_get_be16(buf + MLXSIM_MAD_OFF_STATUS);
	smp->tid = (u64)mlxsim_get_be32(buf + MLXSIM_MAD_OFF_TID) << 32 |
		   mlxsim_get_be32(buf + MLXSIM_MAD_OFF_TID + 4);
	smp->attr_id = mlxsim_get_be16(buf + MLXSIM_MAD_OFF_ATTR_ID);
	smp->attr_mod = mlxsim_get_be32(buf + MLXSIM_MAD_OFF_ATTR_MOD);
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		smp->pkeys[i] = mlxsim_get_be16(data + 2 * i);
	return 0;
}

void mlxsim_mad_build(u8 *buf, const struct mlxsim_smp *smp)
{
	u8 *data = buf + MLXSIM_SMP_DATA_OFF;
	u32 i;

	memset(buf, 0, MLXSIM_MAD_BYTES);
	buf[0] = smp->base_version;
	buf[MLXSIM_MAD_OFF_CLASS] = smp->mgmt_class;
	buf[2] = smp->class_version;
	buf[MLXSIM_MAD_OFF_METHOD] = smp->method;
	mlxsim_put_be16(buf + MLXSIM_MAD_OFF_STATUS, smp->status);
	mlxsim_put_be32(buf + MLXSIM_MAD_OFF_TID, smp->tid >> 32);
	mlxsim_put_be32(buf + MLXSIM_MAD_OFF_TID + 4, smp->tid);
	mlxsim_put_be16(buf + MLXSIM_MAD_OFF_ATTR_ID, smp->attr_id);
	mlxsim_put_be32(buf + MLXSIM_MAD_OFF_ATTR_MOD, smp->attr_mod);
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		mlxsim_put_be16(data + 2 * i, smp->pkeys[i]);
}

void mlxsim_pkey_phys_init(struct mlxsim_pkey_phys *phys, u32 ports,
			   u32 pkeys, bool reserve_last)
{
	u32 p;

	memset(phys, 0, sizeof(*phys));
	phys->ports = ports;
	phys->pkeys = pkeys;
	phys->reserve_last = reserve_last;
	for (p = 0; p < ports; p++)
		phys->pkey[p][0] = 0xffff;
}

static u16 mlxsim_smp_pkey_table(struct mlxsim_pkey_phys *phys, u32 port,
				 const struct mlxsim_smp *in,
				 struct mlxsim_smp *resp)
{
	u32 block = mlxsim_smp_pkey_block(in);
	u16 *tab;

	if (block >= phys->pkeys / MLXSIM_PKEY_BLOCK)
		return MLXSIM_MAD_STATUS_INVALID_FIELD;
	tab = &phys->pkey[port - 1][block * MLXSIM_PKEY_BLOCK];
	if (in->method == MLXSIM_MAD_METHOD_SET) {
		/* the reserved last entry keeps every unmapped index invalid */
		if (phys->reserve_last &&
		    block == phys->pkeys / MLXSIM_PKEY_BLOCK - 1 &&
		    in->pkeys[MLXSIM_PKEY_BLOCK - 1])
			return MLXSIM_MAD_STATUS_INVALID_FIELD;
		memcpy(tab, in->pkeys, sizeof(in->pkeys));
	}
	memcpy(resp->pkeys, tab, sizeof(resp->pkeys));
	return MLXSIM_MAD_STATUS_OK;
}

u16 mlxsim_smp_fw_exec(struct mlxsim_pkey_phys *phys, u32 port,
		       const struct mlxsim_smp *in, struct mlxsim_smp *resp)
{
	u16 status;

	*resp = *in;
	resp->method = MLXSIM_MAD_METHOD_GET_RESP;
	if (in->base_version != MLXSIM_MAD_BASE_VERSION ||
	    !mlxsim_smp_class(in->mgmt_class) || in->class_version != 1)
		status = MLXSIM_MAD_STATUS_BAD_VERSION;
	else if (in->method != MLXSIM_MAD_METHOD_GET &&
		 in->method != MLXSIM_MAD_METHOD_SET)
		status = MLXSIM_MAD_STATUS_UNSUP_METHOD;
	else if (in->attr_id != MLXSIM_ATTR_PKEY_TABLE)
		status = MLXSIM_MAD_STATUS_UNSUP_METHOD_ATTR;
	else if (port < 1 || port > phys->ports)
		status = MLXSIM_MAD_STATUS_INVALID_FIELD;
	else
		status = mlxsim_smp_pkey_table(phys, port, in, resp);
	resp->status = status;
	return status;
}
