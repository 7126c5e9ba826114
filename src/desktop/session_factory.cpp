// SPDX-License-Identifier: MIT
#include "desktop/session_factory.hpp"

#include <algorithm>
#include <utility>

#include <sdbus-c++/Error.h>

#include "dbus/asio_bus.hpp"
#include "desktop/server_dnd.hpp"
#include "desktop/xfconf_dnd.hpp"
#include "desktop/logind_session.hpp"
#include "desktop/screensaver_session.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

// Each is started, and each is listed in doctor: KDE and XFCE, GNOME Shell.
// (A notification server's do-not-disturb: dunst, KDE Plasma.)
constexpr const DndProperty* kServers[] = {&kDunstPaused, &kPlasmaInhibited};
constexpr std::pair<const char*, const char*> kScreenSavers[] = {
    {"org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"},
    {"org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"},
};

}  // namespace

// One per source: remembers that source's lock, passes the rest through.
struct Sessions::Vote final : SessionListener {
    Sessions& hub;
    bool locked = false;
    explicit Vote(Sessions& h) : hub(h) {}
    void on_locked() override {
        locked = true;
        hub.recount();
    }
    void on_unlocked() override {
        locked = false;
        hub.recount();
    }
    void on_prepare_sleep() override { hub.listener_.on_prepare_sleep(); }
    void on_resumed() override { hub.listener_.on_resumed(); }
    void on_inhibitors_changed(bool inhibited, const std::string& by) override {
        hub.listener_.on_inhibitors_changed(inhibited, by);
    }
};

Sessions::Sessions(SessionListener& listener) : listener_(listener) {}

Sessions::~Sessions() = default;

SessionListener& Sessions::vote() {
    votes_.push_back(std::make_unique<Vote>(*this));
    return *votes_.back();
}

void Sessions::recount() {
    const bool any = std::any_of(votes_.begin(), votes_.end(), [](const auto& v) { return v->locked; });
    if (any == locked_) return;
    locked_ = any;
    if (any) {
        listener_.on_locked();
    } else {
        listener_.on_unlocked();
    }
}

std::unique_ptr<Sessions> Sessions::create(boost::asio::io_context& io, SessionListener& listener,
                                           BusyVotes& busy, const CurrentDesktop& desktop) {
    std::unique_ptr<Sessions> self(new Sessions(listener));
    Sessions& s = *self;
    auto log = log::get("session");

    // sd-bus honours DBUS_SYSTEM_BUS_ADDRESS, as the tests' private bus needs.
    try {
        s.system_ = std::make_unique<dbus::AsioBus>(io, sdbus::createSystemBusConnection());
    } catch (const sdbus::Error& e) {
        s.system_error_ = "no system bus: " + e.getMessage();
    }
    if (s.system_) {
        if (auto logind = LogindSession::create(*s.system_, s.vote())) {
            s.logind_ = std::move(logind).value();
        } else {
            s.system_error_ = logind.error().message;
            s.system_.reset();  // nothing else of ours lives on the system bus
        }
    }
    if (s.system_) {
        s.system_->on_lost([&s](const std::string& why) {
            s.system_error_ = "the system bus went away (" + why + ")";
            log::get("session")->warn("{}; no more lock or sleep reports from logind", s.system_error_);
            if (s.logind_) s.logind_->lost(s.system_error_);
        });
    }
    if (!s.system_error_.empty()) log->info("logind: {}", s.system_error_);

    try {
        s.session_ = std::make_unique<dbus::AsioBus>(io, sdbus::createSessionBusConnection());
    } catch (const sdbus::Error& e) {
        s.session_error_ = "no session bus: " + e.getMessage();
        log->info("screen savers: {}", s.session_error_);
    }
    if (s.session_) {
        for (const auto& [service, path] : kScreenSavers)
            s.savers_.push_back(ScreenSaverSession::create(*s.session_, s.vote(), service, path));
        for (const DndProperty* server : kServers)
            s.servers_.push_back(ServerDnd::create(*s.session_, busy.voter(), *server));
        if (desktop.is("XFCE")) {
            s.xfconf_ = XfconfDnd::create(*s.session_, busy.voter());
        } else {
            s.xfconf_off_ = desktop.why_not("an Xfce session");
        }
        s.session_->on_lost([&s](const std::string& why) {
            s.session_error_ = "the session bus went away (" + why + ")";
            log::get("session")->warn("{}; no more screen saver reports", s.session_error_);
            for (auto& saver : s.savers_) saver->lost(s.session_error_);
            for (auto& server : s.servers_) server->lost(s.session_error_);
            if (s.xfconf_) s.xfconf_->lost(s.session_error_);
        });
    }
    return self;
}

std::vector<Probe> Sessions::probes() const {
    std::vector<Probe> out;
    if (logind_) {
        out = logind_->probes();
    } else {
        for (const char* kind : {"lock", "sleep", "inhibitors"}) out.push_back({kind, "logind", false, system_error_});
    }
    const bool logind_sleep = logind_ && std::any_of(out.begin(), out.end(), [](const Probe& p) {
        return p.kind == "sleep" && p.used;
    });
    out.push_back({"sleep", "clock", true,
                   logind_sleep ? "backup: a sleep logind did not announce shows after resume as BOOTTIME "
                                  "running ahead of MONOTONIC"
                                : "a sleep shows after resume as BOOTTIME running ahead of MONOTONIC"});
    for (const auto& [service, path] : kScreenSavers) {
        const auto it = std::find_if(savers_.begin(), savers_.end(),
                                     [&](const auto& saver) { return saver->name() == service; });
        if (it != savers_.end()) {
            for (auto& p : (*it)->probes()) out.push_back(std::move(p));
        } else {
            out.push_back({"lock", service, false, session_error_});
        }
    }
    if (session_) {
        for (const auto& server : servers_) out.push_back(server->probe());
        out.push_back(xfconf_ ? xfconf_->probe() : Probe{"busy", "xfce do-not-disturb", false, xfconf_off_});
    } else {
        for (const DndProperty* server : kServers)
            out.push_back({"busy", std::string(server->server) + " do-not-disturb", false, session_error_});
        out.push_back({"busy", "xfce do-not-disturb", false, session_error_});
    }
    return out;
}

}  // namespace limber::desktop
