// SPDX-License-Identifier: GPL-2.0
/*
 * mlxtop unit tests: table parsing, state from tables and from events,
 * pane rendering and the key table.  Fixtures are tables saved from the VM
 * (tests/mlxtop/fixtures/); the test pictures the expected state first.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>

#include "../unit/test_assert.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys.h"
#include "khist.h"
#include "model.h"
#include "out_json.h"
#include "out_log.h"
#include "out_prom.h"
#include "out_text.h"
#include "panes.h"
#include "perfetto.h"
#include "provider_debugfs.h"
#include "table.h"

static const char *fixtures;

static bool test_table_basic(void)
{
	struct mt_table t;

	ASSERT_EQ(mt_table_parse(&t, "\n id  guid   state extra\n1 0x10 bound x\n2 - unaffiliated\n\n"), 0);
	ASSERT_EQ(t.ncols, 4);
	ASSERT_EQ(t.nrows, 2);
	ASSERT_EQ(mt_table_col(&t, "state"), 2);
	ASSERT_EQ(mt_table_col(&t, "nope"), -1);
	ASSERT_EQ(mt_table_num(&t, 0, mt_table_col(&t, "guid"), -1), 16);
	ASSERT_EQ(mt_table_num(&t, 1, mt_table_col(&t, "guid"), -1), -1);
	ASSERT_STREQ(mt_table_cell(&t, 1, 2), "unaffiliated");
	/* short row: the missing cell is NULL, not garbage */
	ASSERT_TRUE(mt_table_cell(&t, 1, 3) == NULL);
	ASSERT_TRUE(mt_table_cell(&t, 5, 0) == NULL);
	mt_table_free(&t);
	ASSERT_EQ(mt_table_parse(&t, ""), -1);
	mt_table_free(&t);
	ASSERT_EQ(mt_table_parse(&t, NULL), -1);
	return true;
}

static bool test_table_junk(void)
{
	struct mt_table t;
	long long v;

	ASSERT_EQ(mt_table_parse(&t, "a b\n12x 0xzz\n"), 0);
	ASSERT_EQ(mt_table_num(&t, 0, 0, 7), 7);
	ASSERT_EQ(mt_table_num(&t, 0, 1, 8), 8);
	mt_table_free(&t);
	ASSERT_EQ(mt_parse_num("-5", &v), 0);
	ASSERT_EQ(v, -5);
	ASSERT_EQ(mt_parse_num("-", &v), -1);
	return true;
}

static bool test_kv(void)
{
	const char *caps = "id=3\nguid=0x0002c90300000003\nrole=slave\nvfs=0\n";
	char v[16];

	ASSERT_EQ(mt_kv_get(caps, "role", v, sizeof(v)), 0);
	ASSERT_STREQ(v, "slave");
	ASSERT_EQ(mt_kv_get(caps, "rol", v, sizeof(v)), -1);
	ASSERT_EQ(mt_kv_num(caps, "guid", 0), 0x0002c90300000003LL);
	ASSERT_EQ(mt_kv_num(caps, "pkeys", 128), 128);
	ASSERT_EQ(mt_kv_num(NULL, "pkeys", 5), 5);
	/* truncated to the buffer */
	ASSERT_EQ(mt_kv_get(caps, "guid", v, 5), 0);
	ASSERT_STREQ(v, "0x00");
	return true;
}

static char *fixture(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", fixtures, name);
	return path;
}

/*
 * fixtures/topo:
 *   mlxsim1 master guid ..100   port1 = 1, port2 = slave 2 (refcnt 3, held 1)
 *   mlxsim2 slave  guid ..100   bound to 1/2
 *   mlxsim3 slave  guid ..200   unaffiliated, no_master
 *   mlxsim4 ordinary, 2 ports, 3 VFs, 32 P_Keys
 */
static bool test_poll_topo(void)
{
	struct mt_model m;
	struct mt_fn *f;
	struct mt_port *p;
	struct mt_pkport *pk;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	ASSERT_EQ(m.nfn, 4);
	ASSERT_TRUE(m.have_multiport);
	f = mt_model_fn(&m, 2, 0);
	ASSERT_TRUE(f);
	ASSERT_STREQ(f->state, "bound");
	ASSERT_EQ(f->master, 1);
	ASSERT_EQ(f->port, 2);
	ASSERT_EQ(f->refcnt, 3);
	ASSERT_EQ(f->native_port, 2);
	ASSERT_EQ(f->guid, 0x0002c90300000100LL);
	f = mt_model_fn(&m, 3, 0);
	ASSERT_STREQ(f->state, "unaffiliated");
	ASSERT_STREQ(f->reason, "no_master");
	ASSERT_EQ(f->master, -1);
	f = mt_model_fn(&m, 4, 0);
	ASSERT_STREQ(f->role, "ordinary");
	ASSERT_EQ(f->vfs, 3);
	p = mt_model_port(&m, 1, 2, 0);
	ASSERT_TRUE(p);
	ASSERT_EQ(p->fn, 2);
	ASSERT_EQ(p->held, 1);
	ASSERT_EQ(m.nport, 4);
	ASSERT_EQ(m.npk, 2);
	pk = mt_model_pkport(&m, 4, 1, 0);
	ASSERT_TRUE(pk);
	ASSERT_EQ(pk->n, 32);
	ASSERT_EQ(pk->nslaves, 4);
	ASSERT_EQ(pk->pkey[0], 0xffff);
	ASSERT_EQ(pk->pkey[1], 0x8001);
	ASSERT_EQ(pk->pkey[2], 0x0002);
	/* vf1 maps 0,1; vf2 0,1,2; vf3 only 0 */
	ASSERT_EQ(pk->vf[1].mapped, 2);
	ASSERT_EQ(pk->vf[2].mapped, 3);
	ASSERT_EQ(pk->vf[3].mapped, 1);
	ASSERT_EQ(pk->vf[3].events, 3);
	pk = mt_model_pkport(&m, 4, 2, 0);
	ASSERT_EQ(pk->vf[1].events, 0);
	ASSERT_EQ(pk->vf[2].mapped, 2);

	/* a second poll keeps everything, a vanished directory drops it */
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	ASSERT_EQ(m.nfn, 4);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("empty")), 0);
	ASSERT_EQ(m.nfn, 0);
	ASSERT_EQ(m.npk, 0);
	ASSERT_EQ(m.nport, 0);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("does-not-exist")), -1);
	mt_model_free(&m);
	return true;
}

/* Before the multiport table existed: state from the masters' port tables. */
static bool test_derive_without_multiport(void)
{
	struct mt_model m;
	struct mt_fn *f;

	mt_model_init(&m);
	mt_parse_caps(&m, 1, "guid=0x1\nrole=master\nnative_port=1\nib_ports=2\n");
	mt_parse_caps(&m, 2, "guid=0x1\nrole=slave\nnative_port=2\n");
	mt_parse_caps(&m, 3, "guid=0x2\nrole=slave\nnative_port=2\n");
	mt_parse_ports(&m, 1, "port function state refcnt unaffiliating\n1 1 up 0 0\n2 2 up 4 1\n");
	mt_derive_bindings(&m);
	f = mt_model_fn(&m, 2, 0);
	ASSERT_STREQ(f->state, "bound");
	ASSERT_EQ(f->master, 1);
	ASSERT_EQ(f->port, 2);
	ASSERT_EQ(f->refcnt, 4);
	ASSERT_EQ(f->unaffiliating, 1);
	ASSERT_STREQ(mt_model_fn(&m, 3, 0)->state, "unaffiliated");
	ASSERT_STREQ(mt_model_fn(&m, 1, 0)->state, "master");
	mt_model_free(&m);
	return true;
}

#define EV(n, ...) do {							\
	struct mt_ev _e = { .name = n, .ts = ++t };			\
	const char *_k[] = { __VA_ARGS__ };				\
	(void)_k;							\
	set_fields(&_e, #__VA_ARGS__);					\
	mt_model_event(&m, &_e, 1);					\
} while (0)

/* "a=1, b=0x2" -> fields; names live in a static pool */
static void set_fields(struct mt_ev *e, const char *spec)
{
	static char pool[64][32];
	static int used;
	char *s = strdup(spec), *tok, *save;

	for (tok = strtok_r(s, ", \"", &save); tok && e->nf < MT_EV_FIELDS;
	     tok = strtok_r(NULL, ", \"", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq)
			continue;
		*eq = '\0';
		snprintf(pool[used % 64], sizeof(pool[0]), "%s", tok);
		e->f[e->nf].name = pool[used++ % 64];
		e->f[e->nf].v = strtoll(eq + 1, NULL, 0);
		e->nf++;
	}
	free(s);
}

/*
 * Events only, as in a replay:
 *   add slave 2 (unaffiliated) -> add master 1 -> bind 2 to 1/2 ->
 *   get x2, put x1 -> remove master: 2 unaffiliated again (master_removed)
 */
static bool test_replay_multiport(void)
{
	struct mt_model m;
	struct mt_fn *f;
	double t = 0;

	mt_model_init(&m);
	EV("fn_add", "id=2", "guid=0x100", "role=2", "type=0", "native_port=2", "ports=1", "vfs=0");
	ASSERT_STREQ(mt_model_fn(&m, 2, 0)->state, "unaffiliated");
	EV("fn_add", "id=1", "guid=0x100", "role=1", "type=0", "native_port=1", "ports=1", "vfs=0");
	ASSERT_EQ(m.nport, 2);
	ASSERT_EQ(mt_model_fn(&m, 1, 0)->master, 1);
	ASSERT_EQ(mt_model_fn(&m, 1, 0)->port, 1);
	ASSERT_EQ(mt_model_port(&m, 1, 1, 0)->fn, 1);
	ASSERT_EQ(mt_model_port(&m, 1, 2, 0)->fn, -1);
	EV("mp_bind", "guid=0x100", "slave=2", "master=1", "status=0", "port=2", "reason=0");
	f = mt_model_fn(&m, 2, 0);
	ASSERT_STREQ(f->state, "bound");
	ASSERT_EQ(f->master, 1);
	ASSERT_EQ(mt_model_port(&m, 1, 2, 0)->fn, 2);
	EV("mp_mdev_get", "ibdev=1", "fn=2", "refcnt=1", "port=2", "result=1");
	EV("mp_mdev_get", "ibdev=1", "fn=2", "refcnt=2", "port=2", "result=1");
	EV("mp_mdev_put", "ibdev=1", "fn=2", "refcnt=1", "port=2", "waking=0");
	ASSERT_EQ(mt_model_fn(&m, 2, 0)->refcnt, 1);
	ASSERT_EQ(mt_model_port(&m, 1, 2, 0)->refcnt, 1);
	/* a failed bind changes nothing */
	EV("fn_add", "id=5", "guid=0x100", "role=2", "type=0", "native_port=2", "ports=1", "vfs=0");
	EV("mp_bind", "slave=5", "master=1", "status=0", "port=2", "reason=3");
	ASSERT_STREQ(mt_model_fn(&m, 5, 0)->state, "unaffiliated");
	ASSERT_EQ(mt_model_port(&m, 1, 2, 0)->fn, 2);
	EV("mp_unbind", "slave=2", "master=1", "waited=1", "port=2", "reason=6");
	EV("mp_unaffiliated", "slave=2", "reason=6");
	EV("fn_remove", "id=1", "role=1");
	f = mt_model_fn(&m, 2, 0);
	ASSERT_STREQ(f->state, "unaffiliated");
	ASSERT_STREQ(f->reason, "master_removed");
	ASSERT_EQ(f->master, -1);
	ASSERT_EQ(f->refcnt, 0);
	ASSERT_EQ(m.nport, 0);
	ASSERT_TRUE(mt_model_fn(&m, 1, 0) == NULL);
	/* counted and logged */
	ASSERT_EQ(m.events, 11);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text, "fn_remove id=1 role=master"));
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 1)->text, "mp_unaffiliated slave=2 reason=master_removed"));
	mt_model_free(&m);
	return true;
}

/* SR-IOV device: cache SETs, an admin remap and P_Key events from events. */
static bool test_replay_pkey(void)
{
	struct mt_model m;
	struct mt_pkport *pk;
	double t = 0;

	mt_model_init(&m);
	/* the module traces the table init before the device's fn_add */
	EV("pkey_map", "fn=7", "port=2", "slave=4", "index=64", "old=0", "new=63", "cause=0");
	EV("fn_add", "id=7", "guid=0x7", "role=0", "type=0", "native_port=1", "ports=2", "vfs=4");
	ASSERT_EQ(mt_model_pkport(&m, 7, 2, 0)->n, 64);
	ASSERT_EQ(m.npk, 2);
	pk = mt_model_pkport(&m, 7, 1, 0);
	ASSERT_EQ(pk->n, 128);
	ASSERT_EQ(pk->nslaves, 5);
	ASSERT_EQ(pk->pkey[0], 0xffff);
	ASSERT_EQ(pk->vf[1].mapped, 1);
	/* the init summary gives the real table length and VF count */
	EV("pkey_map", "fn=7", "port=1", "slave=4", "index=64", "old=0", "new=63", "cause=0");
	ASSERT_EQ(pk->n, 64);
	ASSERT_EQ(pk->map[2][5], 63);
	EV("smp_snoop", "dev=7", "port=1", "block=0", "changed=0x6");
	EV("pkey_cache", "dev=7", "port=1", "index=1", "old=0", "new=0x8001");
	EV("pkey_cache", "dev=7", "port=1", "index=2", "old=0", "new=0x0002");
	EV("pkey_map", "dev=7", "slave=3", "port=1", "index=1", "phys=2", "cause=1");
	EV("pkey_event", "dev=7", "port=1", "slave=0", "target=0");
	EV("pkey_event", "dev=7", "port=1", "slave=3", "target=1");
	ASSERT_EQ(pk->pkey[1], 0x8001);
	ASSERT_EQ(pk->pkey[2], 0x0002);
	ASSERT_EQ(pk->snoops, 1);
	ASSERT_EQ(pk->master_events, 1);
	ASSERT_EQ(pk->vf[3].events, 1);
	ASSERT_EQ(pk->vf[3].mapped, 2);
	ASSERT_EQ(pk->map[3][1], 2);
	/* out-of-range remaps are ignored, not written past the table */
	EV("pkey_map", "dev=7", "slave=99", "port=1", "index=1", "phys=2", "cause=1");
	EV("pkey_map", "dev=7", "slave=1", "port=1", "index=500", "phys=2", "cause=1");
	EV("pkey_cache", "dev=7", "port=1", "index=4000", "old=0", "new=1");
	ASSERT_EQ(pk->vf[1].mapped, 1);
	EV("fn_remove", "id=7", "role=0");
	ASSERT_EQ(m.npk, 0);
	mt_model_free(&m);
	return true;
}

static bool test_format_and_rates(void)
{
	struct mt_model m;
	char buf[160];
	double t = 0;

	mt_model_init(&m);
	EV("cmd", "id=1", "err=5", "opcode=0x755", "port=0", "injected=1");
	mt_ev_format(&(struct mt_ev){ .name = "cmd", .nf = 0 }, buf, sizeof(buf));
	ASSERT_STREQ(buf, "cmd");
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text,
			   "cmd id=1 err=EIO opcode=MODIFY_NIC_VPORT_CONTEXT"));
	mt_model_tick(&m, 10.0);
	EV("cmd", "id=1", "err=0", "opcode=0x100");
	EV("cmd", "id=1", "err=0", "opcode=0x9999");
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text, "opcode=UNKNOWN"));
	mt_model_tick(&m, 12.0);
	ASSERT_EQ(m.ev[0].count, 3);
	ASSERT_EQ((int)(m.ev[0].rate * 10), 10);
	ASSERT_EQ((int)(m.total_rate * 10), 10);
	mt_model_reset_rates(&m);
	ASSERT_EQ(m.ev[0].count - m.ev[0].base, 0);
	mt_model_free(&m);
	return true;
}

