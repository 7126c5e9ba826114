#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How long after a step changes its words are heard (issue 11), on the
private PipeWire and speech-dispatcher (espeak-ng) of
tests/integration/sound_session.py.

Run under the test desktop:
    tests/run-under-x.sh python3 bench/speech_latency.py [--runs N] [--bin build/bin]

Per run: limberd with speak = true and sounds = false (only speech makes a
sound) runs a routine of three 4-second steps, long enough for each step's
words to end before the next step starts, while the null sink is recorded.
limberd logs (at debug level, as the harness runs it) the CLOCK_MONOTONIC
moment it asked for each step's words (on its loop, as the step changed);
the latency is from there to the first onset in the recording (10 ms windows, -40 dBFS after 0.2 s
of silence). The first step of a routine also connects to
speech-dispatcher, so it is shown apart from the others."""

import argparse
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))

CONFIG = '[routine]\nsounds = false\nspeak = true\n[activity]\nnatural_break = "1h"\n'
ROUTINE = """name = "Speech bench"
[[step]]
name = "Reach up"
how = "Reach up with both arms."
hold = "4s"
[[step]]
name = "Lunge"
how = "Step forward into a lunge."
hold = "4s"
[[step]]
name = "Shoulder roll"
how = "Roll both shoulders back."
hold = "4s"
"""
ASKED = re.compile(r'"([^"]*)" asked for at ([0-9.]+) \(monotonic\)')
EARLY = 0.05  # a PipeWire quantum may date a sound a little early (docs/testing-sound.md)


def one_run():
    """[(words, latency in ms)] for each step and the end of one routine."""
    from harness import Limberd, wait_for
    from sound_session import SoundSession
    from test_sound import pause
    from test_sound_cues import Events

    with SoundSession(mic=False) as sound:
        sound.start_speech()
        daemon = Limberd(CONFIG)  # the harness runs it with --log-level debug
        where = os.path.join(daemon.home, "xdg-config", "limber", "routines")
        os.makedirs(where, exist_ok=True)
        with open(os.path.join(where, "bench.toml"), "w") as f:
            f.write(ROUTINE)
        daemon.env.update(sound.env)
        daemon.start()
        try:
            with sound.recorder() as rec:
                pause(0.5)
                events = Events(daemon)
                try:
                    daemon.ctl("start", "bench")
                    wait_for("the routine to end", lambda: events.of("routine_end"), timeout=30)
                finally:
                    events.close()
                pause(2.5)  # "Speech bench done. Well done."
            log = daemon.read_log()
        finally:
            daemon.stop()
    onsets = rec.recording.onsets(window=0.01)
    out = []
    for words, at in ((m.group(1), float(m.group(2))) for m in ASKED.finditer(log)):
        heard = [t for t in onsets if t >= float(at) - EARLY]
        out.append((words, round((heard[0] - at) * 1000) if heard else None))
    return out


def summary(what, values):
    if not values:
        return f"{what}: none heard"
    return f"{what}: median {statistics.median(values):.0f} ms, max {max(values)} ms (n = {len(values)})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "bin"))
    a = ap.parse_args()
    os.environ["LIMBER_BIN"] = os.path.abspath(a.bin)
    os.environ.setdefault("LIMBER_SOURCE_DIR", os.path.join(HERE, ".."))
    first, later, missing = [], [], 0
    for run in range(a.runs):
        said = one_run()
        print(f"run {run + 1}: " + ", ".join(f"{w!r} {ms} ms" for w, ms in said), flush=True)
        for i, (_, ms) in enumerate(said):
            if ms is None:
                missing += 1
            else:
                (first if i == 0 else later).append(ms)
    print(summary("first step (connects to speech-dispatcher)", first))
    print(summary("later steps and the end", later))
    if missing:
        print(f"{missing} utterances were not found in the recording")
        sys.exit(1)


if __name__ == "__main__":
    main()
