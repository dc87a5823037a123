// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs of P_Key paravirtualization: port<P>/{pkey_cache,virt2phys,mad}
 * (port<P>/guids is pv_alias_guid.c's)
 * and vf<S>/{active,events,qp_modify,qps,port<P>/pkeys}.  Handlers take
 * pv->lock only, never mlxsim_lock.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "pv_internal.h"
#include "mlxsim/knobs.h"
#include "mlxsim_trace.h"

static int mlxsim_pv_pkey_cache_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;
	u16 pkey, ib_pkey;
	u32 i;

	/* ib_pkey: ib_core's cache, refreshed after each PKEY_CHANGE event */
	seq_puts(s, "index pkey membership ib_pkey\n");
	mutex_lock(&pv->lock);
	for (i = 0; i < pv->pkeys; i++) {
		pkey = pv->t->cache[pp->num - 1][i];
		seq_printf(s, "%u 0x%04x %s ", i, pkey,
			   mlxsim_pkey_membership_name(pkey));
		if (mlxsim_ib_cached_pkey(pv->fn, pp->num, i, &ib_pkey))
			seq_puts(s, "-\n");
		else
			seq_printf(s, "0x%04x\n", ib_pkey);
	}
	mutex_unlock(&pv->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_pv_pkey_cache);

/* port<P>/counters: key=value, what the port's MAD path did so far. */
static int mlxsim_pv_counters_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;

	mutex_lock(&pv->lock);
	seq_printf(s, "snoops=%llu\n", pp->snoops);
	seq_printf(s, "snoop_changes=%llu\n", pp->snoop_changes);
	seq_printf(s, "master_events=%llu\n", pp->master_events);
	seq_printf(s, "vf_events=%llu\n", pp->vf_events);
	mutex_unlock(&pv->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_pv_counters);

/*
 * virt2phys: (vfs + 1) * pkeys rows per port, up to 10240; a seq_file
 * iterator keeps each read() to one page instead of one huge buffer.
 * Position 0 is the header, row r is at r + 1.
 */
static void *mlxsim_pv_v2p_start(struct seq_file *s, loff_t *pos)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;

	mutex_lock(&pv->lock);
	if (*pos > (loff_t)(pv->vfs + 1) * pv->pkeys)
		return NULL;
	return pos;
}

static void *mlxsim_pv_v2p_next(struct seq_file *s, void *v, loff_t *pos)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;

	++*pos;
	if (*pos > (loff_t)(pv->vfs + 1) * pv->pkeys)
		return NULL;
	return pos;
}

static void mlxsim_pv_v2p_stop(struct seq_file *s, void *v)
{
	struct mlxsim_pv_port *pp = s->private;

	mutex_unlock(&pp->pv->lock);
}

static int mlxsim_pv_v2p_show(struct seq_file *s, void *v)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;
	loff_t row = *(loff_t *)v;
	u32 slave, index;

	if (!row) {
		seq_puts(s, "slave index phys\n");
		return 0;
	}
	row--;
	slave = div_u64(row, pv->pkeys);
	index = row - (loff_t)slave * pv->pkeys;
	seq_printf(s, "%u %u %u\n", slave, index,
		   pv->t->v2p[slave][pp->num - 1][index]);
	return 0;
}

static const struct seq_operations mlxsim_pv_v2p_sops = {
	.start = mlxsim_pv_v2p_start,
	.next = mlxsim_pv_v2p_next,
	.stop = mlxsim_pv_v2p_stop,
	.show = mlxsim_pv_v2p_show,
};

static int mlxsim_pv_v2p_open(struct inode *inode, struct file *file)
{
	int err = seq_open(file, &mlxsim_pv_v2p_sops);

	if (!err)
		((struct seq_file *)file->private_data)->private =
			inode->i_private;
	return err;
}

/* "SLAVE INDEX PHYS|none": admin remap of one VF entry. */
/*
 * An admin remap "SLAVE INDEX PHYS|none" of @port: debugfs virt2phys and
 * sysfs iov/<slave>/ports/<P>/pkey_idx/<i> are two views of one table,
 * written through this one parser.
 */
