# SPDX-License-Identifier: MIT
"""A private, real PipeWire stack for the sound and call tests (issues 11
and 12): pipewire, wireplumber and pipewire-pulse in their own runtime
directory, on a session bus of their own (or the private one
tests/run-under-x.sh made), with

  - a null sink, `limber_test`, as the default sink: what plays there can be
    recorded from its monitor, `limber_test.monitor`;
  - a virtual microphone, `limber_mic`, as the default source: the monitor
    of a second null sink (`limber_mic_sink`) remapped as a source, so a
    recorder of it is an application "using the microphone".

Nothing is shared with the host or with another test running at the same
time: every path lives in one temporary directory, and every process is
stopped by pid, checked gone, at the end.

    with SoundSession() as sound:
        limberd.env.update(sound.env)           # before limberd.start()
        with sound.recorder() as rec:            # records limber_test.monitor
            sound.run(["paplay", COMPLETE])
        assert rec.onsets()

Time: Recorder stamps each chunk parecord hands over with time.monotonic()
(CLOCK_MONOTONIC, the same clock in every process), so Recording.time(t)
is a moment on CLOCK_MONOTONIC; compare it with time.monotonic() taken
when the test saw an event (a `limberctl events` line), or with a daemon's
own CLOCK_MONOTONIC stamps. See Recording for how samples map to time.
"""

import array
import ctypes
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import wave

from harness import wait_for

SINK = "limber_test"
MONITOR = SINK + ".monitor"
MIC = "limber_mic"
MIC_SINK = "limber_mic_sink"
SOUNDS = "/usr/share/sounds/freedesktop/stereo"
COMPLETE = os.path.join(SOUNDS, "complete.oga")
SERVERS = ("pipewire", "wireplumber", "pipewire-pulse")

# The bus the stack gets when the test has none of its own: no service
# activation, so nothing starts behind the test's back.
BUS_CONF = ('<busconfig><type>session</type><listen>unix:path={path}</listen><auth>EXTERNAL</auth>'
            '<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/>'
            '<allow own="*"/></policy></busconfig>')

# speech-dispatcher with only espeak-ng, speaking through PulseAudio (that
# is, pipewire-pulse: PULSE_SERVER in its environment picks ours).
SPEECHD_CONF = """LogLevel 3
LogDir "{logdir}"
DefaultVolume 100
AudioOutputMethod "pulse"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
"""


# libcanberra as limberd will use it, with no GTK and no display: an open
# context (connected to the sound server, as a daemon keeps it), then one
# ca_context_play of a theme event by name. Prints the CLOCK_MONOTONIC time
# of the play call, then waits until the sound has finished.
CANBERRA_PLAY = r"""
import ctypes, sys, time
ca = ctypes.CDLL("libcanberra.so.0")
ctx = ctypes.c_void_p()
def check(what, rc):
    if rc != 0:
        ca.ca_strerror.restype = ctypes.c_char_p
        sys.exit(f"{what}: {ca.ca_strerror(rc).decode()}")
check("ca_context_create", ca.ca_context_create(ctypes.byref(ctx)))
check("ca_context_set_driver", ca.ca_context_set_driver(ctx, b"pulse"))
check("ca_context_open", ca.ca_context_open(ctx))
played = time.monotonic()
check("ca_context_play", ca.ca_context_play(ctx, ctypes.c_uint32(1), b"event.id", sys.argv[1].encode(), None))
print(played, flush=True)
playing = ctypes.c_int(1)
deadline = time.monotonic() + 10
while playing.value and time.monotonic() < deadline:
    check("ca_context_playing", ca.ca_context_playing(ctx, ctypes.c_uint32(1), ctypes.byref(playing)))
    time.sleep(0.02)
ca.ca_context_destroy(ctx)
"""


