# SPDX-License-Identifier: MIT
"""Lock, suspend and idle inhibitors with the real limberd: logind is
python3-dbusmock's logind template on a private system bus
(LIMBER_TEST_SYSTEM_BUS=1 in tests/run-under-x.sh), screen savers are
dbusmock objects on the session bus. The daemon runs without an activity
source (--idle-backend none), so every break here comes from the session."""

import json
import os
import time
import unittest

from harness import Limberd, wait_for
from session_mocks import Inhibitor, Logind, ScreenSaver

CONFIG = """
[reminder]
sit_limit = "1h"
[activity]
natural_break = "1s"
"""


def start(config=CONFIG, env=None):
    daemon = Limberd(config, extra_args=["--idle-backend", "none"])
    daemon.env.update(env or {})
    return daemon.start()


def breaks(daemon, reason):
    return daemon.sql(f"SELECT start_ms, end_ms, open FROM spans WHERE kind = 'break' AND reason = '{reason}'")


def probe(doctor, kind, name):
    return next(p for p in doctor["probes"] if p["kind"] == kind and p["name"] == name)


class LogindLock(unittest.TestCase):
    def setUp(self):
        self.logind = Logind()
        self.daemon = start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0)
        self.logind.stop()

    def test_a_lock_longer_than_natural_break_is_a_break_from_its_start(self):
        doctor = json.loads(self.daemon.ctl("doctor", "--json").stdout)
        lock = probe(doctor, "lock", "logind")
        self.assertTrue(lock["used"], lock)
        self.assertIn("/org/freedesktop/login1/session/c1", lock["why"], "the real path, not .../session/auto")
        self.assertIn('GetSession("auto")', lock["why"])

        self.logind.set_locked_hint(True)
        self.assertTrue(self.daemon.wait_status("locked", lambda s: s["locked"])["locked"])
        # natural_break (1s) later the lock becomes a break from its start.
        wait_for("a lock break", lambda: breaks(self.daemon, "lock"))
        sitting = self.daemon.sql("SELECT end_ms, open FROM spans WHERE kind = 'sitting' ORDER BY id")[0]
        lock_break = breaks(self.daemon, "lock")[0]
        self.assertEqual(sitting["open"], 0)
        self.assertEqual(lock_break["start_ms"], sitting["end_ms"], "the break starts where the lock did")

        self.logind.set_locked_hint(False)
        status = self.daemon.wait_status("sitting after unlock", lambda s: not s["locked"] and s["sitting_since"])
        self.assertEqual(status["state"], "active")
        closed = breaks(self.daemon, "lock")[0]
        self.assertEqual(closed["open"], 0)
        self.assertGreaterEqual(closed["end_ms"] - closed["start_ms"], 1000)

    def test_a_short_lock_is_not_a_break(self):
        since = self.daemon.status()["sitting_since"]
        self.logind.set_locked_hint(True)
        self.daemon.wait_status("locked", lambda s: s["locked"])
        self.logind.set_locked_hint(False)
        status = self.daemon.wait_status("unlocked", lambda s: not s["locked"])
        self.assertEqual(status["sitting_since"], since, "the sitting goes on")
        self.assertEqual(breaks(self.daemon, "lock"), [])


