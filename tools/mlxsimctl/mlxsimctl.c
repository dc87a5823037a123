// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsimctl: feed the mlxsim driver from readable arguments: SMP MADs
 * (PKeyTable SET/GET, any SMP) to port<P>/mad or through the kernel's MAD
 * stack (ib_umad, -U), guest QP state changes to vf<S>/qp_modify, and a
 * minimal Subnet Manager (sm.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "smp_build.h"
#include "umad_io.h"

#define DEFAULT_DEBUGFS "/sys/kernel/debug/mlxsim"
#define MLXSIMCTL_VERSION "0.2"
#define REPEAT_MAX 1000000
#define TIMEOUT_DEFAULT_MS 1000
#define TIMEOUT_MAX_MS 600000

const char *prog = "mlxsimctl";

void usage(FILE *out)
{
	fprintf(out,
"Usage: %s [-D DIR | -U CA[:PORT]] COMMAND [ARGS]\n"
"\n"
"Feed the mlxsim driver from readable arguments: build Subnet Management\n"
"MADs and guest QP state changes and write them to the driver's debugfs\n"
"files, or send the MADs through the kernel's MAD stack (ib_umad), so\n"
"nobody has to hand-craft bytes; and bring InfiniBand ports up without\n"
"OpenSM.\n"
"\n"
"Commands:\n"
"  pkey-set DEV PORT [OPTIONS] [INDEX=PKEY ...]\n"
"  pkey-set -U CA[:PORT] [OPTIONS] [INDEX=PKEY ...]\n"
"      Send a SubnSet(PKeyTable) of one 32-entry block to port PORT of\n"
"      device mlxsim<DEV>, as the Subnet Manager would.  INDEX is the entry\n"
"      inside the block (0..31), PKEY its value (0..0xffff; bit 15 set =\n"
"      full membership).  Entries not given are 0 unless --keep is used.\n"
"      Example: %s pkey-set 1 1 --block 0 0=0xffff 5=0x8001\n"
"  pkey-get DEV PORT [--block N]\n"
"  pkey-get -U CA[:PORT] [--block N]\n"
"      Send a SubnGet(PKeyTable) for the block, then print the port's P_Key\n"
"      table as 'index pkey membership' lines after that header.  Through\n"
"      debugfs the table is the driver's (pkey_cache, or without VFs the\n"
"      master's vf0/port<P>/pkeys): the block given with --block, else\n"
"      every entry.  With -U it is what the port's SMA answered: the block,\n"
"      or without --block every block (NodeInfo's PartitionCap entries).\n"
"  mad DEV PORT [OPTIONS] [INDEX=PKEY ...]\n"
"  mad -U CA[:PORT] [OPTIONS] [INDEX=PKEY ...]\n"
"      Any MAD: choose --class, --method, --attr and --class-version freely\n"
"      (for tests of what the driver must not snoop or must refuse).  The\n"
"      data carries the INDEX=PKEY entries in PKeyTable layout.  With -U the\n"
"      response of a Get is printed: PKeyTable, PortInfo, NodeInfo and\n"
"      NodeDescription decoded, other attributes in hex.\n"
"  qp DEV SLAVE KEY=VALUE ...\n"
"      A guest QP state change of VF SLAVE (0 = the master), written to\n"
"      vf<SLAVE>/qp_modify.  Keys: qpn= op= type=rc|uc|ud|smi|gsi port=\n"
"      pkey_index= alt_pkey_index= alt_port= mgid_index= alt_mgid_index=\n"
"      qkey= optpar=pri,alt.  op is one of RST2INIT INIT2INIT INIT2RTR RTR2RTS\n"
"      RTS2RTS SQERR2RTS SQD2SQD SQD2RTS RTS2SQD 2ERR 2RST.\n"
"      Example:\n"
"        %s qp 1 3 qpn=0x100 type=ud op=RST2INIT port=1 pkey_index=2\n"
"      Keys, types, ops and numbers are checked here before the driver\n"
"      sees them; a key given twice is refused.\n"
"  sm CA[:PORT] [--lid N] [--peer-lid M] [--once] [--interval S]\n"
"     [--timeout MS]\n"
"      A minimal Subnet Manager through umad: gives the port and the one at\n"
"      the other end of its cable LIDs and brings both to ACTIVE with\n"
"      directed-route SubnSet(PortInfo).  It answers no SA queries (no\n"
"      saquery, no path records): see '%s sm --help'.\n"
"\n"
"MAD options (pkey-set, pkey-get, mad):\n"
"  -b, --block N        PKeyTable block (attribute modifier), default 0\n"
"  -r, --dr             directed route (class 0x81) instead of LID routed;\n"
"                       the path is empty: the local port\n"
"  -c, --class C        management class: lid, dr or a number\n"
"  -m, --method M       get, set or a number\n"
"  -a, --attr A         attribute: a number or a name (NodeDescription,\n"
"                       NodeInfo, GUIDInfo, PortInfo, PKeyTable, SMInfo...),\n"
"                       default PKeyTable (0x16)\n"
"      --class-version V  the MAD's class version, default 1; the SMA\n"
"                       answers another with status 0x0004 (bad version)\n"
"  -t, --tid N          transaction id (default 1; through umad the kernel\n"
"                       replaces its upper 32 bits with its agent's)\n"
"  -k, --keep           start from the block's current values: the port's\n"
"                       pkey_cache, or with -U a SubnGet of the block first\n"
"  -o, --dump FILE      write the 256-byte MAD to FILE ('-' = stdout)\n"
"                       instead of the device; DEV and PORT may then be\n"
"                       omitted (not with -U or --repeat)\n"
"  -n, --repeat N       send the MAD N times (1..%d) in one process, each\n"
"                       timed with clock_gettime(CLOCK_MONOTONIC), and print\n"
"                       one line of figures instead of the result: the\n"
"                       total, microseconds per MAD, min, median, p99, max;\n"
"                       it stops at the first MAD that fails\n"
"  -U, --umad CA[:PORT] send through the kernel's MAD stack (below) to port\n"
"                       PORT (default 1) of ib_core device CA, e.g.\n"
"                       mlxsim1:1, instead of writing debugfs; DEV and PORT\n"
"                       are then not given\n"
"  -T, --timeout MS     with -U: how long to wait for each response, in\n"
"                       milliseconds (1..%d, default %d)\n"
"\n"
"Global options:\n"
"  -D, --debugfs DIR    mlxsim's debugfs directory, as in mlxtop (default\n"
"                       %s, or $MLXSIM_DEBUGFS)\n"
"  -U, --umad CA[:PORT] as above, for the command that follows\n"
"  -h, --help           this text\n"
"  -V, --version        the version\n"
"\n"
"Through debugfs the MAD is written in one write(2) of exactly 256 bytes\n"
"to DIR/mlxsim<DEV>/port<PORT>/mad: an SMP \"received on QP0\", which the\n"
"driver hands to the simulated firmware's SMA (MAD_IFC) and snoops if it\n"
"is an accepted SubnSet(PKeyTable).  The driver tells the result by the\n"
"write's errno only.\n"
"\n"
"Through umad (-U) the MAD takes the path an SM's takes: libibumad opens\n"
"the port's /dev/infiniband/umadN, registers an agent for the MAD's class\n"
"(class version 1) and sends it, addressed by its routing: a\n"
"directed-route SMP with an empty path goes to the permissive LID and\n"
"ib_mad hands it to the local port's process_mad at once; a LID-routed\n"
"SMP goes to QP0 of the port's own LID (the port needs one: run an SM\n"
"first, e.g. '%s sm'); another class to QP1 of that LID.  The\n"
"response's MAD status is printed by name:\n"
"  0x0000 ok                        0x000c method/attribute not supported\n"
"  0x0004 bad version               0x001c invalid field\n"
"  0x0008 method not supported\n"
"(the D bit 0x8000 of a directed-route response is not part of the\n"
"status).  It needs ib_umad (modprobe ib_umad) and root.\n"
"\n"
"Exit status: 0 on success (MAD status 0); 1 when the driver refused the\n"
"write (its errno is printed), the MAD status is not 0, no response came\n"
"in time, or a file or device could not be opened; 2 on bad arguments.\n"
"See mlxsimctl(1).\n",
		prog, prog, prog, prog, REPEAT_MAX, TIMEOUT_MAX_MS,
		TIMEOUT_DEFAULT_MS, DEFAULT_DEBUGFS, prog);
}

void die_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try '%s --help')\n", prog);
	exit(EXIT_USAGE);
}

