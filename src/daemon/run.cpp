// limberd from start to exit: each step that can fail says what and exits
// with the documented status.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include <fmt/core.h>  // not <iostream>: see main.cpp

#include "config/paths.hpp"
#include "daemon/daemon.hpp"
#include "ipc/server.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRunning = 3;

std::string timestamp_suffix() {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &local);
    return buf;
}

// A database that cannot be opened is moved aside, never deleted, and a new
// one is started: tracking goes on and the old file can still be rescued.
Result<store::Store> open_history(const std::string& path) {
    auto opened = store::Store::open(path, store::Mode::read_write);
    if (opened || !std::filesystem::exists(path)) return opened;
    const std::string aside = path + ".corrupt-" + timestamp_suffix();
    std::error_code ec;
    std::filesystem::rename(path, aside, ec);
    if (ec) return fail(opened.error().message + "; and it could not be moved aside: " + ec.message());
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::rename(path + suffix, aside + suffix, ec);
    log::get("store")->error("{}; moved it to {} and started a new history", opened.error().message, aside);
    return store::Store::open(path, store::Mode::read_write);
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
        fmt::print(stderr, "limberd: another limberd is already running on {}\n", socket_path);
        return kExitRunning;
    }

    const std::string db_path = options.db.empty() ? paths::database() : options.db;
    auto store = open_history(db_path);
    if (!store) {
        fmt::print(stderr, "limberd: {}\n", store.error().message);
        return kExitFailed;
    }

    boost::asio::io_context io;
    Daemon daemon(io, options, std::move(*loaded), History(std::move(*store)));
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
