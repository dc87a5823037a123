// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsim's IB devices as ib_core devices (like rdma_rxe).  What a port
 * is (state, LID, GIDs, P_Keys) is asked of the firmware's SMA with
 * MAD_IFC, as mlx4_ib asks it (mlx4_ib_query_port, __mlx4_ib_query_gid,
 * __mlx4_ib_query_pkey); RoCE ports follow their netdev as mlx5_ib's do.
 * The kernel verbs of ib_verbs.c let ib_core's MAD layer open QP0/QP1.
 */
#include <linux/debugfs.h>
#include <rdma/ib_cache.h>
#include <rdma/ib_mad.h>

#include "ib_internal.h"
#include "pv_internal.h"
#include "mlxsim_trace.h"

/*
 * An IB port's GID table: the first GUIDInfo block.  mlx4 reports all 128
 * (PortInfo:GUIDCap), but ib_core re-reads the whole table on every port
 * event, two firmware commands per GID; beyond the first block are the
 * VFs' alias GUIDs, which the host view shows as null anyway.
 */
#define MLXSIM_IB_PORT_GIDS MLXSIM_SMA_GUID_BLOCK

static struct mlxsim_port *mlxsim_ib_port(struct ib_device *ibdev, u32 num)
{
	return &to_mlxsim_ib(ibdev)->fn->ibdev->port[num - 1];
}

static bool mlxsim_ib_is_eth(struct mlxsim_fn *fn)
{
	return fn->p.link == MLXSIM_LINK_ETH;
}

/*
 * The P_Key table length the function reports (mlx4_parav_master_pf_caps):
 * with VFs the last physical entry is reserved, so one less.
 */
static u16 mlxsim_ib_pkey_tbl_len(const struct mlxsim_fn *fn)
{
	return fn->p.vfs ? fn->p.pkeys - 1 : fn->p.pkeys;
}

/* The device's identity from its SMA's NodeInfo (mlx4_ib_query_device). */
static int mlxsim_ib_query_device(struct ib_device *ibdev,
				  struct ib_device_attr *attr,
				  struct ib_udata *uhw)
{
	struct mlxsim_ib *ib = to_mlxsim_ib(ibdev);
	u8 ni[MLXSIM_SMP_DATA_BYTES];
	int err;

	if (uhw && (uhw->inlen || uhw->outlen))
		return -EINVAL;
	err = mlxsim_mad_ifc_get(ib->fn, 1, MLXSIM_ATTR_NODE_INFO, 0, ni);
	if (err)
		return err;
	memset(attr, 0, sizeof(*attr));
	attr->sys_image_guid = cpu_to_be64(mlxsim_get_be64(ni + MLXSIM_NI_SYS_GUID));
	attr->vendor_id = mlxsim_get_be32(ni + MLXSIM_NI_VENDOR_ID - 1) & 0xffffff;
	attr->vendor_part_id = mlxsim_get_be16(ni + MLXSIM_NI_DEVICE_ID);
	attr->hw_ver = mlxsim_get_be32(ni + MLXSIM_NI_REVISION);
	attr->max_mr_size = ~0ULL;
	attr->page_size_cap = PAGE_SIZE;
	attr->max_pkeys = mlxsim_ib_pkey_tbl_len(ib->fn);
	mlxsim_ib_verbs_init(ibdev, attr);
	return 0;
}

/* An IB port, from its SMA's PortInfo (mlx4's ib_link_query_port). */
int mlxsim_ib_link_query_port(struct mlxsim_fn *fn, u32 num,
			      struct ib_port_attr *attr)
{
	u8 pi[MLXSIM_SMP_DATA_BYTES];
	int err;