unsigned long long parse_num_or_die(const char *s, const char *what,
				    unsigned long long min,
				    unsigned long long max)
{
	unsigned long long v;

	if (smp_parse_num(s, max, &v) || v < min)
		die_usage("bad %s '%s' (%llu..%llu)", what, s, min, max);
	return v;
}

void parse_umad_or_die(const char *arg, struct umad_target *t)
{
	const char *err;

	if (smp_parse_ca_port(arg, t->ca, sizeof(t->ca), &t->port, &err))
		die_usage("bad CA[:PORT] '%s': %s", arg, err);
	t->set = true;
}

static const char *access_hint(int err)
{
	switch (err) {
	case ENOENT:
		return " (is mlxsim loaded, does the device exist, and does it have this port/VF?)";
	case EACCES:
	case EPERM:
		return " (debugfs files are root-only: run as root)";
	default:
		return "";
	}
}

/* One write(2) of @len bytes; 0, or 1 with a message. */
static int write_file(const char *path, const void *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s%s\n", prog, path, strerror(errno),
			access_hint(errno));
		return 1;
	}
	n = write(fd, buf, len);
	if (n < 0) {
		fprintf(stderr, "%s: %s: refused: %s\n", prog, path,
			strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	if ((size_t)n != len) {
		fprintf(stderr, "%s: %s: short write (%zd of %zu bytes)\n",
			prog, path, n, len);
		return 1;
	}
	return 0;
}

static unsigned long parse_id(const char *s, const char *what,
			      unsigned long max)
{
	return parse_num_or_die(s, what, 0, max);
}

/* --keep: the block's current values from port<P>/pkey_cache. */
static int load_block(const char *dir, unsigned long dev, unsigned long port,
		      struct smp_req *r)
{
	unsigned int idx, pkey, first = (r->attr_mod & 0xffff) * 32;
	char path[4096], line[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/mlxsim%lu/port%lu/pkey_cache", dir,
		 dev, port);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: --keep: %s: %s%s\n", prog, path,
			strerror(errno), access_hint(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %x", &idx, &pkey) == 2 && idx >= first &&
		    idx < first + SMP_PKEYS_PER_BLOCK)
			r->pkey[idx - first] = pkey;
	fclose(f);
	return 0;
}

static const char *membership(unsigned int pkey)
{
	return !(pkey & 0x7fff) ? "invalid" : pkey & 0x8000 ? "full" : "limited";
}

/* pkey-get: the port's table as the driver keeps it. */
static int print_table(const char *dir, unsigned long dev, unsigned long port,
		       bool block_given, uint32_t block)
{
	unsigned int idx, pkey, first = block * SMP_PKEYS_PER_BLOCK;
	char path[4096], line[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/mlxsim%lu/port%lu/pkey_cache", dir,
		 dev, port);
	f = fopen(path, "r");
	if (!f && errno == ENOENT) {
		snprintf(path, sizeof(path), "%s/mlxsim%lu/vf0/port%lu/pkeys",
			 dir, dev, port);
		f = fopen(path, "r");
	}
	if (!f) {
		fprintf(stderr, "%s: %s: %s%s\n", prog, path, strerror(errno),
			access_hint(errno));
		return 1;
	}
	printf("index pkey membership\n");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%u %x", &idx, &pkey) != 2)
			continue;
		if (block_given && (idx < first ||
				    idx >= first + SMP_PKEYS_PER_BLOCK))
			continue;
		printf("%u 0x%04x %s\n", idx, pkey, membership(pkey));
	}
	fclose(f);
	return 0;
}

