# SPDX-License-Identifier: MIT
"""Reminders that wait for the end of a busy time, with real parts: the
test desktop's dunst paused with dunstctl holds a due reminder, and
un-pausing it shows the reminder at once (do-not-disturb has no grace)."""

import subprocess
import unittest

from harness import Limberd, NotifyLog, User

CONFIG = """
[reminder]
sit_limit = "3s"
repeat = "1m"
[activity]
natural_break = "1m"
[hold]
grace = "2s"
ceiling = "1h"
"""


def is_reminder(call):
    return call["summary"].startswith("You have been sitting for")


def set_paused(on):
    subprocess.run(["dunstctl", "set-paused", "true" if on else "false"], check=True)


class DunstDoNotDisturb(unittest.TestCase):
    def setUp(self):
        set_paused(True)
        self.notify = NotifyLog()
        self.daemon = Limberd(CONFIG).start()

    def tearDown(self):
        set_paused(False)
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        self.notify.close()

    def test_paused_dunst_holds_and_unpausing_releases(self):
        with User():
            status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            self.assertEqual(status["held"]["kind"], "dnd")
            self.assertIn("dnd: dunst", status["busy"])  # json keeps the protocol's word
            self.assertRegex(self.daemon.ctl("status").stdout, r"Busy: +do-not-disturb: dunst\n")
            self.assertFalse([c for c in self.notify.calls() if is_reminder(c)], "shown while held")
            doctor = self.daemon.ctl("doctor", "--json")
            self.assertIn("dunst do-not-disturb", doctor.stdout)

            set_paused(False)
            shown = self.notify.wait_for("the released reminder", is_reminder, timeout=5)
            self.assertIn("while you were busy", shown["body"])
            self.daemon.wait_status("reminding", lambda s: s["state"] == "reminding")
        rows = self.daemon.sql("select count(*) as n from events where type = 'reminder_released'")
        self.assertEqual(rows, [{"n": 1}])


if __name__ == "__main__":
    unittest.main()


class Ceiling(unittest.TestCase):
    """A hold past the ceiling shows the reminder anyway, quietly: low
    urgency (0 in the Notify hints) and no sound."""

    def setUp(self):
        set_paused(True)
        self.notify = NotifyLog()
        self.daemon = Limberd(CONFIG.replace('ceiling = "1h"', 'ceiling = "3s"')).start()

    def tearDown(self):
        set_paused(False)
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        self.notify.close()

    def test_a_hold_past_the_ceiling_shows_quietly(self):
        with User():
            self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            shown = self.notify.wait_for("the reminder at the ceiling", is_reminder, timeout=10)
            self.assertEqual(shown["urgency"], 0)
            self.daemon.wait_status("reminding", lambda s: s["state"] == "reminding")
        rows = self.daemon.sql("select detail from events where type = 'reminder_released'")
        self.assertEqual(len(rows), 1)
        self.assertIn('"why":"ceiling"', rows[0]["detail"].replace(" ", ""))
