// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware's SMA and PMA (logic/sma.c, pma.c, mad.c), as a
 * program: SMPs and PMA MADs (raw 256 bytes, or built from a Get of the
 * attribute and mutated, as an SM reads, modifies and writes), the cable,
 * SET_PORT's capability mask and the wire's counting.  After every step:
 *
 * - the status is the one the IBA rules give, computed here another way
 *   (PortInfo's SET validity included); the response is the request with
 *   GetResp, its status and (DR) D bit, paths and header unchanged;
 * - nothing changes on a non-zero status or a Get; a discard changes the
 *   M_Key violation counter only; chg says exactly what a SET or the
 *   cable did, and nothing otherwise;
 * - the port state moves along legal transitions only, LinkUp iff the
 *   state is INIT or above; the reserved P_Key entry stays 0;
 * - a SET's GetResp is what a Get answers afterwards;
 * - PMA counters saturate, never wrap: 32-bit fields show min(counter,
 *   max), the 64-bit counters only grow by what was counted, up to ~0;
 *   a PMA SET clears exactly the CounterSelect bits.
 *
 * Input: ports, pkeys, vfs, preload; then steps (first byte: kind).
 */
#include "mlxsim/sma.h"
#include "fuzz.h"

#define DATA MLXSIM_SMP_DATA_OFF
#define BAD (-2)	/* not a status: a broken answer */

static struct mlxsim_sma sma, before;
static u8 in[MLXSIM_MAD_BYTES], out[MLXSIM_MAD_BYTES];
static u8 scratch[MLXSIM_MAD_BYTES];

static u64 be(const u8 *p, int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void wr(u8 *p, u64 v, int n)
{
	while (n--) {
		p[n] = v;
		v >>= 8;
	}
}

static bool port_ok(u32 port)
{
	return port >= 1 && port <= sma.ports;
}

/* PortInfo SET validity, field by field from IBA 14.2.5.6 and 7.2. */
static FZ_NOCOV bool port_info_set_ok(const struct mlxsim_sma_port *p,
				      const u8 *d)
{
	bool linked = p->phys_state == MLXSIM_IB_PHYS_LINK_UP;
	u8 width = d[29], speed = d[35] & 0xf, req = d[32] & 0xf;

	if (be(d + 16, 2) >= 0xc000 || be(d + 18, 2) >= 0xc000)
		return false;
	if (width != 0 && width != 0xff && width != 1 && width != 2 &&
	    width != 3)
		return false;
	if (speed > 7 && speed != 0xf)
		return false;
	if ((d[33] >> 4) != 0 && (d[33] >> 4) != 2)
		return false;
	if ((d[33] & 0xf) > 2)
		return false;
	if ((d[36] >> 4) < 1 || (d[36] >> 4) > 5 || (d[43] >> 4) > 4)
		return false;
	switch (req) {
	case 0:
	case 1:
		return true;
	case 2:
		return p->state == 2;
	case 3:
		return linked && (p->state == 2 || p->state == 3);
	case 4:
		return linked && (p->state == 3 || p->state == 4);
	}
	return false;
}

/*
 * The answer the IBA owes @m on @port, from the state before it ran
 * (@before): a status, or -1 for a discard (TrapRepress, M_Key).
 * *@violation: the discard is counted.
 */
static FZ_NOCOV int want_smp(const u8 *m, u32 port, bool *violation)
{
	u8 method = m[3];
	u16 attr = be(m + 16, 2);
	u32 mod = be(m + 20, 4), blocks = before.pkeys.pkeys / 32;
	bool set = method == 2;
	const struct mlxsim_sma_port *p;
	const u8 *d = m + DATA;
	u64 g0;

	*violation = false;
	if (method != 1 && method != 2 && method != 7)
		return 0x0008;
	if (!port_ok(port))
		return method == 7 ? -1 : 0x001c;
	p = &before.port[port - 1];
	if (p->mkey && be(m + 24, 8) != p->mkey &&
	    (method != 1 || p->mkey_protect >= 2)) {
		*violation = true;
		return -1;
	}
	if (method == 7)
		return -1;
	switch (attr) {
	case 0x0010:
	case 0x0011:
		return set ? 0x000c : 0;
	case 0x0014:
		if (mod >= MLXSIM_SMA_GUIDS / MLXSIM_SMA_GUID_BLOCK)
			return 0x001c;
		g0 = be(d, 8) == ~0ULL ? 0 : be(d, 8);
		return set && !mod && g0 != p->guid[0] ? 0x001c : 0;
	case 0x0015:
		if (mod && mod != port)
			return 0x001c;
		return set && !port_info_set_ok(p, d) ? 0x001c : 0;
	case 0x0016:
		if ((mod & 0xffff) >= blocks)
			return 0x001c;
		return set && before.pkeys.reserve_last &&
		       (mod & 0xffff) == blocks - 1 && be(d + 62, 2) ?
		       0x001c : 0;
	case 0x0017:
		return mod ? 0x001c : 0;
	case 0x0018:
		return (mod >> 16) < 1 || (mod >> 16) > 4 ? 0x001c : 0;
	case 0xff90:
		return mod && mod != port ? 0x001c : 0;
	}
	return 0x000c;
}

static FZ_NOCOV int want_pma(const u8 *m, u32 port)
{
	u16 attr = be(m + 16, 2);
	u8 sel = m[DATA + 1];

	if (m[3] != 1 && m[3] != 2)
		return 0x0008;
	if (attr == 0x0001)
		return m[3] == 2 ? 0x000c : 0;
	if (attr != 0x0012 && attr != 0x001d)
		return 0x000c;
	if (!port_ok(port))
		return 0x001c;
	return sel == port || sel == 0xff ? 0 : 0x001c;
}

static FZ_NOCOV int want_status(const u8 *m, u32 port, bool *violation)
{
	*violation = false;
	if (m[0] != 1 || m[2] != 1 ||
	    (m[1] != 0x01 && m[1] != 0x81 && m[1] != 0x04))
		return 0x0004;
	if (m[1] == 0x04)
		return want_pma(m, port);
	return want_smp(m, port, violation);
}

/* Port invariants that hold after every step. */
static FZ_NOCOV void check_ports(void)
{
	const struct mlxsim_sma_port *p;
	u32 i, j;

	for (i = 0; i < sma.ports; i++) {
		p = &sma.port[i];
		FZ_CHECK(p->state >= 1 && p->state <= 4, "state %u", p->state);
		FZ_CHECK(p->phys_state == 2 || p->phys_state == 5,
			 "phys %u", p->phys_state);
		/* IBA 7.2: a port is INIT or above exactly when linked */
		FZ_CHECK((p->phys_state == 5) == (p->state >= 2),
			 "port %u state %u phys %u", i + 1, p->state,
			 p->phys_state);
		FZ_CHECK(p->neighbor_mtu >= 1 && p->neighbor_mtu <= 5 &&
			 p->op_vls >= 1 && p->op_vls <= 4, "mtu/vls");
		FZ_CHECK(p->lid < 0xc000 && p->sm_lid < 0xc000, "lid");
		FZ_CHECK(p->lmc <= 7 && p->mkey_protect <= 3 &&
			 p->sm_sl <= 15 && p->hoq_life <= 31 &&
			 p->vl_stall <= 7 && p->pkey_enforce <= 15 &&
			 p->subnet_timeout <= 31, "field width");
		FZ_CHECK(p->link_width_enabled >= 1 &&
			 p->link_width_enabled <= 3 &&
			 p->link_speed_enabled >= 1 &&
			 p->link_speed_enabled <= 7, "enabled");
		FZ_CHECK(p->link_down_default == 1 || p->link_down_default == 2,
			 "link down default");
		FZ_CHECK((p->cap_mask & ~(MLXSIM_IB_CAP_SM |
					  MLXSIM_IB_CAP_SM_DISABLED)) ==
			 MLXSIM_SMA_BASE_CAP, "cap mask %#x", p->cap_mask);
		FZ_CHECK(p->guid[0] == sma.node_guid + i + 1, "port GUID");
		for (j = 1; j < MLXSIM_SMA_GUIDS; j++)
			FZ_CHECK(p->guid[j] != ~0ULL, "all-ones GUID stored");
		for (j = 0; j < 16; j++)
			FZ_CHECK(p->sl2vl[j] <= 15, "sl2vl");
		for (j = 0; j < 4 * 64; j += 2)
			FZ_CHECK(!(p->vlarb[j / 64][j % 64] & 0xf0),
				 "VLArb reserved nibble");
		if (sma.pkeys.reserve_last)
			FZ_CHECK(!sma.pkeys.pkey[i][sma.pkeys.pkeys - 1],
				 "reserved P_Key entry %u", i + 1);
	}
}

static FZ_NOCOV void check_no_change(const struct mlxsim_sma_change *chg,
				     const char *why)
{
	static const struct mlxsim_sma_change zero;

	FZ_CHECK(!memcmp(chg, &zero, sizeof(zero)), "chg filled: %s", why);
}

static u64 sat(u64 v, u64 max)
{
	return v > max ? max : v;
}

/* Do the 32-bit fields of a PortCounters answer saturate the counters? */
static FZ_NOCOV void check_port_counters(const struct mlxsim_pma_counters *c,
					 const u8 *d)
{
	FZ_CHECK(be(d + 4, 2) == sat(c->symbol_errors, 0xffff), "symbol");
	FZ_CHECK(d[6] == sat(c->link_error_recovery, 0xff), "recovery");
	FZ_CHECK(d[7] == sat(c->link_downed, 0xff), "link downed");
	FZ_CHECK(be(d + 8, 2) == sat(c->rcv_errors, 0xffff), "rcv errors");
	FZ_CHECK(be(d + 14, 2) == sat(c->xmit_discards, 0xffff), "discards");
	FZ_CHECK(be(d + 22, 2) == sat(c->vl15_dropped, 0xffff), "vl15");
	FZ_CHECK(be(d + 24, 4) == sat(c->xmit_data, 0xffffffff), "xmit data");
	FZ_CHECK(be(d + 28, 4) == sat(c->rcv_data, 0xffffffff), "rcv data");
	FZ_CHECK(be(d + 32, 4) == sat(c->xmit_pkts, 0xffffffff), "xmit pkts");
	FZ_CHECK(be(d + 36, 4) == sat(c->rcv_pkts, 0xffffffff), "rcv pkts");
}

static FZ_NOCOV void check_ext_counters(const struct mlxsim_pma_counters *c,
					const u8 *d)
{
	FZ_CHECK(be(d + 8, 8) == c->xmit_data &&
		 be(d + 16, 8) == c->rcv_data &&
		 be(d + 24, 8) == c->xmit_pkts &&
		 be(d + 32, 8) == c->rcv_pkts &&
		 be(d + 40, 8) == c->ucast_xmit_pkts &&
		 be(d + 48, 8) == c->ucast_rcv_pkts &&
		 be(d + 56, 8) == c->mcast_xmit_pkts &&
		 be(d + 64, 8) == c->mcast_rcv_pkts, "extended counters");
}

/* A PMA SET clears exactly what CounterSelect names. */
static FZ_NOCOV void check_cleared(const struct mlxsim_pma_counters *o,
				   const struct mlxsim_pma_counters *c,
				   u16 attr, u16 sel)
{
	bool pc = attr == 0x0012;

	/* bit 16: no such bit in that attribute's CounterSelect */
#define CL(f, pc_bit, ext_bit) \
	FZ_CHECK(c->f == (sel & (1U << (pc ? (pc_bit) : (ext_bit))) ? 0 : \
			  o->f), "clear " #f " sel %#x attr %#x", sel, attr)
	CL(symbol_errors, 0, 16);
	CL(link_error_recovery, 1, 16);
	CL(link_downed, 2, 16);
	CL(rcv_errors, 3, 16);
	CL(xmit_discards, 6, 16);
	CL(vl15_dropped, 11, 16);
	CL(xmit_data, 12, 0);
	CL(rcv_data, 13, 1);
	CL(xmit_pkts, 14, 2);
	CL(rcv_pkts, 15, 3);
	CL(ucast_xmit_pkts, 16, 4);
	CL(ucast_rcv_pkts, 16, 5);
	CL(mcast_xmit_pkts, 16, 6);
	CL(mcast_rcv_pkts, 16, 7);
#undef CL
}

/* Everything but port @port's M_Key violation counter is as before. */
static FZ_NOCOV void check_discard(u32 port, bool violation)
{
	u16 v;

	if (violation) {
		v = before.port[port - 1].mkey_violations;
		FZ_CHECK(sma.port[port - 1].mkey_violations ==
			 (v == 0xffff ? v : v + 1), "violation count");
		before.port[port - 1].mkey_violations =
			sma.port[port - 1].mkey_violations;
	}
	FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "discard changed");
}

/* After a successful SET: a Get now answers what the SET answered. */
static FZ_NOCOV void check_set_answer(u32 port)
{
	struct mlxsim_sma_change chg;
	u8 resp[MLXSIM_MAD_BYTES];

	memcpy(scratch, in, sizeof(scratch));
	scratch[3] = 1;
	wr(scratch + 24, sma.port[port - 1].mkey, 8);
	memcpy(&before, &sma, sizeof(sma));
	FZ_CHECK(mlxsim_sma_exec(&sma, port, scratch, resp, &chg) ==
		 MLXSIM_SMA_REPLY && !mlxsim_sma_status(resp), "get after set");
	FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "get changed");
	check_no_change(&chg, "get");
	FZ_CHECK(!memcmp(resp + DATA, out + DATA, 64), "set answer");
}

static FZ_NOCOV void check_port_set(u32 port,
				    const struct mlxsim_sma_change *chg)
{
	const struct mlxsim_sma_port *o = &before.port[port - 1];
	const struct mlxsim_sma_port *p = &sma.port[port - 1];
	const u8 *d = in + DATA;
	u8 req = d[32] & 0xf, next;

	next = req == 0 ? o->state :
	       req == 1 ? (o->phys_state == 5 ? 2 : 1) : req;
	FZ_CHECK(p->state == next, "state %u req %u -> %u", o->state, req,
		 p->state);
	FZ_CHECK(p->lid == be(d + 16, 2) && p->sm_lid == be(d + 18, 2) &&
		 p->mkey == be(d, 8) && p->sm_sl == (d[36] & 0xf) &&
		 p->lmc == (d[34] & 7) && p->mkey_protect == d[34] >> 6 &&
		 p->mkey_violations == be(d + 44, 2), "stored fields");
	FZ_CHECK(chg->client_rereg == !!(d[51] & 0x80), "client rereg");
	FZ_CHECK(!(out[DATA + 51] & 0x80), "ClientReregister reads 1");
	FZ_CHECK(p->cap_mask == o->cap_mask && p->resp_time == o->resp_time,
		 "read-only fields written");
}

/* A PortInfo Get: the port as it is, the M_Key as protection allows. */
static FZ_NOCOV void check_port_get(u32 port)
{
	const struct mlxsim_sma_port *p = &sma.port[port - 1];
	bool hide = p->mkey && be(in + 24, 8) != p->mkey &&
		    p->mkey_protect == 1;
	const u8 *d = out + DATA;

	FZ_CHECK((d[32] & 0xf) == p->state && d[33] >> 4 == p->phys_state &&
		 be(d + 16, 2) == p->lid && be(d + 18, 2) == p->sm_lid &&
		 be(d + 20, 4) == p->cap_mask && d[28] == port &&
		 !(d[51] & 0x80) && be(d, 8) == (hide ? 0 : p->mkey) &&
		 d[36] >> 4 == p->neighbor_mtu && d[43] >> 4 == p->op_vls &&
		 d[37] >> 4 == 4 && be(d + 44, 2) == p->mkey_violations,
		 "PortInfo get");
}

static FZ_NOCOV void check_mad(u32 port, enum mlxsim_sma_result res,
			       const struct mlxsim_sma_change *chg)
{
	bool violation, smp = in[1] == 0x01 || in[1] == 0x81;
	int want = want_status(in, port, &violation), status;
	const struct mlxsim_pma_counters *c;
	u16 attr = be(in + 16, 2);
	u32 i;

	status = res == MLXSIM_SMA_DISCARD ? -1 : mlxsim_sma_status(out);
	FZ_CHECK(status == want,
		 "status %#x want %#x (class %#x method %#x attr %#x mod %#x port %u)",
		 status, want, in[1], in[3], attr, (u32)be(in + 20, 4), port);
	if (res == MLXSIM_SMA_DISCARD) {
		check_no_change(chg, "discard");
		check_discard(port, violation);
		return;
	}
	/* the request, answered in place */
	FZ_CHECK(!memcmp(out, in, 3) && out[3] == 0x81 &&
		 !memcmp(out + 6, in + 6, DATA - 6), "response header");
	if (smp)
		FZ_CHECK(!memcmp(out + 128, in + 128, 128), "DR paths");
	FZ_CHECK(be(out + 4, 2) == ((in[1] == 0x81 ? be(in + 4, 2) & 0x8000 :
				     0) | status), "status field");
	if (status || in[3] == 1) {
		check_no_change(chg, "refused or get");
		FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "changed");
	}
	if (status == 0x0004 || status == 0x0008) {
		/* no attribute to show */
		for (i = DATA; i < (smp ? 128 : 256); i++)
			FZ_CHECK(!out[i], "data of a refusal %d", i);
		return;
	}
	if (in[1] == 0x04) {
		check_no_change(chg, "PMA");
		if (!port_ok(port) || (attr != 0x0012 && attr != 0x001d))
			return;
		c = &sma.port[port - 1].pma;
		if (attr == 0x0012)
			check_port_counters(c, out + DATA);
		else
			check_ext_counters(c, out + DATA);
		if (!status && in[3] == 2)
			check_cleared(&before.port[port - 1].pma, c, attr,
				      be(in + DATA + 2, 2));
		return;
	}
	if (status || in[3] != 2) {
		if (!status && attr == 0x0015)
			check_port_get(port);
		return;
	}
	/* an accepted SMP SET */
	FZ_CHECK(chg->port == port &&
		 chg->old_state == before.port[port - 1].state &&
		 chg->new_state == sma.port[port - 1].state &&
		 chg->old_lid == before.port[port - 1].lid &&
		 chg->new_lid == sma.port[port - 1].lid &&
		 chg->old_sm_lid == before.port[port - 1].sm_lid &&
		 chg->new_sm_lid == sma.port[port - 1].sm_lid &&
		 chg->old_sm_sl == before.port[port - 1].sm_sl &&
		 chg->new_sm_sl == sma.port[port - 1].sm_sl, "chg of a SET");
	for (i = 0; i < sma.ports; i++)
		if (i != port - 1)
			FZ_CHECK(!memcmp(&sma.port[i], &before.port[i],
					 sizeof(sma.port[i])), "other port");
	FZ_CHECK(!memcmp(&sma.port[port - 1].pma, &before.port[port - 1].pma,
			 sizeof(sma.port[0].pma)), "SMP changed counters");
	if (attr == 0x0015)
		check_port_set(port, chg);
	else
		FZ_CHECK(!chg->client_rereg, "rereg");
	if (attr == 0x0016) {
		u32 b = be(in + 20, 4) & 0xffff, changed = 0;

		for (i = 0; i < 32; i++) {
			FZ_CHECK(sma.pkeys.pkey[port - 1][b * 32 + i] ==
				 be(in + DATA + 2 * i, 2), "pkey stored");
			if (before.pkeys.pkey[port - 1][b * 32 + i] !=
			    sma.pkeys.pkey[port - 1][b * 32 + i])
				changed |= 1U << i;
		}
		FZ_CHECK(chg->pkey_block == b && chg->pkey_changed == changed,
			 "pkey chg");
	} else {
		FZ_CHECK(!chg->pkey_changed && !chg->pkey_block, "pkey chg");
		FZ_CHECK(!memcmp(&sma.pkeys, &before.pkeys, sizeof(sma.pkeys)),
			 "pkeys changed");
	}
	FZ_CHECK(chg->guid_changed ==
		 !!memcmp(sma.port[port - 1].guid, before.port[port - 1].guid,
			  sizeof(sma.port[0].guid)), "guid chg");
	check_set_answer(port);
}

