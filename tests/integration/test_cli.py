# SPDX-License-Identifier: MIT
"""limberctl and limberd at their edges: clear errors, exit codes, reload,
no display, and a client of another uid."""

import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import unittest

from harness import BIN, LIMBERCTL, LIMBERD, ROUTINES, SOURCE, Limberd, wait_for

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



def project_version():
    with open(os.path.join(SOURCE, "CMakeLists.txt")) as f:
        return re.search(r"project\(limber VERSION (\S+)", f.read()).group(1)


class Feed:
    """limberctl status --follow, its output read without a thread (a
    reader blocked in read() would keep the pipe open) and every wait with
    a deadline."""

    def __init__(self, daemon, fmt):
        self.proc = subprocess.Popen([LIMBERCTL, "--socket", daemon.socket, "status", "--follow", "--format", fmt],
                                     env=daemon.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buffer = b""
        self.seen = []

    def _next_line(self):
        while b"\n" not in self.buffer:
            if not select.select([self.proc.stdout], [], [], 0.05)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        self.seen.append(line.decode())
        return self.seen[-1]

    def wait_line(self, what, predicate, timeout=20.0):
        def next_match():
            while (line := self._next_line()) is not None:
                if predicate(line):
                    return line
            return None
        return wait_for(what, next_match, timeout, interval=0)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdout, self.proc.stderr):
            pipe.close()


class Help(unittest.TestCase):
    VERBS = ("status", "start", "next", "stop", "snooze", "skip", "pause", "resume", "routines", "report",
             "events", "doctor", "reload")

    def test_every_verb_has_its_own_help(self):
        listed = subprocess.run([LIMBERCTL, "--help"], capture_output=True, text=True)
        self.assertEqual(listed.returncode, 0)
        daemon = Limberd(GOOD).start()
        try:
            for verb in self.VERBS:
                self.assertRegex(listed.stdout, rf"\n  {verb}\b", "the top-level help lists it")
                for spelling in (["--help"], ["-h"], ["extra", "--help"]):
                    r = daemon.ctl(verb, *spelling)
                    self.assertEqual(r.returncode, 0, (verb, spelling))
                    self.assertTrue(r.stdout.startswith(f"Usage: limberctl [OPTIONS] {verb}"), r.stdout)
                    self.assertIn("\nOptions:\n", r.stdout)
                # The top-level summary line is the verb's help's first sentence.
                summary = re.search(rf"\n  {verb}\b[^\n]*?\s{{2,}}(\S[^\n]*)\n", listed.stdout)
                first = r.stdout.split("\n\n")[1].split("\n")[0]
                if summary:
                    self.assertEqual(first.lower().rstrip("."), summary.group(1).lower())
            self.assertEqual(daemon.ctl("help", "snooze").stdout, daemon.ctl("snooze", "--help").stdout)
            # "start --help" used to start a routine called "--help".
            self.assertEqual(daemon.status()["state"], "active")
            self.assertNotIn("--help", daemon.read_log())
        finally:
            daemon.stop()

    def test_version_and_one_usage_layout_for_all_three(self):
        version = project_version()
        for program in ("limberd", "limberctl", "limber-tray"):
            path = os.path.join(BIN, program)
            v = subprocess.run([path, "--version"], capture_output=True, text=True)
            self.assertEqual((v.returncode, v.stdout), (0, f"{program} {version}\n"))
            h = subprocess.run([path, "--help"], capture_output=True, text=True)
            self.assertEqual(h.returncode, 0)
            self.assertTrue(h.stdout.startswith(f"Usage: {program} [OPTIONS]"), h.stdout)
            for row in ("\nOptions:\n", "\n  --socket PATH         ", "\n  --version             print the version and exit\n",
                        "\n  -h, --help            show this help\n", "\nExit status: "):
                self.assertIn(row, h.stdout, program)
            bad = subprocess.run([path, "--bogus"], capture_output=True, text=True)
            self.assertEqual(bad.returncode, 2)
            self.assertIn(f"unknown option '--bogus' (see {program} --help)", bad.stderr)


