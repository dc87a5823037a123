// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel verbs, just enough for ib_core's MAD layer (ib_mad, and through
 * it ib_sa, ib_cm, ib_umad): PDs, CQs, each port's special QPs QP0 (SMI,
 * IB link only) and QP1 (GSI), address handles and the DMA MR ib_core
 * asks for.  Kernel consumers only: no uverbs, no other QP types.
 * Buffers are kernel virtual addresses (ib_core's virt DMA, as rxe and
 * siw use it): the device is simulated, nothing is mapped.
 *
 * A send goes to the HCA's wire at once (sim/wire.c), which puts it in
 * the receive queue of the port it is for, possibly this QP's own, then
 * completes; completions only queue ib_core's CQ work, so nothing here
 * calls back into a MAD layer that may hold its own locks around us.
 */
#include <linux/slab.h>
#include <linux/version.h>
#include <rdma/ib_mad.h>

#include "ib_internal.h"

/* What one QP or CQ may ask for: bounds what a kernel consumer pins. */
#define MLXSIM_QP_MAX_WR 4096
#define MLXSIM_QP_MAX_SEND_SGE 2	/* ib_mad: header + data */
#define MLXSIM_QP_MAX_RECV_SGE 1
#define MLXSIM_CQ_MAX_CQE 8192
#define MLXSIM_GRH_BYTES 40

/* Q_Keys with the high bit set mean "use the QP's own" (IBA 10.2.5). */
#define MLXSIM_QKEY_USE_QP 0x80000000

struct mlxsim_pd {
	struct ib_pd ibpd;
};

struct mlxsim_ah {
	struct ib_ah ibah;
	struct rdma_ah_attr attr;
};

struct mlxsim_mr {
	struct ib_mr ibmr;
};

struct mlxsim_cq {
	struct ib_cq ibcq;
	spinlock_t lock;	/* everything below */
	struct ib_wc *ring;
	u32 size, head, count;
	bool armed;		/* a completion notifies ib_core */
	u64 overruns;
};

struct mlxsim_rwqe {
	u64 wr_id;		/* or the ib_cqe, the same bits */
	u64 addr;
	u32 length;
};

struct mlxsim_qp {
	struct ib_qp ibqp;
	struct mlxsim_wire_ep ep;
	spinlock_t lock;	/* everything below */
	enum ib_qp_state state;
	u32 qkey;
	u16 pkey_index;
	bool sig_all;
	struct mlxsim_rwqe *rq;
	u32 rq_size, rq_head, rq_count;
};

static struct mlxsim_cq *to_mlxsim_cq(struct ib_cq *ibcq)
{
	return container_of(ibcq, struct mlxsim_cq, ibcq);
}

static struct mlxsim_qp *to_mlxsim_qp(struct ib_qp *ibqp)
{
	return container_of(ibqp, struct mlxsim_qp, ibqp);
}

static int mlxsim_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	return udata ? -EOPNOTSUPP : 0;
}

static int mlxsim_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	return 0;
}

/* ib_alloc_pd() never asks (IBK_LOCAL_DMA_LKEY); ib_core wants one. */
static struct ib_mr *mlxsim_get_dma_mr(struct ib_pd *ibpd, int access)
{
	struct mlxsim_mr *mr = kzalloc(sizeof(*mr), GFP_KERNEL);

	return mr ? &mr->ibmr : ERR_PTR(-ENOMEM);
}

static struct ib_mr *mlxsim_reg_user_mr(struct ib_pd *ibpd, u64 start,
					u64 length, u64 virt, int access,
					struct ib_udata *udata)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static int mlxsim_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata)
{
	kfree(container_of(ibmr, struct mlxsim_mr, ibmr));
	return 0;
}

static int mlxsim_create_ah(struct ib_ah *ibah,
			    struct rdma_ah_init_attr *init,
			    struct ib_udata *udata)
{
	struct mlxsim_ah *ah = container_of(ibah, struct mlxsim_ah, ibah);

