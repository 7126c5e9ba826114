# SPDX-License-Identifier: MIT
"""The man pages: each renders through man(1) without a warning, and says
everything the programs know: every config and routine key the parser
accepts, every limberctl verb, every option of the three programs. The
lists come from the binaries (cli_surface.py), so a key or option added to
the code without its documentation fails here. The examples in the pages
are checked by limberd itself."""

import os
import re
import functools
import subprocess
import tempfile
import unittest

import cli_surface
from harness import LIMBERD, SOURCE

MAN_DIR = os.environ.get("LIMBER_MAN_DIR", "")
PAGES = ["limberd.1", "limberctl.1", "limber-tray.1", "limber.toml.5", "limber-routine.5"]


@functools.lru_cache(maxsize=None)
def render(page, width=80):
    """The page as man(1) shows it, and what man and groff said on stderr."""
    env = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH=str(width), LANG="C.UTF-8")
    r = subprocess.run(["man", "--warnings", "-l", os.path.join(MAN_DIR, page)],
                       capture_output=True, text=True, env=env, timeout=30)
    return r.returncode, r.stdout, r.stderr


def text_of(page):
    """The rendered text on lines so long that no word is hyphenated, and
    with groff's typographic hyphens and quotes made plain again."""
    _, out, _ = render(page, width=2000)
    return out.replace("\u2010", "-").replace("\u2212", "-").replace("\u2019", "'")


def words(text):
    return set(re.findall(r"[\w.-]+", text))


def code_blocks(page_source):
    """The ``` blocks of an scdoc source."""
    with open(os.path.join(SOURCE, "man", page_source)) as f:
        return re.findall(r"^```\n(.*?)^```$", f.read(), re.M | re.S)


class ManPages(unittest.TestCase):
    def assert_has(self, text, pattern, what):
        """Like assertRegex, without printing the whole page on failure."""
        self.assertTrue(re.search(pattern, text, re.M), what)

    def test_every_page_renders_without_a_warning(self):
        for page in PAGES:
            with self.subTest(page=page):
                rc, out, err = render(page)
                self.assertEqual(rc, 0, err)
                self.assertEqual(err, "", f"man -l {page} warned")
                name, section = page.rsplit(".", 1)
                self.assertTrue(out.startswith(f"{name}({section})"), out[:200])
                for heading in ("NAME", "DESCRIPTION", "SEE ALSO"):
                    self.assertIn(f"\n{heading}\n", out)
                self.assertNotIn("@", re.sub(r"\S+@\S+", "", out), "an unreplaced @VARIABLE@")

    def test_every_config_key_is_in_limber_toml_5_under_its_table(self):
        text = text_of("limber.toml.5")
        sections = re.split(r"^(?=\[[\w.]+\]$)", text, flags=re.M)
        by_table = {s.split("\n", 1)[0].strip("[]"): s for s in sections if s.startswith("[")}
        for key in cli_surface.config_keys():
            table, name = key.rsplit(".", 1)
            with self.subTest(key=key):
                self.assertIn(table, by_table, f"limber.toml(5) has no [{table}] section")
                self.assert_has(by_table[table], rf"^\s+{re.escape(name)} = \S+.*\(default ",
                                f"{key} and its default are not in limber.toml(5)")

    def test_the_defaults_in_limber_toml_5_are_those_of_the_shipped_config(self):
        text = text_of("limber.toml.5")
        with open(os.path.join(SOURCE, "config", "limber.toml")) as f:
            shipped = re.findall(r"^#(\w+) = (.+)$", f.read(), re.M)
        self.assertGreaterEqual(len(shipped), 8)
        for key, value in shipped:
            with self.subTest(key=key):
                self.assert_has(text, rf"^\s+{key} = .*\(default {re.escape(value)}\)",
                                f"limber.toml(5) does not give {key}'s default as {value}")

    def test_every_routine_key_is_in_limber_routine_5(self):
        text = text_of("limber-routine.5")
        top, step = cli_surface.routine_keys()
        routine_part, step_part = text.split("\nSTEP KEYS\n", 1)
        for key in top:
            with self.subTest(key=key):
                self.assert_has(routine_part, rf"^\s+(\[\[)?{key}(\]\])? ", f"{key} is not in ROUTINE KEYS")
        for key in step:
            with self.subTest(step_key=key):
                self.assert_has(step_part.split("\nEXAMPLE\n")[0], rf"^\s+{key} = ", f"{key} is not in STEP KEYS")

    def test_every_limberctl_verb_has_an_entry_in_limberctl_1(self):
        commands = text_of("limberctl.1").split("\nCOMMANDS\n", 1)[1].split("\nSTATUS BAR FEED\n")[0]
        for verb in cli_surface.limberctl_verbs():
            with self.subTest(verb=verb):
                self.assert_has(commands, rf"^\s{{7}}{verb}( |$)", f"limberctl(1) has no entry for {verb}")

    def test_every_option_of_the_programs_is_in_their_pages(self):
        pages = {"limberctl": "limberctl.1", "limberd": "limberd.1", "limber-tray": "limber-tray.1"}
        texts = {name: words(text_of(page)) for name, page in pages.items()}
        for program, options in cli_surface.program_options().items():
            for option in options:
                with self.subTest(program=program, option=option):
                    self.assertTrue(option in texts[program], f"{option} is not in {pages[program]}")
        for verb, options in cli_surface.limberctl_verb_options().items():
            for option in options:
                with self.subTest(verb=verb, option=option):
                    self.assertTrue(option in texts["limberctl"], f"{verb} {option} is not in limberctl.1")

    def test_the_examples_in_the_section_5_pages_are_valid(self):
        config_example, = code_blocks("limber.toml.5.scd")
        routine_example, = code_blocks("limber-routine.5.scd")
        with tempfile.TemporaryDirectory(dir=os.environ.get("LIMBER_TEST_DIR")) as home:
            os.mkdir(os.path.join(home, "routines"))
            config = os.path.join(home, "config.toml")
            with open(config, "w") as f:
                f.write(config_example.replace('default = "desk"', 'default = "standing"'))
            with open(os.path.join(home, "routines", "standing.toml"), "w") as f:
                f.write(routine_example)
            r = subprocess.run([LIMBERD, "--check-config", "--config", config,
                                "--routines-dir", os.path.join(home, "routines")],
                               capture_output=True, text=True, timeout=30,
                               env=dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "xdg")))
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
