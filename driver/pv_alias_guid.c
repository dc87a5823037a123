// SPDX-License-Identifier: GPL-2.0
/*
 * Alias GUIDs, the driver's side of mlx4's alias_GUID.c: the admin GUID
 * of each VF, the GUID cache the GUIDInfo snoop fills, and what a
 * GUIDInfo change tells a VF (GID_CHANGE, and its port up or down in the
 * slave port state machine).  The decisions are logic/alias_guid.c; the
 * SA client that asks the SM is ib_alias_guid.c.  Everything here is
 * under pv->lock, the SA client's record state included.
 */
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "pv_internal.h"
#include "mlxsim_trace.h"

int mlxsim_pv_ag_alloc(struct mlxsim_pv *pv)
{
	u32 p, s;

	pv->ag = kvcalloc(pv->ports, sizeof(*pv->ag), GFP_KERNEL);
	pv->admin_guid = kvcalloc(pv->ports, sizeof(*pv->admin_guid),
				  GFP_KERNEL);
	pv->guid_cache = kvcalloc(pv->ports, sizeof(*pv->guid_cache),
				  GFP_KERNEL);
	if (!pv->ag || !pv->admin_guid || !pv->guid_cache)
		return -ENOMEM;
	for (p = 0; p < pv->ports; p++) {
		mlxsim_ag_port_init(&pv->ag[p]);
		/*
		 * A stable default where mlx4 draws a random one
		 * (mlx4_set_random_admin_guid): scripts can name it.
		 */
		for (s = 1; s <= pv->vfs; s++)
			pv->admin_guid[p][s] = mlxsim_vf_guid(pv->fn, s, p + 1);
	}
	return 0;
}

void mlxsim_pv_ag_free(struct mlxsim_pv *pv)
{
	kvfree(pv->guid_cache);
	kvfree(pv->admin_guid);
	kvfree(pv->ag);
}

/* The GUID a guest sees as its own (GUIDInfo index 0, its GID): the admin's. */
u64 __mlxsim_pv_vf_guid(const struct mlxsim_pv *pv, u32 slave, u32 port)
{
	lockdep_assert_held(&pv->lock);
	if (!pv->admin_guid || !slave || slave > pv->vfs)
		return 0;
	return pv->admin_guid[port - 1][slave];
}

/* A VF's GID is valid once the port's GUIDInfo holds its alias GUID. */
bool __mlxsim_pv_gid_valid(const struct mlxsim_pv *pv, u32 slave, u32 port)
{
	lockdep_assert_held(&pv->lock);
	return pv->guid_cache && slave && slave <= pv->vfs &&
	       mlxsim_ag_guid_valid(pv->guid_cache[port - 1][slave]);
}

/* VF @s's GUID became valid or not: GID_CHANGE, then its port's step. */
static void __mlxsim_pv_guid_notify(struct mlxsim_pv *pv, u32 port, u32 s,
				    bool valid)
{
	u8 ev = valid ? MLXSIM_SLAVE_EV_GID_VALID : MLXSIM_SLAVE_EV_GID_INVALID;
	bool active = mlxsim_pkey_active(pv->t, s);
	enum mlxsim_slave_gen_event gen;
	u8 *st = &pv->port_state[s][port - 1], old = *st;

	/* mlx4_gen_guid_change_eqe, to that slave only (if it is up) */
	if (active)
		__mlxsim_pv_vf_event(pv, s, port, MLXSIM_IB_EV_GID_CHANGE);
	gen = mlxsim_slave_port_step(st, ev, valid);
	if (old != *st)
		trace_mlxsim_slave_port_state(mlxsim_pv_id(pv), port, s, old,
					      *st, ev);
	if (gen != MLXSIM_SLAVE_GEN_NONE && active)
		__mlxsim_pv_vf_event(pv, s, port, gen == MLXSIM_SLAVE_GEN_UP ?
				     MLXSIM_IB_EV_PORT_ACTIVE :
				     MLXSIM_IB_EV_PORT_ERR);
}

/*
 * Block @block of @port's GUID table holds @data: from the snoop of an
 * SM's SubnSet(GUIDInfo) (@snoop: the cache follows) or from an SA answer
 * (the cache does not: the SM's SubnSet will come).
 */
void __mlxsim_pv_guid_change(struct mlxsim_pv *pv, u32 port, u32 block,
			     const u64 *data, bool snoop)
{
	struct mlxsim_ag_port *ag;
	struct mlxsim_ag_notify n;
	u64 *cache;
	u32 i, s;

	lockdep_assert_held(&pv->lock);
	if (!pv->ag || pv->ag_going_down || block >= MLXSIM_AG_RECS)
		return;
	ag = &pv->ag[port - 1];
	cache = pv->guid_cache[port - 1];
	if (snoop) {
		for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
			s = block * MLXSIM_AG_PER_REC + i;
			if (s && s <= pv->vfs && (ag->rec[block].pending & BIT(i)))
				trace_mlxsim_guid_assign(mlxsim_pv_id(pv), port, s,
							 MLXSIM_AG_METHOD_SET,
							 MLXSIM_AG_CACHED,
							 data[i], 0);
		}
		mlxsim_ag_cache_update(ag, block, data, cache, pv->vfs);
	}
	mlxsim_ag_notify(ag, block, data, cache, pv->vfs, &n);
	for (i = 0; i < MLXSIM_AG_PER_REC; i++)
		if (n.changed & BIT(i))
			__mlxsim_pv_guid_notify(pv, port, n.first + i,
						n.valid & BIT(i));
}

