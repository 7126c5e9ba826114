# SPDX-License-Identifier: MIT
"""Reminders that wait for the end of a call, on a real PipeWire
(sound_session.py: PipeWire, wireplumber and pipewire-pulse with a virtual
microphone): parecord from the microphone holds a due reminder, ending it
brings the reminder after the grace, and a level meter (a PulseAudio
peak-detect stream: stream.monitor) holds nothing. A running screencast
stream and a running camera node (video_streams.py) hold the same way.
limberd started before PipeWire loads none of libpipewire's modules until
PipeWire's socket appears, then sees a recording as usual."""

import subprocess
import time
import unittest

from harness import Limberd, NotifyLog, User, wait_for
from sound_session import MIC, SoundSession, end
from test_hold import CONFIG, is_reminder
from video_streams import CAMERA, SCREENCAST, VideoStream


class OnPipeWire(unittest.TestCase):
    """limberd on a private PipeWire; a subclass says whether it needs the
    virtual microphone, and may change the config."""

    mic = True
    config = CONFIG

    def setUp(self):
        self.sound = SoundSession(mic=self.mic).start()
        self.notify = NotifyLog()
        self.daemon = Limberd(self.config)
        self.daemon.env.update(self.sound.env)
        self.daemon.start()

    def tearDown(self):
        try:
            self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        finally:
            self.notify.close()
            self.sound.stop()

    def reminders(self):
        return [c for c in self.notify.calls() if is_reminder(c)]

    def assert_held_until(self, kind, stop):
        """While the user works, a due reminder is held for `kind` (status
        and doctor say so); once `stop()` ended the busy time, it comes
        after the grace (2 s in CONFIG)."""
        with User():
            status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
            self.assertEqual(status["held"]["kind"], kind)
            self.assertTrue(any(b.startswith(kind + ":") for b in status["busy"]), status["busy"])
            self.assertEqual(self.reminders(), [])
            doctor = self.daemon.ctl("doctor", "--json").stdout
            self.assertIn("pipewire " + kind, doctor)
            ended = time.monotonic()  # before: a stop() may take a while to see done
            stop()
            self.notify.wait_for("the reminder after the busy time", is_reminder, timeout=10)
            waited = time.monotonic() - ended
            self.assertGreaterEqual(waited, 1.5)
            self.assertLess(waited, 4.0)


class MicrophoneHold(OnPipeWire):
    def test_a_recording_holds_and_its_end_brings_the_reminder_after_the_grace(self):
        call = self.sound.popen(["parecord", "--raw", "--device", MIC], stdout=subprocess.DEVNULL)
        try:
            self.assert_held_until("microphone", lambda: end(call))
        finally:
            end(call)

    def test_a_level_meter_holds_nothing(self):
        meter = self.sound.level_meter()
        try:
            with User():
                self.notify.wait_for("the reminder", is_reminder, timeout=15)
                self.assertIsNone(self.daemon.status().get("held"))
        finally:
            end(meter)


class VideoHold(OnPipeWire):
    mic = False

    def test_a_shared_screen_holds_and_its_end_brings_the_reminder_after_the_grace(self):
        with VideoStream(self.sound, SCREENCAST) as screencast:
            self.assert_held_until("screencast", screencast.stop)

    def test_a_camera_in_use_holds_and_its_end_brings_the_reminder_after_the_grace(self):
        with VideoStream(self.sound, CAMERA) as camera:
            self.assert_held_until("camera", camera.stop)


class PipeWireRestart(OnPipeWire):
    """PipeWire dies while a screen is shared and comes back: the hold it
    made ends (the reminder comes after the grace), limberd runs on, doctor
    says it waits, and once PipeWire is back a screencast holds again."""

    mic = False
    # Repeats come quickly, so that one falls due during the second screencast.
    config = CONFIG.replace('repeat = "1m"', 'repeat = "4s"')

    def test_pipewire_gone_releases_and_its_return_is_followed(self):
        screencast = VideoStream(self.sound, SCREENCAST).start()
        try:
            with User():
                status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
                self.assertEqual(status["held"]["kind"], "screencast")
                died = time.monotonic()
                self.sound.kill_servers()
                screencast.stop(wait=False)  # its publisher lost PipeWire too
                self.notify.wait_for("the reminder once PipeWire is gone", is_reminder, timeout=10)
                self.assertGreaterEqual(time.monotonic() - died, 1.5, "shown before the grace")
                self.assertFalse(self.daemon.status()["busy"])
                gone = wait_for("doctor to say PipeWire is gone",
                                lambda: (lambda p: p if not p["used"] else None)(
                                    self.daemon.probe("pipewire screencast")))
                self.assertIn("waiting for", gone["why"])

                self.sound.start_servers()
                wait_for("doctor to say PipeWire is back", lambda: self.daemon.probe("pipewire screencast")["used"])
                with VideoStream(self.sound, SCREENCAST):
                    status = self.daemon.wait_status(
                        "a repeat held for the new screencast",
                        lambda s: s["state"] == "held" and any(b.startswith("screencast:") for b in s["busy"]))
                    self.assertEqual(status["held"]["kind"], "screencast")
                self.daemon.wait_status("the screencast's end seen", lambda s: not s["busy"])
            self.assertIsNone(self.daemon.proc.poll(), "limberd exited")
        finally:
            screencast.stop(wait=False)


class StartedBeforePipeWire(unittest.TestCase):
    """A login where limberd comes first: it waits for PipeWire's socket
    with libpipewire's context not yet made, and follows PipeWire once it
    starts."""

    def setUp(self):
        self.sound = SoundSession().start(servers=False)
        self.addCleanup(self.sound.stop)
        self.notify = NotifyLog()
        self.addCleanup(self.notify.close)
        self.daemon = Limberd(CONFIG)
        self.daemon.env.update(self.sound.env)
        self.daemon.start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())

    def maps(self):
        with open(f"/proc/{self.daemon.proc.pid}/maps") as f:
            return f.read()

    def test_pipewire_starting_later_is_followed(self):
        waiting = self.daemon.probe("pipewire microphone")
        self.assertFalse(waiting["used"])
        self.assertIn("waiting for " + self.sound.path("run", "pipewire-0"), waiting["why"])
        self.assertNotIn("libpipewire-module-", self.maps())

        self.sound.start_servers()
        wait_for("doctor to see PipeWire", lambda: self.daemon.probe("pipewire microphone")["used"])
        # Only the module a registry watcher needs, not client.conf's list.
        self.assertIn("libpipewire-module-protocol-native", self.maps())
        self.assertNotIn("libpipewire-module-client-node", self.maps())
        # Busy, not held: the reminder (sit_limit 3 s) may have been shown
        # while PipeWire was starting. MicrophoneHold covers busy -> held.
        call = self.sound.popen(["parecord", "--raw", "--device", MIC], stdout=subprocess.DEVNULL)
        try:
            self.daemon.wait_status("busy with the recording",
                                    lambda s: any(b.startswith("microphone:") for b in s["busy"]))
        finally:
            end(call)
        self.daemon.wait_status("no longer busy", lambda s: not s["busy"])


if __name__ == "__main__":
    unittest.main()
