# SPDX-License-Identifier: MIT
"""The history file itself: a locked or unreadable file is never taken for a
damaged one, one daemon writes one file, and a file that was moved aside is
pointed out. Real limberd, real SQLite files (the tests run as root, which
ignores file modes, so a directory stands in for an unreadable file)."""

import json
import os
import shutil
import sqlite3
import subprocess
import unittest

from harness import LIMBERCTL, Limberd, wait_for

CONFIG = """
[reminder]
sit_limit = "1h"
[activity]
natural_break = "1m"
"""


def siblings_moved_aside(db):
    return [n for n in os.listdir(os.path.dirname(db)) if ".corrupt-" in n]


def report(daemon, *args):
    return subprocess.run([LIMBERCTL, "report", "--db", daemon.db, *args], env=daemon.env,
                          capture_output=True, text=True, timeout=30)


def with_history(daemon):
    """Runs the daemon once so the file holds a past, and returns its events."""
    daemon.start()
    daemon.ctl("pause", "1h")
    daemon.ctl("resume")
    assert daemon.stop() == 0
    return daemon.sql("SELECT id, type FROM events ORDER BY id")


class HistoryFile(unittest.TestCase):
    def test_a_locked_file_is_waited_for_and_written_once_released(self):
        daemon = Limberd(CONFIG)
        past = with_history(daemon)
        self.assertIn("paused", [e["type"] for e in past])

        other = sqlite3.connect(daemon.db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # as `sqlite3 limber.db` with a transaction open
        try:
            daemon.start()
            self.assertEqual(siblings_moved_aside(daemon.db), [], "a locked file is not damaged")
            status = daemon.status()
            self.assertIn("locked", status.get("history_error") or "", status)
            self.assertIn(daemon.db, status["history_error"])
        finally:
            other.execute("ROLLBACK")
            other.close()
        try:
            daemon.wait_status("history written again", lambda s: s["history_error"] is None, timeout=60)
            daemon.ctl("pause", "2h")
        finally:
            self.assertEqual(daemon.stop(), 0)
        events = daemon.sql("SELECT id, type FROM events ORDER BY id")
        self.assertEqual(events[:len(past)], past, "the past is all still there")
        self.assertIn("paused", [e["type"] for e in events[len(past):]], "and the daemon wrote to the same file")
        self.assertEqual(siblings_moved_aside(daemon.db), [])

    def test_a_directory_in_place_of_the_file_is_an_error_not_a_new_history(self):
        daemon = Limberd(CONFIG)
        os.makedirs(daemon.db)
        keep = os.path.join(daemon.db, "keep")
        with open(keep, "w") as f:
            f.write("the user's")
        daemon.start()
        try:
            self.assertTrue(os.path.exists(keep))
            self.assertEqual(siblings_moved_aside(daemon.db), [], "not taken for a damaged file")
            problem = daemon.status().get("history_error") or ""
            self.assertIn(daemon.db, problem)
            self.assertIn("directory", problem)
            self.assertIn("NOT WRITTEN", daemon.ctl("status").stdout)
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            self.assertFalse(doctor.get("history", {}).get("writing", True), doctor)
            self.assertIn("NOT WRITTEN", daemon.ctl("doctor").stdout)

            # Put right while it runs: the daemon picks the file up.
            shutil.rmtree(daemon.db)
            daemon.wait_status("history written", lambda s: s["history_error"] is None, timeout=90)
            daemon.ctl("pause", "1h")
        finally:
            self.assertEqual(daemon.stop(), 0)
        self.assertIn({"type": "paused"}, daemon.sql("SELECT type FROM events"))
        self.assertEqual(len(daemon.sql("SELECT id FROM spans WHERE kind = 'sitting'")), 1, "the sitting so far")

    def test_a_second_daemon_on_another_socket_with_the_same_file_exits_3(self):
        first = Limberd(CONFIG).start()
        try:
            second = Limberd(CONFIG, home=None)
            second.db = first.db
            try:
                r = subprocess.run(second.command(), env=second.env, capture_output=True, text=True, timeout=15)
            except subprocess.TimeoutExpired:
                self.fail("a second daemon started on the same history file")
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertIn(f"pid {first.proc.pid}", r.stderr)
            self.assertIn(first.db, r.stderr)
            self.assertEqual(len(first.sql("SELECT id FROM spans WHERE open = 1")), 1, "the first one's span is open")
            self.assertIsNone(first.status()["history_error"])
            # A reader is not a second writer.
            self.assertEqual(report(first, "--day", "--json").returncode, 0)
        finally:
            self.assertEqual(first.stop(), 0)

    def test_a_file_moved_aside_is_named_by_report_and_doctor(self):
        daemon = Limberd(CONFIG)
        os.makedirs(os.path.dirname(daemon.db))
        with open(daemon.db, "w") as f:
            f.write("this is not a database\n")
        daemon.start()
        try:
            [aside] = siblings_moved_aside(daemon.db)
            self.assertIn(aside, daemon.ctl("doctor").stdout)
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            moved = doctor.get("history", {}).get("moved_aside", [])
            self.assertEqual([os.path.basename(p) for p in moved], [aside])
        finally:
            self.assertEqual(daemon.stop(), 0)
        table = report(daemon, "--day")
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn(aside, table.stderr)
        machine = report(daemon, "--day", "--json")
        self.assertEqual(machine.returncode, 0, machine.stderr)
        json.loads(machine.stdout)
        self.assertNotIn(aside, machine.stdout + machine.stderr)


if __name__ == "__main__":
    unittest.main()
