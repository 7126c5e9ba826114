# SPDX-License-Identifier: MIT
"""The sound test stack itself (sound_session.py), proven on real parts
before limberd's sound cues (issue 11) and call holds (issue 12) rely on
it: a private PipeWire with wireplumber and pipewire-pulse, a null sink
whose monitor is recorded, a virtual microphone, and speech-dispatcher
with espeak-ng speaking to the same sink. What PipeWire shows for each
kind of recorder is printed, for the people who write the hold sources."""

import os
import shutil
import time
import unittest

from harness import wait_for
from sound_session import COMPLETE, MIC, MIC_SINK, MONITOR, SINK, Recording, SoundSession, end

# How late an onset may be after the command that makes the sound started
# (the user contract in issue 11: within half a second of the step change).
HALF_A_SECOND = 0.5
# Shown in the log, so the next developer sees exactly what pw-dump says.
SHOWN = ("media.class", "node.name", "application.name", "application.process.binary", "stream.monitor",
         "stream.capture.sink", "resample.peaks", "node.passive", "target.object", "media.role", "media.category",
         "media.name", "client.api")


def show(label, node):
    props = {k: node["props"][k] for k in SHOWN if k in node["props"]}
    print(f"\n{label}: node {node['id']} state={node['state']} {props}", flush=True)


def pause(seconds):
    """Lets `seconds` of recording pass: the recorder is the thing waited on."""
    until = time.monotonic() + seconds
    wait_for(f"{seconds}s to pass", lambda: time.monotonic() >= until, timeout=seconds + 5)


def artifact(recording, name):
    """Keeps a recording to listen to when LIMBER_ARTIFACTS is set."""
    where = os.environ.get("LIMBER_ARTIFACTS")
    if where:
        os.makedirs(where, exist_ok=True)
        recording.save(os.path.join(where, name))


class RecordingTimeline(unittest.TestCase):
    """Recording's mapping of samples to CLOCK_MONOTONIC, on made-up chunks
    of 10 ms at 1000 Hz (10 samples each)."""

    RATE = 1000

    def chunks(self, arrivals, level=0):
        return [(t, (level.to_bytes(2, "little", signed=True)) * 10) for t in arrivals]

    def test_a_late_chunk_does_not_move_the_start(self):
        arrivals = [100.01 + i * 0.01 for i in range(50)]
        arrivals[10] += 0.08  # the reader was scheduled late once
        rec = Recording(self.chunks(arrivals), self.RATE)
        self.assertEqual(len(rec.segments), 1)
        self.assertAlmostEqual(rec.start, 100.0, places=6)
        self.assertAlmostEqual(rec.duration(), 0.5, places=6)

    def test_a_source_that_stops_delivering_keeps_the_later_samples_at_their_time(self):
        before = [100.01 + i * 0.01 for i in range(20)]  # 100.0 .. 100.2
        after = [101.01 + i * 0.01 for i in range(20)]   # nothing from 100.2 to 101.0
        rec = Recording(self.chunks(before) + self.chunks(after, level=16000), self.RATE)
        self.assertEqual([round(o, 6) for o, _ in rec.segments], [100.0, 101.0])
        self.assertEqual([round(t, 6) for t in rec.onsets()], [101.0])
        # The gap reads as silence, not as a jump in the timeline.
        times = [t for t, _ in rec.rms()]
        self.assertTrue(all(0.04 < b - a < 0.06 for a, b in zip(times, times[1:])), times)

    def test_silence_after_sound_must_last_before_the_next_onset(self):
        loud, quiet = 16000, 0
        rec = Recording(self.chunks([100.01 + i * 0.01 for i in range(10)], quiet)
                        + self.chunks([100.11 + i * 0.01 for i in range(10)], loud)
                        + self.chunks([100.21 + i * 0.01 for i in range(10)], quiet)  # 0.1 s: too short
                        + self.chunks([100.31 + i * 0.01 for i in range(10)], loud)
                        + self.chunks([100.41 + i * 0.01 for i in range(30)], quiet)  # 0.3 s
                        + self.chunks([100.71 + i * 0.01 for i in range(10)], loud), self.RATE)
        self.assertEqual([round(t, 6) for t in rec.onsets(silence=0.2)], [100.1, 100.7])


class OneStack(unittest.TestCase):
    """One stack for all tests of the class: each leaves it as it found it."""

    @classmethod
    def setUpClass(cls):
        cls.sound = SoundSession().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.sound.__exit__(None, None, None)


