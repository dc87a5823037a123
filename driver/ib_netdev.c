// SPDX-License-Identifier: GPL-2.0
/*
 * The Ethernet netdev of an Ethernet function, as a real mlx5 function
 * has one: a software device that drops what it is given.  ib_core finds
 * a RoCE port's GIDs (the default one from the MAC, one per IP address)
 * on the netdev the port is associated with.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "ib_internal.h"

struct mlxsim_netdev_priv {
	struct mlxsim_fn *fn;
};

static netdev_tx_t mlxsim_netdev_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	/* one tx queue and the tx lock: stats need no more */
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops mlxsim_netdev_ops = {
	.ndo_start_xmit = mlxsim_netdev_xmit,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_set_mac_address = eth_mac_addr,
};

static void mlxsim_netdev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &mlxsim_netdev_ops;
	dev->flags |= IFF_NOARP;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
}

int mlxsim_ib_netdev_create(struct mlxsim_fn *fn)
{
	struct mlxsim_netdev_priv *priv;
	struct net_device *dev;
	char name[IFNAMSIZ];
	u8 mac[ETH_ALEN];
	int err;

	if (fn->p.link != MLXSIM_LINK_ETH)
		return 0;
	/* mlxsim<ID> like the IB device, while the ID fits in IFNAMSIZ */
	if (snprintf(name, sizeof(name), DRV_NAME "%u", fn->p.id) >=
	    sizeof(name))
		strscpy(name, "eth%d", sizeof(name));
	dev = alloc_netdev(sizeof(*priv), name, NET_NAME_PREDICTABLE,
			   mlxsim_netdev_setup);
	if (!dev)
		return -ENOMEM;
	priv = netdev_priv(dev);
	priv->fn = fn;
	/* locally administered, the function id in the low four bytes */
	mac[0] = 0x02;
	mac[1] = 0xc9;
	mac[2] = fn->p.id >> 24;
	mac[3] = fn->p.id >> 16;
	mac[4] = fn->p.id >> 8;
	mac[5] = fn->p.id;
	eth_hw_addr_set(dev, mac);
	SET_NETDEV_DEV(dev, &fn->dev);

	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	/*
	 * Up from the start, as a distribution brings up a new NIC: a
	 * RoCE port is ACTIVE only while its netdev runs.  A failure only
	 * leaves it down for the user to bring up.
	 */
	rtnl_lock();
	err = dev_open(dev, NULL);
	rtnl_unlock();
	if (err)
		netdev_warn(dev, "left down: %d\n", err);
	WRITE_ONCE(fn->ndev, dev);
	return 0;
}

/*
 * The IB port a function's netdev backs: its own device's port, or the
 * master's port it is bound to.  Under mlxsim_state_lock.
 */
static void mlxsim_netdev_sync_ports(struct mlxsim_fn *fn)
{
	struct mlxsim_fn *m = fn;
	struct mlxsim_ib *ib;
	u32 i;

	if (fn->mp && fn->mp->node.master) {
		m = mlxsim_mp_node_fn(fn->mp->node.master);
		/* pairs with the release in mlxsim_ib_register() */
		ib = smp_load_acquire(&m->ib);
		if (ib)
			mlxsim_ib_port_sync(ib, fn->mp->node.port);
		return;
	}
	/* pairs with the release in mlxsim_ib_register() */
	ib = smp_load_acquire(&m->ib);
	if (!ib)
		return;
	for (i = 0; i < m->ibdev->nports; i++)
		if (READ_ONCE(m->ibdev->port[i].fn) == fn)
			mlxsim_ib_port_sync(ib, i + 1);
}

/* Our netdevs going up or down, or their carrier: RoCE port state. */
static int mlxsim_netdev_event(struct notifier_block *nb, unsigned long ev,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct mlxsim_netdev_priv *priv;

	if (dev->netdev_ops != &mlxsim_netdev_ops)
		return NOTIFY_DONE;
	if (ev != NETDEV_UP && ev != NETDEV_DOWN && ev != NETDEV_CHANGE)
		return NOTIFY_DONE;
	priv = netdev_priv(dev);
	/* not mlxsim_lock: bind holds it while ib_core takes rtnl */
	spin_lock(&mlxsim_state_lock);
	if (READ_ONCE(priv->fn->ndev) == dev)
		mlxsim_netdev_sync_ports(priv->fn);
	spin_unlock(&mlxsim_state_lock);
	return NOTIFY_DONE;
}

static struct notifier_block mlxsim_netdev_nb = {
	.notifier_call = mlxsim_netdev_event,
};

int mlxsim_ib_netdev_notifier_init(void)
{
	return register_netdevice_notifier(&mlxsim_netdev_nb);
}

void mlxsim_ib_netdev_notifier_exit(void)
{
	unregister_netdevice_notifier(&mlxsim_netdev_nb);
}

/* After every IB port let go of it: ib_core holds a reference till then. */
void mlxsim_ib_netdev_destroy(struct mlxsim_fn *fn)
{
	struct net_device *dev = fn->ndev;

	if (!dev)
		return;
	/* the notifier stops looking at fn before the netdev goes */
	spin_lock(&mlxsim_state_lock);
	WRITE_ONCE(fn->ndev, NULL);
	spin_unlock(&mlxsim_state_lock);
	unregister_netdev(dev);
	free_netdev(dev);
}
