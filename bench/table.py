# SPDX-License-Identifier: MIT
"""Prints bench/compare.py's figures as Markdown tables (so a run can be
pasted into docs/performance.md as is)."""

LIMBER = ("limberd", "limber-tray")


def mb(kb):
    return f"{kb / 1024:.1f}"


def spawned(r):
    if r["spawned_processes"] is None:
        return "n/a"
    per_min = 60 / r["seconds"] if r["seconds"] else 0
    return f"{r['spawned_processes'] * per_min:.1f} / {r['spawned_threads'] * per_min:.1f}"


COLUMNS = ("| program | user | PSS MB | USS MB | anon MB | RSS MB | CPU ms/min | wake-ups/min "
           "| spawned/min: processes / threads | processes / threads |")


def row(name, scenario, pss, uss, anon, rss, cpu, wake, spawns="", alive=""):
    return (f"| {name} | {scenario} | {mb(pss)} | {mb(uss)} | {mb(anon)} | {mb(rss)} | {cpu:.1f} | {wake:.1f} "
            f"| {spawns} | {alive} |")


def resource_table(results):
    print(COLUMNS)
    print("|---|---|" + "---:|" * 8)
    for r in results:
        print(row(r["program"], r["scenario"], r["pss_kb"], r["uss_kb"], r["anon_kb"], r["rss_kb"],
                  r["cpu_ms_per_min"], r["wakeups_per_min"], spawned(r), f"{r['processes']} / {r['threads']}"))
    for scenario in ("idle", "active"):
        rows = [r for r in results if r["program"] in LIMBER and r["scenario"] == scenario]
        if len(rows) == 2:
            total = {k: sum(r[k] for r in rows) for k in ("pss_kb", "uss_kb", "anon_kb", "rss_kb",
                                                          "cpu_ms_per_min", "wakeups_per_min")}
            print(row("limberd + limber-tray", scenario, total["pss_kb"], total["uss_kb"], total["anon_kb"],
                      total["rss_kb"], total["cpu_ms_per_min"], total["wakeups_per_min"]))


def targets(results):
    """The issue's targets for limberd, checked against this run."""
    out = []
    for r in results:
        if r["program"] == "limberd":
            out.append(f"- limberd PSS under 3 MB ({r['scenario']}): {mb(r['pss_kb'])} MB, "
                       + ("met" if r["pss_kb"] < 3 * 1024 else "MISSED"))
        if r["program"] == "limber-tray":
            out.append(f"- limber-tray PSS under 5 MB ({r['scenario']}): {mb(r['pss_kb'])} MB, "
                       + ("met" if r["pss_kb"] < 5 * 1024 else "MISSED"))
    for r in results:
        if r["program"] == "limberd":
            busy = [f"{name} {n * 60 / r['seconds']:.1f}/min" for name, n in r["threads_detail"] if n]
            out.append(f"- limberd wake-ups ({r['scenario']}): {r['wakeups_per_min']:.1f}/min "
                       f"({', '.join(busy) or 'no thread woke'}). Allowed: one checkpoint a minute while "
                       "sitting (1.0/min)" + (", plus the change to `idle` after 60 s without input, which "
                                              "falls in this window when the settle is under 60 s"
                                              if r["scenario"] == "idle" else ""))
    return out


def thread_detail(results):
    for r in results:
        parts = [f"{name} {n * 60 / r['seconds']:.1f}" for name, n in r["threads_detail"][:5]]
        more = len(r["threads_detail"]) - 5
        print(f"- {r['program']}, {r['scenario']}: {', '.join(parts)}" + (f" (+{more} threads)" if more > 0 else ""))


def exec_detail(results):
    for r in results:
        if r.get("executed"):
            print(f"- {r['program']}, {r['scenario']}: " +
                  ", ".join(f"{cmd} x{n}" for cmd, n in sorted(r["executed"].items(), key=lambda x: -x[1])))


def memory_detail(results):
    for r in results:
        if r["program"] in LIMBER and r["scenario"] == "idle":
            top = r["pss_by_mapping"][:14]
            rest = sum(kb for _, kb in r["pss_by_mapping"][14:])
            print(f"- {r['program']}: " + ", ".join(f"{name} {kb}" for name, kb in top) + f", the rest {rest}")


def print_report(e):
    h = e["head"]
    v = h["versions"]
    kind = "QUICK run (for trying the bench; not figures to quote)" if h["quick"] else "full run"
    print(f"# Limber benchmark, {h['started']}\n")
    print(f"{kind}: each program alone on the bench desktop, {h['settle']:g} s settle + {h['window']:g} s "
          f"measured per scenario; `active` = xdotool input every {h['input_every']:g} s.")
    print(f"Machine: {h['machine']}. Load average {h['load_start']} at the start, {h['load_end']} at the end.")
    print(f"Versions: {v['limberd']}, Workrave {v['workrave']}, Safe Eyes {v['safeeyes']}; desktop: Xvfb, "
          f"private session and system buses, dunst {v['dunst']}, "
          + (f"xfce4-panel {v['xfce4-panel']} as tray host." if h.get("panel") else "no tray host."))
    print("\n## Resources (all processes of each program)\n")
    resource_table(e["results"])
    print("\nTargets:")
    for line in targets(e["results"]):
        print(line)
    if any(r.get("executed") for r in e["results"]):
        print(f"\nCommands run during the windows ({e['head']['window']:g} s each):")
        exec_detail(e["results"])
    print("\nWhere the PSS of our processes comes from (kB, by mapping, idle):")
    memory_detail(e["results"])
    print("\nContext switches per minute by thread (process/thread):")
    thread_detail(e["results"])

    print("\n## limberd start-up\n")
    r = e["ready"]
    if r:
        print(f"exec to READY=1 (NOTIFY_SOCKET): median {r['median_ms']:.1f} ms, min {r['min_ms']:.1f}, "
              f"max {r['max_ms']:.1f} ({r['runs']} runs)")
    else:
        print("exec to READY=1: not measured (see notes)")

    print("\n## `status` round trips over the socket\n")
    if e["rtt"]:
        print("| clients | requests/s | p50 µs | p99 µs | max µs | errors |")
        print("|---:|---:|---:|---:|---:|---:|")
        for r in e["rtt"]:
            print(f"| {r['clients']:.0f} | {r['rps']:.0f} | {r['p50_us']:.0f} | {r['p99_us']:.0f} "
                  f"| {r['max_us']:.0f} | {r['errors']:.0f} |")
    else:
        print("not measured (see notes)")

    print("\n## Reports\n")
    rep = e["report"]
    if "missing" in rep:
        print(rep["missing"] + "; its figures are in docs/performance.md, section Reports.")
    else:
        print(f"`{rep['command']}` (exit {rep['status']}):\n")
        print("```\n" + rep["output"].rstrip() + "\n```")

    if e["notes"]:
        print("\n## Notes\n")
        for n in e["notes"]:
            print(f"- {n}")