# A level meter as pavucontrol and GNOME Settings make one: a PulseAudio
# record stream with PA_STREAM_PEAK_DETECT, 25 Hz mono float. pipewire-pulse
# turns the flag into stream.monitor = true (and resample.peaks = true).
# Prints "ready" once the stream runs; leaves when its stdin closes.
LEVEL_METER = r"""
import ctypes, sys
pa = ctypes.CDLL("libpulse.so.0")
for f in ("pa_mainloop_new", "pa_mainloop_get_api", "pa_context_new", "pa_stream_new"):
    getattr(pa, f).restype = ctypes.c_void_p
pa.pa_mainloop_get_api.argtypes = [ctypes.c_void_p]
pa.pa_context_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
pa.pa_context_connect.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
pa.pa_context_get_state.argtypes = [ctypes.c_void_p]
pa.pa_mainloop_iterate.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
class Spec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]
class Attr(ctypes.Structure):
    _fields_ = [(n, ctypes.c_uint32) for n in ("maxlength", "tlength", "prebuf", "minreq", "fragsize")]
pa.pa_stream_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(Spec), ctypes.c_void_p]
pa.pa_stream_connect_record.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(Attr), ctypes.c_int]
pa.pa_stream_get_state.argtypes = [ctypes.c_void_p]
loop = pa.pa_mainloop_new()
ctx = pa.pa_context_new(pa.pa_mainloop_get_api(loop), b"limber-test-level-meter")
if pa.pa_context_connect(ctx, None, 0, None) < 0: sys.exit("connect failed")
# pa_context_state: 4 READY, 5 FAILED, 6 TERMINATED; pa_stream_state: 2 READY,
# 3 FAILED, 4 TERMINATED.
def run_until(get, ready, what):
    while True:
        state = get()
        if state == ready: return
        if state in {"context": (5, 6), "stream": (3, 4)}[what]: sys.exit(f"{what} failed: {state}")
        pa.pa_mainloop_iterate(loop, 1, None)
run_until(lambda: pa.pa_context_get_state(ctx), 4, "context")
spec = Spec(5, 25, 1)  # PA_SAMPLE_FLOAT32LE, 25 Hz mono: what pavucontrol asks for
stream = pa.pa_stream_new(ctx, b"Peak detect", ctypes.byref(spec), None)
attr = Attr(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 4)
PEAK_DETECT, DONT_MOVE, ADJUST_LATENCY = 0x800, 0x200, 0x2000  # pa_stream_flags
if pa.pa_stream_connect_record(stream, sys.argv[1].encode(), ctypes.byref(attr), PEAK_DETECT | DONT_MOVE | ADJUST_LATENCY) < 0: sys.exit("record failed")
run_until(lambda: pa.pa_stream_get_state(stream), 2, "stream")
print("ready", flush=True)
# Nothing to read: the peaks pile up in a 4 MiB buffer, hours at 100 bytes/s.
sys.stdin.read()
"""


