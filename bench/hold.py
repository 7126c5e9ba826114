#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How fast a busy time holds a reminder and how exactly its end releases
it (issue 12), for each source limberd can run here.

Run under the test desktop (dunst receives the reminder):
    tests/run-under-x.sh python3 bench/hold.py [--source S] [--runs N] [--bin build/bin]

Per run: limberd with sit_limit 8 s, grace 2 s and [hold] sources naming
only the source measured, then the busy time begins:
  mic         parecord from the virtual microphone of the private PipeWire
              (tests/integration/sound_session.py); debounced 1.5 s
  camera      a running PipeWire camera node (tests/integration/video_streams.py)
  screencast  a running screencast node, likewise
  fullscreen  an xmessage window made fullscreen with wmctrl under openbox
  wayland-fullscreen
              a window of tests/integration/wayland_window.py made
              fullscreen on headless sway (zwlr_foreign_toplevel_management_v1);
              limberd gets WAYLAND_DISPLAY and no DISPLAY
  dnd         dunstctl set-paused true
"begins -> busy": from the busy time's start to `status` listing it
(status is asked every 20 ms, so figures are within 20 ms). For the video
nodes the start is when the node is seen running, which the helper learns
by polling pw-dump: the figure leaves out up to one poll. "end ->
reminder": from the busy time's end to the Notify call dbus-monitor sees,
minus the grace (do-not-disturb has none)."""

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
sources = ["{kind}"]
"""
GRACE = 2.0
SOURCES = {"mic": "microphone", "camera": "camera", "screencast": "screencast", "fullscreen": "fullscreen",
           "wayland-fullscreen": "fullscreen", "dnd": "dnd"}


def begin(source, stack):
    """Starts the busy time; returns (when it started, how to end it)."""
    from sound_session import MIC, SoundSession, end
    from video_streams import CAMERA, SCREENCAST, VideoStream

    if source in ("mic", "camera", "screencast"):
        sound = stack.enter_context(SoundSession(mic=source == "mic"))
        env = sound.env
        if source == "mic":
            return env, lambda: (time.monotonic(), sound.popen(["parecord", "--raw", "--device", MIC])), end
        stream = VideoStream(sound, CAMERA if source == "camera" else SCREENCAST)
        stack.callback(stream.stop)

        def run_stream():
            stream.start()  # returns once the node is seen running
            return time.monotonic(), stream
        return env, run_stream, lambda s: s.stop()
    if source == "fullscreen":
        from test_hold_fullscreen import Desktop
        desktop = Desktop()
        stack.callback(desktop.stop)
        desktop.start_wm()
        desktop.open_window()
        return {}, lambda: (time.monotonic(), desktop.fullscreen(True)), lambda _: desktop.fullscreen(False)
    if source == "wayland-fullscreen":
        from wayland_session import Sway
        from wayland_window import Window
        sway = Sway().start()
        stack.callback(sway.stop)
        window = Window(sway.socket, "limber-bench-window")
        stack.callback(window.close)
        # The time is taken before the request goes out; fullscreen()
        # returns once sway has configured the window.
        return ({"WAYLAND_DISPLAY": sway.socket}, lambda: (time.monotonic(), window.fullscreen(True)),
                lambda _: window.fullscreen(False))
    from test_hold import set_paused
    stack.callback(set_paused, False)
    return {}, lambda: (time.monotonic(), set_paused(True)), lambda _: set_paused(False)


def one_run(source):
    from contextlib import ExitStack
    from harness import Limberd, NotifyLog, wait_for

    with ExitStack() as stack:
        env, start, stop = begin(source, stack)
        notify = NotifyLog()
        stack.callback(notify.close)
        daemon = Limberd(CONFIG.replace("{kind}", SOURCES[source]))
        daemon.env.update(env)
        if "WAYLAND_DISPLAY" in env:
            daemon.env.pop("DISPLAY", None)  # else the X11 source would be asked too
        daemon.start()
        stack.callback(daemon.stop)
        began, handle = start()
        wait_for("busy", lambda: daemon.status()["busy"], timeout=10, interval=0.02)
        busy_at = time.monotonic() - began
        daemon.wait_status("held", lambda s: s["state"] == "held", timeout=20)
        stop(handle)
        ended = time.monotonic()
        notify.wait_for("reminder", lambda c: c["summary"].startswith("You have been sitting"), timeout=10)
        released = time.monotonic() - ended - (0 if source == "dnd" else GRACE)
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
            # Start-up settles, and with no PipeWire its six quick retries
            # (6.3 s in all, src/desktop/pipewire_busy.cpp) are over.
            time.sleep(8)
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
    ap.add_argument("--source", choices=sorted(SOURCES), default="mic")
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
        b, r = one_run(a.source)
        busy.append(b)
        release.append(r)
    grace = "no grace" if a.source == "dnd" else "minus the 2 s grace"
    print(f"{a.source}: begins -> busy: median {statistics.median(busy):.2f} s, max {max(busy):.2f} s")
    print(f"{a.source}: end -> reminder, {grace}: median {statistics.median(release):+.2f} s, "
          f"range {min(release):+.2f}..{max(release):+.2f} s over {a.runs} runs")


if __name__ == "__main__":
    main()
