// SPDX-License-Identifier: GPL-2.0
/*
 * P_Key paravirtualization for SR-IOV (mlx4 style): the per-device state
 * and its creation with the default tables.
 */
#include <linux/slab.h>
#include <linux/mm.h>

#include "pv_internal.h"
#include "mlxsim_trace.h"

static void mlxsim_pv_free(struct mlxsim_pv *pv)
{
	u32 s;

	if (pv->slaves)
		for (s = 0; s <= pv->vfs; s++)
			mlxsim_pv_qps_free(&pv->slaves[s]);
	kvfree(pv->slaves);
	kvfree(pv->events);
	kvfree(pv->mgmt_events);
	kvfree(pv->port_state);
	mlxsim_pv_ag_free(pv);
	kvfree(pv->t);
	kfree(pv);
}

static void mlxsim_pv_init_slaves(struct mlxsim_pv *pv)
{
	struct mlxsim_pv_slave *sl;
	u32 s, p;

	for (s = 0; s <= pv->vfs; s++) {
		sl = &pv->slaves[s];
		sl->pv = pv;
		sl->idx = s;
		xa_init(&sl->qps);
		for (p = 0; p < pv->ports; p++) {
			sl->port[p].pv = pv;
			sl->port[p].slave = sl;
			sl->port[p].num = p + 1;
		}
	}
}

/*
 * Every function with an IB device gets the firmware's P_Key table and
 * the MAD path (without VFs every PKeyTable SET is an event); the
 * virtualization tables exist only with VFs.
 */
int mlxsim_pv_create(struct mlxsim_fn *fn)
{
	struct mlxsim_pv *pv;
	u32 p;

	if (!fn->ibdev)
		return 0;
	pv = kzalloc(sizeof(*pv), GFP_KERNEL);
	if (!pv)
		return -ENOMEM;
	pv->fn = fn;
	mutex_init(&pv->lock);
	pv->vfs = fn->p.vfs;
	pv->ports = fn->ibdev->nports;
	pv->pkeys = fn->p.pkeys;
	pv->events = kvcalloc(pv->vfs + 1, sizeof(*pv->events), GFP_KERNEL);
	pv->mgmt_events = kvcalloc(pv->vfs + 1, sizeof(*pv->mgmt_events),
				   GFP_KERNEL);
	pv->port_state = kvcalloc(pv->vfs + 1, sizeof(*pv->port_state),
				  GFP_KERNEL);
	pv->slaves = kvcalloc(pv->vfs + 1, sizeof(*pv->slaves), GFP_KERNEL);
	/* before any failure: freeing walks the slaves' xarrays */
	if (pv->slaves)
		mlxsim_pv_init_slaves(pv);
	if (pv->vfs)
		pv->t = kvzalloc(sizeof(*pv->t), GFP_KERNEL);
	if (!pv->events || !pv->mgmt_events || !pv->port_state ||
	    !pv->slaves || (pv->vfs && (!pv->t || mlxsim_pv_ag_alloc(pv))) ||
	    mlxsim_add_step(fn, "pkey_tables")) {
		mlxsim_pv_free(pv);
		return -ENOMEM;
	}
	for (p = 0; p < pv->ports; p++) {
		pv->port[p].pv = pv;
		pv->port[p].num = p + 1;
	}
	if (pv->t) {
		mlxsim_pkey_tables_init(pv->t, pv->vfs, pv->ports, pv->pkeys);
		for (p = 1; p <= pv->ports; p++)
			trace_mlxsim_pkey_map(fn->p.id, p, pv->vfs, pv->pkeys,
					      0, pv->pkeys - 1,
					      MLXSIM_PKEY_MAP_INIT);
	}
	fn->pv = pv;
	mlxsim_pv_debugfs_init(pv);
	return 0;
}

/* Normally after debugfs removal, so no handler can still run. */
void mlxsim_pv_destroy(struct mlxsim_fn *fn)
{
	struct mlxsim_pv *pv = fn->pv;

	if (!pv)
		return;
	if (fn->ddir)
		mlxsim_pv_debugfs_remove(pv);
	fn->pv = NULL;
	mutex_destroy(&pv->lock);
	mlxsim_pv_free(pv);
}

void mlxsim_pv_caps_show(struct seq_file *s, struct mlxsim_fn *fn)
{
	if (!fn->p.vfs)
		return;
	seq_printf(s, "base_sqpn=0x%x\n", MLXSIM_BASE_SQPN);
	seq_printf(s, "base_proxy_sqpn=0x%x\n", MLXSIM_BASE_PROXY_SQPN);
	seq_printf(s, "base_tunnel_sqpn=0x%x\n", MLXSIM_BASE_TUNNEL_SQPN);
	seq_printf(s, "proxy_sqpn_count=%u\n", MLXSIM_SQPN_RANGE);
	seq_printf(s, "tunnel_sqpn_count=%u\n", MLXSIM_SQPN_RANGE);
	seq_printf(s, "sqpn_per_slave=%u\n", MLXSIM_SQPN_PER_SLAVE);
	seq_printf(s, "reserved_qkey_base=0x%x\n", MLXSIM_RESERVED_QKEY_BASE);
	seq_printf(s, "sm_pkey_table_len=%u\n", fn->p.pkeys - 1);
}
