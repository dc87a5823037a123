// SPDX-License-Identifier: GPL-2.0
/*
 * MADs through the kernel's MAD stack: libibumad on /dev/infiniband/umadN
 * (ib_umad), so a MAD takes the path an SM's does: ib_mad's agent, QP0 or
 * QP1 (a DR SMP with an empty path is handled locally by ib_mad), the
 * device's process_mad, and the response matched back by TID.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <infiniband/mad.h>
#include <infiniband/umad.h>

#include "umad_io.h"

#define SYS_IB "/sys/class/infiniband"
#define SYS_UMAD_ABI "/sys/class/infiniband_mad/abi_version"
/* what the kernel may take beyond its own timeout to report one */
#define UMAD_IO_GRACE_MS 2000

static const char *prog = "mlxsimctl";

static bool exists(const char *path)
{
	return !access(path, F_OK);
}

/* The first line of a sysfs file, without its newline; "" if none. */
static void read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* "mlxsim1 mlxsim2" or "none": what the user could have meant. */
static void list_cas(char *buf, size_t len)
{
	char names[32][UMAD_CA_NAME_LEN];
	size_t used = 0;
	int n, i;

	buf[0] = '\0';
	n = umad_get_cas_names(names, 32);
	for (i = 0; i < n && used + UMAD_CA_NAME_LEN + 2 < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? " " : "",
				 names[i]);
	if (!buf[0])
		snprintf(buf, len, "none");
}

int umad_io_open(struct umad_io *u, const char *ca, unsigned int port,
		 int timeout_ms)
{
	char path[512], line[64], cas[512];
	umad_port_t up;
	int fd, err;

	memset(u, 0, sizeof(*u));
	u->fd = -1;
	u->agent[0] = u->agent[1] = u->gmp_agent = -1;
	snprintf(u->ca, sizeof(u->ca), "%s", ca);
	u->port = port;
	u->timeout_ms = timeout_ms;
	if (!exists(SYS_UMAD_ABI)) {
		fprintf(stderr, "%s: %s: the kernel's userspace MAD interface is not there (load it: modprobe ib_umad)\n",
			prog, ca);
		return 1;
	}
	snprintf(path, sizeof(path), SYS_IB "/%s", ca);
	if (!exists(path)) {
		list_cas(cas, sizeof(cas));
		fprintf(stderr, "%s: %s: no such InfiniBand device (devices: %s; an mlxsim function registers mlxsim<ID> with link=ib)\n",
			prog, ca, cas);
		return 1;
	}
	snprintf(path, sizeof(path), SYS_IB "/%s/ports/%u", ca, port);
	if (!exists(path)) {
		fprintf(stderr, "%s: %s: no port %u\n", prog, ca, port);
		return 1;
	}
	snprintf(path, sizeof(path), SYS_IB "/%s/ports/%u/link_layer", ca,
		 port);
	read_line(path, line, sizeof(line));
	if (line[0] && strcmp(line, "InfiniBand")) {
		fprintf(stderr, "%s: %s port %u: link layer %s: SMPs need an InfiniBand port\n",
			prog, ca, port, line);
		return 1;
	}
	if (umad_init() < 0) {
		fprintf(stderr, "%s: umad_init failed\n", prog);
		return 1;
	}
	errno = 0;
	fd = umad_open_port(ca, port);
	if (fd < 0) {
		err = errno == EACCES || errno == EPERM ? errno : -fd;
		fprintf(stderr, "%s: %s port %u: cannot open its umad device: %s%s\n",
			prog, ca, port, strerror(err),
			err == EACCES || err == EPERM ?
			" (/dev/infiniband/umad* are root's: run as root)" : "");
		return 1;
	}
	u->fd = fd;
	if (!umad_get_port(ca, port, &up)) {
		u->lid = up.base_lid;
		umad_release_port(&up);
	}
	u->sbuf = umad_alloc(1, umad_size() + IB_MAD_SIZE);
	u->rbuf = umad_alloc(1, umad_size() + IB_MAD_SIZE);
	if (!u->sbuf || !u->rbuf) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		umad_io_close(u);
		return 1;
	}
	return 0;
}

void umad_io_close(struct umad_io *u)
{
	if (u->fd >= 0)
		umad_close_port(u->fd);	/* unregisters the agents */
	u->fd = -1;
	if (u->sbuf)
		umad_free(u->sbuf);
	if (u->rbuf)
		umad_free(u->rbuf);
	u->sbuf = u->rbuf = NULL;
}

