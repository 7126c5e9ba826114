# SPDX-License-Identifier: MIT
"""The real limberd on real Wayland compositors: headless sway 1.7, which
offers only org_kde_kwin_idle, and KWin 5.27 (heavy), which offers
ext-idle-notify-v1 version 1. For each: the backend it picks and why, input
keeps the user sitting, idle past natural_break is a break from the last
input, input after it is sitting again, after a suspend (mock logind) the
first input is sitting again, and the compositor dying ends the daemon with
status 1 and one line. Version 2 of ext-idle-notify, which no
compositor in bookworm has, against a stand-in (wayland_fake.py). On sway,
a window of ours (wayland_window.py) going fullscreen makes the user busy
through zwlr_foreign_toplevel_management_v1, and leaving fullscreen ends it.

Run one compositor: python3 -m unittest -v test_wayland.SwayIdle"""

import json
import threading
import time
import unittest

from harness import Limberd, wait_for
from session_mocks import Logind
from wayland_fake import FakeCompositor
from wayland_session import KWin, Sway
from wayland_window import Window

CONFIG = """
[reminder]
sit_limit = "1h"
[activity]
natural_break = "2s"
"""
# Idle thresholds of 2 s and 4 s: room for a step between the two.
SUSPEND_CONFIG = CONFIG.replace('"2s"', '"4s"')


class Nudger:
    """A person at the desk: input through the compositor every `every`
    seconds until the block ends."""

    def __init__(self, compositor, every=0.3):
        self.compositor = compositor
        self.every = every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def _run(self):
        while not self.stop.is_set():
            self.compositor.nudge()
            self.stop.wait(self.every)

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


