#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The guest half of `make demo` without a VM: mlxtop on a pseudo-terminal
started as tests/vm/demo-guest.sh starts it (setsid -c on the console),
resized by demo-guest.sh's own size listener fed a `size ROWS COLS` line
as the host sends it, and quit with Ctrl-C and q.

usage: demo_tty.py MLXTOP DEMO_GUEST_SH FIXTURE_DIR
Prints TAP-ish "ok"/"not ok" lines; exit status 0 when all pass.
"""
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

mlxtop, guest_sh, fixture = sys.argv[1:4]
failed = 0


def check(name, cond, note=""):
    global failed
    print(("ok - " if cond else "not ok - ") + name)
    if not cond:
        failed += 1
        if note:
            print("# " + note)


def drain(fd, secs):
    """What the terminal got in secs seconds."""
    out = b""
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def winsize(fd):
    rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    return rows, cols


def listener_source():
    """demo_size_listener() as demo-guest.sh defines it."""
    text = open(guest_sh).read()
    m = re.search(r"^demo_size_listener\(\)\n\{\n.*?^\}\n", text, re.S | re.M)
    return m.group(0) if m else None


def start(isig, ctty=True):
    """mlxtop in a session of its own on a new pty, as the guest runs it."""
    master, slave = pty.openpty()
    name = os.ttyname(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    attrs = termios.tcgetattr(slave)
    if isig:
        attrs[3] |= termios.ISIG
    else:
        attrs[3] &= ~termios.ISIG
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    env = dict(os.environ, TERM="xterm", LANG="C.UTF-8")
    p = subprocess.Popen(["setsid", "-c", "-w"][:3 if ctty else 1] + [mlxtop, "-D", fixture],
                         stdin=slave, stdout=slave, stderr=slave, env=env,
                         close_fds=True)
    os.close(slave)
    return p, master, name


def wait_exit(p, secs):
    try:
        return p.wait(timeout=secs)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None


src = listener_source()
check("demo-guest.sh defines demo_size_listener", src is not None)

# 1. Ctrl-C as a signal (the console is mlxtop's controlling terminal)
p, master, name = start(isig=True)
first = drain(master, 1.5)
check("mlxtop draws on the console", b"Functions (" in first)

# 2. the host's `size ROWS COLS` through the guest's listener: the
#    console's size changes and mlxtop redraws for it
if src:
    lst = subprocess.Popen(["bash", "-c", src + '\ndemo_size_listener "$1"', "-", name],
                           stdin=subprocess.PIPE)
    lst.stdin.write(b"size 30 100\r\n")
    lst.stdin.write(b"junk 1 2\nsize x y\nsize 0 5\n")
    lst.stdin.flush()
    time.sleep(0.5)
    check("listener: the console is 30x100", winsize(master) == (30, 100),
          "size %r" % (winsize(master),))
    after = drain(master, 1.5)
    # a full redraw: the screen is cleared and the body repainted
    check("mlxtop redraws after the resize", b"\x1b[H\x1b[2J" in after and b"Functions (" in after,
          "%d bytes after the resize" % len(after))
    lst.stdin.write(b"size 20 70\n")
    lst.stdin.flush()
    time.sleep(0.5)
    check("listener: a second resize too (20x70)", winsize(master) == (20, 70))
    drain(master, 1.0)
    lst.stdin.close()
    check("listener ends with its input", lst.wait(timeout=5) == 0)

os.write(master, b"\x03")
rc = wait_exit(p, 5)
check("Ctrl-C (SIGINT on the controlling terminal) quits, status 0", rc == 0, "rc=%r" % rc)
os.close(master)

# 3. without a controlling terminal (the console as the guest's init
#    leaves it) Ctrl-C reaches nobody: why demo-guest.sh uses setsid -c
p, master, name = start(isig=True, ctty=False)
drain(master, 1.5)
os.write(master, b"\x03")
rc = wait_exit(p, 3)
check("without setsid -c Ctrl-C does not quit (the reason for it)", rc is None, "rc=%r" % rc)
os.close(master)

# 4. q quits
p, master, name = start(isig=True)
drain(master, 1.5)
os.write(master, b"q")
rc = wait_exit(p, 5)
check("q quits, status 0", rc == 0, "rc=%r" % rc)
os.close(master)

sys.exit(1 if failed else 0)