class LogindSleep(unittest.TestCase):
    def setUp(self):
        self.logind = Logind()

    def tearDown(self):
        self.logind.stop()

    def test_a_suspend_longer_than_natural_break_is_one_break_and_sitting_starts_over(self):
        daemon = start("[reminder]\nsit_limit = \"4s\"\n[activity]\nnatural_break = \"1s\"\n")
        try:
            wait_for("our delay inhibitor", lambda: "Limber" in self.logind.inhibitors())
            self.assertIn("'sleep', 'Limber', 'record the break before sleeping', 'delay'", self.logind.inhibitors())
            self.logind.prepare_for_sleep(True)
            # Written down before the machine may sleep, then the inhibitor goes.
            wait_for("the sleep event", lambda: daemon.sql("SELECT 1 FROM events WHERE type = 'sleep'"))
            wait_for("the inhibitor released", lambda: "Limber" not in self.logind.inhibitors())
            asleep = time.monotonic()
            # The "sleep" has to outlast natural_break; nothing in the daemon
            # changes meanwhile, so the condition is the time itself.
            wait_for("1.5 s of sleep", lambda: time.monotonic() - asleep > 1.5)
            self.logind.prepare_for_sleep(False)
            woke_ms = time.time() * 1000
            wait_for("the suspend break", lambda: breaks(daemon, "suspend"))
            wait_for("the inhibitor taken again", lambda: "Limber" in self.logind.inhibitors())

            suspend = breaks(daemon, "suspend")
            self.assertEqual(len(suspend), 1, "one break: the clock gap path must not add a second")
            self.assertGreaterEqual(suspend[0]["end_ms"] - suspend[0]["start_ms"], 1500)
            # Sitting starts over at the wake-up: no reminder on the stale
            # sitting from before the sleep (sit_limit is 4 s).
            status = daemon.status()
            self.assertEqual(status["state"], "active")
            self.assertEqual(daemon.sql("SELECT 1 FROM events WHERE type = 'reminder_shown'"), [])
            since = daemon.sql("SELECT start_ms FROM spans WHERE kind = 'sitting' ORDER BY id DESC LIMIT 1")[0]
            self.assertGreaterEqual(since["start_ms"], woke_ms - 1000)
            self.assertTrue(daemon.sql("SELECT 1 FROM events WHERE type = 'wake'"))
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_a_short_suspend_is_not_a_break(self):
        daemon = start()
        try:
            since = daemon.status()["sitting_since"]
            self.logind.prepare_for_sleep(True)
            self.logind.prepare_for_sleep(False)
            wait_for("the wake event", lambda: daemon.sql("SELECT 1 FROM events WHERE type = 'wake'"))
            self.assertEqual(breaks(daemon, "suspend"), [])
            self.assertEqual(daemon.status()["sitting_since"], since)
        finally:
            self.assertEqual(daemon.stop(), 0)


class LogindRestart(unittest.TestCase):
    def test_a_restarted_logind_gets_our_delay_inhibitor_again(self):
        logind = Logind()
        daemon = start()
        try:
            wait_for("our delay inhibitor", lambda: "Limber" in logind.inhibitors())
            logind.stop()  # the mock forgets everything, as a restarted logind would
            logind = Logind()
            wait_for("the inhibitor taken from the new logind", lambda: "Limber" in logind.inhibitors())
            self.assertIn("logind is back on the system bus", daemon.read_log())
        finally:
            self.assertEqual(daemon.stop(), 0)
            logind.stop()


class LogindInhibitors(unittest.TestCase):
    def test_an_idle_inhibitor_shows_in_status_and_doctor(self):
        logind = Logind()
        daemon = start()
        try:
            self.assertFalse(daemon.status()["idle_inhibited"])
            call = Inhibitor("idle", "Video call", "Meeting in progress")
            logind.set_block_inhibited("idle")  # logind does this itself; the mock needs telling
            status = daemon.wait_status("idle inhibited", lambda s: s["idle_inhibited"])
            self.assertEqual(status["idle_inhibitors"], "Video call: Meeting in progress")
            self.assertIn("Idle inhibited: by Video call: Meeting in progress", daemon.ctl("status").stdout)
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            self.assertTrue(doctor["idle_inhibited"])
            self.assertIn("counts as sitting", doctor["idle_inhibited_note"])
            self.assertIn("Video call", probe(doctor, "inhibitors", "logind")["why"])
            self.assertIn("Idle inhibited: yes, by Video call", daemon.ctl("doctor").stdout)
            # The decision (docs/architecture.md): the time still counts as sitting.
            self.assertIsNotNone(status["sitting_since"])

            call.release()
            logind.set_block_inhibited("")
            daemon.wait_status("not inhibited", lambda s: not s["idle_inhibited"])
            self.assertIn("no idle inhibitor", probe(json.loads(daemon.ctl("doctor", "--json").stdout),
                                                     "inhibitors", "logind")["why"])
        finally:
            self.assertEqual(daemon.stop(), 0)
            logind.stop()


