// SPDX-License-Identifier: MIT
#include "desktop/mutter_idle.hpp"

#include <algorithm>

#include <sdbus-c++/Error.h>
#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/Message.h>

#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kService = "org.gnome.Mutter.IdleMonitor";
constexpr const char* kPath = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr const char* kInterface = "org.gnome.Mutter.IdleMonitor";

}  // namespace

MutterIdleSource::MutterIdleSource(std::unique_ptr<dbus::AsioBus> bus, IdleListener& listener)
    : bus_(std::move(bus)), listener_(listener) {}

MutterIdleSource::~MutterIdleSource() = default;  // Mutter drops our watches when we disconnect

Result<std::unique_ptr<MutterIdleSource>> MutterIdleSource::create(boost::asio::io_context& io, IdleListener& listener) {
    std::unique_ptr<sdbus::IConnection> connection;
    try {
        connection = sdbus::createSessionBusConnection();
    } catch (const sdbus::Error& e) {
        return fail("no session bus: " + e.getMessage());
    }
    auto bus = std::make_unique<dbus::AsioBus>(io, std::move(connection));
    try {
        if (!dbus::has_owner(bus->connection(), kService))
            return fail("org.gnome.Mutter.IdleMonitor is not on the session bus (not GNOME, or Mutter is not running)");
    } catch (const sdbus::Error& e) {
        return fail("cannot ask the session bus about Mutter: " + e.getMessage());
    }

    std::unique_ptr<MutterIdleSource> self(new MutterIdleSource(std::move(bus), listener));
    MutterIdleSource& s = *self;
    auto& c = s.bus_->connection();
    try {
        s.monitor_ = sdbus::createProxy(c, kService, kPath);
        s.slots_.push_back(dbus::on_signal(c, dbus::signal_rule(kService, kPath, kInterface, "WatchFired"), "idle",
                                           "Mutter WatchFired", [&s](sdbus::Message& m) {
                                               std::uint32_t id = 0;
                                               m >> id;
                                               s.on_fired(id);
                                           }));
        s.slots_.push_back(dbus::watch_owner(c, kService, [&s](const std::string& owner) { s.on_owner(owner); }));
        // A name without the interface (or a broken Mutter) fails here, not later.
        std::uint64_t idle_ms = 0;
        s.monitor_->callMethod("GetIdletime").onInterface(kInterface).withTimeout(dbus::kCallTimeout)
            .storeResultsTo(idle_ms);
    } catch (const sdbus::Error& e) {
        return fail("Mutter's idle monitor does not answer: " + e.getMessage());
    }
    s.bus_->on_lost([&s](const std::string& why) {
        s.listener_.on_source_lost("lost the session bus, and Mutter's idle monitor with it (" + why + ")");
    });
    log::get("idle")->info("watching input through Mutter's idle monitor on the session bus");
    return self;
}

void MutterIdleSource::watch(std::vector<Millis> thresholds) {
    for (auto& t : thresholds) t = std::max(t, Millis{1});
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    for (const auto& w : watched_) {
        if (w.id == 0 || !present_) continue;
        try {
            monitor_->callMethod("RemoveWatch").onInterface(kInterface).withArguments(w.id).dontExpectReply();
        } catch (const sdbus::Error& e) {
            log::get("idle")->debug("Mutter RemoveWatch({}): {}", w.id, e.getMessage());
        }
    }
    watched_.clear();
    for (auto t : thresholds) watched_.push_back(Watched{t});
    add_watches();
}

void MutterIdleSource::await_activity() {
    idle_ = true;
    if (active_id_ == 0) add_active_watch();
    bus_->process();
}

void MutterIdleSource::add_watches() {
    if (!present_) return;
    for (auto& w : watched_) {
        // A watch whose time is already behind us fires at once, as X11's
        // comparison alarms do, so watch() while the user is away works.
        try {
            monitor_->callMethod("AddIdleWatch").onInterface(kInterface)
                .withArguments(static_cast<std::uint64_t>(w.threshold.count()))
                .withTimeout(dbus::kCallTimeout).storeResultsTo(w.id);
        } catch (const sdbus::Error& e) {
            w.id = 0;
            log::get("idle")->warn("Mutter refused an idle watch of {} ms: {}", w.threshold.count(), e.getMessage());
        }
    }
    if (idle_ && active_id_ == 0) add_active_watch();
    bus_->process();
}

void MutterIdleSource::add_active_watch() {
    if (!present_) return;
    try {
        monitor_->callMethod("AddUserActiveWatch").onInterface(kInterface).withTimeout(dbus::kCallTimeout)
            .storeResultsTo(active_id_);
    } catch (const sdbus::Error& e) {
        active_id_ = 0;
        log::get("idle")->warn("Mutter refused a user-active watch: {}", e.getMessage());
    }
}

Millis MutterIdleSource::idle_time(Millis at_least) {
    // A watch that fires late (it waited out an idle inhibitor) must place
    // the break at the last input, not at the moment it fired.
    try {
        std::uint64_t ms = 0;
        monitor_->callMethod("GetIdletime").onInterface(kInterface).withTimeout(dbus::kCallTimeout).storeResultsTo(ms);
        return std::max(at_least, Millis{static_cast<Millis::rep>(ms)});
    } catch (const sdbus::Error& e) {
        log::get("idle")->debug("Mutter GetIdletime: {}", e.getMessage());
        return at_least;
    }
}

void MutterIdleSource::report_active() {
    if (!idle_) return;
    idle_ = false;
    for (auto& w : watched_) w.reported = false;
    log::get("idle")->debug("input after idleness");
    listener_.on_active();
}

void MutterIdleSource::on_fired(std::uint32_t id) {
    if (id != 0 && id == active_id_) {
        active_id_ = 0;  // user-active watches fire once
        report_active();
        return;
    }
    const auto hit = std::find_if(watched_.begin(), watched_.end(), [&](const Watched& w) { return w.id == id; });
    if (hit == watched_.end()) return;  // from thresholds that watch() replaced
    // Idle watches fire again after every input; one we already reported
    // means input came and went without our user-active watch seeing it.
    if (hit->reported) report_active();

    const Millis idle_for = idle_time(hit->threshold);
    int reports = 0;
    for (auto w = watched_.begin(); w != hit + 1; ++w) {
        if (!w->reported) {
            w->reported = true;
            ++reports;
        }
    }
    idle_ = true;
    if (active_id_ == 0) add_active_watch();
    log::get("idle")->debug("idle for {} ms", idle_for.count());
    for (int i = 0; i < reports; ++i) listener_.on_idle(idle_for);
}

void MutterIdleSource::on_owner(const std::string& owner) {
    auto log = log::get("idle");
    if (owner.empty()) {
        // Its watches died with it; the ids mean nothing to the next Mutter.
        present_ = false;
        active_id_ = 0;
        for (auto& w : watched_) w.id = 0;
        log->warn("Mutter left the session bus; activity is unknown until it comes back");
        return;
    }
    present_ = true;
    // The new Mutter counts idleness from its own start: its first firings
    // are news, not a sign of input in between (idle_ stays as it was).
    for (auto& w : watched_) w.reported = false;
    log->info("Mutter is back on the session bus; adding the idle watches again");
    add_watches();
}

}  // namespace limber::desktop
