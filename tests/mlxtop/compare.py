#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare `mlxtop --json` with the debugfs tables field for field.

usage: compare.py [--replay] DEBUGFS_ROOT MLXTOP [JSON_FILE]
With JSON_FILE the document is read from it (e.g. a replay's), else
MLXTOP --json [-D ROOT] is run. --replay: the document was rebuilt from
trace events, which do not carry ib_core's caches (ib_dev, ib_state,
ib_stale are not compared) nor most of the SMA's port (only state, lid
and sm_lid are). On the live tables (ROOT is
/sys/kernel/debug/mlxsim) the SMA's counters may have grown since mlxtop
read them: the document's may be smaller, never larger. port<P>/guids
is compared per VF (GUID, admin GUID, port state, and on saved tables
pending and retry); without it every VF's GUID keys must be null.
Prints each mismatch; exit 1 if any.
"""
import json
import os
import subprocess
import sys


def table(path):
    try:
        with open(path) as f:
            lines = [l.split() for l in f if l.strip()]
    except OSError:
        return None
    return [dict(zip(lines[0], row)) for row in lines[1:]]


def num(v):
    if v in (None, "-"):
        return None
    return int(v, 0)


def dash_none(v):
    return None if v == "-" else v


def keyvals(path):
    try:
        with open(path) as f:
            return dict(l.strip().split("=", 1) for l in f if "=" in l)
    except OSError:
        return None


SMA_COUNTERS = ("mads", "mad_errors", "dropped", "xmit_pkts", "rcv_pkts")
# columns of vf<S>/events besides port and count
PORT_EVENTS = ("lid_change", "sm_change", "client_reregister", "port_active",
               "port_err", "gid_change")


def compare_sma(root, doc, replay, bad):
    """port<P>/sma against doc["sma"], the links table against doc["links"]."""
    live = os.path.realpath(root) == "/sys/kernel/debug/mlxsim"
    smas = {(s["dev"], s["port"]): s for s in doc.get("sma", [])}
    seen = set()
    for d in sorted(os.listdir(root)):
        if not d.startswith("mlxsim") or not d[6:].isdigit():
            continue
        dev = int(d[6:])
        caps = keyvals(os.path.join(root, d, "caps")) or {}
        f = [x for x in doc["functions"] if x["id"] == dev]
        if not replay and f and "port_mng_chg_ev" in caps:
            if f[0].get("port_mng_chg_ev") != int(caps["port_mng_chg_ev"]):
                bad.append("fn %d port_mng_chg_ev: %s != %s" % (dev, f[0].get("port_mng_chg_ev"), caps["port_mng_chg_ev"]))
        for port in (1, 2):
            kv = keyvals(os.path.join(root, d, "port%d" % port, "sma"))
            if kv is None:
                continue
            seen.add((dev, port))
            s = smas.get((dev, port))
            if not s:
                bad.append("sma %d/%d missing" % (dev, port))
                continue
            where = "sma %d/%d" % (dev, port)
            # mlxsim_sma_port comes with a change of state or LIDs: a
            # change of the physical state alone is not traced
            for k in ("state",) if replay else ("state", "phys_state"):
                if k in kv and s[k] != dash_none(kv[k]):
                    bad.append("%s %s: %s != %s" % (where, k, s[k], kv[k]))
            for k in ("lid", "sm_lid"):
                if k in kv and s[k] != num(kv[k]):
                    bad.append("%s %s: %s != %s" % (where, k, s[k], kv[k]))
            if replay:
                continue
            for k in ("lmc", "sm_sl"):
                if k in kv and s[k] != num(kv[k]):
                    bad.append("%s %s: %s != %s" % (where, k, s[k], kv[k]))
            if "is_sm" in kv and s["is_sm"] != (int(kv["is_sm"]) != 0):
                bad.append("%s is_sm: %s != %s" % (where, s["is_sm"], kv["is_sm"]))
            for k in ("cap_mask", "port_guid"):
                if k in kv and (s[k] is None or int(s[k], 16) != int(kv[k], 16)):
                    bad.append("%s %s: %s != %s" % (where, k, s[k], kv[k]))
            if "peer" in kv:
                want = None
                if kv["peer"] != "-":
                    a, q = kv["peer"].split(":")
                    want = {"dev": int(a), "port": int(q)}
                if s["peer"] != want:
                    bad.append("%s peer: %s != %s" % (where, s["peer"], kv["peer"]))
            for k in SMA_COUNTERS:
                if k not in kv:
                    continue
                want, got = int(kv[k]), s[k]
                if got is None or (got > want if live else got != want):
                    bad.append("%s %s: %s != %s" % (where, k, got, kv[k]))
    for key in smas:
        if key not in seen and not replay:
            bad.append("sma %d/%d: no port%d/sma" % (key[0], key[1], key[1]))
    # links: each cable once; the SMAs' peers say the same
    try:
        with open(os.path.join(root, "links")) as f:
            rows = [l.split() for l in f if l.strip()]
    except OSError:
        rows = None
    if rows is None:
        if not replay and doc.get("links") is not None:
            bad.append("links: no table, but %s" % doc["links"])
        return
    if rows[0] != ["a", "port", "b", "port"]:
        bad.append("links header: %s" % rows[0])
        return
    cables = sorted(tuple(int(x) for x in r) for r in rows[1:])
    if not replay:
        got = sorted((l["a"], l["a_port"], l["b"], l["b_port"]) for l in doc.get("links") or [])
        if got != cables:
            bad.append("links: %s != %s" % (got, cables))
    ends = [(a, p) for a, p, _, _ in cables] + [(b, q) for _, _, b, q in cables]
    if len(set(ends)) != len(ends):
        bad.append("links: a port with two cables: %s" % cables)
    for a, p, b, q in cables:
        for (x, xp), (y, yp) in (((a, p), (b, q)), ((b, q), (a, p))):
            s = smas.get((x, xp))
            if s and not replay and s["peer"] != {"dev": y, "port": yp}:
                bad.append("sma %d/%d peer %s, but cabled to %d:%d" % (x, xp, s["peer"], y, yp))


GUID_KEYS = ("guid", "admin_guid", "port_state", "guid_pending", "guid_retry")


def compare_guids(root, doc, replay, bad):
    """port<P>/guids against each VF's GUID keys; no table: all null.

    A replay knows a VF's port state and GUID from events only (and only
    once one came), so it is compared where it has them. On the live
    tables the retries go on between mlxtop's read and this one: pending
    and retry are compared on saved tables only.
    """
    live = os.path.realpath(root) == "/sys/kernel/debug/mlxsim"
    for pk in doc["pkey"]:
        dev, port = pk["dev"], pk["port"]
        where = "guids %d/%d" % (dev, port)
        rows = table(os.path.join(root, "mlxsim%d" % dev, "port%d" % port, "guids"))
        slaves = {s["slave"]: s for s in pk["slaves"]}
        if rows is None:
            for s, sl in sorted(slaves.items()):
                for k in GUID_KEYS:
                    if sl.get(k, None) is not None and not replay:
                        bad.append("%s slave %d %s: %s, but no table" % (where, s, k, sl[k]))
            continue
        for row in rows:
            s = int(row["slave"])
            sl = slaves.get(s)
            if sl is None:
                bad.append("%s slave %d missing" % (where, s))
                continue
            want = {
                "guid": None if row["guid"] == "-" else int(row["guid"], 16),
                "admin_guid": int(row["admin_guid"], 16),
                "port_state": row["state"],
                "guid_pending": row["pending"] == "yes",
                "guid_retry": int(row["retry"]),
            }
            got = dict((k, sl.get(k)) for k in GUID_KEYS)
            for k in ("guid", "admin_guid"):
                if got[k] is not None:
                    got[k] = int(got[k], 16)
            for k in GUID_KEYS:
                if replay and (k not in ("guid", "port_state") or got[k] is None):
                    continue
                if live and k in ("guid_pending", "guid_retry"):
                    continue
                if got[k] != want[k]:
                    bad.append("%s slave %d %s: %s != %s" % (where, s, k, sl.get(k), row[{"port_state": "state", "guid_pending": "pending", "guid_retry": "retry"}.get(k, k)]))


def main():
    args = sys.argv[1:]
    replay = args[:1] == ["--replay"]
    if replay:
        args = args[1:]
    root, mlxtop = args[0], args[1]
    if len(args) > 2:
        doc = json.load(open(args[2]))
    else:
        args = [mlxtop, "--json"]
        if root != "/sys/kernel/debug/mlxsim":
            args += ["-D", root]
        doc = json.loads(subprocess.check_output(args))
    bad = []
    fns = {f["id"]: f for f in doc["functions"]}
    mp = table(os.path.join(root, "multiport")) or []
    for row in mp:
        f = fns.get(int(row["id"]))
        if not f:
            bad.append("function %s missing" % row["id"])
            continue
        for col in ("type", "role", "state"):
            if f[col] != row[col]:
                bad.append("fn %s %s: %s != %s" % (row["id"], col, f[col], row[col]))
        for col in ("guid",):
            if int(f[col], 16) != int(row[col], 16):
                bad.append("fn %s guid" % row["id"])
        for col in ("native_port", "master", "port", "refcnt", "unaffiliating"):
            if f[col] != num(row[col]):
                bad.append("fn %s %s: %s != %s" % (row["id"], col, f[col], row[col]))
        for col in ("ib_dev", "ib_state"):
            if not replay and col in row and f[col] != dash_none(row[col]):
                bad.append("fn %s %s: %s != %s" % (row["id"], col, f[col], row[col]))
    for row in table(os.path.join(root, "unaffiliated")) or []:
        f = fns.get(int(row["id"]))
        if not f or f["reason"] != row["reason"]:
            bad.append("unaffiliated %s reason" % row["id"])
    ports = {(p["dev"], p["port"]): p for p in doc["ports"]}
    pks = {(p["dev"], p["port"]): p for p in doc["pkey"]}
    for d in sorted(os.listdir(root)):
        if not d.startswith("mlxsim") or not d[6:].isdigit():
            continue
        dev = int(d[6:])
        for row in table(os.path.join(root, d, "ports")) or []:
            p = ports.get((dev, int(row["port"])))
            if not p:
                bad.append("port %d/%s missing" % (dev, row["port"]))
                continue
            for col in ("function", "refcnt", "unaffiliating"):
                if p[col] != num(row[col]):
                    bad.append("port %d/%s %s: %s != %s" % (dev, row["port"], col, p[col], row[col]))
            if p["state"] != row["state"]:
                bad.append("port %d/%s state" % (dev, row["port"]))
            if not replay and "ib_state" in row and p["ib_state"] != dash_none(row["ib_state"]):
                bad.append("port %d/%s ib_state: %s != %s" % (dev, row["port"], p["ib_state"], row["ib_state"]))
        for port in (1, 2):
            cache = table(os.path.join(root, d, "port%d" % port, "pkey_cache"))
            if cache is None:
                continue
            pk = pks.get((dev, port))
            if not pk:
                bad.append("pkey %d/%d missing" % (dev, port))
                continue
            # as mlxtop counts: entries ib_core has a value for ("-": none)
            known = [r for r in cache if r.get("ib_pkey", "-") != "-"]
            stale = None
            if known:
                stale = sum(int(r["pkey"], 16) != int(r["ib_pkey"], 16) for r in known)
            if not replay and pk["ib_stale"] != stale:
                bad.append("pkey %d/%d ib_stale: %s != %s" % (dev, port, pk["ib_stale"], stale))
            for row in cache:
                e = pk["cache"][int(row["index"])]
                # older modules print "limited" for an entry with no key
                member = row["membership"]
                if not int(row["pkey"], 16) & 0x7fff and member == "limited":
                    member = "invalid"
                if int(e["pkey"], 16) != int(row["pkey"], 16) or e["membership"] != member:
                    bad.append("pkey %d/%d[%s]: %s != %s" % (dev, port, row["index"], e["pkey"], row["pkey"]))
            v2p = table(os.path.join(root, d, "port%d" % port, "virt2phys")) or []
            slaves = {s["slave"]: s for s in pk["slaves"]}
            for row in v2p:
                s = int(row["slave"])
                if s == 0:
                    continue
                phys = num(row["phys"])
                if phys is None:
                    phys = pk["pkeys"] - 1
                if slaves[s]["virt2phys"][int(row["index"])] != phys:
                    bad.append("virt2phys %d/%d slave %d index %s" % (dev, port, s, row["index"]))
            cnt = None
            try:
                with open(os.path.join(root, d, "port%d" % port, "counters")) as f:
                    cnt = dict(l.strip().split("=", 1) for l in f if "=" in l)
            except OSError:
                pass
            if cnt is not None and not replay:
                if pk["counters"] != "kernel":
                    bad.append("pkey %d/%d counters: %s, want kernel" % (dev, port, pk["counters"]))
                for k in ("snoops", "snoop_changes", "master_events", "vf_events"):
                    if k in cnt and pk[k] != int(cnt[k]):
                        bad.append("pkey %d/%d %s: %s != %s" % (dev, port, k, pk[k], cnt[k]))
        for s in range(1, 80):
            ev = table(os.path.join(root, d, "vf%d" % s, "events"))
            if ev is None:
                continue
            for row in ev:
                pk = pks.get((dev, int(row["port"])))
                sl = [x for x in pk["slaves"] if x["slave"] == s][0] if pk else None
                got = sl["events"] if sl else None
                if got != int(row["count"]):
                    bad.append("vf%d events port %s: %s != %s" % (s, row["port"], got, row["count"]))
                # the other port events, where the module counts them
                for k in PORT_EVENTS:
                    if k in row and not replay and sl and sl.get(k) != int(row[k]):
                        bad.append("vf%d %s port %s: %s != %s" % (s, k, row["port"], sl.get(k), row[k]))
            # vf<S>/active, and the mapping shown: the non-default virt2phys entries
            try:
                with open(os.path.join(root, d, "vf%d" % s, "active")) as f:
                    active = int(f.read().split()[0]) != 0
            except (OSError, ValueError, IndexError):
                active = None
            for (pdev, pport), pk in pks.items():
                if pdev != dev or s >= pk["vfs"] + 1:
                    continue
                sl = [x for x in pk["slaves"] if x["slave"] == s][0]
                if not replay and active is not None and sl.get("active") != active:
                    bad.append("vf%d active port %d: %s != %s" % (s, pport, sl.get("active"), active))
                want = [(i, p) for i, p in enumerate(sl["virt2phys"])
                        if p != (0 if i == 0 else pk["pkeys"] - 1)]
                got = [(e["index"], e["phys"]) for e in sl.get("map", [])]
                if got != want:
                    bad.append("vf%d map port %d: %s != %s" % (s, pport, got, want))
                for e in sl.get("map", []):
                    cache = {c["index"]: c["pkey"] for c in pk["cache"]}
                    if e["pkey"] != cache.get(e["phys"]):
                        bad.append("vf%d map port %d index %d: pkey %s" % (s, pport, e["index"], e["pkey"]))
    compare_sma(root, doc, replay, bad)
    compare_guids(root, doc, replay, bad)
    for b in bad[:30]:
        print("mismatch:", b)
    print("compared %d functions, %d ports, %d P_Key ports, %d SMA ports: %d mismatches"
          % (len(fns), len(ports), len(pks), len(doc.get("sma", [])), len(bad)))
    return 1 if bad else 0


sys.exit(main())
