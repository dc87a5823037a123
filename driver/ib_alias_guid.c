// SPDX-License-Identifier: GPL-2.0
/*
 * The alias GUID service's SA client (mlx4 alias_GUID.c): per port of an
 * SR-IOV master, a delayed work sends the record due next as an SA
 * GUIDInfoRecord SET or DELETE (ib_sa_guid_info_rec_query) once the
 * port is ACTIVE, and the answer is taken as aliasguid_query_handler
 * takes it.  Record state, admin GUIDs and the GUID cache are the
 * driver's (pv_alias_guid.c) under pv->lock; SA callbacks run in process
 * context (ib_mad's work), so they take it too.  pv->lock is never held
 * across ib_sa calls: a MAD the SA sends may come back into this driver.
 */
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <rdma/ib_sa.h>

#include "ib_internal.h"
#include "pv_internal.h"
#include "mlxsim_trace.h"

/* the SA's answer deadline, as upstream */
#define MLXSIM_AG_SA_TIMEOUT_MS	1000
/* a port not ACTIVE, no memory: try again in 5 s; a failed send: 1 s */
#define MLXSIM_AG_PORT_RETRY_S	5
#define MLXSIM_AG_SEND_RETRY_S	1

struct mlxsim_ag_svc;

struct mlxsim_ag_svc_port {
	struct mlxsim_ag_svc *svc;
	u32 num;
	struct delayed_work work;
	struct list_head queries;	/* in flight, under pv->lock */
};

struct mlxsim_ag_svc {
	struct mlxsim_ib *ib;
	struct ib_sa_client sa_client;
	struct workqueue_struct *wq;
	struct mlxsim_ag_svc_port port[MLXSIM_MAX_PORTS];
};

/* One SA query in flight (mlx4_alias_guid_work_context). */
struct mlxsim_ag_query {
	struct list_head list;
	struct mlxsim_ag_svc_port *p;
	struct mlxsim_ag_req req;
	struct ib_sa_query *sa_query;	/* NULL: being cancelled */
	int query_id;
	/*
	 * The work and the callback each hold one: the answer may come
	 * before ib_sa_guid_info_rec_query() returns (upstream writes
	 * query_id after the callback may have freed the context).
	 */
	refcount_t ref;
	struct completion done;		/* the callback ran (cancel path) */
};

static void mlxsim_ag_query_put(struct mlxsim_ag_query *q)
{
	if (refcount_dec_and_test(&q->ref))
		kfree(q);
}

static u64 mlxsim_ag_now(void)
{
	return ktime_get_boottime_ns();
}

static struct mlxsim_pv *mlxsim_ag_pv(struct mlxsim_ag_svc_port *p)
{
	return p->svc->ib->fn->pv;
}

/* One trace event per entry of @mask of a request. */
static void mlxsim_ag_trace(struct mlxsim_pv *pv, u32 port,
			    const struct mlxsim_ag_req *req, u8 mask,
			    u8 result, const u64 *guid, u32 retry)
{
	u32 i, s;

	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		s = req->block * MLXSIM_AG_PER_REC + i;
		if ((mask & BIT(i)) && s <= pv->vfs)
			trace_mlxsim_guid_assign(mlxsim_pv_id(pv), port, s,
						 req->method, result,
						 guid[i], retry);
	}
}

/* Queue the port's work in @delay_s (under pv->lock: not going down). */
static void __mlxsim_ag_schedule(struct mlxsim_ag_svc_port *p, u32 delay_s)
{
	lockdep_assert_held(&mlxsim_ag_pv(p)->lock);
	if (!mlxsim_ag_pv(p)->ag_going_down)
		mod_delayed_work(p->svc->wq, &p->work, delay_s * HZ);
}

/* The next record is due: when, or never. */
static void __mlxsim_ag_reschedule(struct mlxsim_ag_svc_port *p)
{
	struct mlxsim_pv *pv = mlxsim_ag_pv(p);
	struct mlxsim_ag_req req;
	u32 delay;

	if (mlxsim_ag_next(&pv->ag[p->num - 1], mlxsim_ag_now(), &req, &delay))
		__mlxsim_ag_schedule(p, delay);
}