static bool test_log_ring(void)
{
	struct mt_model m;
	double t = 0;
	int i;

	mt_model_init(&m);
	for (i = 0; i < MT_LOG + 10; i++)
		EV("mp_rescan", "ibdev=1");
	ASSERT_EQ(m.log_n, MT_LOG);
	ASSERT_TRUE(mt_model_log_at(&m, MT_LOG) == NULL);
	ASSERT_EQ((long long)mt_model_log_at(&m, 0)->ts, MT_LOG + 10);
	ASSERT_EQ((long long)mt_model_log_at(&m, MT_LOG - 1)->ts, 11);
	mt_model_free(&m);
	return true;
}

static int count_rows(const struct mt_lines *ls, const char *needle)
{
	int i, n = 0;

	for (i = 0; i < ls->n; i++)
		if (strstr(ls->l[i].text, needle))
			n++;
	return n;
}

static bool test_panes(void)
{
	struct mt_view v = { .highlight_s = 3 };
	struct mt_lines ls = { 0 };
	struct mt_model m;
	int i;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	mt_model_tick(&m, 1.0);
	m.now = 100;	/* nothing recent */
	for (v.pane = 0; v.pane < MT_NUM_PANES; v.pane++) {
		mt_render(&ls, &m, &v, 80);
		ASSERT_TRUE(ls.n > 0);
		for (i = 0; i < ls.n; i++)
			if (strlen(ls.l[i].text) > 80) {
				fprintf(stderr, "  too wide: '%s'\n", ls.l[i].text);
				return false;
			}
	}
	v.pane = MT_PANE_MULTIPORT;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "unaffiliated"), 2);	/* row + list */
	/* filter keeps headers and matching rows */
	snprintf(v.filter, sizeof(v.filter), "BOUND");
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, " slave "), 1);
	ASSERT_EQ(count_rows(&ls, "REFCNT"), 2);
	v.filter[0] = '\0';
	/* sort by refcnt: the bound slave (3 refs) first */
	v.sort[MT_PANE_MULTIPORT] = 2;
	mt_render(&ls, &m, &v, 80);
	ASSERT_TRUE(strstr(ls.l[2].text, "    2 ") == ls.l[2].text);
	ASSERT_STREQ(mt_pane_sort_name(MT_PANE_MULTIPORT, 2), "refcnt");
	/* P_Key pane: filter selects devices */
	v.pane = MT_PANE_PKEY;
	snprintf(v.filter, sizeof(v.filter), "port 2");
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "mlxsim4 port 2"), 1);
	ASSERT_EQ(count_rows(&ls, "mlxsim4 port 1"), 0);
	/* a recent change is highlighted */
	v.filter[0] = '\0';
	m.pk[0]->changed[1] = m.now;
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++) {
		char *p = strstr(ls.l[i].text, "1:8001F");

		if (p) {
			ASSERT_EQ(ls.l[i].hl[p - ls.l[i].text], MT_HL_CHANGED);
			ASSERT_EQ(ls.l[i].hl[2], MT_HL_NONE);
			break;
		}
	}
	ASSERT_TRUE(i < ls.n);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

static bool test_sparkline(void)
{
	int h[] = { 0, 1, 2, 4, 8 };
	char buf[64];

	struct mt_lines ls = { 0 };
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_model m;
	struct mt_fn *a, *b;
	const char *sa = NULL, *sb = NULL;
	int i;

	mt_sparkline(buf, sizeof(buf), h, 5, 8, 0, 0);
	ASSERT_STREQ(buf, "    _.=@");
	mt_sparkline(buf, sizeof(buf), h, 5, 3, 0, 0);
	ASSERT_STREQ(buf, ".=@");
	mt_sparkline(buf, sizeof(buf), h, 0, 2, 0, 0);
	ASSERT_STREQ(buf, "  ");
	/* a shared scale of 16: 8 is half height, not full */
	mt_sparkline(buf, sizeof(buf), h, 5, 3, 0, 16);
	ASSERT_STREQ(buf, "_.=");
	ASSERT_EQ(mt_hist_max(h, 5, 3), 8);
	ASSERT_EQ(mt_hist_max(h, 5, 1), 8);
	/* in the pane: two functions, refcnt 2 and 8, one scale */
	mt_model_init(&m);
	a = mt_model_fn(&m, 1, 1);
	b = mt_model_fn(&m, 2, 1);
	a->hist[0] = 2;
	a->hist_len = 1;
	b->hist[0] = 8;
	b->hist_len = 1;
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++) {
		if (!strncmp(ls.l[i].text, "    1 ", 6))
			sa = ls.l[i].text;
		if (!strncmp(ls.l[i].text, "    2 ", 6))
			sb = ls.l[i].text;
	}
	ASSERT_TRUE(sa && sb);
	ASSERT_EQ(sa[strlen(sa) - 1], '.');	/* 2 of 8: level 1 */
	ASSERT_EQ(sb[strlen(sb) - 1], '@');	/* 8 of 8: full */
	ASSERT_EQ(count_rows(&ls, "HIST<=8"), 1);
	mt_render(&ls, &m, &v, 120);
	ASSERT_EQ(count_rows(&ls, "HISTORY (max 8)"), 1);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

static bool test_keys(void)
{
	char hint[160];
	int acts[MT_ACT_RIGHT + 1] = { 0 };
	const struct mt_key *k;

	for (k = mt_keys; k->act != MT_ACT_NONE; k++)
		acts[k->act] = 1;
	for (int a = MT_ACT_HELP; a <= MT_ACT_RIGHT; a++)
		ASSERT_EQ(acts[a], 1);
	ASSERT_EQ(mt_key_action('q'), MT_ACT_QUIT);
	ASSERT_EQ(mt_key_action('\t'), MT_ACT_NEXT_PANE);
	ASSERT_EQ(mt_key_action('x'), MT_ACT_NONE);
	mt_keys_hint(hint, sizeof(hint));
	ASSERT_TRUE(strlen(hint) <= 80);
	ASSERT_TRUE(strstr(hint, "h help") && strstr(hint, "q quit") &&
		    strstr(hint, "/ filter") && strstr(hint, "Tab pane"));
	return true;
}

/*
 * fixtures/vm: the tables t_mlxtop_cli.sh dumped from the real module
 * (capture-fixture.sh), the topology of that test:
 *   2 slave  -> bound to 1/2, 2 references held   1 master (G1)
 *   3 master (G2) <- 4 slave bound to 3/2, 1 held  5 slave, no master
 *   6 ordinary, 2 ports, 4 VFs, 64 P_Keys
 */
static bool test_vm_fixture(void)
{
	struct mt_model m;
	struct mt_pkport *pk;
	struct mt_fn *f;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("vm")), 0);
	ASSERT_TRUE(m.have_multiport);
	ASSERT_EQ(m.nfn, 6);
	f = mt_model_fn(&m, 2, 0);
	ASSERT_STREQ(f->state, "bound");
	ASSERT_EQ(f->master, 1);
	ASSERT_EQ(f->port, 2);
	ASSERT_EQ(f->refcnt, 2);
	f = mt_model_fn(&m, 4, 0);
	ASSERT_STREQ(f->state, "bound");
	ASSERT_EQ(f->master, 3);
	ASSERT_EQ(f->refcnt, 1);
	f = mt_model_fn(&m, 5, 0);
	ASSERT_STREQ(f->state, "unaffiliated");
	ASSERT_STREQ(f->reason, "no_master");
	ASSERT_EQ(mt_model_port(&m, 1, 2, 0)->held, 2);
	/* the ib_core view, as the module showed it */
	ASSERT_STREQ(mt_model_fn(&m, 4, 0)->ib_dev, "mlxsim3");
	ASSERT_STREQ(mt_model_fn(&m, 4, 0)->ib_state, "active");
	ASSERT_STREQ(mt_model_fn(&m, 5, 0)->ib_dev, "-");
	ASSERT_STREQ(mt_model_port(&m, 1, 2, 0)->ib_state, "active");
	ASSERT_EQ(m.npk, 2);
	pk = mt_model_pkport(&m, 6, 1, 0);
	ASSERT_EQ(pk->ib_known, 1);
	ASSERT_EQ(pk->ib_differ, 0);
	ASSERT_EQ(pk->n, 64);
	ASSERT_EQ(pk->nslaves, 5);
	ASSERT_EQ(pk->pkey[0], 0xffff);
	ASSERT_EQ(pk->map[1][1], 63);
	ASSERT_EQ(pk->vf[4].mapped, 1);
	mt_model_free(&m);
	return true;
}

/* the ib_core view: columns read when present, shown, null/"-" when not */
static bool test_ib_view(void)
{
	struct mt_view v = { .highlight_s = 3 };
	struct mt_lines ls = { 0 };
	struct mt_pkport *pk;
	struct mt_model m;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	mt_model_init(&m);
	mt_parse_multiport(&m,
		"id guid type role native_port state master port refcnt unaffiliating reason forwarding events rescans roce_en ib_dev ib_state\n"
		"1 0x2 pf master 1 master 1 1 0 0 ok 0 0 0 1 mlxsim1 active\n"
		"2 0x2 pf slave 2 bound 1 2 0 0 ok 1 0 0 1 mlxsim1 active\n"
		"3 0x3 pf slave 2 unaffiliated - - 0 0 no_master 0 0 0 0 - -\n");
	mt_parse_ports(&m, 1, "port function state refcnt unaffiliating held ib_state\n"
		       "1 1 up 0 0 0 active\n2 2 up 0 0 0 down\n");
	ASSERT_STREQ(mt_model_fn(&m, 2, 0)->ib_dev, "mlxsim1");
	ASSERT_STREQ(mt_model_fn(&m, 3, 0)->ib_state, "-");
	ASSERT_STREQ(mt_model_port(&m, 1, 2, 0)->ib_state, "down");
	/* an ordinary function: no multiport row, its device from caps */
	mt_parse_caps(&m, 7, "id=7\nrole=ordinary\nib_ports=1\nib_dev=mlxsim7\n");
	mt_parse_ports(&m, 7, "port function state refcnt unaffiliating held ib_state\n"
		       "1 7 up 0 0 0 active\n");
	pk = mt_model_pkport(&m, 1, 1, 1);
	mt_pkport_reset(pk, 3, 1);
	mt_parse_pkey_cache(pk, "index pkey membership ib_pkey\n"
			    "0 0xffff full 0xffff\n1 0x8001 full 0x0000\n2 0x0000 limited 0x0000\n", 1);
	ASSERT_EQ(pk->ib_known, 1);
	ASSERT_EQ(pk->ib_differ, 1);
	v.pane = MT_PANE_MULTIPORT;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "IB_STATE"), 1);
	ASSERT_EQ(count_rows(&ls, "  mlxsim1    down"), 1);
	ASSERT_EQ(count_rows(&ls, "  mlxsim7    active"), 1);
	ASSERT_STREQ(mt_model_fn(&m, 7, 0)->ib_dev, "mlxsim7");
	v.pane = MT_PANE_PKEY;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "ib_core 1 stale"), 1);
	f = open_memstream(&buf, &len);
	mt_out_json(f, &m);
	fclose(f);
	ASSERT_TRUE(strstr(buf, "\"ib_dev\": null, \"ib_state\": null"));
	ASSERT_TRUE(strstr(buf, "\"ib_dev\": \"mlxsim1\", \"ib_state\": \"active\""));
	ASSERT_TRUE(strstr(buf, "\"ib_stale\": 1"));
	free(buf);
	/* a kernel without the columns: null, "-" */
	mt_parse_pkey_cache(pk, "index pkey membership\n0 0xffff full\n", 2);
	ASSERT_EQ(pk->ib_known, 0);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "ib_core -"), 1);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

static bool test_json_shape(void)
{
	struct mt_model m;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int depth = 0, max = 0;
	size_t i;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	mt_out_json(f, &m);
	fclose(f);
	for (i = 0; i < len; i++) {
		if (buf[i] == '{' || buf[i] == '[')
			depth++;
		if (buf[i] == '}' || buf[i] == ']')
			depth--;
		ASSERT_TRUE(depth >= 0);
		if (depth > max)
			max = depth;
	}
	ASSERT_EQ(depth, 0);
	ASSERT_TRUE(strstr(buf, "\"state\": \"bound\", \"master\": 1, \"port\": 2, \"refcnt\": 3"));
	ASSERT_TRUE(strstr(buf, "\"reason\": \"no_master\""));
	free(buf);
	mt_model_free(&m);
	return true;
}

/* + and - move on 0.1 0.2 0.5 1 2 5 10, from any -d value. */
static bool test_interval_ladder(void)
{
	double d = 0.1;
	int i;

	ASSERT_TRUE(mt_interval_step(0.5, 1) == 1.0);
	ASSERT_TRUE(mt_interval_step(2.0, -1) == 1.0);
	ASSERT_TRUE(mt_interval_step(0.3, 1) == 0.5);
	ASSERT_TRUE(mt_interval_step(0.3, -1) == 0.2);
	ASSERT_TRUE(mt_interval_step(10, 1) == 10);
	ASSERT_TRUE(mt_interval_step(0.1, -1) == 0.1);
	/* up from the bottom passes through exactly 1.0 */
	for (i = 0; i < 3; i++)
		d = mt_interval_step(d, 1);
	ASSERT_TRUE(d == 1.0);
	/* and back down to it from the top */
	d = 10;
	for (i = 0; i < 3; i++)
		d = mt_interval_step(d, -1);
	ASSERT_TRUE(d == 1.0);
	return true;
}

static int count_hl(const struct mt_lines *ls, int hl)
{
	int i, j, n = 0;

	for (i = 0; i < ls->n; i++)
		for (j = 0; ls->l[i].text[j]; j++)
			if (ls->l[i].hl[j] == hl) {
				n++;
				break;
			}
	return n;
}

/* The first frame highlights nothing; a later change does. */
static bool test_first_frame_calm(void)
{
	struct mt_lines ls = { 0 };
	struct mt_view v = { .highlight_s = 3 };
	struct mt_model m;
	enum mt_pane p;

	mt_model_init(&m);
	m.now = 100;
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("counters")), 0);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	mt_model_settle(&m);
	for (p = 0; p < MT_NUM_PANES; p++) {
		v.pane = p;
		mt_render(&ls, &m, &v, 120);
		ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 0);
	}
	m.now = 101;
	mt_fn_set_int(&m.fn[0], &m.fn[0].refcnt, 7, m.now);
	v.pane = MT_PANE_MULTIPORT;
	mt_render(&ls, &m, &v, 120);
	ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 1);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* r: every counter shown starts from 0, the kernel's too. */
static bool test_reset_counters(void)
{
	struct mt_lines ls = { 0 };
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_PKEY };
	struct mt_model m;
	struct mt_pkport *pk;
	int i, found = 0;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("counters")), 0);
	pk = mt_model_pkport(&m, 10, 1, 0);
	ASSERT_TRUE(pk != NULL);
	ASSERT_TRUE(pk->have_counters);
	ASSERT_EQ(pk->snoops, 3);
	ASSERT_EQ(pk->snoop_changes, 2);
	ASSERT_EQ(pk->master_events, 2);
	ASSERT_EQ(pk->vf_events, 3);
	ASSERT_EQ(pk->vf[2].events, 2);
	m.events = 9;
	m.lost = 4;
	mt_model_reset_rates(&m);
	ASSERT_EQ(mt_since(m.events, m.events_base), 0);
	ASSERT_EQ(mt_since(m.lost, m.lost_base), 0);
	ASSERT_EQ(mt_since(pk->snoops, pk->snoops_base), 0);
	ASSERT_EQ(mt_since(pk->vf[2].events, pk->vf[2].events_base), 0);
	mt_render(&ls, &m, &v, 120);
	for (i = 0; i < ls.n; i++)
		if (strstr(ls.l[i].text, "mlxsim10 port 1:")) {
			found = 1;
			ASSERT_TRUE(strstr(ls.l[i].text, " 0 snoops, 0 master events") != NULL);
		}
	ASSERT_TRUE(found);
	/* a counter that went backwards (device re-created) counts anew */
	ASSERT_EQ(mt_since(2, 5), 2);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* --- --perfetto: a scenario written, then decoded field by field ------ */

static const char *pf_out;	/* argv[2]: where the scenario's trace goes */