static void one_mad(u32 port)
{
	struct mlxsim_sma_change chg;
	enum mlxsim_sma_result res;

	memcpy(&before, &sma, sizeof(sma));
	memset(&chg, 0x5a, sizeof(chg));
	res = mlxsim_sma_exec(&sma, port, in, out, &chg);
	check_mad(port, res, &chg);
}

static const u16 smp_attrs[] = {
	0x0010, 0x0011, 0x0014, 0x0015, 0x0015, 0x0015, 0x0016, 0x0016,
	0x0017, 0x0018, 0xff90, 0x0020, 0x0019,
};

static const u16 pma_attrs[] = { 0x0001, 0x0012, 0x0012, 0x001d, 0x0010 };

/* An SMP as an SM builds it: a Get's answer, modified, sent back. */
static void build_smp(struct fz *f, u32 port)
{
	u8 method, k, n, cls = fz_below(f, 3) ? 0x01 : 0x81;
	u16 attr = smp_attrs[fz_below(f, ARRAY_SIZE(smp_attrs))];
	u32 mod, sel = fz_below(f, 8);
	u64 key = port_ok(port) ? sma.port[port - 1].mkey : 0;
	struct mlxsim_sma_change chg;

	mod = sel < 4 ? 0 : sel == 4 ? port : sel == 5 ?
	      (u32)fz_below(f, 6) << 16 : sel == 6 ? fz_below(f, 5) :
	      fz_u32(f);
	memset(in, 0, sizeof(in));
	in[0] = 1;
	in[1] = cls;
	in[2] = 1;
	in[3] = 1;
	wr(in + 8, fz_u32(f), 8);
	wr(in + 16, attr, 2);
	wr(in + 20, mod, 4);
	wr(in + 24, key, 8);
	/* the current attribute; a Get with the right key changes nothing */
	memcpy(&before, &sma, sizeof(sma));
	mlxsim_sma_exec(&sma, port, in, scratch, &chg);
	FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "read for a SET");
	memcpy(in + DATA, scratch + DATA, 64);
	k = fz_u8(f);
	method = k < 0x60 ? 1 : k < 0xf0 ? 2 : k < 0xf8 ? 7 : fz_u8(f);
	in[3] = method;
	if (attr == 0x0015) {
		/* a state request, and physical NOP or Polling */
		in[DATA + 32] = (in[DATA + 32] & 0xf0) | fz_below(f, 6);
		in[DATA + 33] = (fz_below(f, 4) ? 0 : fz_u8(f) >> 4) << 4 |
				fz_below(f, 4);
		if (fz_below(f, 4) == 0)
			in[DATA + 51] |= 0x80;
	}
	for (n = fz_below(f, 5); n; n--) {
		k = fz_below(f, 64);
		in[DATA + k] = fz_u8(f);
	}
	switch (fz_below(f, 8)) {
	case 0:
		wr(in + 24, fz_u32(f), 8);		/* another key */
		break;
	case 1:
		wr(in + 24, 0, 8);
		break;
	}
	if (cls == 0x81) {
		wr(in + 4, fz_below(f, 2) << 15, 2);
		in[6] = fz_u8(f);
		in[7] = fz_u8(f);
		for (n = 128; n; n--)
			in[n + 127] = n;
	}
}

