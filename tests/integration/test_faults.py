# SPDX-License-Identifier: MIT
"""Faults with the real binaries: kills at random moments, a corrupt
database, a vanished notification server or X server, hostile clients, a
full disk and a jumping wall clock. The daemon keeps running (or exits with
one precise line) and history stays intact."""

import json
import math
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import unittest

from harness import LIMBERD, Limberd, NotifyLog, User, dunst_displayed, wait_for

CONFIG = """
[reminder]
sit_limit = "2s"
repeat = "1m"
[activity]
natural_break = "1m"
"""


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def timed_status(path):
    """A well-behaved client: connects, asks for the status, reads the whole
    reply. Returns the reply and how long that took, in seconds."""
    started = time.monotonic()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(path)
        s.sendall(b'{"id": 9, "cmd": "status"}\n')
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return json.loads(data), time.monotonic() - started


class ReadyNotices:
    """The sd_notify socket: limberd sends READY=1 once its start is recorded
    and its socket is open, so a test can tell how far a daemon it killed
    had got."""

    def __init__(self):
        self.name = f"limber-test-ready-{os.getpid()}"  # abstract: no path length limit, nothing to clean up
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + self.name)
        self.pending = []

    def watch(self, daemon):
        daemon.env["NOTIFY_SOCKET"] = "@" + self.name

    def _read(self, timeout):
        self.sock.settimeout(timeout)
        try:
            self.pending.append(self.sock.recv(4096))
            return True
        except (BlockingIOError, socket.timeout):
            return False

    def wait_ready(self, timeout=20.0):
        deadline = time.monotonic() + timeout
        while not any(b"READY=1" in m.split(b"\n") for m in self.pending):
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"no READY=1 within {timeout}s")

    def came(self):
        """Whether READY=1 arrived since the last call. Call it once the
        daemon is dead: whatever it sent is in the socket's queue by then."""
        while self._read(0):
            pass
        ready = any(b"READY=1" in m.split(b"\n") for m in self.pending)
        self.pending = []
        return ready

    def close(self):
        self.sock.close()


def events_on_disk(daemon):
    """The events in a dead daemon's file, in order; none before the file and
    its tables exist."""
    if not os.path.exists(daemon.db):
        return []
    if not daemon.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'"):
        return []
    return daemon.sql("SELECT id, at_ms, type, detail FROM events ORDER BY id")


