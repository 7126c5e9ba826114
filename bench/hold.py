#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How fast a call holds a reminder and how exactly its end releases it
(issue 12), on the private PipeWire of tests/integration/sound_session.py.

Run under the test desktop (dunst receives the reminder):
    tests/run-under-x.sh python3 bench/hold.py [--runs N] [--bin build/bin]

Per run: limberd with sit_limit 8 s and grace 2 s; parecord from the
virtual microphone opens at once. "mic -> busy": from parecord's start to
`status` listing the microphone (the 1.5 s debounce included; status is
asked every 20 ms, so figures are within 20 ms); a reminder due then is
held from that moment. "end -> reminder": from
parecord's end to the Notify call dbus-monitor sees, minus the grace."""

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))

CONFIG = """
[reminder]
sit_limit = "8s"
repeat = "1h"
[activity]
natural_break = "1h"
[hold]
grace = "2s"
"""
GRACE = 2.0


def one_run():
    from harness import Limberd, NotifyLog, wait_for
    from sound_session import MIC, SoundSession, end

    with SoundSession(mic=True) as sound:
        notify = NotifyLog()
        daemon = Limberd(CONFIG)
        daemon.env.update(sound.env)
        daemon.start()
        try:
            opened = time.monotonic()
            call = sound.popen(["parecord", "--raw", "--device", MIC])
            wait_for("busy", lambda: daemon.status()["busy"], timeout=10, interval=0.02)
            busy_at = time.monotonic() - opened
            daemon.wait_status("held", lambda s: s["state"] == "held", timeout=20)
            end(call)
            ended = time.monotonic()
            notify.wait_for("reminder", lambda c: c["summary"].startswith("You have been sitting"), timeout=10)
            released = time.monotonic() - ended - GRACE
        finally:
            daemon.stop()
            notify.close()
    return busy_at, released


def wakeups(seconds, with_pipewire):
    """limberd's context switches (voluntary + involuntary: each is a
    wake-up) over `seconds` with nothing happening, connected to PipeWire
    or with no PipeWire running."""
    from harness import Limberd
    from sound_session import SoundSession

    def switches(pid):
        with open(f"/proc/{pid}/status") as f:
            return sum(int(l.split()[1]) for l in f if "ctxt_switches" in l)

    def measure(env):
        daemon = Limberd('[reminder]\nsit_limit = "8h"\n[activity]\nnatural_break = "1h"\n')
        daemon.env.update(env)
        daemon.start()
        try:
            time.sleep(2)  # start-up settles
            before = switches(daemon.proc.pid)
            time.sleep(seconds)
            return switches(daemon.proc.pid) - before
        finally:
            daemon.stop()

    if not with_pipewire:
        return measure({"PIPEWIRE_RUNTIME_DIR": "/nonexistent"})
    with SoundSession(mic=True) as sound:
        return measure(sound.env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "bin"))
    ap.add_argument("--idle", type=float, default=0, help="measure idle wake-ups over this many seconds instead")
    a = ap.parse_args()
    os.environ["LIMBER_BIN"] = os.path.abspath(a.bin)
    os.environ.setdefault("LIMBER_SOURCE_DIR", os.path.join(HERE, ".."))
    if a.idle:
        print(f"limberd wake-ups in {a.idle:.0f} s idle: without PipeWire {wakeups(a.idle, False)}, "
              f"connected to PipeWire {wakeups(a.idle, True)}")
        return
    busy, release = [], []
    for _ in range(a.runs):
        b, r = one_run()
        busy.append(b)
        release.append(r)
    print(f"mic open -> busy (debounce 1.5 s): median {statistics.median(busy):.2f} s, max {max(busy):.2f} s")
    print(f"call end -> reminder, minus the 2 s grace: median {statistics.median(release):+.2f} s, "
          f"range {min(release):+.2f}..{max(release):+.2f} s over {a.runs} runs")


if __name__ == "__main__":
    main()
