// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsimctl sm: a minimal Subnet Manager for one cable.  Through umad,
 * with directed-route SMPs only (so it works before any port has a LID):
 * the local port (path "0") and the port at the other end of its cable
 * (path "0,PORT") get a LID and MasterSMLID, then both go INIT -> ARMED
 * -> ACTIVE.  Every PortInfo SET is the port's current attribute with
 * those fields changed (read, modify, write back), PortState 0 (no
 * change) unless the state is being changed, PortPhysicalState 0.  No
 * SA, no SMInfo, no routing beyond the one link.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "smp_build.h"
#include "umad_io.h"

#define SM_LID_MAX 0xbfff		/* the last unicast LID */
#define SM_INTERVAL_DEFAULT 5
#define SM_TIMEOUT_DEFAULT_MS 1000

void usage_sm(FILE *out)
{
	fprintf(out,
"Usage: %s sm CA[:PORT] [--lid N] [--peer-lid M] [--once] [--interval S]\n"
"       [--timeout MS]\n"
"\n"
"A minimal Subnet Manager, for ACTIVE ports without OpenSM.  It talks to\n"
"the ports through the kernel's MAD stack (ib_umad: modprobe ib_umad) with\n"
"directed-route SMPs, so it needs no LIDs to start from:\n"
"\n"
"  1. SubnGet(PortInfo) of port PORT (default 1) of ib_core device CA\n"
"     (DR path \"0\").  A port that is not LinkUp (PortPhysicalState 5) is\n"
"     refused: it has no cable.  Cable two mlxsim IB ports first, e.g.\n"
"     echo \"1:1 2:1\" > /sys/bus/mlxsim/link_device\n"
"  2. SubnSet(PortInfo) of that port: LID N (default 1) and MasterSMLID N.\n"
"  3. SubnGet(NodeInfo) through DR path \"0,PORT\": the port at the other end\n"
"     of the cable.  If it answers, SubnSet(PortInfo) of it: LID M (default\n"
"     2), MasterSMLID N.\n"
"  4. SubnSet(PortInfo) PortState ARMED (3) of both ports, then ACTIVE (4).\n"
"\n"
"Each SET writes back the attribute just read with only those fields\n"
"changed, PortState 0 (no change) unless it changes the state and\n"
"PortPhysicalState 0.  A port already in the wanted state is left so.\n"
"Every step is printed.  A port with IsSM set (OpenSM runs on it) is\n"
"refused.\n"
"\n"
"Without --once it then stays in the foreground until SIGINT or SIGTERM,\n"
"holding the port's issm device (IsSM in its CapabilityMask, as an SM's\n"
"port has), and every S seconds looks at both ports again: a port back in\n"
"INIT or ARMED (re-cabled, retrained) is brought up again; a port another\n"
"SM has taken over (MasterSMLID not N) is left alone.\n"
"\n"
"It is not OpenSM: it does not answer SA queries (SubnAdm, class 0x03:\n"
"saquery, path records for IPoIB and rdma_cm need OpenSM), nor SMInfo,\n"
"and it sets no routes, multicast groups, P_Keys or SL/VL tables; it\n"
"manages one link (the local port and its peer), not a fabric.\n"
"\n"
"Options:\n"
"  -l, --lid N          the local port's LID and the MasterSMLID of both\n"
"                       (1..0xbfff, default 1)\n"
"  -p, --peer-lid M     the peer port's LID (1..0xbfff, default 2, not N)\n"
"  -1, --once           bring the ports up once and exit\n"
"  -i, --interval S     seconds between two looks (1..3600, default %d)\n"
"  -T, --timeout MS     wait MS ms for each response (1..600000, default %d)\n"
"  -h, --help           this text\n"
"\n"
"Exit status: 0 when the ports are ACTIVE (after SIGINT or SIGTERM without\n"
"--once); 1 when a port is not LinkUp, another SM runs, a MAD fails or no\n"
"response came (the local port's; a peer that does not answer is only\n"
"reported); 2 on bad arguments.\n"
"Example: %s sm mlxsim1:1 --once\n",
		prog, SM_INTERVAL_DEFAULT, SM_TIMEOUT_DEFAULT_MS, prog);
}

static volatile sig_atomic_t sm_stop;

static void sm_on_signal(int sig)
{
	(void)sig;
	sm_stop = 1;
}

