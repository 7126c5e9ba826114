# SPDX-License-Identifier: MIT
"""Spoken guidance (issue 11), heard: the real limberd with speak = true
talks to a private speech-dispatcher (espeak-ng) that speaks into the
private PipeWire's null sink (sound_session.py); the recording has speech
after the routine starts. With speak off (and sounds off, so only speech
could make a sound) it stays silent. A call that starts mid-step (the
virtual microphone recorded) cuts the words short. Without
speech-dispatcher the routine runs and doctor says why."""

import os
import subprocess
import time
import unittest

from harness import Limberd, wait_for
from sound_session import MIC, SoundSession, end
from test_sound import artifact, pause
from test_sound_cues import Events, run_routine, user_routine

# A first step whose words take several seconds to say, and a second one.
LONG_WORDS = """name = "Long words"
[[step]]
name = "Reach up slowly with both arms above your head and breathe in and out three times, calmly and deeply"
how = "Reach up."
hold = "8s"
[[step]]
name = "Lower your arms"
how = "Lower them slowly."
hold = "3s"
"""
LOUD = 0.01


def spoken_routine(config, wav):
    """Runs `quick` under `config` with speech-dispatcher up and the sink
    recorded; returns the steps, the end and the recording."""
    with SoundSession(mic=False) as sound:
        sound.start_speech()
        daemon = Limberd(config)
        user_routine(daemon)
        daemon.env.update(sound.env)
        daemon.start()
        try:
            with sound.recorder() as rec:
                pause(0.5)
                steps, end = run_routine(daemon)
                pause(2.0)  # "Quick check done. Well done." is said after the end
            doctor = daemon.ctl("doctor")
        finally:
            daemon.stop()
        artifact(rec.recording, wav)
    return steps, end, rec.recording, doctor


class Speech(unittest.TestCase):
    def test_speak_on_says_the_steps(self):
        steps, end, recording, doctor = spoken_routine("[routine]\nsounds = false\nspeak = true\n", "routine-speech.wav")
        self.assertEqual(len(steps), 3)
        self.assertTrue(end[1]["completed"])
        first_step = steps[0][0]
        # Speech is loud for a long stretch (words, not a 0.3 s chime) soon
        # after the first step.
        loud = [t for t, level in recording.rms() if level >= 0.01]
        self.assertTrue(loud, "no speech was heard")
        self.assertLess(loud[0] - first_step, 3.0, "the first step was not said when it began")
        self.assertGreater(len([t for t in loud if first_step <= t <= first_step + 3]), 5)
        self.assertRegex(doctor.stdout, r"used\s+speech-dispatcher")

    def test_speak_off_is_silence(self):
        steps, _, recording, doctor = spoken_routine("[routine]\nsounds = false\nspeak = false\n", "routine-speech-off.wav")
        self.assertEqual(len(steps), 3)
        self.assertLess(recording.peak(), 0.01)
        self.assertRegex(doctor.stdout, r"not used\s+speech-dispatcher\s+off: speak = false")


class CallMidStep(unittest.TestCase):
    def test_a_call_that_starts_mid_step_cuts_the_words_short_and_silences_the_rest(self):
        with SoundSession(mic=True) as sound:
            sound.start_speech()
            daemon = Limberd("[routine]\nsounds = false\nspeak = true\n")
            where = os.path.join(daemon.home, "xdg-config", "limber", "routines")
            os.makedirs(where, exist_ok=True)
            with open(os.path.join(where, "long.toml"), "w") as f:
                f.write(LONG_WORDS)
            daemon.env.update(sound.env)
            daemon.start()
            call = None
            try:
                with sound.recorder() as rec:
                    pause(0.5)
                    events = Events(daemon)
                    try:
                        daemon.ctl("start", "long")
                        wait_for("the words to be heard",
                                 lambda: any(level >= LOUD for _, level in rec.snapshot().rms()), timeout=10)
                        call = sound.popen(["parecord", "--raw", "--device", MIC], stdout=subprocess.DEVNULL)
                        daemon.wait_status("the call", lambda s: s["busy"], timeout=10)
                        busy_at = time.monotonic()
                        wait_for("the routine to end", lambda: events.of("routine_end"), timeout=30)
                        steps = events.of("routine_step")
                    finally:
                        events.close()
                    pause(1.0)
            finally:
                if call:
                    end(call)
                daemon.stop()
            artifact(rec.recording, "routine-speech-hushed.wav")
        self.assertEqual(len(steps), 2)
        loud = [t for t, level in rec.recording.rms() if level >= LOUD]
        first = steps[0][0]
        self.assertTrue([t for t in loud if t < busy_at], "the first step was said until the call")
        # The sentence takes about six seconds; the call came at about two.
        self.assertLess(busy_at - first, 4.0)
        after = [round(t - busy_at, 2) for t in loud if t > busy_at + 0.5]
        self.assertEqual(after, [], "words after the call began (s after it)")


class NoSpeechServer(unittest.TestCase):
    def test_the_routine_runs_and_doctor_says_why(self):
        daemon = Limberd("[routine]\nsounds = false\nspeak = true\n")
        user_routine(daemon)
        # Nothing listens there, and an address given is not autospawned.
        daemon.env.update(SPEECHD_ADDRESS="unix_socket:" + os.path.join(daemon.home, "no-such-socket"))
        daemon.start()
        try:
            steps, end = run_routine(daemon)
            wait_for("doctor to name the problem",
                     lambda: "cannot connect to speech-dispatcher" in daemon.ctl("doctor").stdout, timeout=10)
            log = daemon.read_log()
        finally:
            daemon.stop()
        self.assertEqual([e["step"] for _, e in steps], [1, 2, 3])
        self.assertTrue(end[1]["completed"])
        self.assertEqual(log.count("no spoken guidance"), 1, log)


if __name__ == "__main__":
    unittest.main()
