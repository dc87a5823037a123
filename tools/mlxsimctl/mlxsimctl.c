// SPDX-License-Identifier: GPL-2.0
/*
 * mlxsimctl: feed the mlxsim P_Key paravirtualization from readable
 * arguments: SMP MADs (PKeyTable SET/GET) to port<P>/mad and guest QP
 * state changes to vf<S>/qp_modify.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smp_build.h"

#define DEFAULT_DEBUGFS "/sys/kernel/debug/mlxsim"

static const char *prog = "mlxsimctl";

static void usage(FILE *out)
{
	fprintf(out,
"Usage: %s [-D DIR] COMMAND [ARGS]\n"
"\n"
"Feed the mlxsim driver's P_Key paravirtualization: build Subnet Management\n"
"MADs and guest QP state changes from readable arguments and write them to\n"
"the driver's debugfs files, so nobody has to hand-craft bytes.\n"
"\n"
"Commands:\n"
"  pkey-set DEV PORT [OPTIONS] [INDEX=PKEY ...]\n"
"      Send a SubnSet(PKeyTable) of one 32-entry block to port PORT of\n"
"      device mlxsim<DEV>, as the Subnet Manager would.  INDEX is the entry\n"
"      inside the block (0..31), PKEY its value (0..0xffff; bit 15 set =\n"
"      full membership).  Entries not given are 0 unless --keep is used.\n"
"      Example: %s pkey-set 1 1 --block 0 0=0xffff 5=0x8001\n"
"  pkey-get DEV PORT [--block N]\n"
"      Send a SubnGet(PKeyTable) for the block, then print the port's P_Key\n"
"      table (the block given with --block, else every entry) as\n"
"      'index pkey membership', from pkey_cache (or, without VFs, the\n"
"      master's vf0/port<P>/pkeys).\n"
"  mad DEV PORT [OPTIONS] [INDEX=PKEY ...]\n"
"      Any SMP: choose --class, --method and --attr freely (for tests of\n"
"      what the driver must not snoop).\n"
"  qp DEV SLAVE KEY=VALUE ...\n"
"      A guest QP state change of VF SLAVE (0 = the master), written to\n"
"      vf<SLAVE>/qp_modify.  Keys: qpn= op= type=rc|uc|ud|smi|gsi port=\n"
"      pkey_index= alt_pkey_index= alt_port= mgid_index= alt_mgid_index=\n"
"      qkey= optpar=pri,alt.  op is one of RST2INIT INIT2INIT INIT2RTR RTR2RTS\n"
"      RTS2RTS SQERR2RTS SQD2SQD SQD2RTS RTS2SQD 2ERR 2RST.\n"
"      Example: %s qp 1 3 qpn=0x100 type=ud op=RST2INIT port=1 pkey_index=2\n"
"      Keys, types, ops and numbers are checked here before the driver\n"
"      sees them; a key given twice is refused.\n"
"\n"
"MAD options:\n"
"  -b, --block N        PKeyTable block (attribute modifier), default 0\n"
"  -r, --dr             directed route (class 0x81) instead of LID routed\n"
"  -c, --class C        management class: lid, dr or a number\n"
"  -m, --method M       get, set or a number\n"
"  -a, --attr N         attribute id (default 0x16, PKeyTable)\n"
"  -t, --tid N          transaction id (default 1)\n"
"  -k, --keep           start from the port's current pkey_cache block\n"
"  -o, --dump FILE      write the 256-byte MAD to FILE ('-' = stdout)\n"
"                       instead of the device; DEV and PORT may then be\n"
"                       omitted\n"
"\n"
"Global options (as in mlxtop):\n"
"  -D, --debugfs DIR    mlxsim's debugfs directory (default %s,\n"
"                       or $MLXSIM_DEBUGFS)\n"
"  -h, --help           this text\n"
"  -V, --version        the version\n"
"\n"
"The MAD is written in one write(2) of exactly 256 bytes to\n"
"DIR/mlxsim<DEV>/port<PORT>/mad.  Exit status: 0 on success, 1 when the\n"
"driver refused the write (its errno is printed), 2 on bad arguments.\n"
"See mlxsimctl(1).\n",
		prog, prog, prog, DEFAULT_DEBUGFS);
}

#define MLXSIMCTL_VERSION "0.1"

/* One line on stderr, prefixed, with the hint: exit 2 (bad usage). */
static void die_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (try '%s --help')\n", prog);
	exit(2);
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
	unsigned long long v;

	if (smp_parse_num(s, max, &v)) {
		fprintf(stderr, "%s: bad %s '%s' (0..%lu) (try '%s --help')\n",
			prog, what, s, max, prog);
		exit(2);
	}
	return v;
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
		printf("%u 0x%04x %s\n", idx, pkey, !(pkey & 0x7fff) ? "invalid" :
		       pkey & 0x8000 ? "full" : "limited");
	}
	fclose(f);
	return 0;
}