class IdleOnWayland:
    compositor = None  # Sway or KWin
    protocol = ""      # what limberd must pick there
    passed_over = ""   # a protocol the log must say is not used, and why

    def setUp(self):
        self.wayland = self.compositor().start()
        self.addCleanup(self.wayland.stop)

    def daemon(self, config=CONFIG):
        daemon = Limberd(config)
        daemon.env["WAYLAND_DISPLAY"] = self.wayland.socket  # absolute: the daemon has its own runtime dir
        daemon.env.pop("DISPLAY", None)
        return daemon.start()

    def test_picks_the_protocol_and_records_why(self):
        offered = self.wayland.interfaces()
        self.assertIn(self.protocol_global, offered)
        daemon = self.daemon()
        try:
            self.assertEqual(daemon.status()["idle_backend"], self.protocol)
            log = daemon.read_log()
            self.assertIn(f"activity from {self.protocol}: bound version 1", log)
            self.assertRegex(log, f"activity from {self.passed_over}: not used: {self.passed_over_why}")
            self.assertNotRegex(log, r"activity from x11: (?!not used)")
            start = daemon.sql("SELECT detail FROM events WHERE type = 'daemon_start'")[-1]
            self.assertEqual(json.loads(start["detail"])["idle_backend"], self.protocol)
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_input_is_sitting_and_idle_past_natural_break_is_a_break(self):
        daemon = self.daemon()
        try:
            with Nudger(self.wayland):
                # Without input a break would come after 2 s; with it the
                # sitting goes on.
                daemon.wait_status("sitting for longer than natural_break",
                                   lambda s: s["state"] == "active" and s["sitting_seconds"] >= 4, timeout=30)
            status = daemon.wait_status("a natural break", lambda s: s["state"] == "away")
            self.assertIsNone(status["sitting_since"])
            spans = daemon.sql("SELECT kind, reason, start_ms, end_ms, open FROM spans ORDER BY id")
            sitting, pause = spans[-2], spans[-1]
            self.assertEqual((pause["kind"], pause["reason"], pause["open"]), ("break", "idle", 1))
            self.assertEqual(sitting["kind"], "sitting")
            # It ends at the last input, up to one nudge before the status above.
            self.assertGreaterEqual(sitting["end_ms"] - sitting["start_ms"], 3000)
            self.assertEqual(sitting["end_ms"], pause["start_ms"], "the break starts at the last input")

            self.wayland.nudge()  # back at the desk
            daemon.wait_status("sitting again", lambda s: s["sitting_since"] is not None)
            closed = daemon.sql("SELECT open, end_ms - start_ms AS ms FROM spans "
                                "WHERE kind = 'break' ORDER BY id DESC LIMIT 1")[0]
            self.assertEqual(closed["open"], 0)
            self.assertGreaterEqual(closed["ms"], 2000)
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_after_a_suspend_the_first_input_is_sitting_again(self):
        # Where nothing else tells limberd the user is back, it asks the
        # compositor for the next input (IdleSource::await_activity).
        logind = Logind()
        self.addCleanup(logind.stop)
        daemon = self.daemon(SUSPEND_CONFIG)
        try:
            # Input through the "sleep" stands in for the compositor's clock
            # stopping in a real one: its timeouts stay far from running out,
            # and limberd hears nothing (input is news only after idleness).
            with Nudger(self.wayland):
                daemon.wait_status("sitting", lambda s: s["state"] == "active")
                logind.prepare_for_sleep(True)
                wait_for("the sleep event", lambda: daemon.sql("SELECT 1 FROM events WHERE type = 'sleep'"))
                asleep = time.monotonic()
                wait_for("a sleep longer than natural_break", lambda: time.monotonic() - asleep > 4.5)
            logind.prepare_for_sleep(False)
            wait_for("the suspend break", lambda: daemon.sql(
                "SELECT 1 FROM spans WHERE kind = 'break' AND reason = 'suspend' AND open = 1"))
            self.assertEqual(daemon.status()["state"], "away")

            # Well inside the 2 s threshold: no timeout went idle, so only the
            # await_activity timer can report this input. Without it sitting
            # would not start until the next input after 2 s of idleness.
            self.wayland.nudge()
            daemon.wait_status("sitting after the first input", lambda s: s["sitting_since"] is not None)
            closed = daemon.sql("SELECT open, end_ms - start_ms AS ms FROM spans "
                                "WHERE kind = 'break' AND reason = 'suspend'")
            self.assertEqual(len(closed), 1)
            self.assertEqual(closed[0]["open"], 0)
            self.assertGreaterEqual(closed[0]["ms"], 4500)
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_compositor_gone_ends_the_daemon_with_status_1_and_one_line(self):
        daemon = self.daemon()
        self.wayland.kill()
        wait_for("limberd to exit", lambda: daemon.proc.poll() is not None)
        self.assertEqual(daemon.stop(), 1)
        errors = [line for line in daemon.read_log().splitlines() if line.startswith(("error", "critical"))]
        self.assertEqual(len(errors), 1, errors)
        self.assertRegex(errors[0], r"lost the activity source: the Wayland compositor on .* closed the connection")
        stop = daemon.sql("SELECT detail FROM events WHERE type = 'daemon_stop'")[-1]
        self.assertEqual(json.loads(stop["detail"])["exit"], 1)


class SwayIdle(IdleOnWayland, unittest.TestCase):
    compositor = Sway
    protocol = "org_kde_kwin_idle"
    protocol_global = "org_kde_kwin_idle"
    passed_over = "ext-idle-notify-v1"
    passed_over_why = "the compositor on .* does not offer ext_idle_notifier_v1"


