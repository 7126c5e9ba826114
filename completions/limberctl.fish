# SPDX-License-Identifier: MIT
# fish completion for limberctl.

# The routine ids the running daemon knows; nothing at all, and quietly,
# when it is not reachable. Uses the limberctl being completed and its
# --socket, if one was typed. A hung daemon must not hang the shell.
function __limberctl_routine_ids
    set -l tokens (commandline -opc)
    set -l ctl $tokens[1]
    command -q $ctl; or set ctl limberctl
    set -l socket
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --socket
                set socket --socket $tokens[(math $i + 1)]
            case '--socket=*'
                set socket --socket (string replace -- --socket= '' $tokens[$i])
        end
    end
    timeout 2 $ctl $socket --json routines 2>/dev/null | string match -rag '"id":"([^"\\\\]*)"'
end

# True while the verb (one of $argv) has no argument yet: start, snooze and
# pause take at most one, and so does routines show.
function __limberctl_needs_arg
    set -l tokens (commandline -opc)
    set -l seen 0
    for t in $tokens[2..-1]
        if test $seen = 1
            string match -q -- '-*' $t; or return 1
        else if contains -- $t $argv
            set seen 1
        end
    end
    test $seen = 1
end

set -l verbs_what 'status:state, sitting time, next reminder' \
        'start:start a stretching routine' \
        'next:go to the next step of the running routine' \
        'stop:stop the running routine' \
        'snooze:remind me again later' \
        'skip:dismiss the current reminder' \
        'pause:no reminders for a while, or until resume' \
        'resume:reminders again' \
        'routines:the routines that can be started, or one step by step' \
        'report:sitting time per day, from the history' \
        "events:follow the daemon's events" \
        'doctor:every activity, lock and sleep source and the notifier' \
        'reload:re-read the config and routines' \
        'speak:say each routine step aloud, or stop'
set -l verbs (string replace -r ':.*' '' -- $verbs_what)
set -l no_verb "not __fish_seen_subcommand_from $verbs"

complete -c limberctl -f
for verb in $verbs_what
    set -l name_what (string split -m 1 : $verb)
    complete -c limberctl -n $no_verb -a $name_what[1] -d $name_what[2]
end

complete -c limberctl -l socket -r -F -d "the daemon's socket"
complete -c limberctl -l json -d 'print the answer as JSON'
complete -c limberctl -s h -l help -d 'show the help (of a command, after it)'
complete -c limberctl -n $no_verb -l version -d 'print the version'

complete -c limberctl -n '__fish_seen_subcommand_from status' -l follow -d 'one line per change, for status bars'
complete -c limberctl -n '__fish_seen_subcommand_from status' -l format -x -a 'waybar i3bar plain' -d "the feed's format"

complete -c limberctl -n '__limberctl_needs_arg start' -a '(__limberctl_routine_ids)' -d routine
complete -c limberctl -n '__limberctl_needs_arg snooze pause' -a '5m 10m 15m 30m 1h 2h' -d duration
complete -c limberctl -n '__limberctl_needs_arg speak' -a 'on off' -d 'say the steps aloud'

set -l routines '__fish_seen_subcommand_from routines'
complete -c limberctl -n "$routines; and not __fish_seen_subcommand_from show" -a show -d 'one routine step by step, or as a printable page'
complete -c limberctl -n "$routines; and __limberctl_needs_arg show" -a '(__limberctl_routine_ids)' -d routine
complete -c limberctl -n $routines -l format -x -a 'text html json' -d 'with show: output format'
complete -c limberctl -n $routines -s o -l output -r -F -d 'with show: write to FILE'

set -l report '__fish_seen_subcommand_from report'
complete -c limberctl -n $report -l day -d 'one day (default today)' -a 'today yesterday'
complete -c limberctl -n $report -l week -d 'the week holding DATE' -a 'today yesterday'
complete -c limberctl -n $report -l month -d 'a calendar month (YYYY-MM)'
complete -c limberctl -n $report -l from -x -d 'first day' -a 'today yesterday'
complete -c limberctl -n $report -l to -x -d 'last day' -a 'today yesterday'
complete -c limberctl -n $report -l format -x -a 'table json csv html' -d 'output format'
complete -c limberctl -n $report -s o -l output -r -F -d 'write to FILE'
complete -c limberctl -n $report -l db -r -F -d 'the history file'
complete -c limberctl -n $report -l config -r -F -d 'the config to measure against'
