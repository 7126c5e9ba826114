# SPDX-License-Identifier: MIT
"""The bench desktop, on top of what tests/run-under-x.sh provides (Xvfb,
a private session bus, dunst, and with LIMBER_TEST_SYSTEM_BUS=1, as bench/run
sets it, a private *system* bus: Safe Eyes will not start without one; every
program gets it, as on a real machine): the xfce4-panel with its
StatusNotifierWatcher when installed (so every tray icon has a host), a
scratch HOME, and a simulated user."""

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

XFCONFD = next(iter(glob.glob("/usr/lib/*/xfce4/xfconf/xfconfd")), "")


def _wait(what, predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench: timed out waiting for {what}")
        time.sleep(0.05)


class Desktop:
    def __init__(self, bin_dir, routines):
        self.bin = bin_dir
        self.routines = routines
        self.home = tempfile.mkdtemp(prefix="bench-", dir=os.environ.get("LIMBER_TEST_DIR"))
        self.logs = os.path.join(self.home, "logs")
        os.makedirs(self.logs)
        run = os.path.join(self.home, "run")
        os.makedirs(run, mode=0o700)
        self.env = dict(os.environ, HOME=self.home,
                        XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
                        XDG_DATA_HOME=os.path.join(self.home, ".local", "share"),
                        XDG_CACHE_HOME=os.path.join(self.home, ".cache"),
                        XDG_RUNTIME_DIR=run)
        self.env.pop("NOTIFY_SOCKET", None)
        self.helpers = []
        self.files = []
        self.panel = False
        self.notes = []

    def _spawn(self, argv, log, env=None, **kw):
        out = open(os.path.join(self.logs, log), "w")
        self.files.append(out)
        p = subprocess.Popen(argv, env=env or self.env, stdout=out, stderr=subprocess.STDOUT, **kw)
        self.helpers.append(p)
        return p

    def start(self, with_panel=True):
        if os.environ.get("LIMBER_TEST_SYSTEM_BUS") != "1":
            raise RuntimeError("bench: no private system bus (Safe Eyes needs one): run under "
                               "LIMBER_TEST_SYSTEM_BUS=1 tests/run-under-x.sh, as bench/run does")

        if with_panel and shutil.which("xfce4-panel") and XFCONFD:
            # The session bus activates nothing, so xfconfd is started by hand.
            self._spawn([XFCONFD], "xfconfd.log")
            _wait("xfconfd", lambda: self._has_name("org.xfce.Xfconf"))
            self._spawn(["xfce4-panel", "--disable-wm-check"], "xfce4-panel.log")
            _wait("xfce4-panel's StatusNotifierWatcher", lambda: self._has_name("org.kde.StatusNotifierWatcher"), 60)
            self.panel = True
        elif with_panel:
            self.notes.append("xfce4-panel is not installed: no tray host, tray icons are not shown")

    def _has_name(self, name):
        r = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                            "org.freedesktop.DBus.NameHasOwner", "string:" + name],
                           env=self.env, capture_output=True, text=True)
        return "boolean true" in r.stdout

    def stop(self):
        for p in reversed(self.helpers):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.helpers:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for f in self.files:
            f.close()


def nudge():
    subprocess.run(["xdotool", "mousemove_relative", "--", "1", "1"], check=False)


class User:
    """A person working: a small mouse move every `every` seconds (xdotool,
    so the X server sees real input events, as the idle counters of all
    three programs do), and a Shift tap every fifth time."""

    def __init__(self, every):
        self.every = every
        self.stop_event = threading.Event()
        self.thread = None
        self.moves = 0

    def start(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        step = 2
        while not self.stop_event.is_set():
            argv = ["xdotool", "mousemove_relative", "--", str(step), str(step)]
            if self.moves % 5 == 4:
                argv += ["key", "shift"]
            subprocess.run(argv, check=False)
            self.moves += 1
            step = -step
            self.stop_event.wait(self.every)

    def stop(self):
        self.stop_event.set()
        if self.thread:
            self.thread.join()
