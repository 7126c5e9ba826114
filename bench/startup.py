# SPDX-License-Identifier: MIT
"""limberd's own figures: time from exec to READY=1, and `status` round trips
over the socket (limber-bench-rtt)."""

import os
import re
import signal
import socket
import statistics
import subprocess
import time


def _notify_socket(path):
    """A datagram socket at `path` to give limberd as NOTIFY_SOCKET."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    return sock


def _wait_ready(sock, daemon, timeout):
    """Waits for limberd (`daemon`, a Popen) to send READY=1 on its
    NOTIFY_SOCKET `sock`, as systemd does for Type=notify. False when it
    exits or `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while daemon.poll() is None:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        sock.settimeout(min(left, 0.5))
        try:
            msg = sock.recv(4096).decode(errors="replace")
        except socket.timeout:
            continue
        if "READY=1" in msg.split("\n"):
            return True
    return False


def exec_to_ready(desktop, runs):
    """Starts limberd `runs` times with NOTIFY_SOCKET pointing at a datagram
    socket of ours, as systemd does for Type=notify, and times exec to the
    READY=1 datagram. The first run creates the database; the median is of
    all runs. Returns (list of ms, a note or "")."""
    home = os.path.join(desktop.home, "startup")
    os.makedirs(home, exist_ok=True)
    path = os.path.join(home, "notify.sock")
    sock = _notify_socket(path)
    env = dict(desktop.env, NOTIFY_SOCKET=path)
    argv = [os.path.join(desktop.bin, "limberd"), "--config", os.path.join(home, "none.toml"),
            "--socket", os.path.join(home, "limber.sock"), "--db", os.path.join(home, "limber.db"),
            "--routines-dir", desktop.routines]
    open(os.path.join(home, "none.toml"), "w").close()
    times, note = [], ""
    try:
        for _ in range(runs):
            log = open(os.path.join(desktop.logs, "startup.log"), "a")
            t0 = time.monotonic()
            p = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
            if _wait_ready(sock, p, 10):
                times.append((time.monotonic() - t0) * 1000)
            else:
                note = "limberd sent no READY=1 within 10 s"
            p.send_signal(signal.SIGTERM)
            p.wait(15)
            log.close()
            if note:
                break
    finally:
        sock.close()
    return times, note


def rtt(desktop, clients, seconds):
    """Runs limber-bench-rtt against a fresh limberd; returns its parsed
    lines (dicts) or raises with its error."""
    home = os.path.join(desktop.home, "rtt")
    os.makedirs(home, exist_ok=True)
    sock = os.path.join(home, "limber.sock")
    open(os.path.join(home, "none.toml"), "w").close()
    notify = _notify_socket(os.path.join(home, "notify.sock"))
    log = open(os.path.join(desktop.logs, "rtt-limberd.log"), "w")
    daemon = subprocess.Popen([os.path.join(desktop.bin, "limberd"), "--config", os.path.join(home, "none.toml"),
                               "--socket", sock, "--db", os.path.join(home, "limber.db"),
                               "--routines-dir", desktop.routines, "--log-level", "warn"],
                              env=dict(desktop.env, NOTIFY_SOCKET=notify.getsockname()),
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        if not _wait_ready(notify, daemon, 30):
            raise RuntimeError("limberd for the round-trip bench did not start (see rtt-limberd.log)")
        r = subprocess.run([os.path.join(desktop.bin, "limber-bench-rtt"), "--socket", sock,
                            "--clients", ",".join(map(str, clients)), "--seconds", str(seconds)],
                           capture_output=True, text=True, timeout=60 + len(clients) * (seconds + 5))
        if r.returncode != 0:
            raise RuntimeError("limber-bench-rtt failed: " + r.stderr.strip())
        rows = []
        for line in r.stdout.splitlines():
            fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
            if fields:
                rows.append({k: float(v) for k, v in fields.items()})
        return rows
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(15)
        log.close()
        notify.close()


def summary(times):
    if not times:
        return None
    return {"runs": len(times), "median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}
