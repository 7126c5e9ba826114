# SPDX-License-Identifier: MIT
"""A Wayland window for the tests, in a few lines of the wire protocol (no
client toolkit is installed here): an xdg_toplevel with a small shared-memory
buffer, which can ask to be fullscreen and to leave it, as a video player
or a slide show does. The compositor's configure events are acknowledged
at every round trip."""

import mmap
import os
import socket
import struct

from wayland_session import WireClient, _string, _u32

WIDTH, HEIGHT = 64, 48
XRGB8888 = 1


class Window(WireClient):
    def __init__(self, path, app_id):
        self.wm_base = self.xdg_surface = self.toplevel = None  # events come from the first round trip on
        self.closed = False
        super().__init__(path)
        try:
            self.compositor = self.bind("wl_compositor", 4)
            self.shm = self.bind("wl_shm", 1)
            self.wm_base = self.bind("xdg_wm_base", 1)
            self.surface = self.new_id()
            self.send(self.compositor, 0, _u32(self.surface))  # create_surface
            self.xdg_surface = self.new_id()
            self.send(self.wm_base, 2, _u32(self.xdg_surface) + _u32(self.surface))  # get_xdg_surface
            self.toplevel = self.new_id()
            self.send(self.xdg_surface, 1, _u32(self.toplevel))  # get_toplevel
            self.send(self.toplevel, 2, _string(app_id))  # set_title
            self.send(self.toplevel, 3, _string(app_id))  # set_app_id
            self.send(self.surface, 6)  # commit: the compositor answers with a configure
            self.buffer = self._buffer()
            self.roundtrip()  # acknowledges the configure, then maps the window with its buffer
        except BaseException:
            self.close()
            raise

    def _buffer(self):
        size = WIDTH * HEIGHT * 4
        fd = os.memfd_create("limber-test-window")
        try:
            os.ftruncate(fd, size)
            with mmap.mmap(fd, size) as pixels:
                pixels.write(b"\x40\x80\x40\x00" * (WIDTH * HEIGHT))  # a plain green
            pool = self.new_id()
            message = struct.pack("<II", self.shm, (16 << 16) | 0) + _u32(pool) + _u32(size)  # wl_shm.create_pool
            socket.send_fds(self.sock, [message], [fd])
        finally:
            os.close(fd)
        buffer = self.new_id()
        self.send(pool, 0, _u32(buffer) + struct.pack("<iiiiI", 0, WIDTH, HEIGHT, WIDTH * 4, XRGB8888))
        return buffer

    def on_event(self, obj, opcode, body):
        if obj == self.wm_base and opcode == 0:  # ping
            self.send(self.wm_base, 3, body[:4])  # pong
        elif obj == self.xdg_surface and opcode == 0:  # configure
            serial, = struct.unpack_from("<I", body)
            self.send(self.xdg_surface, 4, _u32(serial))  # ack_configure
            self.send(self.surface, 1, _u32(self.buffer) + struct.pack("<ii", 0, 0))  # attach
            self.send(self.surface, 2, struct.pack("<iiii", 0, 0, WIDTH, HEIGHT))  # damage
            self.send(self.surface, 6)  # commit
        elif obj == self.toplevel and opcode == 1:  # close
            self.closed = True

    def fullscreen(self, on):
        self.send(self.toplevel, 11 if on else 12, _u32(0) if on else b"")  # set_fullscreen(no output) / unset
        self.roundtrip()
        self.roundtrip()  # the configure that follows, acknowledged