	if (udata)
		return -EOPNOTSUPP;
	if (!rdma_is_port_valid(ibah->device, rdma_ah_get_port_num(init->ah_attr)))
		return -EINVAL;
	ah->attr = *init->ah_attr;
	return 0;
}

static int mlxsim_query_ah(struct ib_ah *ibah, struct rdma_ah_attr *attr)
{
	*attr = container_of(ibah, struct mlxsim_ah, ibah)->attr;
	return 0;
}

static int mlxsim_destroy_ah(struct ib_ah *ibah, u32 flags)
{
	return 0;
}

/* 6.12 hands create_cq the uverbs bundle instead of udata */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define MLXSIM_CQ_UCTX struct uverbs_attr_bundle *attrs
#define MLXSIM_CQ_USER (attrs)
#else
#define MLXSIM_CQ_UCTX struct ib_udata *udata
#define MLXSIM_CQ_USER (udata)
#endif

static int mlxsim_create_cq(struct ib_cq *ibcq,
			    const struct ib_cq_init_attr *attr, MLXSIM_CQ_UCTX)
{
	struct mlxsim_cq *cq = to_mlxsim_cq(ibcq);

	if (MLXSIM_CQ_USER || attr->flags)
		return -EOPNOTSUPP;
	if (!attr->cqe || attr->cqe > MLXSIM_CQ_MAX_CQE)
		return -EINVAL;
	cq->ring = kvcalloc(attr->cqe, sizeof(*cq->ring), GFP_KERNEL);
	if (!cq->ring)
		return -ENOMEM;
	spin_lock_init(&cq->lock);
	cq->size = attr->cqe;
	ibcq->cqe = attr->cqe;
	return 0;
}

static int mlxsim_destroy_cq(struct ib_cq *ibcq, struct ib_udata *udata)
{
	kvfree(to_mlxsim_cq(ibcq)->ring);
	return 0;
}

/*
 * One completion.  A full CQ loses it (an overrun, counted: ib_mad sizes
 * its CQ for every WR it posts, so it never happens to it).
 */
static void mlxsim_cq_push(struct mlxsim_cq *cq, const struct ib_wc *wc)
{
	unsigned long flags;
	bool notify = false;

	spin_lock_irqsave(&cq->lock, flags);
	if (cq->count == cq->size) {
		cq->overruns++;
	} else {
		cq->ring[(cq->head + cq->count) % cq->size] = *wc;
		cq->count++;
		notify = cq->armed;
		cq->armed = false;
	}
	spin_unlock_irqrestore(&cq->lock, flags);
	/* ib_core's handler only queues its poll work */
	if (notify && cq->ibcq.comp_handler)
		cq->ibcq.comp_handler(&cq->ibcq, cq->ibcq.cq_context);
}

static int mlxsim_poll_cq(struct ib_cq *ibcq, int n, struct ib_wc *wc)
{
	struct mlxsim_cq *cq = to_mlxsim_cq(ibcq);
	unsigned long flags;
	int i;

	spin_lock_irqsave(&cq->lock, flags);
	for (i = 0; i < n && cq->count; i++) {
		wc[i] = cq->ring[cq->head];
		cq->head = (cq->head + 1) % cq->size;
		cq->count--;
	}
	spin_unlock_irqrestore(&cq->lock, flags);
	return i;
}

static int mlxsim_req_notify_cq(struct ib_cq *ibcq,
				enum ib_cq_notify_flags flags)
{
	struct mlxsim_cq *cq = to_mlxsim_cq(ibcq);
	unsigned long irqflags;
	int missed = 0;

	spin_lock_irqsave(&cq->lock, irqflags);
	/* solicited-only is next-completion here: every MAD is solicited */
	if (flags & IB_CQ_SOLICITED_MASK)
		cq->armed = true;
	if ((flags & IB_CQ_REPORT_MISSED_EVENTS) && cq->count)
		missed = 1;
	spin_unlock_irqrestore(&cq->lock, irqflags);
	return missed;
}

