// SPDX-License-Identifier: GPL-2.0
/*
 * The device's event queue: a function raises port events (the slave's
 * `event` file stands for its firmware noticing a LID, GID, SM... change
 * on its port); drivers listen as mlx5_ib listens on a slave's mdev.
 */
#include <linux/debugfs.h>

#include "mlxsim.h"
#include "mlxsim/knobs.h"

int mlxsim_fw_raise(struct mlxsim_fn *fn, struct mlxsim_fw_event *ev)
{
	int ret;

	ret = atomic_notifier_call_chain(&fn->fw.events, ev->type, ev);
	return ret == NOTIFY_OK ? 0 : -ENOLINK;
}

int mlxsim_fw_raise_event(struct mlxsim_fn *fn, u8 type, u8 port)
{
	struct mlxsim_fw_event ev = { .type = type, .port = port };

	return mlxsim_fw_raise(fn, &ev);
}

void mlxsim_fw_events_register(struct mlxsim_fn *fn, struct notifier_block *nb)
{
	atomic_notifier_chain_register(&fn->fw.events, nb);
}

/* Waits for running listeners: none runs @nb after this. */
void mlxsim_fw_events_unregister(struct mlxsim_fn *fn,
				 struct notifier_block *nb)
{
	atomic_notifier_chain_unregister(&fn->fw.events, nb);
}

/*
 * A slave's `event` ("port_active", "lid_change"...) on its native port:
 * -ENOLINK when no driver took it (the slave is not bound).
 */
static int mlxsim_fw_event_write(void *priv, const char *buf, size_t len,
				 struct mlxsim_knob_err *e)
{
	struct mlxsim_fn *fn = priv;
	int err;
	u8 ev;

	e->fn = fn;
	err = mlxsim_slave_event_parse(buf, len, &ev, e->bad, sizeof(e->bad));
	if (err)
		return err;
	return mlxsim_fw_raise_event(fn, ev, fn->p.native_port);
}

DEFINE_MLXSIM_KNOB_WO(mlxsim_fw_event, "event", mlxsim_fw_event_write);

void mlxsim_fw_events_debugfs_init(struct mlxsim_fn *fn)
{
	/* the functions whose caps make them multiport slaves */
	if (mlxsim_params_role(&fn->p) == MLXSIM_ROLE_SLAVE)
		debugfs_create_file("event", 0200, fn->ddir, fn,
				    &mlxsim_fw_event_fops);
}
