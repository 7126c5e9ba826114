// SPDX-License-Identifier: MIT
#include "desktop/logind_session.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>
#include <tuple>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>

#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kService = "org.freedesktop.login1";
constexpr const char* kPath = "/org/freedesktop/login1";
constexpr const char* kManager = "org.freedesktop.login1.Manager";
constexpr const char* kSession = "org.freedesktop.login1.Session";
constexpr const char* kProperties = dbus::kPropertiesInterface;

using Changed = std::map<std::string, sdbus::Variant>;
using Inhibitor = sdbus::Struct<std::string, std::string, std::string, std::string, std::uint32_t, std::uint32_t>;

// logind's inhibitor lists are colon-separated: "sleep:idle:handle-lid-switch".
bool has_word(const std::string& list, const std::string& word) {
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ':'))
        if (item == word) return true;
    return false;
}

sdbus::Variant get_property(sdbus::IProxy& proxy, const char* interface, const char* name) {
    sdbus::Variant value;
    proxy.callMethod("Get").onInterface(kProperties).withArguments(std::string(interface), std::string(name))
        .withTimeout(dbus::kCallTimeout).storeResultsTo(value);
    return value;
}

}  // namespace

LogindSession::LogindSession(dbus::AsioBus& bus, SessionListener& listener) : bus_(bus), listener_(listener) {}

LogindSession::~LogindSession() { alive_.reset(); }

Result<std::unique_ptr<LogindSession>> LogindSession::create(dbus::AsioBus& bus, SessionListener& listener) {
    std::unique_ptr<LogindSession> self(new LogindSession(bus, listener));
    self->manager_ = sdbus::createProxy(bus.connection(), kService, kPath);
    try {
        // Any call starts logind if it is activatable; Peer.Ping needs nothing else from it.
        self->manager_->callMethod("Ping").onInterface("org.freedesktop.DBus.Peer").withTimeout(dbus::kCallTimeout)
            .storeResultsTo();
    } catch (const sdbus::Error& e) {
        if (e.getName() == "org.freedesktop.DBus.Error.ServiceUnknown" ||
            e.getName() == "org.freedesktop.DBus.Error.NameHasNoOwner")
            return fail("org.freedesktop.login1 is not on the system bus (no systemd-logind here)");
        return fail("logind does not answer: " + e.getMessage());
    }
    try {
        self->find_session();
        self->watch_session();
        self->watch_manager();
    } catch (const sdbus::Error& e) {
        return fail("cannot watch logind: " + e.getMessage());
    }
    self->take_inhibitor();
    // Read the state from the loop, so that the listener hears of a screen
    // that is locked already only once the daemon is running.
    boost::asio::post(bus.executor(), [self = self.get(), alive = std::weak_ptr<bool>(self->alive_)] {
        if (!alive.expired()) self->read_state();
    });
    return self;
}

void LogindSession::find_session() {
    // "auto" is the caller's session, or else the user's graphical one:
    // right for a systemd user service, which runs outside any session. The
    // path it returns is the real one ("/org/freedesktop/login1/session/_32"),
    // not ".../session/auto".
    const auto lookup = [&](const std::string& how, const std::string& method, auto argument) {
        if (!session_path_.empty()) return;
        try {
            sdbus::ObjectPath path;
            manager_->callMethod(method).onInterface(kManager).withArguments(argument)
                .withTimeout(dbus::kCallTimeout).storeResultsTo(path);
            session_path_ = path;
            session_how_ = how;
        } catch (const sdbus::Error& e) {
            session_error_ += (session_error_.empty() ? "" : "; ") + how + ": " + e.getMessage();
        }
    };
    lookup("GetSession(\"auto\")", "GetSession", std::string("auto"));
    if (const char* id = std::getenv("XDG_SESSION_ID"); id != nullptr && *id != '\0')
        lookup(std::string("XDG_SESSION_ID=") + id, "GetSession", std::string(id));
    const auto pid = static_cast<std::uint32_t>(getpid());
    lookup("GetSessionByPID(" + std::to_string(pid) + ")", "GetSessionByPID", pid);
    if (!session_path_.empty()) {
        log::get("session")->info("logind session {} (found with {})", session_path_, session_how_);
    } else {
        log::get("session")->info("no logind session for this process, so no lock from logind: {}", session_error_);
    }
}

