# SPDX-License-Identifier: MIT
"""bench/compare.py: limberd (and limber-tray) against Workrave and Safe Eyes
on one bench desktop, then limberd's start-up time, socket round trips and
the report figures. Run it through bench/run, which builds and provides the
desktop (tests/run-under-x.sh). Prints a table; asserts nothing."""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import programs  # noqa: E402
import startup  # noqa: E402
from desktop import Desktop, User, nudge  # noqa: E402
from procs import Spawns, Window, pss_by_mapping  # noqa: E402
from table import print_report  # noqa: E402


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True, help="directory with limberd, limberctl, limber-bench-rtt")
    ap.add_argument("--routines", required=True)
    ap.add_argument("--settle", type=float, default=30, help="seconds before each window (default 30)")
    ap.add_argument("--window", type=float, default=120, help="seconds measured per scenario (default 120)")
    ap.add_argument("--input-every", type=float, default=3, help="seconds between inputs when active (default 3)")
    ap.add_argument("--only", default="limber,workrave,safeeyes", help="programs to compare, comma-separated")
    ap.add_argument("--ready-runs", type=int, default=20)
    ap.add_argument("--rtt-seconds", type=float, default=5)
    ap.add_argument("--rtt-clients", default="1,16,64")
    ap.add_argument("--report-bench", default="", help="the report benchmark binary, when built")
    ap.add_argument("--no-panel", action="store_true", help="do not start xfce4-panel")
    ap.add_argument("--json", default="", help="also write every figure to this file")
    ap.add_argument("--quick", action="store_true", help="short windows to try the bench out (not for the docs)")
    a = ap.parse_args()
    a.bin, a.routines = os.path.abspath(a.bin), os.path.abspath(a.routines)
    if a.quick:
        a.settle, a.window, a.ready_runs, a.rtt_seconds = 5, 20, 5, 2
    return a


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} CPUs, Linux {platform.release()}"


def versions(bin_dir):
    out = {}
    r = subprocess.run([os.path.join(bin_dir, "limberd"), "--version"], capture_output=True, text=True)
    out["limberd"] = r.stdout.strip()
    for pkg in ("workrave", "safeeyes", "xfce4-panel", "dunst"):
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
        out[pkg] = r.stdout.strip() if r.returncode == 0 else "not installed"
    return out


def measure(units, spawns, settle, window):
    """Waits `settle`, then samples every unit's tree once a second for
    `window` seconds. Returns {label: figures}."""
    time.sleep(settle)
    windows = {label: Window([pid]) for label, pid in units}
    for w in windows.values():
        w.start()
    t0 = time.monotonic()
    while time.monotonic() - t0 < window:
        time.sleep(min(1.0, max(0.0, window - (time.monotonic() - t0))))
        for w in windows.values():
            w.sample()
    t1 = time.monotonic()
    out = {}
    for label, w in windows.items():
        minutes = w.seconds() / 60
        pid = dict(units)[label]
        by_thread = w.wakeups_by_thread()
        out[label] = {
            "seconds": round(w.seconds(), 1),
            "pss_kb": w.last.pss_kb, "rss_kb": w.last.rss_kb, "uss_kb": w.last.uss_kb,
            "anon_kb": w.last.anon_kb, "peak_pss_kb": w.peak_pss_kb,
            "processes": len(w.last.pids), "threads": len(w.last.threads),
            "cpu_ms_per_min": w.cpu_ms() / minutes,
            "wakeups_per_min": w.wakeups() / minutes,
            "spawned_processes": spawns.count(label, "process", t0, t1) if spawns.available else None,
            "spawned_threads": spawns.count(label, "thread", t0, t1) if spawns.available else None,
            "executed": spawns.commands(label, t0, t1) if spawns.available else {},
            "pss_by_mapping": sorted(pss_by_mapping(pid).items(), key=lambda x: -x[1]),
            "threads_detail": sorted(([f"{p}/{t}", n] for (p, t, _), n in by_thread.items()),
                                     key=lambda x: -x[1]),
        }
    return out