static void build_pma(struct fz *f, u32 port)
{
	u8 k = fz_u8(f), sel = fz_below(f, 4);

	memset(in, 0, sizeof(in));
	in[0] = 1;
	in[1] = 0x04;
	in[2] = 1;
	in[3] = k < 0x70 ? 1 : k < 0xf0 ? 2 : fz_u8(f);
	wr(in + 8, fz_u32(f), 8);
	wr(in + 16, pma_attrs[fz_below(f, ARRAY_SIZE(pma_attrs))], 2);
	in[DATA + 1] = sel < 2 ? port : sel == 2 ? 0xff : fz_u8(f);
	wr(in + DATA + 2, fz_u16(f), 2);
}

static FZ_NOCOV void do_link(u32 port, bool up)
{
	const struct mlxsim_sma_port *o, *p;
	struct mlxsim_sma_change chg;
	u32 d;

	memcpy(&before, &sma, sizeof(sma));
	mlxsim_sma_link(&sma, port, up, &chg);
	if (!port_ok(port)) {
		FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "link bad port");
		check_no_change(&chg, "link bad port");
		return;
	}
	o = &before.port[port - 1];
	p = &sma.port[port - 1];
	if (up)
		FZ_CHECK(o->phys_state == 5 ? p->state == o->state :
			 p->state == 2 && p->phys_state == 5, "link up");
	else
		FZ_CHECK(p->state == 1 && p->phys_state == 2, "link down");
	d = o->pma.link_downed;
	FZ_CHECK(p->pma.link_downed == (!up && o->phys_state == 5 &&
					d != 0xffffffff ? d + 1 : d),
		 "link downed %u -> %u", d, p->pma.link_downed);
	FZ_CHECK(p->lid == o->lid && p->sm_lid == o->sm_lid, "LID kept");
	if (p->state == o->state) {
		check_no_change(&chg, "link idempotent");
		FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "link same");
		return;
	}
	FZ_CHECK(chg.port == port && chg.old_state == o->state &&
		 chg.new_state == p->state && chg.old_lid == p->lid &&
		 chg.new_lid == p->lid && !chg.client_rereg &&
		 !chg.pkey_changed && !chg.guid_changed, "link chg");
}