static bool smp_class(uint8_t mgmt_class)
{
	return mgmt_class == IB_SMI_CLASS || mgmt_class == IB_SMI_DIRECT_CLASS;
}

static void set_tid(uint8_t *mad, uint64_t tid)
{
	int i;

	for (i = 0; i < 8; i++)
		mad[8 + i] = tid >> (56 - 8 * i);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* What one MAD command sends, and where. */
struct mad_job {
	const char *cmd;
	struct smp_req r;
	bool block_given;
	unsigned long repeat;
	/* debugfs */
	const char *dir;
	unsigned long dev, port;
	/* umad */
	struct umad_target ut;
	struct umad_io u;
	uint64_t aux_tid;	/* of the Gets mlxsimctl sends itself */
	char what[96];		/* "SubnGet(PKeyTable) block 0" */
	char route[48];		/* "directed route", "LID-routed to LID 1" */
};

static void job_names(struct mad_job *j)
{
	const struct smp_req *r = &j->r;
	char name[64];
	size_t n;

	smp_mad_name(r->mgmt_class, r->method, r->attr_id, name, sizeof(name));
	n = snprintf(j->what, sizeof(j->what), "%s", name);
	if (smp_class(r->mgmt_class) && r->attr_id == IB_ATTR_PKEY_TBL)
		snprintf(j->what + n, sizeof(j->what) - n, " block %u",
			 r->attr_mod & 0xffff);
	else if (r->attr_mod)
		snprintf(j->what + n, sizeof(j->what) - n, " modifier 0x%x",
			 r->attr_mod);
	if (!j->ut.set)
		snprintf(j->route, sizeof(j->route), "debugfs");
	else if (r->mgmt_class == IB_SMI_DIRECT_CLASS)
		snprintf(j->route, sizeof(j->route), "directed route");
	else if (r->mgmt_class == IB_SMI_CLASS)
		snprintf(j->route, sizeof(j->route), "LID-routed to LID %u",
			 j->u.lid);
	else
		snprintf(j->route, sizeof(j->route), "QP1 of LID %u", j->u.lid);
}

/* One MAD through umad: 0 (status 0, @resp filled), or 1 with a message. */
static int umad_one(struct mad_job *j, uint8_t *mad, uint8_t *resp,
		    const char *what, unsigned long nth)
{
	char st[64], at[64] = "";
	uint16_t status;

	if (j->repeat > 1 && nth)
		snprintf(at, sizeof(at), ": MAD %lu of %lu", nth, j->repeat);
	switch (umad_io_call(&j->u, mad, resp, 0)) {
	case UMAD_IO_OK:
		break;
	case UMAD_IO_TIMEOUT:
		fprintf(stderr, "%s: %s port %u: %s (%s)%s: no response within %d ms\n",
			prog, j->u.ca, j->u.port, what, j->route, at,
			j->u.timeout_ms);
		return 1;
	case UMAD_IO_INTR:
		fprintf(stderr, "%s: %s port %u: %s (%s)%s: interrupted\n",
			prog, j->u.ca, j->u.port, what, j->route, at);
		return 1;
	default:
		return 1;
	}
	status = smp_status(resp);
	if (status) {
		fprintf(stderr, "%s: %s port %u: %s (%s)%s: %s\n", prog,
			j->u.ca, j->u.port, what, j->route, at,
			smp_status_str(status, st, sizeof(st)));
		return 1;
	}
	return 0;
}

/* A Get of @attr/@mod on the job's port and routing, for --keep and pkey-get. */
static int umad_get(struct mad_job *j, uint16_t attr, uint32_t mod,
		    uint8_t *resp)
{
	uint8_t mad[IB_MAD_SIZE];
	struct smp_req g;
	char name[64], what[96];

	smp_req_init(&g);
	g.mgmt_class = j->r.mgmt_class;
	g.attr_id = attr;
	g.attr_mod = mod;
	g.tid = j->aux_tid++;
	smp_build(mad, &g);
	smp_mad_name(g.mgmt_class, g.method, attr, name, sizeof(name));
	if (attr == IB_ATTR_PKEY_TBL)
		snprintf(what, sizeof(what), "%s block %u", name, mod & 0xffff);
	else
		snprintf(what, sizeof(what), "%s", name);
	return umad_one(j, mad, resp, what, 0);
}

static void print_pkey_block(const uint8_t *resp, uint32_t block)
{
	unsigned int i, pkey;

	for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++) {
		pkey = smp_get16(resp + IB_SMP_DATA_OFFS + 2 * i);
		printf("%u 0x%04x %s\n", block * SMP_PKEYS_PER_BLOCK + i, pkey,
		       membership(pkey));
	}
}

