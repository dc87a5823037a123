#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the hand-made starting seeds of each target into corpus/<target>/.

The corpora in the repository grew from these by fuzzing and were then
minimised (make merge T=...); run this only to start a corpus afresh.
"""
import hashlib
import os
import random
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))


def put(target, data):
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def params():
    for s in ["3 guid=0x0002c90300000003 vhca_ports=2 affiliate=1 "
              "native_port=2 link=eth ports=2 vfs=4 pkeys=64 type=pf\n",
              "5", "0x5", "70000", "1 guid=0002:c903:0000:0001",
              "1 type=vf vfs=2", "1 link=ib ports=2", "1 vfs=1 vfs=2",
              "2 affiliate=3 native_port=2", "1 guid=0", "1 pkeys=33",
              "1 bogus=1", "1 novalue", "x" * 600, "1 " + "a" * 70]:
        put("params", b"\x10" + s.encode())
    # each bound, and one past it
    for s in ["65535", "65536", "1 vfs=79", "1 vfs=80", "1 ports=2",
              "1 ports=3", "1 ports=0", "1 vhca_ports=3", "1 native_port=3",
              "1 affiliate=15", "1 affiliate=16", "1 pkeys=128",
              "1 pkeys=160", "1 pkeys=31", "1 pkeys=0"]:
        put("params", b"\x10" + s.encode())


def parse():
    for s in ["0x10 1234 ffff:0000:1111:2222 a=b =x", "18446744073709551616",
              "0xFFFFFFFFFFFFFFFF 0x 12x", "3 5 none", "1 2 3 4",
              "79 127 none\n", "0 1 2", "\t1\r\n2 0x7f"]:
        put("parse", bytes([20, 8, 2, 16, 1, 0, 200]) + s.encode())
    # the u64 and u32 boundaries, in a token buffer they fit in (a number
    # one past 2^64 - 1 is the only one whose last digit overflows)
    for s in ["18446744073709551615 18446744073709551616 18446744073709551619",
              "4294967295 4294967296 0xffffffffffffffff 0x10000000000000000"]:
        put("parse", bytes([64, 8, 2, 16, 1, 0, 200]) + s.encode())


def names():
    for s in ["RST2INIT_QP", "mad_ifc", "0x24", "36", "EIO", "-5",
              "etimedout", "4095", "0", "query_hca_cap"]:
        put("names", b"\x00\x00\x07\x55" + s.encode())


def knobs():
    # each bound, and one past it: hold counts, fail_add steps, IDs, ports
    for s in ["+1048576", "+1048577", "-1048576", "-1048577", "+0", "1000",
              "1001", "65535:2", "65536:1", "1:0", "1:3", "0", "1", "2",
              "mad_ifc EIO", "0x24 -5", "none", "- x", "1:1 2:1",
              "1:1 1:1", "65535:2 0:1\n", "65536:1 1:1", "0x1:1 2:1",
              "1:3 2:1", "1:1", "1:1 2:1 3:1", "1" * 513]:
        put("knobs", b"\x10" + s.encode())


def qp_parse():
    for s in ["qpn=0x10 type=uc op=SQD2SQD port=2 pkey_index=3 "
              "alt_pkey_index=4 mgid_index=0 alt_mgid_index=0 qkey=0x99 "
              "optpar=alt,pri\n",
              "qpn=1 op=RST2INIT type=ud port=1", "qpn=1", "op=2ERR",
              "qpn=1 op=FOO", "qpn=1 op=RTR2RTS type=xx",
              "qpn=1 qpn=2 op=2RST", "qpn=16777216 op=2RST",
              "qpn=1 op=INIT2RTR optpar=none", "qpn=1 op=INIT2RTR optpar="]:
        put("qp_parse", b"\x20" + s.encode())
    # each field's bound, and one past it
    for kv in ["qpn=16777215", "port=255", "port=256", "alt_port=256",
               "pkey_index=65535", "pkey_index=65536",
               "alt_pkey_index=0x10000", "mgid_index=255", "mgid_index=256",
               "alt_mgid_index=0x100", "qkey=4294967295", "qkey=4294967296"]:
        text = (kv + " op=RTR2RTS" if kv.startswith("qpn") else
                "qpn=1 op=RTR2RTS " + kv)
        put("qp_parse", b"\x20" + text.encode())


def mad(method=2, cls=0x01, attr=0x16, block=0, keys=(0xffff, 0x8001),
        version=1):
    m = bytearray(256)
    m[0], m[1], m[2], m[3] = version, cls, 1, method
    m[8:16] = struct.pack(">Q", 0x1234)
    m[16:18] = struct.pack(">H", attr)
    m[20:24] = struct.pack(">I", block)
    for i, k in enumerate(keys):
        m[64 + 2 * i:66 + 2 * i] = struct.pack(">H", k)
    return bytes(m)


def mads():
    put("mad", bytes([1, 1, 3, 3]) + mad())
    put("mad", bytes([1, 1, 3, 3]) + mad() + mad(method=1) + b"x")
    put("mad", bytes([2, 1, 0, 2]) + mad(cls=0x81, block=1) +
        mad(block=0, keys=(0xffff,) + (0,) * 31))
    put("mad", bytes([1, 0, 1, 0]) + mad(version=2) + mad(attr=0x15) +
        mad(method=5) + mad(block=4))
    put("mad", bytes([1, 1, 1, 1]) + mad(block=1, keys=(0,) * 31 + (0x8005,)))


def qp_paravirt():
    rnd = random.Random(1)
    for _ in range(12):
        put("qp_paravirt", bytes(rnd.randrange(256) for _ in range(40)))


def mp():
    # (fn << 4 | op) programs: 0x66 a PF master of GUID 1 on port 1,
    # 0x81 a PF slave of GUID 1 on port 2
    progs = [
        [2, 0x00, 0x66, 0x10, 0x81, 0x04, 0x01, 0x07, 0x01, 0x02, 0x19,
         0x08, 0x01, 0x01, 0x03, 0x05, 0x13, 0x01],
        [1, 0x10, 0x81, 0x20, 0x81, 0x00, 0x66, 0x00, 0x00, 0x20, 0x00],
        [0, 0x00, 0x66, 0x1b, 0x10, 0x81, 0x1c, 0x10, 0x81, 0x00, 0x00],
        [3, 0x00, 0x66, 0x10, 0x81, 0x9c, 0x20, 0x81, 0x00, 0x00, 0x00,
         0x66, 0x0f, 0x00],
        [0x82, 0x10, 0x81, 0x00, 0x66, 0x05, 0x01, 0x03, 0x00, 0x10, 0x00],
        [0x42, 0x10, 0x81, 0x00, 0x66, 0x00, 0x00, 0x10, 0x00],
    ]
    for p in progs:
        put("mp", bytes(p))


def pkey():
    rnd = random.Random(2)
    # header 0x19: 2 VFs, 2 ports, 64 P_Keys; then SMPs, remaps, QPs
    put("pkey", bytes([0x19, 0x00, 0x00, 0x00, 0x00, 0x03, 0x05, 0x41,
                       0x07, 0x00, 0x00, 0x11, 0x05, 0x07, 0x00, 0x85,
                       0x00, 0x06, 0x00, 0x00, 0x07, 0x00, 0x00, 0x02,
                       0x00, 0x00, 0x05]))
    for _ in range(8):
        put("pkey", bytes([rnd.randrange(0x80)]) +
            bytes(rnd.randrange(256) for _ in range(120)))


def smp(method=1, attr=0x15, mod=0, cls=0x01, data=b"", mkey=0, status=0):
    m = bytearray(256)
    m[0], m[1], m[2], m[3] = 1, cls, 1, method
    m[4:6] = struct.pack(">H", status)
    m[8:16] = struct.pack(">Q", 0x5678)
    m[16:18] = struct.pack(">H", attr)
    m[20:24] = struct.pack(">I", mod)
    m[24:32] = struct.pack(">Q", mkey)
    m[64:64 + len(data)] = data
    return bytes(m)


def port_info(lid=0, sm_lid=0, state=0, mkey=0, protect=0, rereg=0):
    d = bytearray(64)
    d[0:8] = struct.pack(">Q", mkey)
    d[8:16] = struct.pack(">Q", 0xfe80000000000000)
    d[16:18] = struct.pack(">H", lid)
    d[18:20] = struct.pack(">H", sm_lid)
    d[29], d[32], d[33], d[35] = 0x03, 0x70 | state, 0x02, 0x47
    d[34] = protect << 6
    d[36], d[37], d[41], d[43], d[51] = 0x50, 0x40, 0x05, 0x40, rereg << 7 | 18
    return bytes(d)


def sma():
    # header: 2 ports, 64 P_Keys, VFs, GUID byte, no preload; a step is
    # kind (0 raw, 1-7 built SMP, 8-9 PMA, 10-11 link, 12 cap, 13-14
    # count, 15 owns_lid), port (1 + next % ports unless 0 % 8)
    hdr = bytes([1, 1, 1, 0x11, 0])
    raw = lambda m, port=1: bytes([0, 1, port - 1]) + m
    link = lambda up, port=1: bytes([10, 1, port - 1, up])
    # OpenSM's bring-up of port 1: cable, LID, ARMED, ACTIVE, P_Keys
    put("sma", hdr + link(1) + raw(smp(attr=0x11)) +
        raw(smp(2, data=port_info(lid=2, sm_lid=1, rereg=1))) +
        raw(smp(2, data=port_info(lid=2, sm_lid=1, state=3))) +
        raw(smp(2, data=port_info(lid=2, sm_lid=1, state=4))) +
        raw(smp(2, 0x16, 1, data=struct.pack(">HH", 0xffff, 0x8001))) +
        raw(smp(1, 0x16, 1)) +
        raw(smp(2, data=port_info(lid=2, sm_lid=1, state=1))) +
        link(0) + link(1))
    # directed route, D bit set, and M_Key protection
    put("sma", hdr + raw(smp(attr=0x11, cls=0x81, status=0x8000)) +
        raw(smp(2, data=port_info(mkey=0x77, protect=1))) +
        raw(smp(1)) + raw(smp(2, data=port_info(), mkey=0x76)) +
        raw(smp(2, data=port_info(protect=2), mkey=0x77)) + raw(smp(1)) +
        raw(smp(7, 0x0002)))
    # refusals: versions, methods, SMInfo, read-only, fields
    put("sma", hdr + raw(smp(attr=0x20)) + raw(smp(2, 0x11)) +
        raw(smp(5)) + raw(smp(2, data=port_info(lid=0xc000))) +
        raw(smp(2, data=port_info(state=4))) + raw(smp(1, 0x15, 2)) +
        raw(bytes([2]) + smp()[1:]) + raw(smp(1, 0x18, 5 << 16)) +
        raw(smp(2, 0x14, 0, data=struct.pack(">QQ", 1, 2))))
    # GUIDInfo, SLtoVL, VLArb, ExtendedPortInfo on port 2
    put("sma", hdr + raw(smp(2, 0x14, 0, data=struct.pack(
        ">QQQ", 0x0002c90300001102, 0x99, 2 ** 64 - 1)), 2) +
        raw(smp(2, 0x17, 0, data=bytes(range(0x01, 0xff, 0x22))), 2) +
        raw(smp(2, 0x18, 3 << 16, data=bytes([0xf1, 5] * 32)), 2) +
        raw(smp(2, 0xff90, 2, data=bytes([0xff] * 64)), 2))
    # the PMA: ClassPortInfo, counters, clears, saturation (preload)
    pc = lambda method, attr, sel, mask: smp(method, attr, 0, 0x04,
                                              bytes([0, sel]) +
                                              struct.pack(">H", mask))
    put("sma", bytes([0, 0, 0, 0, 1]) + bytes([3] * 24) +
        raw(pc(1, 0x01, 1, 0)) + raw(pc(1, 0x12, 1, 0)) +
        raw(pc(1, 0x1d, 0xff, 0)) + bytes([13, 1, 0, 0, 0xff, 0xff]) +
        raw(pc(2, 0x12, 1, 0x0fff)) + raw(pc(2, 0x1d, 1, 0xff)) +
        raw(pc(2, 0x12, 2, 0xffff)) + raw(pc(1, 0x10, 1, 0)))
    # built steps: SMPs read, modified and written back, cap mask, counts
    rnd = random.Random(3)
    for _ in range(6):
        put("sma", hdr + bytes(rnd.randrange(256) for _ in range(160)))


def alias_guid():
    rnd = random.Random(4)
    # ops: max slaves, then (dt, op, args...): a port up, requests and
    # answers (accepted, SM-chosen, declined, failed), snoops, admin
    # writes, a slave shutdown
    up = [0, 2]
    take = [0, 3]
    ans_ok = [0, 4] + [1, 1] * 8 + [1]
    ans_fail = [1, 4] + [0] * 8 + [0]
    snoop = [0, 6, 0] + [1] * 8
    put("alias_guid", bytes([9] + up + take + ans_ok + snoop))
    put("alias_guid", bytes([9] + up + take + ans_fail + take + ans_ok +
                            snoop))
    put("alias_guid", bytes([18] + [0, 0, 3, 0] + up + take + [0, 4] +
                            [0] * 9 + [1] + take + [0, 5, 2] + take +
                            ans_ok + [0, 6, 1] + [1] * 8))
    put("alias_guid", bytes([5] + up + take + ans_ok + snoop +
                            [0, 1, 3, 0, 1] + take + ans_ok + snoop))
    for _ in range(6):
        put("alias_guid", bytes(rnd.randrange(256) for _ in range(120)))


targets = {"params": params, "parse": parse, "names": names,
           "knobs": knobs, "qp_parse": qp_parse, "mad": mads, "qp_paravirt": qp_paravirt,
           "mp": mp, "pkey": pkey, "sma": sma, "alias_guid": alias_guid}
# seeds.py [TARGET...]: only those corpora (default: all)
for t in sys.argv[1:] or targets:
    targets[t]()
sys.exit(0)