static FZ_NOCOV void do_cap_mask(u32 port, u32 mask)
{
	bool ok = port_ok(port) &&
		  (mask & ~(MLXSIM_IB_CAP_SM | MLXSIM_IB_CAP_SM_DISABLED)) ==
		  MLXSIM_SMA_BASE_CAP;
	int rc;

	memcpy(&before, &sma, sizeof(sma));
	rc = mlxsim_sma_set_cap_mask(&sma, port, mask);
	FZ_CHECK(rc == (ok ? 0 : -EINVAL), "cap mask rc %d", rc);
	if (ok) {
		FZ_CHECK(sma.port[port - 1].cap_mask == mask, "cap stored");
		before.port[port - 1].cap_mask = mask;
	}
	FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "cap mask changed");
}

static void sat_add(u64 *v, u64 n)
{
	*v = *v > ~0ULL - n ? ~0ULL : *v + n;
}

static FZ_NOCOV void do_count(u32 port, u8 kind, u32 bytes)
{
	struct mlxsim_pma_counters want;

	memcpy(&before, &sma, sizeof(sma));
	if (kind == 0)
		mlxsim_pma_count_xmit(&sma, port, bytes);
	else if (kind == 1)
		mlxsim_pma_count_rcv(&sma, port, bytes);
	else
		mlxsim_pma_count_discard(&sma, port);
	if (!port_ok(port)) {
		FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "count bad port");
		return;
	}
	want = before.port[port - 1].pma;
	if (kind == 0) {
		sat_add(&want.xmit_data, bytes / 4 + !!(bytes % 4));
		sat_add(&want.xmit_pkts, 1);
		sat_add(&want.ucast_xmit_pkts, 1);
	} else if (kind == 1) {
		sat_add(&want.rcv_data, bytes / 4 + !!(bytes % 4));
		sat_add(&want.rcv_pkts, 1);
		sat_add(&want.ucast_rcv_pkts, 1);
	} else if (want.xmit_discards != 0xffffffff) {
		want.xmit_discards++;
	}
	before.port[port - 1].pma = want;
	FZ_CHECK(!memcmp(&sma, &before, sizeof(sma)), "count");
}

