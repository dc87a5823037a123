// SPDX-License-Identifier: GPL-2.0
/*
 * The wire between the simulated HCAs' IB ports, cabled as netdevsim's
 * link_device cables netdevs: what QP0 and QP1 of a port send goes to
 * the port that owns its destination.  Directed-route SMPs go to the
 * cable's other end (a CA forwards none, and none comes back to the port
 * that sent it: OpenSM takes a port linked to itself for a duplicate
 * GUID); LID-routed SMPs and GMPs go by DLID, the port's own LIDs
 * looping back inside the HCA as real HCAs do.  What has nowhere to go
 * is dropped and counted.
 *
 * mlxsim_wire_lock (irq-safe: ib_mad posts sends under its own irqsave
 * lock) covers the cables and the endpoints; each firmware's fw->lock
 * nests inside it, for the SMA state and the counters.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mlxsim.h"

#define MLXSIM_QP1_QKEY 0x80010000

static DEFINE_SPINLOCK(mlxsim_wire_lock);

static struct mlxsim_fw_port *mlxsim_wire_port(struct mlxsim_fn *fn, u32 port)
{
	return &fn->fw.port[port - 1];
}

void mlxsim_wire_attach(struct mlxsim_fn *fn, u32 port, u32 qpn,
			struct mlxsim_wire_ep *ep)
{
	unsigned long flags;

	spin_lock_irqsave(&mlxsim_wire_lock, flags);
	mlxsim_wire_port(fn, port)->ep[qpn] = ep;
	spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
}

/* After it returns, the HCA delivers nothing more to the endpoint. */
void mlxsim_wire_detach(struct mlxsim_fn *fn, u32 port, u32 qpn)
{
	mlxsim_wire_attach(fn, port, qpn, NULL);
}

void mlxsim_wire_peer(struct mlxsim_fn *fn, u32 port, s32 *peer_fn,
		      u8 *peer_port)
{
	struct mlxsim_fw_port *fp = mlxsim_wire_port(fn, port);
	unsigned long flags;

	spin_lock_irqsave(&mlxsim_wire_lock, flags);
	*peer_fn = fp->peer ? (s32)fp->peer->p.id : -1;
	*peer_port = fp->peer ? fp->peer_port : 0;
	spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
}

/* What routing needs of a port: its state and its LIDs (not a copy of it). */
struct mlxsim_wire_view {
	u8 state;
	u8 lmc;
	u16 lid;
};

static struct mlxsim_wire_view mlxsim_wire_sma(struct mlxsim_fn *fn, u32 port)
{
	const struct mlxsim_sma_port *p = &fn->fw.sma.port[port - 1];
	struct mlxsim_wire_view v;

	spin_lock(&fn->fw.lock);
	v.state = p->state;
	v.lmc = p->lmc;
	v.lid = p->lid;
	spin_unlock(&fn->fw.lock);
	return v;
}

static bool mlxsim_wire_owns_lid(const struct mlxsim_wire_view *v, u16 lid)
{
	return mlxsim_lid_owned(v->lid, v->lmc, lid);
}

static void mlxsim_wire_count(struct mlxsim_fn *fn, u32 port, u32 bytes,
			      bool xmit)
{
	spin_lock(&fn->fw.lock);
	if (xmit)
		mlxsim_pma_count_xmit(&fn->fw.sma, port, bytes);
	else
		mlxsim_pma_count_rcv(&fn->fw.sma, port, bytes);
	spin_unlock(&fn->fw.lock);
}

static void mlxsim_wire_drop(struct mlxsim_fn *fn, u32 port, bool discard)
{
	spin_lock(&fn->fw.lock);
	mlxsim_wire_port(fn, port)->dropped++;
	if (discard)
		mlxsim_pma_count_discard(&fn->fw.sma, port);
	spin_unlock(&fn->fw.lock);
}

/*
 * Where a packet from (fn, port) goes: false if nowhere.  Under the
 * wire's lock, which keeps the peer.
 */
static bool mlxsim_wire_route(struct mlxsim_fn *fn, u32 port,
			      struct mlxsim_pkt *pkt, struct mlxsim_fn **dfn,
			      u32 *dport)
{
	struct mlxsim_fw_port *fp = mlxsim_wire_port(fn, port);
	struct mlxsim_wire_view me = mlxsim_wire_sma(fn, port), peer = {};
	bool smp = pkt->dest_qp == 0;

	if (fp->peer)
		peer = mlxsim_wire_sma(fp->peer, fp->peer_port);
	pkt->slid = me.lid;
	/* directed route: hop by hop, always across the cable */
	if (smp && pkt->mad[MLXSIM_MAD_OFF_CLASS] == MLXSIM_MGMT_CLASS_SMI_DR) {
		pkt->source = MLXSIM_MAD_SRC_WIRE;
		*dfn = fp->peer;
		*dport = fp->peer_port;
		return fp->peer;
	}
	/* IBA 7.2: outside ACTIVE a port sends and takes SMPs only */
	if (!smp && (me.state != MLXSIM_IB_PORT_ACTIVE || pkt->dest_qp != 1))
		return false;
	if (mlxsim_wire_owns_lid(&me, pkt->dlid)) {
		pkt->source = MLXSIM_MAD_SRC_LOOPBACK;
		*dfn = fn;
		*dport = port;
		return true;
	}
	if (!fp->peer)
		return false;
	if ((smp && pkt->dlid == MLXSIM_LID_PERMISSIVE) ||
	    (mlxsim_wire_owns_lid(&peer, pkt->dlid) &&
	     (smp || peer.state == MLXSIM_IB_PORT_ACTIVE))) {
		pkt->source = MLXSIM_MAD_SRC_WIRE;
		*dfn = fp->peer;
		*dport = fp->peer_port;
		return true;
	}
	return false;
}

