// SPDX-License-Identifier: GPL-2.0
/*
 * The small debugfs knobs (logic/knobs.c): fail_cmd, fail_add,
 * port<P>/hold, port<P>/cmd, vf<S>/active, a slave's event file and the
 * bus's link file, all on the same write.  A refusal leaves the argument
 * alone and names a token; what is accepted is in range and prints back
 * to a write meaning the same.
 *
 * Input: byte 0 badlen, then the text.
 */
#include "mlxsim/knobs.h"
#include "mlxsim/parse.h"
#include "fuzz.h"

#define BADSZ (MLXSIM_TOKEN_MAX + 8)

static void refused(int err, const char *bad, size_t badlen, const void *arg,
		    const void *keep, size_t sz, const char *what)
{
	FZ_CHECK(err == -EINVAL || err == -ERANGE, "%s: errno %d", what, err);
	FZ_CHECK(!memcmp(arg, keep, sz), "%s: argument written on %d", what,
		 err);
	fz_check_bad(bad, badlen, BADSZ, 0x33);
	if (badlen > 1)
		FZ_CHECK(bad[0], "%s: refusal names no token", what);
}

static void check_fail_cmd(const char *buf, size_t len, size_t badlen)
{
	struct mlxsim_fail_cmd_arg a, keep, b;
	char bad[BADSZ], line[160];
	int err, n;

	memset(&a, 0xa5, sizeof(a));
	keep = a;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_fail_cmd_parse(buf, len, &a, bad, badlen);
	if (err)
		return refused(err, bad, badlen, &a, &keep, sizeof(a), "fail_cmd");
	if (!a.armed) {
		FZ_CHECK(!a.err, "disarmed with errno %d", a.err);
		return;
	}
	FZ_CHECK(mlxsim_opcode_index(a.opcode) >= 0 && a.err > 0 &&
		 mlxsim_errno_known(a.err), "fail_cmd %#x %d", a.opcode, a.err);
	n = snprintf(line, sizeof(line), "%s %s\n", mlxsim_opcode_name(a.opcode),
		     mlxsim_errno_name(a.err));
	FZ_CHECK(!mlxsim_fail_cmd_parse(line, n, &b, bad, sizeof(bad)) &&
		 b.armed && b.opcode == a.opcode && b.err == a.err,
		 "'%s' does not read back", line);
}

static void check_hold(const char *buf, size_t len, size_t badlen)
{
	struct mlxsim_hold_arg a, keep, b;
	char bad[BADSZ], line[32];
	int err, n;

	memset(&a, 0xa5, sizeof(a));
	keep = a;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_hold_parse(buf, len, &a, bad, badlen);
	if (err)
		return refused(err, bad, badlen, &a, &keep, sizeof(a), "hold");
	FZ_CHECK(a.n >= 1 && a.n <= MLXSIM_HOLD_MAX, "hold %u", a.n);
	n = snprintf(line, sizeof(line), "%c%u", a.take ? '+' : '-', a.n);
	FZ_CHECK(!mlxsim_hold_parse(line, n, &b, bad, sizeof(bad)) &&
		 b.take == a.take && b.n == a.n, "'%s'", line);
}

static void check_port_cmd(const char *buf, size_t len, size_t badlen)
{
	struct mlxsim_port_cmd_arg a, keep, b;
	char bad[BADSZ], line[96];
	int err, n;

	memset(&a, 0xa5, sizeof(a));
	keep = a;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_port_cmd_parse(buf, len, &a, bad, badlen);
	if (err)
		return refused(err, bad, badlen, &a, &keep, sizeof(a), "cmd");
	FZ_CHECK(mlxsim_opcode_index(a.opcode) >= 0 &&
		 a.class == mlxsim_opcode_class(a.opcode), "cmd %#x class %u",
		 a.opcode, a.class);
	/* with the class word, except firmware commands, which have none */
	if (a.class == MLXSIM_CMD_CLASS_FW)
		n = snprintf(line, sizeof(line), "%#x", a.opcode);
	else
		n = snprintf(line, sizeof(line), "%s %s",
			     mlxsim_cmd_class_name(a.class),
			     mlxsim_opcode_name(a.opcode));
	FZ_CHECK(!mlxsim_port_cmd_parse(line, n, &b, bad, sizeof(bad)) &&
		 b.opcode == a.opcode && b.class == a.class, "'%s'", line);
}