static FZ_NOCOV void do_owns_lid(u32 port, u16 lid)
{
	const struct mlxsim_sma_port *p = &sma.port[port - 1];
	u32 k, base = p->lid & ~((1U << p->lmc) - 1);
	bool want = false;

	for (k = 0; k < (1U << p->lmc); k++)
		want |= lid && p->lid && lid == base + k;
	FZ_CHECK(mlxsim_sma_owns_lid(p, lid) == want, "owns lid %#x", lid);
}

/* Counters near the edges they saturate at; maybe an M_Key. */
static void preload(struct fz *f)
{
	static const u64 edge[] = { 0, 0xfffffff0ULL, 0xfffffffff0ULL,
				    ~0ULL - 0x10 };
	struct mlxsim_pma_counters *c;
	struct mlxsim_sma_port *p;
	u32 i;

	for (i = 0; i < sma.ports; i++) {
		c = &sma.port[i].pma;
		c->xmit_data = edge[fz_below(f, 4)];
		c->rcv_data = edge[fz_below(f, 4)];
		c->xmit_pkts = edge[fz_below(f, 4)];
		c->rcv_pkts = edge[fz_below(f, 4)];
		c->ucast_xmit_pkts = edge[fz_below(f, 4)];
		c->xmit_discards = (u32)edge[fz_below(f, 2)] | fz_below(f, 16);
		c->link_downed = 0xff - fz_below(f, 2);
		c->symbol_errors = 0xffff - fz_below(f, 2) + fz_below(f, 2);
		/* an M_Key already set, its violation counter at the top */
		p = &sma.port[i];
		p->mkey_violations = 0xfffe + fz_below(f, 2);
		if (fz_below(f, 2)) {
			p->mkey = 0x1000 + i;
			p->mkey_protect = fz_below(f, 4);
		}
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_sma_id id = { .node_desc = "fuzz" };
	u32 steps = 0, port;
	size_t take;
	struct fz f;
	u8 kind, k;

	fz_init(&f, data, size);
	id.ports = 1 + fz_below(&f, MLXSIM_MAX_PORTS);
	id.pkeys = MLXSIM_PKEY_BLOCK * (1 + fz_below(&f, 4));
	id.reserve_last = fz_below(&f, 2);
	id.sriov = id.reserve_last;
	id.node_guid = 0x0002c90300000000ULL | fz_u8(&f) << 8;
	mlxsim_sma_init(&sma, &id);
	if (fz_below(&f, 2))
		preload(&f);
	check_ports();
	while (f.n && steps++ < 256) {
		kind = fz_below(&f, 16);
		port = fz_below(&f, 8) ? 1 + fz_below(&f, sma.ports) :
					 fz_below(&f, 4);
		switch (kind) {
		case 0:
			/* raw: whatever 256 bytes */
			take = f.n < sizeof(in) ? f.n : sizeof(in);
			memset(in, 0, sizeof(in));
			memcpy(in, f.p, take);
			f.n -= take;
			f.p += take;
			one_mad(port);
			break;
		case 1 ... 7:
			build_smp(&f, port);
			one_mad(port);
			break;
		case 8:
		case 9:
			build_pma(&f, port);
			one_mad(port);
			break;
		case 10:
		case 11:
			do_link(port, fz_below(&f, 3));
			break;
		case 12:
			/* toggle IsSM, SM_DISABLED or any other bit */
			k = fz_below(&f, 4);
			do_cap_mask(port, (port_ok(port) ?
					   sma.port[port - 1].cap_mask :
					   MLXSIM_SMA_BASE_CAP) ^
				    (k == 0 ? MLXSIM_IB_CAP_SM :
				     k == 1 ? MLXSIM_IB_CAP_SM_DISABLED :
				     (u32)BIT(fz_below(&f, 32))));
			break;
		case 13:
		case 14:
			do_count(port, fz_below(&f, 3),
				 fz_below(&f, 2) ? fz_u16(&f) : fz_u32(&f));
			break;
		case 15:
			if (port_ok(port))
				do_owns_lid(port, fz_u16(&f));
			break;
		}
		check_ports();
	}
	return 0;
}
