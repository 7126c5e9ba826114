#!/bin/bash
# SPDX-License-Identifier: MIT
# run-under-x.sh COMMAND [ARGS...]
#
# Runs COMMAND inside a private desktop: an Xvfb server, a private session
# bus and dunst as the notification server. Everything started here is
# stopped by pid when COMMAND ends, however it ends. COMMAND's exit status is
# ours.
#
# COMMAND sees DISPLAY and DBUS_SESSION_BUS_ADDRESS pointing at them, and
# DBUS_SYSTEM_BUS_ADDRESS at a private system bus when LIMBER_TEST_SYSTEM_BUS=1
# (else at nothing, so the host's logind stays out), plus:
#   LIMBER_TEST_DIR        a scratch directory (removed afterwards)
#   LIMBER_TEST_DUNSTRC    dunst's config, to start dunst again after a kill
#   LIMBER_TEST_DUNST_PID  the dunst started here
#   LIMBER_TEST_ACTION     file that picks the action dunst's context menu
#                          invokes: write a key, run `dunstctl context`
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/limber-x.XXXXXX")
pids=()

cleanup() {
    local pid
    # CONT too: a test may have left dunst stopped, and a stopped process
    # does not act on TERM.
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null && kill -CONT "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# wait_for SECONDS WHAT COMMAND...: retry COMMAND until it succeeds or the
# deadline passes. Servers tell us when they are ready; we only check.
wait_for() {
    local end=$((SECONDS + $1)) what=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$end" ]; then
            echo "run-under-x: timed out waiting for $what" >&2
            for log in "$tmp"/*.log; do echo "--- $log"; cat "$log"; done >&2
            exit 1
        fi
        sleep 0.02
    done
}

# Nothing of the caller's desktop may leak in: dunst would pick Wayland,
# the code under test would choose its Wayland backend, and the caller's
# XDG_CURRENT_DESKTOP would decide which desktop's do-not-disturb counts.
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CURRENT_DESKTOP

# -displayfd: Xvfb picks a free display itself and writes its number once it
# accepts connections, so there is no guessing and no race with other runs.
Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1280x800x24 \
    3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
wait_for 30 "Xvfb to pick a display" test -s "$tmp/display"
DISPLAY=":$(head -n1 "$tmp/display")"
export DISPLAY
wait_for 30 "Xvfb on $DISPLAY" xdpyinfo

# A bus without service activation: the tests decide when dunst runs, the
# bus must not start it behind their back.
cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --nofork --config-file="$tmp/bus.conf" --print-address=3 \
    3>"$tmp/bus.address" >"$tmp/dbus.log" 2>&1 &
pids+=($!)
wait_for 30 "the session bus" test -s "$tmp/bus.address"
DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$tmp/bus.address")
export DBUS_SESSION_BUS_ADDRESS

# The host's system bus (and its logind) must not leak in either. With
# LIMBER_TEST_SYSTEM_BUS=1 there is a private one, for a mock logind;
# without, the address names a socket that does not exist: no system bus.
if [ "${LIMBER_TEST_SYSTEM_BUS:-}" = 1 ]; then
    sed -e 's|<type>session</type>|<type>system</type>|' \
        -e "s|<listen>unix:dir=$tmp</listen>|<listen>unix:path=$tmp/system_bus_socket</listen>|" \
        "$tmp/bus.conf" >"$tmp/system-bus.conf"
    dbus-daemon --nofork --config-file="$tmp/system-bus.conf" --print-address=3 \
        3>"$tmp/system-bus.address" >"$tmp/system-dbus.log" 2>&1 &
    pids+=($!)
    wait_for 30 "the private system bus" test -s "$tmp/system-bus.address"
    DBUS_SYSTEM_BUS_ADDRESS=$(head -n1 "$tmp/system-bus.address")
else
    DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/no-system-bus"
fi
export DBUS_SYSTEM_BUS_ADDRESS

# dunst's context menu runs "dmenu" with one line per action,
# "#<label> (<summary>) [<id>,<key>]", and invokes the line it prints back.
# Our stand-in prints the line for the key in $LIMBER_TEST_ACTION.
export LIMBER_TEST_ACTION="$tmp/action"
cat >"$tmp/pick-action" <<EOF
#!/bin/sh
key=\$(cat "$LIMBER_TEST_ACTION")
awk -v want=",\$key]" 'index(\$0, want) && !done { print; done = 1 }'
EOF
chmod +x "$tmp/pick-action"

# The server's default timeout is an hour: longer than any test, so
# notifications stay for the tests to look at, yet not zero, so a test can
# tell (in `dunstctl history`) a notification that asked to stay until
# closed from one that took the server's default.
cat >"$tmp/dunstrc" <<EOF
[global]
    font = Monospace 8
    markup = full
    dmenu = $tmp/pick-action
    history_length = 50
    idle_threshold = 0
    # A routine step's figure beside its text: dunst's built-in
    # max_icon_size is 32, too small to read one; bookworm's own dunstrc
    # says 128, which on a 300 px wide notification leaves the text a
    # narrow column. docs/routine-step.png is drawn with these.
    icon_position = left
    min_icon_size = 32
    max_icon_size = 96
    width = 420
[urgency_low]
    timeout = 3600
[urgency_normal]
    timeout = 3600
[urgency_critical]
    timeout = 3600
EOF
export LIMBER_TEST_DUNSTRC="$tmp/dunstrc"

dunst -config "$LIMBER_TEST_DUNSTRC" >"$tmp/dunst.log" 2>&1 &
pids+=($!)
export LIMBER_TEST_DUNST_PID=$!
has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications |
        grep 'boolean true'
}
wait_for 30 "dunst to own org.freedesktop.Notifications" has_owner

export LIMBER_TEST_DIR="$tmp"
# In the background so that a signal to us stops COMMAND too: bash runs
# traps only once a foreground command is done, but interrupts `wait`.
"$@" &
command_pid=$!
trap 'kill "$command_pid" 2>/dev/null; exit 130' INT
trap 'kill "$command_pid" 2>/dev/null; exit 143' TERM HUP
status=0
wait "$command_pid" || status=$?
exit "$status"
