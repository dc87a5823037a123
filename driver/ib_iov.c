// SPDX-License-Identifier: GPL-2.0
/*
 * mlx4's iov admin tree under an SR-IOV master's ib_core device, names
 * and semantics as drivers/infiniband/hw/mlx4/sysfs.c:
 *
 *   iov/ports/<P>/pkeys/<i>        the physical P_Key table (read)
 *   iov/ports/<P>/gids/<i>         the port's GIDs as the SM programmed
 *                                  them: index S is VF S's (read)
 *   iov/ports/<P>/admin_guids/<i>  slave i's admin GUID; 0 lets the SM
 *                                  choose, all ones deletes (read, write)
 *   iov/<slave>/ports/<P>/pkey_idx/<i>   virtual index i -> physical
 *                                  index, or "none" (read, write)
 *   iov/<slave>/ports/<P>/gid_idx/0      the slave's GID index (read)
 *   iov/<slave>/ports/<P>/smi_enabled    real QP0 for the guest (read)
 *   iov/<slave>/ports/<P>/enable_smi_admin  0/1 (read, write)
 *
 * Slave directories are named as mlx4's get_name(): the first 8
 * characters of the PF's PCI name ("DDDD:BB:") and "%.2d.%d" of slave/8,
 * slave%8; a function's PCI-like name is mlxsim_fn_pci_name().
 * pkey_idx and debugfs virt2phys are two views of one table, written
 * through one parser (mlxsim_pv_remap()).
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "ib_internal.h"
#include "pv_internal.h"
#include "mlxsim/knobs.h"

/* One file: what it shows, and of which slave, port and index. */
struct mlxsim_iov_attr {
	struct kobj_attribute attr;
	struct mlxsim_pv *pv;
	u16 slave, port, index;
	char name[12];		/* "0".."127" */
};

/* A directory of numbered files 0..n-1 (pkeys, gids, pkey_idx...). */
struct mlxsim_iov_table {
	struct kobject *kobj;
	struct mlxsim_iov_attr *attrs;
	struct attribute **list;
	struct attribute_group group;
};

struct mlxsim_iov_port {
	struct kobject *kobj;
	struct mlxsim_iov_table t[3];
	struct mlxsim_iov_attr smi[2];	/* smi_enabled, enable_smi_admin */
	bool smi_files;
};

struct mlxsim_iov {
	struct kobject *iov, *ports;
	struct mlxsim_iov_port phys[MLXSIM_MAX_PORTS];
	struct kobject **slave, **slave_ports;	/* [0..vfs] */
	struct mlxsim_iov_port (*sport)[MLXSIM_MAX_PORTS];
	u32 nslaves;
};

static struct mlxsim_iov_attr *to_iov_attr(struct kobj_attribute *a)
{
	return container_of(a, struct mlxsim_iov_attr, attr);
}

/* "DDDD:BB:DD.F", stable per function: domain and bus from its ID. */
void mlxsim_fn_pci_name(const struct mlxsim_fn *fn, char *buf, size_t len)
{
	snprintf(buf, len, "%04x:%02x:00.0", (fn->p.id >> 8) & 0xffff,
		 fn->p.id & 0xff);
}

static ssize_t mlxsim_iov_pkey_show(struct kobject *k, struct kobj_attribute *a,
				    char *buf)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	u16 pkey;
	int err;

	err = mlxsim_mad_ifc_pkey(ia->pv->fn, ia->port, ia->index, &pkey);
	return err ? err : sysfs_emit(buf, "0x%04x\n", pkey);
}

/* Index S of the port's GID table is slave S's (the PF's at 0). */
static ssize_t mlxsim_iov_gid_show(struct kobject *k, struct kobj_attribute *a,
				   char *buf)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	u8 pi[MLXSIM_SMP_DATA_BYTES], gi[MLXSIM_SMP_DATA_BYTES];
	u64 guid, prefix;
	int err;

	err = mlxsim_mad_ifc_get(ia->pv->fn, ia->port, MLXSIM_ATTR_PORT_INFO,
				 0, pi);
	if (err)
		return err;
	/* the network view: what the SM programmed (__mlx4_ib_query_gid) */
	err = mlxsim_mad_ifc_get(ia->pv->fn, ia->port, MLXSIM_ATTR_GUID_INFO,
				 ia->index / MLXSIM_SMA_GUID_BLOCK, gi);
	if (err)
		return err;
	guid = mlxsim_get_be64(gi + 8 * (ia->index % MLXSIM_SMA_GUID_BLOCK));
	prefix = mlxsim_get_be64(pi + MLXSIM_PI_GID_PREFIX);
	return sysfs_emit(buf, "%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04x\n",
			  (u16)(prefix >> 48), (u16)(prefix >> 32),
			  (u16)(prefix >> 16), (u16)prefix, (u16)(guid >> 48),
			  (u16)(guid >> 32), (u16)(guid >> 16), (u16)guid);
}