static struct mt_ev mkev(const char *name, double ts, const char *text, ...)
{
	struct mt_ev ev = { .name = name, .text = text, .ts = ts };
	va_list ap;
	const char *f;

	va_start(ap, text);
	while ((f = va_arg(ap, const char *))) {
		ev.f[ev.nf].name = f;
		ev.f[ev.nf].v = va_arg(ap, long long);
		ev.nf++;
	}
	va_end(ap);
	return ev;
}

static uint64_t rd_varint(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;
	int sh = 0;

	while (*p < end) {
		uint8_t b = *(*p)++;

		v |= (uint64_t)(b & 0x7f) << sh;
		if (!(b & 0x80))
			break;
		sh += 7;
	}
	return v;
}

/* What the decoder keeps of one TrackEvent or TrackDescriptor. */
struct pf_rec {
	int is_track;
	uint64_t ts, uuid, parent, track, counter;
	int type, is_counter;
	char name[64];
	uint64_t flows[8], term[8];
	int nflows, nterm;
};

static int pf_parse_fields(const uint8_t *p, const uint8_t *end,
			   struct pf_rec *r, int level)
{
	while (p < end) {
		uint64_t key = rd_varint(&p, end), v = 0, len = 0;
		unsigned int field = key >> 3, wt = key & 7;
		const uint8_t *sub = NULL;
		int i;

		if (wt == 0) {
			v = rd_varint(&p, end);
		} else if (wt == 1) {
			if (end - p < 8)
				return -1;
			for (i = 0; i < 8; i++)
				v |= (uint64_t)p[i] << (8 * i);
			p += 8;
		} else if (wt == 2) {
			len = rd_varint(&p, end);
			if ((uint64_t)(end - p) < len)
				return -1;
			sub = p;
			p += len;
		} else {
			return -1;
		}
		if (level == 0) {		/* TracePacket */
			if (field == 8)
				r->ts = v;
			else if (field == 60 && sub)
				r->is_track = 1, pf_parse_fields(sub, sub + len, r, 1);
			else if (field == 11 && sub)
				pf_parse_fields(sub, sub + len, r, 2);
		} else if (level == 1) {	/* TrackDescriptor */
			if (field == 1)
				r->uuid = v;
			else if (field == 5)
				r->parent = v;
			else if (field == 8)
				r->is_counter = 1;
			else if (field == 2 && len < sizeof(r->name))
				memcpy(r->name, sub, len), r->name[len] = 0;
		} else {			/* TrackEvent */
			if (field == 9)
				r->type = v;
			else if (field == 11)
				r->track = v;
			else if (field == 30)
				r->counter = v;
			else if (field == 23 && len < sizeof(r->name))
				memcpy(r->name, sub, len), r->name[len] = 0;
			else if (field == 47 && wt == 1 && r->nflows < 8)
				r->flows[r->nflows++] = v;
			else if (field == 48 && wt == 1 && r->nterm < 8)
				r->term[r->nterm++] = v;
		}
	}
	return 0;
}

static int pf_decode(const char *path, struct pf_rec *out, int max)
{
	size_t len = 0;
	char *buf = NULL;
	FILE *f = fopen(path, "rb");
	const uint8_t *p, *end;
	int n = 0;

	if (!f)
		return -1;
	buf = malloc(1 << 20);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	p = (const uint8_t *)buf;
	end = p + len;
	while (p < end && n < max) {
		uint64_t key = rd_varint(&p, end), l;

		if (key != (1 << 3 | 2))	/* Trace.packet, length-delimited */
			break;
		l = rd_varint(&p, end);
		if ((uint64_t)(end - p) < l)
			break;
		memset(&out[n], 0, sizeof(out[n]));
		if (pf_parse_fields(p, p + l, &out[n], 0))
			break;
		p += l;
		n++;
	}
	free(buf);
	return p == end ? n : -1;
}

static const struct pf_rec *pf_find_track(const struct pf_rec *r, int n,
					  uint64_t uuid)
{
	int i;

	for (i = 0; i < n; i++)
		if (r[i].is_track && r[i].uuid == uuid)
			return &r[i];
	return NULL;
}

static bool test_perfetto(void)
{
	static struct mt_pf pf;
	static struct pf_rec r[256];
	const struct pf_rec *t;
	uint8_t vb[10];
	struct mt_ev evs[] = {
		mkev("fn_add", 1.0, "mlxsim_fn_add: fn=1", "id", 1LL, "role", 1LL, NULL),
		mkev("fn_add", 1.1, "mlxsim_fn_add: fn=2", "id", 2LL, "role", 2LL, NULL),
		mkev("mp_bind", 1.2, "mlxsim_mp_bind: slave=2", "slave", 2LL, "master", 1LL,
		     "port", 2LL, "reason", 0LL, "status", 0LL, "roce_users", 1LL, NULL),
		mkev("mp_mdev_get", 1.3, NULL, "ibdev", 1LL, "port", 2LL, "fn", 2LL, "refcnt", 1LL, NULL),
		mkev("mp_mdev_get", 1.4, NULL, "ibdev", 1LL, "port", 2LL, "fn", 2LL, "refcnt", 2LL, NULL),
		mkev("mp_mdev_put", 1.5, NULL, "ibdev", 1LL, "port", 2LL, "fn", 2LL, "refcnt", 0LL, NULL),
		mkev("smp_snoop", 2.0, "mlxsim_smp_snoop: fn=10", "fn", 10LL, "port", 1LL,
		     "block", 0LL, "slaves", 2LL, "master", 1LL, NULL),
		mkev("pkey_event", 2.001, NULL, "fn", 10LL, "port", 1LL, "slave", 0LL, "target", 0LL, "count", 1LL, NULL),
		mkev("pkey_event", 2.002, NULL, "fn", 10LL, "port", 1LL, "slave", 1LL, "target", 1LL, "count", 1LL, NULL),
		mkev("pkey_event", 2.003, NULL, "fn", 10LL, "port", 1LL, "slave", 2LL, "target", 1LL, "count", 4LL, NULL),
		/* it waited 1.2 s for 2 references: since before the snoop */
		mkev("mp_unbind", 3.0, "mlxsim_mp_unbind: slave=2", "slave", 2LL, "master", 1LL,
		     "port", 2LL, "waited", 2LL, "roce_users", 0LL, "wait_ns", 1200000000LL, NULL),
	};
	int i, n, begins = 0, ends = 0, counters = 0, waits = 0, roce = 0;
	static const uint64_t want_roce[] = { 1, 0 };
	uint64_t last_ts = 0;
	static const uint64_t want_ref[] = { 1, 2, 0 };
	uint64_t snoop_flows[8];
	int nsf = 0, terms = 0;

	ASSERT_EQ(mt_pb_varint(vb, 300), 2);
	ASSERT_EQ(vb[0], 0xac);
	ASSERT_EQ(vb[1], 0x02);
	ASSERT_EQ(mt_pf_open(&pf, pf_out), 0);
	for (i = 0; i < (int)(sizeof(evs) / sizeof(evs[0])); i++)
		mt_pf_event(&pf, &evs[i]);
	ASSERT_EQ(mt_pf_close(&pf), 0);
	n = pf_decode(pf_out, r, 256);
	ASSERT_TRUE(n > 0);
	ASSERT_EQ((uint64_t)n, pf.packets);
	/* tracks: per function, per IB port, counters under their port */
	t = pf_find_track(r, n, MT_PF_FN(1));
	ASSERT_TRUE(t && !strcmp(t->name, "mlxsim1"));
	t = pf_find_track(r, n, MT_PF_PORT(1, 2));
	ASSERT_TRUE(t && !strcmp(t->name, "mlxsim1 port 2"));
	t = pf_find_track(r, n, MT_PF_REFCNT(1, 2));
	ASSERT_TRUE(t && t->is_counter && t->parent == MT_PF_PORT(1, 2));
	ASSERT_TRUE(pf_find_track(r, n, MT_PF_VF(10, 1, 2)) != NULL);
	/* the unbind's wait: a child track of the port; roce_en under the slave */
	t = pf_find_track(r, n, MT_PF_WAIT(1, 2));
	ASSERT_TRUE(t && !t->is_counter && t->parent == MT_PF_PORT(1, 2));
	ASSERT_STREQ(t->name, "mlxsim1 port 2 unbind waits");
	t = pf_find_track(r, n, MT_PF_ROCE(2));
	ASSERT_TRUE(t && t->is_counter && t->parent == MT_PF_FN(2));
	ASSERT_STREQ(t->name, "mlxsim2 roce_en (users)");
	for (i = 0; i < n; i++) {
		if (r[i].is_track)
			continue;
		/* every event on a described track, after it; in time order */
		ASSERT_TRUE(pf_find_track(r, i, r[i].track) != NULL);
		ASSERT_TRUE(r[i].ts >= last_ts);
		last_ts = r[i].ts;
		if (r[i].track == MT_PF_WAIT(1, 2)) {
			/* 1.2 s long, ending at the unbind; written before the snoop */
			ASSERT_EQ(r[i].type, waits ? 2 : 1);
			ASSERT_EQ(r[i].ts, waits ? 3000000000ULL : 1800000000ULL);
			ASSERT_TRUE(waits || !nsf);
			if (!waits)
				ASSERT_STREQ(r[i].name, "unbind of mlxsim2 waits for 2 references");
			waits++;
			continue;
		}
		if (r[i].type == 4 && r[i].track == MT_PF_ROCE(2)) {
			ASSERT_TRUE(roce < 2);
			ASSERT_EQ(r[i].counter, want_roce[roce]);
			ASSERT_EQ(r[i].ts, roce ? 3000000000ULL : 1200000000ULL);
			roce++;
		}
		if (r[i].type == 1) {
			begins++;
			ASSERT_TRUE(r[i].track == MT_PF_FN(2) || r[i].track == MT_PF_PORT(1, 2));
			ASSERT_EQ(r[i].ts, 1200000000ULL);
		}
		if (r[i].type == 2) {
			ends++;
			ASSERT_EQ(r[i].ts, 3000000000ULL);
		}
		if (r[i].type == 4 && r[i].track == MT_PF_REFCNT(1, 2)) {
			ASSERT_TRUE(counters < 3);
			ASSERT_EQ(r[i].counter, want_ref[counters]);
			counters++;
		}
		if (r[i].type == 3 && !strcmp(r[i].name, "smp_snoop")) {
			nsf = r[i].nflows;
			memcpy(snoop_flows, r[i].flows, sizeof(snoop_flows));
		}
		if (r[i].type == 3 && !strcmp(r[i].name, "pkey_event")) {
			/* each event ends one of the snoop's flows, in turn */
			ASSERT_EQ(r[i].nterm, 1);
			ASSERT_TRUE(terms < nsf);
			ASSERT_EQ(r[i].term[0], snoop_flows[terms]);
			terms++;
		}
		if (r[i].type == 4 && r[i].track == MT_PF_VFCOUNT(10, 1, 2))
			ASSERT_EQ(r[i].counter, 4);
	}
	ASSERT_EQ(begins, 2);
	ASSERT_EQ(ends, 2);
	ASSERT_EQ(waits, 2);
	ASSERT_EQ(roce, 2);
	ASSERT_EQ(counters, 3);
	ASSERT_EQ(nsf, 3);	/* 2 VFs and the master */
	ASSERT_EQ(terms, 3);
	return true;
}

/* -i trace.dat -l: lines stamped with trace time, not the wall clock. */
static bool test_log_trace_time(void)
{
	struct mt_model m;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	mt_model_init(&m);
	m.replay = 1;
	m.now = 41.810671;
	f = open_memstream(&buf, &len);
	mt_out_log_line(f, &m, 1);
	fclose(f);
	ASSERT_TRUE(!strncmp(buf, "41.810671,", 10));
	free(buf);
	mt_model_free(&m);
	return true;
}

