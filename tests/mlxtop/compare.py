#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare `mlxtop --json` with the debugfs tables field for field.

usage: compare.py [--replay] DEBUGFS_ROOT MLXTOP [JSON_FILE]
With JSON_FILE the document is read from it (e.g. a replay's), else
MLXTOP --json [-D ROOT] is run. --replay: the document was rebuilt from
trace events, which do not carry ib_core's caches (ib_dev, ib_state,
ib_stale are not compared). Prints each mismatch; exit 1 if any.
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
                got = [x for x in pk["slaves"] if x["slave"] == s][0]["events"] if pk else None
                if got != int(row["count"]):
                    bad.append("vf%d events port %s: %s != %s" % (s, row["port"], got, row["count"]))
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
    for b in bad[:30]:
        print("mismatch:", b)
    print("compared %d functions, %d ports, %d P_Key ports: %d mismatches"
          % (len(fns), len(ports), len(pks), len(bad)))
    return 1 if bad else 0


sys.exit(main())
