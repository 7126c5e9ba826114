"""limberctl and limberd at their edges: clear errors, exit codes, reload,
no display, and a client of another uid."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import LIMBERCTL, LIMBERD, ROUTINES, Limberd, wait_for

GOOD = '[reminder]\nsit_limit = "20m"\n'


class Cli(unittest.TestCase):
    def test_no_daemon_is_exit_3_with_one_line(self):
        r = subprocess.run([LIMBERCTL, "--socket", "/tmp/limber-nobody-here.sock", "status"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 3)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertIn("/tmp/limber-nobody-here.sock", r.stderr)

    def test_usage_errors_are_exit_2(self):
        for args in (["snooze", "10"], ["pause", "1x"], ["frobnicate"], ["--bogus", "status"], []):
            r = subprocess.run([LIMBERCTL, "--socket", "/nonexistent", *args], capture_output=True, text=True)
            self.assertEqual(r.returncode, 2, args)
        r = subprocess.run([LIMBERCTL, "snooze", "10"], capture_output=True, text=True)
        self.assertIn("10m", r.stderr, "a bare number is refused with the right form shown")
        help_text = subprocess.run([LIMBERCTL, "--help"], capture_output=True, text=True).stdout
        for verb in ("status", "start", "snooze", "skip", "pause", "resume", "next", "stop", "routines", "events",
                     "doctor", "reload"):
            self.assertIn(verb, help_text)

    def test_limberd_check_config_names_file_line_col_and_key(self):
        home = tempfile.mkdtemp(dir=os.environ.get("LIMBER_TEST_DIR"))
        bad = os.path.join(home, "bad.toml")
        with open(bad, "w") as f:
            f.write('[reminder]\nsnooze = "10m"\nsit_limit = 45\n')
        r = subprocess.run([LIMBERD, "--config", bad, "--routines-dir", ROUTINES, "--check-config"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"{bad}:3:13:", r.stderr)
        self.assertIn("reminder.sit_limit", r.stderr)
        with open(bad, "w") as f:
            f.write(GOOD)
        ok = subprocess.run([LIMBERD, "--config", bad, "--routines-dir", ROUTINES, "--check-config"],
                            capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)

    def test_reload_swaps_only_a_valid_config(self):
        daemon = Limberd(GOOD).start()
        try:
            with open(daemon.config, "w") as f:
                f.write('[reminder]\nsit_limit = "5m"\nbogus = 1\n')
            r = daemon.ctl("reload", check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn(":3:1:", r.stderr)
            self.assertIn("bogus", r.stderr)
            self.assertIsNotNone(daemon.status(), "still running on the old config")

            with open(daemon.config, "w") as f:
                f.write('[reminder]\nsit_limit = "1s"\n')
            self.assertIn("reloaded", daemon.ctl("reload").stdout)
            # The reloaded limit applies at once: sitting is past 1s already.
            daemon.wait_status("a reminder under the new limit", lambda s: s["state"] == "reminding")
        finally:
            daemon.stop()

    def test_routines_status_and_doctor(self):
        daemon = Limberd(GOOD).start()
        try:
            routines = json.loads(daemon.ctl("routines", "--json").stdout)["routines"]
            ids = {r["id"] for r in routines}
            self.assertTrue({"desk", "floor", "strap"} <= ids)
            desk = next(r for r in routines if r["id"] == "desk")
            self.assertTrue(120 <= desk["seconds"] <= 240, desk["seconds"])
            self.assertEqual(desk["place"], "desk")
            self.assertTrue(desk["needs"], "the desk routine says which chair it needs")
            # Every step's picture is found from the routine directory (figures/ beside it).
            for routine in routines:
                for step in routine["steps"]:
                    self.assertTrue(os.path.isfile(step["figure"]), (routine["id"], step["name"], step["figure"]))
            self.assertIn("desk", daemon.ctl("routines").stdout)
            text = daemon.ctl("status").stdout
            self.assertIn("Sitting:", text)
            self.assertIn("x11", daemon.ctl("doctor").stdout)
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            self.assertEqual(doctor["idle_backend"], "x11")
            self.assertTrue(doctor["notifier"].startswith("libnotify"))
        finally:
            daemon.stop()

    def test_a_bad_user_routine_file_is_skipped_and_shown(self):
        # The bad file is also the configured default: that must not stop
        # the reminders either.
        daemon = Limberd(GOOD + '[routine]\ndefault = "mine"\n')
        user_dir = os.path.join(daemon.env["XDG_CONFIG_HOME"], "limber", "routines")
        os.makedirs(user_dir)
        shutil.copy(os.path.join(ROUTINES, "desk.toml"), os.path.join(user_dir, "calm.toml"))
        bad = os.path.join(user_dir, "mine.toml")
        with open(bad, "w") as f:
            f.write('name = "Mine"\n[[step]\nname = "x"\n')  # a typo: [[step] not closed
        check = subprocess.run(daemon.command() + ["--check-config"], env=daemon.env, capture_output=True, text=True)
        self.assertEqual(check.returncode, 2, "the validator still fails on it")
        self.assertIn(f"{bad}:2:", check.stderr)

        daemon.start()
        try:
            log = daemon.read_log()
            self.assertEqual(sum(f"{bad}:2:" in line for line in log.splitlines()), 1, log)
            listed = json.loads(daemon.ctl("routines", "--json").stdout)
            self.assertTrue({"calm", "desk", "floor", "strap"} <= {r["id"] for r in listed["routines"]})
            self.assertEqual([s["file"] for s in listed["skipped"]], [bad])
            self.assertIn(f"{bad}:2:", listed["skipped"][0]["error"])
            self.assertIn(f"Skipped a routine file: {bad}:2:", daemon.ctl("routines").stdout)
            doctor = json.loads(daemon.ctl("doctor", "--json").stdout)
            self.assertEqual([s["file"] for s in doctor["skipped_routines"]], [bad])
            self.assertIn(f"{bad}:2:", daemon.ctl("doctor").stdout)

            reload = daemon.ctl("reload")  # succeeds, and says what it skipped
            self.assertIn("reloaded", reload.stdout)
            self.assertIn(f"{bad}:2:", reload.stdout)
            with open(bad, "w") as f:
                f.write('name = "Mine"\n[[step]]\nname = "Reach"\nhow = "Reach up."\nhold = "20s"\n')
            reload = json.loads(daemon.ctl("reload", "--json").stdout)
            self.assertEqual(reload["skipped"], [])
            self.assertIn("mine", {r["id"] for r in json.loads(daemon.ctl("routines", "--json").stdout)["routines"]})
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_an_idle_backend_asked_for_that_cannot_work_is_an_error(self):
        # The display works, so a fallback to x11 would have started.
        for backend, why in (("gnome", "Mutter"), ("wayland", "WAYLAND_DISPLAY")):
            daemon = Limberd(GOOD, extra_args=["--idle-backend", backend])
            r = subprocess.run(daemon.command(), env=daemon.env, capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            self.assertIn(f"limberd: --idle-backend {backend} cannot be used here:", r.stderr)
            self.assertIn(why, r.stderr)
        self.assertEqual(subprocess.run([LIMBERD, "--help"], capture_output=True, text=True).stdout.count(
            "a named one that cannot work is an error"), 1)

    def test_without_a_display_it_counts_session_time(self):
        daemon = Limberd(GOOD)
        del daemon.env["DISPLAY"]
        daemon.start()
        try:
            status = daemon.status()
            self.assertEqual(status["idle_backend"], "none")
            self.assertIsNotNone(status["sitting_since"])
            self.assertIn("no activity source", daemon.read_log())
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_a_client_of_another_uid_is_refused(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to act as two users")
        # limberd runs as nobody; root is a different uid, and root can reach
        # any socket file, so only the daemon's own SO_PEERCRED check stands
        # between them.
        home = tempfile.mkdtemp(dir="/tmp")
        os.chmod(home, 0o777)
        daemon = Limberd(GOOD, home=home, extra_args=["--idle-backend", "none"])
        for d in ("run", "data"):
            os.makedirs(os.path.join(home, d), mode=0o700, exist_ok=True)
            shutil.chown(os.path.join(home, d), "nobody", "nogroup")
        daemon.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        daemon.env["HOME"] = home
        setpriv = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        daemon.command = (lambda original: lambda: setpriv + original())(daemon.command)
        daemon.start(wait=False)
        try:
            wait_for("the daemon's socket", lambda: daemon.alive() and os.path.exists(daemon.socket))
            r = daemon.ctl("status", check=False)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertIn("another user", r.stderr)
            self.assertEqual(oct(os.stat(daemon.socket).st_mode & 0o777), "0o600")
            self.assertEqual(oct(os.stat(os.path.dirname(daemon.socket)).st_mode & 0o777), "0o700")
        finally:
            daemon.stop()


if __name__ == "__main__":
    unittest.main()
