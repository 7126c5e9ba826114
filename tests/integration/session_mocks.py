# SPDX-License-Identifier: MIT
"""Mock D-Bus services for the session tests, made with python3-dbusmock:
logind (its logind template) on the private system bus that
tests/run-under-x.sh starts with LIMBER_TEST_SYSTEM_BUS=1, and screen savers
on the session bus. logind and a screen locker cannot run here; everything
else (limberd, the buses) is real. The mocks are driven with gdbus, so the
test's own Python needs no D-Bus module."""

import os
import subprocess
import sys
import tempfile

from harness import wait_for

MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
MOCK = "org.freedesktop.DBus.Mock"


def dbusmock_python():
    """A Python that has python3-dbusmock (Debian's, when the tests run under another)."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if candidate and subprocess.run([candidate, "-c", "import dbusmock"], capture_output=True).returncode == 0:
            return candidate
    raise AssertionError("python3-dbusmock is missing: run scripts/deps test")


def text(s):
    """A GVariant string literal, for gdbus arguments."""
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def gdbus(bus, dest, path, method, *args):
    r = subprocess.run(["gdbus", "call", "--" + bus, "--dest", dest, "--object-path", path, "--method", method,
                        *args], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        raise AssertionError(f"gdbus {method} {args}: {r.stderr.strip()}")
    return r.stdout.strip()


def has_owner(bus, name):
    return "true" in gdbus(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                           name)


class Mock:
    """One dbusmock process that owns `name` on `bus` ("system" or "session")."""

    def __init__(self, bus, name, path, interface=None, template=None):
        self.bus, self.name, self.path = bus, name, path
        args = [dbusmock_python(), "-m", "dbusmock"]
        if bus == "system":
            args.append("--system")
        args += ["--template", template] if template else [name, path, interface]
        self.log = tempfile.NamedTemporaryFile(prefix="dbusmock-", suffix=".log", dir=os.environ.get("LIMBER_TEST_DIR"),
                                               delete=False)
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(f"{name} on the {bus} bus", lambda: self.proc.poll() is None and has_owner(bus, name))

    def call(self, interface_method, *args, path=None):
        return gdbus(self.bus, self.name, path or self.path, interface_method, *args)

    def mock(self, method, *args, path=None):
        return self.call(f"{MOCK}.{method}", *args, path=path)

    def emit(self, interface, signal, signature, *values, path=None):
        self.mock("EmitSignal", interface, signal, signature, "[" + ", ".join(f"<{v}>" for v in values) + "]",
                  path=path)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)
        self.log.close()


class Logind(Mock):
    """logind with one session. Like the real one, GetSession("auto") answers
    with the session's real object path (".../session/c1"); `auto=False`
    makes it refuse, as it does for a caller outside any session, and
    `by_pid=False` does the same for GetSessionByPID."""

    def __init__(self, session="c1", auto=True, by_pid=True):
        super().__init__("system", "org.freedesktop.login1", "/org/freedesktop/login1", template="logind")
        self.session = session
        self.session_path = f"/org/freedesktop/login1/session/{session}"
        self.mock("AddSession", session, "seat0", str(os.getuid()), "user", "true")
        refuse = 'raise dbus.exceptions.DBusException("Caller does not belong to any known session", ' \
                 'name="org.freedesktop.login1.NoSessionForPID")'
        answer = f'ret = dbus.ObjectPath("{self.session_path}")'
        self.mock("AddMethod", MANAGER, "GetSession", "s", "o", text(
            f'if args[0] == "{session}" or (args[0] == "auto" and {auto}):\n    {answer}\nelse:\n    {refuse}'))
        self.mock("AddMethod", MANAGER, "GetSessionByPID", "u", "o", text(answer if by_pid else refuse))
        # The template lacks it; the real logind has it and signals changes.
        self.mock("AddProperty", MANAGER, "BlockInhibited", "<''>")

    def set_locked_hint(self, locked):
        # What a screen locker does; the mock then emits PropertiesChanged.
        self.call(f"{SESSION}.SetLockedHint", "true" if locked else "false", path=self.session_path)

    def prepare_for_sleep(self, start):
        self.emit(MANAGER, "PrepareForSleep", "b", "true" if start else "false")

    def set_block_inhibited(self, what):
        self.mock("UpdateProperties", MANAGER, "{'BlockInhibited': <" + text(what) + ">}")

    def inhibitors(self):
        return self.call(f"{MANAGER}.ListInhibitors")


class Inhibitor:
    """An application holding a logind "block" inhibitor, as a video call
    would, until release()."""

    HOLD = ("import dbus, sys\n"
            "m = dbus.Interface(dbus.SystemBus().get_object('org.freedesktop.login1', '/org/freedesktop/login1'),"
            " 'org.freedesktop.login1.Manager')\n"
            "fd = m.Inhibit(sys.argv[1], sys.argv[2], sys.argv[3], 'block')\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()\n")

    def __init__(self, what, who, why):
        self.proc = subprocess.Popen([dbusmock_python(), "-c", self.HOLD, what, who, why], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "held":
            raise AssertionError(f"could not take an inhibitor: {line!r}")

    def release(self):
        self.proc.stdin.close()
        self.proc.wait(20)
        self.proc.stdout.close()


class ScreenSaver(Mock):
    """A screen saver on the session bus: org.freedesktop.ScreenSaver or
    org.gnome.ScreenSaver, answering GetActive and emitting ActiveChanged."""

    PATHS = {"org.freedesktop.ScreenSaver": "/org/freedesktop/ScreenSaver",
             "org.gnome.ScreenSaver": "/org/gnome/ScreenSaver"}

    def __init__(self, service):
        super().__init__("session", service, self.PATHS[service], interface=service)
        self.mock("AddMethod", service, "GetActive", "", "b", text("ret = False"))

    def set_active(self, active):
        self.mock("AddMethod", self.name, "GetActive", "", "b", text(f"ret = {active}"))
        self.emit(self.name, "ActiveChanged", "b", "true" if active else "false")
