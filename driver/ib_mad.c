// SPDX-License-Identifier: GPL-2.0
/*
 * The IB device's management verbs: process_mad, shaped like
 * mlx4_ib_process_mad (a MAD for the port's SMA or PMA goes to the
 * firmware, the rest to ib_mad's agents), modify_port (the IsSM bit
 * ib_umad's issm device sets, through SET_PORT as mlx4_ib_modify_port)
 * and modify_device (the node description the SMA answers with).
 */
#include <rdma/ib_mad.h>
#include <rdma/ib_smi.h>

#include "ib_internal.h"
#include "mlxsim_trace.h"

/* ib_core's sysfs counters and ib_mad's own SMPs come with no packet */
static u8 mlxsim_ib_mad_source(const struct ib_wc *in_wc)
{
	if (!in_wc || in_wc->vendor_err > MLXSIM_MAD_SRC_DEBUGFS)
		return MLXSIM_MAD_SRC_LOCAL;
	return in_wc->vendor_err;
}

/*
 * Is it for the firmware?  SMPs the SMA takes (not SMInfo: it is the
 * SM's, so ib_mad hands it to the SM's agent) and PMA requests, as
 * ib_process_mad of mlx4 filters them.
 */
static bool mlxsim_ib_mad_for_fw(const struct ib_mad_hdr *h)
{
	switch (h->mgmt_class) {
	case IB_MGMT_CLASS_SUBN_LID_ROUTED:
	case IB_MGMT_CLASS_SUBN_DIRECTED_ROUTE:
		if (h->method != IB_MGMT_METHOD_GET &&
		    h->method != IB_MGMT_METHOD_SET &&
		    h->method != IB_MGMT_METHOD_TRAP_REPRESS)
			return false;
		return h->attr_id != IB_SMP_ATTR_SM_INFO;
	case IB_MGMT_CLASS_PERF_MGMT:
		return h->method == IB_MGMT_METHOD_GET ||
		       h->method == IB_MGMT_METHOD_SET;
	default:
		return false;
	}
}

/* The SMA answers NodeDescription with ib_core's (node_desc_override). */
static void mlxsim_ib_node_desc_override(struct mlxsim_ib *ib,
					 const struct ib_mad_hdr *in,
					 struct ib_mad *out)
{
	if ((in->mgmt_class != IB_MGMT_CLASS_SUBN_LID_ROUTED &&
	     in->mgmt_class != IB_MGMT_CLASS_SUBN_DIRECTED_ROUTE) ||
	    in->method != IB_MGMT_METHOD_GET ||
	    in->attr_id != IB_SMP_ATTR_NODE_DESC)
		return;
	spin_lock(&ib->sm_lock);
	memcpy(((struct ib_smp *)out)->data, ib->ibdev.node_desc,
	       IB_DEVICE_NODE_DESC_MAX);
	spin_unlock(&ib->sm_lock);
}

