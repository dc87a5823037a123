// SPDX-License-Identifier: GPL-2.0
/*
 * The guests' side: each VF S of an SR-IOV master N is an ib_core device
 * mlxsim<N>vf<S> showing what the guest's mlx4_ib would show.  Its
 * P_Keys are the guest view (virt2phys through the physical cache), its
 * one GID is built from the VF's GUID, its port follows mlx4's slave
 * port state machine (pv->port_state), and an ib_core event is
 * dispatched on it exactly when the driver sends the VF one
 * (__mlxsim_pv_event, __mlxsim_pv_vf_event): `vf<S>/events` and
 * `vf<S>/ib_events` agree.  It has the MAD layer's verbs (no wire: mlx4
 * tunnels a guest's QP0/QP1 through the PF, which mlxsim does not model),
 * so ib_mad opens its ports and the guest's own SMPs reach process_mad,
 * which takes them to the PF's MAD_IFC wrapper (pv_vf_mad.c).
 *
 * Registered after the master, unregistered before it; published in
 * ib->vf[] under pv->lock, which every dispatch holds.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <rdma/ib_mad.h>
#include <rdma/ib_smi.h>

#include "ib_internal.h"
#include "pv_internal.h"

struct mlxsim_ib_vf {
	struct ib_device ibdev;		/* first: ib_alloc_device() */
	struct mlxsim_ib_verbs verbs;	/* second: to_mlxsim_verbs() */
	struct mlxsim_fn *fn;		/* the master */
	u32 slave;
	spinlock_t ev_lock;		/* events */
	u64 events[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS];
	struct dentry *events_file;	/* vf<S>/ib_events */
};

static_assert(offsetof(struct mlxsim_ib_vf, verbs) ==
	      offsetof(struct mlxsim_ib_verbs_dev, verbs));

static struct mlxsim_ib_vf *to_mlxsim_ib_vf(struct ib_device *ibdev)
{
	return container_of(ibdev, struct mlxsim_ib_vf, ibdev);
}

static int mlxsim_ib_vf_query_device(struct ib_device *ibdev,
				     struct ib_device_attr *attr,
				     struct ib_udata *uhw)
{
	struct mlxsim_ib_vf *vf = to_mlxsim_ib_vf(ibdev);

	if (uhw && (uhw->inlen || uhw->outlen))
		return -EINVAL;
	memset(attr, 0, sizeof(*attr));
	attr->sys_image_guid = cpu_to_be64(vf->fn->p.guid);
	attr->vendor_id = 0x02c9;
	attr->vendor_part_id = 0x1004;	/* a ConnectX-3 virtual function */
	attr->max_pkeys = vf->fn->p.pkeys;
	attr->page_size_cap = PAGE_SIZE;
	attr->max_mr_size = ~0ULL;
	mlxsim_ib_verbs_init(ibdev, attr);
	return 0;
}

/* The PF port as the guest sees it: its link, the slave port's state. */
static int mlxsim_ib_vf_query_port(struct ib_device *ibdev, u32 num,
				   struct ib_port_attr *attr)
{
	struct mlxsim_ib_vf *vf = to_mlxsim_ib_vf(ibdev);
	struct mlxsim_pv *pv = vf->fn->pv;
	int err;

	err = mlxsim_ib_link_query_port(vf->fn, num, attr);
	if (err)
		return err;
	mutex_lock(&pv->lock);
	attr->state = pv->port_state[vf->slave][num - 1] ==
		      MLXSIM_SLAVE_PORT_UP ? IB_PORT_ACTIVE : IB_PORT_DOWN;
	mutex_unlock(&pv->lock);
	/* a guest is never the SM */
	attr->port_cap_flags &= ~IB_PORT_SM;
	attr->gid_tbl_len = 1;
	attr->pkey_tbl_len = vf->fn->p.pkeys;
	attr->max_msg_sz = 0x40000000;
	return 0;
}

static int mlxsim_ib_vf_port_immutable(struct ib_device *ibdev, u32 num,
				       struct ib_port_immutable *immutable)
{
	immutable->pkey_tbl_len = to_mlxsim_ib_vf(ibdev)->fn->p.pkeys;
	immutable->gid_tbl_len = 1;
	immutable->max_mad_size = IB_MGMT_MAD_SIZE;
	immutable->core_cap_flags = RDMA_CORE_PORT_IBA_IB;
	return 0;
}

