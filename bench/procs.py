# SPDX-License-Identifier: MIT
"""What a program costs, read from /proc: the processes of its tree, their
memory (PSS, RSS), CPU time, context switches per thread, and the processes
and threads it spawns (caught with the kernel's process-events connector).

Reading /proc never wakes the process being read, so sampling it once a
second does not disturb what is measured."""

import os
import select
import socket
import struct
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def stat_fields(pid):
    """/proc/PID/stat after the command name (which may hold spaces)."""
    text = read(f"/proc/{pid}/stat")
    if not text:
        return None
    return text[text.rindex(")") + 2:].split()


def parents():
    """pid -> ppid for every process on the machine."""
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            f = stat_fields(name)
            if f:
                out[int(name)] = int(f[1])
    return out


def tree(roots):
    """The roots and all their live descendants."""
    children = {}
    for pid, ppid in parents().items():
        children.setdefault(ppid, []).append(pid)
    seen, todo = set(), [r for r in roots if os.path.exists(f"/proc/{r}")]
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def cpu_ticks(pid):
    """utime + stime of the process (its dead threads included) + cutime +
    cstime of the children it reaped. Summed over a tree at two moments,
    the difference is the tree's CPU time in between, however processes
    came and went."""
    f = stat_fields(pid)
    if not f:
        return 0
    # Fields 14-17 of stat; f starts at field 3 (state).
    return sum(int(x) for x in f[11:15])


def memory_kb(pid):
    """(PSS, RSS, USS, anonymous PSS) in kB. PSS and USS depend on which
    other processes map the same library pages; the anonymous memory (heap,
    stacks, relocated data) is the program's own doing."""
    text = read(f"/proc/{pid}/smaps_rollup") or ""
    fields = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            fields[parts[0].rstrip(":")] = int(parts[1])
    return (fields.get("Pss", 0), fields.get("Rss", 0),
            fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0), fields.get("Pss_Anon", 0))


def pss_by_mapping(pid):
    """{mapping name: PSS kB} from /proc/PID/smaps: which file (or heap,
    stack, anonymous memory) the PSS comes from."""
    out = {}
    name = None
    for line in (read(f"/proc/{pid}/smaps") or "").splitlines():
        first = line.split(None, 1)[0] if line else ""
        if "-" in first and ":" not in first:  # a mapping's header line
            parts = line.split(None, 5)
            name = os.path.basename(parts[5].strip()) if len(parts) > 5 else "[anonymous]"
        elif first == "Pss:" and name is not None:
            out[name] = out.get(name, 0) + int(line.split()[1])
    return out


def threads(pid):
    """tid -> (process name, thread name, context switches) for each thread."""
    out = {}
    pname = (read(f"/proc/{pid}/comm") or "?").strip()
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except (FileNotFoundError, ProcessLookupError):
        return out
    for tid in tids:
        text = read(f"/proc/{pid}/task/{tid}/status")
        if not text:
            continue
        switches = 0
        name = "?"
        for line in text.splitlines():
            if line.startswith("Name:"):
                name = line.split(None, 1)[1] if len(line.split()) > 1 else "?"
            elif line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                switches += int(line.split()[1])
        if int(tid) == int(pid):
            name += " (main)"
        out[int(tid)] = (pname, name, switches)
    return out


class Sample:
    """One look at a tree: memory, CPU and per-thread context switches."""

    def __init__(self, roots):
        self.time = time.monotonic()
        self.pids = tree(roots)
        self.pss_kb = self.rss_kb = self.uss_kb = self.anon_kb = self.ticks = 0
        self.threads = {}
        for pid in self.pids:
            pss, rss, uss, anon = memory_kb(pid)
            self.pss_kb += pss
            self.rss_kb += rss
            self.uss_kb += uss
            self.anon_kb += anon
            self.ticks += cpu_ticks(pid)
            self.threads.update(threads(pid))


