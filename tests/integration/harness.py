# SPDX-License-Identifier: MIT
"""Helpers for integration tests: the real limberd and limberctl binaries on
a private desktop (tests/run-under-x.sh provides Xvfb, a session bus and
dunst). Every wait is on a condition with a deadline, never a fixed sleep."""

import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time

BIN = os.environ.get("LIMBER_BIN", "")
LIMBERD = os.path.join(BIN, "limberd")
LIMBERCTL = os.path.join(BIN, "limberctl")
SOURCE = os.environ.get("LIMBER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
ROUTINES = os.path.join(SOURCE, "routines")


class Timeout(AssertionError):
    pass


def wait_for(what, predicate, timeout=20.0, interval=0.05):
    """Polls predicate until it returns something truthy; returns that."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
        except Exception as e:  # a daemon between states may answer oddly
            last = e
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval)
    raise Timeout(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


class Limberd:
    """One daemon with its own config, socket, database and XDG dirs."""

    def __init__(self, config="", home=None, extra_args=()):
        self.home = home or tempfile.mkdtemp(prefix="limberd-", dir=os.environ.get("LIMBER_TEST_DIR"))
        self.config = os.path.join(self.home, "config.toml")
        self.socket = os.path.join(self.home, "run", "limber.sock")
        self.db = os.path.join(self.home, "data", "limber.db")
        self.log = os.path.join(self.home, "limberd.log")
        self.extra_args = list(extra_args)
        self.proc = None
        with open(self.config, "w") as f:
            f.write(config)
        self.env = dict(os.environ,
                        XDG_CONFIG_HOME=os.path.join(self.home, "xdg-config"),
                        XDG_DATA_HOME=os.path.join(self.home, "xdg-data"),
                        XDG_RUNTIME_DIR=os.path.join(self.home, "xdg-run"))

    def command(self):
        return [LIMBERD, "--config", self.config, "--socket", self.socket, "--db", self.db,
                "--routines-dir", ROUTINES, "--log-level", "debug"] + self.extra_args

    def start(self, wait=True):
        self.logfile = open(self.log, "a")
        self.proc = subprocess.Popen(self.command(), env=self.env, stdout=self.logfile, stderr=subprocess.STDOUT)
        if wait:
            wait_for("limberd to answer hello", lambda: self.alive() and self.try_status() is not None)
        return self

    def alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"limberd exited with {self.proc.returncode}:\n{self.read_log()}")
        return True

    def read_log(self):
        with open(self.log) as f:
            return f.read()

    def ctl(self, *args, check=True):
        r = subprocess.run([LIMBERCTL, "--socket", self.socket, *args], env=self.env,
                           capture_output=True, text=True, timeout=30)
        if check and r.returncode != 0:
            raise AssertionError(f"limberctl {' '.join(args)} exited {r.returncode}: {r.stderr}")
        return r

    def try_status(self):
        r = self.ctl("status", "--json", check=False)
        return json.loads(r.stdout) if r.returncode == 0 else None

    def status(self):
        return json.loads(self.ctl("status", "--json").stdout)

    def probe(self, name):
        """The doctor probe of that name, as limberd says it now."""
        doctor = json.loads(self.ctl("doctor", "--json").stdout)
        return next(p for p in doctor["probes"] if p["name"] == name)

    def wait_status(self, what, predicate, timeout=20.0):
        return wait_for(what, lambda: (lambda s: s if predicate(s) else None)(self.status()), timeout)

    def stop(self, sig=signal.SIGTERM, timeout=20.0):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout)
        if self.proc:
            self.logfile.close()
        return self.proc.returncode

    def sql(self, query):
        """Reads the database as another process would, with the sqlite3 CLI."""
        r = subprocess.run(["sqlite3", "-json", "file:" + self.db + "?mode=ro", query],
                           capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise AssertionError(f"sqlite3 failed: {r.stderr}")
        return json.loads(r.stdout) if r.stdout.strip() else []


class User:
    """A person at the keyboard: moves the mouse every `every` seconds with
    xdotool until stopped. This simulates input, it does not wait for it."""

    def __init__(self, every=0.3):
        self.every = every
        self.stop_event = threading.Event()
        self.thread = None

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        step = 1
        while not self.stop_event.is_set():
            subprocess.run(["xdotool", "mousemove_relative", "--", str(step), str(step)], check=False)
            step = -step
            self.stop_event.wait(self.every)

    def __exit__(self, *exc):
        self.stop_event.set()
        self.thread.join()


def nudge():
    subprocess.run(["xdotool", "mousemove_relative", "--", "3", "3"], check=True)


def hints_of(block):
    """A Notify call's hints as dbus-monitor prints them: {name: value},
    strings as str, numbers as int, booleans as bool."""
    hints = {}
    for name, kind, value in re.findall(r'dict entry\(\s*\n\s*string "([^"]*)"\s*\n\s*variant\s+(\w+) (.*)', block):
        if kind == "string":
            hints[name] = re.match(r'"((?:[^"\\]|\\.)*)"', value).group(1)
        elif kind == "boolean":
            hints[name] = value.strip() == "true"
        else:
            hints[name] = int(value)
    return hints


class NotifyLog:
    """Every Notify call on the session bus, read with dbus-monitor: what
    limberd asked the notification server to show, actions included."""

    def __init__(self):
        self.path = tempfile.mktemp(prefix="notify-", dir=os.environ.get("LIMBER_TEST_DIR"))
        self.out = open(self.path, "w")
        self.proc = subprocess.Popen(
            ["dbus-monitor", "--session", "type='method_call',interface='org.freedesktop.Notifications'"],
            stdout=self.out, stderr=subprocess.DEVNULL)
        # dbus-monitor prints its own NameAcquired signal once it listens.
        wait_for("dbus-monitor to listen", lambda: os.path.getsize(self.path) > 0)

    def calls(self):
        with open(self.path) as f:
            text = f.read()
        calls = []
        for block in re.split(r"\n(?=method call)", text):
            if "member=Notify" not in block.split("\n", 1)[0]:
                continue
            strings = re.findall(r'^\s*string "((?:[^"\\]|\\.)*)"', block, re.M)
            urgency = re.search(r'string "urgency"\s*\n\s*variant\s+byte (\d+)', block)
            # app_name, icon, summary, body, then the actions array (key, label, ...)
            actions = []
            lines = block.split("\n")
            start = next((i for i, line in enumerate(lines) if line.strip() == "array ["), None)
            if start is not None:
                for line in lines[start + 1:]:
                    if line.strip() == "]":
                        break
                    m = re.match(r'\s*string "((?:[^"\\]|\\.)*)"', line)
                    if m:
                        actions.append(m.group(1))
            replaces = re.search(r"^\s*uint32 (\d+)", block, re.M)
            expires = re.findall(r"^\s*int32 (-?\d+)\s*$", block, re.M)
            calls.append({"summary": strings[2] if len(strings) > 2 else "",
                          "body": strings[3] if len(strings) > 3 else "",
                          "actions": dict(zip(actions[0::2], actions[1::2])),
                          "urgency": int(urgency.group(1)) if urgency else 1,
                          "hints": hints_of(block),
                          "replaces_id": int(replaces.group(1)) if replaces else None,
                          "expire_timeout": int(expires[-1]) if expires else None})
        return calls

    def wait_for(self, what, predicate, timeout=20.0):
        return wait_for(what, lambda: next((c for c in reversed(self.calls()) if predicate(c)), None), timeout)

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        self.out.close()


def dunst_displayed():
    r = subprocess.run(["dunstctl", "count", "displayed"], capture_output=True, text=True)
    return int(r.stdout.strip() or 0)


def dunst_invoke(action_key):
    """Clicks an action button as a user would, through dunst's context menu."""
    with open(os.environ["LIMBER_TEST_ACTION"], "w") as f:
        f.write(action_key)
    subprocess.run(["dunstctl", "context"], check=True)


def connect_raw(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s
