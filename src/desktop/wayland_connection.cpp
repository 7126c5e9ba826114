// SPDX-License-Identifier: MIT
#include "desktop/wayland_connection.hpp"

#include <wayland-client.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "util/log.hpp"

namespace limber::desktop {

Result<std::unique_ptr<WaylandConnection>> WaylandConnection::open(boost::asio::io_context& io) {
    const char* env = std::getenv("WAYLAND_DISPLAY");
    const std::string name = env != nullptr && *env != '\0' ? env : "wayland-0";
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    if (name.front() != '/' && (runtime == nullptr || *runtime == '\0')) {
        return fail("cannot connect to Wayland display " + name + ": XDG_RUNTIME_DIR is not set");
    }
    errno = 0;
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        return fail("cannot connect to Wayland display " + name + ": " +
                    (errno != 0 ? std::strerror(errno) : "no compositor there"));
    }
    std::unique_ptr<WaylandConnection> conn(new WaylandConnection(io, display, name));

    static const wl_registry_listener listener{&WaylandConnection::on_global,
                                               &WaylandConnection::on_global_remove};
    conn->registry_ = wl_display_get_registry(display);
    wl_registry_add_listener(conn->registry_, &listener, conn.get());
    // Blocking, once, at start: the globals decide which backend we use, and
    // the answer is one round trip away.
    if (wl_display_roundtrip(display) < 0) {
        return fail("cannot read the globals of Wayland display " + name + ": " +
                    conn->failure(wl_display_get_error(display)));
    }
    // Version 1 is enough: we never listen to the seat, we only name it.
    if (const Global* seat = conn->find("wl_seat")) {
        conn->seat_ = static_cast<wl_seat*>(conn->bind(*seat, wl_seat_interface, 1));
    }
    log::get("idle")->debug("connected to Wayland display {} ({} globals)", name, conn->globals_.size());
    return conn;
}

WaylandConnection::WaylandConnection(boost::asio::io_context& io, wl_display* display, std::string name)
    : display_(display), display_name_(std::move(name)), socket_(io, wl_display_get_fd(display)) {}

WaylandConnection::~WaylandConnection() {
    alive_.reset();
    if (reading_) wl_display_cancel_read(display_);
    // The descriptor belongs to libwayland: stop watching it, do not close it.
    boost::system::error_code ignored;
    socket_.cancel(ignored);
    socket_.release();
    if (seat_ != nullptr) wl_seat_destroy(seat_);
    if (registry_ != nullptr) wl_registry_destroy(registry_);
    wl_display_disconnect(display_);
}

const WaylandConnection::Global* WaylandConnection::find(std::string_view interface) const {
    auto it = std::find_if(globals_.begin(), globals_.end(),
                           [&](const Global& g) { return g.interface == interface; });
    return it == globals_.end() ? nullptr : &*it;
}

void* WaylandConnection::bind(const Global& global, const wl_interface& interface, std::uint32_t version) {
    return wl_registry_bind(registry_, global.name, &interface, version);
}

void WaylandConnection::on_global(void* data, wl_registry*, std::uint32_t name, const char* interface,
                                  std::uint32_t version) {
    static_cast<WaylandConnection*>(data)->globals_.push_back({name, interface, version});
}

void WaylandConnection::on_global_remove(void* data, wl_registry*, std::uint32_t name) {
    auto& globals = static_cast<WaylandConnection*>(data)->globals_;
    // Objects already bound stay valid: the compositor makes them inert.
    std::erase_if(globals, [&](const Global& g) { return g.name == name; });
}

void WaylandConnection::start(std::function<void(const std::string&)> on_lost) {
    on_lost_ = std::move(on_lost);
    wait_readable();
}

// libwayland's rule for an external loop: announce the read with
// prepare_read (it fails while events wait in the queue: dispatch those
// first), flush, wait for the socket, then read_events + dispatch_pending;
// cancel_read if we give up in between.
void WaylandConnection::wait_readable() {
    if (lost_) return;
    const std::weak_ptr<int> alive = alive_;
    while (wl_display_prepare_read(display_) != 0) {
        if (wl_display_dispatch_pending(display_) < 0) {
            if (!alive.expired()) lose(failure(wl_display_get_error(display_)));
            return;
        }
        if (alive.expired() || lost_) return;
    }
    reading_ = true;
    flush();
    if (lost_) return;
    socket_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [this, alive](const boost::system::error_code& ec) {
                           if (!alive.expired()) on_readable(ec);
                       });
}

void WaylandConnection::on_readable(const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted || lost_) return;  // lose() or ~ cancelled the read
    if (ec) {
        lose("the Wayland socket of " + display_name_ + " failed: " + ec.message());
        return;
    }
    reading_ = false;
    if (wl_display_read_events(display_) < 0) {  // releases the read intent even on failure
        lose(failure(wl_display_get_error(display_)));
        return;
    }
    // Listeners run from here and may end up deleting us (the daemon stops).
    const std::weak_ptr<int> alive = alive_;
    if (wl_display_dispatch_pending(display_) < 0) {
        if (!alive.expired()) lose(failure(wl_display_get_error(display_)));
        return;
    }
    if (!alive.expired()) wait_readable();
}

void WaylandConnection::flush() {
    if (lost_ || write_waiting_) return;  // a pending write handler flushes the rest
    if (wl_display_flush(display_) >= 0) return;
    if (errno == EAGAIN) {
        wait_writable();
        return;
    }
    lose(failure(errno));
}

void WaylandConnection::wait_writable() {
    write_waiting_ = true;
    socket_.async_wait(boost::asio::posix::stream_descriptor::wait_write,
                       [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
                           if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
                           write_waiting_ = false;
                           if (ec) {
                               lose("the Wayland socket of " + display_name_ + " failed: " + ec.message());
                               return;
                           }
                           flush();
                       });
}

void WaylandConnection::lose(const std::string& what) {
    if (lost_) return;
    lost_ = true;
    if (reading_) {
        wl_display_cancel_read(display_);
        reading_ = false;
    }
    boost::system::error_code ignored;
    socket_.cancel(ignored);
    if (on_lost_) on_lost_(what);
}

std::string WaylandConnection::failure(int err) const {
    if (err == EPROTO) {
        const wl_interface* interface = nullptr;
        std::uint32_t id = 0;
        const std::uint32_t code = wl_display_get_protocol_error(display_, &interface, &id);
        return "the compositor on " + display_name_ + " reported protocol error " + std::to_string(code) +
               " on " + (interface != nullptr ? interface->name : "an unknown object") + "@" +
               std::to_string(id);
    }
    if (err == 0 || err == EPIPE || err == ECONNRESET) {
        return "the Wayland compositor on " + display_name_ + " closed the connection";
    }
    return "the Wayland connection to " + display_name_ + " failed: " + std::strerror(err);
}

}  // namespace limber::desktop
