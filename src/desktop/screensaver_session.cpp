// SPDX-License-Identifier: MIT
#include "desktop/screensaver_session.hpp"

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>

#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {

ScreenSaverSession::ScreenSaverSession(dbus::AsioBus& bus, SessionListener& listener, std::string service)
    : bus_(bus), listener_(listener), service_(std::move(service)) {}

ScreenSaverSession::~ScreenSaverSession() { alive_.reset(); }

std::unique_ptr<ScreenSaverSession> ScreenSaverSession::create(dbus::AsioBus& bus, SessionListener& listener,
                                                               std::string service, std::string path) {
    std::unique_ptr<ScreenSaverSession> self(
        new ScreenSaverSession(bus, listener, std::move(service)));
    ScreenSaverSession& s = *self;
    auto& c = bus.connection();
    try {
        s.proxy_ = sdbus::createProxy(c, s.service_, path);
        // Any path: KDE emits it on /ScreenSaver and /org/freedesktop/ScreenSaver.
        s.slots_.push_back(dbus::on_signal(c, dbus::signal_rule(s.service_, "", s.service_, "ActiveChanged"),
                                           "session", s.service_ + " ActiveChanged", [&s](sdbus::Message& m) {
                                               bool active = false;
                                               m >> active;
                                               s.set_active(active);
                                           }));
        s.slots_.push_back(dbus::watch_owner(c, s.service_, [&s](const std::string& owner) {
            s.running_ = !owner.empty();
            log::get("session")->debug("{} {}", s.service_, s.running_ ? "appeared" : "went away");
            if (s.running_) {
                s.ask_active();
            } else {
                s.set_active(false);  // it cannot tell us any more; do not hold a lock forever
            }
        }));
        s.running_ = dbus::has_owner(c, s.service_);
    } catch (const sdbus::Error& e) {
        s.error_ = e.getMessage();
        log::get("session")->info("cannot watch {}: {}", s.service_, s.error_);
        return self;
    }
    // Not GetActive on a name nobody owns: the bus could start a screen
    // saver just because we asked.
    if (s.running_) {
        boost::asio::post(bus.executor(), [&s, alive = std::weak_ptr<bool>(s.alive_)] {
            if (!alive.expired()) s.ask_active();
        });
    }
    return self;
}

void ScreenSaverSession::ask_active() {
    proxy_->callMethodAsync("GetActive").onInterface(service_).withTimeout(dbus::kCallTimeout).uponReplyInvoke(
        [this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, bool active) {
            if (alive.expired()) return;
            if (e != nullptr) {
                // GNOME's org.freedesktop.ScreenSaver proxy only inhibits; the signal is what counts.
                log::get("session")->debug("{}.GetActive: {}", service_, e->getMessage());
                return;
            }
            set_active(active);
        });
    bus_.process();
}

void ScreenSaverSession::set_active(bool active) {
    if (active == active_) return;
    active_ = active;
    log::get("session")->info("{}: the screen saver is {}", service_, active ? "active" : "off");
    if (active) {
        listener_.on_locked();
    } else {
        listener_.on_unlocked();
    }
}

void ScreenSaverSession::lost(const std::string& why) {
    error_ = why;
    running_ = false;
    set_active(false);
}

std::vector<Probe> ScreenSaverSession::probes() const {
    Probe p{"lock", service_, error_.empty(), {}};
    if (!error_.empty()) {
        p.why = error_;
    } else if (running_) {
        p.why = "ActiveChanged on the session bus; running now" + std::string(active_ ? ", active" : "");
    } else {
        p.why = "ActiveChanged on the session bus; not running now, listening in case it starts";
    }
    return {p};
}

}  // namespace limber::desktop
