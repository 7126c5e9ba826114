# SPDX-License-Identifier: MIT
"""limberd's memory as it would be on a quiet machine.

Run inside the test desktop:

    export LIMBER_TEST_SYSTEM_BUS=1
    tests/run-under-x.sh python3 bench/quiet_pss.py --bin build-bench/bin [--runs 3] [--settle 20]

It starts limberd (fresh home, empty config, built-in routines) --runs
times, waits until `limberctl status` answers and then --settle seconds,
and prints its PSS two ways: the kernel's (a shared page divided among every
process on the machine that maps it, so it moves with whatever else runs)
and *quiet PSS*: a page divided only among the processes of this private
desktop (Xvfb, the buses, dunst, limberd; a private system bus as in
bench/run), found by physical page in /proc/PID/pagemap. Other people's
processes on the machine then change nothing, and the figure repeats
within about 150 kB. Needs root (pagemap hides page frame numbers from
others). docs/performance.md uses it to weigh one change at a time."""

import argparse
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from procs import memory_kb, tree  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def mappings(pid):
    """[(start, end, name, rss kB)] from /proc/PID/smaps."""
    out = []
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            first = line.split(None, 1)[0]
            if "-" in first and ":" not in first:  # a mapping's header line
                parts = line.split(None, 5)
                start, end = (int(x, 16) for x in first.split("-"))
                name = os.path.basename(parts[5].strip()) if len(parts) > 5 else "[anonymous]"
                out.append([start, end, name, 0])
            elif first == "Rss:":
                out[-1][3] = int(line.split()[1])
    return out


def frames(pid):
    """[(mapping name, page frame number)] for every resident page of pid."""
    out = []
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end, name, rss in mappings(pid):
            if rss == 0 or name == "[vsyscall]":
                continue
            pagemap.seek(start // PAGE * 8)
            for (entry,) in struct.iter_unpack("<Q", pagemap.read((end - start) // PAGE * 8)):
                if entry >> 63:  # present
                    out.append((name, entry & ((1 << 55) - 1)))
    return out


def quiet_pss(pid, others):
    """(kB, {mapping: kB}) for pid, each page shared among pid and `others` only."""
    mine = frames(pid)
    sharers = {frame: 1 for _, frame in mine}
    for other in others:
        try:
            theirs = {frame for _, frame in frames(other)}
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for frame in theirs & sharers.keys():
            sharers[frame] += 1
    by_mapping = {}
    for name, frame in mine:
        by_mapping[name] = by_mapping.get(name, 0) + PAGE / 1024 / sharers[frame]
    return sum(by_mapping.values()), by_mapping


def one_run(bindir, routines, settle):
    home = tempfile.mkdtemp(prefix="quiet-pss-", dir=os.environ.get("LIMBER_TEST_DIR"))
    runtime = os.path.join(home, "run")
    os.makedirs(runtime, mode=0o700)
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/.config", XDG_DATA_HOME=home + "/.local/share",
               XDG_STATE_HOME=home + "/.local/state", XDG_RUNTIME_DIR=runtime)
    env.pop("NOTIFY_SOCKET", None)
    config, sock = home + "/config.toml", home + "/limber.sock"
    open(config, "w").close()
    with open(home + "/limberd.log", "w") as log:
        daemon = subprocess.Popen([bindir + "/limberd", "--config", config, "--socket", sock,
                                   "--db", home + "/limber.db", "--routines-dir", routines],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while subprocess.run([bindir + "/limberctl", "--socket", sock, "status"], env=env,
                                 capture_output=True).returncode != 0:
                if daemon.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"limberd did not come up; see {home}/limberd.log")
                time.sleep(0.1)
            time.sleep(settle)
            pss, rss, _, anon = memory_kb(daemon.pid)
            desktop = tree([os.getppid()]) - {os.getpid(), daemon.pid}
            quiet, by_mapping = quiet_pss(daemon.pid, desktop)
            return {"quiet": quiet, "pss": pss, "rss": rss, "anon": anon,
                    "threads": len(os.listdir(f"/proc/{daemon.pid}/task")), "mappings": by_mapping}
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(15)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="directory with limberd and limberctl")
    parser.add_argument("--routines", default=os.path.join(here, "..", "routines"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=float, default=20)
    parser.add_argument("--top", type=int, default=15, help="mappings to list")
    args = parser.parse_args()
    if "LIMBER_TEST_DIR" not in os.environ:
        sys.exit("run me inside tests/run-under-x.sh (see the top of this file)")

    runs = []
    for i in range(args.runs):
        r = one_run(os.path.abspath(args.bin), os.path.abspath(args.routines), args.settle)
        runs.append(r)
        print(f"run {i + 1}: quiet PSS {r['quiet']:.0f} kB, PSS {r['pss']} kB, RSS {r['rss']} kB, "
              f"anonymous {r['anon']} kB, {r['threads']} thread(s)", flush=True)
    quiet = sorted(r["quiet"] for r in runs)
    print(f"quiet PSS: median {quiet[len(quiet) // 2]:.0f} kB, range {quiet[0]:.0f}-{quiet[-1]:.0f}")
    names = set().union(*(r["mappings"] for r in runs))
    median = {n: sorted(r["mappings"].get(n, 0) for r in runs)[len(runs) // 2] for n in names}
    print("by mapping (kB, median):")
    for name, kb in sorted(median.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {kb:7.0f}  {name}")


if __name__ == "__main__":
    main()
