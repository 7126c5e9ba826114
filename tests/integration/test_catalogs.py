# SPDX-License-Identifier: MIT
"""The translations are whole: every string marked in the sources is in the
template the build made, every language has every one of them translated
(msgfmt --check --statistics), and no translation drops or invents a
placeholder that the program fills in."""

import os
import re
import subprocess
import unittest

SOURCE = os.environ["LIMBER_SOURCE_DIR"]
BUILD = os.environ["LIMBER_BUILD_DIR"]
POT = os.path.join(BUILD, "po", "limber.pot")


def linguas():
    with open(os.path.join(SOURCE, "po", "LINGUAS")) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def entries(path):
    """(msgid, msgid_plural, [msgstr...]) of each entry but the header."""
    out, cur, key = [], None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                if key == "msgid":
                    cur = {"msgid": "", "msgid_plural": None, "msgstr": []}
                    out.append(cur)
                if key.startswith("msgstr"):
                    cur["msgstr"].append("")
                value = bytes(m.group(2), "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                if key.startswith("msgstr"):
                    cur["msgstr"][-1] += value
                else:
                    cur[key] = value
            elif line.startswith('"') and cur is not None:
                value = bytes(line[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                if key.startswith("msgstr"):
                    cur["msgstr"][-1] += value
                else:
                    cur[key] += value
            elif line.startswith("#~"):
                key = None
    return [e for e in out if e["msgid"]]


def placeholders(text):
    return sorted(re.findall(r"\{[0-9]*\}", text))


class Catalogs(unittest.TestCase):
    def test_the_template_holds_every_marked_string(self):
        # A string marked in the code is in the template: spot-check one per
        # part of the program, and that the menu entry's words came along.
        ids = {e["msgid"] for e in entries(POT)}
        for msgid in ("Start routine", "Settings…", "State:", "Stretch goal", "When you sit",
                      "Reminders and what you did", "Break Reminder", "{} done"):
            self.assertIn(msgid, ids)
        self.assertGreater(len(ids), 300)

    def test_every_language_is_complete(self):
        for lang in linguas():
            with self.subTest(lang=lang):
                po = os.path.join(SOURCE, "po", lang + ".po")
                r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", po],
                                   capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertRegex(r.stderr.strip(), r"^\d+ translated messages\.$", "untranslated or fuzzy left")
                # Not one msgid of the template is missing from the catalog.
                r = subprocess.run(["msgcmp", po, POT], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)

    def test_placeholders_match(self):
        for lang in linguas():
            for e in entries(os.path.join(SOURCE, "po", lang + ".po")):
                forms = [e["msgid"], e["msgid_plural"] or e["msgid"]]
                for i, translated in enumerate(e["msgstr"]):
                    with self.subTest(lang=lang, msgid=e["msgid"], form=i):
                        self.assertEqual(placeholders(translated), placeholders(forms[min(i, 1)]))


if __name__ == "__main__":
    unittest.main()