static int cmd_mad(const char *dir, const char *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "block", required_argument, NULL, 'b' },
		{ "dr", no_argument, NULL, 'r' },
		{ "debugfs", required_argument, NULL, 'D' },
		{ "class", required_argument, NULL, 'c' },
		{ "method", required_argument, NULL, 'm' },
		{ "attr", required_argument, NULL, 'a' },
		{ "tid", required_argument, NULL, 't' },
		{ "keep", no_argument, NULL, 'k' },
		{ "dump", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dump = NULL, *err;
	unsigned long dev = 0, port = 0;
	unsigned long long v;
	uint8_t mad[IB_MAD_SIZE];
	struct smp_req r, entries;
	bool given[SMP_PKEYS_PER_BLOCK] = { false };
	char *pos[64];
	bool keep = false, block_given = false;
	int c, i, npos = 0, ret;
	unsigned long idx;
	char path[4096];

	smp_req_init(&r);
	if (!strcmp(cmd, "pkey-set"))
		r.method = IB_MAD_METHOD_SET;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "b:rD:c:m:a:t:ko:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (smp_parse_num(optarg, 0xffffffffULL, &v))
				die_usage("bad block '%s'", optarg);
			r.attr_mod = v;
			block_given = true;
			break;
		case 'r':
			r.mgmt_class = IB_SMI_DIRECT_CLASS;
			break;
		case 'D':
			dir = optarg;
			break;
		case 'c':
			if (smp_parse_class(optarg, &r.mgmt_class))
				die_usage("bad class '%s' (lid, dr or 0..0xff)", optarg);
			break;
		case 'm':
			if (!strcmp(optarg, "get"))
				r.method = IB_MAD_METHOD_GET;
			else if (!strcmp(optarg, "set"))
				r.method = IB_MAD_METHOD_SET;
			else if (smp_parse_num(optarg, 0xff, &v))
				die_usage("bad method '%s' (get, set or 0..0xff)", optarg);
			else
				r.method = v;
			break;
		case 'a':
			if (smp_parse_num(optarg, 0xffff, &v))
				die_usage("bad attribute '%s' (0..0xffff)", optarg);
			r.attr_id = v;
			break;
		case 't':
			if (smp_parse_num(optarg, ~0ULL, &v))
				die_usage("bad tid '%s'", optarg);
			r.tid = v;
			break;
		case 'k':
			keep = true;
			break;
		case 'o':
			dump = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			die_usage("bad option '%s'", argv[optind - 1]);
		}
	}
	for (i = optind; i < argc && npos < 64; i++)
		pos[npos++] = argv[i];
	if (i < argc)
		die_usage("too many arguments%s", "");

	/* DEV PORT first (optional with --dump), then INDEX=PKEY entries */
	i = 0;
	if (npos >= 2 && !strchr(pos[0], '=') && !strchr(pos[1], '=')) {
		dev = parse_id(pos[0], "device id", 65535);
		port = parse_id(pos[1], "port", 2);
		if (!port)
			die_usage("bad port '%s' (1 or 2)", pos[1]);
		i = 2;
	} else if (!dump) {
		die_usage("%s needs DEV and PORT", cmd);
	}
	smp_req_init(&entries);
	for (; i < npos; i++) {
		if (smp_parse_entry(&entries, pos[i], &err)) {
			fprintf(stderr, "%s: bad entry '%s': %s (try '%s --help')\n",
				prog, pos[i], err, prog);
			exit(2);
		}
		idx = strtoul(pos[i], NULL, 0);
		if (given[idx]) {
			fprintf(stderr, "%s: entry %lu given twice ('%s'): %s\n",
				prog, idx, pos[i], strerror(EINVAL));
			exit(2);
		}
		given[idx] = true;
	}
	if (!strcmp(cmd, "pkey-get") && npos > 2)
		die_usage("pkey-get takes no entries ('%s')", pos[2]);
	if (keep && !port)
		die_usage("--keep needs DEV and PORT%s", "");
	if (keep && load_block(dir, dev, port, &r))
		return 1;
	for (i = 0; i < SMP_PKEYS_PER_BLOCK; i++)
		if (given[i])
			r.pkey[i] = entries.pkey[i];

	smp_build(mad, &r);
	if (dump) {
		FILE *f = strcmp(dump, "-") ? fopen(dump, "wb") : stdout;

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
	snprintf(path, sizeof(path), "%s/mlxsim%lu/port%lu/mad", dir, dev, port);
	ret = write_file(path, mad, sizeof(mad));
	if (!ret && !strcmp(cmd, "pkey-get"))
		ret = print_table(dir, dev, port, block_given, r.attr_mod);
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
		die_usage("unknown option '%s'", a);
	}
	if (i >= argc)
		die_usage("no command given%s", "");
	if (!strcmp(argv[i], "pkey-set") || !strcmp(argv[i], "pkey-get") ||
	    !strcmp(argv[i], "mad"))
		return cmd_mad(dir, argv[i], argc - i, argv + i);
	if (!strcmp(argv[i], "qp"))
		return cmd_qp(dir, argc - i, argv + i);
	if (!strcmp(argv[i], "help")) {
		usage(stdout);
		return 0;
	}
	die_usage("unknown command '%s'", argv[i]);
	return 2;
}
