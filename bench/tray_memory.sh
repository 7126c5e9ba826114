#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/tray_memory.sh BUILD_DIR [SECONDS]
#
# limber-tray's memory while idle in a real panel: limberd, xfce4-panel
# (the StatusNotifierWatcher and host) and the tray on a private desktop;
# after SECONDS (default 10) of nothing happening, prints the tray's
# /proc/PID/smaps_rollup figures and how often it woke up meanwhile.
# Runs itself under tests/run-under-x.sh. Build with -DCMAKE_BUILD_TYPE=Release
# for figures worth quoting.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-10}
if [ -z "${LIMBER_TEST_DIR:-}" ]; then
    exec "$here/tests/run-under-x.sh" "$0" "$build" "$seconds"
fi

t=$LIMBER_TEST_DIR
mkdir -p "$t/panel/xfce4/xfconf/xfce-perchannel-xml" "$t/run"
python3 -c "import sys; sys.path.insert(0, '$here/tests/integration'); import test_tray; print(test_tray.PANEL_XML)" \
    >"$t/panel/xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
export NO_AT_BRIDGE=1
xfconfd=$(ls /usr/lib/*/xfce4/xfconf/xfconfd | head -n1)
XDG_CONFIG_HOME=$t/panel "$xfconfd" >"$t/xfconfd.log" 2>&1 &
pids+=($!)
XDG_CONFIG_HOME=$t/panel xfce4-panel -d >"$t/panel.log" 2>&1 &
pids+=($!)
"$build/bin/limberd" --config /dev/null --socket "$t/run/limber.sock" --db "$t/limber.db" \
    --routines-dir "$here/routines" >"$t/limberd.log" 2>&1 &
pids+=($!)
"$build/bin/limber-tray" --socket "$t/run/limber.sock" >"$t/tray.log" 2>&1 &
tray=$!
pids+=($tray)

# Registered and connected: the panel has read the icon by now.
for _ in $(seq 100); do
    grep -q "connected to limberd" "$t/tray.log" && grep -q "registered" "$t/tray.log" && break
    sleep 0.1
done
if ! grep -q "connected to limberd" "$t/tray.log" || ! grep -q "registered" "$t/tray.log"; then
    echo "limber-tray did not come up:" >&2
    cat "$t/tray.log" "$t/limberd.log" >&2
    exit 1
fi
sleep 1
before=$(awk '{print $14 + $15}' "/proc/$tray/stat")
switches_before=$(awk '/voluntary_ctxt_switches/ {s += $2} END {print s}' "/proc/$tray/status")
sleep "$seconds"
switches_after=$(awk '/voluntary_ctxt_switches/ {s += $2} END {print s}' "/proc/$tray/status")
after=$(awk '{print $14 + $15}' "/proc/$tray/stat")

echo "limber-tray ($build), idle for ${seconds} s in xfce4-panel:"
grep -E '^(Rss|Pss|Pss_Anon|Pss_File|Private_Clean|Private_Dirty):' "/proc/$tray/smaps_rollup"
echo "CPU ticks while idle: $((after - before)); context switches: $((switches_after - switches_before))"