/* With a filter, each heading counts the rows it shows. */
static bool test_filtered_headings(void)
{
	struct mt_lines ls = { 0 };
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_model m;
	int i, fn = 0, ports = 0;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("vm")), 0);
	snprintf(v.filter, sizeof(v.filter), "slave");
	mt_render(&ls, &m, &v, 120);
	for (i = 0; i < ls.n; i++) {
		if (!strncmp(ls.l[i].text, "Functions (", 11)) {
			fn = 1;
			ASSERT_TRUE(strstr(ls.l[i].text, "Functions (3 of 6, filter 'slave'):") != NULL);
		}
		if (!strncmp(ls.l[i].text, "IB ports (", 10)) {
			ports = 1;
			ASSERT_TRUE(strstr(ls.l[i].text, "(0 of 6, filter 'slave')") != NULL);
		}
	}
	ASSERT_TRUE(fn && ports);
	v.filter[0] = '\0';
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(!strncmp(ls.l[0].text, "Functions (6):", 14));
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* Replay: ib_dev, ib_state from the ib_* events, held only where known */
static bool test_replay_ib_view(void)
{
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_lines ls = { 0 };
	struct mt_model m;
	struct mt_port *p;
	struct mt_fn *f;
	char *buf = NULL;
	size_t len = 0;
	double t = 0;
	FILE *fp;

	mt_model_init(&m);
	EV("fn_add", "id=1", "guid=0x100", "role=1", "type=0", "native_port=1", "ports=1", "vfs=0");
	EV("fn_add", "id=2", "guid=0x100", "role=2", "type=0", "native_port=2", "ports=1", "vfs=0");
	EV("fn_add", "id=3", "guid=0x300", "role=0", "type=0", "native_port=1", "ports=1", "vfs=0");
	/* nothing registered yet: "-" */
	mt_render(&ls, &m, &v, 100);
	ASSERT_EQ(count_rows(&ls, "  -          -"), 3);
	EV("ib_register", "fn=1", "node_guid=0x100", "ports=2", "link=0", "status=0");
	EV("ib_register", "fn=3", "node_guid=0x300", "ports=1", "link=0", "status=12");
	EV("ib_event", "ibdev=1", "port=1", "event=0", "count=1");
	EV("ib_event", "ibdev=1", "port=2", "event=1", "count=1");
	EV("ib_event", "ibdev=1", "port=2", "event=2", "count=1");	/* pkey_change: no state */
	f = mt_model_fn(&m, 1, 0);
	ASSERT_STREQ(f->ib_dev, "mlxsim1");
	ASSERT_STREQ(f->ib_state, "active");
	ASSERT_STREQ(mt_model_port(&m, 1, 2, 0)->ib_state, "down");
	/* a failed registration: still none */
	ASSERT_STREQ(mt_or_dash(mt_model_fn(&m, 3, 0)->ib_dev), "-");
	EV("mp_bind", "guid=0x100", "slave=2", "master=1", "status=0", "port=2", "reason=0");
	f = mt_model_fn(&m, 2, 0);
	ASSERT_STREQ(f->ib_dev, "mlxsim1");
	ASSERT_STREQ(f->ib_state, "down");
	EV("ib_event", "ibdev=1", "port=2", "event=0", "count=2");
	ASSERT_STREQ(f->ib_state, "active");
	/* held: 0 while no reference is out, else not known */
	p = mt_model_port(&m, 1, 2, 0);
	ASSERT_EQ(p->held, 0);
	EV("mp_mdev_get", "ibdev=1", "fn=2", "refcnt=3", "port=2", "result=1");
	ASSERT_EQ(p->held, -1);
	mt_render(&ls, &m, &v, 100);
	ASSERT_EQ(count_rows(&ls, " mlxsim1    2        2    up      3     no    -  mlxsim1    active"), 1);
	ASSERT_EQ(count_rows(&ls, " mlxsim1    1        1    up      0     no    0  mlxsim1    active"), 1);
	fp = open_memstream(&buf, &len);
	mt_out_json(fp, &m);
	fclose(fp);
	ASSERT_TRUE(strstr(buf, "\"refcnt\": 3, \"unaffiliating\": 0, \"held\": null, \"ib_state\": \"active\""));
	ASSERT_TRUE(strstr(buf, "\"ib_dev\": \"mlxsim1\", \"ib_state\": \"active\""));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	mt_out_text(fp, &m);
	fclose(fp);
	ASSERT_TRUE(strstr(buf, "    1    2        2    up      3             0    - active\n"));
	free(buf);
	EV("mp_mdev_put", "ibdev=1", "fn=2", "refcnt=0", "port=2", "waking=0");
	ASSERT_EQ(p->held, 0);
	/* unbound, unregistered: "-" again */
	EV("mp_unbind", "slave=2", "master=1", "waited=0", "port=2", "reason=0");
	ASSERT_STREQ(f->ib_dev, "-");
	ASSERT_STREQ(f->ib_state, "-");
	EV("ib_unregister", "fn=1", "events=4");
	ASSERT_STREQ(mt_model_fn(&m, 1, 0)->ib_dev, "-");
	ASSERT_STREQ(mt_model_port(&m, 1, 1, 0)->ib_state, "-");
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

static const struct mt_line *row_with(const struct mt_lines *ls, const char *needle)
{
	int i;

	for (i = 0; i < ls->n; i++)
		if (strstr(ls->l[i].text, needle))
			return &ls->l[i];
	return NULL;
}

/* P_Key pane: per VF its mapping, events, and why the last snoop did or did not notify it */
static bool test_pkey_pane(void)
{
	struct mt_view v = { .highlight_s = 5, .pane = MT_PANE_PKEY };
	struct mt_lines ls = { 0 };
	const struct mt_line *l;
	struct mt_pkport *pk;
	struct mt_model m;
	uint8_t set[MT_MAX_PKEYS];
	double t = 0, when;
	char *buf = NULL, *p;
	size_t len = 0;
	FILE *f;
	int i;

	mt_model_init(&m);
	EV("pkey_map", "fn=7", "port=1", "slave=3", "index=8", "old=0", "new=7", "cause=0");
	pk = mt_model_pkport(&m, 7, 1, 0);
	ASSERT_TRUE(pk != NULL);
	ASSERT_EQ(pk->vf[1].active, -1);
	EV("pkey_map", "fn=7", "port=1", "slave=1", "index=1", "phys=1", "cause=1");
	EV("pkey_map", "fn=7", "port=1", "slave=2", "index=3", "phys=2", "cause=1");
	/* vf<S>/active as the tables say it */
	mt_parse_vf_active(&m, 7, 2, "0\n");
	mt_parse_vf_active(&m, 7, 1, "1\n");
	mt_parse_vf_active(&m, 7, 99, "1\n");
	mt_parse_vf_active(&m, 7, 3, "junk");
	ASSERT_EQ(pk->vf[1].active, 1);
	ASSERT_EQ(pk->vf[2].active, 0);
	ASSERT_EQ(pk->vf[3].active, -1);
	/* no change yet: no verdict */
	ASSERT_EQ(mt_pk_last_change(pk, set, &when), 0);
	ASSERT_EQ(mt_vf_verdict(pk, 1, set), MT_VD_NONE);
	EV("smp_snoop", "fn=7", "port=1", "class=0x81", "block=0", "changed=0x6", "slaves=1", "master=1");
	EV("pkey_cache", "fn=7", "port=1", "index=1", "old=0", "new=0x8001");
	EV("pkey_cache", "fn=7", "port=1", "index=2", "old=0", "new=0x8002");
	EV("pkey_event", "fn=7", "port=1", "slave=0", "target=0", "count=1");
	EV("pkey_event", "fn=7", "port=1", "slave=1", "target=1", "count=1");
	ASSERT_EQ(mt_pk_last_change(pk, set, &when), 2);
	ASSERT_TRUE(set[1] && set[2] && !set[0] && !set[3]);
	ASSERT_EQ(mt_vf_verdict(pk, 1, set), MT_VD_NOTIFIED);
	ASSERT_EQ(mt_vf_verdict(pk, 2, set), MT_VD_INACTIVE);
	ASSERT_EQ(mt_vf_verdict(pk, 3, set), MT_VD_MAPS_NONE);
	ASSERT_TRUE(mt_vf_map_default(pk, 3, 5));
	ASSERT_TRUE(!mt_vf_map_default(pk, 1, 1));

	/* no room known: only the non-default entries */
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++)
		ASSERT_TRUE(strlen(ls.l[i].text) <= 80);
	ASSERT_TRUE(row_with(&ls, "last snoop 4.0s ago: block 0, changed 1,2; notified master, 1 of 3 VFs") != NULL);
	ASSERT_TRUE(row_with(&ls, "VF ACTIVE EVENTS LAST EVENT") != NULL);
	ASSERT_TRUE(row_with(&ls, "     1 yes         1 now        notified") != NULL);
	ASSERT_TRUE(row_with(&ls, "     2 no          0 -          not notified: inactive") != NULL);
	ASSERT_TRUE(row_with(&ls, "     3 -           0 -          not notified: maps none of them") != NULL);
	l = row_with(&ls, "map 1->1:8001");
	ASSERT_TRUE(l != NULL);
	p = strstr(l->text, "1->1:8001");
	ASSERT_EQ(l->hl[p - l->text], MT_HL_CHANGED);	/* a changed entry */
	ASSERT_EQ(l->hl[2], MT_HL_NONE);
	ASSERT_TRUE(row_with(&ls, "map 3->2:8002") != NULL);
	ASSERT_TRUE(row_with(&ls, "map default (0->0:ffff, others ->7)") != NULL);
	ASSERT_TRUE(row_with(&ls, "(7 more as created: 0->0, others ->7)") != NULL);
	ASSERT_EQ(count_rows(&ls, "3..7->7"), 0);
	/* room: every index, runs on the reserved entry as one cell */
	v.rows = 100;
	mt_render(&ls, &m, &v, 80);
	ASSERT_TRUE(row_with(&ls, "map 0->0:ffff 1->1:8001 2..7->7") != NULL);
	ASSERT_TRUE(row_with(&ls, "map 0->0:ffff 1..7->7") != NULL);
	ASSERT_EQ(count_rows(&ls, "more as created"), 0);
	/* too little room: back to the brief form */
	v.rows = 10;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "more as created"), 2);
	/* later, the change is no longer highlighted */
	m.now += 10;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 0);
	ASSERT_TRUE(row_with(&ls, "last snoop 14.0s ago") != NULL);

	/* settled (a replay's end, a live start): times stay, nothing highlighted */
	mt_model_settle(&m);
	m.now -= 10;
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 0);
	ASSERT_TRUE(row_with(&ls, "last snoop 4.0s ago") != NULL);
	ASSERT_TRUE(row_with(&ls, "     1 yes         1 now        notified") != NULL);
	m.now += 10;

	/* activity not known: the snoop's events tell who heard of it */
	pk->vf[2].active = -1;
	ASSERT_EQ(mt_vf_verdict(pk, 2, set), MT_VD_INACTIVE);
	pk->vf[1].active = -1;
	ASSERT_EQ(mt_vf_verdict(pk, 1, set), MT_VD_NOTIFIED);
	pk->vf[2].active = 0;
	pk->vf[1].active = 1;

	/* --json: fields added, none renamed */
	f = open_memstream(&buf, &len);
	mt_out_json(f, &m);
	fclose(f);
	ASSERT_TRUE(strstr(buf, "\"last_change\": {\"source\": \"snoop\", \"entries\": [1, 2], \"block\": 0, \"slaves\": 1, \"master\": true, \"path\": null}"));
	ASSERT_TRUE(strstr(buf, "{\"slave\": 1, \"mapped\": 2, \"events\": 1, \"virt2phys\": ["));
	ASSERT_TRUE(strstr(buf, "\"active\": true, \"last_change\": \"notified\", \"last_event_ago\": 10.000, \"map\": [{\"index\": 1, \"phys\": 1, \"pkey\": \"0x8001\"}]"));
	ASSERT_TRUE(strstr(buf, "\"active\": false, \"last_change\": \"inactive\""));
	ASSERT_TRUE(strstr(buf, "\"active\": null, \"last_change\": \"maps_none\", \"last_event_ago\": null, \"map\": []"));
	free(buf);
	buf = NULL;
	/* --once: columns added at the end */
	f = open_memstream(&buf, &len);
	mt_out_text(f, &m);
	fclose(f);
	ASSERT_TRUE(strstr(buf, "slave mapped events active last_change map\n"));
	ASSERT_TRUE(strstr(buf, "    2      2      0     no inactive    3->2\n"));
	ASSERT_TRUE(strstr(buf, "    3      1      0      - maps_none   -\n"));
	free(buf);
	mt_lines_free(&ls);
	mt_model_free(&m);

	/* tables only (the VM's): activity read, no change seen */
	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("vm")), 0);
	pk = mt_model_pkport(&m, 6, 1, 0);
	ASSERT_TRUE(pk != NULL);
	ASSERT_EQ(pk->vf[1].active, 1);
	ASSERT_EQ(pk->vf[4].active, 1);
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(row_with(&ls, "no P_Key change seen since mlxtop started") != NULL);
	/* counts at the first read came before mlxtop: no last event; later growth is one */
	ASSERT_EQ(pk->polled, 1);
	pk->polled = 0;
	m.now = 40;
	mt_parse_vf_events(&m, 6, 3, "port count\n1 5\n");
	ASSERT_EQ(pk->vf[3].events, 5);
	ASSERT_TRUE(pk->vf[3].last_event == 0);
	pk->polled = 1;
	mt_parse_vf_events(&m, 6, 3, "port count\n1 6\n");
	ASSERT_TRUE(pk->vf[3].last_event == 40);
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(row_with(&ls, "     3 yes         6 now") != NULL);
	/* a change the tables show: the entries changed last */
	m.now = 50;
	mt_pk_set(pk, 5, 0x8005, m.now);
	pk->map[2][1] = 5;
	ASSERT_EQ(mt_pk_last_change(pk, set, &when), 1);
	ASSERT_TRUE(set[5] && when == 50);
	ASSERT_EQ(mt_vf_verdict(pk, 2, set), MT_VD_NOTIFIED);
	ASSERT_EQ(mt_vf_verdict(pk, 1, set), MT_VD_MAPS_NONE);
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(row_with(&ls, "last change now: entries 5; would notify 1 of 4 VFs") != NULL);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* --- InfiniBand management: the SMA's ports, cables, VF port events --- */

/*
 * fixtures/ib (written from the interface, docs/interface.md, until the VM
 * with the IB driver captures one):
 *   mlxsim10 (2 ports, 2 VFs, snoop path)  port1 active LID 1, the SM,
 *            cabled to 11:1; port2 init, cabled to 12:1
 *   mlxsim11 (1 port, no VFs)               port1 active LID 2
 *   mlxsim12 (2 ports, 3 VFs, event path)   port1 init; port2 down, no cable
 */
static bool test_poll_ib(void)
{
	struct mt_model m;
	struct mt_sma *s;
	struct mt_pkport *pk;
	int d, p;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("ib")), 0);
	ASSERT_EQ(m.nfn, 3);
	ASSERT_EQ(m.nsma, 5);
	/* sorted by device and port */
	ASSERT_EQ(m.sma[0].dev, 10);
	ASSERT_EQ(m.sma[0].port, 1);
	ASSERT_EQ(m.sma[4].dev, 12);
	ASSERT_EQ(m.sma[4].port, 2);
	s = mt_model_sma(&m, 10, 1, 0);
	ASSERT_TRUE(s != NULL);
	ASSERT_STREQ(s->state, "active");
	ASSERT_STREQ(s->phys, "link_up");
	ASSERT_EQ(s->lid, 1);
	ASSERT_EQ(s->lmc, 0);
	ASSERT_EQ(s->sm_lid, 1);
	ASSERT_EQ(s->sm_sl, 0);
	ASSERT_EQ(s->is_sm, 1);
	ASSERT_EQ(s->cap_mask, 0x02090002);
	ASSERT_TRUE(s->port_guid == 0x0002c90e0000000bULL);
	ASSERT_EQ(s->peer_dev, 11);
	ASSERT_EQ(s->peer_port, 1);
	ASSERT_EQ(s->mads, 57);
	ASSERT_EQ(s->mad_errors, 3);
	ASSERT_EQ(s->dropped, 0);
	ASSERT_EQ(s->xmit_pkts, 60);
	ASSERT_EQ(s->rcv_pkts, 61);
	ASSERT_TRUE(mt_model_sm_port(&m) == s);
	s = mt_model_sma(&m, 12, 2, 0);
	ASSERT_STREQ(s->state, "down");
	ASSERT_STREQ(s->phys, "polling");
	ASSERT_EQ(s->peer_dev, -1);
	ASSERT_TRUE(s->peer_known);
	ASSERT_EQ(s->dropped, 2);
	ASSERT_FALSE(mt_sma_peer(&m, s, &d, &p));
	/* no port2/sma: mlxsim11 port 2 is not an IB port of an SMA */
	ASSERT_TRUE(mt_model_sma(&m, 11, 2, 0) == NULL);
	ASSERT_EQ(mt_model_count_sma_state(&m, "active"), 2);
	ASSERT_EQ(mt_model_count_sma_state(&m, "init"), 2);
	/* the cables, each once */
	ASSERT_TRUE(m.have_links);
	ASSERT_EQ(m.nlinks, 2);
	ASSERT_EQ(m.links[1].a, 10);
	ASSERT_EQ(m.links[1].a_port, 2);
	ASSERT_EQ(m.links[1].b, 12);
	ASSERT_EQ(m.links[1].b_port, 1);
	/* caps: which path P_Key changes take */
	ASSERT_EQ(mt_model_fn(&m, 10, 0)->port_mng_chg_ev, 0);
	ASSERT_EQ(mt_model_fn(&m, 12, 0)->port_mng_chg_ev, 1);
	/* vf<S>/events: the other port events by column */
	pk = mt_model_pkport(&m, 10, 1, 0);
	ASSERT_TRUE(pk && pk->have_port_ev);
	ASSERT_EQ(pk->vf[1].events, 1);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_LID_CHANGE], 1);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_CLIENT_REREG], 1);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_PORT_ERR], 0);
	ASSERT_EQ(pk->vf[2].port_ev[MT_PEV_SM_CHANGE], 1);
	ASSERT_EQ(pk->vf[0].port_ev[MT_PEV_PORT_ACTIVE], 1);
	ASSERT_EQ(pk->master_events, 1);

	/* again: kept; the older tables (no sma, no links): none */
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("ib")), 0);
	ASSERT_EQ(m.nsma, 5);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	ASSERT_EQ(m.nsma, 0);
	ASSERT_EQ(m.nlinks, 0);
	ASSERT_FALSE(m.have_links);
	pk = mt_model_pkport(&m, 4, 1, 0);
	ASSERT_TRUE(pk && !pk->have_port_ev);
	ASSERT_EQ(pk->vf[3].events, 3);
	ASSERT_EQ(pk->vf[3].port_ev[MT_PEV_LID_CHANGE], -1);
	ASSERT_EQ(mt_model_fn(&m, 4, 0)->port_mng_chg_ev, -1);
	mt_model_free(&m);
	return true;
}

