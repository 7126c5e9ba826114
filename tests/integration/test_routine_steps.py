# SPDX-License-Identifier: MIT
"""A routine step as the notification server gets it (issue 11, "See it"):
the real limberd runs a short routine on the private desktop, and every
Notify call is read off the bus with dbus-monitor. Each step carries its
figure (image-path), the second side of a two-sided step a mirrored copy of
it, a progress bar that drains a few times per step (value), the rep on a
step counted in reps, and asks to stay until the step ends. The picture
dunst draws of one step is kept as an artifact (docs/routine-step.png)."""

import os
import re
import shutil
import subprocess
import time
import unittest

from harness import BIN, SOURCE, Limberd, NotifyLog, dunst_displayed, wait_for

FIGURES = os.path.join(SOURCE, "figures")
# 4 s per stage: the bar moves every second (a quarter of the stage).
QUICK = """name = "Quick check"
[[step]]
name = "Reach up"
how = "Reach up with both arms."
figure = "seated-reach"
hold = "4s"

[[step]]
name = "Quarter dog"
how = "Forearms down, hips up."
figure = "quarter-dog"
hold = "4s"
sides = "both"

[[step]]
name = "Leg lifts"
how = "Lift the straight leg."
figure = "seated-leg-lift"
reps = 4
rep_time = "1s"

[[step]]
name = "Rest"
how = "Rest as long as you like."
figure = "childs-pose"
until = "next"
"""
TITLE = "Quick check"
SERVER_DEFAULT = -1  # expire_timeout for "the server decides"


def file_of(uri):
    assert uri.startswith("file:///"), uri
    return uri[len("file://"):]


def read(path):
    with open(path) as f:
        return f.read()


def setup_routine(daemon):
    """quick.toml in the user's routines; its figures by name from the
    user's data dir, as a user's own figures would be."""
    routines = os.path.join(daemon.home, "xdg-config", "limber", "routines")
    figures = os.path.join(daemon.home, "xdg-data", "limber", "figures")
    os.makedirs(routines)
    os.makedirs(figures)
    with open(os.path.join(routines, "quick.toml"), "w") as f:
        f.write(QUICK)
    for name in ("seated-reach", "quarter-dog", "seated-leg-lift", "childs-pose"):
        shutil.copy(os.path.join(FIGURES, name + ".svg"), figures)
    return figures


def artifacts_dir():
    path = os.environ.get("LIMBER_ARTIFACTS") or os.path.join(BIN, "..", "Testing", "artifacts")
    os.makedirs(path, exist_ok=True)
    return path


def screenshot(path):
    """The screen cut down to what dunst draws (the root window is black)."""
    subprocess.run(["import", "-window", "root", "-trim", "+repage", path], check=True)


