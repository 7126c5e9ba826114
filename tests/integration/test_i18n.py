# SPDX-License-Identifier: MIT
"""Limber in the user's language: the real limberd, limberctl and
limber-tray with LANGUAGE=de and fr (and the matching LANG), as a German or
French user runs them. The expected words come from the catalogs the build
compiled and from the routine files' own translations, so a test fails when
a string is not translated, not when a translator rewords one."""

import datetime
import gettext
import json
import os
import subprocess
import tempfile
import tomllib
import unittest

from harness import BIN, LIMBERCTL, ROUTINES, SOURCE, Limberd, NotifyLog, User, dunst_invoke, wait_for
from test_tray import Panel, TrayProcess

LOCALES = os.path.join(BIN, "..", "share", "locale")
CONFIG = """
[reminder]
sit_limit = "3s"
snooze = "2m"
[activity]
natural_break = "1h"
[routine]
default = "desk"
"""
LANGS = {"de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}


def catalog(lang):
    return gettext.translation("limber", localedir=LOCALES, languages=[lang])


def routine_words(lang, routine="desk"):
    with open(os.path.join(ROUTINES, routine + ".toml"), "rb") as f:
        data = tomllib.load(f)
    steps = [s["translation"][lang] for s in data["step"]]
    return data["translation"][lang], steps


def language_env(lang):
    return {"LANG": LANGS.get(lang, "C.UTF-8"), "LANGUAGE": lang, "LC_ALL": ""}


class InTheUsersLanguage(unittest.TestCase):
    def run_daemon(self, lang):
        os.environ.update(language_env(lang))  # Limberd copies the environment: the session's locale
        try:
            daemon = Limberd(CONFIG).start()
        finally:
            for key in ("LANG", "LANGUAGE", "LC_ALL"):
                os.environ.pop(key, None)
        self.addCleanup(daemon.stop)
        return daemon

    def check_language(self, lang):
        t = catalog(lang)
        routine, steps = routine_words(lang)
        notify = NotifyLog()
        self.addCleanup(notify.close)
        daemon = self.run_daemon(lang)
        summary = t.gettext("You have been sitting for {}").split("{}")[0]
        with User():
            reminder = notify.wait_for("the reminder", lambda c: c["summary"].startswith(summary))
        self.assertNotEqual(summary, "You have been sitting for ")
        self.assertIn(routine["name"], reminder["body"])
        self.assertEqual(set(reminder["actions"].values()),
                         {t.gettext("Start routine"), t.gettext("Snooze {}").format(t.ngettext("{} min", "{} min", 2).format(2)),
                          t.gettext("Skip")})

        # A routine step: the routine's own translation, the buttons from the catalog.
        dunst_invoke("start")
        step = notify.wait_for("the first step", lambda c: steps[0]["name"] in c["summary"])
        self.assertIn(routine["name"], step["summary"])
        self.assertIn(steps[0]["how"], step["body"])
        self.assertEqual(set(step["actions"].values()), {t.gettext("Next"), t.gettext("Stop")})

        status = daemon.ctl("status").stdout
        self.assertIn(t.gettext("Routine:"), status)
        self.assertIn(steps[0]["name"], status)
        self.assertNotIn("Sitting:", status)
        daemon.ctl("stop")
        # The daemon's refusal, as limberctl prints it.
        refused = daemon.ctl("next", check=False)
        self.assertEqual(refused.returncode, 1)
        self.assertIn(t.gettext("no routine is running"), refused.stderr)
        self.assertNotIn("no routine is running", refused.stderr)

        # What keeps the user busy, in words (json keeps the protocol's "dnd").
        subprocess.run(["dunstctl", "set-paused", "true"], check=True)
        self.addCleanup(subprocess.run, ["dunstctl", "set-paused", "false"], check=True)
        daemon.wait_status("busy with do-not-disturb", lambda s: "dnd: dunst" in s["busy"])
        self.assertIn(t.gettext("do-not-disturb") + ": dunst", daemon.ctl("status").stdout)
        self.assertNotEqual(t.gettext("do-not-disturb"), "do-not-disturb")
        return t, daemon

    def test_german(self):
        self.check_language("de")

    def test_french(self):
        self.check_language("fr")

    def test_an_unknown_language_reads_english(self):
        notify = NotifyLog()
        self.addCleanup(notify.close)
        daemon = self.run_daemon("xx")
        with User():
            reminder = notify.wait_for("the reminder", lambda c: c["summary"].startswith("You have been sitting for"))
        self.assertEqual(set(reminder["actions"].values()), {"Start routine", "Snooze 2 min", "Skip"})
        self.assertIn("Desk hamstring reset", reminder["body"])
        self.assertIn("Sitting:", daemon.ctl("status").stdout)


class TrayInTheUsersLanguage(unittest.TestCase):
    def test_menu_labels(self):
        panel = Panel().start()
        self.addCleanup(panel.close)
        for lang in ("de", "fr"):
            with self.subTest(lang=lang):
                t = catalog(lang)
                os.environ.update(language_env(lang))
                try:
                    daemon = Limberd('[reminder]\nsit_limit = "1h"\n').start()
                finally:
                    for key in ("LANG", "LANGUAGE", "LC_ALL"):
                        os.environ.pop(key, None)
                tray = TrayProcess(daemon)
                try:
                    labels = wait_for("a menu with the routines",
                                      lambda: (lambda l: l if t.gettext("Start routine") in l else None)(tray.labels()))
                    for english in ("Pause reminders", "Settings…", "Quit tray", "Routine sheets"):
                        self.assertIn(t.gettext(english), labels)
                        self.assertNotIn(english, labels)
                    routine, _ = routine_words(lang)
                    start = tray.find(t.gettext("Start routine"))
                    self.assertTrue(any(c["label"].startswith(routine["name"]) for c in start["children"]),
                                    [c["label"] for c in start["children"]])
                finally:
                    self.assertEqual(tray.stop(), 0, tray.read_log())
                    daemon.stop()


class ReportsInTheUsersLanguage(unittest.TestCase):
    """The report of a history with one break: the table and the page in
    German and French, the plural of 1 and 2 days, and json that does not
    change with the language."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix="i18n-report-", dir=os.environ.get("LIMBER_TEST_DIR"))
        cls.db = os.path.join(cls.home, "limber.db")
        # A real history: a daemon that counted a little sitting and stopped.
        daemon = Limberd('[reminder]\nsit_limit = "1h"\n')
        daemon.db = cls.db
        daemon.start()
        with User():
            daemon.wait_status("sitting", lambda s: s["sitting_seconds"] >= 1)
        daemon.stop()
        cls.today = datetime.date.today()

    def report(self, lang, *args):
        env = dict(os.environ, **language_env(lang), TZ="UTC")
        # -f: a wall clock that stands still, so two runs name the same
        # second however slowly they start (a ticking fake clock made json
        # differ); the monotonic clock keeps running for anything that waits.
        r = subprocess.run(["faketime", "--exclude-monotonic", "-f", f"{self.today} 23:00:00", LIMBERCTL, "report", "--db", self.db, *args],
                           env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def test_table_and_page_with_plurals(self):
        yesterday = str(self.today - datetime.timedelta(days=1))
        for lang in ("de", "fr"):
            with self.subTest(lang=lang):
                t = catalog(lang)
                one = self.report(lang, "--from", str(self.today), "--to", str(self.today))
                two = self.report(lang, "--from", yesterday, "--to", str(self.today))
                for heading in ("Day", "Sitting", "Breaks", "Reminders"):
                    self.assertIn(t.gettext(heading), one)
                day1, day2 = t.ngettext("{} day", "{} days", 1).format(1), t.ngettext("{} day", "{} days", 2).format(2)
                self.assertNotEqual(day1.split()[-1], day2.split()[-1], "the catalog has two forms")
                self.assertIn(day1, one)
                self.assertIn(day2, two)
                page = self.report(lang, "--day", "--format", "html")
                self.assertIn(f'lang="{lang}"', page)
                self.assertIn(t.gettext("Stretch goal"), page)
                self.assertNotIn(">Stretch goal<", page)

    def test_json_is_the_same_in_every_language(self):
        english = self.report("xx", "--week", "--json")
        self.assertIn('"weekday"', english)
        for lang in ("de", "fr"):
            self.assertEqual(self.report(lang, "--week", "--json"), english)


if __name__ == "__main__":
    unittest.main()
