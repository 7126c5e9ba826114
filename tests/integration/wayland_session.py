# SPDX-License-Identifier: MIT
"""Real Wayland compositors from Debian for the integration tests, each in its
own runtime directory: headless sway 1.7 (org_kde_kwin_idle) and KWin 5.27
with a virtual output (ext-idle-notify-v1). Each one can be given "input",
killed, and asked which globals it offers, through a few lines of the
Wayland wire protocol spoken here (no client library needed)."""

import glob
import os
import pwd
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile

from harness import wait_for


def _u32(v):
    return struct.pack("<I", v)


def _fixed(v):
    return struct.pack("<i", int(v * 256))


def _string(text):
    b = text.encode() + b"\0"
    return _u32(len(b)) + b + b"\0" * (-len(b) % 4)


class WireClient:
    """Just enough of a Wayland client to list globals, bind one and send
    requests: wl_display is object 1, ids are handed out in order."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.next_id = 2
        self.buf = b""
        self.globals = {}  # name -> (interface, version)
        try:
            self.sock.connect(path)
            self.registry = self.new_id()
            self.send(1, 1, _u32(self.registry))  # wl_display.get_registry
            self.roundtrip()
        except BaseException:
            self.sock.close()
            raise

    def new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def send(self, obj, opcode, payload=b""):
        self.sock.sendall(struct.pack("<II", obj, ((8 + len(payload)) << 16) | opcode) + payload)

    def bind(self, interface, version):
        name = next(n for n, (i, _) in self.globals.items() if i == interface)
        obj = self.new_id()
        self.send(self.registry, 0, _u32(name) + _string(interface) + _u32(version) + _u32(obj))
        return obj

    def roundtrip(self, timeout=10.0):
        callback = self.new_id()
        self.send(1, 0, _u32(callback))  # wl_display.sync
        while True:
            if not select.select([self.sock], [], [], timeout)[0]:
                raise TimeoutError("the compositor did not answer wl_display.sync")
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("the compositor closed the connection")
            self.buf += data
            while len(self.buf) >= 8:
                obj, size_op = struct.unpack_from("<II", self.buf)
                size, opcode = size_op >> 16, size_op & 0xFFFF
                if len(self.buf) < size:
                    break
                body, self.buf = self.buf[8:size], self.buf[size:]
                if obj == 1 and opcode == 0:
                    raise RuntimeError(f"Wayland protocol error: {body!r}")
                if obj == self.registry and opcode == 0:  # wl_registry.global
                    name, length = struct.unpack_from("<II", body)
                    interface = body[8:8 + length - 1].decode()
                    version, = struct.unpack_from("<I", body, 8 + ((length + 3) & ~3))
                    self.globals[name] = (interface, version)
                if obj == callback:
                    return
                self.on_event(obj, opcode, body)

    def on_event(self, obj, opcode, body):
        """An event for an object of a subclass's (wayland_window.py)."""

    def interfaces(self):
        return {i: v for i, v in self.globals.values()}

    def close(self):
        self.sock.close()


class Compositor:
    """Base: a compositor process, its runtime directory and its socket."""

    def __init__(self):
        # Not under LIMBER_TEST_DIR: sway may run as another user (see Sway),
        # who could not get through that 0700 directory.
        self.dir = tempfile.mkdtemp(prefix="limber-wayland-")
        os.chmod(self.dir, 0o700)
        self.log = os.path.join(self.dir, "compositor.log")
        self.proc = None
        self.socket = None

    def env(self):
        env = dict(os.environ, XDG_RUNTIME_DIR=self.dir)
        for leak in ("WAYLAND_DISPLAY", "WAYLAND_SOCKET", "DISPLAY", "SWAYSOCK", "QT_QPA_PLATFORM"):
            env.pop(leak, None)
        return env

    def _launch(self, name, argv, env, timeout):
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        wait_for(f"{name} to offer its globals", lambda: self.proc.poll() is not None or self._answers(),
                 timeout=timeout)
        if self.proc.poll() is not None:
            raise AssertionError(f"{name} exited with {self.proc.returncode}:\n{self.read_log()}")

    def _answers(self):
        sockets = [p for p in glob.glob(os.path.join(self.dir, "wayland-*")) + self._named_socket()
                   if not p.endswith(".lock")]
        for path in sockets:
            try:
                client = WireClient(path)
            except (OSError, EOFError):
                continue
            client.close()
            self.socket = path
            return True
        return False

    def _named_socket(self):
        return []

    def interfaces(self):
        client = WireClient(self.socket)
        try:
            return client.interfaces()
        finally:
            client.close()

    def read_log(self):
        with open(self.log, errors="replace") as f:
            return f.read()

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(30)

    def stop(self):
        self.kill(signal.SIGTERM)
        shutil.rmtree(self.dir, ignore_errors=True)


class Sway(Compositor):
    """Headless sway 1.7: no outputs hardware, no input devices. Input is
    `swaymsg seat seat0 cursor move`, which sway feeds through the same
    motion path as a mouse, so wlroots' idle timers see activity."""

    def start(self):
        config = os.path.join(self.dir, "config")
        with open(config, "w") as f:
            f.write("xwayland disable\n")
        env = dict(self.env(), WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman")
        argv = ["sway", "-c", config]
        if os.getuid() == 0:
            # sway refuses to run as root; the tests may (CI containers do).
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
            argv = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"] + argv
        self._launch("sway", argv, env, timeout=30)
        self.ipc = wait_for("sway's IPC socket", lambda: next(iter(glob.glob(os.path.join(self.dir, "sway-ipc.*"))), None))
        self.step = 1
        return self

    def command(self, *words):
        subprocess.run(["swaymsg", "-s", self.ipc, "-q", "--", *words], check=True, timeout=10)

    def nudge(self):
        self.step = -self.step
        self.command("seat", "seat0", "cursor", "move", str(self.step), str(self.step))


class KWin(Compositor):
    """KWin 5.27 on its virtual backend. Input goes through KWin's own
    org_kde_kwin_fake_input, a restricted global that
    KWIN_WAYLAND_NO_PERMISSION_CHECKS opens to test clients."""

    SOCKET = "limber-kwin"

    def start(self):
        binary = shutil.which("kwin_wayland")
        if binary is None:
            raise AssertionError("kwin_wayland is not installed: run scripts/deps heavy")
        # Debian gives kwin_wayland file capabilities (cap_sys_resource); where
        # the bounding set lacks them (containers) exec fails with EPERM. A
        # copy carries no capabilities and KWin does not need them.
        copy = os.path.join(self.dir, "kwin_wayland")
        shutil.copy(binary, copy)
        env = dict(self.env(), KWIN_WAYLAND_NO_PERMISSION_CHECKS="1")
        self._launch("kwin_wayland", [copy, "--virtual", "--no-lockscreen", "--no-global-shortcuts", "--no-kactivities",
                      "--socket", self.SOCKET], env, timeout=90)
        return self

    def _named_socket(self):
        return [os.path.join(self.dir, self.SOCKET)]

    def nudge(self):
        client = WireClient(self.socket)
        try:
            fake = client.bind("org_kde_kwin_fake_input", 1)
            client.send(fake, 0, _string("limber tests") + _string("input for the idle tests"))  # authenticate
            client.send(fake, 1, _fixed(1) + _fixed(1))  # pointer_motion
            client.roundtrip()
        finally:
            client.close()
