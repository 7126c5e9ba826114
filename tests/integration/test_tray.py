# SPDX-License-Identifier: MIT
"""limber-tray in a real panel: the real limberd, the real limber-tray and
xfce4-panel, whose systray plugin is the StatusNotifierWatcher and host.
The tests read and click the tray over D-Bus as the panel does (busctl), and
take a screenshot of the panel with the icon and its menu open."""

import glob
import json
import os
import signal
import subprocess
import tempfile
import unittest

from harness import BIN, SOURCE, Limberd, NotifyLog, wait_for

LIMBER_TRAY = os.path.join(BIN, "limber-tray")
# Under the multiarch directory, whichever the machine's is.
XFCONFD = next(iter(glob.glob("/usr/lib/*/xfce4/xfconf/xfconfd")), "xfconfd")
ARTIFACTS = os.environ.get("LIMBER_ARTIFACTS", os.path.join(BIN, "..", "test-artifacts"))
WATCHER = "org.kde.StatusNotifierWatcher"
ITEM = "org.kde.StatusNotifierItem"
MENU = "com.canonical.dbusmenu"

# One panel across the top with only the systray plugin: the icon is its
# first item, at the left end.
PANEL_XML = """<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="32"/>
      <property name="icon-size" type="uint" value="24"/>
      <property name="plugin-ids" type="array"><value type="int" value="1"/></property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
  </property>
</channel>
"""


def busctl(*args):
    """busctl on the test's session bus; its JSON output, parsed."""
    # "--": arguments such as -1 are values, not options.
    r = subprocess.run(["busctl", "--address=" + os.environ["DBUS_SESSION_BUS_ADDRESS"], "--json=short", "--", *args],
                       capture_output=True, text=True, timeout=20)
    if r.returncode != 0:
        raise AssertionError(f"busctl {' '.join(args)}: {r.stderr.strip()}")
    return json.loads(r.stdout) if r.stdout.strip() else None


def has_owner(name):
    r = subprocess.run(["busctl", "--address=" + os.environ["DBUS_SESSION_BUS_ADDRESS"], "status", name],
                       capture_output=True, text=True, timeout=20)
    return r.returncode == 0


