# SPDX-License-Identifier: MIT
# fish completion for limber-tray.
complete -c limber-tray -f
complete -c limber-tray -l socket -r -F -d "limberd's socket"
complete -c limber-tray -l log-level -x -a 'debug info warn error' -d 'log level'
complete -c limber-tray -l version -d 'print the version'
complete -c limber-tray -s h -l help -d 'show the help'