	err = mlxsim_mad_ifc_get(fn, num, MLXSIM_ATTR_PORT_INFO, 0, pi);
	if (err)
		return err;
	attr->lid = mlxsim_get_be16(pi + MLXSIM_PI_LID);
	attr->sm_lid = mlxsim_get_be16(pi + MLXSIM_PI_SM_LID);
	attr->port_cap_flags = mlxsim_get_be32(pi + MLXSIM_PI_CAP_MASK);
	attr->lmc = pi[MLXSIM_PI_LMC] & 0x7;
	attr->state = pi[MLXSIM_PI_STATE] & 0xf;
	attr->phys_state = pi[MLXSIM_PI_PHYS] >> 4;
	attr->active_width = pi[MLXSIM_PI_WIDTH_ACTIVE] & 0xf;
	attr->active_speed = pi[MLXSIM_PI_SPEED_ACTIVE] >> 4;
	attr->active_mtu = pi[MLXSIM_PI_MTU_SMSL] >> 4;
	attr->sm_sl = pi[MLXSIM_PI_MTU_SMSL] & 0xf;
	attr->max_mtu = pi[MLXSIM_PI_MTUCAP] & 0xf;
	attr->max_vl_num = pi[MLXSIM_PI_VLCAP] >> 4;
	attr->bad_pkey_cntr = mlxsim_get_be16(pi + MLXSIM_PI_PKEY_VIOL);
	attr->qkey_viol_cntr = mlxsim_get_be16(pi + MLXSIM_PI_QKEY_VIOL);
	attr->subnet_timeout = pi[MLXSIM_PI_SUBNET_TO] & 0x1f;
	attr->gid_tbl_len = MLXSIM_IB_PORT_GIDS;
	return 0;
}

static int mlxsim_ib_query_port(struct ib_device *ibdev, u32 num,
				struct ib_port_attr *attr)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;
	bool up;

	attr->pkey_tbl_len = mlxsim_ib_pkey_tbl_len(fn);
	attr->max_msg_sz = 0x40000000;
	if (!mlxsim_ib_is_eth(fn))
		return mlxsim_ib_link_query_port(fn, num, attr);

	/* RoCE: up with a function behind it and its netdev running */
	up = mlxsim_port_is_up(mlxsim_ib_port(ibdev, num));
	attr->state = up ? IB_PORT_ACTIVE : IB_PORT_DOWN;
	attr->phys_state = up ? IB_PORT_PHYS_STATE_LINK_UP :
				IB_PORT_PHYS_STATE_DISABLED;
	attr->max_mtu = IB_MTU_4096;
	attr->active_mtu = IB_MTU_1024;
	attr->gid_tbl_len = MLXSIM_IB_GIDS;
	attr->active_width = IB_WIDTH_4X;
	attr->active_speed = IB_SPEED_EDR;
	attr->port_cap_flags = IB_PORT_CM_SUP;
	attr->ip_gids = true;
	return 0;
}

static int mlxsim_ib_get_port_immutable(struct ib_device *ibdev, u32 num,
					struct ib_port_immutable *immutable)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;

	/* the full lengths from the start: they cannot change later */
	immutable->pkey_tbl_len = mlxsim_ib_pkey_tbl_len(fn);
	immutable->max_mad_size = IB_MGMT_MAD_SIZE;
	if (mlxsim_ib_is_eth(fn)) {
		immutable->gid_tbl_len = MLXSIM_IB_GIDS;
		immutable->core_cap_flags = RDMA_CORE_PORT_IBA_ROCE |
					    RDMA_CORE_PORT_IBA_ROCE_UDP_ENCAP;
	} else {
		immutable->gid_tbl_len = MLXSIM_IB_PORT_GIDS;
		immutable->core_cap_flags = RDMA_CORE_PORT_IBA_IB;
	}
	return 0;
}

/* The physical table, asked of the firmware (mlx4_ib_query_pkey). */
static int mlxsim_ib_query_pkey(struct ib_device *ibdev, u32 num, u16 index,
				u16 *pkey)
{
	return mlxsim_mad_ifc_pkey(to_mlxsim_ib(ibdev)->fn, num, index, pkey);
}