/* Odd sma and links files: what cannot be read is not known, never junk. */
static bool test_sma_parse(void)
{
	struct mt_model m;
	struct mt_sma *s;
	int d, p;

	mt_model_init(&m);
	mt_parse_sma(&m, 5, 1, "state=armed\nphys_state=link_up\nlid=0x10\nis_sm=0\n"
		     "port_guid=0xfedcba9876543210\npeer=junk\nmads=x\n");
	s = mt_model_sma(&m, 5, 1, 0);
	ASSERT_TRUE(s != NULL);
	ASSERT_STREQ(s->state, "armed");
	ASSERT_EQ(s->lid, 16);
	ASSERT_EQ(s->sm_lid, -1);
	ASSERT_EQ(s->cap_mask, -1);
	/* a GUID with bit 63 set is still a GUID */
	ASSERT_TRUE(s->port_guid == 0xfedcba9876543210ULL);
	ASSERT_FALSE(s->peer_known);
	ASSERT_EQ(s->peer_dev, -1);
	ASSERT_EQ(s->mads, -1);
	ASSERT_EQ(s->rcv_pkts, -1);
	/* no peer key: the links table says */
	mt_parse_links(&m, "a port b port\n5 1 6 2\nx 1 2 3\n7 0 8 1\n");
	ASSERT_TRUE(m.have_links);
	ASSERT_EQ(m.nlinks, 1);
	ASSERT_TRUE(mt_sma_peer(&m, s, &d, &p));
	ASSERT_EQ(d, 6);
	ASSERT_EQ(p, 2);
	/* from the b side too */
	mt_parse_sma(&m, 6, 2, "state=armed\n");
	ASSERT_TRUE(mt_sma_peer(&m, mt_model_sma(&m, 6, 2, 0), &d, &p));
	ASSERT_EQ(d, 5);
	ASSERT_EQ(p, 1);
	/* the SMA's own "-" wins over the table */
	mt_parse_sma(&m, 5, 1, "state=armed\npeer=-\n");
	s = mt_model_sma(&m, 5, 1, 0);
	ASSERT_TRUE(s->peer_known);
	ASSERT_FALSE(mt_sma_peer(&m, s, &d, &p));
	mt_parse_sma(&m, 5, 1, "state=armed\npeer=9:2\n");
	ASSERT_TRUE(mt_sma_peer(&m, s, &d, &p));
	ASSERT_EQ(d, 9);
	ASSERT_EQ(p, 2);
	mt_parse_sma(&m, 5, 1, "state=-\npeer=9:0\n");
	ASSERT_STREQ(s->state, "");
	ASSERT_FALSE(s->peer_known);
	/* a header that is not "a port b port": not the links table */
	mt_parse_links(&m, "a b port port\n1 2 3 4\n");
	ASSERT_FALSE(m.have_links);
	ASSERT_EQ(m.nlinks, 0);
	mt_parse_links(&m, "a port b\n1 2 3\n");
	ASSERT_FALSE(m.have_links);
	mt_parse_links(&m, "a port b port\n");
	ASSERT_TRUE(m.have_links);
	ASSERT_EQ(m.nlinks, 0);
	/* a removed function takes its SMA with it */
	mt_model_fn(&m, 5, 1);
	mt_model_del_fn(&m, 5);
	ASSERT_TRUE(mt_model_sma(&m, 5, 1, 0) == NULL);
	ASSERT_EQ(m.nsma, 1);
	mt_model_clear(&m);
	ASSERT_EQ(m.nsma, 0);
	mt_model_free(&m);
	return true;
}

static char *render_text(const struct mt_model *m, void (*out)(FILE *, const struct mt_model *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out(f, m);
	fclose(f);
	return buf;
}

/* The Multiport pane's IB links: state, LID, SM LID, IsSM, the cable. */
static bool test_sma_pane(void)
{
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_lines ls = { 0 };
	const struct mt_line *l;
	struct mt_model m;
	int i;

	mt_model_init(&m);
	m.now = 100;
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("ib")), 0);
	mt_model_settle(&m);
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++)
		ASSERT_TRUE(strlen(ls.l[i].text) <= 80);
	ASSERT_TRUE(row_with(&ls, "IB links (5 ports, 2 cables): 2 active, 2 init, 1 down; SM mlxsim10:1, LID 1") != NULL);
	ASSERT_TRUE(row_with(&ls, "  DEVICE PORT STATE  PHYS       LID SM_LID ISSM PEER            MADS  ERR  DROP") != NULL);
	ASSERT_TRUE(row_with(&ls, "mlxsim10    1 active link_up      1      1 yes  mlxsim11:1        57    3     0") != NULL);
	ASSERT_TRUE(row_with(&ls, "mlxsim12    1 init   link_up      0      0 no   mlxsim10:2         4    1     0") != NULL);
	ASSERT_TRUE(row_with(&ls, "mlxsim12    2 down   polling      0      0 no   -                  0    0     2") != NULL);
	ASSERT_EQ(count_rows(&ls, "XMIT"), 0);
	ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 0);
	/* wide: the packet counters too */
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(row_with(&ls, "MADS  ERR  DROP       XMIT        RCV") != NULL);
	ASSERT_TRUE(row_with(&ls, "mlxsim11:1        57    3     0         60         61") != NULL);
	/* the filter: rows of one device, the title says how many */
	snprintf(v.filter, sizeof(v.filter), "mlxsim12 ");
	mt_render(&ls, &m, &v, 80);
	ASSERT_TRUE(row_with(&ls, "IB links (2 of 5, filter 'mlxsim12 '): 2 active, 2 init, 1 down") != NULL);
	ASSERT_EQ(count_rows(&ls, " polling "), 1);
	ASSERT_EQ(count_rows(&ls, "mlxsim10    1 active"), 0);
	v.filter[0] = '\0';
	/* the SM brings a port up: the row is highlighted */
	m.now = 101;
	mt_parse_sma(&m, 10, 2, "state=active\nphys_state=link_up\nlid=3\nsm_lid=1\nis_sm=0\npeer=12:1\n");
	mt_render(&ls, &m, &v, 80);
	l = row_with(&ls, "mlxsim10    2 active link_up      3      1 no   mlxsim12:1");
	ASSERT_TRUE(l != NULL);
	ASSERT_EQ(l->hl[0], MT_HL_CHANGED);
	ASSERT_EQ(count_hl(&ls, MT_HL_CHANGED), 1);
	/* not known (no counters in that write): "-" */
	ASSERT_TRUE(strstr(l->text, "mlxsim12:1         -    -     -") != NULL);
	/* no SMA at all (an Ethernet-only topology): no section */
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "IB links"), 0);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* --once, --json and --prom of the SMA and the cables. */
static bool test_sma_outputs(void)
{
	struct mt_model m;
	char *buf;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("ib")), 0);
	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, "\nIB LINKS\n  dev port state  phys_state   lid lmc sm_lid sm_sl is_sm   cap_mask port_guid          peer         mads mad_errors  dropped  xmit_pkts   rcv_pkts\n"));
	ASSERT_TRUE(strstr(buf, "\n   10    1 active link_up        1   0      1     0     1 0x02090002 0x0002c90e0000000b 11:1           57          3        0         60         61\n"));
	ASSERT_TRUE(strstr(buf, "\n   12    2 down   polling        0   0      0     0     0 0x02090000 0x0002c9100000000e -               0          0        2          2          0\n"));
	ASSERT_TRUE(strstr(buf, "\nCABLES\n    a port     b port\n   10    1    11    1\n   10    2    12    1\n"));
	ASSERT_TRUE(strstr(buf, "P_KEY dev 10 port 1: 32 entries, 2 vfs, 1 snoop (1 changed the cache), 1 master event, 1 VF event, ib_core in sync, path snoop\n"));
	ASSERT_TRUE(strstr(buf, "P_KEY dev 12 port 2: 32 entries, 3 vfs, 0 snoops (0 changed the cache), 0 master events, 0 VF events, ib_core in sync, path event\n"));
	ASSERT_TRUE(strstr(buf, "slave mapped events active last_change map lid_change sm_change client_reregister port_active port_err gid_change\n"));
	ASSERT_TRUE(strstr(buf, "    1      2      1    yes -           1->1          1         1                 1           1        0          0\n"));
	free(buf);
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, "{\"dev\": 10, \"port\": 1, \"state\": \"active\", \"phys_state\": \"link_up\", \"lid\": 1, \"lmc\": 0, \"sm_lid\": 1, \"sm_sl\": 0, \"is_sm\": true, \"cap_mask\": \"0x02090002\", \"port_guid\": \"0x0002c90e0000000b\", \"peer\": {\"dev\": 11, \"port\": 1}, \"mads\": 57, \"mad_errors\": 3, \"dropped\": 0, \"xmit_pkts\": 60, \"rcv_pkts\": 61}"));
	ASSERT_TRUE(strstr(buf, "{\"dev\": 12, \"port\": 2, \"state\": \"down\", \"phys_state\": \"polling\", \"lid\": 0, \"lmc\": 0, \"sm_lid\": 0, \"sm_sl\": 0, \"is_sm\": false, "));
	ASSERT_TRUE(strstr(buf, "\"peer\": null, \"mads\": 0, \"mad_errors\": 0, \"dropped\": 2, "));
	ASSERT_TRUE(strstr(buf, "\"links\": [\n    {\"a\": 10, \"a_port\": 1, \"b\": 11, \"b_port\": 1},\n    {\"a\": 10, \"a_port\": 2, \"b\": 12, \"b_port\": 1}\n  ]"));
	ASSERT_TRUE(strstr(buf, "\"ib_state\": null, \"port_mng_chg_ev\": 1, \"refcnt_history\""));
	ASSERT_TRUE(strstr(buf, "\"map\": [{\"index\": 1, \"phys\": 1, \"pkey\": \"0x8001\"}], \"lid_change\": 1, \"sm_change\": 1, \"client_reregister\": 1, \"port_active\": 1, \"port_err\": 0, \"gid_change\": 0}"));
	ASSERT_TRUE(strstr(buf, "\"last_change\": null, \"path\": \"event\""));
	free(buf);
	buf = render_text(&m, mt_out_prom);
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_port_info{dev=\"10\",port=\"1\",state=\"active\",phys_state=\"link_up\"} 1\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_port_active{dev=\"12\",port=\"1\"} 0\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_port_lid{dev=\"11\",port=\"1\"} 2\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_port_is_sm{dev=\"10\",port=\"1\"} 1\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_mad_errors_total{dev=\"10\",port=\"1\"} 3\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_ib_dropped_total{dev=\"12\",port=\"2\"} 2\n"));
	ASSERT_TRUE(strstr(buf, "\nmlxsim_pkey_vf_port_events_total{dev=\"10\",port=\"1\",vf=\"1\",event=\"client_reregister\"} 1\n"));
	free(buf);
	/* the old tables: no sma, no links (null), no port event keys known */
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, "IB LINKS") == NULL && strstr(buf, "CABLES") == NULL);
	ASSERT_TRUE(strstr(buf, "lid_change") == NULL);
	free(buf);
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, "\"sma\": [\n  ],\n  \"links\": null,\n"));
	ASSERT_TRUE(strstr(buf, "\"lid_change\": null, \"sm_change\": null"));
	ASSERT_TRUE(strstr(buf, "\"port_mng_chg_ev\": null"));
	free(buf);
	buf = render_text(&m, mt_out_prom);
	ASSERT_TRUE(strstr(buf, "mlxsim_ib_") == NULL);
	ASSERT_TRUE(strstr(buf, "mlxsim_pkey_vf_port_events_total") == NULL);
	free(buf);
	mt_model_free(&m);
	return true;
}

/*
 * Replay: the SMA's ports from mlxsim_sma_port (what it carries; the rest
 * not known), VF port events from mlxsim_vf_event, the P_Key path from
 * mlxsim_smp_snoop.
 */
static bool test_replay_sma(void)
{
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_lines ls = { 0 };
	struct mt_pkport *pk;
	struct mt_model m;
	struct mt_sma *s;
	double t = 0;
	char *buf;

	mt_model_init(&m);
	EV("pkey_map", "fn=10", "port=1", "slave=2", "index=32", "old=0", "new=31", "cause=0");
	EV("fn_add", "id=10", "guid=0xa", "role=0", "type=0", "link=1", "native_port=1", "ports=1", "vfs=2");
	EV("fn_add", "id=11", "guid=0xb", "role=0", "type=0", "link=1", "native_port=1", "ports=1", "vfs=0");
	EV("fn_add", "id=12", "guid=0xc", "role=0", "type=0", "link=0", "native_port=1", "ports=2", "vfs=0");
	/* as the SMA comes up: DOWN, Polling, no LIDs; Ethernet has none */
	ASSERT_EQ(m.nsma, 2);
	s = mt_model_sma(&m, 11, 1, 0);
	ASSERT_TRUE(s != NULL);
	ASSERT_STREQ(s->state, "down");
	ASSERT_STREQ(s->phys, "polling");
	ASSERT_EQ(s->lid, 0);
	ASSERT_EQ(s->sm_lid, 0);
	ASSERT_EQ(s->lmc, -1);
	ASSERT_TRUE(mt_model_sma(&m, 12, 1, 0) == NULL);
	/* the cable: LinkUp, INIT */
	EV("sma_port", "fn=10", "port=1", "old_state=1", "new_state=2", "phys=5",
	   "old_lid=0", "new_lid=0", "old_sm_lid=0", "new_sm_lid=0", "cause=1");
	EV("sma_port", "fn=11", "port=1", "old_state=1", "new_state=2", "phys=5",
	   "old_lid=0", "new_lid=0", "old_sm_lid=0", "new_sm_lid=0", "cause=1");
	s = mt_model_sma(&m, 10, 1, 0);
	ASSERT_TRUE(s != NULL);
	ASSERT_STREQ(s->state, "init");
	ASSERT_STREQ(s->phys, "link_up");
	ASSERT_EQ(s->lid, 0);
	ASSERT_EQ(s->is_sm, -1);
	ASSERT_EQ(s->mads, -1);
	ASSERT_EQ(s->peer_dev, -1);
	/* the SM: LIDs, ARMED, ACTIVE */
	EV("mad", "fn=10", "port=1", "mgmt_class=0x81", "method=2", "attr_id=0x15", "attr_mod=1", "status=0x8000", "source=0");
	EV("sma_port", "fn=10", "port=1", "old_state=2", "new_state=3", "phys=5",
	   "old_lid=0", "new_lid=1", "old_sm_lid=0", "new_sm_lid=1", "cause=0");
	EV("sma_port", "fn=10", "port=1", "old_state=3", "new_state=4", "phys=5",
	   "old_lid=1", "new_lid=1", "old_sm_lid=1", "new_sm_lid=1", "cause=0");
	ASSERT_STREQ(s->state, "active");
	ASSERT_EQ(s->lid, 1);
	ASSERT_EQ(s->sm_lid, 1);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text,
			   "sma_port fn=10 port=1 old_state=armed new_state=active phys=link_up old_lid=1 new_lid=1 old_sm_lid=1 new_sm_lid=1 cause=set"));
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 2)->text,
			   "mad fn=10 port=1 mgmt_class=0x81 method=0x2 attr_id=0x15 attr_mod=0x1 status=0x8000 source=local"));
	/* VF port events: counts per kind; P_Key changes are pkey_event's */
	EV("vf_event", "fn=10", "port=1", "slave=1", "event=3", "count=1");
	EV("vf_event", "fn=10", "port=1", "slave=1", "event=5", "count=2");
	EV("vf_event", "fn=10", "port=1", "slave=2", "event=6", "count=1");
	EV("vf_event", "fn=10", "port=1", "slave=2", "event=2", "count=9");
	EV("vf_event", "fn=10", "port=1", "slave=9", "event=3", "count=1");
	EV("vf_event", "fn=11", "port=1", "slave=1", "event=3", "count=1");
	pk = mt_model_pkport(&m, 10, 1, 0);
	ASSERT_TRUE(pk && pk->have_port_ev);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_LID_CHANGE], 1);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_SM_CHANGE], 2);
	ASSERT_EQ(pk->vf[1].port_ev[MT_PEV_GID_CHANGE], -1);
	ASSERT_EQ(pk->vf[2].port_ev[MT_PEV_CLIENT_REREG], 1);
	ASSERT_EQ(pk->vf[2].events, 0);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text, "vf_event fn=11 port=1 slave=1 event=lid_change count=1"));
	/* a P_Key change by the event path */
	EV("smp_snoop", "fn=10", "port=1", "mgmt_class=1", "block=0", "changed=0x2", "slaves=1", "master=1", "path=1");
	ASSERT_EQ(pk->snoop_path, 1);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text, " path=event"));
	/* shown: the SMA's view from the trace, "-" where it has none */
	mt_render(&ls, &m, &v, 80);
	ASSERT_TRUE(row_with(&ls, "IB links (2 ports): 1 active, 1 init; SM") == NULL);
	ASSERT_TRUE(row_with(&ls, "IB links (2 ports): 1 active, 1 init") != NULL);
	ASSERT_TRUE(row_with(&ls, "mlxsim10    1 active link_up      1      1 -    -                  -    -     -") != NULL);
	v.pane = MT_PANE_PKEY;
	mt_render(&ls, &m, &v, 100);
	ASSERT_TRUE(row_with(&ls, "  last fw event ") != NULL);
	ASSERT_TRUE(row_with(&ls, "fw event: from the firmware's PORT_MNG_CHG_EV") != NULL);
	ASSERT_TRUE(row_with(&ls, "    VF ACTIVE EVENTS LAST EVENT LAST CHANGE                       LID    SM REREG   ACT   ERR   GID") != NULL);
	ASSERT_TRUE(row_with(&ls, "     1 -           0 -          not notified: maps none of them     1     2     -     -     -     -") != NULL);
	ASSERT_TRUE(row_with(&ls, "     2 -           0 -          not notified: maps none of them     -     -     1     -     -     -") != NULL);
	ASSERT_TRUE(row_with(&ls, "VF events: LID/SM") != NULL);
	/* narrow: no room for the columns */
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "REREG"), 0);
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, "\"is_sm\": null, \"cap_mask\": null, \"port_guid\": null, \"peer\": null, \"mads\": null"));
	ASSERT_TRUE(strstr(buf, "\"master\": true, \"path\": \"event\"}"));
	ASSERT_TRUE(strstr(buf, "\"links\": null"));
	free(buf);
	/* the cable pulled, the function removed */
	EV("sma_port", "fn=10", "port=1", "old_state=4", "new_state=1", "phys=2",
	   "old_lid=1", "new_lid=1", "old_sm_lid=1", "new_sm_lid=1", "cause=2");
	ASSERT_STREQ(s->state, "down");
	ASSERT_STREQ(s->phys, "polling");
	EV("fn_remove", "id=10", "role=0");
	ASSERT_EQ(m.nsma, 1);
	ASSERT_TRUE(mt_model_sma(&m, 10, 1, 0) == NULL);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* --perfetto: the SMA's port state as a counter, MADs on the port's track */