static ssize_t mlxsim_iov_admin_guid_show(struct kobject *k,
					  struct kobj_attribute *a, char *buf)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	u64 guid;

	if (!ia->index) {
		u8 gi[MLXSIM_SMP_DATA_BYTES];
		int err;

		err = mlxsim_mad_ifc_get(ia->pv->fn, ia->port,
					 MLXSIM_ATTR_GUID_INFO, 0, gi);
		return err ? err :
		       sysfs_emit(buf, "0x%016llx\n", mlxsim_get_be64(gi));
	}
	mutex_lock(&ia->pv->lock);
	guid = __mlxsim_pv_vf_guid(ia->pv, ia->index, ia->port);
	mutex_unlock(&ia->pv->lock);
	return sysfs_emit(buf, "0x%016llx\n", guid);
}

/*
 * A new admin GUID for entry i (0: the SM chooses; all ones: delete),
 * asked of the SA at once.  Hex as upstream, with or without 0x, the
 * whole string or nothing.
 */
static ssize_t mlxsim_iov_admin_guid_store(struct kobject *k,
					   struct kobj_attribute *a,
					   const char *buf, size_t count)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	u64 guid;
	int err;

	err = kstrtou64(buf, 16, &guid);
	if (err)
		return err;
	err = mlxsim_pv_admin_guid_store(ia->pv, ia->port, ia->index, guid);
	return err ? err : count;
}

static ssize_t mlxsim_iov_pkey_idx_show(struct kobject *k,
					struct kobj_attribute *a, char *buf)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	struct mlxsim_pv *pv = ia->pv;
	u32 phys;

	mutex_lock(&pv->lock);
	phys = pv->t->v2p[ia->slave][ia->port - 1][ia->index];
	mutex_unlock(&pv->lock);
	/* the reserved entry is "none", as mlx4 shows an unmapped index */
	if (phys == mlxsim_pkey_reserved(pv->t))
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%u\n", phys);
}

static ssize_t mlxsim_iov_pkey_idx_store(struct kobject *k,
					 struct kobj_attribute *a,
					 const char *buf, size_t count)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	char text[MLXSIM_TOKEN_MAX * 2], bad[MLXSIM_TOKEN_MAX];
	int n, err;

	/* the same remap, parser and errnos as debugfs virt2phys */
	n = snprintf(text, sizeof(text), "%u %u %.*s", ia->slave, ia->index,
		     (int)min_t(size_t, count, MLXSIM_TOKEN_MAX), buf);
	if (count > MLXSIM_TOKEN_MAX || n >= sizeof(text)) {
		mlxsim_bad_input(ia->pv->fn, "pkey_idx", "<input too long>",
				 -EINVAL);
		return -EINVAL;
	}
	err = mlxsim_pv_remap(ia->pv, ia->port, text, n, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(ia->pv->fn, "pkey_idx", bad, err);
		return err;
	}
	return count;
}

static ssize_t mlxsim_iov_gid_idx_show(struct kobject *k,
				       struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_iov_attr(a)->slave);
}

static ssize_t mlxsim_iov_smi_show(struct kobject *k, struct kobj_attribute *a,
				   char *buf)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	bool on;

	mutex_lock(&ia->pv->lock);
	on = ia->pv->slaves[ia->slave].smi_enabled;
	mutex_unlock(&ia->pv->lock);
	return sysfs_emit(buf, "%d\n", on);
}

/* mlx4_vf_set_enable_smi_admin; mlxsim applies it at once. */
static ssize_t mlxsim_iov_smi_store(struct kobject *k, struct kobj_attribute *a,
				    const char *buf, size_t count)
{
	struct mlxsim_iov_attr *ia = to_iov_attr(a);
	char bad[MLXSIM_TOKEN_MAX];
	bool on;
	int err;

	err = mlxsim_bool_parse(buf, count, &on, bad, sizeof(bad));
	if (err) {
		mlxsim_bad_input(ia->pv->fn, "enable_smi_admin", bad, err);
		return err;
	}
	mutex_lock(&ia->pv->lock);
	ia->pv->slaves[ia->slave].smi_enabled = on;
	mutex_unlock(&ia->pv->lock);
	return count;
}