int mlxsim_pv_remap(struct mlxsim_pv *pv, u32 port, const char *buf,
		    size_t len, char *bad, size_t badlen)
{
	struct mlxsim_remap r;
	u32 old;
	int err;

	/* as mlx4's sysfs: RoCE ports have no admin P_Key map to edit */
	if (pv->fn->p.link == MLXSIM_LINK_ETH)
		return -EPERM;
	mutex_lock(&pv->lock);
	err = mlxsim_pkey_remap_parse(pv->t, buf, len, &r, bad, badlen);
	if (!err) {
		old = mlxsim_pkey_remap(pv->t, port, &r);
		if (old != r.phys) {
			trace_mlxsim_pkey_map(mlxsim_pv_id(pv), port, r.slave,
					      r.index, old, r.phys,
					      MLXSIM_PKEY_MAP_ADMIN);
			if (mlxsim_pkey_active(pv->t, r.slave))
				__mlxsim_pv_event(pv, r.slave, port);
		}
	}
	mutex_unlock(&pv->lock);
	return err;
}

static int mlxsim_pv_v2p_write(void *priv, const char *buf, size_t len,
			       struct mlxsim_knob_err *e)
{
	struct mlxsim_pv_port *pp = priv;

	e->fn = pp->pv->fn;
	return mlxsim_pv_remap(pp->pv, pp->num, buf, len, e->bad,
			       sizeof(e->bad));
}

__DEFINE_MLXSIM_KNOB(mlxsim_pv_v2p, "virt2phys", mlxsim_pv_v2p_write)

static const struct file_operations mlxsim_pv_v2p_fops = {
	.owner = THIS_MODULE,
	.open = mlxsim_pv_v2p_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
	.write = mlxsim_pv_v2p_knob_write,
};

/* vf<S>/port<P>/pkeys: the guest's table through its mapping. */
static int mlxsim_pv_guest_pkeys_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_port *pp = s->private;
	struct mlxsim_pv *pv = pp->pv;
	u32 slave = pp->slave->idx, i;
	u16 block[MLXSIM_PKEY_BLOCK];
	int err = 0;

	seq_puts(s, "index pkey\n");
	mutex_lock(&pv->lock);
	for (i = 0; i < pv->pkeys; i++) {
		if (pv->t) {
			seq_printf(s, "%u 0x%04x\n", i,
				   mlxsim_pkey_guest(pv->t, slave, pp->num, i));
			continue;
		}
		/* no VFs: the master sees the firmware's table */
		if (!(i % MLXSIM_PKEY_BLOCK)) {
			err = mlxsim_mad_ifc_pkey_block(pv->fn, pp->num,
							i / MLXSIM_PKEY_BLOCK,
							block);
			if (err)
				break;
		}
		seq_printf(s, "%u 0x%04x\n", i, block[i % MLXSIM_PKEY_BLOCK]);
	}
	mutex_unlock(&pv->lock);
	return err;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_pv_guest_pkeys);

static int mlxsim_pv_events_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_slave *sl = s->private;
	struct mlxsim_pv *pv = sl->pv;
	/* after `count` (P_Key changes), the port management events */
	static const enum mlxsim_ib_event kinds[] = {
		MLXSIM_IB_EV_LID_CHANGE, MLXSIM_IB_EV_SM_CHANGE,
		MLXSIM_IB_EV_CLIENT_REREGISTER, MLXSIM_IB_EV_PORT_ACTIVE,
		MLXSIM_IB_EV_PORT_ERR, MLXSIM_IB_EV_GID_CHANGE,
	};
	u32 p, k;

	seq_puts(s, "port count");
	for (k = 0; k < ARRAY_SIZE(kinds); k++)
		seq_printf(s, " %s", mlxsim_ib_event_name(kinds[k]));
	seq_putc(s, '\n');
	mutex_lock(&pv->lock);
	for (p = 1; p <= pv->ports; p++) {
		seq_printf(s, "%u %llu", p, pv->events[sl->idx][p - 1]);
		for (k = 0; k < ARRAY_SIZE(kinds); k++)
			seq_printf(s, " %llu",
				   pv->mgmt_events[sl->idx][p - 1][kinds[k]]);
		seq_putc(s, '\n');
	}
	mutex_unlock(&pv->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_pv_events);

static int mlxsim_pv_active_show(struct seq_file *s, void *unused)
{
	struct mlxsim_pv_slave *sl = s->private;
	bool on;

	mutex_lock(&sl->pv->lock);
	on = mlxsim_pkey_active(sl->pv->t, sl->idx);
	mutex_unlock(&sl->pv->lock);
	seq_printf(s, "%u\n", on);
	return 0;
}