/* One port the SM manages: the local one or its peer. */
struct sm_port {
	char name[96];		/* "mlxsim1 port 1", "peer mlxsim2 port 1" */
	uint8_t path[1];	/* DR path after the start */
	unsigned int hops;	/* 0: local, 1: the peer */
	uint16_t lid;		/* what it gets */
	uint8_t pi[IB_SMP_DATA_SIZE];	/* the last PortInfo read */
	struct smp_port_info info;
	bool present;
};

struct sm {
	struct umad_io u;
	uint16_t lid, peer_lid;
	bool once;
	unsigned int interval;
	uint64_t tid;
	struct sm_port local, peer;
	uint64_t peer_guid;
	bool issm_held;
	bool link_down_said, peer_missing_said, taken_said;
};

/*
 * One DR SMP: a Get, or a Set with @data; the response's attribute into
 * @out.  Returns 0, 1 on a failure (printed unless @quiet_timeout and it
 * timed out), -1 on a timeout with @quiet_timeout, -2 on a signal.
 */
static int sm_smp(struct sm *sm, const struct sm_port *p, uint8_t method,
		  uint16_t attr, const uint8_t *data, uint8_t *out,
		  bool quiet_timeout)
{
	uint8_t mad[IB_MAD_SIZE], resp[IB_MAD_SIZE];
	struct smp_req r;
	char name[64], st[64], path[16];
	uint16_t status;

	smp_req_init(&r);
	r.mgmt_class = IB_SMI_DIRECT_CLASS;
	r.method = method;
	r.attr_id = attr;
	r.tid = sm->tid++;
	smp_build(mad, &r);
	smp_set_dr_path(mad, p->path, p->hops);
	if (data)
		memcpy(mad + IB_SMP_DATA_OFFS, data, IB_SMP_DATA_SIZE);
	smp_mad_name(r.mgmt_class, method, attr, name, sizeof(name));
	if (p->hops)
		snprintf(path, sizeof(path), "0,%u", p->path[0]);
	else
		snprintf(path, sizeof(path), "0");
	switch (umad_io_call(&sm->u, mad, resp, 0)) {
	case UMAD_IO_OK:
		break;
	case UMAD_IO_TIMEOUT:
		if (quiet_timeout)
			return -1;
		fprintf(stderr, "%s: sm: %s: %s (DR path %s): no response within %d ms\n",
			prog, p->name, name, path, sm->u.timeout_ms);
		return 1;
	case UMAD_IO_INTR:
		return -2;
	default:
		return 1;
	}
	status = smp_status(resp);
	if (status) {
		fprintf(stderr, "%s: sm: %s: %s (DR path %s): %s\n", prog,
			p->name, name, path, smp_status_str(status, st, sizeof(st)));
		return 1;
	}
	memcpy(out, resp + IB_SMP_DATA_OFFS, IB_SMP_DATA_SIZE);
	return 0;
}

static int sm_get_port_info(struct sm *sm, struct sm_port *p,
			    bool quiet_timeout)
{
	int ret = sm_smp(sm, p, IB_MAD_METHOD_GET, IB_ATTR_PORT_INFO, NULL,
			 p->pi, quiet_timeout);

	if (!ret)
		smp_port_info_get(p->pi, &p->info);
	return ret;
}

/* SubnSet(PortInfo): the attribute as read, LID/SM LID, @state (0 = keep). */
static int sm_set_port_info(struct sm *sm, struct sm_port *p, uint16_t lid,
			    uint16_t sm_lid, uint8_t state)
{
	uint8_t data[IB_SMP_DATA_SIZE];
	int ret;

	smp_port_info_edit(data, p->pi, lid, sm_lid, state);
	ret = sm_smp(sm, p, IB_MAD_METHOD_SET, IB_ATTR_PORT_INFO, data, p->pi,
		     false);
	if (!ret)
		smp_port_info_get(p->pi, &p->info);
	return ret;
}

static void sm_say_port(const struct sm_port *p)
{
	printf("%s: PortInfo: LID %u, MasterSMLID %u, PortState %s, PortPhysicalState %s\n",
	       p->name, p->info.lid, p->info.sm_lid,
	       smp_port_state_name(p->info.state),
	       smp_phys_state_name(p->info.phys));
}