def compare(a, desktop, spawns):
    results, notes = [], []
    for cls in programs.ALL:
        if cls.name not in a.only.split(","):
            continue
        prog = cls(desktop)
        why = prog.available()
        if why:
            notes.append(f"{cls.name}: not run: {why}")
            continue
        print(f"bench: {cls.name}: starting ({loadavg()} load)", file=sys.stderr, flush=True)
        nudge()  # every program starts with a user who was just active
        try:
            prog.start()
            if prog.dead():  # it could not run here: say why, measure the others
                notes += [f"{cls.name}: not measured: {d}" for d in prog.dead()]
                continue
            for label, pid in prog.units():
                spawns.watch(label, [pid])
            for scenario in ("idle", "active"):
                user = User(a.input_every) if scenario == "active" else None
                if user:
                    user.start()
                print(f"bench: {cls.name}: {scenario}: {a.settle:g} s settle + {a.window:g} s window",
                      file=sys.stderr, flush=True)
                try:
                    figures = measure(prog.units(), spawns, a.settle, a.window)
                finally:
                    if user:
                        user.stop()
                for label, f in figures.items():
                    results.append(dict(f, program=label, scenario=scenario))
                if prog.dead():
                    notes += [f"{cls.name}: died during the {scenario} window: {d}" for d in prog.dead()]
                    break
        except Exception as e:  # one program's trouble must not lose the others' figures
            notes.append(f"{cls.name}: not measured: {e}")
        finally:
            notes += [f"{cls.name}: {n}" for n in prog.notes]
            prog.stop()
    return results, notes


def main():
    a = parse_args()
    started = time.strftime("%Y-%m-%d %H:%M:%S %z")
    head = {"started": started, "machine": machine(), "load_start": loadavg(), "settle": a.settle,
            "window": a.window, "input_every": a.input_every, "quick": a.quick, "versions": versions(a.bin)}
    desktop = Desktop(a.bin, a.routines)
    spawns = Spawns()
    notes = []
    if not spawns.available:
        notes.append(spawns.error)
    try:
        desktop.start(with_panel=not a.no_panel)
        notes += desktop.notes
        head["panel"] = desktop.panel
        results, more = compare(a, desktop, spawns)
        notes += more
        print(f"bench: limberd exec to READY, {a.ready_runs} runs", file=sys.stderr, flush=True)
        times, note = startup.exec_to_ready(desktop, a.ready_runs)
        if note:
            notes.append(note)
        ready = startup.summary(times)
        print(f"bench: status round trips ({loadavg()} load)", file=sys.stderr, flush=True)
        try:
            rtt = startup.rtt(desktop, [int(c) for c in a.rtt_clients.split(",")], a.rtt_seconds)
        except Exception as e:  # keep the other figures
            rtt = []
            notes.append(str(e))
        report = run_report_bench(a.report_bench)
    finally:
        spawns.close()
        desktop.stop()
    head["load_end"] = loadavg()
    everything = {"head": head, "results": results, "ready": ready, "rtt": rtt, "report": report, "notes": notes}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(everything, f, indent=1)
    print_report(everything)


def run_report_bench(binary):
    """The report benchmark belongs to the report feature; its output is
    shown as it prints it."""
    if not binary or not os.path.exists(binary):
        return {"missing": "the report benchmark (bench/report_bench.cpp, target bench_report) was not built"}
    print("bench: report benchmark", file=sys.stderr, flush=True)
    # The synthetic history is made once (about 20 s) and kept beside the
    # binaries for the next run.
    workdir = os.path.dirname(os.path.dirname(os.path.abspath(binary)))
    try:
        r = subprocess.run([os.path.abspath(binary), "--db", os.path.join(workdir, "bench-history-10y.db")],
                           capture_output=True, text=True, timeout=1800, cwd=workdir)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"missing": f"the report benchmark failed to run: {e}"}
    return {"command": os.path.basename(binary), "status": r.returncode, "output": r.stdout + r.stderr}


if __name__ == "__main__":
    main()
