# SPDX-License-Identifier: MIT
"""limberctl report on real history files: the formats of one database agree,
the page is well-formed XML whose numbers are the JSON's and renders in
headless Chromium (the screenshot is kept), missing or empty history is one
clear line, a locked database still reads, and the daemon answers `report`."""

import csv
import io
import json
import os
import pty
import re
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from harness import BIN, LIMBERCTL, Limberd, User, connect_raw, wait_for

GEN = os.path.join(BIN, "limber-gen-history")
SVG = "{http://www.w3.org/2000/svg}"
# Reports are in local days: pin the zone so the days are the same everywhere.
os.environ["TZ"] = "Europe/Berlin"
os.environ.pop("NO_COLOR", None)
CONFIG = '[reminder]\nsit_limit = "45m"\n[goals]\nstretch_days_per_week = 4\n'


def artifacts_dir():
    path = os.environ.get("LIMBER_ARTIFACTS") or tempfile.mkdtemp(prefix="limber-artifacts-")
    os.makedirs(path, exist_ok=True)
    return path


def seconds(hm):
    """'38h 29m', '45m' or '30s' as seconds."""
    s = re.fullmatch(r"(\d+)s", hm)
    if s:
        return int(s.group(1))
    m = re.fullmatch(r"(?:(\d+)h )?(\d+)m", hm)
    return (int(m.group(1) or 0) * 60 + int(m.group(2))) * 60


def as_shown(s):
    """What the table shows for s seconds (util/human.hpp's rule): whole
    seconds under a minute, then the nearest minute, half a minute up."""
    return s if s < 60 else (s + 30) // 60 * 60


