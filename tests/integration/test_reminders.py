# SPDX-License-Identifier: MIT
"""The main loop on X11, as a user lives it: input builds sitting time, the
reminder appears in dunst with its actions, and its buttons work."""

import json
import subprocess
import unittest

from harness import Limberd, NotifyLog, User, dunst_displayed, dunst_invoke, wait_for

CONFIG = """
[reminder]
sit_limit = "4s"
snooze = "3s"
max_snoozes = 2
repeat = "1m"
[activity]
natural_break = "1m"
[routine]
default = "desk"
"""


def is_reminder(call):
    return call["summary"].startswith("You have been sitting for")


def closed_in_dunst(summary_start):
    """The newest notification in dunst's history whose summary starts so.
    Its "timeout" (microseconds) is what limberd's expire_timeout became:
    the test dunst's default is an hour (tests/run-under-x.sh), 0 is "until
    closed"."""
    out = subprocess.run(["dunstctl", "history"], capture_output=True, text=True, check=True).stdout
    return next((n for n in json.loads(out)["data"][0] if n["summary"]["data"].startswith(summary_start)), None)


class Reminders(unittest.TestCase):
    def setUp(self):
        self.notify = NotifyLog()
        self.daemon = Limberd(CONFIG).start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        self.notify.close()

    def test_sitting_reminder_snooze_and_escalation(self):
        with User():
            status = self.daemon.wait_status("sitting to be counted", lambda s: s["sitting_seconds"] >= 1)
            self.assertEqual(status["idle_backend"], "x11")
            self.assertIn(status["state"], ("active", "idle"))

            first = self.notify.wait_for("the reminder", is_reminder)
            self.assertEqual(set(first["actions"].values()), {"Start routine", "Snooze 3 s", "Skip"})
            self.assertIn("Desk hamstring", first["body"])
            self.assertEqual(first["urgency"], 1)
            self.assertGreaterEqual(dunst_displayed(), 1)
            self.daemon.wait_status("reminding", lambda s: s["state"] == "reminding")

            dunst_invoke("snooze")  # the button, clicked in dunst
            status = self.daemon.wait_status("snoozed", lambda s: s["state"] == "snoozed")
            self.assertEqual(status["snoozes"], 1)
            wait_for("the reminder to be taken down", lambda: dunst_displayed() == 0)

            # It comes back after the snooze; the second snooze in a row
            # reaches max_snoozes and the next showing is critical.
            self.daemon.wait_status("the reminder back", lambda s: s["state"] == "reminding")
            self.daemon.ctl("snooze", "2s")
            critical = self.notify.wait_for("a critical reminder", lambda c: is_reminder(c) and c["urgency"] == 2)
            self.assertIn("snoozed 2 times", critical["body"])

            dunst_invoke("skip")
            status = self.daemon.wait_status("skipped", lambda s: s["state"] in ("active", "idle"))
            self.assertEqual(status["snoozes"], 0)

        events = [e["type"] for e in self.daemon.sql("SELECT type FROM events ORDER BY id")]
        self.assertEqual(events.count("reminder_snoozed"), 2)
        self.assertIn("reminder_skipped", events)

    def test_start_from_the_notification_runs_a_routine(self):
        with User():
            self.notify.wait_for("the reminder", is_reminder)
            dunst_invoke("start")
            status = self.daemon.wait_status("the routine", lambda s: s["state"] == "routine")
            self.assertEqual(status["routine"]["id"], "desk")
            self.assertEqual(status["routine"]["step"], 1)
            step = self.notify.wait_for("the first step", lambda c: "1/" in c["summary"])
            self.assertIn("Desk hamstring", step["summary"])
            self.assertEqual(set(step["actions"].values()), {"Next", "Stop"})
            self.assertIn("hurts", step["body"].lower() + step["body"])  # the safety line

            self.daemon.ctl("next")
            self.daemon.wait_status("step 2", lambda s: s["routine"] and s["routine"]["step"] == 2)
            self.notify.wait_for("the second step", lambda c: "2/" in c["summary"])
            dunst_invoke("next")  # the button on the step notification
            self.daemon.wait_status("step 3", lambda s: s["routine"] and s["routine"]["step"] == 3)

            total = status["routine"]["of"]
            for _ in range(3, total + 1):
                self.daemon.ctl("next")
            status = self.daemon.wait_status("the routine done", lambda s: s["state"] != "routine")
            # Clicked through in seconds: under the minute on the steps that
            # counts as stretching (core/stretch.hpp), so no break, and the
            # sitting goes on instead of starting over.
            self.assertIsNotNone(status["sitting_since"], "a clicked-through routine is no break")
            self.notify.wait_for("the done notification", lambda c: c["summary"].endswith("done"))

        breaks = self.daemon.sql("SELECT reason FROM spans WHERE kind = 'break'")
        self.assertNotIn({"reason": "routine"}, breaks)
        events = [e["type"] for e in self.daemon.sql("SELECT type FROM events")]
        self.assertIn("routine_completed", events)

    def test_stop_on_a_step_notification_ends_the_routine(self):
        with User():
            self.daemon.ctl("start", "desk")
            self.notify.wait_for("the first step", lambda c: "1/" in c["summary"])
            dunst_invoke("stop")  # the button, as a user would press it
            status = self.daemon.wait_status("stopped", lambda s: s["state"] != "routine")
            self.assertIsNone(status["routine"])
        events = [e["type"] for e in self.daemon.sql("SELECT type FROM events")]
        self.assertIn("routine_stopped", events)
        self.assertNotIn("routine_completed", events)

    def test_a_reminder_and_a_step_stay_until_answered(self):
        with User():
            self.notify.wait_for("the reminder", is_reminder)
            wait_for("dunst to show it", lambda: dunst_displayed() >= 1)
            subprocess.run(["dunstctl", "close-all"], check=True)  # into dunst's history
            shown = wait_for("the reminder in dunst's history", lambda: closed_in_dunst("You have been sitting"))
            self.assertEqual(shown["timeout"]["data"], 0, "a reminder must not take the server's default timeout")

            self.daemon.ctl("start", "desk")
            self.notify.wait_for("the first step", lambda c: "1/" in c["summary"])
            wait_for("dunst to show it", lambda: dunst_displayed() >= 1)
            subprocess.run(["dunstctl", "close-all"], check=True)
            shown = wait_for("the step in dunst's history", lambda: closed_in_dunst("Desk hamstring"))
            self.assertEqual(shown["timeout"]["data"], 0, "a step stays for the step")

    def test_stop_and_refusals_from_the_cli(self):
        with User():
            self.daemon.ctl("start", "floor")
            self.daemon.wait_status("the floor routine", lambda s: s["routine"] and s["routine"]["id"] == "floor")
            again = self.daemon.ctl("start", check=False)
            self.assertEqual(again.returncode, 1)
            self.assertIn("already running", again.stderr)
            self.daemon.ctl("stop")
            self.daemon.wait_status("stopped", lambda s: s["routine"] is None)
            nothing = self.daemon.ctl("next", check=False)
            self.assertEqual(nothing.returncode, 1)
            self.assertIn("no routine", nothing.stderr)
            unknown = self.daemon.ctl("start", "cartwheel", check=False)
            self.assertEqual(unknown.returncode, 1)
            self.assertIn("cartwheel", unknown.stderr)


if __name__ == "__main__":
    unittest.main()
