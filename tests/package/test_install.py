# SPDX-License-Identifier: MIT
"""The Debian package from scripts/package, installed and removed again.

dpkg installs it into a throwaway root with a package database of its own
(--root). --force-script-chrootless runs the maintainer scripts here with
DPKG_ROOT set, which debhelper's snippets read as "not the running system"
and skip, so nothing outside the temporary directory changes, and no root
is needed (--force-not-root). The root has no other packages, hence
--force-depends; the installed programs run from there on this machine's
libraries.

Reads dist/limber_VERSION_ARCH.deb; LIMBER_SOURCE_DIR and LIMBER_VERSION
come from CTest.
"""
import gzip
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(os.environ.get("LIMBER_SOURCE_DIR", Path(__file__).resolve().parents[2]))
VERSION = os.environ.get("LIMBER_VERSION", "0.1.0")
APP_ID = "io.github.limber.Limber"


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


def package_file():
    arch = run("dpkg", "--print-architecture").stdout.strip()
    deb = SOURCE / "dist" / f"limber_{VERSION}_{arch}.deb"
    if not deb.is_file():
        raise AssertionError(
            f"{deb} does not exist: run scripts/package first (scripts/test does when given no arguments)")
    return deb


class Root:
    """A directory with an empty dpkg database, removed at the end."""

    def __init__(self):
        self.path = Path(tempfile.mkdtemp(prefix="limber-deb-root."))
        admin = self.path / "var/lib/dpkg"
        for d in ("info", "updates", "triggers"):
            (admin / d).mkdir(parents=True)
        (admin / "status").touch()

    def dpkg(self, *args):
        base = ["dpkg", f"--root={self.path}", "--log=/dev/null", "--force-script-chrootless", "--force-depends"]
        if os.getuid() != 0:
            base.append("--force-not-root")
        result = run(*base, *args)
        if result.returncode != 0:
            raise AssertionError(f"dpkg {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result

    def __truediv__(self, relative):
        return self.path / relative.lstrip("/")

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


class InstalledPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deb = package_file()
        cls.root = Root()
        cls.addClassCleanup(cls.root.remove)
        cls.root.dpkg("--install", str(cls.deb))

    def assertFiles(self, *paths):
        missing = [p for p in paths if not (self.root / p).is_file()]
        self.assertEqual(missing, [], "not installed")

    def test_everything_goes_under_usr(self):
        listing = run("dpkg-deb", "--contents", str(self.deb)).stdout
        paths = [line.split()[-1] for line in listing.splitlines()]
        self.assertTrue(paths)
        outside = [p for p in paths if not p.startswith("./usr/") and p not in ("./", "./usr/")]
        self.assertEqual(outside, [], "files outside /usr: nothing in /etc starts Limber for every user")

    def test_programs_run(self):
        for name in ("limberd", "limberctl", "limber-tray"):
            binary = self.root / f"usr/bin/{name}"
            self.assertTrue(os.access(binary, os.X_OK), binary)
            self.assertNotIn("not found", run("ldd", str(binary)).stdout, f"{name} misses a library")
            version = run(str(binary), "--version")
            self.assertEqual((version.returncode, version.stdout), (0, f"{name} {VERSION}\n"))
        help_ = run(str(self.root / "usr/bin/limberctl"), "--help")
        self.assertEqual(help_.returncode, 0, help_.stderr)
        self.assertTrue(help_.stdout.startswith("Usage: limberctl"), help_.stdout)
        for verb in ("status", "start", "snooze", "report", "doctor"):
            self.assertRegex(help_.stdout, rf"\n\s+{verb}\b")

    def test_translations_are_installed_and_found(self):
        for lang in ("de", "fr"):
            self.assertFiles(f"usr/share/locale/{lang}/LC_MESSAGES/limber.mo")
        # The installed binary finds the catalogs beside it (bin/../share/locale).
        env = dict(os.environ, LANG="de_DE.UTF-8", LANGUAGE="de")
        help_ = run(str(self.root / "usr/bin/limberctl"), "--help", env=env)
        self.assertEqual(help_.returncode, 0, help_.stderr)
        english = run(str(self.root / "usr/bin/limberctl"), "--help").stdout
        self.assertNotEqual(help_.stdout.split("\n")[0], english.split("\n")[0], "the German usage line")
        entry = (self.root / f"usr/share/applications/{APP_ID}.desktop").read_text()
        self.assertRegex(entry, r"(?m)^GenericName\[de\]=\S")
        self.assertRegex(entry, r"(?m)^Comment\[fr\]=\S")

    def test_man_pages_are_gzipped_and_render(self):
        pages = ["man1/limberd.1", "man1/limberctl.1", "man1/limber-tray.1",
                 "man5/limber.toml.5", "man5/limber-routine.5"]
        self.assertFiles(*[f"usr/share/man/{p}.gz" for p in pages])
        for p in pages:
            with gzip.open(self.root / f"usr/share/man/{p}.gz", "rt") as f:
                self.assertIn(".TH", f.read())
        env = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80", LANG="C.UTF-8")
        shown = run("man", "-l", str(self.root / "usr/share/man/man1/limberd.1.gz"), env=env)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        self.assertIn("SYNOPSIS", shown.stdout)
        self.assertIn(f"Limber {VERSION}", shown.stdout)

    def test_completions_are_in_the_vendor_paths(self):
        self.assertFiles(
            "usr/share/bash-completion/completions/limberctl",
            "usr/share/bash-completion/completions/limberd",
            "usr/share/bash-completion/completions/limber-tray",
            "usr/share/zsh/vendor-completions/_limberctl",
            "usr/share/fish/vendor_completions.d/limberctl.fish",
            "usr/share/fish/vendor_completions.d/limberd.fish",
            "usr/share/fish/vendor_completions.d/limber-tray.fish")

    def test_user_units_are_installed_not_enabled(self):
        units = self.root / "usr/lib/systemd/user"
        daemon = (units / "limber.service").read_text()
        tray = (units / "limber-tray.service").read_text()
        self.assertIn("\nExecStart=/usr/bin/limberd\n", daemon)
        self.assertIn("\nExecStart=/usr/bin/limber-tray\n", tray)
        self.assertIn("\nWants=limber.service\n", tray, "starting the tray starts the daemon")
        for unit in (daemon, tray):
            doc = re.search(r"^Documentation=file://(\S+)$", unit, re.M).group(1)
            self.assertTrue((self.root / doc).is_file(), f"{doc} (compressed?)")
        # Enabled would mean symlinks in /etc/systemd/user, made by the
        # postinst; debhelper's --no-enable snippet enables only a unit the
        # user had enabled before (an upgrade).
        control = Path(tempfile.mkdtemp(prefix="limber-deb-control."))
        self.addCleanup(shutil.rmtree, control)
        run("dpkg-deb", "--control", str(self.deb), str(control))
        postinst = control / "postinst"
        if postinst.exists():
            self.assertNotIn("was-enabled defaults to true", postinst.read_text())
        # The XDG autostart entries are for a user to copy, not in /etc.
        self.assertFalse((self.root / "etc/xdg/autostart").exists())
        self.assertFiles("usr/share/limber/autostart/limber.desktop",
                         "usr/share/limber/autostart/limber-tray.desktop")

    def test_menu_entry_metainfo_and_icon(self):
        entry = self.root / f"usr/share/applications/{APP_ID}.desktop"
        checked = run("desktop-file-validate", str(entry))
        self.assertEqual((checked.returncode, checked.stdout + checked.stderr), (0, ""))
        text = entry.read_text()
        self.assertNotIn("NoDisplay=true", text, "shown in menus")
        launcher = re.search(r"^Exec=(\S+)$", text, re.M).group(1)
        self.assertTrue(os.access(self.root / launcher, os.X_OK), launcher)
        self.assertEqual(run("sh", "-n", str(self.root / launcher)).returncode, 0)
        icon = re.search(r"^Icon=(\S+)$", text, re.M).group(1)
        self.assertFiles(f"usr/share/icons/hicolor/scalable/apps/{icon}.svg")

        metainfo = self.root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
        checked = run("appstreamcli", "validate", "--no-net", "--no-color", str(metainfo))
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        self.assertIn(f'<launchable type="desktop-id">{entry.name}</launchable>', metainfo.read_text())
        self.assertIn(f'<release version="{VERSION}"', metainfo.read_text())

    def test_routines_figures_tray_icons_and_default_config(self):
        status_icons = "icons/hicolor/scalable/status"
        for kind, place, pattern in (("routines", "usr/share/limber/routines", "*.toml"),
                                     ("figures", "usr/share/limber/figures", "*.svg"),
                                     (status_icons, "usr/share/" + status_icons, "*.svg")):
            shipped = sorted(p.name for p in (SOURCE / kind).glob(pattern))
            installed = sorted(p.name for p in (self.root / place).glob(pattern))
            self.assertTrue(shipped)
            self.assertEqual(installed, shipped, kind)
        # The tray's icon for a reminder held during a call (issue 12).
        self.assertFiles(f"usr/share/{status_icons}/limber-held.svg")
        self.assertFiles("usr/share/limber/limber.toml")

    def test_readme_links_resolve_beside_it(self):
        doc = self.root / "usr/share/doc/limber"
        self.assertFiles("usr/share/doc/limber/copyright", "usr/share/doc/limber/changelog.gz")
        readme = (doc / "README.md").read_text()
        links = set(re.findall(r"\]\((docs/[^)#]+)", readme))
        self.assertIn("docs/tray.png", links)
        self.assertIn("docs/report.md", links)
        self.assertEqual(sorted(link for link in links if not (doc / link).is_file()), [])

    def test_dependencies(self):
        fields = {f: run("dpkg-deb", "--field", str(self.deb), f).stdout for f in ("Depends", "Recommends")}
        self.assertIn("libnotify4", fields["Depends"])
        self.assertIn("libsqlite3-0", fields["Depends"])
        # dlopen()ed, so shlibs cannot see it.
        self.assertIn("libcanberra0", fields["Recommends"])


class RemovedPackage(unittest.TestCase):
    def test_purge_leaves_nothing(self):
        root = Root()
        self.addCleanup(root.remove)
        root.dpkg("--install", str(package_file()))
        self.assertTrue((root / "usr/bin/limberd").exists())
        root.dpkg("--purge", "limber")
        left = []
        for dirpath, dirnames, filenames in os.walk(root.path):
            relative = Path(dirpath).relative_to(root.path)
            if relative.parts[:3] == ("var", "lib", "dpkg"):
                continue
            left += [str(relative / n) for n in filenames]
            left += [str(relative / n) for n in dirnames if str(relative / n) not in ("var", "var/lib", "var/lib/dpkg")]
        self.assertEqual(left, [])
        status = (root / "var/lib/dpkg/status").read_text()
        self.assertNotIn("Package: limber\n", status)


if __name__ == "__main__":
    unittest.main()
