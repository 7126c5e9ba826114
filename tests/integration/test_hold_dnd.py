# SPDX-License-Identifier: MIT
"""Do-not-disturb of the desktops other than dunst, with their real
settings services on the test's session bus: Xfce's xfconfd (turned on and
off with xfconf-query, as xfce4-notifyd's switch does) and GNOME's dconf
(gsettings set org.gnome.desktop.notifications show-banners). Each holds a
due reminder and releases it at once when turned off. KDE Plasma cannot
run here: tests/unit/session_test.cpp stands one in."""

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
        self.notify = NotifyLog()
        self.daemon = Limberd(CONFIG)
        self.service = self.start_service(self.daemon.env)

    def tearDown(self):
        try:
            self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        finally:
            self.service.stop()
            self.notify.close()

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


class XfceDoNotDisturb(DoNotDisturb, unittest.TestCase):
    WHO = "Xfce"
    PROBE = "xfce do-not-disturb"

    def start_service(self, env):
        env = dict(env, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="xfconf-", dir=os.environ.get("LIMBER_TEST_DIR")))
        return Service(daemon_binary("/usr/lib/*/xfce4/xfconf/xfconfd"), env, "org.xfce.Xfconf")

    def set_dnd(self, on):
        self.service.run("xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n", "-t", "bool",
                         "-s", "true" if on else "false")


class GnomeDoNotDisturb(DoNotDisturb, unittest.TestCase):
    WHO = "GNOME"
    PROBE = "GNOME do-not-disturb"

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


if __name__ == "__main__":
    unittest.main()