class Panel:
    """xfce4-panel with xfconfd, its settings store (there is no service
    activation on the test bus, so we start it)."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="panel-", dir=os.environ.get("LIMBER_TEST_DIR"))
        channel = os.path.join(self.home, "xfce4", "xfconf", "xfce-perchannel-xml")
        os.makedirs(channel)
        with open(os.path.join(channel, "xfce4-panel.xml"), "w") as f:
            f.write(PANEL_XML)
        self.env = dict(os.environ, XDG_CONFIG_HOME=self.home, NO_AT_BRIDGE="1")
        self.log = open(os.path.join(self.home, "panel.log"), "a")
        self.xfconfd = subprocess.Popen([XFCONFD], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("xfconfd on the bus", lambda: has_owner("org.xfce.Xfconf"))
        self.proc = None

    def start(self):
        # -d: no window manager to wait for.
        self.proc = subprocess.Popen(["xfce4-panel", "-d"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("the panel's StatusNotifierWatcher", lambda: has_owner(WATCHER))
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)
        wait_for("the watcher to go", lambda: not has_owner(WATCHER))

    def close(self):
        self.stop()
        self.xfconfd.terminate()
        self.xfconfd.wait(20)
        self.log.close()

    def items(self):
        return busctl("get-property", WATCHER, "/StatusNotifierWatcher", WATCHER,
                      "RegisteredStatusNotifierItems")["data"]


class TrayProcess:
    def __init__(self, daemon):
        self.log = os.path.join(daemon.home, "tray.log")
        self.logfile = open(self.log, "a")
        self.proc = subprocess.Popen([LIMBER_TRAY, "--socket", daemon.socket, "--log-level", "debug"],
                                     env=daemon.env, stdout=self.logfile, stderr=subprocess.STDOUT)
        self.service = f"{ITEM}-{self.proc.pid}-1"
        wait_for("the tray on the bus", lambda: self.alive() and has_owner(self.service))

    def alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"limber-tray exited with {self.proc.returncode}:\n{self.read_log()}")
        return True

    def read_log(self):
        with open(self.log) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(20)
        self.logfile.close()
        return self.proc.returncode

    def prop(self, name):
        return busctl("get-property", self.service, "/StatusNotifierItem", ITEM, name)["data"]

    def icon(self):
        return self.prop("IconName")

    def wait_icon(self, name, timeout=20.0):
        return wait_for(f"the {name} icon", lambda: self.alive() and self.icon() == name, timeout)

    def layout(self):
        """The whole menu as {"label", "enabled", "children"} dicts, with ids."""
        reply = busctl("call", self.service, "/MenuBar", MENU, "GetLayout", "iias", "0", "-1", "0")

        def item(node):
            ident, props, children = node
            label = props.get("label", {}).get("data", "")
            return {"id": ident, "label": label.replace("__", "_"),
                    "enabled": props.get("enabled", {}).get("data", True),
                    "toggle": props.get("toggle-type", {}).get("data"),
                    "ticked": props.get("toggle-state", {}).get("data"),
                    "separator": props.get("type", {}).get("data") == "separator",
                    "children": [item(c["data"]) for c in children]}

        return item(reply["data"][1])["children"]

    def labels(self):
        return [i["label"] for i in self.layout() if not i["separator"]]

    def actions(self):
        """The labels below the header, without today's line and the report
        (test_open_this_weeks_report looks at those)."""
        return [l for l in self.labels()[1:] if not l.startswith("Today:") and l != "Open this week's report"]

    def find(self, *path):
        items = self.layout()
        for label in path:
            found = next((i for i in items if i["label"] == label), None)
            if found is None:
                raise AssertionError(f"no menu item {label!r} in {[i['label'] for i in items]}")
            items = found["children"]
        return found

    def click(self, *path):
        busctl("call", self.service, "/MenuBar", MENU, "Event", "isvu", str(self.find(*path)["id"]), "clicked",
               "i", "0", "0")


class Tray(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.panel = Panel().start()

    @classmethod
    def tearDownClass(cls):
        cls.panel.close()

    def setUp(self):
        self.daemon = None
        self.tray = None

    def tearDown(self):
        if self.tray:
            self.assertEqual(self.tray.stop(), 0, self.tray.read_log())
        if self.daemon:
            self.daemon.stop()

    def start(self, config='[reminder]\nsit_limit = "1h"\n[activity]\nnatural_break = "1h"\n', daemon=None):
        self.daemon = (daemon or Limberd(config)).start()
        self.tray = TrayProcess(self.daemon)
        return self.tray

    def test_menu_clicks_drive_the_daemon_and_the_icon_follows(self):
        tray = self.start()
        wait_for("the item registered with the panel", lambda: any(tray.service in s for s in self.panel.items()))
        tray.wait_icon("limber-fresh")
        labels = wait_for("the menu", lambda: (lambda l: l if "Start routine" in l else None)(tray.labels()))
        self.assertTrue(labels[0].startswith("Sitting for"), labels)
        self.assertEqual(tray.actions(), ["Start routine", "Snooze", "Pause reminders", "Routine sheets", "Speak the steps",
                                          "Settings…", "Quit tray"])
        self.assertFalse(tray.layout()[0]["enabled"], "the header is a label, not a button")
        routines = [i["label"] for i in tray.find("Start routine")["children"]]
        self.assertTrue(any(r.startswith("Desk hamstring") and r.endswith("min)") for r in routines), routines)
        self.assertEqual([i["label"] for i in tray.find("Snooze")["children"]], ["10 min", "20 min", "30 min"])
        self.assertIn("Sitting for", tray.prop("ToolTip")[3])

        tray.click("Snooze", "10 min")
        status = self.daemon.wait_status("snoozed", lambda s: s["state"] == "snoozed")
        self.assertIn("snoozed", self.daemon.ctl("status").stdout.lower())
        self.assertIsNotNone(status["next_reminder_at"])
        tray.wait_icon("limber-snoozed")

        tray.click("Pause reminders", "30 min")
        self.daemon.wait_status("paused", lambda s: s["state"] == "paused")
        tray.wait_icon("limber-paused")
        wait_for("Resume in the menu", lambda: "Resume reminders" in tray.labels())
        self.assertNotIn("Pause reminders", tray.labels())
        self.assertNotIn("Snooze", tray.labels(), "nothing to snooze while paused")

        tray.click("Resume reminders")
        self.daemon.wait_status("resumed", lambda s: s["state"] not in ("paused",))
        wait_for("the icon after resuming", lambda: tray.icon() in ("limber-fresh", "limber-snoozed"))

        desk = next(r for r in routines if r.startswith("Desk hamstring"))
        tray.click("Start routine", desk)
        self.daemon.wait_status("the routine", lambda s: s["state"] == "routine")
        tray.wait_icon("limber-routine")
        wait_for("the routine's items", lambda: tray.actions() == ["Next step", "Stop routine", "Routine sheets",
                                                                   "Speak the steps", "Settings…", "Quit tray"])
        tray.click("Next step")
        self.daemon.wait_status("step 2", lambda s: s["routine"] and s["routine"]["step"] == 2)
        tray.click("Stop routine")
        self.daemon.wait_status("stopped", lambda s: s["state"] != "routine")
        wait_for("the icon after the routine", lambda: tray.icon() != "limber-routine")

    def test_reminder_turns_the_icon_and_a_click_starts_the_routine(self):
        # 75 % of 8 s is 6 s: the tray turns the icon itself at that moment,
        # the daemon announces the reminder at 8 s.
        # A snooze under a minute: the submenu says "45 s" (it once said "0 hours").
        tray = self.start('[reminder]\nsit_limit = "8s"\nsnooze = "45s"\n[activity]\nnatural_break = "1h"\n'
                          '[routine]\ndefault = "desk"\n')
        tray.wait_icon("limber-fresh")
        tray.wait_icon("limber-long")
        self.assertEqual(self.daemon.status()["state"] in ("active", "idle"), True)
        tray.wait_icon("limber-over")
        self.assertEqual(tray.prop("Status"), "NeedsAttention")
        wait_for("Skip in the menu", lambda: "Skip this break" in tray.labels())
        self.assertEqual([i["label"] for i in tray.find("Snooze")["children"]], ["45 s", "10 min", "20 min", "30 min"])
        self.assertTrue(tray.find("Pause reminders")["children"][-1]["label"].startswith("Until "))
        self.screenshot(tray, 98, "tray-panel.png")
        self.screenshot(tray, 148, "tray-pause.png")

        busctl("call", tray.service, "/StatusNotifierItem", ITEM, "Activate", "ii", "0", "0")
        status = self.daemon.wait_status("the routine from a left click", lambda s: s["state"] == "routine")
        self.assertEqual(status["routine"]["id"], "desk")
        tray.wait_icon("limber-routine")

    def test_left_click_without_a_reminder_shows_the_status(self):
        notify = NotifyLog()
        try:
            tray = self.start()
            tray.wait_icon("limber-fresh")
            busctl("call", tray.service, "/StatusNotifierItem", ITEM, "Activate", "ii", "0", "0")
            shown = notify.wait_for("the status popup", lambda c: c["summary"] == "Limber")
            self.assertIn("Sitting for", shown["body"])
            self.assertIn("Next reminder at", shown["body"])
            self.assertIn(self.daemon.status()["state"], ("active", "idle"), "a click changes nothing")
        finally:
            notify.close()

    def test_daemon_restart_shows_not_running_and_reconnects(self):
        tray = self.start()
        tray.wait_icon("limber-fresh")
        self.daemon.stop(signal.SIGKILL)
        tray.wait_icon("limber-not-running")
        self.assertEqual(tray.labels(), ["Limber is not running", "Settings…", "Quit tray"])
        self.assertIn("not running", tray.prop("ToolTip")[3])

        # The same socket, a new daemon: the tray finds it and subscribes again.
        self.daemon = Limberd(home=self.daemon.home, config='[reminder]\nsit_limit = "1h"\n').start()
        tray.wait_icon("limber-fresh")
        self.daemon.ctl("pause", "10m")
        tray.wait_icon("limber-paused")  # events flow on the new subscription

    def test_panel_restart_registers_the_item_again(self):
        tray = self.start()
        wait_for("the first registration", lambda: any(tray.service in s for s in self.panel.items()))
        self.panel.stop()
        self.panel.start()
        wait_for("the item registered with the new panel", lambda: any(tray.service in s for s in self.panel.items()))
        tray.wait_icon("limber-fresh")

    def test_open_this_weeks_report(self):
        daemon = Limberd('[reminder]\nsit_limit = "1h"\n')
        # limberctl reads the history where the user's is, not --db.
        daemon.db = os.path.join(daemon.env["XDG_DATA_HOME"], "limber", "limber.db")
        # A stand-in for the browser, which is not ours to test: it notes
        # what it was asked to open.
        bindir = os.path.join(daemon.home, "bin")
        opened = os.path.join(daemon.home, "opened")
        os.makedirs(bindir)
        with open(os.path.join(bindir, "xdg-open"), "w") as f:
            f.write(f'#!/bin/sh\necho "$1" > {opened}.tmp && mv {opened}.tmp {opened}\n')
        os.chmod(os.path.join(bindir, "xdg-open"), 0o755)
        daemon.env["PATH"] = bindir + os.pathsep + daemon.env["PATH"]
        daemon.env["XDG_CACHE_HOME"] = os.path.join(daemon.home, "cache")
        tray = self.start(daemon=daemon)
        wait_for("the report item", lambda: "Open this week's report" in tray.labels())
        self.assertTrue(any(label.startswith("Today: ") for label in tray.labels()), tray.labels())
        tray.click("Open this week's report")
        wait_for("the browser to be asked", lambda: os.path.exists(opened))
        with open(opened) as f:
            page = f.read().strip()
        self.assertEqual(page, os.path.join(daemon.home, "cache", "limber", "week.html"))
        with open(page) as f:
            self.assertIn("<html", f.read().lower())

    def test_a_routine_sheet_opens_in_the_browser(self):
        daemon = Limberd('[reminder]\nsit_limit = "1h"\n')
        opened = os.path.join(daemon.home, "opened")
        self.fake_xdg_open(daemon, f'echo "$1" > {opened}.tmp && mv {opened}.tmp {opened}\n')
        daemon.env["XDG_CACHE_HOME"] = os.path.join(daemon.home, "cache")
        tray = self.start(daemon=daemon)
        wait_for("the sheets", lambda: "Routine sheets" in tray.labels())
        tray.click("Routine sheets", "How to do Desk hamstring reset…")
        wait_for("the browser to be asked", lambda: os.path.exists(opened))
        with open(opened) as f:
            page = f.read().strip()
        self.assertEqual(page, os.path.join(daemon.home, "cache", "limber", "routine-desk.html"))
        with open(page) as f:
            html = f.read()
        self.assertIn("<h1>Desk hamstring reset</h1>", html)
        self.assertIn("<figure><svg", html)

    def fake_xdg_open(self, daemon, script):
        """A stand-in for xdg-open, which is not ours to test, first on PATH."""
        bindir = os.path.join(daemon.home, "bin")
        os.makedirs(bindir, exist_ok=True)
        with open(os.path.join(bindir, "xdg-open"), "w") as f:
            f.write("#!/bin/sh\n" + script)
        os.chmod(os.path.join(bindir, "xdg-open"), 0o755)
        daemon.env["PATH"] = bindir + os.pathsep + daemon.env["PATH"]

    def test_settings_opens_the_config_made_from_the_documented_default(self):
        daemon = Limberd('[reminder]\nsit_limit = "1h"\n')
        opened = os.path.join(daemon.home, "opened")
        self.fake_xdg_open(daemon, f'echo "$1" > {opened}.tmp && mv {opened}.tmp {opened}\n')
        tray = self.start(daemon=daemon)
        config = os.path.join(daemon.env["XDG_CONFIG_HOME"], "limber", "config.toml")
        self.assertFalse(os.path.exists(config))
        tray.click("Settings…")
        wait_for("the editor to be asked", lambda: os.path.exists(opened))
        with open(opened) as f:
            self.assertEqual(f.read().strip(), config)
        with open(config) as made, open(os.path.join(SOURCE, "config", "limber.toml")) as shipped:
            self.assertEqual(made.read(), shipped.read())
        # A file that is there is the user's: opened again, never rewritten.
        with open(config, "w") as f:
            f.write("# mine\n")
        os.remove(opened)
        tray.click("Settings…")
        wait_for("the editor to be asked again", lambda: os.path.exists(opened))
        with open(config) as f:
            self.assertEqual(f.read(), "# mine\n")

    def test_speak_the_steps_is_a_check_mark_kept_in_the_config_file(self):
        config = ('# my own settings\n[reminder]\nsit_limit = "1h"  # long days\n\n'
                  '[routine]\n# the sounds annoy my cat\nsounds = false\n\n[activity]\nnatural_break = "1h"\n')
        tray = self.start(config=config)
        item = wait_for("the toggle", lambda: next((i for i in tray.layout() if i["label"] == "Speak the steps"), None))
        self.assertEqual((item["toggle"], item["ticked"]), ("checkmark", 0))
        self.assertFalse(self.daemon.status()["speak"])

        tray.click("Speak the steps")
        self.daemon.wait_status("speaking", lambda s: s["speak"] is True)
        wait_for("the tick", lambda: tray.find("Speak the steps")["ticked"] == 1)
        with open(self.daemon.config) as f:
            self.assertEqual(f.read(), config.replace("[routine]\n", "[routine]\nspeak = true\n"))

        tray.click("Speak the steps")
        self.daemon.wait_status("silent", lambda s: s["speak"] is False)
        wait_for("no tick", lambda: tray.find("Speak the steps")["ticked"] == 0)
        with open(self.daemon.config) as f:
            self.assertEqual(f.read(), config.replace("[routine]\n", "[routine]\nspeak = false\n"))
        # The file is the truth: a restart keeps what the toggle said.
        self.assertEqual(self.daemon.ctl("--json", "speak", "on").returncode, 0)
        self.daemon.stop()
        self.daemon.start()
        self.assertTrue(self.daemon.status()["speak"])

    def test_a_browser_or_editor_that_does_not_start_is_said_on_screen(self):
        daemon = Limberd('[reminder]\nsit_limit = "1h"\n')
        daemon.db = os.path.join(daemon.env["XDG_DATA_HOME"], "limber", "limber.db")
        daemon.env["XDG_CACHE_HOME"] = os.path.join(daemon.home, "cache")
        self.fake_xdg_open(daemon, "exit 3\n")  # "a required tool could not be found"
        notify = NotifyLog()
        try:
            tray = self.start(daemon=daemon)
            wait_for("the report item", lambda: "Open this week's report" in tray.labels())
            tray.click("Open this week's report")
            shown = notify.wait_for("the failure on screen", lambda c: c["summary"] == "Cannot open this week's report")
            self.assertIn(os.path.join(daemon.home, "cache", "limber", "week.html"), shown["body"])
            self.assertIn("not installed", shown["body"])
            tray.click("Settings…")
            shown = notify.wait_for("the failure on screen", lambda c: c["summary"] == "Cannot open your settings")
            self.assertIn("text editor", shown["body"])
        finally:
            notify.close()

    def test_quit_tray_ends_the_process(self):
        tray = self.start()
        tray.wait_icon("limber-fresh")
        tray.click("Quit tray")
        self.assertEqual(tray.proc.wait(20), 0)
        wait_for("the item to leave the panel", lambda: not any(tray.service in s for s in self.panel.items()))
        self.tray = None
        tray.logfile.close()

    def screenshot(self, tray, submenu_y, name):
        """The panel with the icon and its menu open (a right click, then the
        pointer on the item at submenu_y: 98 Snooze, 148 Pause), as a user
        sees it; kept as a test artifact."""
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.abspath(os.path.join(ARTIFACTS, name))
        # The icon is the panel's only item, at its left end; the menu opens
        # below it, on the black root window.
        subprocess.run(["xdotool", "mousemove", "12", "16", "click", "3"], check=True)
        wait_for("the menu on screen", lambda: pixel(150, 120) == "white")
        subprocess.run(["xdotool", "mousemove", "80", str(submenu_y)], check=True)
        wait_for("the submenu", lambda: pixel(280, submenu_y + 32) == "white")
        shot = os.path.join(os.environ["LIMBER_TEST_DIR"], "root.png")
        subprocess.run(["import", "-window", "root", shot], check=True, timeout=30)
        subprocess.run(["convert", shot, "-crop", "420x270+0+0", "+repage", path], check=True, timeout=30)
        subprocess.run(["xdotool", "key", "Escape", "key", "Escape"], check=False)
        wait_for("the menu to close", lambda: pixel(150, 120) == "black")
        print(f"\nscreenshot of the panel: {path}", flush=True)
        self.assertGreater(os.path.getsize(path), 1000)


def pixel(x, y):
    """The colour on screen at x, y: "white", "black", or its #RRGGBB."""
    r = subprocess.run(["import", "-window", "root", "-crop", f"1x1+{x}+{y}", "txt:-"],
                       capture_output=True, text=True, timeout=30)
    last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    return last.split()[-1] if last else ""


if __name__ == "__main__":
    unittest.main()
