// The GLib side of LibnotifyNotifier: libnotify's calls, the watch on the
// notification server, and the notifications we show. Lives on the
// notifier's GLib thread only, created after that thread pushed its
// GMainContext as thread-default and called notify_init.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "desktop/notifier.hpp"

struct _NotifyNotification;

namespace limber::desktop {

class LibnotifySession {
public:
    // Called on the GLib thread; the notifier hands them to the io_context.
    struct Events {
        std::function<void(const std::string& tag, const std::string& key)> action;
        // Once with the state at start, then at every change.
        std::function<void(bool available)> server;
    };

    explicit LibnotifySession(Events events);  // starts watching the bus
    ~LibnotifySession();                        // closes what it shows
    LibnotifySession(const LibnotifySession&) = delete;
    LibnotifySession& operator=(const LibnotifySession&) = delete;

    void show(Notification n);
    void close(const std::string& tag);

private:
    struct Entry {
        Notification latest;
        _NotifyNotification* shown = nullptr;  // what the server shows; null while pending
    };
    enum class Server { unknown, present, absent };
    struct Callbacks;  // GLib's C callbacks

    bool send(Entry& entry);
    void drop(Entry& entry);
    void fence(_NotifyNotification* n);
    void appeared();
    void vanished(bool no_bus);

    Events events_;
    std::map<std::string, Entry> entries_;  // tags the user should see
    unsigned watch_id_ = 0;
    Server server_ = Server::unknown;
    bool bus_ = true;          // false once GLib could not connect at all
    bool body_markup_ = true;  // the server parses markup in bodies
};

}  // namespace limber::desktop