/* The guest view: virt2phys through the cache (mlx4_ib's pkey paravirt). */
static int mlxsim_ib_vf_query_pkey(struct ib_device *ibdev, u32 num,
				   u16 index, u16 *pkey)
{
	struct mlxsim_ib_vf *vf = to_mlxsim_ib_vf(ibdev);
	struct mlxsim_pv *pv = vf->fn->pv;

	if (index >= pv->pkeys)
		return -EINVAL;
	mutex_lock(&pv->lock);
	*pkey = mlxsim_pkey_guest(pv->t, vf->slave, num, index);
	mutex_unlock(&pv->lock);
	return 0;
}

/* One GID: the PF port's subnet prefix and the VF's (admin) GUID. */
static int mlxsim_ib_vf_query_gid(struct ib_device *ibdev, u32 num, int index,
				  union ib_gid *gid)
{
	struct mlxsim_ib_vf *vf = to_mlxsim_ib_vf(ibdev);
	u8 pi[MLXSIM_SMP_DATA_BYTES];
	int err;

	if (index)
		return -EINVAL;
	err = mlxsim_mad_ifc_get(vf->fn, num, MLXSIM_ATTR_PORT_INFO, 0, pi);
	if (err)
		return err;
	memcpy(gid->raw, pi + MLXSIM_PI_GID_PREFIX, 8);
	mutex_lock(&vf->fn->pv->lock);
	gid->global.interface_id =
		cpu_to_be64(__mlxsim_pv_vf_guid(vf->fn->pv, vf->slave, num));
	mutex_unlock(&vf->fn->pv->lock);
	return 0;
}

static enum rdma_link_layer mlxsim_ib_vf_link_layer(struct ib_device *ibdev,
						    u32 num)
{
	return IB_LINK_LAYER_INFINIBAND;
}

/*
 * The guest's MAD layer asks its port's SMA (mlx4_ib_process_mad of a
 * slave): SubnGet/SubnSet go to the PF's wrapper; everything else is
 * left to ib_mad's agents.  A refused MAD gets no answer, as a guest's
 * failed MAD_IFC gets none upstream.
 */
static int mlxsim_ib_vf_process_mad(struct ib_device *ibdev, int mad_flags,
				    u32 port, const struct ib_wc *in_wc,
				    const struct ib_grh *in_grh,
				    const struct ib_mad *in, struct ib_mad *out,
				    size_t *out_size, u16 *out_pkey_index)
{
	struct mlxsim_ib_vf *vf = to_mlxsim_ib_vf(ibdev);
	const struct ib_mad_hdr *h = &in->mad_hdr;
	u16 status;

	if ((h->mgmt_class != IB_MGMT_CLASS_SUBN_LID_ROUTED &&
	     h->mgmt_class != IB_MGMT_CLASS_SUBN_DIRECTED_ROUTE) ||
	    (h->method != IB_MGMT_METHOD_GET &&
	     h->method != IB_MGMT_METHOD_SET) ||
	    h->attr_id == IB_SMP_ATTR_SM_INFO)
		return IB_MAD_RESULT_SUCCESS;
	if (*out_size < sizeof(struct ib_mad) ||
	    mlxsim_pv_vf_mad(vf->fn->pv, vf->slave, port, (const u8 *)in,
			     (u8 *)out, &status))
		return IB_MAD_RESULT_FAILURE;
	if (h->mgmt_class == IB_MGMT_CLASS_SUBN_DIRECTED_ROUTE)
		out->mad_hdr.status |= cpu_to_be16(1 << 15);
	*out_size = sizeof(struct ib_mad);
	return IB_MAD_RESULT_SUCCESS | IB_MAD_RESULT_REPLY;
}

static const struct ib_device_ops mlxsim_ib_vf_ops = {
	.owner = THIS_MODULE,
	.driver_id = RDMA_DRIVER_UNKNOWN,
	.uverbs_abi_ver = 1,
	.query_device = mlxsim_ib_vf_query_device,
	.query_port = mlxsim_ib_vf_query_port,
	.get_port_immutable = mlxsim_ib_vf_port_immutable,
	.query_pkey = mlxsim_ib_vf_query_pkey,
	.query_gid = mlxsim_ib_vf_query_gid,
	.get_link_layer = mlxsim_ib_vf_link_layer,
	.process_mad = mlxsim_ib_vf_process_mad,
};

/* Under pv->lock: the VF's driver was told @ev, so is its ib_core. */
void mlxsim_ib_vf_event(struct mlxsim_fn *fn, u32 slave, u32 port, u8 ev)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);
	struct ib_event event = { .element.port_num = port };
	struct mlxsim_ib_vf *vf;

	lockdep_assert_held(&fn->pv->lock);
	if (!ib || !ib->vf || slave > fn->p.vfs || ev >= MLXSIM_NUM_IB_EVENTS)
		return;
	vf = ib->vf[slave];
	if (!vf)
		return;
	spin_lock(&vf->ev_lock);
	vf->events[port - 1][ev]++;
	spin_unlock(&vf->ev_lock);
	event.device = &vf->ibdev;
	event.event = mlxsim_ib_event_type(ev);
	ib_dispatch_event(&event);
}