static int mlxsim_ib_process_mad(struct ib_device *ibdev, int mad_flags,
				 u32 port, const struct ib_wc *in_wc,
				 const struct ib_grh *in_grh,
				 const struct ib_mad *in, struct ib_mad *out,
				 size_t *out_size, u16 *out_pkey_index)
{
	struct mlxsim_ib *ib = to_mlxsim_ib(ibdev);
	const struct ib_mad_hdr *h = &in->mad_hdr;
	u8 source = mlxsim_ib_mad_source(in_wc);
	bool discard;
	u16 status;
	int err;

	/* RoCE ports: QP1 carries CM only, nothing for the firmware */
	if (rdma_port_get_link_layer(ibdev, port) != IB_LINK_LAYER_INFINIBAND ||
	    !mlxsim_ib_mad_for_fw(h)) {
		trace_mlxsim_mad(ib->fn->p.id, port, h->mgmt_class, h->method,
				 be16_to_cpu(h->attr_id),
				 be32_to_cpu(h->attr_mod),
				 MLXSIM_MAD_STATUS_PASSED, source);
		return IB_MAD_RESULT_SUCCESS;
	}
	if (*out_size < sizeof(struct ib_mad))
		return IB_MAD_RESULT_FAILURE;

	err = mlxsim_mad_deliver(ib->fn, port, (const u8 *)in, (u8 *)out,
				 source, &status, &discard);
	if (err)
		return IB_MAD_RESULT_FAILURE;
	/* an M_Key violation: the SMA answers nothing (IBA 14.2.4) */
	if (discard)
		return IB_MAD_RESULT_SUCCESS | IB_MAD_RESULT_CONSUMED;
	if (!status)
		mlxsim_ib_node_desc_override(ib, h, out);
	/* the return bit of a directed-route response */
	if (h->mgmt_class == IB_MGMT_CLASS_SUBN_DIRECTED_ROUTE)
		out->mad_hdr.status |= cpu_to_be16(1 << 15);
	/* no response to a trap repress */
	if (h->method == IB_MGMT_METHOD_TRAP_REPRESS)
		return IB_MAD_RESULT_SUCCESS | IB_MAD_RESULT_CONSUMED;
	*out_size = sizeof(struct ib_mad);
	return IB_MAD_RESULT_SUCCESS | IB_MAD_RESULT_REPLY;
}

/*
 * The capability mask, read, changed and written back with SET_PORT
 * under one mutex (mlx4_ib_modify_port); RoCE ports have nothing to set.
 */
static int mlxsim_ib_modify_port(struct ib_device *ibdev, u32 port, int mask,
				 struct ib_port_modify *props)
{
	struct mlxsim_ib *ib = to_mlxsim_ib(ibdev);
	struct mlxsim_set_port sp = {
		.reset_qkey_viol = mask & IB_PORT_RESET_QKEY_CNTR,
	};
	struct mlxsim_cmd cmd = {
		.opcode = MLXSIM_OP_SET_PORT,
		.port = port,
		.priv = &sp,
	};
	u8 pi[MLXSIM_SMP_DATA_BYTES];
	int err;

	if (rdma_port_get_link_layer(ibdev, port) != IB_LINK_LAYER_INFINIBAND)
		return 0;
	if (mask & IB_PORT_SHUTDOWN)
		return -EOPNOTSUPP;
	mutex_lock(&ib->cap_mask_mutex);
	err = mlxsim_mad_ifc_get(ib->fn, port, MLXSIM_ATTR_PORT_INFO, 0, pi);
	if (!err) {
		sp.cap_mask = mlxsim_get_be32(pi + MLXSIM_PI_CAP_MASK);
		sp.cap_mask = (sp.cap_mask | props->set_port_cap_mask) &
			      ~props->clr_port_cap_mask;
		err = mlxsim_cmd_exec(ib->fn, &cmd);
	}
	mutex_unlock(&ib->cap_mask_mutex);
	return err;
}

static int mlxsim_ib_modify_device(struct ib_device *ibdev, int mask,
				   struct ib_device_modify *props)
{
	struct mlxsim_ib *ib = to_mlxsim_ib(ibdev);

	if (mask & ~IB_DEVICE_MODIFY_NODE_DESC)
		return -EOPNOTSUPP;
	spin_lock(&ib->sm_lock);
	memcpy(ibdev->node_desc, props->node_desc, IB_DEVICE_NODE_DESC_MAX);
	spin_unlock(&ib->sm_lock);
	return 0;
}

static const struct ib_device_ops mlxsim_ib_mad_ops = {
	.process_mad = mlxsim_ib_process_mad,
	.modify_port = mlxsim_ib_modify_port,
	.modify_device = mlxsim_ib_modify_device,
};

void mlxsim_ib_mad_set_ops(struct mlxsim_ib *ib)
{
	ib_set_device_ops(&ib->ibdev, &mlxsim_ib_mad_ops);
}