static bool test_perfetto_sma(void)
{
	static struct mt_pf pf;
	static struct pf_rec r[64];
	struct mt_ev evs[] = {
		mkev("sma_port", 1.0, "mlxsim_sma_port: fn=10 port=1 state=down->init", "fn", 10LL,
		     "port", 1LL, "old_state", 1LL, "new_state", 2LL, NULL),
		mkev("mad", 1.5, "mlxsim_mad: fn=10 port=1", "fn", 10LL, "port", 1LL,
		     "mgmt_class", 0x81LL, NULL),
		mkev("sma_port", 2.0, "mlxsim_sma_port: fn=10 port=1 state=init->active", "fn", 10LL,
		     "port", 1LL, "old_state", 2LL, "new_state", 4LL, NULL),
		mkev("vf_event", 2.5, "mlxsim_vf_event: fn=10 port=1 slave=1", "fn", 10LL,
		     "port", 1LL, "slave", 1LL, "event", 3LL, "count", 1LL, NULL),
	};
	static const uint64_t want[] = { 2, 4 };
	const struct pf_rec *t;
	char path[512];
	int i, n, counters = 0, instants = 0;

	snprintf(path, sizeof(path), "%s.sma", pf_out);
	ASSERT_EQ(mt_pf_open(&pf, path), 0);
	for (i = 0; i < (int)(sizeof(evs) / sizeof(evs[0])); i++)
		mt_pf_event(&pf, &evs[i]);
	ASSERT_EQ(mt_pf_close(&pf), 0);
	n = pf_decode(path, r, 64);
	remove(path);
	ASSERT_TRUE(n > 0);
	t = pf_find_track(r, n, MT_PF_SMASTATE(10, 1));
	ASSERT_TRUE(t && t->is_counter && t->parent == MT_PF_PORT(10, 1));
	ASSERT_STREQ(t->name, "mlxsim10 port 1 SMA state");
	for (i = 0; i < n; i++) {
		if (r[i].is_track)
			continue;
		if (r[i].type == 4 && r[i].track == MT_PF_SMASTATE(10, 1)) {
			ASSERT_TRUE(counters < 2);
			ASSERT_EQ(r[i].counter, want[counters]);
			counters++;
		}
		if (r[i].type == 3) {
			ASSERT_EQ(r[i].track, MT_PF_PORT(10, 1));
			instants++;
		}
	}
	ASSERT_EQ(counters, 2);
	ASSERT_EQ(instants, 4);
	return true;
}


/* --- alias GUIDs: port<P>/guids, the slave port state machine ------- */

static const char guids_ok[] =
	"slave admin_guid guid state pending retry\n"
	"1 0x0002c90000070101 0x0002c90000070101 up no 0\n"
	"2 0x0000000000000000 - pending_up yes 4\n"
	"3 0x0002c90000070301 - down yes 0\n";

/* every VF of pk as no table says: not known */
static bool guids_unknown(const struct mt_pkport *pk)
{
	int s;

	ASSERT_EQ(pk->have_guids, 0);
	for (s = 0; s < MT_MAX_SLAVES; s++) {
		const struct mt_vf *vf = &pk->vf[s];

		ASSERT_EQ(vf->port_state, MT_SPS_UNKNOWN);
		ASSERT_TRUE(!vf->guid_known && !vf->has_guid && !vf->admin_known);
		ASSERT_EQ(vf->guid_pending, -1);
		ASSERT_EQ(vf->guid_retry, -1);
	}
	return true;
}

/* The table as the module prints it; anything else is not taken at all. */
static bool test_guids_parse(void)
{
	static const char *const bad[] = {
		/* a column missing */
		"slave admin_guid guid state pending\n1 0x1 0x1 up no\n",
		"slave guid state pending retry\n1 0x1 up no 0\n",
		/* a short row */
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no\n",
		"slave admin_guid guid state pending retry\n1\n",
		/* states, pending, retries that are none */
		"slave admin_guid guid state pending retry\n1 0x1 0x1 sideways no 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 UP no 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up maybe 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no -1\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no 4s\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no 0x4\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no 99999999999\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no 4294967296\n",
		/* GUIDs: 0x and at most 16 hex digits, or "-" for the assigned one */
		"slave admin_guid guid state pending retry\n1 0x00000000000000001 - up no 0\n",
		"slave admin_guid guid state pending retry\n1 1234 - up no 0\n",
		"slave admin_guid guid state pending retry\n1 0x - up no 0\n",
		"slave admin_guid guid state pending retry\n1 0xzz - up no 0\n",
		"slave admin_guid guid state pending retry\n1 -0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\n1 - - up no 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 -- up no 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 0x1g up no 0\n",
		/* slaves: 1..vfs, each once */
		"slave admin_guid guid state pending retry\n0 0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\n4 0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\n99 0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\n-1 0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\nx 0x1 - up no 0\n",
		"slave admin_guid guid state pending retry\n1 0x1 - up no 0\n1 0x1 - up no 0\n",
		/* one bad row spoils the good ones */
		"slave admin_guid guid state pending retry\n1 0x1 0x1 up no 0\n2 0x2 - pending_up yes x\n",
		/* not a table at all */
		"", "\n\n", "\x01\x02\xff \xfe\n\x80\n", "retry\n",
	};
	struct mt_model m;
	struct mt_pkport *pk;
	unsigned int i;

	mt_model_init(&m);
	pk = mt_model_pkport(&m, 20, 1, 1);
	mt_pkport_reset(pk, 32, 4);
	ASSERT_TRUE(guids_unknown(pk));
	/* no file (an older module, a port without VFs): not known, no error */
	ASSERT_EQ(mt_parse_guids(pk, NULL, 1), 0);
	ASSERT_TRUE(guids_unknown(pk));

	ASSERT_EQ(mt_parse_guids(pk, guids_ok, 2), 0);
	ASSERT_EQ(pk->have_guids, 1);
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_UP);
	ASSERT_TRUE(pk->vf[1].guid_known && pk->vf[1].has_guid);
	ASSERT_TRUE(pk->vf[1].guid == 0x0002c90000070101ULL);
	ASSERT_TRUE(pk->vf[1].admin_known && pk->vf[1].admin_guid == 0x0002c90000070101ULL);
	ASSERT_EQ(pk->vf[1].guid_pending, 0);
	ASSERT_EQ(pk->vf[1].guid_retry, 0);
	ASSERT_EQ(pk->vf[2].port_state, MT_SPS_PENDING_UP);
	ASSERT_TRUE(pk->vf[2].guid_known && !pk->vf[2].has_guid);
	ASSERT_TRUE(pk->vf[2].admin_known && pk->vf[2].admin_guid == 0);
	ASSERT_EQ(pk->vf[2].guid_pending, 1);
	ASSERT_EQ(pk->vf[2].guid_retry, 4);
	ASSERT_EQ(pk->vf[3].port_state, MT_SPS_DOWN);
	ASSERT_TRUE(pk->vf[3].admin_guid == 0x0002c90000070301ULL);
	ASSERT_EQ(pk->vf[3].guid_retry, 0);
	/* the master has no row */
	ASSERT_EQ(pk->vf[0].port_state, MT_SPS_UNKNOWN);
	ASSERT_TRUE(pk->vf[2].changed == 2);

	/* why a port is stuck, as far as the table tells */
	{
		char why[160];

		ASSERT_EQ(mt_vf_port_why(&pk->vf[1], why, sizeof(why)), 0);
		ASSERT_STREQ(why, "");
		ASSERT_EQ(mt_vf_port_why(&pk->vf[2], why, sizeof(why)), 1);
		ASSERT_STREQ(why, "alias GUID not assigned (SM chooses it; SA asked again in 4 s)");
		ASSERT_EQ(mt_vf_port_why(&pk->vf[3], why, sizeof(why)), 0);
		pk->vf[3].port_state = MT_SPS_PENDING_UP;
		ASSERT_EQ(mt_vf_port_why(&pk->vf[3], why, sizeof(why)), 1);
		ASSERT_STREQ(why, "alias GUID not assigned (admin GUID 0002:c900:0007:0301; SA still to be asked)");
		pk->vf[3].admin_known = 0;
		pk->vf[3].guid_pending = -1;
		ASSERT_EQ(mt_vf_port_why(&pk->vf[3], why, sizeof(why)), 1);
		ASSERT_STREQ(why, "alias GUID not assigned");
	}

	/* read again unchanged: nothing changed */
	m.now = 3;
	ASSERT_EQ(mt_parse_guids(pk, guids_ok, 3), 0);
	ASSERT_TRUE(pk->vf[1].changed == 2);
	ASSERT_TRUE(pk->vf[3].changed == 3);	/* edited above */

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ASSERT_EQ(mt_parse_guids(pk, guids_ok, 4), 0);
		ASSERT_EQ(pk->have_guids, 1);
		if (mt_parse_guids(pk, bad[i], 5) != -1 || !guids_unknown(pk)) {
			fprintf(stderr, "  taken: %s\n", bad[i]);
			return false;
		}
		/* known before, not now: a change */
		ASSERT_TRUE(pk->vf[1].changed == 5);
	}
	/* bit 63 set, upper-case digits, columns in another order, one more column */
	ASSERT_EQ(mt_parse_guids(pk, "retry pending state guid admin_guid slave extra\n"
				 "7 no pending_up - 0x8002C90000070101 2 x\n"
				 "4294967295 no up 0xffffffffffffffff 0x0 1 y\n", 6), 0);
	ASSERT_TRUE(pk->vf[2].admin_guid == 0x8002c90000070101ULL);
	ASSERT_EQ(pk->vf[2].guid_retry, 7);
	ASSERT_TRUE(pk->vf[1].guid == 0xffffffffffffffffULL);
	ASSERT_EQ(pk->vf[1].guid_retry, 4294967295LL);
	/* a VF the table does not list: not known */
	ASSERT_EQ(pk->vf[3].port_state, MT_SPS_UNKNOWN);
	ASSERT_EQ(pk->vf[3].guid_retry, -1);
	/* the header alone: read, nothing known */
	ASSERT_EQ(mt_parse_guids(pk, "slave admin_guid guid state pending retry\n", 7), 0);
	ASSERT_EQ(pk->have_guids, 1);
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_UNKNOWN);
	/* the file went away */
	ASSERT_EQ(mt_parse_guids(pk, guids_ok, 8), 0);
	ASSERT_EQ(mt_parse_guids(pk, NULL, 9), 0);
	ASSERT_TRUE(guids_unknown(pk));
	ASSERT_TRUE(pk->vf[2].changed == 9);
	/* the VF count changed: the table's rows are the new VFs' */
	ASSERT_EQ(mt_parse_guids(pk, guids_ok, 10), 0);
	mt_pkport_reset(pk, 32, 3);
	ASSERT_TRUE(guids_unknown(pk));
	ASSERT_EQ(mt_parse_guids(pk, guids_ok, 11), -1);
	ASSERT_TRUE(guids_unknown(pk));
	mt_model_free(&m);
	return true;
}

/*
 * fixtures/guids: mlxsim20 (IB, 2 ports, 3 VFs); port 1 active with
 * port1/guids: VF1 up (admin GUID assigned), VF2 pending_up (the SM is to
 * choose, the SA asked again in 4 s), VF3 down (not active, admin GUID
 * still to ask for); port 2 has no guids file (as an older module).
 */