void mlxsim_wire_xmit(struct mlxsim_fn *fn, u32 port, struct mlxsim_pkt *pkt)
{
	struct mlxsim_wire_ep *ep;
	struct mlxsim_fn *dfn;
	unsigned long flags;
	u32 dport, qp;

	spin_lock_irqsave(&mlxsim_wire_lock, flags);
	if (!mlxsim_wire_route(fn, port, pkt, &dfn, &dport)) {
		mlxsim_wire_drop(fn, port, true);
		goto out;
	}
	mlxsim_wire_count(fn, port, pkt->len, true);
	qp = pkt->dest_qp ? 1 : 0;
	ep = mlxsim_wire_port(dfn, dport)->ep[qp];
	/* a GMP's Q_Key must be QP1's (IBA 10.2.5) */
	if (qp && pkt->qkey != MLXSIM_QP1_QKEY) {
		spin_lock(&dfn->fw.lock);
		dfn->fw.sma.port[dport - 1].qkey_violations++;
		spin_unlock(&dfn->fw.lock);
		ep = NULL;
	}
	if (!ep || ep->rx(ep, pkt)) {
		mlxsim_wire_drop(dfn, dport, false);
		goto out;
	}
	mlxsim_wire_count(dfn, dport, pkt->len, false);
out:
	spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
}

/* A cable end: an IB port of a function. */
static int mlxsim_wire_end_ok(struct mlxsim_fn *fn, u32 port)
{
	if (fn->p.link != MLXSIM_LINK_IB || port < 1 ||
	    port > fn->fw.sma.ports)
		return -EINVAL;
	return 0;
}

static void mlxsim_wire_set_link(struct mlxsim_fn *fn, u32 port, bool up)
{
	struct mlxsim_sma_change chg;

	spin_lock(&fn->fw.lock);
	mlxsim_sma_link(&fn->fw.sma, port, up, &chg);
	spin_unlock(&fn->fw.lock);
	if (chg.port)
		mlxsim_fw_port_changed(fn, &chg, up ? MLXSIM_SMA_CAUSE_LINK_UP :
						      MLXSIM_SMA_CAUSE_LINK_DOWN);
}

int mlxsim_wire_link(struct mlxsim_fn *a, u32 pa, struct mlxsim_fn *b, u32 pb)
{
	struct mlxsim_fw_port *ea, *eb;
	unsigned long flags;
	int err;

	lockdep_assert_held(&mlxsim_lock);
	err = mlxsim_wire_end_ok(a, pa) ?: mlxsim_wire_end_ok(b, pb);
	if (err)
		return err;
	if (a == b && pa == pb)
		return -EINVAL;
	ea = mlxsim_wire_port(a, pa);
	eb = mlxsim_wire_port(b, pb);
	spin_lock_irqsave(&mlxsim_wire_lock, flags);
	if (ea->peer || eb->peer) {
		err = -EBUSY;
	} else {
		ea->peer = b;
		ea->peer_port = pb;
		eb->peer = a;
		eb->peer_port = pa;
	}
	spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
	if (err)
		return err;
	/* both ends train: LinkUp, logical INIT until an SM activates them */
	mlxsim_wire_set_link(a, pa, true);
	mlxsim_wire_set_link(b, pb, true);
	return 0;
}

int mlxsim_wire_unlink(struct mlxsim_fn *a, u32 pa, struct mlxsim_fn *b,
		       u32 pb)
{
	struct mlxsim_fw_port *ea, *eb;
	unsigned long flags;
	int err;

	lockdep_assert_held(&mlxsim_lock);
	err = mlxsim_wire_end_ok(a, pa) ?: mlxsim_wire_end_ok(b, pb);
	if (err)
		return err;
	ea = mlxsim_wire_port(a, pa);
	eb = mlxsim_wire_port(b, pb);
	spin_lock_irqsave(&mlxsim_wire_lock, flags);
	if (ea->peer != b || ea->peer_port != pb) {
		err = -ENOENT;
	} else {
		ea->peer = NULL;
		ea->peer_port = 0;
		eb->peer = NULL;
		eb->peer_port = 0;
	}
	spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
	if (err)
		return err;
	mlxsim_wire_set_link(a, pa, false);
	mlxsim_wire_set_link(b, pb, false);
	return 0;
}

void mlxsim_wire_unplug_all(struct mlxsim_fn *fn)
{
	struct mlxsim_fn *peer;
	unsigned long flags;
	u32 p, pp;

	lockdep_assert_held(&mlxsim_lock);
	for (p = 1; p <= fn->fw.sma.ports; p++) {
		spin_lock_irqsave(&mlxsim_wire_lock, flags);
		peer = mlxsim_wire_port(fn, p)->peer;
		pp = mlxsim_wire_port(fn, p)->peer_port;
		spin_unlock_irqrestore(&mlxsim_wire_lock, flags);
		if (peer)
			mlxsim_wire_unlink(fn, p, peer, pp);
	}
}

/* `links` rows of @fn: each cable once, from its lower (function, port). */
void mlxsim_wire_links_show(struct seq_file *s, struct mlxsim_fn *fn)
{
	s32 peer;
	u32 p;
	u8 pp;

	for (p = 1; p <= fn->fw.sma.ports; p++) {
		mlxsim_wire_peer(fn, p, &peer, &pp);
		if (peer < 0 || (u32)peer < fn->p.id ||
		    ((u32)peer == fn->p.id && pp < p))
			continue;
		seq_printf(s, "%u %u %d %u\n", fn->p.id, p, peer, pp);
	}
}
