#!/bin/sh
# SPDX-License-Identifier: MIT
# scdoc.sh SCDOC IN OUT: IN through scdoc into OUT, failing on any message.
# scdoc exits 0 after some warnings; a page that warned is not installed.
set -u
scdoc=$1 in=$2 out=$3
messages=$("$scdoc" <"$in" 2>&1 >"$out.tmp")
status=$?
if [ "$status" -ne 0 ] || [ -n "$messages" ]; then
    printf '%s: %s\n' "$in" "${messages:-scdoc failed (exit $status)}" >&2
    rm -f "$out.tmp"
    exit 1
fi
mv "$out.tmp" "$out"