/* LID and MasterSMLID, when they are not the wanted ones. */
static int sm_assign(struct sm *sm, struct sm_port *p)
{
	uint16_t old_lid = p->info.lid, old_sm = p->info.sm_lid;
	int ret;

	if (p->info.lid == p->lid && p->info.sm_lid == sm->lid) {
		printf("%s: LID %u and MasterSMLID %u already set\n", p->name,
		       p->lid, sm->lid);
		return 0;
	}
	ret = sm_set_port_info(sm, p, p->lid, sm->lid, SMP_PORT_NOP);
	if (ret)
		return ret;
	if (p->info.lid != p->lid || p->info.sm_lid != sm->lid) {
		fprintf(stderr, "%s: sm: %s: SubnSet(PortInfo) answered ok but reads LID %u, MasterSMLID %u\n",
			prog, p->name, p->info.lid, p->info.sm_lid);
		return 1;
	}
	if (old_lid == p->lid)
		printf("%s: SubnSet(PortInfo): MasterSMLID %u -> %u (LID %u kept)\n",
		       p->name, old_sm, sm->lid, p->lid);
	else if (old_sm == sm->lid)
		printf("%s: SubnSet(PortInfo): LID %u -> %u (MasterSMLID %u kept)\n",
		       p->name, old_lid, p->lid, sm->lid);
	else
		printf("%s: SubnSet(PortInfo): LID %u -> %u, MasterSMLID %u -> %u\n",
		       p->name, old_lid, p->lid, old_sm, sm->lid);
	return 0;
}

/* One step up the state machine, if the port is in @from. */
static int sm_step(struct sm *sm, struct sm_port *p, uint8_t from, uint8_t to)
{
	int ret;

	if (!p->present || p->info.state != from)
		return 0;
	ret = sm_set_port_info(sm, p, p->info.lid, p->info.sm_lid, to);
	if (ret)
		return ret;
	if (p->info.state != to) {
		fprintf(stderr, "%s: sm: %s: SubnSet(PortInfo) PortState %s answered ok but the port is %s\n",
			prog, p->name, smp_port_state_name(to),
			smp_port_state_name(p->info.state));
		return 1;
	}
	printf("%s: SubnSet(PortInfo): PortState %s -> %s\n", p->name,
	       smp_port_state_name(from), smp_port_state_name(to));
	return 0;
}

/* The peer's NodeInfo (and NodeDescription, for its name). 0, 1, or -1: none. */
static int sm_find_peer(struct sm *sm)
{
	struct sm_port *p = &sm->peer;
	uint8_t ni[IB_SMP_DATA_SIZE], nd[IB_SMP_DATA_SIZE];
	struct smp_node_info n;
	char desc[IB_SMP_DATA_SIZE + 1];
	int ret;

	snprintf(p->name, sizeof(p->name), "peer (DR path 0,%u)", sm->u.port);
	ret = sm_smp(sm, p, IB_MAD_METHOD_GET, IB_ATTR_NODE_INFO, NULL, ni,
		     true);
	if (ret)
		return ret;
	smp_node_info_get(ni, &n);
	desc[0] = '\0';
	if (!sm_smp(sm, p, IB_MAD_METHOD_GET, IB_ATTR_NODE_DESC, NULL, nd,
		    true)) {
		memcpy(desc, nd, IB_SMP_DATA_SIZE);
		desc[IB_SMP_DATA_SIZE] = '\0';
	}
	while (desc[0] && desc[strlen(desc) - 1] == ' ')
		desc[strlen(desc) - 1] = '\0';
	if (desc[0])
		snprintf(p->name, sizeof(p->name), "peer \"%.60s\" port %u",
			 desc, n.local_port);
	else
		snprintf(p->name, sizeof(p->name), "peer port %u", n.local_port);
	if (n.node_guid != sm->peer_guid)
		printf("%s: NodeInfo via DR path 0,%u: node GUID 0x%016llx, port GUID 0x%016llx, %s with %u port%s\n",
		       p->name, sm->u.port, (unsigned long long)n.node_guid,
		       (unsigned long long)n.port_guid,
		       n.node_type == 1 ? "a CA" : n.node_type == 2 ?
		       "a switch" : "a node", n.num_ports,
		       n.num_ports == 1 ? "" : "s");
	sm->peer_guid = n.node_guid;
	return 0;
}

/* Another SM on the port?  IsSM set, and not by us. */
static int sm_check_is_sm(const struct sm_port *p)
{
	if (!(p->info.cap_mask & SMP_PI_CAP_IS_SM))
		return 0;
	fprintf(stderr, "%s: sm: %s has IsSM set in its CapabilityMask: another Subnet Manager (OpenSM?) runs on it; stop it first\n",
		prog, p->name);
	return 1;
}

