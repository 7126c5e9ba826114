# SPDX-License-Identifier: MIT
"""limberctl routines show ID through the real binaries: the routine limberd
runs (a user's own included) as text and as a page with its figures, the
same routine read from the files while limberd is down, and the errors."""

import json
import os
import re
import shutil
import subprocess
import tomllib
import unittest

from harness import LIMBERCTL, SOURCE, Limberd

# A routine of the user's own, with a name that HTML must not take for
# markup and a figure of its own beside the file.
USER_ROUTINE = """name = "Mine <b>&</b> yours"
place = "seated"
needs = ["a towel"]
[[step]]
name = "Knee hug"
how = "Hug one knee to your chest."
figure = "knee-hug"
hold = "20s"
sides = "both"
[[step]]
name = "Rest"
how = "Sit back and breathe."
until = "next"
"""
KNEE_HUG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <title>Knee hug</title>
  <g id="figure"><circle cx="40" cy="30" r="9" fill="#2d3e50"/></g>
</svg>
"""


def step_names(routine_file):
    with open(routine_file, "rb") as f:
        return [step["name"] for step in tomllib.load(f)["step"]]


class RoutineSheet(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.daemon = Limberd()
        cls.user_dir = os.path.join(cls.daemon.env["XDG_CONFIG_HOME"], "limber", "routines")
        os.makedirs(cls.user_dir)
        with open(os.path.join(cls.user_dir, "mine.toml"), "w") as f:
            f.write(USER_ROUTINE)
        with open(os.path.join(cls.user_dir, "knee-hug.svg"), "w") as f:
            f.write(KNEE_HUG)
        cls.daemon.start()

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def test_text_has_every_step_in_order_with_its_timing(self):
        r = self.daemon.ctl("routines", "show", "floor")
        self.assertEqual(r.stderr, "")
        text = r.stdout
        self.assertTrue(text.startswith("Floor hamstring session (floor)\n"), text[:200])
        listed = json.loads(self.daemon.ctl("--json", "routines").stdout)["routines"]
        seconds = next(x["seconds"] for x in listed if x["id"] == "floor")
        self.assertIn(f"Length:  {(seconds + 30) // 60} min", text, "the length `limberctl routines` gives")
        self.assertIn("Needs:   a mat or rug", text)
        self.assertIn("Safety:  Start gently", text)
        at = 0
        for i, name in enumerate(step_names(os.path.join(SOURCE, "routines", "floor.toml")), 1):
            at = text.index(f"\n{i}. {name}\n", at)
        self.assertIn("Hold 30 s on each leg, left first.", text)
        self.assertIn("No timer", text)

    def test_html_file_holds_every_figure_and_the_users_routine_escaped(self):
        page = os.path.join(self.daemon.home, "mine.html")
        r = self.daemon.ctl("routines", "show", "mine", "-o", page)
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        with open(page) as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn("<h1>Mine &lt;b&gt;&amp;&lt;/b&gt; yours</h1>", html)
        self.assertNotIn("<b>&</b>", html)
        self.assertIn("Knee hug</h2>", html)
        self.assertIn("a towel", html)
        # The user's own figure, found beside the routine file by limberd,
        # inline without its XML declaration, and mirrored for the other side.
        self.assertEqual(html.count('<circle cx="40" cy="30" r="9" fill="#2d3e50"/>'), 2)
        self.assertIn('<g id="figure" transform="matrix(-1 0 0 1 128 0)">', html)
        self.assertNotIn("<?xml", html)
        for outside in ("src=", "href=", "url(", "<link", "<script"):
            self.assertNotIn(outside, html)

    def test_every_shipped_routine_makes_a_page_with_all_its_figures(self):
        for name in sorted(os.listdir(os.path.join(SOURCE, "routines"))):
            routine = name.removesuffix(".toml")
            with self.subTest(routine=routine):
                html = self.daemon.ctl("routines", "show", routine, "--format", "html").stdout
                with open(os.path.join(SOURCE, "routines", name)) as f:
                    figures = re.findall(r'^figure = "(.*)"$', f.read(), re.M)
                self.assertEqual(html.count("<figure><svg"), len(figures))

    def test_json_is_the_routine_object(self):
        routine = json.loads(self.daemon.ctl("routines", "show", "desk", "--json").stdout)
        self.assertEqual(routine["id"], "desk")
        self.assertTrue(routine["safety"])
        self.assertTrue(all(os.path.isfile(s["figure"]) for s in routine["steps"]))

    def test_unknown_id_names_the_known_ones(self):
        r = self.daemon.ctl("routines", "show", "nope", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        self.assertIn("'nope'", r.stderr)
        for known in ("desk", "floor", "mine"):
            self.assertIn(known, r.stderr)

    def test_bad_usage_is_exit_2(self):
        for args in (["routines", "show"], ["routines", "show", "desk", "--format", "pdf"],
                     ["routines", "show", "desk", "floor"], ["routines", "bogus"], ["routines", "show", "desk", "-o"]):
            with self.subTest(args=args):
                self.assertEqual(self.daemon.ctl(*args, check=False).returncode, 2)

    def test_with_limberd_down_the_routine_files_are_read(self):
        env = dict(self.daemon.env, XDG_RUNTIME_DIR=os.path.join(self.daemon.home, "nobody-here"))
        r = subprocess.run([LIMBERCTL, "routines", "show", "mine"], env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("limberd is not running", r.stderr)
        self.assertTrue(r.stdout.startswith("Mine <b>&</b> yours (seated)\n"), r.stdout)
        self.assertEqual(r.stdout, self.daemon.ctl("routines", "show", "mine").stdout, "the same as limberd says")


if __name__ == "__main__":
    unittest.main()
