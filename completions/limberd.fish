# SPDX-License-Identifier: MIT
# fish completion for limberd.
complete -c limberd -f
complete -c limberd -l config -r -F -d 'config file'
complete -c limberd -l socket -r -F -d 'control socket'
complete -c limberd -l db -r -F -d 'history database'
complete -c limberd -l routines-dir -x -a '(__fish_complete_directories)' -d 'built-in routines'
complete -c limberd -l idle-backend -x -a 'auto x11 wayland gnome none' -d 'where activity comes from'
complete -c limberd -l log-level -x -a 'debug info warn error' -d 'log level, or per area as info,store=debug'
complete -c limberd -l check-config -d 'check the config and routines, then exit'
complete -c limberd -l version -d 'print the version'
complete -c limberd -s h -l help -d 'show the help'