class LogindSessionLookup(unittest.TestCase):
    def lock_probe(self, env=None):
        daemon = start(env=env)
        try:
            return probe(json.loads(daemon.ctl("doctor", "--json").stdout), "lock", "logind")
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_outside_a_session_xdg_session_id_then_the_pid_find_it(self):
        logind = Logind(session="c7", auto=False)
        try:
            by_id = self.lock_probe({"XDG_SESSION_ID": "c7"})
            self.assertTrue(by_id["used"])
            self.assertIn("XDG_SESSION_ID=c7", by_id["why"])
            self.assertIn("/org/freedesktop/login1/session/c7", by_id["why"])
            by_pid = self.lock_probe({"XDG_SESSION_ID": ""})
            self.assertIn("GetSessionByPID(", by_pid["why"])
        finally:
            logind.stop()

    def test_no_session_at_all_disables_only_the_lock(self):
        logind = Logind(auto=False, by_pid=False)
        daemon = start(env={"XDG_SESSION_ID": ""})
        try:
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            lock = probe(doctor, "lock", "logind")
            self.assertFalse(lock["used"])
            self.assertIn("Caller does not belong to any known session", lock["why"])
            self.assertTrue(probe(doctor, "sleep", "logind")["used"])
        finally:
            self.assertEqual(daemon.stop(), 0)
            logind.stop()


class WithoutLogind(unittest.TestCase):
    def test_no_logind_or_no_system_bus_is_said_and_the_clock_stays_the_backup(self):
        for env, why in (({}, "org.freedesktop.login1 is not on the system bus"),
                         ({"DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent/bus"}, "no system bus")):
            daemon = start(env=env)
            try:
                doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
                for kind in ("lock", "sleep", "inhibitors"):
                    p = probe(doctor, kind, "logind")
                    self.assertFalse(p["used"])
                    self.assertIn(why, p["why"])
                self.assertTrue(probe(doctor, "sleep", "clock")["used"])
                text = daemon.ctl("doctor").stdout
                self.assertIn("Suspend:", text)
                self.assertIn(why, text)
            finally:
                self.assertEqual(daemon.stop(), 0)


class ScreenSavers(unittest.TestCase):
    def test_freedesktop_screensaver_active_for_long_is_a_lock_break(self):
        saver = ScreenSaver("org.freedesktop.ScreenSaver")
        daemon = start()
        try:
            self.assertIn("running now", probe(json.loads(daemon.ctl("doctor", "--json").stdout), "lock",
                                               "org.freedesktop.ScreenSaver")["why"])
            saver.set_active(True)
            daemon.wait_status("locked", lambda s: s["locked"])
            wait_for("a lock break", lambda: breaks(daemon, "lock"))
            saver.set_active(False)
            daemon.wait_status("sitting again", lambda s: not s["locked"] and s["sitting_since"])
        finally:
            self.assertEqual(daemon.stop(), 0)
            saver.stop()

    def test_gnome_screensaver_and_logind_unlock_only_when_both_do(self):
        logind = Logind()
        saver = ScreenSaver("org.gnome.ScreenSaver")
        daemon = start()
        try:
            saver.set_active(True)
            logind.set_locked_hint(True)
            daemon.wait_status("locked", lambda s: s["locked"])
            logind.set_locked_hint(False)
            # The mock answers in order: once GetActive says so, the daemon has
            # seen the LockedHint change too.
            wait_for("logind's unlock", lambda: "locked now" not in probe(
                json.loads(daemon.ctl("doctor", "--json").stdout), "lock", "logind")["why"])
            self.assertTrue(daemon.status()["locked"], "GNOME's screen saver is still active")
            saver.set_active(False)
            daemon.wait_status("unlocked", lambda s: not s["locked"])
        finally:
            self.assertEqual(daemon.stop(), 0)
            saver.stop()
            logind.stop()

    def test_a_screensaver_that_quits_while_active_does_not_hold_the_lock(self):
        saver = ScreenSaver("org.freedesktop.ScreenSaver")
        daemon = start()
        try:
            saver.set_active(True)
            daemon.wait_status("locked", lambda s: s["locked"])
            saver.stop()
            daemon.wait_status("unlocked", lambda s: not s["locked"])
            self.assertIn("not running now", probe(json.loads(daemon.ctl("doctor", "--json").stdout), "lock",
                                                   "org.freedesktop.ScreenSaver")["why"])
        finally:
            self.assertEqual(daemon.stop(), 0)


if __name__ == "__main__":
    unittest.main()
