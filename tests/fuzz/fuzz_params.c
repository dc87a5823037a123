// SPDX-License-Identifier: GPL-2.0
/*
 * new_device / del_device input (logic/params.c).  Whatever the text, a
 * refusal leaves the caller's params alone and names a token; an accepted
 * one is inside every documented bound, survives a print/parse round
 * trip, and del_device's "ID" agrees with new_device's.
 *
 * Input: byte 0 badlen, then the text.
 */
#include "mlxsim/params.h"
#include "fuzz.h"

static void check_valid(const struct mlxsim_params *p)
{
	FZ_CHECK(p->id <= MLXSIM_ID_MAX, "id %u", p->id);
	FZ_CHECK(p->guid, "guid 0");
	FZ_CHECK(p->vhca_ports >= 1 && p->vhca_ports <= MLXSIM_MAX_PORTS,
		 "vhca_ports %u", p->vhca_ports);
	FZ_CHECK(p->affiliate <= MLXSIM_MAX_AFFILIATE, "affiliate %u",
		 p->affiliate);
	FZ_CHECK(p->native_port >= 1 && p->native_port <= MLXSIM_MAX_PORTS,
		 "native_port %u", p->native_port);
	FZ_CHECK(p->ports >= 1 && p->ports <= MLXSIM_MAX_PORTS, "ports %u",
		 p->ports);
	FZ_CHECK(p->vfs <= MLXSIM_MAX_VFS, "vfs %u", p->vfs);
	FZ_CHECK(p->pkeys >= MLXSIM_PKEY_BLOCK && p->pkeys <= MLXSIM_MAX_PKEYS &&
		 !(p->pkeys % MLXSIM_PKEY_BLOCK), "pkeys %u", p->pkeys);
	FZ_CHECK(p->link <= MLXSIM_LINK_IB && p->type <= MLXSIM_FN_VF,
		 "link %d type %d", p->link, p->type);
	FZ_CHECK(!(p->vfs && p->type == MLXSIM_FN_VF), "a VF with VFs");
	/* what the driver derives from them */
	FZ_CHECK(mlxsim_params_role(p) <= MLXSIM_ROLE_SLAVE, "role");
	FZ_CHECK(mlxsim_params_native_port(p) >= 1 &&
		 mlxsim_params_native_port(p) <= MLXSIM_MAX_PORTS, "native");
	FZ_CHECK(mlxsim_params_ib_ports(p) >= 1 &&
		 mlxsim_params_ib_ports(p) <= MLXSIM_MAX_PORTS, "ib ports");
	if (mlxsim_params_role(p) == MLXSIM_ROLE_MASTER)
		FZ_CHECK(mlxsim_params_ib_ports(p) >= p->vhca_ports, "master");
}

/*
 * Print every field and parse it back: the same params.  A field added to
 * struct mlxsim_params must be printed here too (port_mng_chg_ev was not,
 * and only a long run found an input setting it).
 */
_Static_assert(sizeof(struct mlxsim_params) == 56,
	       "struct mlxsim_params changed: print the new field below");
static void check_round_trip(const struct mlxsim_params *p, u32 seed)
{
	struct mlxsim_params q;
	char buf[MLXSIM_INPUT_MAX], bad[MLXSIM_TOKEN_MAX];
	int n, err;

	/* the GUID in each accepted spelling */
	if (seed % 3 == 0)
		n = snprintf(buf, sizeof(buf), "%u guid=0x%llx", p->id,
			     (unsigned long long)p->guid);
	else if (seed % 3 == 1)
		n = snprintf(buf, sizeof(buf), "%u guid=%llu", p->id,
			     (unsigned long long)p->guid);
	else
		n = snprintf(buf, sizeof(buf), "%u guid=%04x:%04x:%04x:%04x",
			     p->id, (u32)(p->guid >> 48) & 0xffff,
			     (u32)(p->guid >> 32) & 0xffff,
			     (u32)(p->guid >> 16) & 0xffff,
			     (u32)p->guid & 0xffff);
	n += snprintf(buf + n, sizeof(buf) - n,
		      "\tvhca_ports=%u affiliate=%u native_port=%u link=%s ports=%u vfs=%u pkeys=%u type=%s port_mng_chg_ev=%u\n",
		      p->vhca_ports, p->affiliate, p->native_port,
		      mlxsim_link_name(p->link), p->ports, p->vfs, p->pkeys,
		      mlxsim_fn_type_name(p->type), p->port_mng_chg_ev);
	err = mlxsim_params_parse(buf, n, &q, bad, sizeof(bad));
	FZ_CHECK(!err, "round trip of '%s': %d at '%s'", buf, err, bad);
	FZ_CHECK(!memcmp(p, &q, sizeof(q)), "round trip of '%s' differs", buf);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mlxsim_params p, keep;
	char bad[MLXSIM_TOKEN_MAX + 8];
	size_t badlen, len;
	struct fz f;
	char *buf;
	u32 id = 0x5a5a5a5a;
	int err, ierr;

	fz_init(&f, data, size);
	badlen = fz_below(&f, MLXSIM_TOKEN_MAX + 1);
	len = f.n;
	buf = malloc(len ? len : 1);
	memcpy(buf, f.p, len);

	memset(&p, 0xa5, sizeof(p));
	keep = p;
	memset(bad, 0x33, sizeof(bad));
	err = mlxsim_params_parse(buf, len, &p, bad, badlen);
	fz_check_bad(bad, badlen, sizeof(bad), 0x33);
	FZ_CHECK(!err || err == -EINVAL || err == -ERANGE || err == -E2BIG,
		 "params: errno %d", err);
	if (len > MLXSIM_INPUT_MAX)
		FZ_CHECK(err == -E2BIG, "too long accepted: %d", err);
	if (err) {
		FZ_CHECK(!memcmp(&p, &keep, sizeof(p)), "params written on %d",
			 err);
		/* the log line names what was wrong */
		if (badlen > 1)
			FZ_CHECK(bad[0], "refusal %d names no token", err);
	} else {
		FZ_CHECK(!badlen || !bad[0], "accepted but bad='%s'", bad);
		check_valid(&p);
		check_round_trip(&p, len);
	}

	memset(bad, 0x33, sizeof(bad));
	ierr = mlxsim_id_parse(buf, len, &id, bad, badlen);
	fz_check_bad(bad, badlen, sizeof(bad), 0x33);
	if (ierr) {
		FZ_CHECK(id == 0x5a5a5a5a, "id written on %d", ierr);
	} else {
		/* a lone ID is a whole new_device line too */
		FZ_CHECK(!err && p.id == id, "del_device %u, new_device %d", id,
			 err);
		FZ_CHECK(p.guid == MLXSIM_GUID_BASE + id, "default guid");
	}
	free(buf);
	return 0;
}