class SoundStack(unittest.TestCase):
    def test_the_stack_answers_on_its_own_sink_and_microphone_and_leaves_nothing_behind(self):
        with SoundSession() as sound:
            info = sound.pactl("info")
            print(f"\nstack up in {sound.startup_seconds:.3f}s; env {sound.env}", flush=True)
            self.assertIn("Server Name: PulseAudio (on PipeWire", info)
            self.assertIn(f"Default Sink: {SINK}", info.splitlines())
            self.assertIn(f"Default Source: {MIC}", info.splitlines())
            self.assertTrue(sound.env["PIPEWIRE_RUNTIME_DIR"].startswith(sound.dir))
            self.assertTrue(sound.env["PULSE_SERVER"].startswith("unix:" + sound.dir))
            pids = [p.pid for _, p in sound.procs]
            self.assertEqual(sorted(pid for pid, _ in sound.leftovers()), sorted(pids))
            where = sound.dir
        for pid in pids:
            self.assertFalse(os.path.exists(f"/proc/{pid}"), f"pid {pid} outlived the session")
        self.assertFalse(os.path.exists(where))

    def test_a_forgotten_client_is_reported_and_killed(self):
        sound = SoundSession(mic=False).start()
        forgotten = sound.popen(["parecord", "-d", MONITOR, "/dev/null"])
        sound.node_of(forgotten.pid)
        with self.assertRaisesRegex(AssertionError, "outlived the sound session.*parecord"):
            sound.stop()
        forgotten.wait(10)
        forgotten.stderr.close()

    def test_two_sessions_side_by_side_do_not_hear_each_other(self):
        with SoundSession(mic=False) as a, SoundSession(mic=False) as b:
            with a.recorder() as heard_a, b.recorder() as heard_b:
                pause(0.3)
                a.run(["paplay", COMPLETE])
                pause(0.3)
        self.assertEqual(len(heard_a.recording.onsets()), 1)
        self.assertEqual(heard_b.recording.onsets(), [])


class Cues(OneStack):
    def play_and_record(self, argv, name, after=1.0):
        """Runs argv while recording the sink: returns the recording and the
        CLOCK_MONOTONIC times argv was started and had finished."""
        with self.sound.recorder() as rec:
            pause(0.5)  # silence before, or no onset can be found
            started = time.monotonic()
            self.sound.run(argv)
            finished = time.monotonic()
            pause(after)
        artifact(rec.recording, name)
        return rec.recording, started, finished

    def test_a_theme_sound_played_with_paplay_is_heard_within_half_a_second(self):
        rec, started, _ = self.play_and_record(["paplay", COMPLETE], "paplay-complete.wav")
        onsets = rec.onsets()
        print(f"\npaplay {os.path.basename(COMPLETE)}: onsets at {[round(t - started, 3) for t in onsets]}s "
              f"after paplay started, peak RMS {rec.peak():.3f}", flush=True)
        self.assertEqual(len(onsets), 1, onsets)
        self.assertGreaterEqual(onsets[0] - started, -0.05)
        self.assertLess(onsets[0] - started, HALF_A_SECOND)

    def test_nothing_playing_records_silence_not_nothing(self):
        rec = self.sound.record(SINK, 1.0)
        # PipeWire's null sink runs once recorded and hands out zeros; a test
        # that looks for sound must not mistake "no samples" for silence.
        self.assertGreaterEqual(rec.duration(), 0.9)
        self.assertEqual(rec.onsets(), [])
        self.assertLess(rec.peak(), 0.001)

    def test_libcanberra_plays_the_theme_event_by_its_name_without_a_display(self):
        with self.sound.recorder() as rec:
            pause(0.5)
            played = self.sound.canberra("complete")
            pause(0.5)
        artifact(rec.recording, "libcanberra-complete.wav")
        onsets = rec.recording.onsets()
        print(f"\nlibcanberra ca_context_play(event.id=complete): onsets at "
              f"{[round(t - played, 3) for t in onsets]}s after the call", flush=True)
        self.assertEqual(len(onsets), 1, onsets)
        self.assertGreaterEqual(onsets[0] - played, -0.05)
        self.assertLess(onsets[0] - played, HALF_A_SECOND)

    @unittest.skipUnless(shutil.which("canberra-gtk-play"), "canberra-gtk-play missing: scripts/deps test")
    def test_canberra_gtk_play_plays_the_theme_event(self):
        # canberra-gtk-play is a GTK program: it needs a display
        # (tests/run-under-x.sh gives it Xvfb), and its own start (GTK, X,
        # the theme) took 0.3 s to over 2 s here, with load. So no latency
        # bound (libcanberra's own is above): the sound comes while it runs,
        # since it waits for the sound to finish.
        if not os.environ.get("DISPLAY"):
            self.skipTest("canberra-gtk-play needs DISPLAY: run under tests/run-under-x.sh")
        rec, started, finished = self.play_and_record(["canberra-gtk-play", "-i", "complete"],
                                                      "canberra-gtk-complete.wav")
        onsets = rec.onsets()
        print(f"\ncanberra-gtk-play -i complete: onsets at {[round(t - started, 3) for t in onsets]}s "
              f"after the program started; it ran {finished - started:.3f}s", flush=True)
        self.assertEqual(len(onsets), 1, onsets)
        self.assertGreater(onsets[0], started)
        self.assertLess(onsets[0], finished)

    def test_what_plays_into_the_microphone_is_heard_by_its_recorders(self):
        with self.sound.recorder(MIC) as rec:
            pause(0.5)
            started = time.monotonic()
            self.sound.run(["paplay", "-d", MIC_SINK, COMPLETE])
            pause(0.3)
        onsets = rec.recording.onsets()
        self.assertEqual(len(onsets), 1, onsets)
        # About what the microphone carries, not how fast: paplay's own
        # start is in this, and on a loaded machine it alone can take 0.5 s.
        self.assertLess(onsets[0] - started, 1.0)