/*
 * A Get's answer, decoded where mlxsimctl knows the SMP attribute; other
 * attributes and classes: the first 64 data bytes in hex.
 */
static void print_attr(const uint8_t *resp, uint16_t attr, uint32_t mod)
{
	const uint8_t *d = resp + IB_SMP_DATA_OFFS;
	struct smp_port_info pi;
	struct smp_node_info ni;
	char desc[65];
	int i;

	switch (smp_class(resp[1]) ? attr : 0) {
	case IB_ATTR_PKEY_TBL:
		printf("index pkey membership\n");
		print_pkey_block(resp, mod & 0xffff);
		return;
	case IB_ATTR_PORT_INFO:
		smp_port_info_get(d, &pi);
		printf("lid %u\nsm_lid %u\nlmc %u\nport_state %s\nphys_state %s\ncap_mask 0x%08x\nlocal_port %u\n",
		       pi.lid, pi.sm_lid, pi.lmc, smp_port_state_name(pi.state),
		       smp_phys_state_name(pi.phys), pi.cap_mask,
		       pi.local_port);
		return;
	case IB_ATTR_NODE_INFO:
		smp_node_info_get(d, &ni);
		printf("node_type %u\nnum_ports %u\nnode_guid 0x%016llx\nport_guid 0x%016llx\npartition_cap %u\nlocal_port %u\n",
		       ni.node_type, ni.num_ports,
		       (unsigned long long)ni.node_guid,
		       (unsigned long long)ni.port_guid, ni.partition_cap,
		       ni.local_port);
		return;
	case IB_ATTR_NODE_DESC:
		memcpy(desc, d, 64);
		desc[64] = '\0';
		printf("node_desc %s\n", desc);
		return;
	}
	for (i = 0; i < IB_SMP_DATA_SIZE; i++)
		printf("%s%02x%s", i % 16 ? " " : "", d[i],
		       i % 16 == 15 ? "\n" : "");
}

static void print_figures(struct mad_job *j, double *lat, double total_us)
{
	struct smp_lat s;
	char where[4200];

	if (j->ut.set)
		snprintf(where, sizeof(where), "umad %s port %u (%s)", j->u.ca,
			 j->u.port, j->route);
	else
		snprintf(where, sizeof(where),
			 "debugfs mlxsim%lu port %lu (%s/mlxsim%lu/port%lu/mad)",
			 j->dev, j->port, j->dir, j->dev, j->port);
	smp_lat_stats(lat, j->repeat, &s);
	printf("%lu x %s via %s: %.3f s, %.1f us/MAD (min %.1f, median %.1f, p99 %.1f, max %.1f us)\n",
	       j->repeat, j->what, where, total_us / 1e6, total_us / j->repeat,
	       s.min, s.median, s.p99, s.max);
}