static void mlxsim_qp_complete(struct ib_cq *ibcq, struct mlxsim_qp *qp,
			       u64 wr_id, enum ib_wc_opcode op,
			       enum ib_wc_status status, u32 len)
{
	struct ib_wc wc = {
		.wr_id = wr_id,
		.status = status,
		.opcode = op,
		.byte_len = len,
		.qp = &qp->ibqp,
		.port_num = qp->ibqp.port,
	};

	mlxsim_cq_push(to_mlxsim_cq(ibcq), &wc);
}

/* Moving to ERR flushes the receive queue; RESET discards it. */
static void mlxsim_qp_flush_rq(struct mlxsim_qp *qp, bool complete)
{
	struct mlxsim_rwqe w;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&qp->lock, flags);
		if (!qp->rq_count) {
			spin_unlock_irqrestore(&qp->lock, flags);
			return;
		}
		w = qp->rq[qp->rq_head];
		qp->rq_head = (qp->rq_head + 1) % qp->rq_size;
		qp->rq_count--;
		spin_unlock_irqrestore(&qp->lock, flags);
		if (complete)
			mlxsim_qp_complete(qp->ibqp.recv_cq, qp, w.wr_id,
					   IB_WC_RECV, IB_WC_WR_FLUSH_ERR, 0);
	}
}

/*
 * A packet for this QP from the wire (under the wire's spinlock): into
 * the next posted receive buffer, GRH space first as ib_mad expects.
 * The completion says in vendor_err how the packet came (an enum
 * mlxsim_mad_source; vendor_err means nothing on success), for
 * process_mad's trace.
 */
static int mlxsim_qp_rx(struct mlxsim_wire_ep *ep, const struct mlxsim_pkt *pkt)
{
	struct mlxsim_qp *qp = container_of(ep, struct mlxsim_qp, ep);
	enum ib_wc_status status = IB_WC_SUCCESS;
	struct mlxsim_rwqe w;
	struct ib_wc wc;
	u8 *buf;

	spin_lock(&qp->lock);
	if (qp->state != IB_QPS_RTR && qp->state != IB_QPS_RTS) {
		spin_unlock(&qp->lock);
		return -EAGAIN;
	}
	if (!qp->rq_count) {
		spin_unlock(&qp->lock);
		return -ENOBUFS;
	}
	w = qp->rq[qp->rq_head];
	qp->rq_head = (qp->rq_head + 1) % qp->rq_size;
	qp->rq_count--;
	buf = (u8 *)(uintptr_t)w.addr;
	if (w.length < MLXSIM_GRH_BYTES + pkt->len) {
		status = IB_WC_LOC_LEN_ERR;
	} else {
		if (pkt->grh)
			memcpy(buf, pkt->grh_bytes, MLXSIM_GRH_BYTES);
		memcpy(buf + MLXSIM_GRH_BYTES, pkt->mad, pkt->len);
	}
	spin_unlock(&qp->lock);

	wc = (struct ib_wc) {
		.wr_id = w.wr_id,
		.status = status,
		.opcode = IB_WC_RECV,
		.vendor_err = pkt->source,
		.byte_len = MLXSIM_GRH_BYTES + pkt->len,
		.qp = &qp->ibqp,
		.src_qp = pkt->src_qp,
		.wc_flags = pkt->grh ? IB_WC_GRH : 0,
		.pkey_index = pkt->pkey_index,
		.slid = pkt->slid,
		.sl = pkt->sl,
		.port_num = qp->ibqp.port,
	};
	mlxsim_cq_push(to_mlxsim_cq(qp->ibqp.recv_cq), &wc);
	return 0;
}

static int mlxsim_create_qp(struct ib_qp *ibqp, struct ib_qp_init_attr *init,
			    struct ib_udata *udata)
{
	struct mlxsim_ib_verbs *v = to_mlxsim_verbs(ibqp->device);
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	struct ib_qp_cap *cap = &init->cap;
	u32 port = init->port_num, qpn;
	int err = 0;