def dig(doc, dotted):
    for part in dotted.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="report-", dir=os.environ.get("LIMBER_TEST_DIR"))
        cls.db = os.path.join(cls.dir, "limber.db")
        cls.config = os.path.join(cls.dir, "config.toml")
        with open(cls.config, "w") as f:
            f.write(CONFIG)
        # Ten weeks of realistic days written through the store API.
        subprocess.run([GEN, "--db", cls.db, "--end", "2026-03-22", "--days", "70", "--seed", "7"],
                       check=True, capture_output=True, timeout=120)

    def report(self, *args, db=None, check=True, env=None):
        r = subprocess.run([LIMBERCTL, "report", "--db", db or self.db, "--config", self.config, *args],
                           capture_output=True, text=True, timeout=60, env=env)
        if check:
            self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def week_json(self):
        return json.loads(self.report("--week", "2026-03-16", "--format", "json").stdout)

    def test_json_csv_and_table_agree(self):
        doc = self.week_json()
        self.assertEqual(doc["range"], {"kind": "week", "from": "2026-03-16", "to": "2026-03-22", "days": 7})
        self.assertEqual(doc["timezone"], "Europe/Berlin")
        totals = doc["totals"]
        self.assertGreater(totals["sitting_s"], 20 * 3600, "a working week of generated history")

        rows = list(csv.DictReader(io.StringIO(self.report("--week", "2026-03-16", "--format", "csv").stdout)))
        self.assertEqual([r["date"] for r in rows], [d["date"] for d in doc["days"]])
        for row, day in zip(rows, doc["days"]):
            for column, key in (("sitting_s", "sitting_s"), ("longest_sitting_s", "longest_sitting_s"),
                                ("over_limit_count", "over_limit.count"), ("breaks_idle_s", "breaks.idle.seconds"),
                                ("reminders_shown", "reminders.shown"), ("reminders_acted", "reminders.acted"),
                                ("stretched_s", "routines.stretched_s")):
                self.assertEqual(int(row[column]), dig(day, key), f"{column} on {day['date']}")
            self.assertEqual(row["stretch_day"], "1" if day["stretch_day"] else "0")
        self.assertEqual(sum(int(r["sitting_s"]) for r in rows), totals["sitting_s"])

        table = self.report("--week", "2026-03-16").stdout
        self.assertNotIn("\033[", table, "no colour into a pipe")
        lines = table.splitlines()
        self.assertTrue(all(len(line) <= 80 for line in lines), table)
        line = next(l for l in lines if l.startswith("Sitting "))
        self.assertEqual(seconds(re.search(r"Sitting\s+(\d+h \d+m|\d+m)", line).group(1)), as_shown(totals["sitting_s"]))
        line = next(l for l in lines if l.startswith("Longest "))
        self.assertEqual(seconds(re.search(r"Longest\s+(\d+h \d+m|\d+m)", line).group(1)),
                         as_shown(totals["longest_sitting_s"]))
        self.assertIn(f"{totals['over_limit']['count']} of {totals['sittings']} sittings", table)
        self.assertIn(f"{totals['reminders']['shown']} reminders: {totals['reminders']['acted']} led to a routine", table)
        self.assertIn(f"{totals['routines']['completed']} completed", table)
        for day in doc["days"]:
            row = next(l for l in lines if l.startswith(time.strftime("%a ", time.strptime(day["date"], "%Y-%m-%d"))))
            self.assertEqual(seconds(row[12:20].strip()), as_shown(day["sitting_s"]), row)

    def test_colour_only_on_a_terminal_and_never_with_no_color(self):
        def on_terminal(extra_env):
            main, child = pty.openpty()
            env = dict(os.environ, **extra_env)
            proc = subprocess.Popen([LIMBERCTL, "report", "--db", self.db, "--config", self.config, "--week", "2026-03-16"],
                                    stdout=child, stderr=subprocess.DEVNULL, env=env)
            os.close(child)
            out = b""
            while True:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the terminal closed: the report is all there
                    break
                if not chunk:
                    break
                out += chunk
            os.close(main)
            self.assertEqual(proc.wait(timeout=30), 0)
            return out.decode()
        self.assertIn("\033[", on_terminal({}))
        self.assertNotIn("\033[", on_terminal({"NO_COLOR": "1"}))

    def test_html_is_well_formed_matches_the_json_and_renders(self):
        doc = self.week_json()
        page = os.path.join(self.dir, "week.html")
        r = self.report("--week", "2026-03-16", "--format", "html", "-o", page)
        self.assertEqual(r.stdout, "")
        root = ET.parse(page).getroot()  # XHTML-compatible: an XML parser accepts it
        svgs = root.findall(f".//{SVG}svg")
        self.assertGreaterEqual(len(svgs), 6)
        labels = {s.get("aria-label") for s in svgs}
        for chart in ("Sitting per day", "Your days on the clock", "Longest sitting per day",
                      "What became of the reminders", "When you sit: hour of the day by weekday"):
            self.assertIn(chart, labels)
        tagged = [e for e in root.iter() if e.get("data-key")]
        self.assertGreater(len(tagged), 7 * 24)
        for e in tagged:
            self.assertEqual(int(e.get("data-value")), dig(doc, e.get("data-key")), e.get("data-key"))
        keys = {e.get("data-key") for e in tagged}
        for key in ("totals.sitting_s", "totals.longest_sitting_s", "totals.over_limit.count", "goal.streak_weeks",
                    "days.1.sitting_s", "heatmap.sitting_s.2.10", "totals.reminders.acted"):
            self.assertIn(key, keys)
        # Nothing to fetch and nothing to run.
        self.assertFalse(root.findall(".//{http://www.w3.org/1999/xhtml}script"))
        self.assertFalse([e for e in root.iter() if e.get("src") or e.get("href")])

        shutil.copy(page, os.path.join(artifacts_dir(), "report.html"))
        png = os.path.join(artifacts_dir(), "report.png")
        if os.path.exists(png):
            os.remove(png)
        profile = tempfile.mkdtemp(prefix="chromium-", dir=self.dir)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1200,1600",
                        "file://" + page], capture_output=True, timeout=120)
        with open(png, "rb") as f:
            head = f.read(24)
        self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(struct.unpack(">II", head[16:24]), (1200, 1600))
        self.assertGreater(os.path.getsize(png), 50_000, "a rendered page, not a blank one")
        print(f"\nreport screenshot: {png}", flush=True)

    def test_every_range(self):
        for args, days, kind in ((["--day", "2026-03-17"], 1, "day"), (["--month", "2026-03"], 31, "month"),
                                 (["--from", "2026-01-12", "--to", "2026-03-22"], 70, "custom"),
                                 (["--week", "2026-03-18"], 7, "week")):
            doc = json.loads(self.report(*args, "--json").stdout)
            self.assertEqual((len(doc["days"]), doc["range"]["kind"]), (days, kind), args)
        month = json.loads(self.report("--month", "2026-03", "--json").stdout)
        self.assertEqual(sum(d["sitting_s"] for d in month["days"]), month["totals"]["sitting_s"])
        self.assertEqual(len(self.report("--month", "2026-03", "--format", "csv").stdout.splitlines()), 32)

    def test_usage_errors_are_exit_2(self):
        for args in (["--day", "2026-02-30"], ["--from", "2026-03-01"], ["--format", "pdf"], ["--week", "--day"],
                     ["--month", "March"], ["--from", "2026-03-02", "--to", "2026-03-01"], ["--frobnicate"]):
            r = self.report(*args, check=False)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)

    def test_missing_or_empty_history_is_one_clear_line(self):
        missing = os.path.join(self.dir, "nothing-here.db")
        empty = os.path.join(self.dir, "empty.db")
        open(empty, "w").close()
        schema_only = os.path.join(self.dir, "schema-only.db")
        subprocess.run([GEN, "--db", schema_only, "--days", "0"], check=True, capture_output=True)
        garbage = os.path.join(self.dir, "garbage.db")
        with open(garbage, "wb") as f:
            f.write(b"this is not a database" * 100)
        for path, words in ((missing, "no history yet"), (empty, "empty"), (schema_only, "no history yet"),
                            (garbage, garbage)):
            r = self.report(db=path, check=False)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stdout, "")
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn(words, r.stderr)
            self.assertTrue(r.stderr.startswith("limberctl report: "), r.stderr)

    def test_a_database_locked_by_a_writer_still_reads(self):
        before = self.week_json()["totals"]["sitting_s"]
        writer = sqlite3.connect(self.db, isolation_level=None, timeout=1)
        try:
            writer.execute("BEGIN EXCLUSIVE")
            writer.execute("INSERT INTO spans(kind, reason, start_ms, end_ms) VALUES('sitting', '', ?, ?)",
                           (1773650000000, 1773653600000))  # an hour on 16 March, not committed
            start = time.monotonic()
            doc = self.week_json()
            self.assertLess(time.monotonic() - start, 1.5, "a reader does not wait for the writer")
            self.assertEqual(doc["totals"]["sitting_s"], before, "uncommitted rows are not seen")
        finally:
            writer.execute("ROLLBACK")
            writer.close()

    def test_the_daemon_answers_report_with_the_same_data(self):
        daemon = Limberd(CONFIG).start()
        try:
            with User():
                daemon.wait_status("some sitting", lambda s: s["sitting_seconds"] >= 2)
            sock = connect_raw(daemon.socket)
            stream = sock.makefile("rw")

            def call(args):
                stream.write(json.dumps({"id": 1, "cmd": "report", "args": args}) + "\n")
                stream.flush()
                return json.loads(stream.readline())

            reply = call({"range": "day"})
            self.assertTrue(reply["ok"], reply)
            from_daemon = reply["result"]
            today = time.strftime("%Y-%m-%d")
            self.assertEqual(from_daemon["range"], {"kind": "day", "from": today, "to": today, "days": 1})
            self.assertGreaterEqual(from_daemon["totals"]["sittings"], 1)
            self.assertTrue(from_daemon["totals"]["ongoing"])

            # limberctl reads the same file while the daemon writes it.
            cli = json.loads(daemon_report(daemon, "--day").stdout)
            self.assertEqual(key_paths(cli), key_paths(from_daemon))
            self.assertLessEqual(abs(cli["totals"]["sitting_s"] - from_daemon["totals"]["sitting_s"]), 90)
            self.assertEqual(cli["days"][0]["date"], today)

            week = call({"range": "week", "date": today})["result"]
            self.assertEqual(len(week["days"]), 7)
            for bad in ({"range": "year"}, {"from": today}, {"range": "day", "date": "yesterday"}):
                reply = call(bad)
                self.assertFalse(reply["ok"])
                self.assertEqual(reply["error"]["code"], "bad_args", reply)
            stream.close()
            sock.close()
        finally:
            self.assertEqual(daemon.stop(), 0)


def daemon_report(daemon, *args):
    r = subprocess.run([LIMBERCTL, "report", "--db", daemon.db, "--config", daemon.config, "--json", *args],
                       capture_output=True, text=True, timeout=30, env=daemon.env)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return r


def key_paths(doc, prefix=""):
    """Every key path of a JSON document, ignoring which routines appear."""
    if isinstance(doc, dict):
        out = set()
        for k, v in doc.items():
            if prefix.endswith("by_routine."):
                continue
            out |= {prefix + k} | key_paths(v, prefix + k + ".")
        return out
    if isinstance(doc, list) and doc:
        return key_paths(doc[0], prefix + "0.")
    return set()


if __name__ == "__main__":
    unittest.main()
