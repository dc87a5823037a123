// SPDX-License-Identifier: GPL-2.0
/*
 * The mlxsim bus: /sys/bus/mlxsim/{new_device,del_device}, like netdevsim,
 * and {link_device,unlink_device} for the cables between IB ports.  Each
 * function is a struct device on this bus named mlxsim<ID>.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "mlxsim.h"
#include "mlxsim_trace.h"
#include "mlxsim/knobs.h"

/* serialises function add/remove and multiport binding */
DEFINE_MUTEX(mlxsim_lock);
/* guards the fields the global debugfs tables show */
DEFINE_SPINLOCK(mlxsim_state_lock);
LIST_HEAD(mlxsim_fn_list);

/* ID -> function; written under mlxsim_lock. */
static DEFINE_XARRAY(mlxsim_fns);

static bool mlxsim_bus_enabled;

struct mlxsim_fn *__mlxsim_fn_find(u32 id)
{
	lockdep_assert_held(&mlxsim_lock);
	return xa_load(&mlxsim_fns, id);
}

static void mlxsim_fn_release(struct device *dev)
{
	struct mlxsim_fn *fn = to_mlxsim_fn(dev);

	mlxsim_ibdev_free(fn);
	mlxsim_fw_free(fn);
	kfree(fn);
}

static const struct device_type mlxsim_fn_type = {
	.name = "mlxsim_fn",
	.release = mlxsim_fn_release,
};

/* The bus's driver: probe and remove are the driver's add and remove. */
static int mlxsim_bus_probe(struct device *dev)
{
	struct mlxsim_fn *fn = to_mlxsim_fn(dev);

	fn->probe_err = __mlxsim_fn_add(fn);
	return fn->probe_err;
}

static void mlxsim_bus_remove(struct device *dev)
{
	__mlxsim_fn_remove(to_mlxsim_fn(dev));
}

static struct bus_type mlxsim_bus = {
	.name = DRV_NAME,
	.dev_name = DRV_NAME,
	.probe = mlxsim_bus_probe,
	.remove = mlxsim_bus_remove,
};

/* Bound only through new_device: no manual bind/unbind in sysfs. */
static struct device_driver mlxsim_driver = {
	.name = DRV_NAME,
	.bus = &mlxsim_bus,
	.owner = THIS_MODULE,
	.suppress_bind_attrs = true,
};

static int __mlxsim_dev_new(const struct mlxsim_params *p)
{
	char name[16];
	struct mlxsim_fn *fn;
	int err;

	if (xa_load(&mlxsim_fns, p->id)) {
		pr_warn_ratelimited(DRV_NAME ": new_device: id %u already exists\n",
				    p->id);
		return -EEXIST;
	}

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return -ENOMEM;
	fn->p = *p;
	/* firmware vhca ids start at 1: 0 means "no affiliation" */
	fn->vhca_id = p->id + 1;
	fn->dev.id = p->id;
	fn->dev.bus = &mlxsim_bus;
	fn->dev.type = &mlxsim_fn_type;
	device_initialize(&fn->dev);

	/* the device itself: its firmware and the firmware's knobs */
	mlxsim_fw_init(fn);
	snprintf(name, sizeof(name), DRV_NAME "%u", p->id);
	fn->ddir = debugfs_create_dir(name, mlxsim_debugfs_root);
	mlxsim_fw_debugfs_init(fn);
	mlxsim_fw_events_debugfs_init(fn);

	err = xa_insert(&mlxsim_fns, p->id, fn, GFP_KERNEL);
	if (err)
		goto err_put;
	/* the driver probes it here, under mlxsim_lock */
	err = device_add(&fn->dev);
	if (err)
		goto err_erase;
	if (!fn->dev.driver) {
		err = fn->probe_err ?: -ENODEV;
		/* the step that failed said why; this names the function */
		pr_warn_ratelimited(DRV_NAME ": new_device: adding %u failed: %s\n",
				    p->id, mlxsim_errno_name(-err));
		goto err_del;
	}
	return 0;

err_del:
	device_del(&fn->dev);
err_erase:
	xa_erase(&mlxsim_fns, p->id);
err_put:
	debugfs_remove_recursive(fn->ddir);
	put_device(&fn->dev);
	return err;
}

/*
 * Its cables come out first (the peers see their link go down), then
 * device_del() has the driver remove it, then it goes.
 */
static void __mlxsim_dev_del(struct mlxsim_fn *fn)
{
	mlxsim_wire_unplug_all(fn);
	device_del(&fn->dev);
	xa_erase(&mlxsim_fns, fn->p.id);
	debugfs_remove_recursive(fn->ddir);
	put_device(&fn->dev);
}

static ssize_t new_device_store(MLXSIM_BUS_CONST struct bus_type *bus, const char *buf,
				size_t count)
{
	struct mlxsim_params p;
	char bad[MLXSIM_TOKEN_MAX];
	int err;

	err = mlxsim_params_parse(buf, count, &p, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(NULL, "new_device", bad, err);
		return err;
	}

	err = mutex_lock_killable(&mlxsim_lock);
	if (err)
		return err;
	err = mlxsim_bus_enabled ? __mlxsim_dev_new(&p) : -ENODEV;
	mutex_unlock(&mlxsim_lock);
	return err ? err : count;
}
static BUS_ATTR_WO(new_device);

/*
 * Remove function @id.  Native-port references it must wait for (an
 * in-flight command, a forgotten `hold`) are waited for first, killably
 * and without mlxsim_lock, so other functions come and go meanwhile; a
 * killed wait rolls back (the ports take references again) and changes
 * nothing.  Upstream waits under its global mutex instead.
 */
