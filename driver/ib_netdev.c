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
	fn->ndev = dev;
	return 0;
}

/* After every IB port let go of it: ib_core holds a reference till then. */
void mlxsim_ib_netdev_destroy(struct mlxsim_fn *fn)
{
	if (!fn->ndev)
		return;
	unregister_netdev(fn->ndev);
	free_netdev(fn->ndev);
	fn->ndev = NULL;
}
