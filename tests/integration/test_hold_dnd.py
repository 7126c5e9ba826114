# SPDX-License-Identifier: MIT
"""Do-not-disturb of the desktops other than dunst, with their real
settings services on the test's session bus: Xfce's xfconfd (turned on and
off with xfconf-query, as xfce4-notifyd's switch does) and GNOME's dconf
(gsettings set org.gnome.desktop.notifications show-banners). Each holds a
due reminder and releases it at once when turned off, in its own desktop's
session only: on another desktop it is a setting left behind and holds
nothing. KDE Plasma cannot run here: tests/unit/session_test.cpp stands
one in."""

import glob
import os
import subprocess
import tempfile
import unittest

from harness import Limberd, NotifyLog, User, wait_for
from test_hold import CONFIG, is_reminder


def daemon_binary(pattern):
    found = sorted(glob.glob(pattern))
    if not found:
        raise AssertionError(f"{pattern} is missing: run scripts/deps test")
    return found[0]


class Service:
    """A settings daemon started by hand (the test bus activates nothing),
    with the environment its clients use, stopped by pid."""

    def __init__(self, binary, env, name):
        self.env = env
        self.proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"{name} on the session bus", lambda: self.proc.poll() is None and name in subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
             "--method", "org.freedesktop.DBus.ListNames"], capture_output=True, text=True).stdout)

    def run(self, *args):
        subprocess.run(list(args), env=self.env, check=True, capture_output=True, timeout=30)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class DoNotDisturb:
    """What every desktop's case does: on holds, off releases at once."""

    def setUp(self):
        # Cleanups run even when setUp fails halfway.
        self.notify = NotifyLog()
        self.addCleanup(self.notify.close)
        self.daemon = Limberd(CONFIG)
        self.daemon.env["XDG_CURRENT_DESKTOP"] = self.DESKTOP
        self.service = self.start_service(self.daemon.env)
        self.addCleanup(self.service.stop)

    def tearDown(self):
        if self.daemon.proc:
            self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())

    def test_on_holds_and_off_releases_at_once(self):
        self.set_dnd(True)
        self.daemon.start()
        with User():
            status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            self.assertEqual(status["held"]["kind"], "dnd")
            self.assertIn("dnd: " + self.WHO, status["busy"])
            self.assertFalse([c for c in self.notify.calls() if is_reminder(c)], "shown while held")
            self.assertRegex(self.daemon.ctl("doctor", "--json").stdout,
                             r'"name":\s*"' + self.PROBE + r'",\s*"used":\s*true')

            self.set_dnd(False)
            shown = self.notify.wait_for("the released reminder", is_reminder, timeout=5)
            self.assertIn("while you were busy", shown["body"])

    def test_turned_on_while_running_holds_the_next_reminder(self):
        self.daemon.start()
        self.set_dnd(True)
        self.daemon.wait_status("busy with do-not-disturb", lambda s: "dnd: " + self.WHO in s["busy"])
        with User():
            self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")

    def test_on_another_desktop_it_holds_nothing(self):
        # The user tried this desktop once and left do-not-disturb on; now
        # they run sway, where that switch is nowhere to be seen.
        self.set_dnd(True)
        self.daemon.env["XDG_CURRENT_DESKTOP"] = "sway"
        self.daemon.start()
        with User():
            self.notify.wait_for("the reminder, not held", is_reminder, timeout=15)
        self.assertNotIn("dnd", " ".join(self.daemon.status()["busy"]))
        self.assertRegex(self.daemon.ctl("doctor").stdout,
                         rf'not used +{self.PROBE} +not {self.SESSION} \(XDG_CURRENT_DESKTOP is "sway"\)')


class XfceDoNotDisturb(DoNotDisturb, unittest.TestCase):
    WHO = "Xfce"
    PROBE = "xfce do-not-disturb"
    DESKTOP = "XFCE"
    SESSION = "an Xfce session"

    def start_service(self, env):
        env = dict(env, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="xfconf-", dir=os.environ.get("LIMBER_TEST_DIR")))
        return Service(daemon_binary("/usr/lib/*/xfce4/xfconf/xfconfd"), env, "org.xfce.Xfconf")

    def set_dnd(self, on):
        self.service.run("xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n", "-t", "bool",
                         "-s", "true" if on else "false")


class GnomeDoNotDisturb(DoNotDisturb, unittest.TestCase):
    WHO = "GNOME"
    PROBE = "GNOME do-not-disturb"
    DESKTOP = "ubuntu:GNOME"  # a list, as Ubuntu's GNOME sets it
    SESSION = "a GNOME session"

    def start_service(self, env):
        # dconf's clients read the database file and its shared-memory flag
        # themselves: the service must see limberd's XDG directories.
        return Service("/usr/libexec/dconf-service", dict(env, GSETTINGS_BACKEND="dconf"), "ca.desrt.dconf")

    def set_dnd(self, on):
        self.service.run("gsettings", "set", "org.gnome.desktop.notifications", "show-banners",
                         "false" if on else "true")

    def test_without_the_schema_doctor_says_so(self):
        empty = tempfile.mkdtemp(prefix="schemas-", dir=os.environ.get("LIMBER_TEST_DIR"))
        self.daemon.env.update(GSETTINGS_SCHEMA_DIR=empty, XDG_DATA_DIRS=empty)
        self.daemon.start()
        wait_for("doctor to name the missing schema", lambda: "no GSettings schema org.gnome.desktop.notifications"
                 in self.daemon.ctl("doctor").stdout)

    def test_without_dconf_doctor_says_so(self):
        # GIO's fallback keeps settings in the daemon's own memory: it
        # would answer the default forever, so doctor must not call the
        # source used.
        self.daemon.env["GSETTINGS_BACKEND"] = "memory"
        self.daemon.start()
        wait_for("doctor to say dconf is missing", lambda: "GSettings has no dconf backend here"
                 in self.daemon.ctl("doctor").stdout)
        self.assertRegex(self.daemon.ctl("doctor", "--json").stdout,
                         r'"name":\s*"GNOME do-not-disturb",\s*"used":\s*false')


if __name__ == "__main__":
    unittest.main()
