#include "desktop/freedesktop_notifier.hpp"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>
#include <sdbus-c++/Types.h>

#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kService = "org.freedesktop.Notifications";
constexpr const char* kPath = "/org/freedesktop/Notifications";
constexpr const char* kInterface = "org.freedesktop.Notifications";
// Longer than dbus::kCallTimeout: a call may have to wait for the bus to
// start a D-Bus activatable server (xfce4-notifyd, mako, dunst).
constexpr std::chrono::seconds kNotifyTimeout{10};
// How long limberd's exit waits for the ids of notifications still being sent.
constexpr std::chrono::milliseconds kShutdownWait{500};

std::uint8_t urgency_byte(Urgency u) {
    switch (u) {
        case Urgency::low: return 0;
        case Urgency::critical: return 2;
        case Urgency::normal: break;
    }
    return 1;
}

// Bodies may hold markup per the spec (dunst parses it); ours are plain
// text, so a server that parses markup gets them escaped.
std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

FreedesktopNotifier::FreedesktopNotifier(boost::asio::io_context& io, NotifierListener& listener)
    : io_(io), listener_(listener) {}

std::unique_ptr<FreedesktopNotifier> FreedesktopNotifier::create(boost::asio::io_context& io, NotifierListener& listener) {
    std::unique_ptr<FreedesktopNotifier> self(new FreedesktopNotifier(io, listener));
    FreedesktopNotifier& s = *self;
    try {
        s.bus_ = std::make_unique<dbus::AsioBus>(io, sdbus::createSessionBusConnection());
    } catch (const sdbus::Error& e) {
        const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
        s.lost("cannot connect to the session bus (DBUS_SESSION_BUS_ADDRESS=" +
               std::string(address ? address : "unset") + "): " + e.getMessage());
        return self;
    }
    auto& c = s.bus_->connection();
    try {
        s.proxy_ = sdbus::createProxy(c, kService, kPath);
        // The bus delivers these only from the name's owner: other clients
        // cannot press our buttons.
        s.slots_.push_back(dbus::on_signal(c, dbus::signal_rule(kService, kPath, kInterface, "ActionInvoked"),
                                           "notify", "ActionInvoked", [&s](sdbus::Message& m) {
                                               std::uint32_t id = 0;
                                               std::string key;
                                               m >> id >> key;
                                               s.invoked(id, key);
                                           }));
        s.slots_.push_back(dbus::on_signal(c, dbus::signal_rule(kService, kPath, kInterface, "NotificationClosed"),
                                           "notify", "NotificationClosed", [&s](sdbus::Message& m) {
                                               std::uint32_t id = 0;
                                               std::uint32_t reason = 0;
                                               m >> id >> reason;
                                               s.closed(id, reason);
                                           }));
        s.slots_.push_back(dbus::watch_owner(c, kService, [&s](const std::string& owner) {
            if (owner.empty()) {
                s.set_server(false);
            } else {
                s.probe();
            }
        }));
    } catch (const sdbus::Error& e) {
        s.lost("cannot listen on the session bus: " + e.getMessage());
        return self;
    }
    s.bus_->on_lost([&s](const std::string& why) { s.lost(why); });
    // Asking also starts a server that is only D-Bus activatable, instead
    // of it looking absent until our first reminder.
    s.probe();  // AsioBus's first process(), already posted, sends it
    return self;
}

FreedesktopNotifier::~FreedesktopNotifier() {
    if (proxy_ && !bus_->lost()) {
        // Nobody will hear the buttons: close what is shown, and what a
        // Notify still on its way shows, once its reply brings the id.
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.sending) {
                it->second.wanted = false;  // sent() closes it
                ++it;
                continue;
            }
            if (it->second.id != 0) close_id(it->second.id);
            it = entries_.erase(it);
        }
        await_sends();
    }
    alive_.reset();
    // The connection flushes what is queued when it closes, after this.
}

