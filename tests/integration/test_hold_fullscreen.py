# SPDX-License-Identifier: MIT
"""A fullscreen window with the focus holds reminders, with real parts: the
test desktop's Xvfb, openbox as its EWMH window manager, an xmessage
window made fullscreen with wmctrl. Leaving fullscreen brings the reminder
after the grace; with fullscreen not in [hold] sources nothing is held
until a saved config names it;
without a window manager doctor says why, and notices one that starts."""

import subprocess
import tempfile
import time
import unittest

from harness import Limberd, NotifyLog, User, wait_for
from test_hold import CONFIG, is_reminder

TITLE = "limber-fullscreen-test"
FULLSCREEN = CONFIG.replace('[hold]\n', '[hold]\nsources = ["fullscreen"]\n')


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=30)


def has_wm():
    """EWMH's test: the root names a check window that names itself (a
    window manager that exited leaves the root's property behind)."""
    out = run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK").stdout
    if "window id" not in out:
        return False
    check = out.split("#")[-1].strip()
    return check in run("xprop", "-id", check, "_NET_SUPPORTING_WM_CHECK").stdout


class Desktop:
    """openbox and one xmessage window, stopped by pid. openbox's stderr
    goes to a file a failure quotes."""

    def __init__(self):
        self.procs = []
        self.wm = None
        self.wm_log = tempfile.NamedTemporaryFile(prefix="openbox-", suffix=".log")

    def start_wm(self):
        # A window manager that was just stopped may still own WM_S0 until
        # the X server has read its hang-up; openbox would then refuse to
        # start, and the root would still name the old check window.
        wait_for("the last window manager to be gone", lambda: not has_wm())
        self.wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=self.wm_log)
        self.procs.append(self.wm)
        self.while_wm_runs("openbox to manage the screen", has_wm)

    def while_wm_runs(self, what, predicate):
        """wait_for that gives up at once, with openbox's stderr, if openbox
        exits (wait_for itself swallows a predicate's exceptions)."""
        wait_for(what, lambda: self.wm.poll() is not None or predicate(), timeout=60)
        if self.wm.poll() is not None:
            with open(self.wm_log.name) as f:
                raise AssertionError(f"openbox exited with {self.wm.returncode} waiting for {what}: {f.read()}")

    def open_window(self):
        self.procs.append(subprocess.Popen(["xmessage", "-title", TITLE, "a window to go fullscreen"],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.while_wm_runs("the window to be managed", lambda: TITLE in run("wmctrl", "-l").stdout)
        self.focus()

    def focus(self):
        run("wmctrl", "-a", TITLE)
        wait_for("the window to have the focus", lambda: self.window_id() == self.active_id())

    def window_id(self):
        for line in run("wmctrl", "-l").stdout.splitlines():
            if TITLE in line:
                return int(line.split()[0], 16)
        return None

    def active_id(self):
        out = run("xprop", "-root", "_NET_ACTIVE_WINDOW").stdout  # "... window id # 0x400005"
        return int(out.split("#")[-1].strip().split(",")[0], 16) if "#" in out else None

    def fullscreen(self, on):
        run("wmctrl", "-r", TITLE, "-b", ("add" if on else "remove") + ",fullscreen")
        wait_for("the window's fullscreen state", lambda: ("_NET_WM_STATE_FULLSCREEN" in run(
            "xprop", "-id", str(self.window_id()), "_NET_WM_STATE").stdout) == on)

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(10)
        self.procs = []
        self.wm_log.close()


class FullscreenHold(unittest.TestCase):
    def setUp(self):
        # Cleanups, not tearDown: they run when setUp fails halfway too, so
        # an openbox left running cannot spoil the next test.
        self.desktop = Desktop()
        self.addCleanup(self.desktop.stop)
        self.desktop.start_wm()
        self.desktop.open_window()
        self.notify = NotifyLog()
        self.addCleanup(self.notify.close)
        self.daemon = None

    def tearDown(self):
        if self.daemon:
            self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())

    def reminders(self):
        return [c for c in self.notify.calls() if is_reminder(c)]

    def test_fullscreen_holds_and_leaving_it_brings_the_reminder_after_the_grace(self):
        self.desktop.fullscreen(True)
        self.daemon = Limberd(FULLSCREEN).start()
        doctor = self.daemon.ctl("doctor", "--json").stdout
        self.assertRegex(doctor, r'"name":\s*"x11 fullscreen",\s*"used":\s*true')
        self.assertIn("not a Wayland session", doctor)  # the wlroots source, beside it
        with User():
            status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            self.assertEqual(status["held"]["kind"], "fullscreen")
            self.assertIn("fullscreen: Xmessage", status["busy"])
            text = self.daemon.ctl("status").stdout
            self.assertIn("held", text)
            self.assertIn("fullscreen: Xmessage", text)
            self.assertEqual(self.reminders(), [])

            self.desktop.fullscreen(False)
            left = time.monotonic()
            self.notify.wait_for("the reminder after fullscreen", is_reminder, timeout=10)
            waited = time.monotonic() - left
            self.assertGreaterEqual(waited, 1.5)
            self.assertLess(waited, 4.0)
        rows = self.daemon.sql("select detail from events where type = 'reminder_released'")
        self.assertEqual(len(rows), 1)
        self.assertIn('"why":"grace"', rows[0]["detail"].replace(" ", ""))

    def test_another_window_taking_the_focus_releases(self):
        self.desktop.fullscreen(True)
        self.daemon = Limberd(FULLSCREEN).start()
        with User():
            self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            other = subprocess.Popen(["xmessage", "-title", "limber-other", "another window"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.desktop.procs.append(other)
            wait_for("the other window managed", lambda: "limber-other" in run("wmctrl", "-l").stdout)
            run("wmctrl", "-a", "limber-other")
            self.notify.wait_for("the reminder once the focus moved", is_reminder, timeout=10)

    def test_fullscreen_not_in_sources_holds_nothing(self):
        self.desktop.fullscreen(True)
        self.daemon = Limberd(CONFIG).start()
        with User():
            self.notify.wait_for("the reminder", is_reminder, timeout=15)
            self.assertIsNone(self.daemon.status().get("held"))
        doctor = self.daemon.ctl("doctor").stdout
        self.assertIn("[hold] sources do not name fullscreen", doctor)

        # Named in a saved config: the source starts without a restart.
        with open(self.daemon.config, "w") as f:
            f.write(FULLSCREEN)
        self.daemon.wait_status("busy with the fullscreen window once reloaded",
                                lambda s: "fullscreen: Xmessage" in s["busy"])
        self.assertNotIn("[hold] sources do not name fullscreen", self.daemon.ctl("doctor").stdout)


class NoWindowManager(unittest.TestCase):
    def setUp(self):
        self.desktop = Desktop()
        self.addCleanup(self.desktop.stop)
        self.daemon = Limberd(FULLSCREEN).start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())

    def test_doctor_says_there_is_no_window_manager_until_one_starts(self):
        self.assertFalse(has_wm(), "a window manager left over from another test")
        doctor = self.daemon.ctl("doctor").stdout
        self.assertIn("no EWMH window manager", doctor)
        self.desktop.start_wm()
        self.desktop.open_window()
        self.desktop.fullscreen(True)
        self.daemon.wait_status("busy with the fullscreen window", lambda s: "fullscreen: Xmessage" in s["busy"])
        wait_for("doctor to see openbox", lambda: "Openbox's _NET_ACTIVE_WINDOW" in self.daemon.ctl("doctor").stdout)


if __name__ == "__main__":
    unittest.main()
