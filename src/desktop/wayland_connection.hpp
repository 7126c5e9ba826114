// SPDX-License-Identifier: MIT
// One client connection to the Wayland compositor, run on the daemon's Asio
// loop: the display socket sits in an boost::asio::posix::stream_descriptor and is
// read only when the kernel says it is readable. No polling, no thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "util/result.hpp"

struct wl_display;
struct wl_registry;
struct wl_seat;
struct wl_interface;

namespace limber::desktop {

class WaylandConnection {
public:
    struct Global {
        std::uint32_t name = 0;
        std::string interface;
        std::uint32_t version = 0;
    };

    // Connects to $WAYLAND_DISPLAY and learns the compositor's globals with
    // one blocking round trip. Fails with "cannot connect to Wayland display
    // wayland-1: ..." or "the compositor offers no wl_seat".
    static Result<std::unique_ptr<WaylandConnection>> open(boost::asio::io_context& io);
    ~WaylandConnection();
    WaylandConnection(const WaylandConnection&) = delete;
    WaylandConnection& operator=(const WaylandConnection&) = delete;

    const std::string& display_name() const { return display_name_; }
    // The global named `interface` as advertised, or null when it is not.
    const Global* find(std::string_view interface) const;
    // wl_registry_bind at `version`, which must not exceed the advertised one.
    void* bind(const Global& global, const wl_interface& interface, std::uint32_t version);
    wl_seat* seat() const { return seat_; }

    // From here on events are read and dispatched on the io_context. The
    // connection failing (compositor gone, protocol error) calls on_lost
    // once with a one-line reason; nothing is dispatched after that.
    void start(std::function<void(const std::string&)> on_lost);
    // Sends the requests made since the last flush. Call after every batch
    // of requests; libwayland only buffers them.
    void flush();

private:
    WaylandConnection(boost::asio::io_context& io, wl_display* display, std::string name);
    void wait_readable();
    void on_readable(const boost::system::error_code& ec);
    void wait_writable();
    void lose(const std::string& what);
    std::string failure(int err) const;

    static void on_global(void* data, wl_registry* registry, std::uint32_t name,
                          const char* interface, std::uint32_t version);
    static void on_global_remove(void* data, wl_registry* registry, std::uint32_t name);

    wl_display* display_;
    std::string display_name_;
    wl_registry* registry_ = nullptr;
    wl_seat* seat_ = nullptr;
    std::vector<Global> globals_;
    boost::asio::posix::stream_descriptor socket_;
    std::function<void(const std::string&)> on_lost_;
    bool reading_ = false;         // holds a wl_display_prepare_read intent
    bool write_waiting_ = false;   // the socket was full; waiting to flush the rest
    bool lost_ = false;
    // Handlers queued on the io_context check this before touching *this.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace limber::desktop