/* The agent for a class (class version 1), registered on first use. */
static int agent_for(struct umad_io *u, uint8_t mgmt_class)
{
	int *slot;
	int id;

	if (mgmt_class == IB_SMI_CLASS)
		slot = &u->agent[0];
	else if (mgmt_class == IB_SMI_DIRECT_CLASS)
		slot = &u->agent[1];
	else if (u->gmp_agent < 0 || u->gmp_class == mgmt_class)
		slot = &u->gmp_agent;
	else {
		/* one GMP class per run is all mlxsimctl sends */
		umad_unregister(u->fd, u->gmp_agent);
		u->gmp_agent = -1;
		slot = &u->gmp_agent;
	}
	if (*slot >= 0)
		return *slot;
	id = umad_register(u->fd, mgmt_class, 1, 0, NULL);
	if (id < 0) {
		fprintf(stderr, "%s: %s port %u: the kernel refused an agent for management class 0x%02x version 1\n",
			prog, u->ca, u->port, mgmt_class);
		return -1;
	}
	*slot = id;
	if (slot == &u->gmp_agent)
		u->gmp_class = mgmt_class;
	return id;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t tid_low(const uint8_t *mad)
{
	return (uint32_t)mad[12] << 24 | (uint32_t)mad[13] << 16 |
	       (uint32_t)mad[14] << 8 | mad[15];
}

enum umad_io_result umad_io_call(struct umad_io *u, uint8_t *req,
				 uint8_t *resp, uint16_t dlid)
{
	uint8_t mgmt_class = req[1];
	bool smp = mgmt_class == IB_SMI_CLASS ||
		   mgmt_class == IB_SMI_DIRECT_CLASS;
	long long deadline;
	int agent, len, ret, left;
	uint8_t *mad;

	agent = agent_for(u, mgmt_class);
	if (agent < 0)
		return UMAD_IO_ERROR;
	if (!dlid)
		dlid = mgmt_class == IB_SMI_DIRECT_CLASS ? 0xffff : u->lid;
	memset(u->sbuf, 0, umad_size() + IB_MAD_SIZE);
	memcpy(umad_get_mad(u->sbuf), req, IB_MAD_SIZE);
	umad_set_addr(u->sbuf, dlid, smp ? 0 : 1, 0,
		      smp ? 0 : IB_DEFAULT_QP1_QKEY);
	umad_set_pkey(u->sbuf, 0);
	if (umad_send(u->fd, agent, u->sbuf, IB_MAD_SIZE, u->timeout_ms, 0) < 0) {
		fprintf(stderr, "%s: %s port %u: umad_send: %s\n", prog, u->ca,
			u->port, strerror(errno ? errno : EIO));
		return UMAD_IO_ERROR;
	}
	deadline = now_ms() + u->timeout_ms + UMAD_IO_GRACE_MS;
	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return UMAD_IO_TIMEOUT;
		len = IB_MAD_SIZE;
		errno = 0;
		ret = umad_recv(u->fd, u->rbuf, &len, left);
		if (ret == -ETIMEDOUT)
			return UMAD_IO_TIMEOUT;
		if (ret < 0 && errno == EINTR)
			return UMAD_IO_INTR;
		if (ret < 0) {
			fprintf(stderr, "%s: %s port %u: umad_recv: %s\n", prog,
				u->ca, u->port, strerror(errno ? errno : EIO));
			return UMAD_IO_ERROR;
		}
		mad = umad_get_mad(u->rbuf);
		/* an answer to an earlier MAD this process gave up on */
		if (ret != agent || tid_low(mad) != tid_low(req))
			continue;
		if (umad_status(u->rbuf) == ETIMEDOUT)
			return UMAD_IO_TIMEOUT;
		if (umad_status(u->rbuf)) {
			fprintf(stderr, "%s: %s port %u: the MAD was not sent: %s\n",
				prog, u->ca, u->port,
				strerror(umad_status(u->rbuf)));
			return UMAD_IO_ERROR;
		}
		if (len < IB_SMP_DATA_OFFS + IB_SMP_DATA_SIZE)
			continue;
		memset(resp, 0, IB_MAD_SIZE);
		memcpy(resp, mad, len < IB_MAD_SIZE ? len : IB_MAD_SIZE);
		return UMAD_IO_OK;
	}
}

int umad_io_open_issm(struct umad_io *u)
{
	char path[256];
	int fd;

	if (umad_get_issm_path(u->ca, u->port, path, sizeof(path)) < 0)
		return -ENODEV;
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}