/* INIT or ARMED: a port an SM still has to bring up */
static bool sm_down_state(const struct sm_port *p)
{
	return p->info.state == SMP_PORT_INIT || p->info.state == SMP_PORT_ARMED;
}

/*
 * One look at both ports.  The first (@first) brings them up whatever
 * their state; later ones act only on a port that went back to INIT or
 * ARMED and that no other SM manages.  0, 1 on failure, -2 on a signal.
 */
static int sm_sweep(struct sm *sm, bool first)
{
	struct sm_port *l = &sm->local, *p = &sm->peer;
	int ret;

	ret = sm_get_port_info(sm, l, false);
	if (ret)
		return ret;
	if (first)
		sm_say_port(l);
	if (l->info.phys != SMP_PHYS_LINK_UP) {
		if (first) {
			fprintf(stderr, "%s: sm: %s is not LinkUp (PortPhysicalState %s): no cable; cable it to another IB port first, e.g. echo \"A:P B:Q\" > /sys/bus/mlxsim/link_device\n",
				prog, l->name, smp_phys_state_name(l->info.phys));
			return 1;
		}
		if (!sm->link_down_said)
			printf("%s: link down (PortPhysicalState %s): waiting for a cable\n",
			       l->name, smp_phys_state_name(l->info.phys));
		sm->link_down_said = true;
		return 0;
	}
	if (!first && sm->link_down_said)
		printf("%s: LinkUp again\n", l->name);
	sm->link_down_said = false;
	/* our own IsSM, while we hold issm, is not another SM's */
	if (first && !sm->issm_held && sm_check_is_sm(l))
		return 1;

	/* the peer, when something answers at the cable's other end */
	ret = sm_find_peer(sm);
	if (ret == -2)
		return ret;
	p->present = !ret;
	if (ret < 0) {
		if (first || !sm->peer_missing_said)
			printf("%s: nothing answers NodeInfo at DR path 0,%u: no peer port; only %s is configured\n",
			       l->name, sm->u.port, l->name);
		sm->peer_missing_said = true;
	} else if (ret) {
		return ret;
	} else {
		sm->peer_missing_said = false;
		ret = sm_get_port_info(sm, p, false);
		if (ret)
			return ret;
		if (first) {
			sm_say_port(p);
			if (sm_check_is_sm(p))
				return 1;
		}
	}

	if (!first) {
		uint8_t back = sm_down_state(l) ? l->info.state :
			       p->present && sm_down_state(p) ? p->info.state : 0;

		if (!back)
			return 0;
		if (l->info.sm_lid != sm->lid) {
			if (!sm->taken_said)
				printf("%s: MasterSMLID %u is not ours (%u): another Subnet Manager manages the link; leaving it alone\n",
				       l->name, l->info.sm_lid, sm->lid);
			sm->taken_said = true;
			return 0;
		}
		sm->taken_said = false;
		printf("%s: a port is back in %s: bringing the link up again\n",
		       l->name, smp_port_state_name(back));
	}
	ret = sm_assign(sm, l);
	if (!ret && p->present)
		ret = sm_assign(sm, p);
	if (!ret)
		ret = sm_step(sm, l, SMP_PORT_INIT, SMP_PORT_ARMED);
	if (!ret)
		ret = sm_step(sm, p, SMP_PORT_INIT, SMP_PORT_ARMED);
	if (!ret)
		ret = sm_step(sm, l, SMP_PORT_ARMED, SMP_PORT_ACTIVE);
	if (!ret)
		ret = sm_step(sm, p, SMP_PORT_ARMED, SMP_PORT_ACTIVE);
	if (ret)
		return ret;
	if (p->present)
		printf("link up: %s LID %u %s, %s LID %u %s, MasterSMLID %u\n",
		       l->name, l->info.lid, smp_port_state_name(l->info.state),
		       p->name, p->info.lid, smp_port_state_name(p->info.state),
		       sm->lid);
	else
		printf("port up: %s LID %u %s, MasterSMLID %u\n", l->name,
		       l->info.lid, smp_port_state_name(l->info.state),
		       sm->lid);
	fflush(stdout);
	return 0;
}

static uint16_t sm_parse_lid(const char *s, const char *opt)
{
	unsigned long long v;

	if (smp_parse_num(s, SM_LID_MAX, &v) || !v)
		die_usage("bad %s '%s' (a unicast LID, 1..0xbfff)", opt, s);
	return v;
}

/* Sleep @s seconds, or less when a signal comes. */
static void sm_sleep(unsigned int s)
{
	struct timespec ts = { .tv_sec = s };

	if (!sm_stop)
		nanosleep(&ts, NULL);
}