static bool test_guids_outputs(void)
{
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_PKEY };
	struct mt_lines ls = { 0 };
	const struct mt_line *l;
	struct mt_pkport *pk;
	struct mt_model m;
	char *buf, *p2;
	const char *p;
	int i;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("guids")), 0);
	pk = mt_model_pkport(&m, 20, 1, 0);
	ASSERT_TRUE(pk && pk->have_guids);
	ASSERT_EQ(pk->vf[2].port_state, MT_SPS_PENDING_UP);
	ASSERT_TRUE(guids_unknown(mt_model_pkport(&m, 20, 2, 0)));

	/* --once: the columns after the others, a note for the stuck VF */
	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, "slave mapped events active last_change map lid_change sm_change client_reregister port_active port_err gid_change guid                port\n"));
	ASSERT_TRUE(strstr(buf, "\n    1      2      1    yes -           1->1          1         1                 1           1        0          1 0002:c900:0007:0101 up\n"));
	ASSERT_TRUE(strstr(buf, "\n    2      1      0    yes -           -          0         0                 0           0        0          0 -                   pending_up\n"));
	ASSERT_TRUE(strstr(buf, "\n    3      1      0     no -           -          0         0                 0           0        0          0 -                   down\n"
			   "VF 2: port pending_up: alias GUID not assigned (SM chooses it; SA asked again in 4 s)\n\n"));
	ASSERT_EQ(strstr(buf, "VF 1:") || strstr(buf, "VF 3:"), 0);
	/* port 2, no table: the columns as before */
	p2 = strstr(buf, "P_KEY dev 20 port 2:");
	ASSERT_TRUE(p2 != NULL);
	ASSERT_TRUE(strstr(p2, "slave mapped events active last_change map lid_change sm_change client_reregister port_active port_err gid_change\n"));
	ASSERT_TRUE(strstr(p2, " guid ") == NULL && strstr(p2, "\nVF ") == NULL);
	free(buf);

	/* --json: null where the table has "-", and without a table */
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, ",31], \"guid\": \"0x0002c90000070101\", \"admin_guid\": \"0x0002c90000070101\", \"port_state\": \"up\", \"guid_pending\": false, \"guid_retry\": 0, \"active\": true, "));
	ASSERT_TRUE(strstr(buf, "\"guid\": null, \"admin_guid\": \"0x0000000000000000\", \"port_state\": \"pending_up\", \"guid_pending\": true, \"guid_retry\": 4, \"active\": true, "));
	ASSERT_TRUE(strstr(buf, "\"guid\": null, \"admin_guid\": \"0x0002c90000070301\", \"port_state\": \"down\", \"guid_pending\": true, \"guid_retry\": 0, \"active\": false, "));
	p = strstr(buf, "{\"dev\": 20, \"port\": 2,");
	ASSERT_TRUE(p != NULL);
	for (i = 0; (p = strstr(p, "\"guid\": null, \"admin_guid\": null, \"port_state\": null, \"guid_pending\": null, \"guid_retry\": null, \"active\": ")); i++)
		p++;
	ASSERT_EQ(i, 3);
	free(buf);

	/* the pane: under each VF its port and GUID; pending_up stands out */
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++)
		ASSERT_TRUE(strlen(ls.l[i].text) <= 80);
	ASSERT_EQ(count_rows(&ls, "      port "), 3);
	ASSERT_TRUE(row_with(&ls, "      port up, guid 0002:c900:0007:0101") != NULL);
	ASSERT_TRUE(row_with(&ls, "      port down, guid -") != NULL);
	l = row_with(&ls, "      port pending_up, guid -: alias GUID not assigned");
	ASSERT_TRUE(l != NULL);
	p = strstr(l->text, "pending_up");
	ASSERT_EQ(l->hl[p - l->text], MT_HL_WARN);
	ASSERT_EQ(l->hl[2], MT_HL_NONE);
	p = strstr(l->text, "alias");
	ASSERT_EQ(l->hl[p - l->text], MT_HL_WARN);
	/* what does not fit goes on the next line, still a warning */
	l = row_with(&ls, "           again in 4 s)");
	ASSERT_TRUE(l != NULL && l->text[11] == 'a');	/* under the state */
	ASSERT_EQ(l->hl[strlen(l->text) - 1], MT_HL_WARN);
	ASSERT_EQ(count_hl(&ls, MT_HL_WARN), 2);
	/* the order under VF 2: its row, its port, its map */
	for (i = 0; i < ls.n && !strstr(ls.l[i].text, "     2 yes"); i++)
		;
	ASSERT_TRUE(i + 2 < ls.n);
	ASSERT_TRUE(strstr(ls.l[i + 1].text, "      port pending_up") == ls.l[i + 1].text);
	ASSERT_TRUE(row_with(&ls, "port: the VF's slave port state; pending_up: no alias GUID") != NULL);
	/* wide: the whole reason on one line */
	mt_render(&ls, &m, &v, 120);
	ASSERT_TRUE(row_with(&ls, "      port pending_up, guid -: alias GUID not assigned (SM chooses it; SA asked again in 4 s)") != NULL);
	ASSERT_EQ(count_hl(&ls, MT_HL_WARN), 1);

	/* the SM assigns VF 2 its GUID: up, highlighted as a change, no warning */
	mt_model_settle(&m);
	m.now += 1;
	ASSERT_EQ(mt_parse_guids(pk, "slave admin_guid guid state pending retry\n"
				 "1 0x0002c90000070101 0x0002c90000070101 up no 0\n"
				 "2 0x0000000000000000 0x0002c9fe00000202 up no 0\n"
				 "3 0x0002c90000070301 - down yes 0\n", m.now), 0);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_hl(&ls, MT_HL_WARN), 0);
	l = row_with(&ls, "      port up, guid 0002:c9fe:0000:0202");
	ASSERT_TRUE(l != NULL);
	ASSERT_EQ(l->hl[6], MT_HL_CHANGED);
	ASSERT_EQ(l[-1].hl[2], MT_HL_CHANGED);	/* and its row */
	ASSERT_EQ(row_with(&ls, "      port up, guid 0002:c900:0007:0101")->hl[6], MT_HL_NONE);
	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, "VF 2:") == NULL);
	free(buf);

	/* the older tables: no port lines, no legend, JSON null */
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "      port "), 0);
	ASSERT_EQ(count_rows(&ls, "slave port state"), 0);
	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, "active last_change map\n") && strstr(buf, "pending_up") == NULL);
	free(buf);
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, "], \"guid\": null, \"admin_guid\": null, \"port_state\": null, \"guid_pending\": null, \"guid_retry\": null, \"active\": "));
	ASSERT_TRUE(strstr(buf, "\"port_state\": \"") == NULL);
	free(buf);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/*
 * Replay: a VF's port state from mlxsim_slave_port_state, its GUID from
 * mlxsim_guid_assign (accepted by the SM, or found in GUIDInfo); what
 * the admin asked for and the retries only the table knows.
 */
static bool test_replay_guids(void)
{
	struct mt_model m;
	struct mt_pkport *pk;
	double t = 0;
	char *buf;

	mt_model_init(&m);
	EV("pkey_map", "fn=10", "port=1", "slave=3", "index=32", "old=0", "new=31", "cause=0");
	EV("fn_add", "id=10", "guid=0xa", "role=0", "type=0", "link=1", "native_port=1", "ports=1", "vfs=3");
	pk = mt_model_pkport(&m, 10, 1, 0);
	ASSERT_TRUE(pk != NULL);
	ASSERT_TRUE(guids_unknown(pk));
	/* the PF port comes up: VF 1 waits for its GUID */
	EV("slave_port_state", "fn=10", "port=1", "slave=1", "old=0", "new=1", "event=0");
	ASSERT_EQ(pk->have_guids, 1);
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_PENDING_UP);
	ASSERT_TRUE(pk->vf[1].changed == t);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text,
			   "slave_port_state fn=10 port=1 slave=1 old=down new=pending_up event=port_up"));
	/* asked, declined, failed, port down: no GUID yet */
	EV("guid_assign", "fn=10", "port=1", "slave=1", "method=0", "result=0", "guid=0x0002c90000070101", "retry=0");
	EV("guid_assign", "fn=10", "port=1", "slave=1", "method=0", "result=2", "guid=0x0002c90000070101", "retry=1");
	EV("guid_assign", "fn=10", "port=1", "slave=1", "method=0", "result=3", "guid=0", "retry=2");
	EV("guid_assign", "fn=10", "port=1", "slave=1", "method=0", "result=4", "guid=0", "retry=0");
	ASSERT_TRUE(!pk->vf[1].guid_known);
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 2)->text,
			   "guid_assign fn=10 port=1 slave=1 method=set result=declined guid=0x0002c90000070101 retry=1"));
	/* accepted: the SM's GUID; then the GID is valid: up */
	EV("guid_assign", "fn=10", "port=1", "slave=1", "method=0", "result=1", "guid=0x0002c9fe00000101", "retry=0");
	ASSERT_TRUE(pk->vf[1].guid_known && pk->vf[1].has_guid);
	ASSERT_TRUE(pk->vf[1].guid == 0x0002c9fe00000101ULL);
	EV("slave_port_state", "fn=10", "port=1", "slave=1", "old=1", "new=2", "event=2");
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_UP);
	/* found by the snoop in GUIDInfo (bit 63 set) */
	{
		struct mt_ev e = mkev("guid_assign", ++t, NULL, "fn", 10LL, "port", 1LL,
				      "slave", 2LL, "method", 0LL, "result", 5LL, "guid",
				      (long long)0x8002c90000070201ULL, "retry", 0LL, NULL);

		mt_model_event(&m, &e, 1);
	}
	ASSERT_TRUE(strstr(mt_model_log_at(&m, 0)->text, " result=cached guid=0x8002c90000070201 retry=0"));
	ASSERT_TRUE(pk->vf[2].has_guid && pk->vf[2].guid == 0x8002c90000070201ULL);
	ASSERT_EQ(pk->vf[2].port_state, MT_SPS_UNKNOWN);
	/* a deletion accepted: none */
	EV("guid_assign", "fn=10", "port=1", "slave=3", "method=0", "result=1", "guid=0x0002c90000070301", "retry=0");
	EV("guid_assign", "fn=10", "port=1", "slave=3", "method=1", "result=1", "guid=0xffffffffffffffff", "retry=0");
	ASSERT_TRUE(pk->vf[3].guid_known && !pk->vf[3].has_guid);
	EV("slave_port_state", "fn=10", "port=1", "slave=3", "old=0", "new=1", "event=0");
	/* not ours: no such VF, port or device; a state with no name */
	EV("slave_port_state", "fn=10", "port=1", "slave=4", "old=0", "new=2", "event=0");
	EV("slave_port_state", "fn=10", "port=1", "slave=0", "old=0", "new=2", "event=0");
	EV("slave_port_state", "fn=10", "port=2", "slave=1", "old=0", "new=2", "event=0");
	EV("guid_assign", "fn=11", "port=1", "slave=1", "method=0", "result=1", "guid=0x1", "retry=0");
	EV("slave_port_state", "fn=10", "port=1", "slave=2", "old=0", "new=9", "event=0");
	ASSERT_EQ(pk->vf[2].port_state, MT_SPS_UNKNOWN);
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_UP);
	ASSERT_TRUE(pk->vf[1].guid == 0x0002c9fe00000101ULL);

	buf = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(buf, " guid                port\n"));
	ASSERT_TRUE(strstr(buf, " 0002:c9fe:0000:0101 up\n"));
	ASSERT_TRUE(strstr(buf, " 8002:c900:0007:0201 -\n"));
	ASSERT_TRUE(strstr(buf, " -                   pending_up\nVF 3: port pending_up: alias GUID not assigned\n"));
	free(buf);
	buf = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(buf, "\"guid\": \"0x0002c9fe00000101\", \"admin_guid\": null, \"port_state\": \"up\", \"guid_pending\": null, \"guid_retry\": null, \"active\": null, "));
	ASSERT_TRUE(strstr(buf, "\"guid\": \"0x8002c90000070201\", \"admin_guid\": null, \"port_state\": null, "));
	ASSERT_TRUE(strstr(buf, "\"guid\": null, \"admin_guid\": null, \"port_state\": \"pending_up\", "));
	free(buf);
	mt_model_free(&m);

	/* live: the tables say it, the events are only counted and logged */
	mt_model_init(&m);
	EV("pkey_map", "fn=10", "port=1", "slave=3", "index=32", "old=0", "new=31", "cause=0");
	pk = mt_model_pkport(&m, 10, 1, 0);
	{
		struct mt_ev e = { .name = "slave_port_state", .ts = ++t };

		set_fields(&e, "fn=10, port=1, slave=1, old=0, new=2, event=0");
		mt_model_event(&m, &e, 0);
	}
	ASSERT_EQ(pk->vf[1].port_state, MT_SPS_UNKNOWN);
	ASSERT_EQ(pk->have_guids, 0);
	ASSERT_EQ(m.ev[m.nev - 1].count, 1);
	mt_model_free(&m);
	return true;
}

/* --- in-kernel histograms: parsing, commands, a fake tracefs -------- */

static char *read_all(const char *path)
{
	static char buf[16384];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static bool put(const char *dir, const char *rel, const char *text)
{
	char path[1024], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f)
		return false;
	fputs(text, f);
	fclose(f);
	return true;
}

static const char *in(const char *dir, const char *rel)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return read_all(path);
}

/* hist files as the 6.1 kernel printed them in the VM (fixtures/khist) */
static bool test_khist_parse(void)
{
	struct mt_khist h;
	char path[512];
	int lo, hi;

	memset(&h, 0, sizeof(h));
	snprintf(path, sizeof(path), "%s", fixture("khist/unbind_wait.hist"));
	ASSERT_EQ(mt_kh_parse(read_all(path), &h), 1);
	ASSERT_EQ(h.hits[31], 1);
	ASSERT_EQ(h.sum[31], 1110667540ULL);
	ASSERT_EQ(mt_kh_count(&h), 1);
	ASSERT_EQ(mt_kh_span(&h, &lo, &hi), 31);
	ASSERT_EQ(hi, 31);
	snprintf(path, sizeof(path), "%s", fixture("khist/snoop_vf.hist"));
	ASSERT_EQ(mt_kh_parse(read_all(path), &h), 2);
	ASSERT_EQ(h.hits[22], 1);
	ASSERT_EQ(h.hits[18], 2);
	ASSERT_EQ(h.hits[31], 0);
	ASSERT_EQ(mt_kh_count(&h), 3);
	ASSERT_EQ(mt_kh_total_ns(&h), 2671488ULL + 383180ULL);
	ASSERT_EQ(h.dropped, 0);
	/* r: from 0 again, then what came since */
	mt_kh_reset(&h);
	ASSERT_EQ(mt_kh_count(&h), 0);
	ASSERT_EQ(mt_kh_span(&h, &lo, &hi), -1);
	ASSERT_EQ(mt_kh_parse("{ lat: ~ 2^18 } hitcount:          5  lat:     900000\n"
			      "{ lat: ~ 2^22 } hitcount:          1  lat:    2671488\n"
			      "\nTotals:\n    Hits: 6\n    Entries: 2\n    Dropped: 4\n", &h), 2);
	ASSERT_EQ(mt_kh_count(&h), 3);
	ASSERT_EQ(mt_kh_bucket(&h, 18), 3);
	ASSERT_EQ(mt_kh_total_ns(&h), 900000 - 383180);
	ASSERT_EQ(h.dropped, 4);
	/* not a histogram; a line that is not a log2 key */
	ASSERT_EQ(mt_kh_parse("nothing here\n", &h), -1);
	ASSERT_EQ(mt_kh_parse(NULL, &h), -1);
	ASSERT_EQ(mt_kh_parse("{ fn: 10, port: 1 } hitcount: 3\n", &h), 0);
	return true;
}

static bool test_khist_fmt(void)
{
	char b[16];

	ASSERT_STREQ(mt_kh_fmt_ns(1, b, sizeof(b)), "1ns");
	ASSERT_STREQ(mt_kh_fmt_ns(512, b, sizeof(b)), "512ns");
	ASSERT_STREQ(mt_kh_fmt_ns(999, b, sizeof(b)), "999ns");
	ASSERT_STREQ(mt_kh_fmt_ns(1024, b, sizeof(b)), "1.0us");
	ASSERT_STREQ(mt_kh_fmt_ns(16384, b, sizeof(b)), "16us");
	ASSERT_STREQ(mt_kh_fmt_ns(1048576, b, sizeof(b)), "1.0ms");
	ASSERT_STREQ(mt_kh_fmt_ns(2147483648.0, b, sizeof(b)), "2.1s");
	ASSERT_STREQ(mt_kh_fmt_ns(68719476736.0, b, sizeof(b)), "69s");
	return true;
}

/*
 * The commands, in the order the kernel needs: synthetic events before
 * the triggers that use them, the anchor's variables before the P_Key
 * event's references to them; the variables named in full (two
 * onmatch() on one event); VF events only (target==1).
 */
static bool test_khist_commands(void)
{
	struct mt_kh_cmd c[8];
	int n = mt_kh_commands(123, "mlxtop_123", c, 8);

	ASSERT_EQ(n, 7);
	ASSERT_STREQ(c[0].file, "synthetic_events");
	ASSERT_STREQ(c[0].text, "mlxtop_123_snoop u32 fn; u8 port; u64 ts0; u8 left");
	ASSERT_STREQ(c[1].text, "mlxtop_123_vf_lat u32 fn; u8 port; u8 slave; u64 lat");
	ASSERT_STREQ(c[2].file, "instances/mlxtop_123/events/synthetic/mlxtop_123_vf_lat/trigger");
	ASSERT_STREQ(c[2].text, "hist:keys=lat.log2:vals=hitcount,lat");
	ASSERT_STREQ(c[3].file, "instances/mlxtop_123/events/synthetic/mlxtop_123_snoop/trigger");
	ASSERT_STREQ(c[3].text, "hist:keys=fn,port:t0=ts0:n0=left if left>0");
	ASSERT_STREQ(c[4].file, "instances/mlxtop_123/events/mlxsim/mlxsim_smp_snoop/trigger");
	ASSERT_TRUE(strstr(c[4].text, "onmatch(mlxsim.mlxsim_smp_snoop).trace(mlxtop_123_snoop,fn,port,$ts,$sl)"));
	ASSERT_STREQ(c[5].file, "instances/mlxtop_123/events/mlxsim/mlxsim_pkey_event/trigger");
	ASSERT_TRUE(strstr(c[5].text, "lat=common_timestamp-synthetic.mlxtop_123_snoop.$t0"));
	ASSERT_TRUE(strstr(c[5].text, ".trace(mlxtop_123_vf_lat,fn,port,slave,$lat)"));
	ASSERT_TRUE(strstr(c[5].text, ".trace(mlxtop_123_snoop,fn,port,$t0,$n1) if target==1"));
	ASSERT_STREQ(c[6].file, "instances/mlxtop_123/events/mlxsim/mlxsim_mp_unbind/trigger");
	ASSERT_STREQ(c[6].text, "hist:keys=wait_ns.log2:vals=hitcount,wait_ns if waited>0");
	ASSERT_EQ(c[6].kind, MT_KH_UNBIND_WAIT);
	ASSERT_EQ(c[0].kind, MT_KH_SNOOP_VF);
	return true;
}

