# SPDX-License-Identifier: MIT
"""A stand-in compositor for what no compositor in Debian bookworm offers:
ext-idle-notify version 2 (sway >= 1.10 and KWin 6 have it; bookworm has
sway 1.7 and KWin 5.27, tested for real in test_wayland.py). It speaks just
enough of the Wayland wire protocol for one client: the registry, sync,
bind and the ext-idle-notify requests, which it records, and it sends
idled/resumed when the test says so."""

import os
import socket
import struct
import tempfile
import threading

from wayland_session import _string, _u32  # the same wire encoding as the real compositors' client


def _read_string(body, at):
    length, = struct.unpack_from("<I", body, at)
    return body[at + 4:at + 4 + length - 1].decode(), at + 4 + ((length + 3) & ~3)


NOTIFIER_REQUESTS = {0: "destroy", 1: "get_idle_notification", 2: "get_input_idle_notification"}


class FakeCompositor:
    def __init__(self, notifier_version):
        self.dir = tempfile.mkdtemp(prefix="limber-fake-wayland-")
        self.socket = os.path.join(self.dir, "wayland-fake")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.socket)
        self.listener.listen(1)
        self.globals = [("wl_seat", 7), ("ext_idle_notifier_v1", notifier_version)]
        self.objects = {1: "wl_display"}
        self.requests = []        # (interface, request, details...) in arrival order
        self.notifications = {}   # timeout ms -> object id, the live ones
        self.lock = threading.Lock()
        self.client = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _send(self, obj, opcode, payload=b""):
        with self.lock:
            self.client.sendall(struct.pack("<II", obj, ((8 + len(payload)) << 16) | opcode) + payload)

    def _serve(self):
        self.client, _ = self.listener.accept()
        buf = b""
        while True:
            try:
                data = self.client.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while len(buf) >= 8:
                obj, size_op = struct.unpack_from("<II", buf)
                size, opcode = size_op >> 16, size_op & 0xFFFF
                if len(buf) < size:
                    break
                body, buf = buf[8:size], buf[size:]
                self._request(self.objects.get(obj), obj, opcode, body)

    def _request(self, interface, obj, opcode, body):
        if interface == "wl_display" and opcode == 0:  # sync
            callback, = struct.unpack_from("<I", body)
            self._send(callback, 0, _u32(0))  # wl_callback.done
            self._send(1, 1, _u32(callback))  # wl_display.delete_id
        elif interface == "wl_display" and opcode == 1:  # get_registry
            registry, = struct.unpack_from("<I", body)
            self.objects[registry] = "wl_registry"
            for name, (iface, version) in enumerate(self.globals, start=1):
                self._send(registry, 0, _u32(name) + _string(iface) + _u32(version))
        elif interface == "wl_registry" and opcode == 0:  # bind
            name, = struct.unpack_from("<I", body)
            iface, at = _read_string(body, 4)
            version, new_id = struct.unpack_from("<II", body, at)
            self.objects[new_id] = iface
            self.requests.append(("wl_registry", "bind", iface, version))
        elif interface == "ext_idle_notifier_v1":
            request = NOTIFIER_REQUESTS[opcode]
            if opcode == 0:
                self.requests.append((interface, request))
                return
            new_id, timeout, _seat = struct.unpack_from("<III", body)
            self.objects[new_id] = "ext_idle_notification_v1"
            self.notifications[timeout] = new_id
            self.requests.append((interface, request, timeout))
        elif interface == "ext_idle_notification_v1" and opcode == 0:  # destroy
            self.notifications = {t: i for t, i in self.notifications.items() if i != obj}
            self._send(1, 1, _u32(obj))

    def requested(self, request):
        return [r for r in self.requests if r[1] == request]

    def idled(self, timeout):
        self._send(self.notifications[timeout], 0)

    def resumed(self, timeout):
        self._send(self.notifications[timeout], 1)

    def stop(self):
        self.listener.close()
        if self.client:
            self.client.close()
        try:
            os.unlink(self.socket)
            os.rmdir(self.dir)
        except OSError:
            pass
