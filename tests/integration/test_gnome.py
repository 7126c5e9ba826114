# SPDX-License-Identifier: MIT
"""GNOME: the real limberd against a real Mutter 43, headless, on the
private session bus. Input goes through Mutter's own input stack: a
RemoteDesktop session's virtual pointer, the way GNOME's remote desktop
moves the mouse. Heavy (the mutter package): scripts/test --heavy."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import Limberd, wait_for
from session_mocks import Mock, dbusmock_python, has_owner

CONFIG = """
[reminder]
sit_limit = "1h"
[activity]
natural_break = "1s"
"""


class Mutter:
    """mutter --headless with one virtual monitor, its Wayland socket in a
    private runtime directory (nothing of ours connects to it)."""

    count = 0

    def __init__(self):
        Mutter.count += 1
        self.runtime = tempfile.mkdtemp(prefix="mutter-", dir=os.environ.get("LIMBER_TEST_DIR"))
        os.chmod(self.runtime, 0o700)
        env = dict(os.environ, XDG_RUNTIME_DIR=self.runtime)
        env.pop("DISPLAY", None)
        self.log = open(os.path.join(self.runtime, "mutter.log"), "w")
        self.proc = subprocess.Popen(
            ["mutter", "--headless", "--wayland", "--no-x11", "--virtual-monitor", "800x600",
             f"--wayland-display=limber-mutter-{os.getpid()}-{Mutter.count}"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("Mutter's idle monitor and remote desktop on the session bus",
                 lambda: self.alive() and has_owner("session", "org.gnome.Mutter.IdleMonitor")
                 and has_owner("session", "org.gnome.Mutter.RemoteDesktop"), timeout=60)

    def alive(self):
        if self.proc.poll() is not None:
            with open(self.log.name) as f:
                raise AssertionError(f"mutter exited with {self.proc.returncode}:\n{f.read()}")
        return True

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)
        self.log.close()
        wait_for("Mutter's name to go", lambda: not has_owner("session", "org.gnome.Mutter.IdleMonitor"))


class Pointer:
    """A RemoteDesktop session's virtual pointer. The session lives as long
    as the D-Bus client that made it, so a helper process holds it."""

    HELPER = (
        "import dbus, sys\n"
        "bus = dbus.SessionBus()\n"
        "rd = bus.get_object('org.gnome.Mutter.RemoteDesktop', '/org/gnome/Mutter/RemoteDesktop')\n"
        "path = rd.CreateSession(dbus_interface='org.gnome.Mutter.RemoteDesktop')\n"
        "session = dbus.Interface(bus.get_object('org.gnome.Mutter.RemoteDesktop', path),\n"
        "                         'org.gnome.Mutter.RemoteDesktop.Session')\n"
        "session.Start()\n"
        "print('ready', flush=True)\n"
        "for line in sys.stdin:\n"
        "    session.NotifyPointerMotionRelative(3.0, 3.0)\n"
        "    print('moved', flush=True)\n")

    def __init__(self):
        self.proc = subprocess.Popen([dbusmock_python(), "-c", self.HELPER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise AssertionError("could not start a Mutter RemoteDesktop session")

    def move(self):
        self.proc.stdin.write("move\n")
        self.proc.stdin.flush()
        if self.proc.stdout.readline().strip() != "moved":
            raise AssertionError("the virtual pointer did not move")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(20)
        self.proc.stdout.close()


def idle_breaks(daemon):
    return daemon.sql("SELECT start_ms, end_ms, open FROM spans WHERE kind = 'break' AND reason = 'idle' ORDER BY id")


@unittest.skipUnless(shutil.which("mutter"), "mutter is not installed (scripts/deps heavy)")
class MutterCase(unittest.TestCase):
    """A headless Mutter and limberd on GNOME, fresh for each test; the
    subclasses hold the tests (the skip is inherited)."""

    def setUp(self):
        self.mutter = Mutter()
        self.daemon = Limberd(CONFIG)
        self.daemon.env["XDG_CURRENT_DESKTOP"] = "GNOME"
        self.daemon.start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0)
        self.mutter.stop()


class MutterIdle(MutterCase):
    def test_gnome_is_chosen_and_idle_past_natural_break_is_a_break_until_input(self):
        doctor = json.loads(self.daemon.ctl("doctor", "--json").stdout)
        self.assertEqual(doctor["idle_backend"], "gnome")
        self.assertEqual(doctor["environment"]["XDG_CURRENT_DESKTOP"], "GNOME")
        gnome = next(p for p in doctor["probes"] if p["kind"] == "activity" and p["name"] == "gnome")
        self.assertTrue(gnome["used"])
        x11 = next(p for p in doctor["probes"] if p["kind"] == "activity" and p["name"] == "x11")
        self.assertFalse(x11["used"], "GNOME goes first, although an X display is there too")

        pointer = Pointer()
        try:
            pointer.move()
            # Then nobody touches anything: Mutter's watches fire, idle then away.
            self.daemon.wait_status("a natural break", lambda s: s["state"] == "away")
            self.assertEqual(idle_breaks(self.daemon)[-1]["open"], 1)
            pointer.move()  # back at the desk: the user-active watch fires
            status = self.daemon.wait_status("sitting again", lambda s: s["state"] == "active" and s["sitting_since"])
            self.assertIsNotNone(status["sitting_since"])
            closed = idle_breaks(self.daemon)[-1]
            self.assertEqual(closed["open"], 0)
            self.assertGreaterEqual(closed["end_ms"] - closed["start_ms"], 1000)
            # The next idle is the next break.
            count = len(idle_breaks(self.daemon))
            self.daemon.wait_status("away again", lambda s: s["state"] == "away")
            self.assertEqual(len(idle_breaks(self.daemon)), count + 1)
        finally:
            pointer.close()

    def test_watches_come_back_when_mutter_does(self):
        self.mutter.stop()
        wait_for("limberd to notice", lambda: "Mutter left the session bus" in self.daemon.read_log())
        self.assertTrue(self.daemon.alive(), "a Mutter restart is not the end of the session")

        self.mutter = Mutter()
        wait_for("the watches added again", lambda: "adding the idle watches again" in self.daemon.read_log())
        self.daemon.wait_status("a natural break", lambda s: s["state"] == "away")
        breaks_before = len(idle_breaks(self.daemon))
        pointer = Pointer()
        try:
            # Only the new Mutter's watches can see this input and the idleness after it.
            pointer.move()
            self.daemon.wait_status("sitting again", lambda s: s["state"] == "active" and s["sitting_since"])
            self.daemon.wait_status("away again", lambda s: s["state"] == "away")
            self.assertEqual(len(idle_breaks(self.daemon)), breaks_before + 1)
        finally:
            pointer.close()


class MutterInhibited(MutterCase):
    """Mutter learns of idle inhibitors from gnome-session's InhibitedActions
    (a mock here: gnome-session needs a whole GNOME) and then holds its watches
    back."""

    IDLE = 8  # GSM_INHIBITOR_FLAG_IDLE

    def setUp(self):
        self.session_manager = Mock("session", "org.gnome.SessionManager", "/org/gnome/SessionManager",
                                    interface="org.gnome.SessionManager")
        self.session_manager.mock("AddProperty", "org.gnome.SessionManager", "InhibitedActions", "<uint32 0>")
        super().setUp()  # Mutter starts with the session manager already on the bus

    def tearDown(self):
        super().tearDown()
        self.session_manager.stop()

    def inhibit(self, flags):
        self.session_manager.mock("UpdateProperties", "org.gnome.SessionManager",
                                  "{'InhibitedActions': <uint32 %d>}" % flags)

    def test_while_idle_is_inhibited_mutter_is_silent_and_the_time_counts_as_sitting(self):
        pointer = Pointer()
        try:
            self.inhibit(self.IDLE)
            pointer.move()
            moved_ms = time.time() * 1000
            self.daemon.wait_status("sitting", lambda s: s["state"] == "active")
            # Past natural_break and then some: Mutter stays silent, so this
            # counts as sitting. Time itself is the condition here.
            wait_for("2.5 s without input", lambda: time.time() * 1000 - moved_ms > 2500)
            self.assertEqual(self.daemon.status()["state"], "active")
            self.assertEqual(idle_breaks(self.daemon), [])

            self.inhibit(0)
            uninhibited_ms = time.time() * 1000
            self.daemon.wait_status("the break, once the inhibitor ends", lambda s: s["state"] == "away")
            # Mutter restarts its idle time when the inhibitor ends, so the
            # break begins there, not at the last input: the inhibited time
            # stays sitting (docs/architecture.md). That is why status and
            # doctor say so while it lasts.
            brk = idle_breaks(self.daemon)[-1]
            self.assertGreater(brk["start_ms"], moved_ms + 2000)
            self.assertLess(abs(brk["start_ms"] - uninhibited_ms), 500)
        finally:
            pointer.close()

if __name__ == "__main__":
    unittest.main()