/*
 * IB link only (ib_core keeps RoCE GIDs itself): the subnet prefix of
 * PortInfo and the GUID of GUIDInfo (__mlx4_ib_query_gid).
 */
static int mlxsim_ib_query_gid(struct ib_device *ibdev, u32 num, int index,
			       union ib_gid *gid)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;
	u8 pi[MLXSIM_SMP_DATA_BYTES], gi[MLXSIM_SMP_DATA_BYTES];
	int err;

	if (index < 0 || index >= MLXSIM_IB_PORT_GIDS)
		return -EINVAL;
	/*
	 * With VFs the other entries are the guests' alias GUIDs: the host
	 * sees a null GID there, as __mlx4_ib_query_gid's host view.
	 */
	if (index && fn->p.vfs) {
		memset(gid->raw, 0, sizeof(gid->raw));
		return 0;
	}
	err = mlxsim_mad_ifc_get(fn, num, MLXSIM_ATTR_PORT_INFO, 0, pi) ?:
	      mlxsim_mad_ifc_get(fn, num, MLXSIM_ATTR_GUID_INFO,
				 index / MLXSIM_SMA_GUID_BLOCK, gi);
	if (err)
		return err;
	memcpy(gid->raw, pi + MLXSIM_PI_GID_PREFIX, 8);
	memcpy(gid->raw + 8, gi + 8 * (index % MLXSIM_SMA_GUID_BLOCK), 8);
	return 0;
}

static enum rdma_link_layer mlxsim_ib_get_link_layer(struct ib_device *ibdev,
						     u32 num)
{
	return mlxsim_ib_is_eth(to_mlxsim_ib(ibdev)->fn) ?
	       IB_LINK_LAYER_ETHERNET : IB_LINK_LAYER_INFINIBAND;
}

/* What ibstat calls "CA type", as mlx4's hca_type: MT<PCI device ID>. */
static ssize_t hca_type_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct mlxsim_ib *ib = rdma_device_to_drv_device(dev, struct mlxsim_ib,
							 ibdev);

	return sysfs_emit(buf, "MT%u\n", ib->ibdev.attrs.vendor_part_id);
}
static DEVICE_ATTR_RO(hca_type);

static struct attribute *mlxsim_ib_attrs[] = {
	&dev_attr_hca_type.attr,
	NULL,
};

static const struct attribute_group mlxsim_ib_attr_group = {
	.attrs = mlxsim_ib_attrs,
};

/* The firmware's revision (NodeInfo:Revision) as its version. */
static void mlxsim_ib_fw_str(struct ib_device *ibdev, char *str)
{
	snprintf(str, IB_FW_VERSION_NAME_MAX, "1.0.%u", ibdev->attrs.hw_ver);
}

static const struct ib_device_ops mlxsim_ib_ops = {
	.owner = THIS_MODULE,
	.driver_id = RDMA_DRIVER_UNKNOWN,
	.uverbs_abi_ver = 1,
	.query_device = mlxsim_ib_query_device,
	.query_port = mlxsim_ib_query_port,
	.get_port_immutable = mlxsim_ib_get_port_immutable,
	.query_pkey = mlxsim_ib_query_pkey,
	.query_gid = mlxsim_ib_query_gid,
	.get_link_layer = mlxsim_ib_get_link_layer,
	.get_dev_fw_str = mlxsim_ib_fw_str,
	.device_group = &mlxsim_ib_attr_group,
};

/*
 * The node's GUID and description from the firmware's SMA, as
 * mlx4_ib_init_node_data reads them; the SMA answers NodeDescription
 * with what ib_core's node_desc then says (node_desc_override).
 */
