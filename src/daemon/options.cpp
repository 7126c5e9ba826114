// SPDX-License-Identifier: MIT
#include "daemon/options.hpp"

#include <algorithm>
#include <array>

#include "util/help.hpp"
#include "util/i18n.hpp"

namespace limber::daemon {

std::string usage() {
    return render_help({
        "limberd [OPTIONS]",
        tr_noop("Limber's daemon: watches input activity, reminds you to stand up and stretch\n"
                "your hamstrings when you have sat too long, and keeps your sitting history.\n"
                "Talk to it with limberctl."),
        {{tr_noop("Options"),
          {{"--config FILE", tr_noop("config file (default $XDG_CONFIG_HOME/limber/config.toml)")},
           {"--socket PATH", tr_noop("control socket (default $XDG_RUNTIME_DIR/limber/limber.sock)")},
           {"--db PATH", tr_noop("history database (default $XDG_DATA_HOME/limber/limber.db)")},
           {"--routines-dir DIR", tr_noop("built-in routines (default: the installed ones)")},
           {"--idle-backend NAME", tr_noop("auto, x11, wayland, gnome or none (default auto: the first\n"
                                           "that works here); a named one that cannot work is an error")},
           {"--log-level LEVEL", tr_noop("debug, info, warn, error, or per area: info,store=debug\n(also LIMBER_LOG)")},
           {"--check-config", tr_noop("check the config and routines, then exit")},
           {"--version", tr_noop("print the version and exit")},
           {"-h, --help", tr_noop("show this help")}}}},
        tr_noop("Exit status: 0 stopped cleanly, 1 failed while running, 2 bad usage or config,\n"
                "3 another limberd is already running on this socket or writing this\n"
                "history file (the message names its pid). A history file that is locked or\n"
                "unreadable is not an exit: limberd reminds without writing history and tries\n"
                "the file again (limberctl status and doctor say so)."),
    });
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    Options o;
    const std::array<std::pair<const char*, std::string Options::*>, 6> valued{{
        {"--config", &Options::config},
        {"--socket", &Options::socket},
        {"--db", &Options::db},
        {"--routines-dir", &Options::routines_dir},
        {"--idle-backend", &Options::idle_backend},
        {"--log-level", &Options::log_level},
    }};
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::string value;
        bool has_value = false;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        if (arg == "-h" || arg == "--help") { o.help = true; continue; }
        if (arg == "--version") { o.version = true; continue; }
        if (arg == "--check-config") { o.check_config = true; continue; }
        const auto it = std::find_if(valued.begin(), valued.end(), [&](const auto& p) { return arg == p.first; });
        if (it == valued.end()) return fail("unknown option '" + args[i] + "' (see limberd --help)");
        if (!has_value) {
            if (i + 1 >= args.size()) return fail(arg + " needs a value (see limberd --help)");
            value = args[++i];
        }
        o.*(it->second) = value;
    }
    static const std::array<const char*, 5> backends{"auto", "x11", "wayland", "gnome", "none"};
    if (std::find(backends.begin(), backends.end(), o.idle_backend) == backends.end())
        return fail("--idle-backend must be one of auto, x11, wayland, gnome, none (not '" + o.idle_backend + "')");
    return o;
}

}  // namespace limber::daemon