// Only at the end, when the loop no longer runs: reads replies off the bus
// for a short while, so a daemon stopped just after a reminder does not
// leave it on screen with dead buttons.
void FreedesktopNotifier::await_sends() {
    const auto until = std::chrono::steady_clock::now() + kShutdownWait;
    const auto sending = [this] {
        return std::any_of(entries_.begin(), entries_.end(), [](const auto& e) { return e.second.sending; });
    };
    try {
        auto& c = bus_->connection();
        while (sending()) {
            while (c.processPendingRequest()) {
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (!sending() || left.count() <= 0) break;
            pollfd fd{c.getEventLoopPollData().fd, POLLIN, 0};
            ::poll(&fd, 1, static_cast<int>(left.count()));
        }
    } catch (const sdbus::Error& e) {
        log::get("notify")->debug("while closing notifications: {}", e.getMessage());
    }
}

void FreedesktopNotifier::show(Notification n) {
    const std::string tag = n.tag;
    auto& entry = entries_[tag];
    entry.latest = std::move(n);
    entry.wanted = true;
    if (!proxy_ || bus_->lost() || server_ == Server::unknown) return;  // probe() sends it
    if (entry.sending) {
        entry.dirty = true;  // sent when the reply brings the id to update
        return;
    }
    // Even with no server on the bus we try: the call starts an activatable
    // one. If there is none, the bus says so at once and the tag waits.
    send(tag, entry);
    flush();
}

void FreedesktopNotifier::close(const std::string& tag) {
    const auto it = entries_.find(tag);
    if (it == entries_.end()) return;
    if (it->second.sending) {
        it->second.wanted = false;  // closed when its id comes back
        return;
    }
    if (it->second.id != 0) close_id(it->second.id);
    entries_.erase(it);
    flush();
}

void FreedesktopNotifier::send(const std::string& tag, Entry& entry) {
    const Notification& n = entry.latest;
    std::vector<std::string> actions;
    for (const auto& a : n.actions) {
        actions.push_back(a.key);
        actions.push_back(a.label);
    }
    const std::map<std::string, sdbus::Variant> hints{
        {"urgency", sdbus::Variant(urgency_byte(n.urgency))},
        {"desktop-entry", sdbus::Variant(std::string("limber"))},
    };
    entry.sending = true;
    entry.dirty = false;
    try {
        proxy_->callMethodAsync("Notify")
            .onInterface(kInterface)
            .withArguments(std::string("Limber"), entry.id, std::string(), n.summary.empty() ? "Limber" : n.summary,
                           body_markup_ ? escape_markup(n.body) : n.body, actions, hints, std::int32_t{-1})
            .withTimeout(kNotifyTimeout)
            .uponReplyInvoke([this, tag, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, std::uint32_t id) {
                if (!alive.expired()) sent(tag, e, id);
            });
    } catch (const sdbus::Error& e) {
        entry.sending = false;
        entry.id = 0;
        log::get("notify")->debug("keeping \"{}\" until a server shows it: {}", tag, e.getMessage());
    }
}

void FreedesktopNotifier::sent(const std::string& tag, const sdbus::Error* error, std::uint32_t id) {
    const auto it = entries_.find(tag);
    if (it == entries_.end()) return;  // not while sending; defensive
    Entry& entry = it->second;
    entry.sending = false;
    if (error != nullptr) {
        // The id may be a dead server's: next time, a new notification.
        entry.id = 0;
        log::get("notify")->debug("keeping \"{}\" until a server shows it: {}", tag, error->getMessage());
        if (!entry.wanted) {
            entries_.erase(it);
        } else if (entry.dirty && server_ == Server::present) {
            send(tag, entry);  // newer content, and the server may be a new one
        }
        return;
    }
    entry.id = id;
    if (server_ != Server::present) probe();  // it answered, so it is there: ask what it can do
    if (!entry.wanted) {
        close_id(id);
        entries_.erase(it);
    } else if (entry.dirty) {
        send(tag, entry);
    }
}

void FreedesktopNotifier::close_id(std::uint32_t id) {
    try {
        proxy_->callMethod("CloseNotification").onInterface(kInterface).withArguments(id).dontExpectReply();
    } catch (const sdbus::Error& e) {
        log::get("notify")->debug("CloseNotification({}): {}", id, e.getMessage());
    }
}

void FreedesktopNotifier::invoked(std::uint32_t id, const std::string& key) {
    for (const auto& [tag, entry] : entries_) {
        if (entry.id != id || id == 0) continue;
        tell([tag, key](NotifierListener& l) { l.on_action(tag, key); });
        return;
    }
}

// Dismissed, expired, or closed after an action: a later show() with the
// tag makes a new notification.
void FreedesktopNotifier::closed(std::uint32_t id, std::uint32_t reason) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        Entry& entry = it->second;
        if (entry.id != id || id == 0) continue;
        if (entry.sending) {
            // The server closed it before it read our update: the signal
            // left it before the update's reply, which we have not seen. The
            // server shows the update again (the spec keeps replaces_id), so
            // the tag is still on screen, under the id the reply brings.
            log::get("notify")->debug("\"closed\" for id {} predates our update; keeping it", id);
            return;
        }
        log::get("notify")->debug("\"{}\" closed (reason {})", it->first, reason);
        entries_.erase(it);
        return;
    }
}

