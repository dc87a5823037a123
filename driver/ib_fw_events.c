// SPDX-License-Identifier: GPL-2.0
/*
 * The device's port events as the IB driver takes them (mlx4_ib_event):
 * PORT_CHANGE becomes ib_core's PORT_ACTIVE / PORT_ERR on the device and,
 * on an SR-IOV master, moves every slave's port state machine; PORT_MNG_CHG_EV (firmware
 * with port_mng_chg_ev) is handled as handle_port_mgmt_change_event:
 * LID, SM and client-reregister events to the master and the VFs, the
 * changed P_Keys read from the firmware into the cache.
 *
 * The device raises events in atomic context; the work runs on one
 * ordered workqueue (mlx4's ib_event_work), in the order raised, where
 * it may take pv->lock.
 */
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "ib_internal.h"
#include "pv_internal.h"

static struct workqueue_struct *mlxsim_ib_wq;

struct mlxsim_ib_event_work {
	struct work_struct work;
	struct mlxsim_ib *ib;
	struct mlxsim_fw_event ev;
};

static void mlxsim_ib_port_change(struct mlxsim_ib *ib, u32 port, bool up)
{
	enum mlxsim_ib_event ev = up ? MLXSIM_IB_EV_PORT_ACTIVE :
				       MLXSIM_IB_EV_PORT_ERR;
	struct mlxsim_pv *pv = ib->fn->pv;

	mlxsim_ib_dispatch(ib, port, ev);
	if (!pv || !pv->t)
		return;
	mutex_lock(&pv->lock);
	__mlxsim_pv_port_change(pv, port, up);
	mutex_unlock(&pv->lock);
}

/*
 * handle_slaves_guid_change: the firmware said which GUIDInfo blocks
 * changed; read each and treat it as the snoop would.
 */
static void mlxsim_ib_slaves_guid_change(struct mlxsim_ib *ib, u32 port,
					 u32 blocks)
{
	struct mlxsim_pv *pv = ib->fn->pv;
	u8 gi[MLXSIM_SMP_DATA_BYTES];
	u32 b;

	lockdep_assert_held(&pv->lock);
	for (b = 0; b < MLXSIM_AG_RECS; b++) {
		if (!(blocks & BIT(b)) ||
		    mlxsim_mad_ifc_get(ib->fn, port, MLXSIM_ATTR_GUID_INFO, b,
				       gi))
			continue;
		__mlxsim_pv_guid_snoop(pv, port, b, gi);
	}
}

static void mlxsim_ib_port_mgmt_change(struct mlxsim_ib *ib,
				       const struct mlxsim_fw_event *ev)
{
	struct mlxsim_pv *pv = ib->fn->pv;

	if (!pv)
		return;
	if (ev->changed & MLXSIM_MNG_CHG_PKEY)
		mlxsim_pv_pkey_event(pv, ev->port, ev->pkey_block);
	mutex_lock(&pv->lock);
	if ((ev->changed & MLXSIM_MNG_CHG_GUID) && pv->t)
		mlxsim_ib_slaves_guid_change(ib, ev->port, ev->guid_blocks);
	__mlxsim_pv_port_mgmt(pv, ev->port, ev->changed);
	mutex_unlock(&pv->lock);
}

static void mlxsim_ib_event_work(struct work_struct *work)
{
	struct mlxsim_ib_event_work *w =
		container_of(work, struct mlxsim_ib_event_work, work);

	switch (w->ev.type) {
	case MLXSIM_FW_EV_PORT_UP:
	case MLXSIM_FW_EV_PORT_DOWN:
		mlxsim_ib_port_change(w->ib, w->ev.port,
				      w->ev.type == MLXSIM_FW_EV_PORT_UP);
		break;
	case MLXSIM_FW_EV_PORT_MNG_CHG:
		mlxsim_ib_port_mgmt_change(w->ib, &w->ev);
		break;
	}
	kfree(w);
}

static int mlxsim_ib_fw_event_nb(struct notifier_block *nb,
				 unsigned long type, void *data)
{
	struct mlxsim_ib *ib = container_of(nb, struct mlxsim_ib, fw_events);
	struct mlxsim_ib_event_work *w;

	if (type < MLXSIM_FW_EV_PORT_UP || type > MLXSIM_FW_EV_PORT_MNG_CHG)
		return NOTIFY_DONE;
	w = kzalloc(sizeof(*w), GFP_ATOMIC);
	if (!w)
		return NOTIFY_BAD;	/* lost, as an EQ overrun loses it */
	INIT_WORK(&w->work, mlxsim_ib_event_work);
	w->ib = ib;
	w->ev = *(struct mlxsim_fw_event *)data;
	queue_work(mlxsim_ib_wq, &w->work);
	return NOTIFY_OK;
}

void mlxsim_ib_fw_events_register(struct mlxsim_ib *ib)
{
	ib->fw_events.notifier_call = mlxsim_ib_fw_event_nb;
	mlxsim_fw_events_register(ib->fn, &ib->fw_events);
}

/* No event reaches @ib after this, queued or not. */
void mlxsim_ib_fw_events_unregister(struct mlxsim_ib *ib)
{
	mlxsim_fw_events_unregister(ib->fn, &ib->fw_events);
	flush_workqueue(mlxsim_ib_wq);
}

int mlxsim_ib_fw_events_init(void)
{
	mlxsim_ib_wq = alloc_ordered_workqueue(DRV_NAME "_ib_events", 0);
	return mlxsim_ib_wq ? 0 : -ENOMEM;
}

void mlxsim_ib_fw_events_exit(void)
{
	destroy_workqueue(mlxsim_ib_wq);
}