static int mlxsim_dev_del(u32 id)
{
	struct mlxsim_port *ports[MLXSIM_MAX_PORTS];
	struct mlxsim_fn *fn;
	u32 n, i;
	int err;

	err = mutex_lock_killable(&mlxsim_lock);
	if (err)
		return err;
	fn = mlxsim_bus_enabled ? xa_load(&mlxsim_fns, id) : NULL;
	if (!fn) {
		mutex_unlock(&mlxsim_lock);
		return -ENOENT;
	}
	get_device(&fn->dev);
	n = __mlxsim_mp_drain_begin(fn, ports);
	mutex_unlock(&mlxsim_lock);

	for (i = 0; i < n && !err; i++)
		err = mlxsim_port_drain_wait(ports[i]);
	if (!err)
		err = mutex_lock_killable(&mlxsim_lock);
	if (err) {
		mlxsim_mp_drain_end(ports, n);
		put_device(&fn->dev);
		return err;
	}
	/* removed meanwhile (module unload, another writer): done all the same */
	if (xa_load(&mlxsim_fns, id) == fn)
		__mlxsim_dev_del(fn);
	mlxsim_mp_drain_end(ports, n);
	mutex_unlock(&mlxsim_lock);
	put_device(&fn->dev);
	return err;
}

static ssize_t del_device_store(MLXSIM_BUS_CONST struct bus_type *bus, const char *buf,
				size_t count)
{
	char bad[MLXSIM_TOKEN_MAX];
	int err;
	u32 id;

	err = mlxsim_id_parse(buf, count, &id, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(NULL, "del_device", bad, err);
		return err;
	}
	err = mlxsim_dev_del(id);
	if (err == -ENOENT)
		pr_warn_ratelimited(DRV_NAME ": del_device: no function %u\n",
				    id);
	return err ? err : count;
}
static BUS_ATTR_WO(del_device);

/* "A:P B:Q": plug (or pull) the cable between two IB ports. */
static ssize_t mlxsim_link_store(const char *file, const char *buf,
				 size_t count, bool plug)
{
	struct mlxsim_fn *a, *b;
	struct mlxsim_link_arg l;
	char bad[MLXSIM_TOKEN_MAX];
	int err;

	err = mlxsim_link_parse(buf, count, &l, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(NULL, file, bad, err);
		return err;
	}
	err = mutex_lock_killable(&mlxsim_lock);
	if (err)
		return err;
	a = mlxsim_bus_enabled ? xa_load(&mlxsim_fns, l.id[0]) : NULL;
	b = mlxsim_bus_enabled ? xa_load(&mlxsim_fns, l.id[1]) : NULL;
	if (!a || !b)
		err = -ENOENT;
	else if (plug)
		err = mlxsim_wire_link(a, l.port[0], b, l.port[1]);
	else
		err = mlxsim_wire_unlink(a, l.port[0], b, l.port[1]);
	mutex_unlock(&mlxsim_lock);
	if (err) {
		/* the end with no function, else the first end */
		u32 i = a && !b;

		snprintf(bad, sizeof(bad), "%u:%u", l.id[i], l.port[i]);
		mlxsim_bad_input(NULL, file, bad, err);
	}
	return err ? err : count;
}

static ssize_t link_device_store(MLXSIM_BUS_CONST struct bus_type *bus,
				 const char *buf, size_t count)
{
	return mlxsim_link_store("link_device", buf, count, true);
}
static BUS_ATTR_WO(link_device);

static ssize_t unlink_device_store(MLXSIM_BUS_CONST struct bus_type *bus,
				   const char *buf, size_t count)
{
	return mlxsim_link_store("unlink_device", buf, count, false);
}
static BUS_ATTR_WO(unlink_device);

static struct attribute *mlxsim_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	&bus_attr_link_device.attr,
	&bus_attr_unlink_device.attr,
	NULL,
};

/* debugfs `links`: every cable of the bus, once. */
static int mlxsim_links_show(struct seq_file *s, void *unused)
{
	struct mlxsim_fn *fn;
	unsigned long id;
	int err;

	err = mutex_lock_killable(&mlxsim_lock);
	if (err)
		return err;
	seq_puts(s, "a port b port\n");
	xa_for_each(&mlxsim_fns, id, fn)
		mlxsim_wire_links_show(s, fn);
	mutex_unlock(&mlxsim_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mlxsim_links);
ATTRIBUTE_GROUPS(mlxsim_bus);

int mlxsim_bus_init(void)
{
	int err;

	debugfs_create_file("links", 0400, mlxsim_debugfs_root, NULL,
			    &mlxsim_links_fops);
	mlxsim_bus.bus_groups = mlxsim_bus_groups;
	err = bus_register(&mlxsim_bus);
	if (err)
		return err;
	err = driver_register(&mlxsim_driver);
	if (err) {
		bus_unregister(&mlxsim_bus);
		return err;
	}
	mutex_lock(&mlxsim_lock);
	mlxsim_bus_enabled = true;
	mutex_unlock(&mlxsim_lock);
	return 0;
}

void mlxsim_bus_exit(void)
{
	struct mlxsim_fn *fn;
	unsigned long id;

	mutex_lock(&mlxsim_lock);
	mlxsim_bus_enabled = false;
	/* slaves first, so no master removal re-queues a slave we then drop */
	xa_for_each(&mlxsim_fns, id, fn)
		if (fn->role == MLXSIM_ROLE_SLAVE)
			__mlxsim_dev_del(fn);
	xa_for_each(&mlxsim_fns, id, fn)
		__mlxsim_dev_del(fn);
	mutex_unlock(&mlxsim_lock);
	driver_unregister(&mlxsim_driver);
	bus_unregister(&mlxsim_bus);
}
