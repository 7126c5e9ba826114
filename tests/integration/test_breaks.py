# SPDX-License-Identifier: MIT
"""Breaks and history on X11: idle past natural_break is a break from the last
input, pause holds reminders and survives restarts, and a killed daemon loses
at most a minute (and less than natural_break)."""

import json
import os
import signal
import subprocess
import time
import unittest
from datetime import datetime

from harness import LIMBERD, Limberd, NotifyLog, User, nudge, wait_for

CONFIG = """
[reminder]
sit_limit = "3s"
repeat = "1m"
[activity]
natural_break = "2s"
"""


def seconds(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def restarts(daemon, config):
    """Stops the daemon as `systemctl restart` does, then kills it as a crash
    would, each time starting a new one on the same files: yields the way it
    went and the new daemon."""
    for how in (signal.SIGTERM, signal.SIGKILL):
        daemon.stop(how)
        daemon = Limberd(config, home=daemon.home).start()
        yield how.name, daemon


class Breaks(unittest.TestCase):
    def test_idle_past_natural_break_is_a_break_and_withdraws_the_reminder(self):
        notify = NotifyLog()
        daemon = Limberd(CONFIG).start()
        try:
            with User():
                daemon.wait_status("the reminder", lambda s: s["state"] == "reminding")
            # The user leaves: no input from here on.
            status = daemon.wait_status("a natural break", lambda s: s["state"] == "away")
            self.assertIsNone(status["sitting_since"])
            wait_for("the reminder to be withdrawn",
                     lambda: "CloseNotification" in open(notify.path).read())
            breaks = daemon.sql("SELECT reason, start_ms, end_ms, open FROM spans WHERE kind = 'break'")
            self.assertEqual(breaks[-1]["reason"], "idle")
            self.assertEqual(breaks[-1]["open"], 1)
            sitting = daemon.sql("SELECT start_ms, end_ms FROM spans WHERE kind = 'sitting'")[-1]
            self.assertEqual(sitting["end_ms"], breaks[-1]["start_ms"], "the break starts at the last input")

            nudge()  # back at the desk
            status = daemon.wait_status("sitting again", lambda s: s["state"] in ("active", "idle"))
            self.assertIsNotNone(status["sitting_since"])
            closed = daemon.sql("SELECT open, end_ms - start_ms AS ms FROM spans WHERE kind = 'break'")[-1]
            self.assertEqual(closed["open"], 0)
            self.assertGreaterEqual(closed["ms"], 2000)
            events = [e["type"] for e in daemon.sql("SELECT type FROM events")]
            self.assertIn("reminder_withdrawn", events)
        finally:
            self.assertEqual(daemon.stop(), 0)
            notify.close()

    def test_pause_and_resume(self):
        daemon = Limberd(CONFIG).start()
        try:
            out = daemon.ctl("pause", "1h").stdout
            self.assertIn("Paused until", out)
            status = daemon.status()
            self.assertEqual(status["state"], "paused")
            self.assertIsNotNone(status["paused_until"])
            self.assertIsNone(status["next_reminder_at"])
            daemon.ctl("resume")
            self.assertNotEqual(daemon.status()["state"], "paused")
            self.assertEqual(daemon.ctl("resume", check=False).returncode, 1)
            daemon.ctl("pause")
            self.assertIsNone(daemon.status()["paused_until"])
            # A pause past midnight ends tomorrow, and says so.
            daemon.ctl("resume")
            out = daemon.ctl("pause", "24h").stdout
            self.assertRegex(out, r"Paused until tomorrow \d\d:\d\d\.")
        finally:
            daemon.stop()

    def test_sigkill_keeps_history_and_the_next_start_closes_the_open_span(self):
        daemon = Limberd(CONFIG).start()
        with User():
            daemon.wait_status("the reminder", lambda s: s["state"] == "reminding")
        # Then the user leaves: once the break has begun nothing is written
        # until they are back, so what is read here is what the kill leaves.
        daemon.wait_status("a natural break", lambda s: s["state"] == "away")
        before = daemon.sql("SELECT id, end_ms, open FROM spans ORDER BY id")
        self.assertEqual(before[-1]["open"], 1)
        daemon.stop(signal.SIGKILL)
        self.assertTrue(os.path.exists(daemon.socket), "a killed daemon leaves its socket behind")
        # Read once it is dead: exactly what it left in the file.
        events = "SELECT id, at_ms, type, detail FROM events ORDER BY id"
        events_before = daemon.sql(events)
        self.assertIn("reminder_shown", [e["type"] for e in events_before])

        restarted = time.time() * 1000
        again = Limberd(CONFIG, home=daemon.home).start()  # same files; replaces the stale socket
        ready = time.time() * 1000
        try:
            after = again.sql("SELECT id, end_ms, open FROM spans ORDER BY id")
            old = next(s for s in after if s["id"] == before[-1]["id"])
            self.assertEqual(old["open"], 0)
            self.assertEqual(old["end_ms"], before[-1]["end_ms"], "closed at its last checkpoint")
            self.assertEqual(again.sql(f"SELECT reason FROM spans WHERE id > {old['id']} ORDER BY id")[0],
                             {"reason": "shutdown"}, "the time nothing measured was longer than natural_break")
            events_after = again.sql(events)
            self.assertEqual(events_after[:len(events_before)], events_before, "every event from before is kept as it was")
            # The restart adds its own start and nothing else: the user is
            # still away, so no reminder.
            added = events_after[len(events_before):]
            self.assertEqual([(e["type"], json.loads(e["detail"])) for e in added],
                             [("daemon_start", {"idle_backend": "x11"})])
            self.assertTrue(restarted - 1 <= added[0]["at_ms"] <= ready, (restarted, added[0], ready))
            self.assertEqual(again.sql("PRAGMA integrity_check"), [{"integrity_check": "ok"}])
            self.assertEqual(oct(os.stat(again.db).st_mode & 0o777), "0o600")
        finally:
            self.assertEqual(again.stop(), 0)

    def test_a_pause_survives_a_restart_and_a_sigkill(self):
        daemon = Limberd(CONFIG).start()
        daemon.ctl("pause", "1h")
        until = daemon.status()["paused_until"]
        self.assertIsNotNone(until)
        for how, daemon in restarts(daemon, CONFIG):
            status = daemon.status()
            self.assertEqual(status["state"], "paused", how)
            # The same instant; the status reads its clocks a millisecond
            # apart each time, which may tip the printed second.
            self.assertLessEqual(abs(seconds(status["paused_until"]) - seconds(until)), 1, (how, status, until))
            self.assertIn("aused", daemon.ctl("status").stdout, how)
        daemon.ctl("resume")
        daemon.stop()
        daemon = Limberd(CONFIG, home=daemon.home).start()
        try:
            self.assertNotEqual(daemon.status()["state"], "paused", "a resumed pause stays resumed")
        finally:
            daemon.stop()

    def test_the_wait_after_a_skip_survives_a_restart_and_a_sigkill(self):
        # A skip holds the next reminder back a whole sit_limit. A restart
        # inside natural_break goes on with the sitting, which is past its
        # limit: without the skip's end the reminder would come back at once.
        config = '[reminder]\nsit_limit = "15s"\nrepeat = "1m"\n[activity]\nnatural_break = "30s"\n'
        with User():
            daemon = Limberd(config).start()
            daemon.wait_status("the reminder", lambda s: s["state"] == "reminding", timeout=40)
            daemon.ctl("skip")
            until = daemon.status()["next_reminder_at"]
            self.assertIsNotNone(until)
            for how, daemon in restarts(daemon, config):
                status = daemon.status()
                self.assertIn(status["state"], ("active", "idle"), (how, status))
                self.assertLessEqual(abs(seconds(status["next_reminder_at"]) - seconds(until)), 1, (how, status, until))
            try:
                shown = daemon.sql("SELECT count(*) AS n FROM events WHERE type = 'reminder_shown'")
                self.assertEqual(shown, [{"n": 1}], "no reminder since the skip")
            finally:
                daemon.stop()

    def test_a_crash_soon_after_a_short_idle_reopens_the_sitting(self):
        # natural_break under a minute: checkpoints once a minute would leave
        # the last one older than natural_break, and the restart would record
        # a "shutdown" break the user never took.
        config = '[activity]\nnatural_break = "20s"\n'
        with User():
            daemon = Limberd(config).start()
            since = daemon.wait_status("22 s of sitting", lambda s: s["sitting_seconds"] >= 22, timeout=40)
        since = since["sitting_since"]
        daemon.wait_status("a short idle", lambda s: s["state"] == "idle")  # 10 s after the last input
        daemon.stop(signal.SIGKILL)
        again = Limberd(config, home=daemon.home).start()
        try:
            self.assertEqual(again.sql("SELECT reason FROM spans WHERE kind = 'break'"), [],
                             "no shutdown break: the user was away for less than natural_break")
            self.assertEqual(again.status()["sitting_since"], since, "the sitting is reopened")
            self.assertEqual(again.sql("SELECT count(*) AS n FROM spans WHERE open = 1"), [{"n": 1}])
        finally:
            again.stop()

    def test_second_daemon_on_the_same_socket_exits_3(self):
        daemon = Limberd(CONFIG).start()
        try:
            second = subprocess.run(daemon.command(), env=daemon.env, capture_output=True, text=True, timeout=30)
            self.assertEqual(second.returncode, 3)
            self.assertIn("already running", second.stderr)
            self.assertIsNotNone(daemon.status())
        finally:
            daemon.stop()


if __name__ == "__main__":
    unittest.main()
