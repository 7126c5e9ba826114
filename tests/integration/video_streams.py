# SPDX-License-Identifier: MIT
"""Running PipeWire video streams on a test PipeWire (sound_session.py),
as limberd's screencast and camera sources meet them on a desktop: a
publisher (gst-launch-1.0 `videotestsrc ! pipewiresink mode=provide`)
makes a `Video/Source` node, and a viewer (`pipewiresrc` with the
properties a browser's WebRTC capture sets) links to it by name. A video
node runs only while something views it: a portal's screencast stream
that nobody consumes stays suspended, and so does a camera nobody opened.

    with VideoStream(sound, SCREENCAST):      # running when this returns
        ...                                  # limberd sees a screencast
    # gone: the node left the graph

The node properties are what pw-dump shows for the real thing (PipeWire
0.3.65, wireplumber 0.4.13):
  - xdg-desktop-portal-wlr's screencast stream: `media.class =
    Video/Source` and nothing of a device (GNOME's and KDE's portals
    publish the same kind of stream);
  - a camera from wireplumber's V4L2 monitor: `media.class = Video/Source`,
    `device.api = v4l2`, `factory.name = api.v4l2.source`, `node.name =
    v4l2_input.<device>`, `object.path = v4l2:<device file>` and
    `device.id`, the id of its device object. A client cannot make a device
    object, so the stand-in carries everything but `device.id`; limberd
    tells a camera by `device.api` or `device.id`, either is enough.
"""

import subprocess

from harness import wait_for
from sound_session import end

SCREENCAST = {"media.class": "Video/Source", "node.name": "limber-test-screencast"}
CAMERA = {"media.class": "Video/Source", "node.name": "v4l2_input.limber-test-camera", "device.api": "v4l2",
          "factory.name": "api.v4l2.source", "object.path": "v4l2:/dev/video-limber-test", "media.role": "Camera"}

# What a browser's capture stream carries: wireplumber links only nodes of
# the same media.type.
VIEWER = {"media.type": "Video", "media.category": "Capture"}

# Small and slow: the frames only have to flow.
FRAMES = "video/x-raw,width=64,height=48,framerate=5/1"


def gst_props(props):
    """A GstStructure for pipewiresink/pipewiresrc's stream-properties."""
    return "props," + ",".join(f'{k}="{v}"' for k, v in props.items())


class VideoStream:
    """A publisher of `props` and a viewer of it, both gst-launch-1.0 in the
    sound session's environment."""

    def __init__(self, sound, props, name="limber-test-video"):
        self.sound, self.props, self.name = sound, props, name
        self.publisher = self.viewer = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def node(self):
        """The published node as SoundSession.nodes() gives it, or None."""
        return next((n for n in self.sound.nodes() if n["props"].get("node.name") == self.props["node.name"]), None)

    def start(self, timeout=15.0):
        try:
            self.publisher = self._gst("videotestsrc", "is-live=true", "!", FRAMES, "!", "pipewiresink", "mode=provide",
                                       f"client-name={self.name}", "stream-properties=" + gst_props(self.props))
            # The viewer names its target; wireplumber drops a viewer whose
            # target does not exist yet, so the node comes first.
            wait_for("the published video node", self._alive_and(self.node), timeout=timeout)
            role = {"media.role": "Camera" if "device.api" in self.props else "Screen"}
            self.viewer = self._gst("pipewiresrc", f"target-object={self.props['node.name']}",
                                    "stream-properties=" + gst_props(VIEWER | role), "!", "fakesink")
            wait_for("the video node running", self._alive_and(lambda: (self.node() or {}).get("state") == "running"),
                     timeout=timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout=10.0, wait=True):
        """Ends the viewer, then the publisher; with `wait`, returns once
        the node left the graph (without: PipeWire may be gone)."""
        for proc in (self.viewer, self.publisher):
            if proc:
                end(proc)
        started = self.publisher is not None
        self.viewer = self.publisher = None
        if started and wait and self.sound.dir:
            wait_for("the video node to leave", lambda: self.node() is None, timeout=timeout)

    def _gst(self, *pipeline):
        return self.sound.popen(["gst-launch-1.0", "-q", *pipeline], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    def _alive_and(self, condition):
        def check():
            for proc in (self.publisher, self.viewer):
                if proc and proc.poll() is not None:
                    raise AssertionError(f"gst-launch-1.0 exited {proc.returncode}: {proc.stderr.read()}")
            return condition()
        return check
