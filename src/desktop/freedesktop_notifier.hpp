// Notifications through the freedesktop notification spec
// (org.freedesktop.Notifications on the session bus), spoken directly with
// sdbus-c++ on the daemon's own loop: Notify and CloseNotification go out
// as asynchronous calls, ActionInvoked and NotificationClosed come in as
// signals, and the server coming and going is NameOwnerChanged. No thread
// and no GLib: docs/architecture.md says why this replaced libnotify.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/TypeTraits.h>

#include "dbus/asio_bus.hpp"
#include "desktop/notifier.hpp"

namespace limber::desktop {

class FreedesktopNotifier final : public Notifier {
public:
    // Never fails. Without a session bus, or without a notification server
    // on it, available() is false, one line is logged, and notifications are
    // kept (the latest per tag) until a server appears. The listener hears
    // on_server once with the state found at start, then at every change,
    // always from the loop (never from inside show() or close()).
    static std::unique_ptr<FreedesktopNotifier> create(boost::asio::io_context& io, NotifierListener& listener);
    // Closes what we showed: nobody would hear its buttons. Call it with
    // the loop stopped; it waits up to half a second for Notify replies.
    ~FreedesktopNotifier() override;
    FreedesktopNotifier(const FreedesktopNotifier&) = delete;
    FreedesktopNotifier& operator=(const FreedesktopNotifier&) = delete;

    std::string_view name() const override { return "freedesktop"; }
    bool available() const override { return server_ == Server::present; }
    // False without a session bus (or after losing it): nothing will show.
    bool connected() const { return proxy_ != nullptr; }
    void show(Notification n) override;
    void close(const std::string& tag) override;

private:
    struct Entry {
        Notification latest;
        std::uint32_t id = 0;  // the server's id while it shows this tag; 0: pending
        bool sending = false;  // a Notify for this tag awaits its reply
        bool dirty = false;    // `latest` changed after that Notify went out
        bool wanted = true;    // false: closed while the Notify was on its way
    };
    enum class Server { unknown, present, absent };

    FreedesktopNotifier(boost::asio::io_context& io, NotifierListener& listener);
    void probe();
    void send(const std::string& tag, Entry& entry);
    void sent(const std::string& tag, const sdbus::Error* error, std::uint32_t id);
    void close_id(std::uint32_t id);
    void await_sends();
    void invoked(std::uint32_t id, const std::string& key);
    void closed(std::uint32_t id, std::uint32_t reason);
    void set_server(bool present);
    void lost(const std::string& why);
    // Runs `work` on the loop later, unless *this is gone by then.
    void tell(std::function<void(NotifierListener&)> work);
    // After a send from outside a bus callback: see AsioBus::process.
    void flush();

    boost::asio::io_context& io_;
    NotifierListener& listener_;
    std::unique_ptr<dbus::AsioBus> bus_;  // null without a session bus
    std::unique_ptr<sdbus::IProxy> proxy_;
    std::vector<sdbus::Slot> slots_;
    std::map<std::string, Entry> entries_;  // tags the user should see
    Server server_ = Server::unknown;
    bool body_markup_ = true;  // the server parses markup in bodies (asked on arrival)
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
