// SPDX-License-Identifier: MIT
// limberd from start to exit: each step that can fail says what and exits
// with the documented status.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <fmt/core.h>  // not <iostream>: see main.cpp

#include "config/paths.hpp"
#include "daemon/daemon.hpp"
#include "daemon/history_file.hpp"
#include "ipc/server.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRunning = 3;

std::string held_by(const std::string& path) {
    const long pid = ipc::InstanceLock::holder(path);
    return pid > 0 ? " (pid " + std::to_string(pid) + ")" : "";
}

// What --check-config looked at: "valid" means little without it (a
// config file in the wrong place is valid because it was never read).
void print_what_was_read(const Options& options, const Loaded& loaded) {
    namespace fs = std::filesystem;
    const std::string config = config_path(options);
    std::error_code ec;
    if (fs::exists(config, ec)) fmt::print("config: read {}\n", config);
    else fmt::print("config: no file at {}; the built-in defaults apply\n", config);
    for (const std::string& dir : routine_dirs(options)) {
        if (!fs::is_directory(dir, ec)) {
            fmt::print("routines: no directory {}\n", dir);
            continue;
        }
        std::string names;
        auto add = [&](const std::string& file, const char* note) {
            if (fs::path(dir) / fs::path(file).filename() != fs::path(file)) return;
            names += (names.empty() ? "" : ", ") + fs::path(file).filename().string() + note;
        };
        for (const auto& file : loaded.read) add(file, "");
        for (const auto& skipped : loaded.skipped) add(skipped.file, " (skipped)");
        fmt::print("routines: {} in {}\n", names.empty() ? "no files" : names, dir);
    }
}

}  // namespace

int run(const Options& options) {
    const std::string level = log::chosen_spec(options.log_level);
    if (!log::configure(level)) {
        fmt::print(stderr, "limberd: --log-level: cannot read '{}' (try debug, info or info,store=debug)\n", level);
        return kExitUsage;
    }

    auto loaded = load_everything(options);
    if (!loaded) {
        fmt::print(stderr, "limberd: {}\n", loaded.error().message);
        return kExitUsage;
    }
    if (options.check_config) {
        // A validator: a file the daemon would skip is still an error here.
        for (const auto& skipped : loaded->skipped) fmt::print(stderr, "limberd: {}\n", skipped.error);
        print_what_was_read(options, *loaded);
        if (!loaded->skipped.empty()) return kExitUsage;
        fmt::print("config and {} routines are valid\n", loaded->routines.size());
        return 0;
    }
    log_skipped(loaded->skipped);

    std::string socket_path = options.socket;
    if (socket_path.empty()) {
        auto p = paths::socket();
        if (!p) {
            fmt::print(stderr, "limberd: {}\n", p.error().message);
            return kExitUsage;
        }
        socket_path = *p;
    }
    auto lock = ipc::InstanceLock::acquire(socket_path);
    if (!lock) {
        fmt::print(stderr, "limberd: {}\n", lock.error().message);
        return kExitFailed;
    }
    if (!*lock) {
        fmt::print(stderr, "limberd: another limberd{} is already running on {}\n", held_by(socket_path), socket_path);
        return kExitRunning;
    }

    // The history's own lock: two daemons on two sockets must not both
    // write one file (each would close the other's spans).
    const std::string db_path = options.db.empty() ? paths::database() : options.db;
    auto data_lock = ipc::InstanceLock::acquire(db_path);
    if (!data_lock) {
        fmt::print(stderr, "limberd: {}\n", data_lock.error().message);
        return kExitFailed;
    }
    if (!*data_lock) {
        fmt::print(stderr, "limberd: another limberd{} is already writing the history {}\n", held_by(db_path), db_path);
        return kExitRunning;
    }

    boost::asio::io_context io;
    Daemon daemon(io, options, std::move(*loaded), open_history(db_path));
    if (auto started = daemon.start(socket_path); !started) {
        fmt::print(stderr, "limberd: {}\n", started.error().message);
        return daemon.exit_code() != 0 ? daemon.exit_code() : kExitFailed;
    }
    // A handler that throws must not take the history and the user's
    // reminders with it: log it and carry on with the next event.
    for (;;) {
        try {
            io.run();
            break;
        } catch (const std::exception& e) {
            log::get("daemon")->error("unexpected error, carrying on: {}", e.what());
        }
    }
    return daemon.exit_code();
}

}  // namespace limber::daemon