void LogindSession::watch_session() {
    if (session_path_.empty()) return;
    session_ = sdbus::createProxy(bus_.connection(), kService, session_path_);
    const auto rule = dbus::signal_rule(kService, session_path_, kProperties, "PropertiesChanged", kSession);
    slots_.push_back(dbus::on_signal(bus_.connection(), rule, "session", "logind LockedHint", [this](sdbus::Message& m) {
        std::string interface;
        Changed changed;
        std::vector<std::string> invalidated;
        m >> interface >> changed >> invalidated;
        if (const auto it = changed.find("LockedHint"); it != changed.end()) {
            set_locked(it->second.get<bool>());
        } else if (std::find(invalidated.begin(), invalidated.end(), "LockedHint") != invalidated.end()) {
            set_locked(get_property(*session_, kSession, "LockedHint").get<bool>());
        }
    }));
}

void LogindSession::watch_manager() {
    auto& c = bus_.connection();
    slots_.push_back(dbus::on_signal(c, dbus::signal_rule(kService, kPath, kManager, "PrepareForSleep"), "session",
                                     "logind PrepareForSleep", [this](sdbus::Message& m) {
                                         bool start = false;
                                         m >> start;
                                         on_prepare_for_sleep(start);
                                     }));
    slots_.push_back(dbus::on_signal(c, dbus::signal_rule(kService, kPath, kProperties, "PropertiesChanged", kManager),
                                     "session", "logind BlockInhibited", [this](sdbus::Message& m) {
                                         std::string interface;
                                         Changed changed;
                                         std::vector<std::string> invalidated;
                                         m >> interface >> changed >> invalidated;
                                         if (const auto it = changed.find("BlockInhibited"); it != changed.end())
                                             set_block_inhibited(it->second.get<std::string>());
                                     }));
    // logind restarted (an upgrade): it forgot our inhibitor.
    slots_.push_back(dbus::watch_owner(c, kService, [this](const std::string& owner) {
        if (owner.empty()) {
            log::get("session")->warn("logind left the system bus");
            inhibitor_.reset();
            return;
        }
        log::get("session")->info("logind is back on the system bus");
        take_inhibitor();
        read_state();
    }));
}

void LogindSession::read_state() {
    if (!lost_.empty()) return;
    if (session_) {
        try {
            set_locked(get_property(*session_, kSession, "LockedHint").get<bool>());
        } catch (const std::exception& e) {
            log::get("session")->warn("logind LockedHint: {}", e.what());
        }
    }
    try {
        set_block_inhibited(get_property(*manager_, kManager, "BlockInhibited").get<std::string>());
        inhibited_error_.clear();
    } catch (const sdbus::Error& e) {
        inhibited_error_ = "cannot read BlockInhibited: " + e.getMessage();
        log::get("session")->info("logind: {}", inhibited_error_);
    }
    bus_.process();
}

void LogindSession::take_inhibitor() {
    if (inhibitor_.isValid() || !lost_.empty()) return;
    manager_->callMethodAsync("Inhibit").onInterface(kManager)
        .withArguments(std::string("sleep"), std::string("Limber"), std::string("record the break before sleeping"),
                       std::string("delay"))
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, sdbus::UnixFd fd) {
            if (alive.expired()) return;
            if (e != nullptr) {
                inhibitor_error_ = e->getMessage();
                log::get("session")->warn("logind refused a sleep delay inhibitor ({}); a suspend is still seen, "
                                          "but the sitting before it is written down only after resume",
                                          inhibitor_error_);
                return;
            }
            inhibitor_ = std::move(fd);
            inhibitor_error_.clear();
            log::get("session")->debug("holding a sleep delay inhibitor (fd {})", inhibitor_.get());
        });
    bus_.process();
}

