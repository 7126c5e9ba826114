// SPDX-License-Identifier: MIT
// Notifications through libnotify (the freedesktop notification spec on the
// session bus).
//
// libnotify needs a GLib main loop, and notify_notification_show is a
// blocking D-Bus call, so this class owns one thread that runs a GMainLoop on
// a private GMainContext, pushed as that thread's default for its whole life
// before libnotify is touched: all of libnotify's D-Bus traffic happens
// there, and a hung notification server stalls that thread, never the
// daemon's loop. Requests go in with g_main_context_invoke_full; results
// (actions, the server coming and going) come back to the io_context with
// post. GLib stays inside libnotify_notifier.cpp: this header shows none of
// its types. docs/architecture.md#threads says why.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "desktop/glib_thread.hpp"
#include "desktop/notifier.hpp"

namespace limber::desktop {

class LibnotifyNotifier final : public Notifier, public GlibThread {
public:
    // Never fails. Without a session bus, or without a notification server
    // on it, available() is false, one line is logged, and notifications are
    // kept (the latest per tag) until a server appears. The listener hears
    // on_server once with the state found at start, then at every change,
    // always from the io_context (never from inside show() or close()).
    // libnotify's state is process-wide: one instance per process at a time.
    static std::unique_ptr<LibnotifyNotifier> create(boost::asio::io_context& io, NotifierListener& listener);
    // Closes what we showed (nobody would hear its buttons), including what
    // is still on its way to the server, then stops and joins the GLib
    // thread. Call it on the io_context's thread or with the loop stopped:
    // listener calls already posted are dropped, not run.
    ~LibnotifyNotifier() override;
    LibnotifyNotifier(const LibnotifyNotifier&) = delete;
    LibnotifyNotifier& operator=(const LibnotifyNotifier&) = delete;

    std::string_view name() const override { return "libnotify"; }
    bool available() const override { return available_.load(); }
    // False without a session bus: nothing will ever show.
    bool connected() const { return connected_; }
    void show(Notification n) override;
    void close(const std::string& tag) override;
    void invoke(std::function<void()> work) override;  // GlibThread: this one

    class Session;  // the GLib side; lives on the GLib thread only

private:
    struct Loop;  // the thread's GMainContext and GMainLoop

    LibnotifyNotifier(boost::asio::io_context& io, NotifierListener& listener);
    void run_glib(std::function<void(bool connected)> started);
    // Runs `work` on the GLib thread, in order, never in the caller.
    void on_glib(std::function<void(Session&)> work);
    // Runs `work` on the io_context unless *this is gone by then.
    void on_io(std::function<void(NotifierListener&)> work);

    boost::asio::io_context& io_;
    NotifierListener& listener_;
    // Posted listener calls run only while alive_ lives. The GLib thread
    // copies weak_alive_, which never changes, so it races with nothing.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
    const std::weak_ptr<int> weak_alive_;
    std::atomic<bool> available_{false};
    bool connected_ = false;
    std::unique_ptr<Loop> loop_;
    std::unique_ptr<Session> session_;  // touched only by the GLib thread
    std::thread thread_;
};

}  // namespace limber::desktop