/* Through debugfs, --repeat: one open, N writes. */
static int debugfs_repeat(struct mad_job *j, uint8_t *mad)
{
	double *lat, t0, t1, start;
	char path[4096];
	unsigned long i;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/mlxsim%lu/port%lu/mad", j->dir, j->dev,
		 j->port);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s%s\n", prog, path, strerror(errno),
			access_hint(errno));
		return 1;
	}
	lat = calloc(j->repeat, sizeof(*lat));
	if (!lat) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		close(fd);
		return 1;
	}
	start = now_us();
	for (i = 0; i < j->repeat; i++) {
		set_tid(mad, j->r.tid + i);
		t0 = now_us();
		n = write(fd, mad, IB_MAD_SIZE);
		t1 = now_us();
		if (n != IB_MAD_SIZE) {
			fprintf(stderr, "%s: %s: MAD %lu of %lu refused: %s\n",
				prog, path, i + 1, j->repeat,
				n < 0 ? strerror(errno) : "short write");
			free(lat);
			close(fd);
			return 1;
		}
		lat[i] = t1 - t0;
	}
	print_figures(j, lat, now_us() - start);
	free(lat);
	close(fd);
	return 0;
}

static int umad_repeat(struct mad_job *j, uint8_t *mad)
{
	uint8_t resp[IB_MAD_SIZE];
	double *lat, t0, start;
	unsigned long i;
	int ret = 0;

	lat = calloc(j->repeat, sizeof(*lat));
	if (!lat) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 1;
	}
	start = now_us();
	for (i = 0; i < j->repeat && !ret; i++) {
		set_tid(mad, j->r.tid + i);
		t0 = now_us();
		ret = umad_one(j, mad, resp, j->what, i + 1);
		lat[i] = now_us() - t0;
	}
	if (!ret)
		print_figures(j, lat, now_us() - start);
	free(lat);
	return ret;
}

/* pkey-get -U without --block: every block of NodeInfo's PartitionCap. */
static int umad_pkey_get_all(struct mad_job *j)
{
	uint8_t resp[IB_MAD_SIZE], *all;
	struct smp_node_info ni;
	uint32_t b, blocks;
	char name[64];

	if (umad_get(j, IB_ATTR_NODE_INFO, 0, resp))
		return 1;
	smp_node_info_get(resp + IB_SMP_DATA_OFFS, &ni);
	blocks = (ni.partition_cap + SMP_PKEYS_PER_BLOCK - 1) /
		 SMP_PKEYS_PER_BLOCK;
	if (!blocks)
		blocks = 1;
	all = calloc(blocks, IB_MAD_SIZE);
	if (!all) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 1;
	}
	for (b = 0; b < blocks; b++)
		if (umad_get(j, IB_ATTR_PKEY_TBL, b, all + b * IB_MAD_SIZE)) {
			free(all);
			return 1;
		}
	smp_mad_name(j->r.mgmt_class, IB_MAD_METHOD_GET, IB_ATTR_PKEY_TBL,
		     name, sizeof(name));
	if (blocks == 1)
		printf("%s port %u: %s block 0 (%s): status 0x0000 (ok)\n",
		       j->u.ca, j->u.port, name, j->route);
	else
		printf("%s port %u: %s blocks 0-%u (%s; PartitionCap %u): status 0x0000 (ok)\n",
		       j->u.ca, j->u.port, name, blocks - 1, j->route,
		       ni.partition_cap);
	printf("index pkey membership\n");
	for (b = 0; b < blocks; b++)
		print_pkey_block(all + b * IB_MAD_SIZE, b);
	free(all);
	return 0;
}