	if (udata || init->srq || init->create_flags)
		return -EOPNOTSUPP;
	if (init->qp_type != IB_QPT_SMI && init->qp_type != IB_QPT_GSI)
		return -EOPNOTSUPP;
	if (!rdma_is_port_valid(ibqp->device, port) ||
	    (init->qp_type == IB_QPT_SMI && !rdma_cap_ib_smi(ibqp->device, port)))
		return -EINVAL;
	if (!cap->max_send_wr || cap->max_send_wr > MLXSIM_QP_MAX_WR ||
	    !cap->max_recv_wr || cap->max_recv_wr > MLXSIM_QP_MAX_WR ||
	    cap->max_send_sge > MLXSIM_QP_MAX_SEND_SGE ||
	    cap->max_recv_sge > MLXSIM_QP_MAX_RECV_SGE || cap->max_inline_data)
		return -EINVAL;
	qpn = init->qp_type == IB_QPT_SMI ? 0 : 1;

	qp->rq = kvcalloc(cap->max_recv_wr, sizeof(*qp->rq), GFP_KERNEL);
	if (!qp->rq)
		return -ENOMEM;
	spin_lock_init(&qp->lock);
	qp->rq_size = cap->max_recv_wr;
	qp->state = IB_QPS_RESET;
	qp->sig_all = init->sq_sig_type == IB_SIGNAL_ALL_WR;
	qp->ep.rx = mlxsim_qp_rx;
	ibqp->qp_num = qpn;

	/* one of each per port, as the hardware has */
	spin_lock(&v->lock);
	if (v->sqp[port - 1][qpn])
		err = -EBUSY;
	else
		v->sqp[port - 1][qpn] = qp;
	spin_unlock(&v->lock);
	if (err) {
		kvfree(qp->rq);
		return err;
	}
	cap->max_inline_data = 0;
	if (v->wire_fn)
		mlxsim_wire_attach(v->wire_fn, port, qpn, &qp->ep);
	return 0;
}

static int mlxsim_modify_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr,
			    int mask, struct ib_udata *udata)
{
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	enum ib_qp_state cur, next;
	unsigned long flags;
	u16 pkeys;

	if (udata)
		return -EOPNOTSUPP;
	pkeys = ibqp->device->port_data[ibqp->port].immutable.pkey_tbl_len;
	spin_lock_irqsave(&qp->lock, flags);
	cur = mask & IB_QP_CUR_STATE ? attr->cur_qp_state : qp->state;
	next = mask & IB_QP_STATE ? attr->qp_state : cur;
	if (cur != qp->state || !ib_modify_qp_is_ok(cur, next, ibqp->qp_type, mask) ||
	    ((mask & IB_QP_PKEY_INDEX) && attr->pkey_index >= pkeys)) {
		spin_unlock_irqrestore(&qp->lock, flags);
		return -EINVAL;
	}
	if (mask & IB_QP_PKEY_INDEX)
		qp->pkey_index = attr->pkey_index;
	if (mask & IB_QP_QKEY)
		qp->qkey = attr->qkey;
	qp->state = next;
	spin_unlock_irqrestore(&qp->lock, flags);

	if (next == IB_QPS_ERR || next == IB_QPS_RESET)
		mlxsim_qp_flush_rq(qp, next == IB_QPS_ERR);
	return 0;
}

static int mlxsim_query_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr,
			   int mask, struct ib_qp_init_attr *init)
{
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	unsigned long flags;

	memset(attr, 0, sizeof(*attr));
	memset(init, 0, sizeof(*init));
	spin_lock_irqsave(&qp->lock, flags);
	attr->qp_state = qp->state;
	attr->cur_qp_state = qp->state;
	attr->qkey = qp->qkey;
	attr->pkey_index = qp->pkey_index;
	attr->cap.max_recv_wr = qp->rq_size;
	spin_unlock_irqrestore(&qp->lock, flags);
	attr->port_num = ibqp->port;
	init->qp_type = ibqp->qp_type;
	init->port_num = ibqp->port;
	init->cap = attr->cap;
	return 0;
}