/* aliasguid_query_handler */
static void mlxsim_ag_answer_cb(int status, struct ib_sa_guidinfo_rec *rec,
				void *context)
{
	struct mlxsim_ag_query *q = context;
	struct mlxsim_ag_svc_port *p = q->p;
	struct mlxsim_pv *pv = mlxsim_ag_pv(p);
	u64 sm[MLXSIM_AG_PER_REC] = { 0 };
	struct mlxsim_ag_outcome out;
	bool ok = !status && rec;
	u32 i, entry;

	mutex_lock(&pv->lock);
	/*
	 * A record of another block answers nothing: a failure, retried in
	 * 1 s (upstream logs it and asks again at once)
	 */
	if (ok && rec->block_num != q->req.block)
		ok = false;
	if (ok)
		for (i = 0; i < MLXSIM_AG_PER_REC; i++)
			sm[i] = mlxsim_get_be64(rec->guid_info_list + 8 * i);
	mlxsim_ag_answer(&pv->ag[p->num - 1], &q->req, ok, sm, mlxsim_ag_now(),
			 &out);
	if (!ok) {
		mlxsim_ag_trace(pv, p->num, &q->req, out.declined,
				MLXSIM_AG_FAILED, q->req.guid, out.retry_s);
		goto out;
	}
	mlxsim_ag_trace(pv, p->num, &q->req, out.kept, MLXSIM_AG_ACCEPTED, sm,
			0);
	mlxsim_ag_trace(pv, p->num, &q->req, out.declined, MLXSIM_AG_DECLINED,
			sm, out.retry_s);
	/* what the SM chose is kept as the admin GUID: asked for next time */
	for (i = 0; i < MLXSIM_AG_PER_REC; i++) {
		entry = q->req.block * MLXSIM_AG_PER_REC + i;
		if ((out.admin & BIT(i)) && entry <= pv->vfs)
			pv->admin_guid[p->num - 1][entry] = sm[i];
	}
	/* for an SM that answers the SA but sends no SubnSet */
	__mlxsim_pv_guid_change(pv, p->num, q->req.block, sm, false);
out:
	__mlxsim_ag_reschedule(p);
	if (q->sa_query) {
		list_del(&q->list);
		mutex_unlock(&pv->lock);
		mlxsim_ag_query_put(q);
		return;
	}
	/* being cancelled: the canceller frees it */
	complete(&q->done);
	mutex_unlock(&pv->lock);
}

/* set_guid_rec, for the record mlxsim_ag_next() picks (alias_guid_work). */
static void mlxsim_ag_work(struct work_struct *work)
{
	struct mlxsim_ag_svc_port *p =
		container_of(to_delayed_work(work), struct mlxsim_ag_svc_port,
			     work);
	struct mlxsim_ib *ib = p->svc->ib;
	struct mlxsim_pv *pv = mlxsim_ag_pv(p);
	struct ib_sa_guidinfo_rec rec = {};
	struct ib_port_attr attr = {};
	struct mlxsim_ag_query *q;
	struct mlxsim_ag_req req;
	ib_sa_comp_mask mask;
	int id;
	u32 i;

	mutex_lock(&pv->lock);
	if (pv->ag_going_down ||
	    !mlxsim_ag_next(&pv->ag[p->num - 1], mlxsim_ag_now(), &req, NULL)) {
		mutex_unlock(&pv->lock);
		return;
	}
	mutex_unlock(&pv->lock);
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		goto resend_later;
	q->req = req;
	/* only an SM that configured the port can answer */
	if (mlxsim_ib_link_query_port(ib->fn, p->num, &attr) ||
	    attr.state != IB_PORT_ACTIVE)
		goto resend_later;

	rec.lid = cpu_to_be16(attr.lid);
	rec.block_num = q->req.block;
	for (i = 0; i < MLXSIM_AG_PER_REC; i++)
		mlxsim_put_be64(rec.guid_info_list + 8 * i, q->req.guid[i]);
	mask = IB_SA_GUIDINFO_REC_LID | IB_SA_GUIDINFO_REC_BLOCK_NUM;
	for (i = 0; i < MLXSIM_AG_PER_REC; i++)
		if (q->req.mask & BIT(i))
			mask |= IB_SA_COMP_MASK(4 + i);
	q->p = p;
	refcount_set(&q->ref, 2);
	init_completion(&q->done);
	q->sa_query = ERR_PTR(-EINPROGRESS);	/* not cancelled */

	mutex_lock(&pv->lock);
	list_add_tail(&q->list, &p->queries);
	mlxsim_ag_trace(pv, p->num, &q->req, q->req.mask, MLXSIM_AG_SENT,
			q->req.guid, 0);
	mutex_unlock(&pv->lock);

	id = ib_sa_guid_info_rec_query(&p->svc->sa_client, &ib->ibdev, p->num,
				       &rec, mask,
				       q->req.method == MLXSIM_AG_METHOD_DELETE ?
				       IB_SA_METHOD_DELETE : IB_MGMT_METHOD_SET,
				       MLXSIM_AG_SA_TIMEOUT_MS, GFP_KERNEL,
				       mlxsim_ag_answer_cb, q, &q->sa_query);
	mutex_lock(&pv->lock);
	if (id >= 0) {
		q->query_id = id;
		mutex_unlock(&pv->lock);
		mlxsim_ag_query_put(q);
		return;
	}
	/* not sent: no callback will come */
	list_del(&q->list);
	mlxsim_ag_resend(&pv->ag[p->num - 1], q->req.block, mlxsim_ag_now(),
			 MLXSIM_AG_SEND_RETRY_S);
	mlxsim_ag_trace(pv, p->num, &q->req, q->req.mask, MLXSIM_AG_FAILED,
			q->req.guid, MLXSIM_AG_SEND_RETRY_S);
	__mlxsim_ag_schedule(p, MLXSIM_AG_SEND_RETRY_S);
	mutex_unlock(&pv->lock);
	kfree(q);
	return;

resend_later:
	/* no memory, or the port is not ACTIVE yet: ask again in 5 s */
	mutex_lock(&pv->lock);
	mlxsim_ag_resend(&pv->ag[p->num - 1], req.block, mlxsim_ag_now(),
			 MLXSIM_AG_PORT_RETRY_S);
	if (q)
		mlxsim_ag_trace(pv, p->num, &req, req.mask, MLXSIM_AG_PORT_DOWN,
				req.guid, MLXSIM_AG_PORT_RETRY_S);
	__mlxsim_ag_schedule(p, MLXSIM_AG_PORT_RETRY_S);
	mutex_unlock(&pv->lock);
	kfree(q);
}