class SoundSession:
    """The stack, started by start() (or `with`), stopped by stop(). `env`
    is what a process under test needs to play and record here:
    PULSE_SERVER and PULSE_COOKIE (libpulse, libcanberra's pulse backend,
    speech-dispatcher's output), PIPEWIRE_RUNTIME_DIR (libpipewire),
    XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS and SPEECHD_ADDRESS (libspeechd,
    once start_speech() ran). A daemon that keeps its own XDG_RUNTIME_DIR
    still finds the servers through the others."""

    def __init__(self, mic=True, own_bus=None):
        self.mic = mic
        # Under tests/run-under-x.sh the test already has a private bus (with
        # dunst on it), and the daemon under test must see both on one bus.
        # Anywhere else, never the host's: a bus of our own.
        self.own_bus = own_bus if own_bus is not None else not (
            os.environ.get("LIMBER_TEST_DIR") and os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
        self.procs = []  # (name, Popen), in start order
        self.dir = None
        self.env = {}
        self.startup_seconds = None

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self):
        return self.start()

    def __exit__(self, kind, value, tb):
        # A leftover is a failure, but not one to hide the test's own.
        self.stop(check=kind is None)

    def start(self, servers=True):
        """Starts the stack; on any failure stops what did start, then raises.
        servers=False makes only its directory, bus and `env`, for a test
        that starts the servers later (a login where they come last)."""
        try:
            return self._start(servers)
        except BaseException:
            self.stop(check=False)
            raise

    def _start(self, servers):
        began = time.monotonic()
        self.dir = tempfile.mkdtemp(prefix="limber-sound-", dir=os.environ.get("LIMBER_TEST_DIR"))
        os.chmod(self.dir, 0o700)
        run = self.path("run")
        os.makedirs(run, mode=0o700)
        self.env = {
            "XDG_RUNTIME_DIR": run,
            "PIPEWIRE_RUNTIME_DIR": run,
            "PULSE_SERVER": "unix:" + os.path.join(run, "pulse", "native"),
            # Else libpulse writes a cookie into the real home directory.
            "PULSE_COOKIE": self.path("pulse-cookie"),
        }
        if self.own_bus:
            self.env["DBUS_SESSION_BUS_ADDRESS"] = self._start_bus()
        else:
            self.env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]

        # The servers' own state (wireplumber remembers default devices and
        # stream volumes under XDG_STATE_HOME) stays here too, so two tests
        # never read each other's choices.
        server_env = dict(self.child_env(), HOME=self.path("home"), XDG_CONFIG_HOME=self.path("config"),
                          XDG_STATE_HOME=self.path("state"), XDG_DATA_HOME=self.path("data"))
        server_env.pop("DISPLAY", None)
        os.makedirs(server_env["HOME"])
        self.server_env = server_env
        if servers:
            self.start_servers()
        self.startup_seconds = time.monotonic() - began
        return self

    def start_servers(self):
        """pipewire, wireplumber and pipewire-pulse with the test's sinks
        and microphone; start() does it, and so may a test after
        kill_servers(), in the same directory."""
        server_env = self.server_env
        self._spawn("pipewire", ["pipewire"], server_env)
        # wireplumber gives up at once when pipewire does not answer yet.
        wait_for("pipewire's socket", lambda: self._alive() and self._connects(self.path("run", "pipewire-0")))
        self._spawn("wireplumber", ["wireplumber"], server_env)
        self._spawn("pipewire-pulse", ["pipewire-pulse"], server_env)
        wait_for("pipewire-pulse to answer pactl info", lambda: self._alive() and self.pactl_ok("info"))

        self.pactl("load-module", "module-null-sink", f"sink_name={SINK}",
                   "sink_properties=device.description=Limber-test-sink")
        # Defaults live in wireplumber's metadata, which exists only once
        # wireplumber is up: until then pactl says "Not supported".
        wait_for("the null sink to become the default sink",
                 lambda: self._alive() and self.pactl_ok("set-default-sink", SINK))
        if self.mic:
            self.pactl("load-module", "module-null-sink", f"sink_name={MIC_SINK}",
                       "sink_properties=device.description=Limber-test-microphone-input")
            self.pactl("load-module", "module-remap-source", f"source_name={MIC}", f"master={MIC_SINK}.monitor",
                       "source_properties=device.description=Limber-test-microphone")
            self.pactl("set-default-source", MIC)
        wait_for("the defaults to read back", lambda: self._defaults_are_ours())

    def kill_servers(self):
        """PipeWire dies as in a crash (SIGKILL: its socket file stays
        behind), and wireplumber and pipewire-pulse, its clients, are ended
        after it. start_servers() brings all three back."""
        servers = [(name, proc) for name, proc in self.procs if name in SERVERS]
        for name, proc in servers:
            if name == "pipewire":
                proc.kill()
                proc.wait(10)
        for name, proc in servers:
            end(proc)
        self.procs = [p for p in self.procs if p not in servers]

    def stop(self, check=True):
        """Stops every process started here, newest first, by pid. Any other
        process that has our runtime directory in its environment (a client
        the test forgot, looked for before the servers go, since a client
        may die with them; or a server's child, looked for after) is killed,
        and with `check` named in a failure."""
        ours = {p.pid for _, p in self.procs}
        leftovers = [p for p in self.leftovers() if not _descends(p[0], ours)] if self.dir else []
        for name, proc in reversed(self.procs):
            end(proc)
        self.procs = []
        if self.dir:
            # A server's children (speech-dispatcher's sd_espeak-ng) leave
            # when they see their parent gone: give them a moment to.
            try:
                wait_for("the servers' children to leave",
                         lambda: not [p for p in self.leftovers() if p not in leftovers], timeout=5)
            except AssertionError:
                leftovers += [p for p in self.leftovers() if p not in leftovers]
        for pid, cmdline in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        if check and leftovers:
            raise AssertionError(f"processes outlived the sound session: {leftovers}")

    def leftovers(self):
        """Processes whose environment points into this session's
        directory: (pid, command line)."""
        marker = self.dir.encode()
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if marker not in f.read():
                        continue
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
                with open(f"/proc/{entry}/stat", "rb") as f:
                    if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                        continue  # a zombie waits for its parent, it runs nothing
            except OSError:  # gone meanwhile, or not ours to read
                continue
            found.append((int(entry), cmdline))
        return found

    # -- running clients ---------------------------------------------------

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def child_env(self, base=None):
        """`base` (default: this process's environment) with the session's
        variables on top."""
        return dict(base if base is not None else os.environ, **self.env)

    def run(self, argv, check=True, timeout=30, env=None):
        r = subprocess.run(argv, env=self.child_env(env), capture_output=True, text=True, timeout=timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} exited {r.returncode}: {r.stderr.strip()}")
        return r

    def popen(self, argv, env=None, **kwargs):
        """A client process; the caller ends it (end() here does it well)."""
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.PIPE)
        return subprocess.Popen(argv, env=self.child_env(env), **kwargs)

    def pactl(self, *args):
        return self.run(["pactl", *args]).stdout

    def pactl_ok(self, *args):
        return self.run(["pactl", *args], check=False, timeout=10).returncode == 0

    def nodes(self):
        """PipeWire's nodes as pw-dump shows them: dicts with id, state
        ("running", "idle", "suspended", ...), props, and pid: the process
        of the client that made it (native PipeWire clients put
        application.process.id only on their client object, PulseAudio
        clients of pipewire-pulse on the node too)."""
        dump = json.loads(self.run(["pw-dump"]).stdout)
        pids = {o["id"]: o["info"].get("props", {}).get("application.process.id")
                for o in dump if o.get("type") == "PipeWire:Interface:Client" and o.get("info")}
        nodes = []
        for o in dump:
            if o.get("type") != "PipeWire:Interface:Node" or not o.get("info"):
                continue
            props = o["info"].get("props", {})
            pid = props.get("application.process.id") or pids.get(props.get("client.id"))
            nodes.append({"id": o["id"], "state": o["info"].get("state"), "props": props,
                          "pid": int(pid) if pid else None})
        return nodes

    def node_of(self, pid, state="running", timeout=10.0):
        """The node that process `pid` made, once it is in `state`."""
        return wait_for(f"a {state} node of pid {pid}",
                        lambda: next((n for n in self.nodes() if n["pid"] == pid and n["state"] == state), None),
                        timeout=timeout)

    def canberra(self, event_id):
        """Plays theme event `event_id` through libcanberra (pulse driver);
        returns the CLOCK_MONOTONIC time of the ca_context_play call."""
        return float(self.run([sys.executable, "-c", CANBERRA_PLAY, event_id]).stdout)

    def level_meter(self, source=MIC):
        """A PulseAudio peak-detect stream on `source`, running when this
        returns; end() it (closing its stdin) to stop it."""
        proc = self.popen([sys.executable, "-c", LEVEL_METER, source], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True)
        line = proc.stdout.readline()
        if line.strip() != "ready":
            end(proc)
            raise AssertionError(f"the level meter did not start: {line!r}")
        return proc

    def recorder(self, source=MONITOR, **kwargs):
        return Recorder(self, source, **kwargs)

    def record(self, sink=SINK, seconds=1.0):
        """Records what plays on `sink` (from its monitor) for `seconds`."""
        with self.recorder(sink + ".monitor") as rec:
            until = time.monotonic() + seconds
            wait_for(f"{seconds}s of recording", lambda: time.monotonic() >= until, timeout=seconds + 5)
        return rec.recording

    # -- speech ------------------------------------------------------------

    def start_speech(self, timeout=20.0):
        """A private speech-dispatcher (espeak-ng only) speaking to our sink;
        sets SPEECHD_ADDRESS in env, so spd-say and libspeechd find it."""
        conf = self.path("speechd")
        os.makedirs(os.path.join(conf, "modules"))
        os.makedirs(self.path("speechd-log"))
        with open(os.path.join(conf, "speechd.conf"), "w") as f:
            f.write(SPEECHD_CONF.format(logdir=self.path("speechd-log")))
        shutil.copy("/etc/speech-dispatcher/modules/espeak-ng.conf", os.path.join(conf, "modules"))
        sock = self.path("run", "speechd.sock")
        self.env["SPEECHD_ADDRESS"] = "unix_socket:" + sock
        # -s: stays in the foreground, so it is ours to stop; -t 0: it does
        # not leave on its own when no client is connected.
        self._spawn("speech-dispatcher",
                    ["speech-dispatcher", "-s", "-t", "0", "-C", conf, "-c", "unix_socket", "-S", sock,
                     "-P", self.path("speechd.pid")], self.server_env | {"SPEECHD_ADDRESS": self.env["SPEECHD_ADDRESS"]})
        wait_for("speech-dispatcher's socket", lambda: self._alive() and self._connects(sock), timeout=timeout)

    # -- internals ---------------------------------------------------------

    def _start_bus(self):
        bus = self.path("bus")
        conf = self.path("bus.conf")
        with open(conf, "w") as f:
            f.write(BUS_CONF.format(path=bus))
        # With our runtime directory in its environment, so that leftovers() sees it.
        self._spawn("dbus-daemon", ["dbus-daemon", "--nofork", "--config-file=" + conf], self.child_env())
        wait_for("the sound session's bus", lambda: self._alive() and self._connects(bus))
        return "unix:path=" + bus

    def _spawn(self, name, argv, env):
        if shutil.which(argv[0]) is None:
            raise AssertionError(f"{argv[0]} is not installed: run scripts/deps test")
        log = open(self.path(name + ".log"), "a")  # a server started again: after its first life
        try:
            # Its own process group, so a Ctrl-C at the terminal reaches the
            # test, which then stops it in order.
            proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True, preexec_fn=_die_with_parent)
        finally:
            log.close()
        self.procs.append((name, proc))
        return proc

    def _alive(self):
        for name, proc in self.procs:
            if proc.poll() is not None:
                raise AssertionError(f"{name} exited with {proc.returncode}:\n{self.log(name)}")
        return True

    def log(self, name):
        try:
            with open(self.path(name + ".log"), errors="replace") as f:
                return f.read()
        except OSError as e:
            return str(e)

    @staticmethod
    def _connects(path):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            try:
                s.connect(path)
                return True
            except OSError:
                return False

    def _defaults_are_ours(self):
        info = self.pactl("info")
        want = [f"Default Sink: {SINK}"] + ([f"Default Source: {MIC}"] if self.mic else [])
        return all(w in info.splitlines() for w in want)


