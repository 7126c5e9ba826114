// SPDX-License-Identifier: MIT
#include "daemon/history_file.hpp"

#include <algorithm>
#include <ctime>
#include <variant>

#include "daemon/daemon.hpp"
#include "store/file_check.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

// SQLite's own busy timeout is in the open; the diagnosis after a failed open
// waits once more so a lock released meanwhile is not called a problem.
constexpr int kStartBusyTimeoutMs = 2000;

// A file that cannot be used is tried again after 1 s, 2 s, 4 s... up to a
// minute: a held transaction usually ends in seconds, a chmod takes a person.
constexpr Millis kFirstRetry{1000};
constexpr Millis kMaxRetry{60'000};

std::string timestamp_suffix() {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &local);
    return buf;
}

// The open store, or why there is none ("<path>: <reason>").
std::variant<store::Store, std::string> try_open(const std::string& path, int busy_timeout_ms) {
    auto opened = store::Store::open(path, store::Mode::read_write);
    if (opened) return std::move(*opened);
    const store::Diagnosis found = store::diagnose(path, busy_timeout_ms);
    if (found.trouble == store::FileTrouble::none) return opened.error().message;  // e.g. a newer schema
    if (found.trouble != store::FileTrouble::damaged) return found.why;

    auto aside = store::move_aside(path, timestamp_suffix());
    if (!aside) return found.why + "; " + aside.error().message;
    log::get("store")->error("{}; moved it to {} and started a new history", found.why, *aside);
    auto fresh = store::Store::open(path, store::Mode::read_write);
    if (!fresh) return fresh.error().message;
    return std::move(*fresh);
}

}  // namespace

History open_history(const std::string& path) {
    auto opened = try_open(path, kStartBusyTimeoutMs);
    if (auto* store = std::get_if<store::Store>(&opened)) return History(std::move(*store));
    const std::string& problem = std::get<std::string>(opened);
    log::get("store")->error("not writing history for now: {} (will try again)", problem);
    return History(problem);
}

bool reopen_history(History& history, const std::string& path, std::optional<Millis> sitting_since_wall) {
    // Checked first without waiting: a lock still held costs nothing.
    const store::Diagnosis now = store::diagnose(path, 0);
    if (now.trouble == store::FileTrouble::busy || now.trouble == store::FileTrouble::unreadable) {
        history.set_problem(now.why);
        return false;
    }
    auto opened = try_open(path, 0);
    if (auto* problem = std::get_if<std::string>(&opened)) {
        history.set_problem(*problem);
        return false;
    }
    history.attach(std::move(std::get<store::Store>(opened)), sitting_since_wall);
    log::get("store")->info("writing history to {} again", path);
    return true;
}

void Daemon::retry_history_later() {
    if (history_.writing() || stopping_) return;
    history_retry_.expires_after(std::chrono::milliseconds(history_backoff_.count()));
    history_retry_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        const std::string before = history_.problem();
        if (reopen_history(history_, db_path_, engine_.status(clock_.now()).sitting_since_wall)) {
            history_backoff_ = kFirstRetry;
            settle();  // status no longer reports the problem
            return;
        }
        if (history_.problem() != before) {
            log::get("store")->warn("still not writing history: {}", history_.problem());
            settle();
        }
        history_backoff_ = std::min(history_backoff_ * 2, kMaxRetry);
        retry_history_later();
    });
}

}  // namespace limber::daemon