/* vf<S>/ib_events: what was dispatched on mlxsim<N>vf<S>. */
static int mlxsim_ib_vf_events_show(struct seq_file *s, void *unused)
{
	struct mlxsim_ib_vf *vf = s->private;
	u64 counts[MLXSIM_MAX_PORTS][MLXSIM_NUM_IB_EVENTS];

	spin_lock(&vf->ev_lock);
	memcpy(counts, vf->events, sizeof(counts));
	spin_unlock(&vf->ev_lock);
	mlxsim_ib_events_seq(s, counts, vf->ibdev.phys_port_cnt);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_ib_vf_events);

static struct mlxsim_ib_vf *mlxsim_ib_vf_register(struct mlxsim_ib *ib,
						  u32 slave)
{
	struct mlxsim_fn *fn = ib->fn;
	char name[IB_DEVICE_NAME_MAX];
	struct mlxsim_ib_vf *vf;
	int err;

	vf = ib_alloc_device(mlxsim_ib_vf, ibdev);
	if (!vf)
		return ERR_PTR(-ENOMEM);
	vf->fn = fn;
	vf->slave = slave;
	spin_lock_init(&vf->ev_lock);
	vf->ibdev.node_type = RDMA_NODE_IB_CA;
	vf->ibdev.phys_port_cnt = ib->ibdev.phys_port_cnt;
	vf->ibdev.num_comp_vectors = 1;
	vf->ibdev.node_guid = cpu_to_be64(mlxsim_vf_guid(fn, slave, 0));
	vf->ibdev.dev.parent = &fn->dev;
	snprintf(vf->ibdev.node_desc, sizeof(vf->ibdev.node_desc),
		 DRV_NAME "%uvf%u", fn->p.id, slave);
	ib_set_device_ops(&vf->ibdev, &mlxsim_ib_vf_ops);
	mlxsim_ib_verbs_set_ops(&vf->ibdev, &vf->verbs, NULL);
	snprintf(name, sizeof(name), DRV_NAME "%uvf%u", fn->p.id, slave);
	err = ib_register_device(&vf->ibdev, name, NULL);
	if (err) {
		ib_dealloc_device(&vf->ibdev);
		return ERR_PTR(err);
	}
	vf->events_file = debugfs_create_file("ib_events", 0400,
					      fn->pv->slaves[slave].dir, vf,
					      &mlxsim_ib_vf_events_fops);
	return vf;
}

/* Each VF's device goes first; nothing dispatches on it after this. */
void mlxsim_ib_vfs_unregister(struct mlxsim_ib *ib, bool files)
{
	struct mlxsim_pv *pv = ib->fn->pv;
	struct mlxsim_ib_vf *vf;
	u32 s;

	if (!ib->vf)
		return;
	for (s = ib->fn->p.vfs; s >= 1; s--) {
		mutex_lock(&pv->lock);
		vf = ib->vf[s];
		ib->vf[s] = NULL;
		mutex_unlock(&pv->lock);
		if (!vf)
			continue;
		/* else gone with the function's directory already */
		if (files)
			debugfs_remove(vf->events_file);
		ib_unregister_device(&vf->ibdev);
		ib_dealloc_device(&vf->ibdev);
	}
	kfree(ib->vf);
	ib->vf = NULL;
}

/* After the master's registration (mlx4_ib_add's order for the guests). */
int mlxsim_ib_vfs_register(struct mlxsim_ib *ib)
{
	struct mlxsim_fn *fn = ib->fn;
	struct mlxsim_ib_vf *vf;
	u32 s;

	/* RoCE VFs (ib_core keeps their GIDs from netdevs) are not modelled */
	if (fn->p.link != MLXSIM_LINK_IB || !fn->pv || !fn->pv->t)
		return 0;
	if (mlxsim_add_step(fn, "ib_vfs"))
		return -ENOMEM;
	ib->vf = kcalloc(fn->p.vfs + 1, sizeof(*ib->vf), GFP_KERNEL);
	if (!ib->vf)
		return -ENOMEM;
	for (s = 1; s <= fn->p.vfs; s++) {
		vf = mlxsim_ib_vf_register(ib, s);
		if (IS_ERR(vf)) {
			mlxsim_ib_vfs_unregister(ib, true);
			return PTR_ERR(vf);
		}
		mutex_lock(&fn->pv->lock);
		ib->vf[s] = vf;
		mutex_unlock(&fn->pv->lock);
	}
	return 0;
}
