# SPDX-License-Identifier: MIT
"""Reminders that wait for the end of a call, on a real PipeWire
(sound_session.py: PipeWire, wireplumber and pipewire-pulse with a virtual
microphone): parecord from the microphone holds a due reminder, ending it
brings the reminder after the grace, and a level meter (a PulseAudio
peak-detect stream: stream.monitor) holds nothing."""

import subprocess
import time
import unittest

from harness import Limberd, NotifyLog, User
from sound_session import MIC, SoundSession, end
from test_hold import CONFIG, is_reminder


class MicrophoneHold(unittest.TestCase):
    def setUp(self):
        self.sound = SoundSession(mic=True).start()
        self.notify = NotifyLog()
        self.daemon = Limberd(CONFIG)
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

    def test_a_recording_holds_and_its_end_brings_the_reminder_after_the_grace(self):
        call = self.sound.popen(["parecord", "--raw", "--device", MIC], stdout=subprocess.DEVNULL)
        try:
            with User():
                status = self.daemon.wait_status("the reminder held", lambda s: s["state"] == "held")
                self.assertEqual(status["held"]["kind"], "microphone")
                self.assertTrue(any(b.startswith("microphone") for b in status["busy"]), status["busy"])
                self.assertEqual(self.reminders(), [])
                doctor = self.daemon.ctl("doctor", "--json").stdout
                self.assertIn("pipewire microphone", doctor)
                end(call)
                ended = time.monotonic()
                self.notify.wait_for("the reminder after the call", is_reminder, timeout=10)
                waited = time.monotonic() - ended
                self.assertGreaterEqual(waited, 1.5)
                self.assertLess(waited, 4.0)
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


if __name__ == "__main__":
    unittest.main()