static int mlxsim_ib_init_node_data(struct mlxsim_ib *ib)
{
	u8 data[MLXSIM_SMP_DATA_BYTES];
	int err;

	err = mlxsim_mad_ifc_get(ib->fn, 1, MLXSIM_ATTR_NODE_DESC, 0, data);
	if (err)
		return err;
	memcpy(ib->ibdev.node_desc, data, IB_DEVICE_NODE_DESC_MAX);
	err = mlxsim_mad_ifc_get(ib->fn, 1, MLXSIM_ATTR_NODE_INFO, 0, data);
	if (err)
		return err;
	ib->ibdev.node_guid = cpu_to_be64(mlxsim_get_be64(data +
						       MLXSIM_NI_NODE_GUID));
	return 0;
}

/* Ports the function owns natively get its netdev before registration. */
static int mlxsim_ib_own_netdevs(struct mlxsim_ib *ib)
{
	struct mlxsim_fn *fn = ib->fn;
	u32 i;
	int err;

	if (!fn->ndev)
		return 0;
	for (i = 0; i < fn->ibdev->nports; i++) {
		if (fn->ibdev->port[i].fn != fn)
			continue;
		err = ib_device_set_netdev(&ib->ibdev, fn->ndev, i + 1);
		if (err)
			return err;
		trace_mlxsim_ib_netdev(fn->p.id, i + 1, fn->p.id, true);
	}
	return 0;
}

static int mlxsim_ib_register(struct mlxsim_fn *fn)
{
	char name[IB_DEVICE_NAME_MAX];
	struct mlxsim_ib *ib;
	u32 i;
	int err;

	ib = ib_alloc_device(mlxsim_ib, ibdev);
	if (!ib)
		return -ENOMEM;
	ib->fn = fn;
	spin_lock_init(&ib->ev_lock);
	spin_lock_init(&ib->sm_lock);
	mutex_init(&ib->cap_mask_mutex);
	ib->ibdev.node_type = RDMA_NODE_IB_CA;
	ib->ibdev.phys_port_cnt = fn->ibdev->nports;
	ib->ibdev.num_comp_vectors = 1;
	ib->ibdev.local_dma_lkey = 0;
	ib->ibdev.dev.parent = &fn->dev;
	ib_set_device_ops(&ib->ibdev, &mlxsim_ib_ops);
	mlxsim_ib_verbs_set_ops(&ib->ibdev, &ib->verbs, fn);
	mlxsim_ib_mad_set_ops(ib);

	err = mlxsim_ib_init_node_data(ib) ?: mlxsim_ib_own_netdevs(ib);
	if (!err) {
		snprintf(name, sizeof(name), DRV_NAME "%u", fn->p.id);
		err = mlxsim_add_step(fn, "ib_device") ?:
		      ib_register_device(&ib->ibdev, name, NULL);
	}
	trace_mlxsim_ib_register(fn->p.id, be64_to_cpu(ib->ibdev.node_guid),
				 fn->ibdev->nports, fn->p.link, -err);
	if (err) {
		/* also drops the netdev references */
		ib_dealloc_device(&ib->ibdev);
		return err;
	}
	for (i = 0; i < fn->ibdev->nports; i++)
		ib->last_up[i] = mlxsim_port_is_up(&fn->ibdev->port[i]);
	/* readers without mlxsim_lock see ib only once it is set up */
	smp_store_release(&fn->ib, ib);
	/* the guests' devices after the master's, undone by themselves */
	err = mlxsim_ib_vfs_register(ib);
	if (err)
		goto err_unregister;
	err = mlxsim_add_step(fn, "ib_iov") ?: mlxsim_ib_iov_add(ib);
	if (err) {
		mlxsim_ib_vfs_unregister(ib, true);
		goto err_unregister;
	}
	err = mlxsim_add_step(fn, "alias_guid") ?: mlxsim_ib_ag_start(ib);
	if (err) {
		mlxsim_ib_iov_remove(ib);
		mlxsim_ib_vfs_unregister(ib, true);
		goto err_unregister;
	}
	mlxsim_ib_events_debugfs_init(ib);
	if (!mlxsim_ib_is_eth(fn))
		mlxsim_ib_fw_events_register(ib);
	return 0;

err_unregister:
	spin_lock(&mlxsim_state_lock);
	WRITE_ONCE(fn->ib, NULL);
	spin_unlock(&mlxsim_state_lock);
	ib_unregister_device(&ib->ibdev);
	ib_dealloc_device(&ib->ibdev);
	return err;
}

