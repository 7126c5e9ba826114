// SPDX-License-Identifier: MIT
#include "tray/run.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>

#include <boost/asio/signal_set.hpp>
#include <sdbus-c++/Error.h>

#include "config/paths.hpp"
#include "dbus/asio_bus.hpp"
#include "tray/tray.hpp"
#include "util/help.hpp"
#include "util/i18n.hpp"
#include "util/log.hpp"

namespace limber::tray {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// Installed icons when there are some, else the source tree's (a run from
// the build directory). Hosts look there before their own theme search.
std::string icon_theme_path() {
    const std::filesystem::path installed = LIMBER_ICONS_DIR;
    if (std::filesystem::exists(installed / "hicolor/scalable/status/limber-fresh.svg")) return installed.string();
    return LIMBER_SOURCE_ICONS_DIR;
}

}  // namespace

std::string usage() {
    return render_help({
        "limber-tray [OPTIONS]",
        tr_noop("Limber's tray icon: shows whether you have sat too long, and starts,\n"
                "snoozes, skips and pauses from the panel. Needs a panel that hosts\n"
                "StatusNotifierItems (KDE, XFCE, waybar, GNOME with AppIndicator support)."),
        {{tr_noop("Options"),
          {{"--socket PATH", tr_noop("limberd's socket (default $XDG_RUNTIME_DIR/limber/limber.sock)")},
           {"--log-level LEVEL", tr_noop("debug, info, warn, error, or per area (also LIMBER_LOG)")},
           {"--version", tr_noop("print the version and exit")},
           {"-h, --help", tr_noop("show this help")}}}},
        tr_noop("Exit status: 0 after \"Quit tray\" or SIGTERM/SIGINT, 1 the session bus is\n"
                "not there or went away, 2 bad usage."),
    });
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        // "--socket PATH" or "--socket=PATH", as limberd and limberctl take them.
        std::string a = args[i];
        std::optional<std::string> inline_value;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = a.substr(eq + 1);
            a.resize(eq);
        }
        auto value = [&](std::string& into) -> Result<void> {
            if (inline_value) into = *inline_value;
            else if (i + 1 >= args.size()) return fail(a + " needs a value (see limber-tray --help)");
            else into = args[++i];
            return {};
        };
        Result<void> ok;
        if (a == "--socket") ok = value(o.socket);
        else if (a == "--log-level") ok = value(o.log_level);
        else if (a == "-h" || a == "--help") o.help = true;
        else if (a == "--version") o.version = true;
        else return fail("unknown option '" + args[i] + "' (see limber-tray --help)");
        if (!ok) return ok.error();
    }
    return o;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = parse_options(args);
    if (!options) {
        err << "limber-tray: " << options.error().message << '\n';
        return kExitUsage;
    }
    if (options->help) {
        out << usage();
        return 0;
    }
    if (options->version) {
        out << version_line("limber-tray");
        return 0;
    }
    const std::string level = log::chosen_spec(options->log_level);
    if (!log::configure(level)) {
        err << "limber-tray: --log-level: cannot read '" << level << "' (try debug or info)\n";
        return kExitUsage;
    }
    std::string socket = options->socket;
    if (socket.empty()) {
        auto path = paths::socket();
        if (!path) {
            err << "limber-tray: " << path.error().message << '\n';
            return kExitUsage;
        }
        socket = *path;
    }

    // The name the StatusNotifierItem spec asks for: unique per process.
    const std::string service = "org.kde.StatusNotifierItem-" + std::to_string(::getpid()) + "-1";
    boost::asio::io_context io;
    std::unique_ptr<dbus::AsioBus> bus;
    try {
        bus = std::make_unique<dbus::AsioBus>(io, sdbus::createSessionBusConnection(service));
    } catch (const sdbus::Error& e) {
        err << "limber-tray: cannot use the session bus: " << e.getMessage() << '\n';
        return kExitFailed;
    }
    int status = 0;
    bus->on_lost([&](const std::string& why) {
        log::get("tray")->error("{}; exiting", why);
        status = kExitFailed;
        io.stop();
    });
    // Not ignored (a parent may have left it so): launch.cpp waits for each
    // child it starts, on its pidfd, to tell the user when one failed.
    std::signal(SIGCHLD, SIG_DFL);
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const boost::system::error_code& ec, int) {
        if (!ec) io.stop();
    });

    try {
        Tray tray(io, *bus, {socket, service, icon_theme_path()}, [&io] { io.stop(); });
        tray.start();
        io.run();
    } catch (const std::exception& e) {
        // sdbus-c++ throws when the bus refuses an object or a match.
        err << "limber-tray: " << e.what() << '\n';
        return kExitFailed;
    }
    return status;
}

}  // namespace limber::tray
