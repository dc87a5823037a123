// SPDX-License-Identifier: GPL-2.0
/*
 * port<P>/mad: an SMP from the Subnet Manager goes to the firmware; an
 * accepted SubnSet(PKeyTable) is then snooped into the P_Key cache and
 * the master and the VFs whose view changed get one event each.
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

static void __mlxsim_pv_snoop(struct mlxsim_pv *pv, u32 port,
			      const struct mlxsim_smp *smp)
{
	u32 block = mlxsim_smp_pkey_block(smp);
	u32 id = mlxsim_pv_id(pv);
	struct mlxsim_snoop snoop, *r = &snoop;	/* ~160 bytes */
	unsigned int s, n = 0, i;

	lockdep_assert_held(&pv->lock);
	pv->port[port - 1].snoops++;
	if (!pv->t) {
		/* without VFs: no cache, every SET is the master's event */
		trace_mlxsim_smp_snoop(id, port, smp->mgmt_class, block, 0, 0,
				       true, MLXSIM_PKEY_PATH_SNOOP);
		__mlxsim_pv_event(pv, 0, port);
		return;
	}
	mlxsim_pkey_snoop(pv->t, port, block, smp->pkeys, r);
	if (r->changed)
		pv->port[port - 1].snoop_changes++;
	for_each_set_bit(s, r->notify, MLXSIM_MAX_SLAVES)
		n++;
	trace_mlxsim_smp_snoop(id, port, smp->mgmt_class, block, r->changed,
			       n, r->master_event, MLXSIM_PKEY_PATH_SNOOP);
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

static ssize_t mlxsim_pv_mad_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct mlxsim_pv_port *pp = file_inode(file)->i_private;
	struct mlxsim_pv *pv = pp->pv;
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_MAD_IFC,
		.port = pp->num,
	};
	struct mlxsim_smp smp;
	char what[24];
	u8 *buf;
	int err;

	if (count != MLXSIM_MAD_BYTES) {
		snprintf(what, sizeof(what), "<%zu bytes>", count);
		mlxsim_bad_input(pv->fn, "mad", what, -EINVAL);
		return -EINVAL;
	}
	buf = memdup_user(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mlxsim_mad_parse(buf, count, &smp);
	cmd.mad.in = buf;

	mutex_lock(&pv->lock);
	err = mlxsim_cmd_exec(pv->fn, &cmd);
	if (!err)
		err = mlxsim_pv_mad_errno(pv, &smp, cmd.mad_status);
	if (!err && mlxsim_smp_is_pkey_set(&smp, cmd.mad_status))
		__mlxsim_pv_snoop(pv, pp->num, &smp);
	mutex_unlock(&pv->lock);

	if (err && cmd.mad_status) {
		snprintf(what, sizeof(what), "status=0x%04x", cmd.mad_status);
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