/* fn's debugfs is gone already: no handler can see fn->ib any more. */
static void mlxsim_ib_unregister(struct mlxsim_fn *fn)
{
	struct mlxsim_ib *ib = fn->ib;

	if (!ib)
		return;
	WARN_ON_ONCE(fn->ddir);
	trace_mlxsim_ib_unregister(fn->p.id, mlxsim_ib_events_total(ib));
	/* no port event reaches ib after this; the guests' devices go first */
	if (!mlxsim_ib_is_eth(fn))
		mlxsim_ib_fw_events_unregister(ib);
	mlxsim_ib_ag_stop(ib);
	mlxsim_ib_iov_remove(ib);
	mlxsim_ib_vfs_unregister(ib, false);
	spin_lock(&mlxsim_state_lock);
	WRITE_ONCE(fn->ib, NULL);
	spin_unlock(&mlxsim_state_lock);
	ib_unregister_device(&ib->ibdev);
	ib_dealloc_device(&ib->ibdev);
}

/* After the P_Key state (query_pkey reads it), before multiport binds. */
int mlxsim_ib_fn_add(struct mlxsim_fn *fn)
{
	int err;

	lockdep_assert_held(&mlxsim_lock);
	err = mlxsim_add_step(fn, "netdev") ?: mlxsim_ib_netdev_create(fn);
	if (err)
		return err;
	if (!fn->ibdev)
		return 0;
	err = mlxsim_add_step(fn, "ib_register") ?: mlxsim_ib_register(fn);
	if (err)
		mlxsim_ib_netdev_destroy(fn);
	return err;
}

/* After multiport unbinding and debugfs removal, before the P_Key state. */
void mlxsim_ib_fn_remove(struct mlxsim_fn *fn)
{
	lockdep_assert_held(&mlxsim_lock);
	mlxsim_ib_unregister(fn);
	mlxsim_ib_netdev_destroy(fn);
}

static const char *const mlxsim_ib_state_names[] = {
	[IB_PORT_NOP] = "nop",
	[IB_PORT_DOWN] = "down",
	[IB_PORT_INIT] = "init",
	[IB_PORT_ARMED] = "armed",
	[IB_PORT_ACTIVE] = "active",
	[IB_PORT_ACTIVE_DEFER] = "active_defer",
};

/* Tables: the registered name, "-" when not registered. */
const char *mlxsim_ib_name(struct mlxsim_fn *fn)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);

	return ib ? ib->ibdev.name : "-";
}

/* Tables: the port state as ib_core caches it (never sleeps). */
const char *mlxsim_ib_cached_state(struct mlxsim_fn *fn, u32 port)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);
	enum ib_port_state st;

	if (!ib || ib_get_cached_port_state(&ib->ibdev, port, &st) ||
	    st >= ARRAY_SIZE(mlxsim_ib_state_names))
		return "-";
	return mlxsim_ib_state_names[st];
}

/* Tables: a P_Key as ib_core caches it (never sleeps); -ENODEV if none. */
int mlxsim_ib_cached_pkey(struct mlxsim_fn *fn, u32 port, u16 index,
			  u16 *pkey)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);

	if (!ib)
		return -ENODEV;
	return ib_get_cached_pkey(&ib->ibdev, port, index, pkey);
}

int mlxsim_ib_init(void)
{
	int err;

	err = mlxsim_ib_fw_events_init();
	if (err)
		return err;
	err = mlxsim_ib_netdev_notifier_init();
	if (err)
		mlxsim_ib_fw_events_exit();
	return err;
}

void mlxsim_ib_exit(void)
{
	mlxsim_ib_netdev_notifier_exit();
	mlxsim_ib_fw_events_exit();
}