class MicrophoneStreams(OneStack):
    """What issue 12's microphone source must tell apart, as pw-dump shows it."""

    def streams(self):
        return [n for n in self.sound.nodes() if n["props"].get("media.class") == "Stream/Input/Audio"]

    def recording(self, argv, label):
        proc = self.sound.popen(argv)
        self.addCleanup(end, proc)
        node = self.sound.node_of(proc.pid)
        show(label, node)
        return proc, node

    def test_a_call_like_recorder_of_the_microphone_is_a_running_input_stream(self):
        proc, node = self.recording(["parecord", "-d", MIC, "/dev/null"], "call-like recorder (parecord -d limber_mic)")
        self.assertEqual(node["props"]["media.class"], "Stream/Input/Audio")
        self.assertEqual(node["state"], "running")
        self.assertNotIn("stream.monitor", node["props"])
        self.assertNotIn("stream.capture.sink", node["props"])
        # The virtual microphone's own stream runs too, while it is recorded:
        # a recording of a sink (stream.capture.sink), which a microphone
        # source must not count.
        inner = [n for n in self.streams() if n["props"].get("node.name") == f"input.{MIC}"]
        show("the virtual microphone's own stream (module-remap-source)", inner[0])
        self.assertEqual(inner[0]["props"].get("stream.capture.sink"), True)
        end(proc)
        wait_for("the recorder's node to go", lambda: all(n["id"] != node["id"] for n in self.sound.nodes()))

    def test_a_level_meter_says_stream_monitor(self):
        _, node = self.recording(["pw-record", "--target", MIC, "--properties", "{ stream.monitor = true }",
                                  "/dev/null"], "level meter (pw-record stream.monitor = true)")
        self.assertEqual(node["props"]["media.class"], "Stream/Input/Audio")
        self.assertEqual(node["state"], "running")
        self.assertEqual(node["props"].get("stream.monitor"), True)

    def test_a_pulseaudio_peak_meter_says_stream_monitor_too(self):
        # pavucontrol's and GNOME Settings' input level bars.
        proc = self.sound.level_meter(MIC)
        self.addCleanup(end, proc)
        node = self.sound.node_of(proc.pid)
        show("level meter (PulseAudio PA_STREAM_PEAK_DETECT, like pavucontrol)", node)
        self.assertEqual(node["props"]["media.class"], "Stream/Input/Audio")
        self.assertEqual(node["props"].get("stream.monitor"), True)
        self.assertEqual(node["props"].get("resample.peaks"), True)

    def test_a_recording_of_the_speaker_says_stream_capture_sink(self):
        _, node = self.recording(["parecord", "-d", MONITOR, "/dev/null"],
                                 "monitor capture (parecord -d limber_test.monitor)")
        self.assertEqual(node["props"]["media.class"], "Stream/Input/Audio")
        self.assertEqual(node["props"].get("stream.capture.sink"), True)
        self.assertNotIn("stream.monitor", node["props"])


class Speech(unittest.TestCase):
    def test_speech_dispatcher_with_espeak_ng_speaks_on_the_test_sink(self):
        with SoundSession(mic=False) as sound:
            began = time.monotonic()
            sound.start_speech()
            print(f"\nspeech-dispatcher up in {time.monotonic() - began:.3f}s", flush=True)
            with sound.recorder() as rec:
                pause(0.5)
                started = time.monotonic()
                said = sound.run(["spd-say", "--wait", "-o", "espeak-ng", "Switch sides"], timeout=60)
                pause(0.3)
            artifact(rec.recording, "speech.wav")
            onsets = rec.recording.onsets()
            print(f"spd-say: onsets at {[round(t - started, 3) for t in onsets]}s, "
                  f"peak RMS {rec.recording.peak():.3f}", flush=True)
            self.assertTrue(onsets, f"no speech heard; spd-say said {said.stderr!r}\n{sound.log('speech-dispatcher')}")
            # The first utterance also starts espeak-ng's module: allow for it.
            self.assertLess(onsets[0] - started, 2.0)


if __name__ == "__main__":
    unittest.main()
