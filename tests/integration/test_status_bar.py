# SPDX-License-Identifier: MIT
"""The status-bar feed read by the real waybar: the example module in
docs/status-bar.md, on headless sway, fed by limberctl from the real
daemon. The module's class is made visible with a colour per class, and
the screen is read with grim."""

import json
import os
import re
import shutil
import subprocess
import unittest

from harness import LIMBERCTL, SOURCE, Limberd, wait_for
from wayland_session import Sway

# A colour no theme uses, for each class the test looks for.
PAUSED = (0x33, 0x66, 0xFF)
FRESH = (0x11, 0xCC, 0x22)
STYLE = """
* { font-size: 16px; }
#custom-limber { min-width: 60px; }
#custom-limber.fresh { background: #11cc22; }
#custom-limber.paused { background: #3366ff; }
"""


def documented_module():
    with open(os.path.join(SOURCE, "docs", "status-bar.md")) as f:
        block = re.search(r"```json\n(.*?)```", f.read(), re.S).group(1)
    return json.loads(block)


def screen_has(env, colour):
    """True when some pixel of the bar's rows has exactly `colour`."""
    ppm = subprocess.run(["grim", "-t", "ppm", "-"], env=env, capture_output=True, timeout=20, check=True).stdout
    fields = ppm.split(maxsplit=4)  # P6 width height maxval pixels
    width = int(fields[1])
    pixels = fields[4][: width * 3 * 30]
    wanted = bytes(colour)
    return any(pixels[i:i + 3] == wanted for i in range(0, len(pixels), 3))


@unittest.skipUnless(shutil.which("waybar") and shutil.which("grim"), "needs waybar and grim (scripts/deps test)")
class Waybar(unittest.TestCase):
    def test_waybar_shows_the_documented_module_and_follows_a_pause(self):
        sway = Sway().start()
        daemon = Limberd('[reminder]\nsit_limit = "20m"\n').start()
        bar = None
        try:
            subprocess.run(["swaymsg", "-s", sway.ipc, "-q", "create_output"], check=True, timeout=10)
            module = documented_module()["custom/limber"]
            self.assertTrue(module["exec"].startswith("limberctl status --follow --format waybar"))
            module["exec"] = module["exec"].replace("limberctl", f"{LIMBERCTL} --socket {daemon.socket}", 1)
            config = os.path.join(daemon.home, "waybar.json")
            style = os.path.join(daemon.home, "waybar.css")
            with open(config, "w") as f:
                json.dump({"layer": "top", "position": "top", "height": 30, "modules-left": ["custom/limber"],
                           "custom/limber": module}, f)
            with open(style, "w") as f:
                f.write(STYLE)
            env = dict(sway.env(), WAYLAND_DISPLAY=os.path.basename(sway.socket))
            with open(os.path.join(daemon.home, "waybar.log"), "w") as log:
                bar = subprocess.Popen(["waybar", "-c", config, "-s", style], env=env, stdout=log,
                                       stderr=subprocess.STDOUT)

            wait_for("waybar to show the module as fresh", lambda: screen_has(env, FRESH), timeout=30)
            self.assertFalse(screen_has(env, PAUSED))
            daemon.ctl("pause", "1h")
            wait_for("waybar to show it paused", lambda: screen_has(env, PAUSED), timeout=20)
            artifacts = os.environ.get("LIMBER_ARTIFACTS")
            if artifacts:
                os.makedirs(artifacts, exist_ok=True)
                subprocess.run(["grim", os.path.join(artifacts, "waybar.png")], env=env, check=True, timeout=20)
            daemon.ctl("resume")
            wait_for("waybar to show it fresh again", lambda: screen_has(env, FRESH) and not screen_has(env, PAUSED),
                     timeout=20)
        finally:
            if bar:
                bar.terminate()
                bar.wait(timeout=20)
            daemon.stop()
            sway.stop()


if __name__ == "__main__":
    unittest.main()
