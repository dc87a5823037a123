// SPDX-License-Identifier: GPL-2.0
/*
 * The P_Key cache follows the firmware's table: an accepted
 * SubnSet(PKeyTable) is snooped (smp_snoop), or, with port_mng_chg_ev,
 * the firmware's PORT_MNG_CHG_EV names the changed entries and the
 * driver reads them (handle_port_mgmt_change_event, propagate_pkey_ev).
 * Either way the master and the VFs whose view changed get one event
 * each.  Also port<P>/mad: an SMP "received on QP0", delivered as
 * process_mad delivers one.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "pv_internal.h"
#include "mlxsim_trace.h"

/* What the writer sees when the firmware answered with a MAD status. */
static int mlxsim_pv_mad_errno(const struct mlxsim_pv *pv,
			       const struct mlxsim_smp *smp, u16 status)
{
	switch (status) {
	case MLXSIM_MAD_STATUS_OK:
		return 0;
	case MLXSIM_MAD_STATUS_INVALID_FIELD:
		if (smp->attr_id == MLXSIM_ATTR_PKEY_TABLE &&
		    mlxsim_smp_pkey_block(smp) >= pv->pkeys / MLXSIM_PKEY_BLOCK)
			return -ERANGE;
		return -EINVAL;
	default:
		return -EOPNOTSUPP;
	}
}

void __mlxsim_pv_snoop(struct mlxsim_pv *pv, u32 port, u8 mgmt_class,
		       u32 block, const u16 *pkeys, u8 path)
{
	u32 id = mlxsim_pv_id(pv);
	struct mlxsim_snoop snoop, *r = &snoop;	/* ~160 bytes */
	unsigned int s, n = 0, i;

	lockdep_assert_held(&pv->lock);
	pv->port[port - 1].snoops++;
	if (!pv->t) {
		/* without VFs: no cache, every SET is the master's event */
		trace_mlxsim_smp_snoop(id, port, mgmt_class, block, 0, 0, true,
				       path);
		__mlxsim_pv_event(pv, 0, port);
		return;
	}
	mlxsim_pkey_snoop(pv->t, port, block, pkeys, r);
	if (r->changed)
		pv->port[port - 1].snoop_changes++;
	for_each_set_bit(s, r->notify, MLXSIM_MAX_SLAVES)
		n++;
	trace_mlxsim_smp_snoop(id, port, mgmt_class, block, r->changed, n,
			       r->master_event, path);
	for (i = 0; i < MLXSIM_PKEY_BLOCK; i++)
		if (r->changed & BIT(i))
			trace_mlxsim_pkey_cache(id, port,
						block * MLXSIM_PKEY_BLOCK + i,
						r->old[i], r->new[i]);
	if (r->master_event)
		__mlxsim_pv_event(pv, 0, port);
	for_each_set_bit(s, r->notify, MLXSIM_MAX_SLAVES)
		__mlxsim_pv_event(pv, s, port);
}

/*
 * PORT_MNG_CHG_EV named a changed block: read it from the firmware and
 * fold it into the cache, as the snoop would have.
 */
void mlxsim_pv_pkey_event(struct mlxsim_pv *pv, u32 port, u32 block)
{
	u16 pkeys[MLXSIM_PKEY_BLOCK];

	mutex_lock(&pv->lock);
	if (!mlxsim_mad_ifc_pkey_block(pv->fn, port, block, pkeys))
		__mlxsim_pv_snoop(pv, port, MLXSIM_MGMT_CLASS_SMI, block, pkeys,
				  MLXSIM_PKEY_PATH_EVENT);
	mutex_unlock(&pv->lock);
}

static ssize_t mlxsim_pv_mad_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct mlxsim_pv_port *pp = file_inode(file)->i_private;
	struct mlxsim_pv *pv = pp->pv;
	struct mlxsim_smp smp;
	bool discard;
	char what[24];
	u16 status;
	u8 *buf;
	int err;

	if (count != MLXSIM_MAD_BYTES) {
		snprintf(what, sizeof(what), "<%zu bytes>", count);
		mlxsim_bad_input(pv->fn, "mad", what, -EINVAL);
		return -EINVAL;
	}
	buf = kmalloc(2 * MLXSIM_MAD_BYTES, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, count)) {
		kfree(buf);
		return -EFAULT;
	}
	mlxsim_mad_parse(buf, count, &smp);
	err = mlxsim_mad_deliver(pv->fn, pp->num, buf, buf + MLXSIM_MAD_BYTES,
				 MLXSIM_MAD_SRC_DEBUGFS, &status, &discard);
	if (!err && discard)
		err = -EACCES;	/* an M_Key the port does not take */
	else if (!err)
		err = mlxsim_pv_mad_errno(pv, &smp, status);
	if (err && (status || discard)) {
		snprintf(what, sizeof(what), "status=0x%04x", status);
		mlxsim_bad_input(pv->fn, "mad", what, err);
	}
	kfree(buf);
	return err ? err : count;
}

const struct file_operations mlxsim_pv_mad_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mlxsim_pv_mad_write,
	.llseek = noop_llseek,
};