static int umad_send_job(struct mad_job *j, bool keep, const bool *given,
			 const struct smp_req *entries)
{
	uint8_t mad[IB_MAD_SIZE], resp[IB_MAD_SIZE];
	int i, ret;

	if (umad_io_open(&j->u, j->ut.ca, j->ut.port, j->u.timeout_ms))
		return 1;
	j->aux_tid = j->r.tid + 1;
	job_names(j);
	if (j->r.mgmt_class != IB_SMI_DIRECT_CLASS && !j->u.lid) {
		fprintf(stderr, "%s: %s port %u has no LID (no Subnet Manager has set one): send directed route (--dr), or bring the port up first ('%s sm %s:%u' or opensm)\n",
			prog, j->u.ca, j->u.port, prog, j->u.ca, j->u.port);
		umad_io_close(&j->u);
		return 1;
	}
	if (keep) {
		if (umad_get(j, IB_ATTR_PKEY_TBL, j->r.attr_mod, resp)) {
			umad_io_close(&j->u);
			return 1;
		}
		for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++)
			j->r.pkey[i] = smp_get16(resp + IB_SMP_DATA_OFFS + 2 * i);
	}
	for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++)
		if (given[i])
			j->r.pkey[i] = entries->pkey[i];
	if (!strcmp(j->cmd, "pkey-get") && !j->block_given && j->repeat == 1) {
		ret = umad_pkey_get_all(j);
		umad_io_close(&j->u);
		return ret;
	}
	smp_build(mad, &j->r);
	if (j->repeat > 1) {
		ret = umad_repeat(j, mad);
	} else {
		ret = umad_one(j, mad, resp, j->what, 1);
		if (!ret) {
			printf("%s port %u: %s (%s): status 0x0000 (ok)\n",
			       j->u.ca, j->u.port, j->what, j->route);
			if (j->r.method == IB_MAD_METHOD_GET)
				print_attr(resp, j->r.attr_id, j->r.attr_mod);
		}
	}
	umad_io_close(&j->u);
	return ret;
}

static int cmd_mad(const char *dir, const struct umad_target *gut,
		   const char *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "block", required_argument, NULL, 'b' },
		{ "dr", no_argument, NULL, 'r' },
		{ "debugfs", required_argument, NULL, 'D' },
		{ "class", required_argument, NULL, 'c' },
		{ "method", required_argument, NULL, 'm' },
		{ "attr", required_argument, NULL, 'a' },
		{ "class-version", required_argument, NULL, 'C' },
		{ "tid", required_argument, NULL, 't' },
		{ "keep", no_argument, NULL, 'k' },
		{ "dump", required_argument, NULL, 'o' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "umad", required_argument, NULL, 'U' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dump = NULL, *err;
	unsigned long long v;
	uint8_t mad[IB_MAD_SIZE];
	struct smp_req entries;
	bool given[SMP_PKEYS_PER_BLOCK] = { false };
	char *pos[64];
	bool keep = false;
	int c, i, npos = 0, ret, class_version = 1;
	unsigned long idx;
	char path[4096];
	struct mad_job *j;

	j = calloc(1, sizeof(*j));
	if (!j) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 1;
	}
	j->cmd = cmd;
	j->dir = dir;
	j->ut = *gut;
	j->repeat = 1;
	j->u.timeout_ms = TIMEOUT_DEFAULT_MS;
	smp_req_init(&j->r);
	if (!strcmp(cmd, "pkey-set"))
		j->r.method = IB_MAD_METHOD_SET;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:rD:c:m:a:t:ko:n:U:T:h", opts,
				NULL)) != -1) {
		switch (c) {
		case 'b':
			if (smp_parse_num(optarg, 0xffffffffULL, &v))
				die_usage("bad block '%s' (0..0xffffffff)", optarg);
			j->r.attr_mod = v;
			j->block_given = true;
			break;
		case 'r':
			j->r.mgmt_class = IB_SMI_DIRECT_CLASS;
			break;
		case 'D':
			j->dir = optarg;
			break;
		case 'c':
			if (smp_parse_class(optarg, &j->r.mgmt_class))
				die_usage("bad class '%s' (lid, dr or 0..0xff)", optarg);
			break;
		case 'm':
			if (!strcmp(optarg, "get"))
				j->r.method = IB_MAD_METHOD_GET;
			else if (!strcmp(optarg, "set"))
				j->r.method = IB_MAD_METHOD_SET;
			else if (smp_parse_num(optarg, 0xff, &v))
				die_usage("bad method '%s' (get, set or 0..0xff)", optarg);
			else
				j->r.method = v;
			break;
		case 'a':
			if (smp_parse_attr(optarg, &j->r.attr_id))
				die_usage("bad attribute '%s' (0..0xffff or a name: NodeInfo, PortInfo, PKeyTable...)", optarg);
			break;
		case 'C':
			class_version = parse_num_or_die(optarg, "class version",
							 0, 0xff);
			break;
		case 't':
			if (smp_parse_num(optarg, ~0ULL, &v))
				die_usage("bad tid '%s' (0..0xffffffffffffffff)", optarg);
			j->r.tid = v;
			break;
		case 'k':
			keep = true;
			break;
		case 'o':
			dump = optarg;
			break;
		case 'n':
			j->repeat = parse_num_or_die(optarg, "repeat count", 1,
						     REPEAT_MAX);
			break;
		case 'U':
			parse_umad_or_die(optarg, &j->ut);
			break;
		case 'T':
			j->u.timeout_ms = parse_num_or_die(optarg,
							   "timeout (ms)", 1,
							   TIMEOUT_MAX_MS);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			die_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			die_usage("bad option '%s'", argv[optind - 1]);
		}
	}
	for (i = optind; i < argc && npos < 64; i++)
		pos[npos++] = argv[i];
	if (i < argc)
		die_usage("too many arguments");

	/* DEV PORT first (not with -U, optional with --dump), then entries */
	i = 0;
	if (j->ut.set) {
		if (dump)
			die_usage("--dump and --umad exclude each other (--dump sends nothing)");
		if (npos && !strchr(pos[0], '='))
			die_usage("with --umad the port is %s:%u: DEV PORT are not taken ('%s')",
				  j->ut.ca, j->ut.port, pos[0]);
	} else if (npos >= 2 && !strchr(pos[0], '=') && !strchr(pos[1], '=')) {
		j->dev = parse_id(pos[0], "device id", 65535);
		j->port = parse_num_or_die(pos[1], "port", 1, 2);
		i = 2;
	} else if (!dump) {
		die_usage("%s needs DEV and PORT (or --umad CA[:PORT])", cmd);
	}
	if (dump && j->repeat > 1)
		die_usage("--dump and --repeat exclude each other");
	smp_req_init(&entries);
	for (; i < npos; i++) {
		if (smp_parse_entry(&entries, pos[i], &err))
			die_usage("bad entry '%s': %s", pos[i], err);
		idx = strtoul(pos[i], NULL, 0);
		if (given[idx]) {
			fprintf(stderr, "%s: entry %lu given twice ('%s'): %s\n",
				prog, idx, pos[i], strerror(EINVAL));
			exit(2);
		}
		given[idx] = true;
	}
	if (!strcmp(cmd, "pkey-get") && npos > (j->ut.set ? 0 : 2))
		die_usage("pkey-get takes no entries ('%s')",
			  pos[j->ut.set ? 0 : 2]);
	if (keep && !j->port && !j->ut.set)
		die_usage("--keep needs DEV and PORT (or --umad CA[:PORT])");
	j->r.class_version = class_version;

	if (j->ut.set) {
		ret = umad_send_job(j, keep, given, &entries);
		free(j);
		return ret;
	}
	if (keep && load_block(j->dir, j->dev, j->port, &j->r)) {
		free(j);
		return 1;
	}
	for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++)
		if (given[i])
			j->r.pkey[i] = entries.pkey[i];

	smp_build(mad, &j->r);
	job_names(j);
	if (dump) {
		FILE *f = strcmp(dump, "-") ? fopen(dump, "wb") : stdout;

		free(j);
		if (!f || fwrite(mad, 1, sizeof(mad), f) != sizeof(mad)) {
			fprintf(stderr, "%s: %s: %s\n", prog, dump,
				strerror(errno));
			return 1;
		}
		if (f != stdout && fclose(f)) {
			fprintf(stderr, "%s: %s: %s\n", prog, dump,
				strerror(errno));
			return 1;
		}
		return 0;
	}
	if (j->repeat > 1) {
		ret = debugfs_repeat(j, mad);
	} else {
		snprintf(path, sizeof(path), "%s/mlxsim%lu/port%lu/mad", j->dir,
			 j->dev, j->port);
		ret = write_file(path, mad, sizeof(mad));
	}
	if (!ret && !strcmp(cmd, "pkey-get") && j->repeat == 1)
		ret = print_table(j->dir, j->dev, j->port, j->block_given,
				  j->r.attr_mod);
	free(j);
	return ret;
}

