# SPDX-License-Identifier: MIT
"""The completion scripts of completions/ in real bash, zsh and fish: each
loads, completes limberctl's verbs and options (every one that the
programs' --help names, see cli_surface.py), the values of options, and
the routine ids of a real limberd, including a routine of the user's own;
with no daemon there, they offer nothing and print nothing."""

import json
import os
import subprocess
import unittest

import cli_surface
from harness import BIN, SOURCE, Limberd

COMPLETIONS = os.path.join(SOURCE, "completions")
HERE = os.path.dirname(os.path.abspath(__file__))
SHELLS = ("bash", "zsh", "fish")
# The programs are found on PATH, as a user types them.
ENV = dict(os.environ, PATH=os.path.abspath(BIN) + os.pathsep + os.environ["PATH"], LANG="C.UTF-8")

USER_ROUTINE = """name = "Standing break"
[[step]]
name = "Hip hinge"
how = "Stand tall and fold forward from the hips."
hold = "20s"
"""

# bash: bash-completion itself, then our script, as the completion loader
# would; COMP_WORDS and friends set as bash sets them, then the function
# that `complete -p` names for the command.
BASH = r"""
source /usr/share/bash-completion/bash_completion
source "$COMPLETIONS/limber.bash"
for line in "$@"; do
    COMP_LINE=$line COMP_POINT=${#line}
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    spec=$(complete -p "${COMP_WORDS[0]}")
    fn=${spec#*-F }
    fn=${fn%% *}
    COMPREPLY=()
    "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
    echo ::end
done
"""

# fish: the directory in fish_complete_path, so each script is autoloaded
# by its command's name as from vendor_completions.d.
FISH = r"""
set -p fish_complete_path $COMPLETIONS
for line in $argv
    complete -C $line | string replace -r '\t.*' ''
    echo ::end
end
"""


def complete(shell, *lines, env=None):
    """[(matches of line, ...)], and what the shell printed on stderr."""
    env = dict(env or ENV, COMPLETIONS=COMPLETIONS)
    if shell == "bash":
        argv = ["bash", "--norc", "--noprofile", "-c", BASH, "bash", *lines]
    elif shell == "zsh":
        argv = ["zsh", "-f", os.path.join(HERE, "zsh_complete.zsh"), COMPLETIONS, *lines]
    else:
        argv = ["fish", "--no-config", "-c", FISH, *lines]
    r = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, f"{shell} exited {r.returncode}: {r.stderr}"
    blocks = r.stdout.split("::end\n")
    assert blocks[-1] == "" and len(blocks) == len(lines) + 1, f"{shell}: {r.stdout!r}"
    return [[m for m in block.splitlines() if m] for block in blocks[:-1]], r.stderr


class Completions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.daemon = Limberd()
        user_routines = os.path.join(cls.daemon.env["XDG_CONFIG_HOME"], "limber", "routines")
        os.makedirs(user_routines)
        with open(os.path.join(user_routines, "standing.toml"), "w") as f:
            f.write(USER_ROUTINE)
        cls.daemon.start()
        cls.routines = sorted(r["id"] for r in json.loads(cls.daemon.ctl("routines", "--json").stdout)["routines"])

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def test_each_shell_completes_the_verbs(self):
        verbs = set(cli_surface.limberctl_verbs())
        for shell in SHELLS:
            with self.subTest(shell=shell):
                (every, st), _ = complete(shell, "limberctl ", "limberctl st")
                self.assertEqual(set(every) - {"help"}, verbs)
                self.assertEqual(sorted(st), ["start", "status", "stop"])

    def test_each_shell_completes_routine_ids_from_the_running_daemon(self):
        self.assertIn("standing", self.routines, "the user's routine is loaded")
        sock = self.daemon.socket
        for shell in SHELLS:
            with self.subTest(shell=shell):
                (ids, st, after_one), err = complete(shell, f"limberctl --socket {sock} start ",
                                                     f"limberctl --socket {sock} start st",
                                                     f"limberctl --socket {sock} start desk ")
                self.assertEqual(sorted(ids), self.routines)
                self.assertEqual(sorted(st), ["standing", "strap"])
                self.assertFalse(set(after_one) & set(self.routines), "start takes one routine")
                self.assertEqual(err, "")
                (sub, show, shown), err = complete(shell, f"limberctl --socket {sock} routines ",
                                                   f"limberctl --socket {sock} routines show ",
                                                   f"limberctl --socket {sock} routines show desk ")
                self.assertEqual(sub, ["show"])
                self.assertEqual(sorted(show), self.routines)
                self.assertFalse(set(shown) & set(self.routines), "show takes one routine")
                self.assertEqual(err, "")

    def test_with_no_daemon_the_shells_offer_no_routine_and_print_nothing(self):
        line = "limberctl --socket /nonexistent/limber.sock start "
        for shell in SHELLS:
            with self.subTest(shell=shell):
                (ids,), err = complete(shell, line)
                self.assertEqual(ids, [])
                self.assertEqual(err, "")
        # XDG_RUNTIME_DIR unset is the other way limberctl finds no daemon.
        no_runtime_dir = {k: v for k, v in ENV.items() if k != "XDG_RUNTIME_DIR"}
        (ids,), err = complete("bash", "limberctl start ", env=no_runtime_dir)
        self.assertEqual((ids, err), ([], ""))

    def test_every_option_in_the_help_is_completed(self):
        wanted = [(name, "", option) for name, options in cli_surface.program_options().items() for option in options]
        wanted += [("limberctl", verb + " ", option)
                   for verb, options in cli_surface.limberctl_verb_options().items() for option in options]
        self.assertIn(("limberctl", "report ", "--format"), wanted)
        lines = sorted({f"{program} {verb}-" for program, verb, _ in wanted})
        for shell in SHELLS:
            results, _ = complete(shell, *lines)
            offered = dict(zip(lines, results))
            for program, verb, option in wanted:
                with self.subTest(shell=shell, command=f"{program} {verb}{option}"):
                    self.assertIn(option, offered[f"{program} {verb}-"])

    def test_each_shell_completes_the_values_of_options(self):
        cases = {
            "limberctl status --format ": ["i3bar", "plain", "waybar"],
            "limberctl report --format ": ["csv", "html", "json", "table"],
            "limberctl routines show desk --format ": ["html", "json", "text"],
            "limberd --idle-backend ": ["auto", "gnome", "none", "wayland", "x11"],
            "limberctl snooze ": ["10m", "15m", "1h", "2h", "30m", "5m"],
            "limberctl speak ": ["off", "on"],
        }
        for shell in SHELLS:
            results, _ = complete(shell, *cases)
            for (line, expected), got in zip(cases.items(), results):
                with self.subTest(shell=shell, line=line):
                    self.assertEqual(sorted(got), expected)


if __name__ == "__main__":
    unittest.main()
