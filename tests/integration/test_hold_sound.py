# SPDX-License-Identifier: MIT
"""Reminders that wait for the end of a call, on a real PipeWire
(sound_session.py: PipeWire, wireplumber and pipewire-pulse with a virtual
microphone): parecord from the microphone holds a due reminder, ending it
brings the reminder after the grace, and a level meter (a PulseAudio
peak-detect stream: stream.monitor) holds nothing. A running screencast
stream and a running camera node (video_streams.py) hold the same way."""

import subprocess
import time
import unittest

from harness import Limberd, NotifyLog, User
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


if __name__ == "__main__":
    unittest.main()
