# SPDX-License-Identifier: MIT
"""What limberctl, limberd and limber-tray say they accept, asked of the
binaries themselves: the verbs and options in their --help, and the config
and routine keys that limberd's parser knows. The documentation and
completion tests check against these lists, so a verb, option or key added
to the code without its documentation and completion fails there."""

import os
import re
import subprocess
import tempfile

from harness import LIMBERCTL, LIMBERD

LIMBER_TRAY = os.path.join(os.path.dirname(LIMBERD), "limber-tray")
# An option as help texts write it: "--socket", "-o"; not the dash inside a
# word ("Monday-to-Sunday") nor a placeholder ("YYYY-MM").
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*[a-z]|-[a-z])(?![\w-])")


def help_text(*argv):
    """The usage a program prints for argv, or None when it prints none
    (exit status other than 0, or no "Usage:")."""
    r = subprocess.run(list(argv), capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, XDG_RUNTIME_DIR="/nonexistent"))
    return r.stdout if r.returncode == 0 and r.stdout.startswith("Usage:") else None


def options_in(text):
    return sorted(set(OPTION.findall(text)))


def limberctl_verbs():
    """The commands listed under "Commands:" in limberctl --help."""
    text = help_text(LIMBERCTL, "--help")
    assert text, "limberctl --help printed no usage"
    section = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    verbs = [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*)\b", section, re.M)]
    assert len(verbs) >= 10, f"found only {verbs} in limberctl --help"
    return verbs


def limberctl_verb_options():
    """{verb: [options]} from `limberctl VERB --help` for every verb that
    has its own usage. The socket names no daemon: a verb that does not know
    --help yet must not reach one."""
    out = {}
    for verb in limberctl_verbs():
        text = help_text(LIMBERCTL, "--socket", "/nonexistent/limber.sock", verb, "--help")
        if text:
            out[verb] = options_in(text)
    return out


def program_options():
    """{program: [options]} from the "Options:" section of the --help of the
    three programs (limberctl's own: the verbs' options, which its command
    list also shows, belong to limberctl_verb_options)."""
    out = {}
    for name, path in (("limberctl", LIMBERCTL), ("limberd", LIMBERD), ("limber-tray", LIMBER_TRAY)):
        text = help_text(path, "--help")
        assert text and "\nOptions:\n" in text, f"{name} --help printed no usage with Options:"
        out[name] = options_in(text.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0])
    return out


def _known_here(config="", routine=None):
    """The names limberd's parser lists as "known here" when it meets the
    unknown key bogus_zz in `config` or in the routine file `routine`."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("LIMBER_TEST_DIR")) as home:
        config_file = os.path.join(home, "config.toml")
        routines = os.path.join(home, "routines")
        os.mkdir(routines)
        with open(config_file, "w") as f:
            f.write(config)
        with open(os.path.join(routines, "probe.toml"), "w") as f:
            f.write(routine if routine is not None else 'name = "x"\n[[step]]\nname = "x"\nhow = "x"\nhold = "1s"\n')
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "xdg"))
        r = subprocess.run([LIMBERD, "--check-config", "--config", config_file, "--routines-dir", routines],
                           capture_output=True, text=True, timeout=30, env=env)
    m = re.search(r"bogus_zz: unknown (?:key|table) \(known here: ([^)]*)\)", r.stderr)
    return m.group(1).split(", ") if m else None


def config_keys():
    """Every key of config.toml as "table.key", from the parser: the tables
    it knows at the top, then the keys it knows in each. A key that holds a
    table of its own is followed down."""
    def keys_under(path):
        out = []
        header = "[" + path + "]\n" if path else ""
        for name in _known_here(header + "bogus_zz = 1\n") or []:
            full = f"{path}.{name}" if path else name
            out += keys_under(full) if _known_here(f"[{full}]\nbogus_zz = 1\n") else [full]
        return out

    keys = keys_under("")
    assert len(keys) >= 8, f"found only {keys}"
    return keys


def routine_keys():
    """(top-level keys, step keys) of a routine file, from the parser."""
    top = _known_here(routine="bogus_zz = 1\n")
    step = _known_here(routine='name = "x"\n[[step]]\nbogus_zz = 1\n')
    assert top and step, "limberd --check-config did not list the routine keys"
    return top, step