static int mlxsim_destroy_qp(struct ib_qp *ibqp, struct ib_udata *udata)
{
	struct mlxsim_ib_verbs *v = to_mlxsim_verbs(ibqp->device);
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	u32 port = ibqp->port;

	/* nothing arrives once detached: the buffers can go */
	if (v->wire_fn)
		mlxsim_wire_detach(v->wire_fn, port, ibqp->qp_num);
	spin_lock(&v->lock);
	v->sqp[port - 1][ibqp->qp_num] = NULL;
	spin_unlock(&v->lock);
	kvfree(qp->rq);
	return 0;
}

static int mlxsim_post_recv(struct ib_qp *ibqp, const struct ib_recv_wr *wr,
			    const struct ib_recv_wr **bad)
{
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&qp->lock, flags);
	for (; wr; wr = wr->next) {
		struct mlxsim_rwqe *w;

		if (qp->state == IB_QPS_RESET || wr->num_sge != 1) {
			err = -EINVAL;
			break;
		}
		if (qp->rq_count == qp->rq_size) {
			err = -ENOMEM;
			break;
		}
		w = &qp->rq[(qp->rq_head + qp->rq_count) % qp->rq_size];
		w->wr_id = wr->wr_id;
		w->addr = wr->sg_list[0].addr;
		w->length = wr->sg_list[0].length;
		qp->rq_count++;
	}
	spin_unlock_irqrestore(&qp->lock, flags);
	if (err)
		*bad = wr;
	return err;
}

/* The WR's gather list as one MAD; -EMSGSIZE when it does not fit. */
static int mlxsim_gather(const struct ib_send_wr *wr, u8 *buf, u32 *len)
{
	int i;

	*len = 0;
	for (i = 0; i < wr->num_sge; i++) {
		const struct ib_sge *sge = &wr->sg_list[i];

		if (sge->length > MLXSIM_MAD_BYTES - *len)
			return -EMSGSIZE;
		memcpy(buf + *len, (void *)(uintptr_t)sge->addr, sge->length);
		*len += sge->length;
	}
	return 0;
}

static int mlxsim_send_one(struct mlxsim_qp *qp, const struct ib_send_wr *wr)
{
	const struct ib_ud_wr *ud = ud_wr(wr);
	struct mlxsim_ib_verbs *v = to_mlxsim_verbs(qp->ibqp.device);
	struct mlxsim_ah *ah = container_of(ud->ah, struct mlxsim_ah, ibah);
	enum ib_wc_status status = IB_WC_SUCCESS;
	u8 buf[MLXSIM_MAD_BYTES] = {};
	struct mlxsim_pkt pkt = {
		.mad = buf,
		.len = MLXSIM_MAD_BYTES,
		.src_qp = qp->ibqp.qp_num,
		.dest_qp = ud->remote_qpn,
		.qkey = ud->remote_qkey & MLXSIM_QKEY_USE_QP ? qp->qkey :
							      ud->remote_qkey,
		.dlid = rdma_ah_get_dlid(&ah->attr),
		.sl = rdma_ah_get_sl(&ah->attr),
		.pkey_index = ud->pkey_index,
	};
	u32 len;

	if (wr->opcode != IB_WR_SEND && wr->opcode != IB_WR_SEND_WITH_IMM)
		return -EINVAL;
	if (wr->num_sge > MLXSIM_QP_MAX_SEND_SGE)
		return -EINVAL;
	if (mlxsim_gather(wr, buf, &len))
		status = IB_WC_LOC_LEN_ERR;
	else if (v->wire_fn)
		mlxsim_wire_xmit(v->wire_fn, qp->ibqp.port, &pkt);
	/* a guest's QP0/QP1 have no wire of their own (mlx4 tunnels them) */
	/* UD: the send is done once on the wire, delivered or not */
	if (qp->sig_all || (wr->send_flags & IB_SEND_SIGNALED) || status)
		mlxsim_qp_complete(qp->ibqp.send_cq, qp, wr->wr_id,
				   IB_WC_SEND, status, len);
	return 0;
}