int cmd_sm(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lid", required_argument, NULL, 'l' },
		{ "peer-lid", required_argument, NULL, 'p' },
		{ "once", no_argument, NULL, '1' },
		{ "interval", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct umad_target t = { .set = false };
	bool peer_lid_given = false;
	struct sigaction sa;
	int c, ret, issm = -1, timeout = SM_TIMEOUT_DEFAULT_MS;
	struct sm *sm;

	sm = calloc(1, sizeof(*sm));
	if (!sm) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 1;
	}
	/* one line at a time, in order with the errors on stderr */
	setvbuf(stdout, NULL, _IOLBF, 0);
	sm->lid = 1;
	sm->peer_lid = 2;
	sm->interval = SM_INTERVAL_DEFAULT;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":l:p:1i:T:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			sm->lid = sm_parse_lid(optarg, "--lid");
			break;
		case 'p':
			sm->peer_lid = sm_parse_lid(optarg, "--peer-lid");
			peer_lid_given = true;
			break;
		case '1':
			sm->once = true;
			break;
		case 'i':
			sm->interval = parse_num_or_die(optarg, "interval (s)",
							1, 3600);
			break;
		case 'T':
			timeout = parse_num_or_die(optarg, "timeout (ms)", 1,
						   600000);
			break;
		case 'h':
			usage_sm(stdout);
			exit(0);
		case ':':
			die_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			die_usage("bad option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		die_usage("sm needs CA[:PORT], e.g. 'sm mlxsim1:1'");
	if (optind + 1 < argc)
		die_usage("sm takes one CA[:PORT] ('%s' is one too many)",
			  argv[optind + 1]);
	parse_umad_or_die(argv[optind], &t);
	if (sm->lid == sm->peer_lid) {
		if (peer_lid_given)
			die_usage("--lid and --peer-lid are both %u: two ports need two LIDs",
				  sm->lid);
		sm->peer_lid = sm->lid == 2 ? 1 : 2;
	}

	if (umad_io_open(&sm->u, t.ca, t.port, timeout)) {
		free(sm);
		return 1;
	}
	sm->tid = (uint64_t)getpid() << 16;
	snprintf(sm->local.name, sizeof(sm->local.name), "%s port %u", t.ca,
		 t.port);
	sm->local.lid = sm->lid;
	sm->local.present = true;
	sm->peer.path[0] = t.port;	/* a CA's DR path: out of this port */
	sm->peer.hops = 1;
	sm->peer.lid = sm->peer_lid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sm_on_signal;	/* no SA_RESTART: waits end */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (!sm->once) {
		/* before our own IsSM: another SM on the port is refused */
		ret = sm_get_port_info(sm, &sm->local, false);
		if (!ret && sm->local.info.phys == SMP_PHYS_LINK_UP)
			ret = sm_check_is_sm(&sm->local);
		if (!ret) {
			issm = umad_io_open_issm(&sm->u);
			if (issm == -EAGAIN) {
				fprintf(stderr, "%s: sm: %s: its issm device is held by another Subnet Manager (OpenSM?); stop it first\n",
					prog, sm->local.name);
				ret = 1;
			} else if (issm < 0) {
				fprintf(stderr, "%s: sm: %s: cannot open its issm device: %s\n",
					prog, sm->local.name, strerror(-issm));
				ret = 1;
			}
		}
		if (ret) {
			umad_io_close(&sm->u);
			free(sm);
			return ret < 0 ? 1 : ret;
		}
		sm->issm_held = true;
	}
	ret = sm_sweep(sm, true);
	if (!ret && !sm->once) {
		printf("%s: IsSM set while running; looking every %u s (SIGINT or SIGTERM stops)\n",
		       sm->local.name, sm->interval);
		fflush(stdout);
		while (!sm_stop) {
			sm_sleep(sm->interval);
			if (sm_stop)
				break;
			ret = sm_sweep(sm, false);
			if (ret == -2)
				break;
			/* a failed look is reported; the next may work */
			ret = 0;
			fflush(stdout);
		}
		printf("%s: stopping (IsSM cleared)\n", sm->local.name);
		ret = 0;
	}
	if (ret == -2) {
		fprintf(stderr, "%s: sm: interrupted\n", prog);
		ret = 1;
	}
	if (issm >= 0)
		close(issm);
	umad_io_close(&sm->u);
	free(sm);
	return ret;
}