static void check_fail_add(const char *buf, size_t len, size_t badlen)
{
	u32 step = 0xa5a5a5a5, keep = step, back;
	char bad[BADSZ], line[16];
	int err, n;

	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_fail_add_parse(buf, len, &step, bad, badlen);
	if (err)
		return refused(err, bad, badlen, &step, &keep, sizeof(step),
			       "fail_add");
	FZ_CHECK(step <= MLXSIM_FAIL_ADD_MAX, "fail_add %u", step);
	n = snprintf(line, sizeof(line), "%u", step);
	FZ_CHECK(!mlxsim_fail_add_parse(line, n, &back, bad, sizeof(bad)) &&
		 back == step, "'%s'", line);
}

static void check_small(const char *buf, size_t len, size_t badlen)
{
	char bad[BADSZ];
	bool on = true, keep_on = true;
	u8 ev = 0xee, keep_ev = 0xee;
	int err;

	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_bool_parse(buf, len, &on, bad, badlen);
	if (err) {
		refused(err, bad, badlen, &on, &keep_on, sizeof(on), "active");
	} else {
		bool back = !on;
		const char *s = on ? "1" : "0";

		FZ_CHECK(!mlxsim_bool_parse(s, 1, &back, bad, sizeof(bad)) &&
			 back == on, "active");
	}
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_slave_event_parse(buf, len, &ev, bad, badlen);
	if (err) {
		refused(err, bad, badlen, &ev, &keep_ev, sizeof(ev), "event");
	} else {
		const char *name = mlxsim_ib_event_name(ev);
		u8 back = 0xee;

		FZ_CHECK(ev < MLXSIM_NUM_IB_EVENTS, "event %u", ev);
		FZ_CHECK(!mlxsim_slave_event_parse(name, strlen(name), &back,
						   bad, sizeof(bad)) &&
			 back == ev, "event %s", name);
	}
}

static void check_link(const char *buf, size_t len, size_t badlen)
{
	struct mlxsim_link_arg a, keep, b;
	char bad[BADSZ], line[48];
	int err, n, i;

	memset(&a, 0xa5, sizeof(a));
	keep = a;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_link_parse(buf, len, &a, bad, badlen);
	/* a bus file, not a debugfs knob: it bounds its own input */
	if (err == -E2BIG) {
		FZ_CHECK(len > MLXSIM_INPUT_MAX, "E2BIG for %zu bytes", len);
		FZ_CHECK(!memcmp(&a, &keep, sizeof(a)), "link: written on E2BIG");
		return;
	}
	if (err)
		return refused(err, bad, badlen, &a, &keep, sizeof(a), "link");
	for (i = 0; i < 2; i++)
		FZ_CHECK(a.id[i] <= MLXSIM_ID_MAX && a.port[i] >= 1 &&
			 a.port[i] <= MLXSIM_MAX_PORTS, "end %u:%u", a.id[i],
			 a.port[i]);
	FZ_CHECK(a.id[0] != a.id[1] || a.port[0] != a.port[1],
		 "a port cabled to itself");
	n = snprintf(line, sizeof(line), "%u:%u %u:%u\n", a.id[0], a.port[0],
		     a.id[1], a.port[1]);
	FZ_CHECK(!mlxsim_link_parse(line, n, &b, bad, sizeof(bad)) &&
		 !memcmp(&a, &b, sizeof(a)), "'%s'", line);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t badlen, len;
	struct fz f;
	char *buf;

	fz_init(&f, data, size);
	badlen = fz_below(&f, MLXSIM_TOKEN_MAX + 1);
	len = f.n;
	buf = malloc(len ? len : 1);
	memcpy(buf, f.p, len);
	check_fail_cmd(buf, len, badlen);
	check_hold(buf, len, badlen);
	check_port_cmd(buf, len, badlen);
	check_fail_add(buf, len, badlen);
	check_small(buf, len, badlen);
	check_link(buf, len, badlen);
	free(buf);
	return 0;
}