# Looked up here, not in the forked child, where only the call is safe.
_prctl = ctypes.CDLL(None, use_errno=True).prctl
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child, before exec: SIGTERM when the test process dies. A test
    killed for its timeout runs no cleanup, and the servers, in their own
    sessions, would otherwise run on for ever."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _descends(pid, ancestors):
    """Whether pid is one of `ancestors` or a child, grandchild... of one."""
    while pid > 1:
        if pid in ancestors:
            return True
        pid = _parent(pid)
    return False


def end(proc, timeout=10.0):
    """TERM, then KILL if it does not go; waits, so nothing is left a zombie."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe:
            pipe.close()


class Recorder:
    """parecord (as `parecord --raw`: plain samples on a pipe) from `source`,
    mono 16-bit at `rate`, read by a thread that stamps each chunk with
    time.monotonic() as it arrives. --latency-msec keeps the chunks small,
    so arrival stamps are close to capture times (see Recording)."""

    def __init__(self, session, source=MONITOR, rate=48000, latency_ms=10):
        self.session, self.source, self.rate, self.latency_ms = session, source, rate, latency_ms
        self.chunks = []  # (monotonic arrival time, bytes)
        self.proc = None
        self.recording = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=10.0):
        self.started_at = time.monotonic()
        self.proc = self.session.popen(
            ["parecord", "--raw", "-d", self.source, "--format=s16le", f"--rate={self.rate}", "--channels=1",
             f"--latency-msec={self.latency_ms}", "--client-name=limber-test-recorder"],
            stdout=subprocess.PIPE)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        # Running once the first samples arrive. On PipeWire's null sink a
        # recorder sets the graph going and gets silence from the start; a
        # source that is suspended would send nothing (Recording copes).
        wait_for(f"parecord from {self.source} to deliver samples",
                 lambda: self.chunks or self.proc.poll() is not None, timeout=timeout)
        if self.proc.poll() is not None:
            raise AssertionError(f"parecord exited {self.proc.returncode}: {self.proc.stderr.read().decode()}")
        return self

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            data = os.read(fd, 65536)
            if not data:
                return
            self.chunks.append((time.monotonic(), data))

    def stop(self):
        end(self.proc)
        self.thread.join(10)
        self.recording = Recording(self.chunks, self.rate)
        return self.recording

    # While recording, the tests may look at what arrived so far.
    def snapshot(self):
        return Recording(list(self.chunks), self.rate)


class Recording:
    """Mono 16-bit samples with their place on CLOCK_MONOTONIC.

    Mapping samples to time: chunk i arrives at a_i having brought the
    stream to S_i samples, so the stream's first sample was captured at
    most at a_i - S_i / rate. Arrival can only be late (scheduling, pipe),
    never early, so the smallest such value over the chunks is the best
    estimate of sample 0's time; what remains is the capture-to-delivery
    latency (about the --latency-msec fragment, measured in
    docs/testing-sound.md), which makes times late, never early.
    A source that stops delivering (a suspended one records nothing, not
    zeros) breaks the count: when that estimate, taken as the smallest from
    a chunk onwards (a merely late chunk is followed by ones that catch up),
    jumps by more than `gap` seconds, a new segment starts with its own
    origin, so samples after a gap keep their real time. Silence between
    segments is reported as windows of RMS 0."""

    def __init__(self, chunks, rate, gap=0.25):
        self.rate = rate
        samples = array.array("h")
        bounds = []  # (arrival, samples so far) per chunk
        pending = b""
        for arrived, data in chunks:
            data = pending + data
            usable = len(data) - len(data) % 2
            pending = data[usable:]
            samples.frombytes(data[:usable])
            bounds.append((arrived, len(samples)))
        # A chunk's estimate of sample 0's time; the smallest from it onwards,
        # because a late chunk is followed by ones that catch up, while after
        # a real gap every later estimate stays higher.
        estimates = [arrived - count / rate for arrived, count in bounds]
        for i in range(len(estimates) - 2, -1, -1):
            estimates[i] = min(estimates[i], estimates[i + 1])
        self.segments = []  # (time of its first sample on CLOCK_MONOTONIC, array of samples)
        first = 0  # index of the segment's first sample
        for i, estimate in enumerate(estimates):
            if i == 0 or estimate - estimates[i - 1] > gap:
                if i:
                    self.segments.append((origin, samples[first:bounds[i - 1][1]]))
                    first = bounds[i - 1][1]
                origin = estimate + first / rate
        if bounds:
            self.segments.append((origin, samples[first:]))

    @property
    def start(self):
        return self.segments[0][0] if self.segments else None

    @property
    def end(self):
        if not self.segments:
            return None
        origin, samples = self.segments[-1]
        return origin + len(samples) / self.rate

    def duration(self):
        return sum(len(s) for _, s in self.segments) / self.rate

    def rms(self, window=0.05):
        """[(start time on CLOCK_MONOTONIC, RMS in 0..1 of full scale)] per
        window, in order; gaps between segments as windows of RMS 0."""
        size = max(1, int(self.rate * window))
        out = []
        for origin, samples in self.segments:
            t = origin
            while out and out[-1][0] + 2 * window <= t:  # fill a gap with silence
                out.append((out[-1][0] + window, 0.0))
            for i in range(0, len(samples) - size + 1, size):
                chunk = samples[i:i + size]
                out.append((origin + i / self.rate, math.sqrt(sum(x * x for x in chunk) / size) / 32768.0))
        return out

    def onsets(self, threshold=0.01, silence=0.2, window=0.05):
        """Times (CLOCK_MONOTONIC) where the RMS rises to `threshold` (0.01
        is -40 dBFS) after at least `silence` seconds below it. The
        recording's start counts as silence: a sound already playing when
        recording began is an onset at the start."""
        found = []
        quiet = silence
        for t, level in self.rms(window):
            if level >= threshold:
                if quiet >= silence:
                    found.append(t)
                quiet = 0.0
            else:
                quiet += window
        return found

    def peak(self, window=0.05):
        return max((level for _, level in self.rms(window)), default=0.0)

    def save(self, path):
        """A WAV file of the samples (gaps left out), to listen to."""
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            for _, samples in self.segments:
                w.writeframes(samples.tobytes())
        return path