static int mlxsim_iov_table_add(struct mlxsim_iov_table *t,
				struct kobject *parent, const char *name,
				struct mlxsim_pv *pv, u32 slave, u32 port,
				u32 n, bool rw,
				ssize_t (*show)(struct kobject *,
						struct kobj_attribute *, char *),
				ssize_t (*store)(struct kobject *,
						 struct kobj_attribute *,
						 const char *, size_t))
{
	u32 i;
	int err;

	t->attrs = kcalloc(n, sizeof(*t->attrs), GFP_KERNEL);
	t->list = kcalloc(n + 1, sizeof(*t->list), GFP_KERNEL);
	t->kobj = kobject_create_and_add(name, parent);
	if (!t->attrs || !t->list || !t->kobj)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct mlxsim_iov_attr *ia = &t->attrs[i];

		ia->pv = pv;
		ia->slave = slave;
		ia->port = port;
		ia->index = i;
		snprintf(ia->name, sizeof(ia->name), "%u", i);
		sysfs_attr_init(&ia->attr.attr);
		ia->attr.attr.name = ia->name;
		ia->attr.attr.mode = rw ? 0600 : 0400;
		ia->attr.show = show;
		ia->attr.store = store;
		t->list[i] = &ia->attr.attr;
	}
	t->group.attrs = t->list;
	err = sysfs_create_group(t->kobj, &t->group);
	if (err)
		t->group.attrs = NULL;
	return err;
}

static void mlxsim_iov_table_del(struct mlxsim_iov_table *t)
{
	if (t->kobj && t->group.attrs)
		sysfs_remove_group(t->kobj, &t->group);
	kobject_put(t->kobj);
	kfree(t->list);
	kfree(t->attrs);
	memset(t, 0, sizeof(*t));
}

static void mlxsim_iov_port_del(struct mlxsim_iov_port *p)
{
	int i;

	if (p->smi_files) {
		sysfs_remove_file(p->kobj, &p->smi[0].attr.attr);
		sysfs_remove_file(p->kobj, &p->smi[1].attr.attr);
	}
	for (i = 0; i < ARRAY_SIZE(p->t); i++)
		mlxsim_iov_table_del(&p->t[i]);
	kobject_put(p->kobj);
	memset(p, 0, sizeof(*p));
}

static int mlxsim_iov_phys_port(struct mlxsim_iov_port *p,
				struct kobject *parent, struct mlxsim_pv *pv,
				u32 port)
{
	char name[4];

	snprintf(name, sizeof(name), "%u", port);
	p->kobj = kobject_create_and_add(name, parent);
	if (!p->kobj)
		return -ENOMEM;
	return mlxsim_iov_table_add(&p->t[0], p->kobj, "pkeys", pv, 0, port,
				    pv->pkeys, false, mlxsim_iov_pkey_show,
				    NULL) ?:
	       mlxsim_iov_table_add(&p->t[1], p->kobj, "gids", pv, 0, port,
				    pv->vfs + 1, false, mlxsim_iov_gid_show,
				    NULL) ?:
	       mlxsim_iov_table_add(&p->t[2], p->kobj, "admin_guids", pv, 0,
				    port, pv->vfs + 1, true,
				    mlxsim_iov_admin_guid_show,
				    mlxsim_iov_admin_guid_store);
}

static void mlxsim_iov_smi_attr(struct mlxsim_iov_attr *ia, const char *name,
				struct mlxsim_pv *pv, u32 slave, bool rw)
{
	ia->pv = pv;
	ia->slave = slave;
	sysfs_attr_init(&ia->attr.attr);
	ia->attr.attr.name = name;
	ia->attr.attr.mode = rw ? 0600 : 0400;
	ia->attr.show = mlxsim_iov_smi_show;
	ia->attr.store = rw ? mlxsim_iov_smi_store : NULL;
}

