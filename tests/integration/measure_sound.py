# SPDX-License-Identifier: MIT
"""Figures for docs/testing-sound.md: how long the private sound stack
takes to start, and how late a sound is heard after it was asked for.
Usage (from tests/integration): python3 measure_sound.py [ROUNDS]"""

import statistics
import sys
import time

from sound_session import COMPLETE, SoundSession
from test_sound import pause


def summary(name, values):
    values = sorted(values)
    print(f"{name:<42} median {statistics.median(values) * 1000:6.0f} ms   "
          f"min {values[0] * 1000:6.0f} ms   max {values[-1] * 1000:6.0f} ms   (n={len(values)})")


def onset_after(sound, play):
    """Seconds from play()'s returned start time to the first onset."""
    with sound.recorder() as rec:
        pause(0.4)
        started = play()
        pause(0.8)
    onsets = rec.recording.onsets()
    return onsets[0] - started if onsets else float("nan")


def main(rounds):
    startups, speech_startups, paplay, canberra, speech = [], [], [], [], []
    for _ in range(rounds):
        with SoundSession() as sound:
            startups.append(sound.startup_seconds)
            paplay.append(onset_after(sound, lambda: (time.monotonic(), sound.run(["paplay", COMPLETE]))[0]))
            canberra.append(onset_after(sound, lambda: sound.canberra("complete")))
            began = time.monotonic()
            sound.start_speech()
            speech_startups.append(time.monotonic() - began)
            speech.append(onset_after(sound, lambda: (time.monotonic(),
                                                      sound.run(["spd-say", "--wait", "Switch sides"]))[0]))
    summary("stack start (pipewire .. defaults set)", startups)
    summary("paplay complete.oga: exec to onset", paplay)
    summary("libcanberra ca_context_play to onset", canberra)
    summary("speech-dispatcher start (socket answers)", speech_startups)
    summary("spd-say (first utterance): exec to onset", speech)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
