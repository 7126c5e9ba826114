# SPDX-License-Identifier: MIT
# bash completion for limberctl, limberd and limber-tray.        -*- sh -*-
# Installed once per command name, so bash-completion finds it for each.

# The routine ids the running daemon knows, one a line; nothing at all, and
# quietly, when it is not reachable. $1 is the limberctl that is being
# completed, the rest its --socket option if one was typed. A hung daemon
# must not hang the shell, hence the timeout.
_limberctl_routine_ids()
{
    local ctl=$1
    shift
    type -P "$ctl" &>/dev/null || ctl=limberctl
    timeout 2 "$ctl" "$@" --json routines 2>/dev/null |
        grep -o '"id":"[^"\\]*"' | cut -d'"' -f4
}

_limberctl()
{
    local cur prev words cword split
    _init_completion -s || return

    local verbs="status start next stop snooze skip pause resume routines report events doctor reload speak"
    local i verb="" nargs=0 sub=""
    local -a socket=()
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --socket)
                socket=(--socket "${words[i + 1]}")
                ((i++))
                ;;
            --socket=*) socket=(--socket "${words[i]#--socket=}") ;;
            -*) ;;
            *)
                if [[ -z $verb ]]; then
                    verb=${words[i]}
                else
                    ((nargs++ == 0)) && sub=${words[i]}
                fi
                ;;
        esac
    done

    case $prev in
        --socket | --db | --config | -o | --output)
            _filedir
            return
            ;;
        --format)
            if [[ $verb == report ]]; then
                COMPREPLY=($(compgen -W 'table json csv html' -- "$cur"))
            elif [[ $verb == routines ]]; then
                COMPREPLY=($(compgen -W 'text html json' -- "$cur"))
            else
                COMPREPLY=($(compgen -W 'waybar i3bar plain' -- "$cur"))
            fi
            return
            ;;
        --day | --week | --from | --to)
            [[ $cur == -* ]] || { COMPREPLY=($(compgen -W 'today yesterday' -- "$cur")); return; }
            ;;
        --month)
            [[ $cur == -* ]] || return
            ;;
    esac
    $split && return

    if [[ -z $verb ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--socket --json -h --help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
        fi
        return
    fi

    local opts="--json -h --help --socket"
    case $verb in
        status) opts+=" --follow --format" ;;
        report) opts+=" --day --week --month --from --to --format -o --output --db --config" ;;
        routines)
            opts+=" --format -o --output"
            if [[ $cur != -* ]]; then
                if ((nargs == 0)); then
                    COMPREPLY=($(compgen -W 'show' -- "$cur"))
                elif ((nargs == 1)) && [[ $sub == show ]]; then
                    COMPREPLY=($(compgen -W "$(_limberctl_routine_ids "${words[0]}" "${socket[@]}")" -- "$cur"))
                fi
                return
            fi
            ;;
        start)
            if [[ $cur != -* ]]; then
                ((nargs == 0)) &&
                    COMPREPLY=($(compgen -W "$(_limberctl_routine_ids "${words[0]}" "${socket[@]}")" -- "$cur"))
                return
            fi
            ;;
        speak)
            if [[ $cur != -* ]]; then
                ((nargs == 0)) && COMPREPLY=($(compgen -W 'on off' -- "$cur"))
                return
            fi
            ;;
        snooze | pause)
            if [[ $cur != -* ]]; then
                ((nargs == 0)) && COMPREPLY=($(compgen -W '5m 10m 15m 30m 1h 2h' -- "$cur"))
                return
            fi
            ;;
    esac
    [[ $cur == -* ]] && COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _limberctl limberctl

# limberd and limber-tray: the options in $1, and the values of those that
# take one (the two share --socket and --log-level).
_limber_program()
{
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
        --config)
            _filedir toml
            return
            ;;
        --socket | --db)
            _filedir
            return
            ;;
        --routines-dir)
            _filedir -d
            return
            ;;
        --idle-backend)
            COMPREPLY=($(compgen -W 'auto x11 wayland gnome none' -- "$cur"))
            return
            ;;
        --log-level)
            COMPREPLY=($(compgen -W 'debug info warn error' -- "$cur"))
            return
            ;;
    esac
    $split && return
    COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

_limberd()
{
    _limber_program '--config --socket --db --routines-dir --idle-backend --log-level
        --check-config --version -h --help'
}
complete -F _limberd limberd

_limber_tray()
{
    _limber_program '--socket --log-level --version -h --help'
}
complete -F _limber_tray limber-tray