static int mlxsim_iov_slave_port(struct mlxsim_iov_port *p,
				 struct kobject *parent, struct mlxsim_pv *pv,
				 u32 slave, u32 port)
{
	char name[4];
	int err;

	snprintf(name, sizeof(name), "%u", port);
	p->kobj = kobject_create_and_add(name, parent);
	if (!p->kobj)
		return -ENOMEM;
	err = mlxsim_iov_table_add(&p->t[0], p->kobj, "pkey_idx", pv, slave,
				   port, pv->pkeys, true,
				   mlxsim_iov_pkey_idx_show,
				   mlxsim_iov_pkey_idx_store) ?:
	      mlxsim_iov_table_add(&p->t[1], p->kobj, "gid_idx", pv, slave,
				   port, 1, false, mlxsim_iov_gid_idx_show,
				   NULL);
	if (err)
		return err;
	mlxsim_iov_smi_attr(&p->smi[0], "smi_enabled", pv, slave, false);
	mlxsim_iov_smi_attr(&p->smi[1], "enable_smi_admin", pv, slave, true);
	err = sysfs_create_file(p->kobj, &p->smi[0].attr.attr);
	if (!err) {
		err = sysfs_create_file(p->kobj, &p->smi[1].attr.attr);
		if (err)
			sysfs_remove_file(p->kobj, &p->smi[0].attr.attr);
	}
	p->smi_files = !err;
	return err;
}

void mlxsim_ib_iov_remove(struct mlxsim_ib *ib)
{
	struct mlxsim_iov *iov = ib->iov;
	u32 s, p;

	if (!iov)
		return;
	for (s = 0; s < iov->nslaves; s++) {
		for (p = 0; p < MLXSIM_MAX_PORTS; p++)
			mlxsim_iov_port_del(&iov->sport[s][p]);
		kobject_put(iov->slave_ports[s]);
		kobject_put(iov->slave[s]);
	}
	for (p = 0; p < MLXSIM_MAX_PORTS; p++)
		mlxsim_iov_port_del(&iov->phys[p]);
	kobject_put(iov->ports);
	kobject_put(iov->iov);
	kvfree(iov->sport);
	kfree(iov->slave);
	kfree(iov->slave_ports);
	kfree(iov);
	ib->iov = NULL;
}

/* Slave 0 (the PF) and every VF, each with the ports it has. */
int mlxsim_ib_iov_add(struct mlxsim_ib *ib)
{
	struct mlxsim_fn *fn = ib->fn;
	struct mlxsim_pv *pv = fn->pv;
	char pci[16], name[24];
	struct mlxsim_iov *iov;
	int err = -ENOMEM;
	u32 s, p;

	if (fn->p.link != MLXSIM_LINK_IB || !pv || !pv->t)
		return 0;
	iov = kzalloc(sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	ib->iov = iov;
	iov->slave = kcalloc(pv->vfs + 1, sizeof(*iov->slave), GFP_KERNEL);
	iov->slave_ports = kcalloc(pv->vfs + 1, sizeof(*iov->slave_ports),
				   GFP_KERNEL);
	iov->sport = kvcalloc(pv->vfs + 1, sizeof(*iov->sport), GFP_KERNEL);
	iov->iov = kobject_create_and_add("iov", &ib->ibdev.dev.kobj);
	iov->ports = iov->iov ? kobject_create_and_add("ports", iov->iov) :
				NULL;
	if (!iov->slave || !iov->slave_ports || !iov->sport || !iov->ports)
		goto err;
	for (p = 1; p <= pv->ports; p++) {
		err = mlxsim_iov_phys_port(&iov->phys[p - 1], iov->ports, pv, p);
		if (err)
			goto err;
	}
	mlxsim_fn_pci_name(fn, pci, sizeof(pci));
	for (s = 0; s <= pv->vfs; s++) {
		/* get_name(): the PF's "DDDD:BB:", then slave/8 . slave%8 */
		snprintf(name, sizeof(name), "%.8s%.2u.%u", pci, s / 8, s % 8);
		iov->nslaves = s + 1;
		err = -ENOMEM;
		iov->slave[s] = kobject_create_and_add(name, iov->iov);
		iov->slave_ports[s] = iov->slave[s] ?
			kobject_create_and_add("ports", iov->slave[s]) : NULL;
		if (!iov->slave_ports[s])
			goto err;
		for (p = 1; p <= pv->ports; p++) {
			err = mlxsim_iov_slave_port(&iov->sport[s][p - 1],
						    iov->slave_ports[s], pv, s,
						    p);
			if (err)
				goto err;
		}
	}
	return 0;
err:
	mlxsim_ib_iov_remove(ib);
	return err;
}
