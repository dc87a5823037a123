// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsim's IB devices as ib_core devices (like rdma_rxe): the few verbs
 * ib_core needs to register a device and show its ports.  No kernel
 * verbs (PD, QP, CQ...) are provided, so ib_core's kernel clients (MAD,
 * CM, SA) do not attach and no QP is ever needed.
 */
#include <linux/debugfs.h>
#include <rdma/ib_cache.h>
#include <rdma/ib_mad.h>

#include "ib_internal.h"
#include "pv_internal.h"
#include "mlxsim_trace.h"

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

/* Each function its own node GUID; the adapter's GUID is the image's. */
static u64 mlxsim_ib_node_guid(struct mlxsim_fn *fn)
{
	return fn->p.guid + ((u64)fn->vhca_id << 32);
}

static int mlxsim_ib_query_device(struct ib_device *ibdev,
				  struct ib_device_attr *attr,
				  struct ib_udata *uhw)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;

	if (uhw && (uhw->inlen || uhw->outlen))
		return -EINVAL;
	memset(attr, 0, sizeof(*attr));
	attr->sys_image_guid = cpu_to_be64(fn->p.guid);
	attr->vendor_id = 0x02c9;		/* Mellanox */
	attr->vendor_part_id = 0x1017;		/* a ConnectX-5 */
	attr->max_mr_size = ~0ULL;
	attr->page_size_cap = PAGE_SIZE;
	attr->max_pkeys = mlxsim_ib_pkey_tbl_len(fn);
	return 0;
}

/* Never fails: a port with no function answers DOWN / DISABLED. */
static int mlxsim_ib_query_port(struct ib_device *ibdev, u32 num,
				struct ib_port_attr *attr)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;
	bool up = mlxsim_port_is_up(mlxsim_ib_port(ibdev, num));

	attr->state = up ? IB_PORT_ACTIVE : IB_PORT_DOWN;
	attr->phys_state = up ? IB_PORT_PHYS_STATE_LINK_UP :
				IB_PORT_PHYS_STATE_DISABLED;
	attr->max_mtu = IB_MTU_4096;
	attr->active_mtu = IB_MTU_1024;
	attr->gid_tbl_len = MLXSIM_IB_GIDS;
	attr->pkey_tbl_len = mlxsim_ib_pkey_tbl_len(fn);
	attr->max_msg_sz = 0x40000000;
	attr->active_width = IB_WIDTH_4X;
	attr->active_speed = IB_SPEED_EDR;
	if (mlxsim_ib_is_eth(fn)) {
		attr->port_cap_flags = IB_PORT_CM_SUP;
		attr->ip_gids = true;
	} else {
		attr->port_cap_flags = IB_PORT_CM_SUP | IB_PORT_SM;
		attr->lid = fn->p.id + num;
		attr->sm_lid = 1;
	}
	return 0;
}

static int mlxsim_ib_get_port_immutable(struct ib_device *ibdev, u32 num,
					struct ib_port_immutable *immutable)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;

	/* the full lengths from the start: they cannot change later */
	immutable->pkey_tbl_len = mlxsim_ib_pkey_tbl_len(fn);
	immutable->gid_tbl_len = MLXSIM_IB_GIDS;
	immutable->max_mad_size = IB_MGMT_MAD_SIZE;
	if (mlxsim_ib_is_eth(fn))
		immutable->core_cap_flags = RDMA_CORE_PORT_IBA_ROCE |
					    RDMA_CORE_PORT_IBA_ROCE_UDP_ENCAP;
	else
		immutable->core_cap_flags = RDMA_CORE_PORT_IBA_IB;
	return 0;
}

/* The physical table, asked of the firmware (mlx4_ib_query_pkey). */
static int mlxsim_ib_query_pkey(struct ib_device *ibdev, u32 num, u16 index,
				u16 *pkey)
{
	return mlxsim_mad_ifc_pkey(to_mlxsim_ib(ibdev)->fn, num, index, pkey);
}

/* IB link only (ib_core keeps RoCE GIDs itself): the port GID at 0. */
static int mlxsim_ib_query_gid(struct ib_device *ibdev, u32 num, int index,
			       union ib_gid *gid)
{
	struct mlxsim_fn *fn = to_mlxsim_ib(ibdev)->fn;

	memset(gid, 0, sizeof(*gid));
	if (index)
		return 0;
	gid->global.subnet_prefix = cpu_to_be64(0xfe80000000000000ULL);
	gid->global.interface_id =
		cpu_to_be64(mlxsim_ib_node_guid(fn) + num);
	return 0;
}

static enum rdma_link_layer mlxsim_ib_get_link_layer(struct ib_device *ibdev,
						     u32 num)
{
	return mlxsim_ib_is_eth(to_mlxsim_ib(ibdev)->fn) ?
	       IB_LINK_LAYER_ETHERNET : IB_LINK_LAYER_INFINIBAND;
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
};

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
	ib->ibdev.node_type = RDMA_NODE_IB_CA;
	ib->ibdev.phys_port_cnt = fn->ibdev->nports;
	ib->ibdev.num_comp_vectors = 1;
	ib->ibdev.node_guid = cpu_to_be64(mlxsim_ib_node_guid(fn));
	ib->ibdev.dev.parent = &fn->dev;
	strscpy(ib->ibdev.node_desc, "mlxsim simulated device",
		sizeof(ib->ibdev.node_desc));
	ib_set_device_ops(&ib->ibdev, &mlxsim_ib_ops);

	err = mlxsim_ib_own_netdevs(ib);
	if (!err) {
		snprintf(name, sizeof(name), DRV_NAME "%u", fn->p.id);
		err = mlxsim_add_step(fn, "ib_device") ?:
		      ib_register_device(&ib->ibdev, name, NULL);
	}
	trace_mlxsim_ib_register(fn->p.id, mlxsim_ib_node_guid(fn),
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
	mlxsim_ib_events_debugfs_init(ib);
	return 0;
}

/* fn's debugfs is gone already: no handler can see fn->ib any more. */
static void mlxsim_ib_unregister(struct mlxsim_fn *fn)
{
	struct mlxsim_ib *ib = fn->ib;

	if (!ib)
		return;
	WARN_ON_ONCE(fn->ddir);
	trace_mlxsim_ib_unregister(fn->p.id, mlxsim_ib_events_total(ib));
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
	return mlxsim_ib_netdev_notifier_init();
}

void mlxsim_ib_exit(void)
{
	mlxsim_ib_netdev_notifier_exit();
}
