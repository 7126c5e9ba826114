# SPDX-License-Identifier: MIT
"""How each benchmarked program is started on the bench desktop, configured
so that it starts without dialogs and no break falls due during the run
(every program gets the same 45-minute cadence: limberd's `sit_limit`,
Workrave's rest break). What is measured is then what a user pays all day
while the program waits and tracks input."""

import json
import os
import shutil
import signal
import subprocess
import time

from procs import tree

SAFEEYES_CONFIG = "/usr/lib/python3/dist-packages/safeeyes/config/safeeyes.json"


def dbus_names(env):
    r = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                        "org.freedesktop.DBus.ListNames"], env=env, capture_output=True, text=True, timeout=10)
    return r.stdout


def tray_items(env):
    """The StatusNotifierItems the panel's watcher knows about ("" without a panel)."""
    r = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.kde.StatusNotifierWatcher",
                        "/StatusNotifierWatcher", "org.freedesktop.DBus.Properties.Get",
                        "string:org.kde.StatusNotifierWatcher", "string:RegisteredStatusNotifierItems"],
                       env=env, capture_output=True, text=True, timeout=10)
    return r.stdout if r.returncode == 0 else ""


def new_tray_item(env, before):
    """True once the watcher lists an item that was not there `before`."""
    items = set(tray_items(env).split())
    return bool(items - set(before.split()))


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except Exception:  # a program half-way up may answer oddly
            pass
        time.sleep(0.1)
    return False


class Program:
    """A program under test: start() launches it, units() names the process
    trees measured as rows, stop() ends every process it left behind."""

    name = ""

    def __init__(self, bench):
        self.bench = bench
        self.procs = []   # (row label, Popen)
        self.notes = []
        self.files = []
        self.log_names = []  # (row label, log file name)

    def available(self):
        return None  # or a sentence saying why it cannot run here

    def launch(self, label, argv, env, log):
        out = open(os.path.join(self.bench.logs, log), "w")
        self.files.append(out)
        self.log_names.append((label, log))
        p = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append((label, p))
        return p

    def await_ready(self, label, predicate, timeout, what):
        """Waits for `predicate`; a process that dies meanwhile ends the wait
        (dead() then says why), one that is merely slow gets a note."""
        proc = dict(self.procs)[label]
        ready = wait_until(lambda: proc.poll() is not None or predicate(), timeout)
        if proc.poll() is None and not ready:
            self.notes.append(f"{label} did not {what} within {timeout} s")

    def units(self):
        return [(label, p.pid) for label, p in self.procs]

    def dead(self):
        """A sentence for each process that is no longer running, with the
        last line it wrote."""
        out = []
        for label, p in self.procs:
            if p.poll() is not None:
                log = os.path.join(self.bench.logs, dict(self.log_names)[label])
                with open(log, errors="replace") as f:
                    lines = [line.strip() for line in f if line.strip()]
                last = f': "{lines[-1][:200]}"' if lines else ""
                out.append(f"{label} exited with status {p.returncode}{last}")
        return out

    def stop(self):
        for _, p in reversed(self.procs):
            leftovers = tree([p.pid])
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
            for pid in leftovers - {p.pid}:  # children it did not take along
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for f in self.files:
            f.close()


class Limber(Program):
    """limberd, and limber-tray next to it when it has been built."""

    name = "limber"

    def start(self):
        b = self.bench
        home = os.path.join(b.home, "limber")
        os.makedirs(home, exist_ok=True)
        self.socket = os.path.join(home, "limber.sock")
        config = os.path.join(home, "config.toml")
        with open(config, "w") as f:
            f.write("")  # every default: sit_limit 45m, natural_break 5m
        daemon = [os.path.join(b.bin, "limberd"), "--config", config, "--socket", self.socket,
                  "--db", os.path.join(home, "limber.db"), "--routines-dir", b.routines]
        self.launch("limberd", daemon, b.env, "limberd.log")
        self.await_ready("limberd", lambda: os.path.exists(self.socket) and subprocess.run(
            [os.path.join(b.bin, "limberctl"), "--socket", self.socket, "status"],
            env=b.env, capture_output=True, timeout=10).returncode == 0, 30, "answer status")
        tray = os.path.join(b.bin, "limber-tray")
        if os.path.exists(tray):
            before = tray_items(b.env)
            self.launch("limber-tray", [tray, "--socket", self.socket], b.env, "limber-tray.log")
            if b.panel:
                self.await_ready("limber-tray", lambda: new_tray_item(b.env, before), 30,
                                 "register with the panel's StatusNotifierWatcher")


class Workrave(Program):
    name = "workrave"

    def available(self):
        return None if shutil.which("workrave") else "workrave is not installed (bench/run --install)"

    def start(self):
        b = self.bench
        # GSETTINGS_BACKEND=keyfile: settings from a file, so no dconf service
        # is needed (our session bus does not activate services).
        d = os.path.join(b.env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "keyfile"), "w") as f:
            f.write("[org/workrave/timers/micro-pause]\nlimit=2700\n")
        env = dict(b.env, GSETTINGS_BACKEND="keyfile")
        self.launch("workrave", ["workrave"], env, "workrave.log")
        self.await_ready("workrave", lambda: "org.workrave.Workrave" in dbus_names(env), 60,
                         "take its bus name")


class SafeEyes(Program):
    name = "safeeyes"

    def available(self):
        return None if shutil.which("safeeyes") else "safeeyes is not installed (bench/run --install)"

    def start(self):
        b = self.bench
        with open(SAFEEYES_CONFIG) as f:
            config = json.load(f)
        # The shipped config with breaks every 45 min (long ones every 90):
        # Safe Eyes then starts without a first-run copy and no break is due.
        config["short_break_interval"] = 45
        config["long_break_interval"] = 90
        d = os.path.join(b.env["XDG_CONFIG_HOME"], "safeeyes")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "safeeyes.json"), "w") as f:
            json.dump(config, f, indent=2)
        os.makedirs(os.path.join(d, "style"), exist_ok=True)
        shutil.copy(os.path.join(os.path.dirname(SAFEEYES_CONFIG), "style", "safeeyes_style.css"),
                    os.path.join(d, "style"))
        before = tray_items(b.env)
        self.launch("safeeyes", ["safeeyes"], b.env, "safeeyes.log")
        if b.panel:
            self.await_ready("safeeyes", lambda: new_tray_item(b.env, before), 60, "show its tray icon")


ALL = [Limber, Workrave, SafeEyes]