void LogindSession::on_prepare_for_sleep(bool start) {
    auto log = log::get("session");
    if (start) {
        log->info("logind: the machine is going to sleep");
        listener_.on_prepare_sleep();
        // Written down: closing our end tells logind it may go on.
        inhibitor_.reset();
    } else {
        log->info("logind: the machine woke up");
        listener_.on_resumed();
        take_inhibitor();
    }
}

void LogindSession::set_locked(bool locked) {
    if (locked == locked_) return;
    locked_ = locked;
    log::get("session")->info("logind: the session is {}", locked ? "locked" : "unlocked");
    if (locked) {
        listener_.on_locked();
    } else {
        listener_.on_unlocked();
    }
}

void LogindSession::set_block_inhibited(const std::string& what) {
    if (!has_word(what, "idle")) {
        if (idle_inhibited_) log::get("session")->info("logind: no idle inhibitor any more");
        clear_idle_inhibited();
        return;
    }
    // Who holds it, for people; the state itself does not wait for this.
    manager_->callMethodAsync("ListInhibitors").onInterface(kManager).withTimeout(dbus::kCallTimeout).uponReplyInvoke(
        [this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, std::vector<Inhibitor> list) {
            if (alive.expired()) return;
            std::string by;
            if (e == nullptr) {
                for (const auto& i : list) {
                    if (std::get<3>(i) != "block" || !has_word(std::get<0>(i), "idle")) continue;
                    const std::string& who = std::get<1>(i);
                    const std::string& why = std::get<2>(i);
                    by += (by.empty() ? "" : ", ") + who + (why.empty() ? "" : ": " + why);
                }
            }
            if (idle_inhibited_ && by == inhibited_by_) return;
            idle_inhibited_ = true;
            inhibited_by_ = by;
            log::get("session")->info("logind: idle is inhibited{}", by.empty() ? "" : " by " + by);
            listener_.on_inhibitors_changed(true, inhibited_by_);
        });
    bus_.process();
}

void LogindSession::lost(const std::string& why) {
    lost_ = why;
    inhibitor_.reset();
    set_locked(false);
    clear_idle_inhibited();
}

void LogindSession::clear_idle_inhibited() {
    if (!idle_inhibited_) return;
    idle_inhibited_ = false;
    inhibited_by_.clear();
    listener_.on_inhibitors_changed(false, "");
}

std::vector<Probe> LogindSession::probes() const {
    std::vector<Probe> out;
    Probe lock{"lock", "logind", false, {}};
    if (!lost_.empty()) {
        lock.why = lost_;
    } else if (session_path_.empty()) {
        lock.why = "no logind session for this process: " + session_error_;
    } else {
        lock.used = true;
        lock.why = "LockedHint of " + session_path_ + " (found with " + session_how_ + ")" +
                   (locked_ ? "; locked now" : "");
    }
    out.push_back(lock);

    Probe sleep{"sleep", "logind", lost_.empty(), {}};
    if (!lost_.empty()) {
        sleep.why = lost_;
    } else if (inhibitor_.isValid()) {
        sleep.why = "PrepareForSleep, holding a delay inhibitor: the sitting is written down before the machine sleeps";
    } else if (!inhibitor_error_.empty()) {
        sleep.why = "PrepareForSleep without a delay inhibitor (" + inhibitor_error_ +
                    "): the break is recorded after resume";
    } else {
        sleep.why = "PrepareForSleep; the delay inhibitor is released while the machine sleeps";
    }
    out.push_back(sleep);

    Probe inhibitors{"inhibitors", "logind", lost_.empty() && inhibited_error_.empty(), {}};
    if (!lost_.empty()) {
        inhibitors.why = lost_;
    } else if (!inhibited_error_.empty()) {
        inhibitors.why = inhibited_error_;
    } else if (idle_inhibited_) {
        inhibitors.why = "BlockInhibited: idle is inhibited" + (inhibited_by_.empty() ? "" : " by " + inhibited_by_);
    } else {
        inhibitors.why = "BlockInhibited: no idle inhibitor now";
    }
    out.push_back(inhibitors);
    return out;
}

}  // namespace limber::desktop