class StepNotifications(unittest.TestCase):
    def setUp(self):
        self.notify = NotifyLog()
        self.daemon = Limberd("[routine]\nsounds = false\n")
        self.figures = setup_routine(self.daemon)
        self.daemon.start()

    def tearDown(self):
        self.daemon.stop()
        self.notify.close()

    def steps(self):
        return [c for c in self.notify.calls() if c["summary"].startswith(TITLE + " · ")]

    def by_stage(self):
        stages = {}
        for c in self.steps():
            stages.setdefault(c["summary"].split(" · ")[-1], []).append(c)
        return stages

    def test_a_routine_shows_figure_progress_and_reps_in_one_notification(self):
        self.daemon.ctl("start", "quick")
        wait_for("the untimed last step", lambda: any("Rest" in c["summary"] for c in self.steps()), timeout=30)
        stages = self.by_stage()
        self.assertEqual(list(stages), ["Reach up", "Quarter dog (left leg)", "Quarter dog (right leg)",
                                        "Leg lifts", "Rest"])
        displayed_mid_routine = dunst_displayed()
        self.daemon.ctl("next")  # the last step waits for the user
        wait_for("the routine to end", lambda: self.daemon.status()["routine"] is None)

        for stage, calls in stages.items():
            with self.subTest(stage=stage):
                # Stays until the step ends: never the server's timeout.
                self.assertEqual({c["expire_timeout"] for c in calls}, {0}, calls)
                self.assertTrue(all(c["hints"].get("suppress-sound") is None for c in calls))  # sounds = false
        # One notification, updated in place: every call after the first
        # replaces the same id, and dunst shows one, not a stack.
        ids = [c["replaces_id"] for c in self.steps()]
        self.assertEqual(ids[0], 0)
        self.assertEqual(len(set(ids[1:])), 1, ids)
        self.assertNotEqual(ids[1], 0)
        self.assertEqual(displayed_mid_routine, 1)

        # The figure: the step's own file, found by name.
        for stage, name in (("Reach up", "seated-reach"), ("Quarter dog (left leg)", "quarter-dog"),
                            ("Leg lifts", "seated-leg-lift"), ("Rest", "childs-pose")):
            with self.subTest(stage=stage):
                paths = {file_of(c["hints"]["image-path"]) for c in stages[stage]}
                self.assertEqual(paths, {os.path.join(self.figures, name + ".svg")})
                self.assertEqual(read(paths.pop()), read(os.path.join(FIGURES, name + ".svg")))
        # The other side: the same figure mirrored, in the runtime dir.
        right = {file_of(c["hints"]["image-path"]) for c in stages["Quarter dog (right leg)"]}
        self.assertEqual(len(right), 1)
        mirrored = right.pop()
        self.assertEqual(os.path.dirname(mirrored), os.path.join(self.daemon.home, "xdg-run", "limber", "figures"))
        self.assertTrue(os.path.isfile(mirrored))
        original = read(os.path.join(FIGURES, "quarter-dog.svg"))
        self.assertNotEqual(read(mirrored), original)
        self.assertIn('<g id="figure" transform="matrix(-1 0 0 1 128 0)"', read(mirrored))
        self.assertEqual(read(mirrored).replace(' transform="matrix(-1 0 0 1 128 0)"', ""), original)

        # The bar: full as the stage starts, then draining a few times.
        for stage in ("Reach up", "Quarter dog (left leg)", "Quarter dog (right leg)", "Leg lifts"):
            with self.subTest(stage=stage):
                values = [c["hints"]["value"] for c in stages[stage]]
                print(f"\n{stage}: value {values}", flush=True)
                self.assertEqual(values[0], 100)
                self.assertGreaterEqual(len(values), 3)  # 100, 75, 50 at least; 25 unless the loop was late
                self.assertLessEqual(len(values), 4)     # not every second of a hold
                self.assertEqual(values, sorted(values, reverse=True))
                self.assertEqual(len(set(values)), len(values))
        self.assertNotIn("value", stages["Rest"][0]["hints"])  # no timer, no bar
        self.assertEqual(len(stages["Rest"]), 1)

        # The rep on a step counted in reps, counting up with the bar.
        reps = [int(re.search(r"Rep (\d) of 4\.", c["body"]).group(1)) for c in stages["Leg lifts"]]
        print(f"Leg lifts: reps {reps}", flush=True)
        self.assertEqual(reps[0], 1)
        self.assertEqual(reps, sorted(reps))
        self.assertGreaterEqual(reps[-1], 3)

    def test_a_step_closed_by_the_user_stays_closed_until_the_next(self):
        self.daemon.ctl("start", "quick")
        wait_for("the step on the screen", lambda: dunst_displayed() == 1)
        subprocess.run(["dunstctl", "close"], check=True)
        wait_for("the step closed", lambda: dunst_displayed() == 0)
        closed_at = len(self.by_stage()["Reach up"])
        # The next stage comes after every mark of this one.
        wait_for("the next stage", lambda: "Quarter dog (left leg)" in self.by_stage(), timeout=10)
        self.assertEqual(len(self.by_stage()["Reach up"]), closed_at, "a refresh brought back a closed step")
        wait_for("the next stage on the screen", lambda: dunst_displayed() == 1)

    def test_stop_closes_the_step_and_nothing_brings_it_back(self):
        self.daemon.ctl("start", "quick")
        wait_for("the step on the screen", lambda: dunst_displayed() == 1)
        self.daemon.ctl("stop")
        wait_for("the step closed", lambda: dunst_displayed() == 0)
        shown = len(self.steps())
        # Nothing to wait for here but time: the stage's length, after which
        # each of its marks would have fired had stop not cancelled them.
        time.sleep(4.5)
        self.assertEqual(dunst_displayed(), 0)
        self.assertEqual(len(self.steps()), shown)


class PictureOfAStep(unittest.TestCase):
    """A built-in routine's step as dunst draws it: its figure, its text, the
    rep and a bar that has begun to drain. Kept as routine-step.png."""

    def test_gentle_floor_quarter_dog_rounds(self):
        notify = NotifyLog()
        daemon = Limberd("[routine]\nsounds = false\n").start()
        try:
            daemon.ctl("start", "gentle")
            daemon.ctl("next")
            daemon.ctl("next")  # past both sides of the towel stretch
            title = "Quarter dog rounds"
            # Its first refresh, 10 s in: the bar is no longer full.
            moved = notify.wait_for("the bar to move", lambda c: c["summary"].endswith(title) and
                                    c["hints"].get("value", 100) < 100, timeout=20)
            wait_for("dunst to show one step", lambda: dunst_displayed() == 1)
            png = os.path.join(artifacts_dir(), "routine-step.png")
            screenshot(png)
            calls = [c for c in notify.calls() if " · " in c["summary"]]
        finally:
            daemon.stop()
            notify.close()
        self.assertRegex(moved["body"], r"^Rep 1 of \d+\.\n")
        self.assertEqual(file_of(moved["hints"]["image-path"]), os.path.join(FIGURES, "quarter-dog.svg"))
        right = next(c for c in calls if c["summary"].endswith("(right leg)"))
        self.assertRegex(file_of(right["hints"]["image-path"]), r"/lying-towel-stretch-mirrored-[0-9a-f]{16}\.svg$")
        width, height = map(int, subprocess.run(["identify", "-format", "%w %h", png], capture_output=True,
                                                text=True, check=True).stdout.split())
        print(f"\nscreenshot: {png} ({width}x{height})", flush=True)
        self.assertGreater(height, 128)  # the figure at full size, and the text beside it


if __name__ == "__main__":
    unittest.main()
