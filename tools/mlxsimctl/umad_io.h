/* SPDX-License-Identifier: GPL-2.0 */
/* MADs through the kernel's MAD stack (ib_umad) with libibumad. */
#ifndef MLXSIMCTL_UMAD_IO_H
#define MLXSIMCTL_UMAD_IO_H

#include <stdbool.h>
#include <stdint.h>

/* An open port of an ib_core device: /dev/infiniband/umadN. */
struct umad_io {
	char ca[20];		/* UMAD_CA_NAME_LEN */
	unsigned int port;
	int fd;
	int agent[2];		/* SMP agents: [0] class 0x01, [1] class 0x81 */
	int gmp_agent;		/* the one other class registered, or -1 */
	uint8_t gmp_class;
	uint16_t lid;		/* the port's base LID when opened */
	int timeout_ms;
	void *sbuf, *rbuf;	/* struct ib_user_mad + 256 bytes */
};

enum umad_io_result {
	UMAD_IO_OK,		/* a response, in @resp */
	UMAD_IO_TIMEOUT,	/* no response within the timeout */
	UMAD_IO_ERROR,		/* a message was printed */
	UMAD_IO_INTR,		/* a signal came while waiting (no message) */
};

/*
 * Open CA:PORT, with one line naming what is missing when it cannot
 * (ib_umad not loaded, no such device or port, not an InfiniBand port,
 * not root).  Returns 0, or 1 with the message printed.
 */
int umad_io_open(struct umad_io *u, const char *ca, unsigned int port,
		 int timeout_ms);
void umad_io_close(struct umad_io *u);

/*
 * Send @req (256 bytes; the kernel replaces its TID's upper 32 bits) and
 * wait for the response with the same lower 32 bits, into @resp.  @dlid: 0 for an SMP's own
 * routing (a DR SMP to the permissive LID, a LID-routed one to the
 * port's own LID), else the destination LID.
 */
enum umad_io_result umad_io_call(struct umad_io *u, uint8_t *req,
				 uint8_t *resp, uint16_t dlid);

/*
 * The port's issm device, opened without waiting: IsSM is set in the
 * port's CapabilityMask while it is open.  Returns the fd, -EAGAIN when
 * another process (an SM) holds it, or another -errno.
 */
int umad_io_open_issm(struct umad_io *u);

#endif /* MLXSIMCTL_UMAD_IO_H */
