#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every source, script, routine, figure and icon file says its licence
in its first lines (an SPDX line), so a file copied out of Limber keeps it.

Files that are not ours (the vendored Wayland protocol), fuzz inputs, the
documentation, pictures and formats without comments (JSON) are left out;
debian/ says its licence in debian/copyright.
"""
import os
import unittest

SOURCE = os.environ["LIMBER_SOURCE_DIR"]
TAG = "SPDX-License-Identifier: MIT"
SKIP_DIRS = {".git", "dist", "protocols", "corpus", "debian", "__pycache__"}
SKIP_SUFFIXES = (".md", ".png", ".json", ".gitignore", ".orig", ".rej")
SKIP_NAMES = {"LICENSE", ".gitignore", ".git"}  # .git: a file in a git worktree


def tracked_files():
    for root, dirs, files in os.walk(SOURCE):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith("build")]
        for name in files:
            if name in SKIP_NAMES or name.endswith(SKIP_SUFFIXES):
                continue
            yield os.path.join(root, name)
    yield os.path.join(SOURCE, "debian", "rules")


class Licence(unittest.TestCase):
    def test_every_file_names_its_licence(self):
        missing = []
        for path in tracked_files():
            with open(path, "rb") as f:
                head = f.read(400).decode(errors="replace")
            if TAG not in "\n".join(head.splitlines()[:3]):
                missing.append(os.path.relpath(path, SOURCE))
        self.assertEqual(missing, [], "files without an SPDX line in their first three lines")

    def test_the_licence_is_mit(self):
        with open(os.path.join(SOURCE, "LICENSE")) as f:
            self.assertTrue(f.readline().startswith("MIT License"))


if __name__ == "__main__":
    unittest.main()