// Asks for the server's capabilities: an answer means it is there.
void FreedesktopNotifier::probe() {
    if (!proxy_) return;
    try {
        proxy_->callMethodAsync("GetCapabilities")
            .onInterface(kInterface)
            .withTimeout(kNotifyTimeout)
            .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e,
                                                                          std::vector<std::string> caps) {
                if (alive.expired()) return;
                if (e != nullptr) {
                    log::get("notify")->debug("GetCapabilities: {}", e->getMessage());
                    set_server(false);
                    return;
                }
                body_markup_ = std::find(caps.begin(), caps.end(), "body-markup") != caps.end();
                set_server(true);
            });
        proxy_->callMethodAsync("GetServerInformation")
            .onInterface(kInterface)
            .withTimeout(kNotifyTimeout)
            .uponReplyInvoke([alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, std::string name,
                                                                   std::string vendor, std::string version,
                                                                   std::string spec) {
                if (alive.expired() || e != nullptr) return;
                log::get("notify")->info("notification server {} {} ({}, spec {}) is on the session bus",
                                         name.empty() ? "(unnamed)" : name, version, vendor, spec);
            });
    } catch (const sdbus::Error& e) {
        log::get("notify")->debug("cannot ask the notification server: {}", e.getMessage());
    }
}

void FreedesktopNotifier::set_server(bool present) {
    const Server now = present ? Server::present : Server::absent;
    if (server_ == now) return;
    server_ = now;
    if (present) {
        for (auto& [tag, entry] : entries_) {
            if (entry.id == 0 && !entry.sending) send(tag, entry);
        }
    } else {
        if (proxy_)  // else lost() has said why
            log::get("notify")->warn("no notification server on the session bus; reminders will be shown when one appears");
        // The server took what it showed with it: everything is pending now.
        for (auto& [tag, entry] : entries_) entry.id = 0;
    }
    tell([present](NotifierListener& l) { l.on_server(present); });
}

// No bus to talk on: for good, as nothing here reconnects.
void FreedesktopNotifier::lost(const std::string& why) {
    log::get("notify")->warn("{}; no notifications until limberd restarts in a session that has a bus", why);
    proxy_.reset();
    slots_.clear();
    set_server(false);
}

void FreedesktopNotifier::tell(std::function<void(NotifierListener&)> work) {
    boost::asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_), work = std::move(work)] {
        if (!alive.expired()) work(listener_);
    });
}

void FreedesktopNotifier::flush() {
    if (bus_ && !bus_->lost()) bus_->process();
}

}  // namespace limber::desktop
