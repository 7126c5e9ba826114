# SPDX-License-Identifier: MIT
"""Settings without a settings window: limberd reloads by itself when the
config file or a routine file is saved, with the same swap-or-refuse as
`limberctl reload`, and says on the screen what it refused."""

import os
import subprocess
import tempfile
import unittest

from harness import LIMBERD, ROUTINES, SOURCE, Limberd, NotifyLog, dunst_displayed, wait_for

GOOD = '[reminder]\nsit_limit = "20m"\n'
ROUTINE = 'name = "Wall calf stretch"\n[[step]]\nname = "Lean"\nhow = "Lean on the wall."\nhold = "20s"\n'


def save(path, text):
    """Writes the file in place, as `echo > file` or a plain editor does."""
    with open(path, "w") as f:
        f.write(text)


def save_by_rename(path, text):
    """Writes a temporary file next to it and renames it over the old one,
    as vim, VS Code, gedit and most editors do."""
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".swp-new")
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


def is_refusal(call):
    return call["summary"] == "Limber kept its old settings"


class Settings(unittest.TestCase):
    def setUp(self):
        self.notify = NotifyLog()
        self.daemon = Limberd(GOOD).start()

    def tearDown(self):
        self.assertEqual(self.daemon.stop(), 0, self.daemon.read_log())
        self.notify.close()

    def limit(self):
        return self.daemon.status()["sit_limit_seconds"]

    def test_saving_a_changed_config_changes_status_without_a_reload_command(self):
        self.assertEqual(self.limit(), 20 * 60)
        save(self.daemon.config, '[reminder]\nsit_limit = "30m"\n')
        self.daemon.wait_status("the new sit_limit", lambda s: s["sit_limit_seconds"] == 30 * 60)

    def test_saving_by_rename_also_reloads(self):
        save_by_rename(self.daemon.config, '[reminder]\nsit_limit = "40m"\n')
        self.daemon.wait_status("the renamed-in sit_limit", lambda s: s["sit_limit_seconds"] == 40 * 60)

    def test_saving_a_broken_config_keeps_the_old_settings_and_says_why_on_screen(self):
        save(self.daemon.config, '[reminder]\nsit_limit = "5m"\nbogus = 1\n')
        shown = self.notify.wait_for("the refusal notification", is_refusal)
        self.assertIn(f"{self.daemon.config}:3:1:", shown["body"])
        self.assertIn("bogus", shown["body"])
        self.assertIn("old settings stay in use", shown["body"])
        wait_for("dunst to show the refusal", lambda: dunst_displayed() == 1)
        self.assertEqual(self.limit(), 20 * 60, "the old settings stay")
        self.assertIn("old settings stay in use", self.daemon.read_log())

        # Fixed and saved again: the new settings apply and the refusal goes.
        save(self.daemon.config, '[reminder]\nsit_limit = "25m"\n')
        self.daemon.wait_status("the fixed sit_limit", lambda s: s["sit_limit_seconds"] == 25 * 60)
        wait_for("dunst to take the refusal away", lambda: dunst_displayed() == 0)

    def test_a_refused_reload_command_says_the_old_settings_stay(self):
        save(self.daemon.config, 'sit_limit = "5m"\n')
        self.notify.wait_for("the refusal notification", is_refusal)  # the save itself, first
        r = self.daemon.ctl("reload", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("old settings stay in use", r.stderr)

    def test_a_routine_saved_into_a_routines_directory_made_after_the_start(self):
        routines = os.path.join(self.daemon.env["XDG_CONFIG_HOME"], "limber", "routines")
        self.assertFalse(os.path.exists(routines))
        os.makedirs(routines)
        save(os.path.join(routines, "calf.toml"), ROUTINE)
        wait_for("the new routine", lambda: "Wall calf stretch" in self.daemon.ctl("routines").stdout)

        save(os.path.join(routines, "broken.toml"), 'name = "Broken"\n[[step]]\nname = 3\n')
        shown = self.notify.wait_for("the skipped-file notification",
                                     lambda c: c["summary"] == "Limber skipped a routine file")
        self.assertIn(os.path.join(routines, "broken.toml") + ":3:", shown["body"])
        self.assertIn("Wall calf stretch", self.daemon.ctl("routines").stdout, "the good ones stay")

    def test_a_symlinked_config_reloads_when_the_file_it_leads_to_is_saved(self):
        # Dotfiles kept elsewhere and linked in, as stow or home-manager do.
        dotfile = os.path.join(self.daemon.home, "dotfiles", "limber.toml")
        os.makedirs(os.path.dirname(dotfile))
        save(dotfile, '[reminder]\nsit_limit = "22m"\n')
        link = self.daemon.config + ".new-link"
        os.symlink(dotfile, link)
        os.rename(link, self.daemon.config)
        self.daemon.wait_status("the linked-in sit_limit", lambda s: s["sit_limit_seconds"] == 22 * 60)

        save(dotfile, '[reminder]\nsit_limit = "23m"\n')
        self.daemon.wait_status("the sit_limit saved through the link", lambda s: s["sit_limit_seconds"] == 23 * 60)
        save_by_rename(dotfile, '[reminder]\nsit_limit = "24m"\n')
        self.daemon.wait_status("the sit_limit renamed in at the far end",
                                lambda s: s["sit_limit_seconds"] == 24 * 60)

    def test_files_limber_does_not_read_do_not_reload(self):
        home = self.daemon.home
        save(os.path.join(home, "notes.txt"), "not a config\n")
        save(self.daemon.config + "~", "a backup copy\n")
        wait_for("limberd to look at both and pass", lambda: all(
            f"{name}: not ours, ignored" in self.daemon.read_log() for name in ("notes.txt", "config.toml~")))
        save(self.daemon.config, '[reminder]\nsit_limit = "21m"\n')
        self.daemon.wait_status("the new sit_limit", lambda s: s["sit_limit_seconds"] == 21 * 60)
        self.assertEqual(self.daemon.read_log().count("config reloaded"), 1, self.daemon.read_log())


class LinkedConfigDirectory(unittest.TestCase):
    def test_a_link_re_pointed_beside_its_file_in_a_linked_directory(self):
        # The config directory is itself a link into a dotfiles checkout, and
        # config.toml a link to a file next to it: limberd watches that one
        # directory under two names, and inotify gives it one watch.
        daemon = Limberd(GOOD)
        real = os.path.join(daemon.home, "dotfiles")
        os.makedirs(real)
        os.symlink(real, os.path.join(daemon.home, "cfg"))  # "cfg" sorts before "dotfiles": both names count
        save(os.path.join(real, "work.toml"), '[reminder]\nsit_limit = "25m"\n')
        save(os.path.join(real, "home.toml"), '[reminder]\nsit_limit = "26m"\n')
        os.symlink("work.toml", os.path.join(real, "config.toml"))
        daemon.config = os.path.join(daemon.home, "cfg", "config.toml")
        daemon.start()
        self.addCleanup(daemon.stop)
        daemon.wait_status("the linked sit_limit", lambda s: s["sit_limit_seconds"] == 25 * 60)

        # Re-pointed by renaming a new link over it, as stow or a script does.
        os.symlink("home.toml", os.path.join(real, ".config.toml.new"))
        os.rename(os.path.join(real, ".config.toml.new"), os.path.join(real, "config.toml"))
        daemon.wait_status("the sit_limit of the file it now leads to", lambda s: s["sit_limit_seconds"] == 26 * 60)


class CheckConfig(unittest.TestCase):
    def test_check_config_says_which_files_it_read_and_which_it_did_not_find(self):
        xdg = tempfile.mkdtemp(dir=os.environ.get("LIMBER_TEST_DIR"))
        env = dict(os.environ, XDG_CONFIG_HOME=xdg)
        r = subprocess.run([LIMBERD, "--routines-dir", ROUTINES, "--check-config"], env=env,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"no file at {xdg}/limber/config.toml", r.stdout)
        self.assertIn("built-in defaults", r.stdout)
        self.assertIn(f"no directory {xdg}/limber/routines", r.stdout)
        self.assertRegex(r.stdout, r"desk\.toml.*floor\.toml.*strap\.toml")

        os.makedirs(f"{xdg}/limber/routines")
        save(f"{xdg}/limber/config.toml", GOOD)
        save(f"{xdg}/limber/routines/calf.toml", ROUTINE)
        save(f"{xdg}/limber/routines/broken.toml", "name = 3\n")
        r = subprocess.run([LIMBERD, "--routines-dir", ROUTINES, "--check-config"], env=env,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, "a file the daemon would skip fails the check")
        self.assertIn(f"config: read {xdg}/limber/config.toml", r.stdout)
        self.assertIn(f"routines: calf.toml, broken.toml (skipped) in {xdg}/limber/routines", r.stdout)
        self.assertIn(f"{xdg}/limber/routines/broken.toml:1:", r.stderr)

    def test_the_demo_config_is_valid_and_reminds_within_a_minute(self):
        demo = os.path.join(SOURCE, "config", "demo.toml")
        r = subprocess.run([LIMBERD, "--config", demo, "--routines-dir", ROUTINES, "--check-config"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        daemon = Limberd(open(demo).read()).start()
        try:
            self.assertLessEqual(daemon.status()["sit_limit_seconds"], 60)
        finally:
            daemon.stop()


if __name__ == "__main__":
    unittest.main()