class SwayFullscreen(unittest.TestCase):
    APP = "limber-test-window"

    def setUp(self):
        self.wayland = Sway().start()
        self.addCleanup(self.wayland.stop)
        daemon = Limberd(CONFIG + '[hold]\nsources = ["fullscreen"]\n')
        daemon.env["WAYLAND_DISPLAY"] = self.wayland.socket
        daemon.env.pop("DISPLAY", None)
        self.daemon = daemon.start()
        self.addCleanup(self.daemon.stop)

    def test_a_fullscreen_window_with_the_focus_makes_the_user_busy(self):
        doctor = self.daemon.ctl("doctor").stdout
        self.assertRegex(doctor, r"wayland fullscreen.*zwlr_foreign_toplevel_manager_v1 on")
        self.assertIn("not used on Wayland", doctor)  # the X11 source
        window = Window(self.wayland.socket, self.APP)
        self.addCleanup(window.close)
        window.fullscreen(True)
        self.daemon.wait_status("busy with the fullscreen window", lambda s: f"fullscreen: {self.APP}" in s["busy"])
        window.fullscreen(False)
        self.daemon.wait_status("no longer busy", lambda s: not s["busy"])

        # The focus moves to a window on another workspace: not busy; back: busy.
        window.fullscreen(True)
        self.daemon.wait_status("busy again", lambda s: s["busy"])
        other = Window(self.wayland.socket, "limber-other-window")
        self.addCleanup(other.close)
        self.wayland.command("[app_id=limber-other-window]", "move", "to", "workspace", "2")
        self.wayland.command("workspace", "2")
        self.daemon.wait_status("not busy once the focus moved", lambda s: not s["busy"])
        self.wayland.command("workspace", "1")
        self.daemon.wait_status("busy once the fullscreen window has the focus back", lambda s: s["busy"])


class KWinIdle(IdleOnWayland, unittest.TestCase):
    compositor = KWin
    protocol = "ext-idle-notify-v1"
    protocol_global = "ext_idle_notifier_v1"
    passed_over = "org_kde_kwin_idle"
    passed_over_why = "not needed: ext-idle-notify-v1 is in use"


class ExtIdleNotifyVersion2(unittest.TestCase):
    """Version 2 of ext-idle-notify is in no compositor in bookworm, so a
    stand-in (wayland_fake.py) offers it and records what limberd asks."""

    def start(self, notifier_version):
        self.fake = FakeCompositor(notifier_version)
        self.addCleanup(self.fake.stop)
        daemon = Limberd(CONFIG)
        daemon.env["WAYLAND_DISPLAY"] = self.fake.socket
        daemon.env.pop("DISPLAY", None)
        return daemon.start()

    def test_binds_version_2_of_a_newer_notifier_and_asks_for_input_only_notifications(self):
        daemon = self.start(notifier_version=3)
        try:
            wait_for("a notification per threshold",
                     lambda: len(self.fake.requested("get_input_idle_notification")) == 2)
            self.assertIn(("wl_registry", "bind", "ext_idle_notifier_v1", 2), self.fake.requests)
            self.assertEqual(sorted(r[2] for r in self.fake.requested("get_input_idle_notification")), [1000, 2000])
            self.assertEqual(self.fake.requested("get_idle_notification"), [])
            self.assertIn("activity from ext-idle-notify-v1: bound version 2 (the compositor offers 3); "
                          "input-only notifications", daemon.read_log())

            self.fake.idled(1000)
            self.fake.idled(2000)
            daemon.wait_status("a natural break", lambda s: s["state"] == "away")
            self.assertEqual(daemon.sql("SELECT reason, open FROM spans WHERE kind = 'break'")[-1],
                             {"reason": "idle", "open": 1})
            self.fake.resumed(1000)
            self.fake.resumed(2000)
            daemon.wait_status("sitting again", lambda s: s["sitting_since"] is not None)
        finally:
            self.assertEqual(daemon.stop(), 0)

    def test_version_1_gets_the_notifications_inhibitors_hold_back(self):
        daemon = self.start(notifier_version=1)
        try:
            wait_for("a notification per threshold", lambda: len(self.fake.requested("get_idle_notification")) == 2)
            self.assertIn(("wl_registry", "bind", "ext_idle_notifier_v1", 1), self.fake.requests)
            self.assertEqual(self.fake.requested("get_input_idle_notification"), [])
        finally:
            self.assertEqual(daemon.stop(), 0)


if __name__ == "__main__":
    unittest.main()