static const char *const qp_types[] = { "rc", "uc", "ud", "smi", "gsi", NULL };
static const char *const qp_ops[] = {
	"RST2INIT", "INIT2INIT", "INIT2RTR", "RTR2RTS", "RTS2RTS", "SQERR2RTS",
	"SQD2SQD", "SQD2RTS", "RTS2SQD", "2ERR", "2RST", NULL,
};

/* What each key takes; the driver checks again (table sizes, state). */
static const struct qp_key {
	const char *name;
	unsigned long long max;		/* numbers: 0..max */
	const char *const *names;	/* or one of these */
	const char *what;
} qp_keys[] = {
	{ "qpn", 0xffffff, NULL, "a QP number 0..0xffffff" },
	{ "op", 0, qp_ops, "one of RST2INIT INIT2INIT INIT2RTR RTR2RTS RTS2RTS SQERR2RTS SQD2SQD SQD2RTS RTS2SQD 2ERR 2RST" },
	{ "type", 0, qp_types, "one of rc uc ud smi gsi" },
	{ "port", 2, NULL, "1 or 2" },
	{ "pkey_index", 0xffff, NULL, "a P_Key index 0..0xffff" },
	{ "alt_pkey_index", 0xffff, NULL, "a P_Key index 0..0xffff" },
	{ "alt_port", 2, NULL, "1 or 2" },
	{ "mgid_index", 0xff, NULL, "a GID index 0..255" },
	{ "alt_mgid_index", 0xff, NULL, "a GID index 0..255" },
	{ "qkey", 0xffffffff, NULL, "a Q_Key 0..0xffffffff" },
	{ "optpar", 0, NULL, "pri, alt or pri,alt" },
	{ NULL, 0, NULL, NULL },
};