class Window:
    """Samples a tree once a second between start() and stop(). Wake-ups
    are the context switches of every thread that lived in the window: a
    thread seen at the start counts from its value then, a thread born
    later from zero, a thread that died counts up to its last sample."""

    def __init__(self, roots):
        self.roots = roots
        self.first = self.last = None
        self.peak_pss_kb = 0
        self.base = {}     # tid -> switches at the start (0 for threads born later)
        self.latest = {}   # tid -> (process, thread, switches) as last seen

    def start(self):
        self.first = Sample(self.roots)
        self.base = {tid: v[2] for tid, v in self.first.threads.items()}
        self.latest = dict(self.first.threads)
        self.last = self.first
        self.peak_pss_kb = self.first.pss_kb

    def sample(self):
        s = Sample(self.roots)
        for tid, v in s.threads.items():
            self.base.setdefault(tid, 0)
            self.latest[tid] = v
        self.peak_pss_kb = max(self.peak_pss_kb, s.pss_kb)
        self.last = s
        return s

    def seconds(self):
        return self.last.time - self.first.time

    def cpu_ms(self):
        return (self.last.ticks - self.first.ticks) * 1000.0 / CLK_TCK

    def wakeups_by_thread(self):
        """(process, thread, tid) -> context switches in the window."""
        return {(v[0], v[1], tid): v[2] - self.base[tid] for tid, v in self.latest.items()}

    def wakeups(self):
        return sum(self.wakeups_by_thread().values())


# The process-events connector (linux/cn_proc.h): the kernel reports every
# fork, so short-lived children that sampling would miss are counted too.
_NETLINK_CONNECTOR = 11
_CN_IDX_PROC = 1
_CN_VAL_PROC = 1
_PROC_CN_MCAST_LISTEN = 1
_PROC_EVENT_FORK = 0x1
_PROC_EVENT_EXEC = 0x2


class Spawns:
    """Counts processes and threads created inside given trees. Needs
    CAP_NET_ADMIN (root); without it, `available` is False and the bench
    says so instead of guessing."""

    def __init__(self):
        self.lock = threading.Lock()
        self.members = {}   # tgid -> tag of the tree it belongs to
        self.events = []    # (monotonic time, tag, "process" | "thread" | "exec", command)
        self.available = False
        self.error = ""
        self.stop_event = threading.Event()
        try:
            self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_CONNECTOR)
            self.sock.bind((0, _CN_IDX_PROC))
            op = struct.pack("=I", _PROC_CN_MCAST_LISTEN)
            cn = struct.pack("=IIIIHH", _CN_IDX_PROC, _CN_VAL_PROC, 0, 0, len(op), 0) + op
            self.sock.send(struct.pack("=IHHII", 16 + len(cn), 3, 0, 0, 0) + cn)  # NLMSG_DONE
            self.available = True
        except OSError as e:
            self.error = f"process events connector unavailable ({e.strerror}); spawns not counted"
            return
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def watch(self, tag, roots):
        with self.lock:
            for pid in tree(roots):
                self.members[pid] = tag

    def _run(self):
        while not self.stop_event.is_set():
            if not select.select([self.sock], [], [], 0.5)[0]:
                continue
            data = self.sock.recv(65536)
            now = time.monotonic()
            off = 0
            while off + 16 <= len(data):
                length = struct.unpack_from("=I", data, off)[0]
                # nlmsghdr (16) + cn_msg (20) + proc_event: what, cpu, timestamp (16)
                what = struct.unpack_from("=I", data, off + 36)[0]
                if what == _PROC_EVENT_FORK:
                    _, parent_tgid, child_pid, child_tgid = struct.unpack_from("=IIII", data, off + 52)
                    with self.lock:
                        tag = self.members.get(parent_tgid)
                        if tag is not None:
                            if child_pid == child_tgid:
                                self.members[child_tgid] = tag
                                self.events.append((now, tag, "process", ""))
                            else:
                                self.events.append((now, tag, "thread", ""))
                elif what == _PROC_EVENT_EXEC:
                    _, tgid = struct.unpack_from("=II", data, off + 52)
                    with self.lock:
                        tag = self.members.get(tgid)
                    if tag is not None:
                        # Read at once: a short-lived child may be gone soon.
                        command = (read(f"/proc/{tgid}/comm") or "?").strip()
                        with self.lock:
                            self.events.append((now, tag, "exec", command))
                off += max(16, (length + 3) & ~3)

    def count(self, tag, kind, since, until):
        with self.lock:
            return sum(1 for t, g, k, _ in self.events if g == tag and k == kind and since <= t <= until)

    def commands(self, tag, since, until):
        """{command: how many times it was executed} in the window."""
        out = {}
        with self.lock:
            for t, g, k, command in self.events:
                if g == tag and k == "exec" and since <= t <= until:
                    out[command] = out.get(command, 0) + 1
        return out

    def close(self):
        self.stop_event.set()
        if self.available:
            self.thread.join()
            self.sock.close()