static int mlxsim_post_send(struct ib_qp *ibqp, const struct ib_send_wr *wr,
			    const struct ib_send_wr **bad)
{
	struct mlxsim_qp *qp = to_mlxsim_qp(ibqp);
	enum ib_qp_state state;
	unsigned long flags;
	int err = 0;

	for (; wr && !err; wr = err ? wr : wr->next) {
		spin_lock_irqsave(&qp->lock, flags);
		state = qp->state;
		spin_unlock_irqrestore(&qp->lock, flags);
		/* not under qp->lock: a loopback lands in our own queue */
		err = state == IB_QPS_RTS ? mlxsim_send_one(qp, wr) : -EINVAL;
	}
	if (err)
		*bad = wr;
	return err;
}

static const struct ib_device_ops mlxsim_ib_verbs_ops = {
	.alloc_pd = mlxsim_alloc_pd,
	.dealloc_pd = mlxsim_dealloc_pd,
	.get_dma_mr = mlxsim_get_dma_mr,
	.reg_user_mr = mlxsim_reg_user_mr,
	.dereg_mr = mlxsim_dereg_mr,
	.create_ah = mlxsim_create_ah,
	.query_ah = mlxsim_query_ah,
	.destroy_ah = mlxsim_destroy_ah,
	.create_cq = mlxsim_create_cq,
	.destroy_cq = mlxsim_destroy_cq,
	.poll_cq = mlxsim_poll_cq,
	.req_notify_cq = mlxsim_req_notify_cq,
	.create_qp = mlxsim_create_qp,
	.modify_qp = mlxsim_modify_qp,
	.query_qp = mlxsim_query_qp,
	.destroy_qp = mlxsim_destroy_qp,
	.post_send = mlxsim_post_send,
	.post_recv = mlxsim_post_recv,

	INIT_RDMA_OBJ_SIZE(ib_ah, mlxsim_ah, ibah),
	INIT_RDMA_OBJ_SIZE(ib_cq, mlxsim_cq, ibcq),
	INIT_RDMA_OBJ_SIZE(ib_pd, mlxsim_pd, ibpd),
	INIT_RDMA_OBJ_SIZE(ib_qp, mlxsim_qp, ibqp),
};

/* The limits query_device reports, and the verbs themselves. */
void mlxsim_ib_verbs_init(struct ib_device *ibdev, struct ib_device_attr *attr)
{
	u32 ports = ibdev->phys_port_cnt;

	attr->kernel_cap_flags |= IBK_LOCAL_DMA_LKEY;
	attr->max_qp = 2 * ports;
	attr->max_qp_wr = MLXSIM_QP_MAX_WR;
	attr->max_send_sge = MLXSIM_QP_MAX_SEND_SGE;
	attr->max_recv_sge = MLXSIM_QP_MAX_RECV_SGE;
	attr->max_sge_rd = 1;
	attr->max_cq = 2 * ports;
	attr->max_cqe = MLXSIM_CQ_MAX_CQE;
	attr->max_pd = 64;
	attr->max_ah = 4096;
	attr->max_mr = 64;
}

void mlxsim_ib_verbs_set_ops(struct ib_device *ibdev,
			     struct mlxsim_ib_verbs *verbs,
			     struct mlxsim_fn *wire_fn)
{
	/* the verbs find @verbs through the device (to_mlxsim_verbs()) */
	WARN_ON(to_mlxsim_verbs(ibdev) != verbs);
	spin_lock_init(&verbs->lock);
	verbs->wire_fn = wire_fn;
	ib_set_device_ops(ibdev, &mlxsim_ib_verbs_ops);
}