static bool qp_value_ok(const struct qp_key *k, const char *v)
{
	unsigned long long n;
	const char *const *nm;

	if (!strcmp(k->name, "optpar"))
		return !strcmp(v, "pri") || !strcmp(v, "alt") ||
		       !strcmp(v, "pri,alt") || !strcmp(v, "alt,pri");
	if (k->names) {
		for (nm = k->names; *nm; nm++)
			if (!strcmp(*nm, v))
				return true;
		return false;
	}
	if (smp_parse_num(v, k->max, &n))
		return false;
	return strcmp(k->name, "port") || n >= 1;
}

static int cmd_qp(const char *dir, int argc, char **argv)
{
	char path[4096], line[1024];
	unsigned long dev, slave;
	bool seen[sizeof(qp_keys) / sizeof(qp_keys[0])] = { false };
	size_t len = 0, klen;
	const struct qp_key *k;
	int i;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		exit(0);
	}
	if (argc < 4)
		die_usage("qp needs DEV SLAVE KEY=VALUE...%s", "");
	dev = parse_id(argv[1], "device id", 65535);
	slave = parse_id(argv[2], "slave", 79);
	line[0] = '\0';
	for (i = 3; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i] || !eq[1])
			die_usage("bad argument '%s' (expected KEY=VALUE)", argv[i]);
		klen = eq - argv[i];
		for (k = qp_keys; k->name; k++)
			if (strlen(k->name) == klen && !strncmp(k->name, argv[i], klen))
				break;
		if (!k->name)
			die_usage("unknown key in '%s'", argv[i]);
		if (seen[k - qp_keys]) {
			fprintf(stderr, "%s: %s: %s given twice: %s\n", prog,
				argv[i], k->name, strerror(EINVAL));
			exit(2);
		}
		seen[k - qp_keys] = true;
		if (!qp_value_ok(k, eq + 1)) {
			fprintf(stderr, "%s: %s: %s (%s must be %s)\n", prog,
				argv[i], strerror(EINVAL), k->name, k->what);
			exit(2);
		}
		if (len + strlen(argv[i]) + 2 > sizeof(line))
			die_usage("arguments too long%s", "");
		len += sprintf(line + len, "%s%s", len ? " " : "", argv[i]);
	}
	if (!seen[0] || !seen[1])
		die_usage("qp needs qpn= and op=%s", "");
	line[len++] = '\n';
	snprintf(path, sizeof(path), "%s/mlxsim%lu/vf%lu/qp_modify", dir, dev,
		 slave);
	return write_file(path, line, len);
}


int main(int argc, char **argv)
{
	const char *dir = getenv("MLXSIM_DEBUGFS");
	struct umad_target ut = { .set = false };
	int i = 1;

	if (!dir || !*dir)
		dir = DEFAULT_DEBUGFS;
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("mlxsimctl %s\n", MLXSIMCTL_VERSION);
			return 0;
		}
		if (!strcmp(a, "-D") || !strcmp(a, "--debugfs")) {
			if (i + 1 >= argc)
				die_usage("%s needs a directory", a);
			dir = argv[i + 1];
			i += 2;
			continue;
		}
		if (!strncmp(a, "--debugfs=", 10)) {
			dir = a + 10;
			i++;
			continue;
		}
		if (!strcmp(a, "-U") || !strcmp(a, "--umad")) {
			if (i + 1 >= argc)
				die_usage("%s needs CA[:PORT], e.g. mlxsim1:1", a);
			parse_umad_or_die(argv[i + 1], &ut);
			i += 2;
			continue;
		}
		if (!strncmp(a, "--umad=", 7)) {
			parse_umad_or_die(a + 7, &ut);
			i++;
			continue;
		}
		die_usage("unknown option '%s'", a);
	}
	if (i >= argc)
		die_usage("no command given");
	if (!strcmp(argv[i], "pkey-set") || !strcmp(argv[i], "pkey-get") ||
	    !strcmp(argv[i], "mad"))
		return cmd_mad(dir, &ut, argv[i], argc - i, argv + i);
	if (!strcmp(argv[i], "qp")) {
		if (ut.set)
			die_usage("qp writes vf<S>/qp_modify: it has no MAD to send through --umad");
		return cmd_qp(dir, argc - i, argv + i);
	}
	if (!strcmp(argv[i], "sm")) {
		if (ut.set)
			die_usage("sm takes its port as an argument: 'sm %s:%u'",
				  ut.ca, ut.port);
		return cmd_sm(argc - i, argv + i);
	}
	if (!strcmp(argv[i], "help")) {
		usage(stdout);
		return 0;
	}
	die_usage("unknown command '%s'", argv[i]);
}