/* mlx4_ib_init_alias_guid_work: run the port's work now (pv->lock held). */
void mlxsim_ib_ag_kick(struct mlxsim_fn *fn, u32 port)
{
	/* pairs with the release in mlxsim_ib_register(): ib is set up */
	struct mlxsim_ib *ib = smp_load_acquire(&fn->ib);

	lockdep_assert_held(&fn->pv->lock);
	if (!ib || !ib->ag || port < 1 || port > MLXSIM_MAX_PORTS)
		return;
	__mlxsim_ag_schedule(&ib->ag->port[port - 1], 0);
}

/* mlx4_ib_init_alias_guid_service, for a master with VFs on IB ports. */
int mlxsim_ib_ag_start(struct mlxsim_ib *ib)
{
	struct mlxsim_pv *pv = ib->fn->pv;
	struct ib_port_attr attr;
	struct mlxsim_ag_svc *svc;
	u32 p;

	if (!pv || !pv->ag)
		return 0;
	svc = kzalloc(sizeof(*svc), GFP_KERNEL);
	if (!svc)
		return -ENOMEM;
	svc->ib = ib;
	svc->wq = alloc_ordered_workqueue(DRV_NAME "%u_alias_guid", 0,
					  ib->fn->p.id);
	if (!svc->wq) {
		kfree(svc);
		return -ENOMEM;
	}
	ib_sa_register_client(&svc->sa_client);
	for (p = 0; p < pv->ports; p++) {
		svc->port[p].svc = svc;
		svc->port[p].num = p + 1;
		INIT_LIST_HEAD(&svc->port[p].queries);
		INIT_DELAYED_WORK(&svc->port[p].work, mlxsim_ag_work);
	}
	mutex_lock(&pv->lock);
	pv->ag_going_down = false;
	ib->ag = svc;
	/* a port an SM activated before: as if it came up now */
	for (p = 1; p <= pv->ports; p++)
		if (!mlxsim_ib_link_query_port(ib->fn, p, &attr) &&
		    attr.state == IB_PORT_ACTIVE)
			__mlxsim_pv_ag_invalidate_all(pv, p);
	mutex_unlock(&pv->lock);
	return 0;
}

/*
 * mlx4_ib_destroy_alias_guid_service: no new work or query; each query
 * in flight is cancelled and its callback waited for.
 */
void mlxsim_ib_ag_stop(struct mlxsim_ib *ib)
{
	struct mlxsim_ag_svc *svc = ib->ag;
	struct mlxsim_pv *pv = ib->fn->pv;
	struct ib_sa_query *sa_query;
	struct mlxsim_ag_svc_port *p;
	struct mlxsim_ag_query *q;
	u32 i;

	if (!svc)
		return;
	mutex_lock(&pv->lock);
	pv->ag_going_down = true;
	mutex_unlock(&pv->lock);
	for (i = 0; i < pv->ports; i++) {
		p = &svc->port[i];
		cancel_delayed_work_sync(&p->work);
		for (;;) {
			mutex_lock(&pv->lock);
			q = list_first_entry_or_null(&p->queries,
						     struct mlxsim_ag_query,
						     list);
			if (!q) {
				mutex_unlock(&pv->lock);
				break;
			}
			sa_query = q->sa_query;
			q->sa_query = NULL;
			list_del(&q->list);
			mutex_unlock(&pv->lock);
			ib_sa_cancel_query(q->query_id, sa_query);
			wait_for_completion(&q->done);
			mlxsim_ag_query_put(q);
		}
	}
	destroy_workqueue(svc->wq);
	ib_sa_unregister_client(&svc->sa_client);
	mutex_lock(&pv->lock);
	ib->ag = NULL;
	mutex_unlock(&pv->lock);
	kfree(svc);
}