static int mlxsim_pv_active_write(void *priv, const char *buf, size_t len,
				  struct mlxsim_knob_err *e)
{
	struct mlxsim_pv_slave *sl = priv;
	bool on;
	int err;

	e->fn = sl->pv->fn;
	err = mlxsim_bool_parse(buf, len, &on, e->bad, sizeof(e->bad));
	if (err)
		return err;
	mutex_lock(&sl->pv->lock);
	/* MLX4_DEV_EVENT_SLAVE_INIT / _SHUTDOWN: its alias GUIDs follow */
	if (on != mlxsim_pkey_active(sl->pv->t, sl->idx)) {
		mlxsim_pkey_set_active(sl->pv->t, sl->idx, on);
		__mlxsim_pv_ag_slave(sl->pv, sl->idx, on);
	}
	mutex_unlock(&sl->pv->lock);
	return 0;
}

DEFINE_MLXSIM_KNOB_RW(mlxsim_pv_active, "active", mlxsim_pv_active_show,
		      mlxsim_pv_active_write);

static void mlxsim_pv_debugfs_slave(struct mlxsim_pv *pv,
				    struct mlxsim_pv_slave *sl)
{
	struct dentry *dir, *pdir;
	char name[16];
	u32 p;

	snprintf(name, sizeof(name), "vf%u", sl->idx);
	dir = debugfs_create_dir(name, pv->fn->ddir);
	sl->dir = dir;
	/* vf0 is the master: always active, its QPs never rewritten */
	if (sl->idx)
		debugfs_create_file("active", 0600, dir, sl,
				    &mlxsim_pv_active_fops);
	debugfs_create_file("events", 0400, dir, sl, &mlxsim_pv_events_fops);
	debugfs_create_file("qp_modify", 0200, dir, sl,
			    &mlxsim_pv_qp_modify_fops);
	debugfs_create_file("qps", 0400, dir, sl, &mlxsim_pv_qps_fops);
	for (p = 0; p < pv->ports; p++) {
		snprintf(name, sizeof(name), "port%u", p + 1);
		pdir = debugfs_create_dir(name, dir);
		debugfs_create_file("pkeys", 0400, pdir, &sl->port[p],
				    &mlxsim_pv_guest_pkeys_fops);
	}
}

void mlxsim_pv_debugfs_init(struct mlxsim_pv *pv)
{
	struct mlxsim_ibdev *ibdev = pv->fn->ibdev;
	struct dentry *dir;
	u32 p, s;

	for (p = 0; p < pv->ports; p++) {
		struct dentry **f = pv->port[p].files;

		dir = ibdev->port[p].ddir;
		f[0] = debugfs_create_file("mad", 0200, dir, &pv->port[p],
					   &mlxsim_pv_mad_fops);
		f[1] = debugfs_create_file("counters", 0400, dir, &pv->port[p],
					   &mlxsim_pv_counters_fops);
		if (!pv->t)
			continue;
		f[2] = debugfs_create_file("pkey_cache", 0400, dir, &pv->port[p],
					   &mlxsim_pv_pkey_cache_fops);
		f[3] = debugfs_create_file("virt2phys", 0600, dir, &pv->port[p],
					   &mlxsim_pv_v2p_fops);
		f[4] = debugfs_create_file("guids", 0400, dir, &pv->port[p],
					   &mlxsim_pv_guids_fops);
	}
	for (s = 0; s <= pv->vfs; s++)
		mlxsim_pv_debugfs_slave(pv, &pv->slaves[s]);
}

/*
 * Only for an add that fails after pv creation: the function's debugfs
 * directory still exists, so our files go first (waiting for handlers)
 * before pv is freed.  On remove the whole directory is already gone.
 */
void mlxsim_pv_debugfs_remove(struct mlxsim_pv *pv)
{
	u32 p, i, s;

	for (p = 0; p < pv->ports; p++)
		for (i = 0; i < ARRAY_SIZE(pv->port[p].files); i++)
			debugfs_remove(pv->port[p].files[i]);
	for (s = 0; s <= pv->vfs; s++)
		debugfs_remove(pv->slaves[s].dir);
}
