// Notifications through libnotify (the freedesktop notification spec on the
// session bus).
//
// libnotify needs a GLib main loop, so this class owns one thread that runs
// a GMainLoop on a private GMainContext, pushed as that thread's default
// before libnotify is touched: all of libnotify's D-Bus traffic happens
// there. Requests go in with g_main_context_invoke_full, results (actions,
// the server coming and going) come back to the io_context with asio::post.
// Nothing else is shared between the two threads except available().
//
// libnotify's state is process-wide: one instance per process at a time.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <asio/io_context.hpp>

#include "desktop/notifier.hpp"
#include "util/result.hpp"

// GLib's types, declared so <glib.h> stays out of every includer.
struct _GMainContext;
struct _GMainLoop;

namespace limber::desktop {

class LibnotifySession;

class LibnotifyNotifier final : public Notifier {
public:
    // Fails only when the GLib thread cannot start. Without a session bus or
    // without a notification server on it, this still succeeds: available()
    // is false, one line is logged, and notifications are kept (the latest
    // per tag) until a server appears. The listener hears on_server once
    // with the state found at start, then at every change.
    static Result<std::unique_ptr<LibnotifyNotifier>> create(asio::io_context& io,
                                                             NotifierListener& listener);
    // Closes what we showed, stops and joins the GLib thread. Call it on the
    // io_context's thread (or with the io_context stopped): listener calls
    // already posted are dropped, not run. It waits for D-Bus calls in
    // flight (GDBus gives up after 25 s if the server hangs).
    ~LibnotifyNotifier() override;
    LibnotifyNotifier(const LibnotifyNotifier&) = delete;
    LibnotifyNotifier& operator=(const LibnotifyNotifier&) = delete;

    std::string_view name() const override { return "libnotify"; }
    bool available() const override { return available_.load(); }
    void show(Notification n) override;
    void close(const std::string& tag) override;

private:
    LibnotifyNotifier(asio::io_context& io, NotifierListener& listener);
    void run_glib(std::promise<bool>& started);
    // Runs `work` on the GLib thread, never in the caller.
    void on_glib(std::function<void(LibnotifySession&)> work);
    // Runs `work` on the io_context thread unless *this is gone by then.
    void on_io(std::function<void(NotifierListener&)> work);

    asio::io_context& io_;
    NotifierListener& listener_;
    // Posted listener calls run only while alive_ lives. The GLib thread
    // copies weak_alive_, which never changes, so it races with nothing.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
    const std::weak_ptr<int> weak_alive_;
    std::atomic<bool> available_{false};
    _GMainContext* context_ = nullptr;
    _GMainLoop* loop_ = nullptr;
    std::unique_ptr<LibnotifySession> session_;  // touched only by the GLib thread
    std::thread thread_;
};

}  // namespace limber::desktop