#define KI "instances/mlxtop_123/events/"

/* A tracing directory of plain files, as much of tracefs as mlxtop uses. */
static bool fake_tracefs(char *dir, size_t n, int hist, int synth, int wait_ns)
{
	static const char *const trig[] = {
		KI "mlxsim/mlxsim_mp_unbind/", KI "mlxsim/mlxsim_smp_snoop/",
		KI "mlxsim/mlxsim_pkey_event/", KI "synthetic/mlxtop_123_snoop/",
		KI "synthetic/mlxtop_123_vf_lat/",
	};
	char rel[256];
	unsigned int i;

	snprintf(dir, n, "/tmp/mlxtop-khist-XXXXXX");
	if (!mkdtemp(dir))
		return false;
	for (i = 0; i < sizeof(trig) / sizeof(trig[0]); i++) {
		snprintf(rel, sizeof(rel), "%strigger", trig[i]);
		put(dir, rel, "");
		snprintf(rel, sizeof(rel), "%shist", trig[i]);
		if (hist)
			put(dir, rel, "# event histogram\n#\n\nTotals:\n    Hits: 0\n    Entries: 0\n    Dropped: 0\n");
	}
	put(dir, KI "mlxsim/mlxsim_mp_unbind/format", wait_ns ?
	    "\tfield:u64 guid;\toffset:8;\tsize:8;\tsigned:0;\n\tfield:u64 wait_ns;\toffset:16;\tsize:8;\tsigned:0;\n" :
	    "\tfield:u64 guid;\toffset:8;\tsize:8;\tsigned:0;\n");
	put(dir, KI "mlxsim/mlxsim_smp_snoop/format", "\tfield:u8 slaves;\toffset:19;\tsize:1;\tsigned:0;\n");
	put(dir, KI "mlxsim/mlxsim_pkey_event/format", "\tfield:u8 target;\toffset:22;\tsize:1;\tsigned:0;\n");
	put(dir, "instances/mlxtop_123/error_log", "");
	put(dir, "error_log", "");
	if (synth)
		put(dir, "synthetic_events", "someone_elses u64 x\n");
	return true;
}

static void rm_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "  could not remove %s\n", dir);
}

static bool test_khist_install(void)
{
	struct mt_khist kh[MT_KH_NUM];
	struct mt_kh_cmd c[8];
	char dir[64], want[2048];
	bool ok = false;
	int i;

	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 1, 1, 1));
	mt_kh_commands(123, "mlxtop_123", c, 8);
	if (mt_kh_install(dir, "mlxtop_123", 123, kh) != 2)
		goto out;
	if (!kh[0].avail || !kh[1].avail || !strstr(kh[1].note, "mlxtop_123"))
		goto out;
	/* appended, one command each; what was in synthetic_events stays */
	snprintf(want, sizeof(want), "someone_elses u64 x\n%s%s", c[0].text, c[1].text);
	if (strcmp(in(dir, "synthetic_events"), want))
		goto out;
	for (i = 2; i < 7; i++)
		if (strcmp(in(dir, c[i].file), c[i].text)) {
			fprintf(stderr, "  %s: '%s'\n", c[i].file, in(dir, c[i].file));
			goto out;
		}
	/* the kernel counts: read back */
	put(dir, KI "mlxsim/mlxsim_mp_unbind/hist", read_all(fixture("khist/unbind_wait.hist")));
	put(dir, KI "synthetic/mlxtop_123_vf_lat/hist", read_all(fixture("khist/snoop_vf.hist")));
	mt_kh_read(dir, "mlxtop_123", 123, kh);
	if (mt_kh_count(&kh[MT_KH_UNBIND_WAIT]) != 1 || mt_kh_count(&kh[MT_KH_SNOOP_VF]) != 3)
		goto out;
	/* removal: each trigger taken back with "!", the events deleted */
	mt_kh_remove(dir, "mlxtop_123", 123);
	for (i = 2; i < 7; i++) {
		snprintf(want, sizeof(want), "%s!%s", c[i].text, c[i].text);
		if (strcmp(in(dir, c[i].file), want)) {
			fprintf(stderr, "  %s: '%s'\n", c[i].file, in(dir, c[i].file));
			goto out;
		}
	}
	snprintf(want, sizeof(want), "someone_elses u64 x\n%s%s!mlxtop_123_vf_lat!mlxtop_123_snoop",
		 c[0].text, c[1].text);
	if (strcmp(in(dir, "synthetic_events"), want)) {
		fprintf(stderr, "  synthetic_events: '%s'\n", in(dir, "synthetic_events"));
		goto out;
	}
	ok = true;
out:
	rm_tree(dir);
	return ok;
}

/* What is missing is said, and nothing is written. */
static bool test_khist_missing(void)
{
	struct mt_khist kh[MT_KH_NUM];
	char dir[64];
	bool ok = false;

	/* a kernel without CONFIG_HIST_TRIGGERS: no hist files */
	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 0, 1, 1));
	if (mt_kh_install(dir, "mlxtop_123", 123, kh) != 0 || kh[0].avail || kh[1].avail ||
	    !strstr(kh[0].note, "CONFIG_HIST_TRIGGERS") || !strstr(kh[1].note, "CONFIG_HIST_TRIGGERS") ||
	    strcmp(in(dir, "synthetic_events"), "someone_elses u64 x\n") ||
	    strcmp(in(dir, KI "mlxsim/mlxsim_mp_unbind/trigger"), ""))
		goto out;
	rm_tree(dir);
	/* hist triggers but no synthetic events; an older module (no wait_ns) */
	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 1, 0, 0));
	if (mt_kh_install(dir, "mlxtop_123", 123, kh) != 0 || kh[0].avail || kh[1].avail ||
	    !strstr(kh[0].note, "no wait_ns") || !strstr(kh[1].note, "CONFIG_SYNTH_EVENTS") ||
	    strcmp(in(dir, KI "mlxsim/mlxsim_pkey_event/trigger"), ""))
		goto out;
	rm_tree(dir);
	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 1, 0, 1));
	if (mt_kh_install(dir, "mlxtop_123", 123, kh) != 1 || !kh[0].avail || kh[1].avail)
		goto out;
	ok = true;
out:
	rm_tree(dir);
	return ok;
}

/* A command the kernel refuses: the ones before it are taken back. */
static bool test_khist_rollback(void)
{
	struct mt_khist kh[MT_KH_NUM];
	struct mt_kh_cmd c[8];
	char dir[64], path[256], want[1024];
	bool ok = false;

	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 1, 1, 1));
	mt_kh_commands(123, "mlxtop_123", c, 8);
	/* the P_Key event's trigger cannot be written (a directory) */
	snprintf(path, sizeof(path), "%s/%s", dir, c[5].file);
	unlink(path);
	mkdir(path, 0755);
	if (mt_kh_install(dir, "mlxtop_123", 123, kh) != 1 || !kh[MT_KH_UNBIND_WAIT].avail ||
	    kh[MT_KH_SNOOP_VF].avail)
		goto out;
	if (!strstr(kh[MT_KH_SNOOP_VF].note, "cannot install (mlxsim_pkey_event)")) {
		fprintf(stderr, "  note: %s\n", kh[MT_KH_SNOOP_VF].note);
		goto out;
	}
	snprintf(want, sizeof(want), "%s!%s", c[4].text, c[4].text);
	if (strcmp(in(dir, c[4].file), want))
		goto out;
	snprintf(want, sizeof(want), "%s!%s", c[2].text, c[2].text);
	if (strcmp(in(dir, c[2].file), want))
		goto out;
	if (!strstr(in(dir, "synthetic_events"), "!mlxtop_123_vf_lat!mlxtop_123_snoop"))
		goto out;
	ok = true;
out:
	rm_tree(dir);
	return ok;
}

/* Synthetic events of an mlxtop killed with SIGKILL go; a live one's stay. */
static bool test_khist_stale(void)
{
	char dir[64], text[256];
	bool ok;

	ASSERT_TRUE(fake_tracefs(dir, sizeof(dir), 1, 0, 1));
	snprintf(text, sizeof(text), "mlxtop_999999999_snoop u32 fn\nmlxtop_%d_snoop u32 fn\n",
		 (int)getpid());
	put(dir, "synthetic_events", text);
	mt_kh_remove_stale(dir);
	ok = !strcmp(in(dir, "synthetic_events") + strlen(text), "!mlxtop_999999999_snoop");
	rm_tree(dir);
	return ok;
}

/* The panes, --json and --once show them, or say why not. */
static bool test_khist_outputs(void)
{
	struct mt_view v = { .highlight_s = 3, .pane = MT_PANE_MULTIPORT };
	struct mt_lines ls = { 0 };
	struct mt_model m;
	char *out;
	int i;

	mt_model_init(&m);
	ASSERT_EQ(mt_debugfs_poll(&m, fixture("topo")), 0);
	m.now = 100;
	/* a snapshot: not installed, not shown in the panes, null in --json */
	mt_model_khist_note(&m, "not installed: a snapshot");
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "Unbind waits"), 0);
	out = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(out, "\"histograms\": {\n    \"unbind_wait_ns\": null,\n    \"snoop_to_vf_ns\": null,\n"
			   "    \"note\": {\"unbind_wait_ns\": \"not installed: a snapshot\""));
	free(out);
	out = render_text(&m, mt_out_text);
	ASSERT_TRUE(!strstr(out, "HISTOGRAMS"));
	free(out);

	/* tried, the kernel has none: said in the panes */
	m.khist_tried = 1;
	mt_model_khist_note(&m, "the kernel has no hist triggers (CONFIG_HIST_TRIGGERS is not set)");
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "Unbind waits for native-port references: no in-kernel histogram (the kernel has no hist triggers"), 1);

	/* installed, counted */
	m.khist[MT_KH_UNBIND_WAIT].avail = 1;
	m.khist[MT_KH_SNOOP_VF].avail = 1;
	ASSERT_EQ(mt_kh_parse(read_all(fixture("khist/unbind_wait.hist")), &m.khist[MT_KH_UNBIND_WAIT]), 1);
	ASSERT_EQ(mt_kh_parse(read_all(fixture("khist/snoop_vf.hist")), &m.khist[MT_KH_SNOOP_VF]), 2);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "Unbind waits for native-port references: 1, mean 1.1s"), 1);
	ASSERT_EQ(count_rows(&ls, "     <=2.1s        1 "), 1);
	for (i = 0; i < ls.n; i++)
		ASSERT_TRUE(strlen(ls.l[i].text) <= 80);
	mt_render(&ls, &m, &v, 120);
	ASSERT_EQ(count_rows(&ls, "references: 1, mean 1.1s (in-kernel histogram, log2 buckets)"), 1);
	v.pane = MT_PANE_PKEY;
	mt_render(&ls, &m, &v, 80);
	for (i = 0; i < ls.n; i++)
		ASSERT_TRUE(strlen(ls.l[i].text) <= 80);
	ASSERT_EQ(count_rows(&ls, "Snoop to VF P_Key event latency: 3, mean 1.0ms"), 1);
	/* 2^18 .. 2^22: every bucket between, the empty ones too */
	ASSERT_EQ(count_rows(&ls, "    <=262us        2 ################################################################"), 0);
	ASSERT_EQ(count_rows(&ls, "    <=262us        2 #"), 1);
	ASSERT_EQ(count_rows(&ls, "    <=524us        0"), 1);
	ASSERT_EQ(count_rows(&ls, "    <=4.2ms        1 #"), 1);
	out = render_text(&m, mt_out_json);
	ASSERT_TRUE(strstr(out, "\"unbind_wait_ns\": {\"count\": 1, \"sum_ns\": 1110667540, \"dropped\": 0, "
			   "\"buckets\": [{\"log2\": 31, \"le_ns\": 2147483648, \"count\": 1}]}"));
	ASSERT_TRUE(strstr(out, "\"snoop_to_vf_ns\": {\"count\": 3, \"sum_ns\": 3054668, \"dropped\": 0, "
			   "\"buckets\": [{\"log2\": 18, \"le_ns\": 262144, \"count\": 2}, {\"log2\": 22, \"le_ns\": 4194304, \"count\": 1}]}"));
	free(out);
	out = render_text(&m, mt_out_text);
	ASSERT_TRUE(strstr(out, "\nHISTOGRAMS (in-kernel"));
	ASSERT_TRUE(strstr(out, "\nunbind_wait_ns: 1, sum 1110667540 ns\n"));
	ASSERT_TRUE(strstr(out, "\n    18               262144          2\n"));
	free(out);
	/* r: counted again from 0 */
	mt_model_reset_rates(&m);
	mt_render(&ls, &m, &v, 80);
	ASSERT_EQ(count_rows(&ls, "Snoop to VF P_Key event latency: none yet"), 1);
	mt_lines_free(&ls);
	mt_model_free(&m);
	return true;
}

/* An unbind that found no references out has no wait slice. */
static bool test_perfetto_no_wait(void)
{
	static struct mt_pf pf;
	static struct pf_rec r[64];
	struct mt_ev ev = mkev("mp_unbind", 2.0, "mlxsim_mp_unbind: slave=2", "slave", 2LL,
			       "master", 1LL, "port", 2LL, "waited", 0LL, "roce_users", 0LL,
			       "wait_ns", 4200LL, NULL);
	char path[512];
	int i, n;

	snprintf(path, sizeof(path), "%s.nowait", pf_out);
	ASSERT_EQ(mt_pf_open(&pf, path), 0);
	mt_pf_event(&pf, &ev);
	ASSERT_EQ(mt_pf_close(&pf), 0);
	n = pf_decode(path, r, 64);
	remove(path);
	ASSERT_TRUE(n > 0);
	ASSERT_TRUE(pf_find_track(r, n, MT_PF_WAIT(1, 2)) == NULL);
	for (i = 0; i < n; i++)
		ASSERT_TRUE(r[i].is_track || r[i].type != 1);
	/* roce_en still follows it */
	ASSERT_TRUE(pf_find_track(r, n, MT_PF_ROCE(2)) != NULL);
	return true;
}

static const struct {
	const char *name;
	bool (*fn)(void);
} tests[] = {
#define T(f) { #f, f }
	T(test_table_basic), T(test_table_junk), T(test_kv),
	T(test_poll_topo), T(test_derive_without_multiport),
	T(test_replay_multiport), T(test_replay_pkey),
	T(test_format_and_rates), T(test_log_ring), T(test_panes),
	T(test_sparkline), T(test_keys), T(test_json_shape),
	T(test_vm_fixture), T(test_ib_view), T(test_interval_ladder),
	T(test_first_frame_calm), T(test_reset_counters), T(test_perfetto),
	T(test_filtered_headings), T(test_log_trace_time), T(test_pkey_pane), T(test_replay_ib_view),
	T(test_poll_ib), T(test_sma_parse), T(test_sma_pane), T(test_sma_outputs),
	T(test_replay_sma), T(test_perfetto_sma),
	T(test_guids_parse), T(test_guids_outputs), T(test_replay_guids),
	T(test_khist_parse), T(test_khist_fmt), T(test_khist_commands),
	T(test_khist_install), T(test_khist_missing), T(test_khist_rollback),
	T(test_khist_stale), T(test_khist_outputs), T(test_perfetto_no_wait),
};

int main(int argc, char **argv)
{
	unsigned int i, pass = 0, fail = 0;

	fixtures = argc > 1 ? argv[1] : "fixtures";
	pf_out = argc > 2 ? argv[2] : "/tmp/mlxtop_test.pftrace";
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		bool ok = tests[i].fn();

		printf("%s %u - %s\n", ok ? "ok" : "not ok", i + 1, tests[i].name);
		if (ok)
			pass++;
		else
			fail++;
	}
	printf("unit: %u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