/* A GUIDInfo block in wire form (the snoop, PORT_MNG_CHG_EV's re-read). */
void __mlxsim_pv_guid_snoop(struct mlxsim_pv *pv, u32 port, u32 block,
			    const u8 *wire)
{
	u64 data[MLXSIM_AG_PER_REC];
	u32 i;

	lockdep_assert_held(&pv->lock);
	for (i = 0; i < MLXSIM_AG_PER_REC; i++)
		data[i] = mlxsim_get_be64(wire + 8 * i);
	__mlxsim_pv_guid_change(pv, port, block, data, true);
}

/*
 * The port came up or an SM asked for a reregister
 * (mlx4_ib_invalidate_all_guid_record): the first time, each active
 * VF's admin GUID becomes its record entry (mlx4_ib_guid_port_init);
 * then every entry is asked again.
 */
void __mlxsim_pv_ag_invalidate_all(struct mlxsim_pv *pv, u32 port)
{
	struct mlxsim_ag_port *ag;
	u32 s, b;

	lockdep_assert_held(&pv->lock);
	if (!pv->ag || pv->ag_going_down)
		return;
	ag = &pv->ag[port - 1];
	if (ag->need_init) {
		for (s = 1; s <= pv->vfs; s++)
			if (mlxsim_pkey_active(pv->t, s))
				ag->rec[s / MLXSIM_AG_PER_REC].want[s % MLXSIM_AG_PER_REC] =
					pv->admin_guid[port - 1][s];
		ag->need_init = false;
	}
	for (b = 0; b < MLXSIM_AG_RECS; b++)
		mlxsim_ag_invalidate(ag, b);
	mlxsim_ib_ag_kick(pv->fn, port);
}

/*
 * VF @slave became active (@init) or inactive (vf<S>/active): ask for
 * its admin GUID, or for the deletion of what it held, on every port
 * (mlx4_ib_slave_alias_guid_event).
 */
void __mlxsim_pv_ag_slave(struct mlxsim_pv *pv, u32 slave, bool init)
{
	u32 p;

	lockdep_assert_held(&pv->lock);
	if (!pv->ag || pv->ag_going_down)
		return;
	for (p = 1; p <= pv->ports; p++)
		if (mlxsim_ag_slave_event(&pv->ag[p - 1], slave, init,
					  pv->admin_guid[p - 1][slave]))
			mlxsim_ib_ag_kick(pv->fn, p);
}

/*
 * iov/ports/<P>/admin_guids/<i>: entry @entry's admin GUID (0: the SM
 * chooses; all ones: delete), asked for at once (store_admin_alias_guid).
 * Entry 0 is the port GUID: upstream logs and ignores the write, mlxsim
 * refuses it.
 */
int mlxsim_pv_admin_guid_store(struct mlxsim_pv *pv, u32 port, u32 entry,
			       u64 guid)
{
	if (!pv->ag || !port || port > pv->ports)
		return -ENODEV;
	if (!entry)
		return -EPERM;
	if (entry >= MLXSIM_AG_PER_PORT)
		return -ERANGE;
	mutex_lock(&pv->lock);
	pv->admin_guid[port - 1][entry] = guid;
	mlxsim_ag_want(&pv->ag[port - 1], entry, guid);
	if (!pv->ag_going_down)
		mlxsim_ib_ag_kick(pv->fn, port);
	mutex_unlock(&pv->lock);
	return 0;
}

/*
 * port<P>/guids: per VF its admin GUID (0: the SM chooses), the GUID the
 * port's GUIDInfo holds for it (- until the SM set one), its port in the
 * slave port state machine, whether the SA is still to be asked and the
 * current retry delay in seconds.
 */
static int mlxsim_pv_guids_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;
	const struct mlxsim_ag_rec *r;
	u32 slave, i;
	u64 guid;

	seq_puts(s, "slave admin_guid guid state pending retry\n");
	mutex_lock(&pv->lock);
	for (slave = 1; slave <= pv->vfs; slave++) {
		r = &pv->ag[pp->num - 1].rec[slave / MLXSIM_AG_PER_REC];
		i = slave % MLXSIM_AG_PER_REC;
		guid = pv->guid_cache[pp->num - 1][slave];
		seq_printf(s, "%u 0x%016llx ", slave,
			   pv->admin_guid[pp->num - 1][slave]);
		if (mlxsim_ag_guid_valid(guid))
			seq_printf(s, "0x%016llx", guid);
		else
			seq_putc(s, '-');
		seq_printf(s, " %s %s %u\n",
			   mlxsim_slave_port_state_name(pv->port_state[slave][pp->num - 1]),
			   r->pending & BIT(i) ? "yes" : "no", r->retry_s[i]);
	}
	mutex_unlock(&pv->lock);
	return 0;
}

static int mlxsim_pv_guids_open(struct inode *inode, struct file *file)
{
	return single_open(file, mlxsim_pv_guids_show, inode->i_private);
}

const struct file_operations mlxsim_pv_guids_fops = {
	.owner = THIS_MODULE,
	.open = mlxsim_pv_guids_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