class SmallThings(unittest.TestCase):
    def test_status_ends_without_a_blank_line(self):
        daemon = Limberd(GOOD).start()
        try:
            out = daemon.ctl("status").stdout
            self.assertTrue(out.endswith("\n") and not out.endswith("\n\n"), repr(out))
        finally:
            daemon.stop()

    def test_json_errors_are_json(self):
        daemon = Limberd(GOOD).start()
        try:
            refused = daemon.ctl("skip", "--json", check=False)  # no reminder to skip
            self.assertEqual(refused.returncode, 1)
            self.assertEqual(json.loads(refused.stdout)["error"]["code"], "not_now")
            self.assertFalse(json.loads(refused.stdout)["ok"])
            usage = daemon.ctl("--json", "snooze", "10", check=False)
            self.assertEqual(usage.returncode, 2)
            self.assertIn("10m", json.loads(usage.stdout)["error"]["message"])
        finally:
            daemon.stop()
        gone = subprocess.run([LIMBERCTL, "--socket", "/tmp/limber-nobody-here.sock", "status", "--json"],
                              capture_output=True, text=True)
        self.assertEqual(gone.returncode, 3)
        self.assertEqual(json.loads(gone.stdout)["error"]["code"], "unreachable")

    def test_report_file_format_from_extension_and_why_it_cannot_write(self):
        daemon = Limberd(GOOD).start()
        daemon.stop()  # a history with one sitting in it
        out_dir = tempfile.mkdtemp(dir=os.environ.get("LIMBER_TEST_DIR"))
        base = [LIMBERCTL, "report", "--db", daemon.db, "--config", daemon.config]
        for ext, check in ((".html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
                           (".csv", lambda t: t.count(",") > 3 and "<" not in t),
                           (".json", lambda t: isinstance(json.loads(t), dict))):
            path = os.path.join(out_dir, "week" + ext)
            r = subprocess.run(base + ["-o", path], env=daemon.env, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(path) as f:
                self.assertTrue(check(f.read()), ext)
        missing = subprocess.run(base + ["-o", "/missing/dir/x"], env=daemon.env, capture_output=True, text=True)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("cannot write /missing/dir/x: No such file or directory", missing.stderr)


class StatusBarFeed(unittest.TestCase):
    def test_a_state_change_prints_a_new_waybar_line(self):
        daemon = Limberd(GOOD).start()
        feed = Feed(daemon, "waybar")
        try:
            first = json.loads(feed.wait_line("the first line", lambda line: True))
            self.assertEqual(set(first), {"text", "tooltip", "class", "percentage"})
            self.assertEqual(first["class"], "fresh")
            daemon.ctl("pause", "1h")
            paused = json.loads(feed.wait_line("a paused line", lambda line: json.loads(line)["class"] == "paused"))
            self.assertEqual(paused["text"], "paused")
            self.assertIn("Paused until", paused["tooltip"])
            daemon.ctl("resume")
            feed.wait_line("a line after resume", lambda line: json.loads(line)["class"] == "fresh")
            self.assertFalse(any(a == b for a, b in zip(feed.seen, feed.seen[1:])), "a line only on a change")
        finally:
            feed.close()
            daemon.stop()

    def test_a_closed_pipe_ends_it_quietly(self):
        daemon = Limberd(GOOD).start()
        try:
            feed = Feed(daemon, "i3bar")
            self.assertEqual(feed.wait_line("the header", lambda line: True), '{"version":1}')
            feed.wait_line("the first block", lambda line: line.startswith('[{"full_text"'))
            feed.proc.stdout.close()  # the bar went away
            daemon.ctl("pause", "1h")  # something to write
            self.assertEqual(feed.proc.wait(timeout=20), 0)
            self.assertEqual(feed.proc.stderr.read(), b"")
            feed.close()
        finally:
            daemon.stop()

    def test_a_closed_pipe_ends_it_even_with_nothing_to_write(self):
        # Away from the desk nothing changes on the line, so no write would
        # ever meet the closed pipe: the feed must notice the pipe itself.
        daemon = Limberd(GOOD + '[activity]\nnatural_break = "2s"\n').start()
        try:
            daemon.wait_status("the user away", lambda s: s["sitting_since"] is None)
            feed = Feed(daemon, "waybar")
            self.assertEqual(json.loads(feed.wait_line("a line", lambda line: True))["class"], "break")
            feed.proc.stdout.close()
            self.assertEqual(feed.proc.wait(timeout=10), 0)
            feed.close()
        finally:
            daemon.stop()

    def test_it_waits_for_a_restarted_daemon(self):
        daemon = Limberd(GOOD).start()
        feed = Feed(daemon, "plain")
        try:
            feed.wait_line("a first line", lambda line: "Sitting for" in line)
            daemon.stop()
            feed.wait_line("the daemon gone", lambda line: line.startswith("limberd not running"))
            self.assertIsNone(feed.proc.poll(), "it keeps waiting")
            again = Limberd(GOOD, home=daemon.home).start()
            try:
                feed.wait_line("the daemon back", lambda line: "Sitting for" in line)
                again.ctl("pause")
                feed.wait_line("its changes", lambda line: line.startswith("paused"))
            finally:
                again.stop()
        finally:
            feed.close()


if __name__ == "__main__":
    unittest.main()