class Faults(unittest.TestCase):
    def test_sigkill_at_random_moments_never_breaks_the_database(self):
        rng = random.Random(20261121)
        home = tempfile.mkdtemp(prefix="kill-", dir=os.environ.get("LIMBER_TEST_DIR"))
        notices = ReadyNotices()
        lives = []  # (born_ms, dead_ms, reported ready) of every killed daemon
        on_disk = []  # the events in the file after every kill
        startups = []
        try:
            for i in range(50):
                daemon = Limberd(CONFIG, home=home)
                notices.watch(daemon)
                born = time.time()
                daemon.start(wait=False)  # returns once limberd is exec'd
                if i < 3:
                    # Killed just after READY=1, and a measure of how long a
                    # start takes here: tens of ms, more under sanitizers.
                    notices.wait_ready()
                    startups.append(time.time() - born)
                elif i % 3:
                    # Within one and a half starts of exec: mostly still
                    # starting (opening and recovering the database, the
                    # first writes, binding the socket), sometimes just past.
                    time.sleep(rng.uniform(0, 1.5 * statistics.median(startups)))
                else:
                    # Up to half a second after a start: tracking a sitting
                    # or showing a reminder (the sitting goes on across
                    # restarts, so one is due within seconds).
                    time.sleep(statistics.median(startups) + rng.uniform(0, 0.5))
                daemon.stop(signal.SIGKILL)
                lives.append((math.floor(born * 1000), math.ceil(time.time() * 1000), notices.came()))
                on_disk.append(events_on_disk(daemon))
        finally:
            notices.close()
        in_startup = sum(not ready for _, _, ready in lives)
        self.assertGreaterEqual(in_startup, 5, "kills landed before the daemon was ready")
        self.assertGreaterEqual(len(lives) - in_startup, 5, "kills landed after the daemon was ready")

        final = Limberd(CONFIG, home=home)
        final_born = math.floor(time.time() * 1000)
        final.start()
        try:
            self.assertEqual(final.sql("PRAGMA integrity_check"), [{"integrity_check": "ok"}])
            spans = final.sql("SELECT start_ms, end_ms, open FROM spans ORDER BY id")
            self.assertEqual(sum(s["open"] for s in spans), 1, "only the running daemon's span is open")
            self.assertTrue(all(s["end_ms"] >= s["start_ms"] for s in spans), spans)
            events = final.sql("SELECT id, at_ms, type, detail FROM events ORDER BY id")
            for i, kept in enumerate(on_disk):
                self.assertEqual(events[:len(kept)], kept, f"what was on disk after kill {i} is all still there")
            # Each daemon records its start before it reports ready, so one
            # that got that far must have it kept; one killed sooner may
            # have written it or not. No start is recorded twice or twisted.
            starts = [e["at_ms"] for e in events if e["type"] == "daemon_start"]
            for i, (born, dead, ready) in enumerate(lives):
                recorded = sum(born <= at <= dead for at in starts)
                if ready:
                    self.assertEqual(recorded, 1, f"daemon {i} reported ready: its start is kept")
                else:
                    self.assertLessEqual(recorded, 1, f"daemon {i} killed while starting")
            self.assertEqual(sum(at >= final_born for at in starts), 1, "the running daemon's start")
            during_lives = sum(any(born <= at <= dead for born, dead, _ in lives) for at in starts)
            self.assertEqual(during_lives + 1, len(starts), "every start was made by a daemon while it lived")
        finally:
            self.assertEqual(final.stop(), 0)

    def test_a_corrupt_database_is_moved_aside_and_a_new_one_started(self):
        daemon = Limberd(CONFIG)
        os.makedirs(os.path.dirname(daemon.db), exist_ok=True)
        with open(daemon.db, "wb") as f:
            f.write(b"SQLite format 3\x00" + os.urandom(3000))  # a header, then garbage
        daemon.start()
        try:
            aside = [n for n in os.listdir(os.path.dirname(daemon.db)) if ".corrupt-" in n]
            self.assertEqual(len(aside), 1, os.listdir(os.path.dirname(daemon.db)))
            log = daemon.read_log()
            self.assertEqual(log.count("moved it to"), 1, log)
            self.assertEqual(daemon.sql("PRAGMA integrity_check"), [{"integrity_check": "ok"}])
            self.assertIsNotNone(daemon.status()["sitting_since"])
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_the_notification_server_killed_and_restarted(self):
        notify = NotifyLog()
        daemon = Limberd(CONFIG.replace('"2s"', '"4s"')).start()
        try:
            os.kill(int(os.environ["LIMBER_TEST_DUNST_PID"]), signal.SIGTERM)
            daemon.wait_status("the notifier to be gone", lambda s: "no server" in s["notifier"])
            with User():
                status = daemon.wait_status("a reminder without a server", lambda s: s["state"] == "reminding")
                self.assertGreaterEqual(status["sitting_seconds"], 4, "tracking went on")
                dunst = subprocess.Popen(["dunst", "-config", os.environ["LIMBER_TEST_DUNSTRC"]],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    notify.wait_for("the reminder on the new server",
                                    lambda c: c["summary"].startswith("You have been sitting"))
                    wait_for("dunst to show it", lambda: dunst_displayed() >= 1)
                    daemon.wait_status("the notifier back", lambda s: "no server" not in s["notifier"])
                finally:
                    dunst.terminate()
                    dunst.wait()
        finally:
            self.assertEqual(daemon.stop(), 0)
            notify.close()

    def test_the_x_server_killed_ends_the_daemon_with_one_line(self):
        tmp = tempfile.mkdtemp(dir=os.environ.get("LIMBER_TEST_DIR"))
        display_file = os.path.join(tmp, "display")
        with open(display_file, "w") as out:
            xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-noreset", "-nolisten", "tcp"],
                                    stdout=out, stderr=subprocess.DEVNULL)
        number = wait_for("Xvfb's display", lambda: open(display_file).read().strip())
        daemon = Limberd(CONFIG)
        daemon.env["DISPLAY"] = ":" + number
        daemon.start()
        self.assertEqual(daemon.status()["idle_backend"], "x11")
        xvfb.kill()
        xvfb.wait()
        code = daemon.proc.wait(20)
        daemon.logfile.close()
        self.assertNotEqual(code, 0)
        lost = [l for l in daemon.read_log().splitlines() if "lost the X display" in l]
        self.assertEqual(len(lost), 1, daemon.read_log())

    def test_hostile_clients_do_not_starve_a_good_one(self):
        # Hundreds of sockets: more than the daemon's 256, and more than
        # this process may have open by default.
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
        daemon = Limberd(CONFIG).start()
        pid = daemon.proc.pid
        rss_before = rss_kib(pid)
        hostile = []
        slowest = []  # how long each good client waited for its status

        def good_client():
            reply, took = timed_status(daemon.socket)
            self.assertTrue(reply.get("ok"), reply)
            slowest.append(took)

        try:
            good_client()
            for i in range(600):  # idle and half-written, more than the daemon may hold
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(daemon.socket)
                if i % 2:
                    s.sendall(b'{"id": 1, "cmd": "sta')
                hostile.append(s)
                if i % 25 == 0:
                    good_client()
            garbage = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            garbage.connect(daemon.socket)
            garbage.sendall(os.urandom(4096) + b"\n")
            hostile.append(garbage)

            huge = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            huge.connect(daemon.socket)
            huge.settimeout(10)
            try:
                huge.sendall(b"x" * (10 * 1024 * 1024))
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                pass  # cut off at 64 KiB, as it should be
            self.assertIn(b"line_too_long", huge.recv(4096))
            hostile.append(huge)

            deaf = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            deaf.connect(daemon.socket)
            deaf.setblocking(False)
            request = b'{"id": 2, "cmd": "routines"}\n'
            try:
                for _ in range(20000):  # asks and asks, never reads a reply
                    deaf.send(request)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                pass
            hostile.append(deaf)
            for _ in range(20):
                good_client()

            # The first ones made room for the later ones.
            hostile[0].settimeout(5)
            self.assertIn(b'"evicted"', hostile[0].recv(4096))
            # The last half-written one is let go once it has sat for the
            # request timeout (10 s); good clients are answered meanwhile.
            last_half = hostile[599]
            last_half.setblocking(False)
            deadline = time.monotonic() + 30
            told = b""
            while b"\n" not in told:
                self.assertLess(time.monotonic(), deadline, "the half-written line was never timed out")
                good_client()
                try:
                    told += last_half.recv(4096)
                except BlockingIOError:
                    time.sleep(0.1)
            self.assertIn(b'"timeout"', told)

            worst = max(slowest)
            self.assertLess(worst, 0.050, f"a good client waited {worst * 1000:.0f} ms; "
                                          f"median {statistics.median(slowest) * 1000:.1f} ms of {len(slowest)}")
            # Under the asan-ubsan preset, ASan's quarantine and redzones count
            # in RSS too; they are not the daemon's memory.
            bound = 32 * 1024 * (4 if os.environ.get("LIMBER_SANITIZED") else 1)
            self.assertLess(rss_kib(pid) - rss_before, bound, "memory stays bounded")
        finally:
            for s in hostile:
                s.close()
            self.assertEqual(daemon.stop(), 0)
        self.assertEqual(daemon.sql("PRAGMA integrity_check"), [{"integrity_check": "ok"}])
        events = [e["type"] for e in daemon.sql("SELECT type FROM events ORDER BY id")]
        self.assertEqual((events[0], events[-1]), ("daemon_start", "daemon_stop"), events)
        spans = daemon.sql("SELECT start_ms, end_ms FROM spans ORDER BY id")
        self.assertTrue(spans and all(s["end_ms"] >= s["start_ms"] for s in spans), spans)

    def test_a_full_disk_is_survived_and_writes_resume(self):
        mount = tempfile.mkdtemp(dir="/tmp")
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount]).returncode != 0:
            self.skipTest("cannot mount a small tmpfs here")
        try:
            daemon = Limberd(CONFIG)
            daemon.db = os.path.join(mount, "limber.db")
            daemon.start()
            filler = os.path.join(mount, "filler")
            with open(filler, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass
            # Commands write events; the disk is full, so they fail.
            for _ in range(5):
                daemon.ctl("pause", "1h")
                daemon.ctl("resume")
            wait_for("the write error in the log", lambda: "full" in daemon.read_log())
            self.assertEqual(daemon.read_log().count("database or disk is full"), 1, "one line per outage")
            os.remove(filler)
            daemon.ctl("pause", "1h")
            wait_for("writes to resume", lambda: "writing history works again" in daemon.read_log())
            self.assertEqual(daemon.stop(), 0)
            events = daemon.sql("SELECT type FROM events ORDER BY id DESC LIMIT 2")
            self.assertIn({"type": "paused"}, events)
        finally:
            subprocess.run(["umount", "-l", mount])

    def test_wall_clock_jumps_neither_add_nor_remove_sitting(self):
        faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"
        if not os.path.exists(faketime):
            self.skipTest("libfaketime is not installed (scripts/deps test installs it)")
        offset = tempfile.mktemp(dir=os.environ.get("LIMBER_TEST_DIR"))
        with open(offset, "w") as f:
            f.write("+0\n")
        daemon = Limberd(CONFIG.replace('"2s"', '"1h"'))
        # Only the wall clock moves; BOOTTIME and MONOTONIC stay real.
        daemon.env.update(LD_PRELOAD=faketime, FAKETIME_TIMESTAMP_FILE=offset, FAKETIME_NO_CACHE="1",
                          FAKETIME_DONT_FAKE_MONOTONIC="1")
        daemon.start()
        try:
            with User():
                daemon.wait_status("some sitting", lambda s: s["sitting_seconds"] >= 1)
                for jump in ("+3600", "-7200"):  # an hour ahead, then an hour behind the real time
                    with open(offset, "w") as f:
                        f.write(jump + "\n")
                    status = daemon.status()
                    self.assertLess(status["sitting_seconds"], 60, f"after a jump of {jump}s")
                    self.assertEqual(status["state"], "active")
        finally:
            self.assertEqual(daemon.stop(), 0)
        sitting = daemon.sql("SELECT end_ms - start_ms AS ms FROM spans WHERE kind = 'sitting'")
        self.assertEqual(len(sitting), 1)
        self.assertTrue(1000 <= sitting[0]["ms"] < 60_000, sitting)
        # The jumps did reach the daemon: its last record is an hour behind.
        stop = daemon.sql("SELECT at_ms FROM events WHERE type = 'daemon_stop'")[0]["at_ms"]
        self.assertLess(stop, time.time() * 1000 - 3000_000)


if __name__ == "__main__":
    unittest.main()
