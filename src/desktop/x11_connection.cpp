// SPDX-License-Identifier: MIT
#include "desktop/x11_connection.hpp"

#include <X11/Xlib.h>
#include <X11/Xproto.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace limber::desktop {
namespace {

// See X11Connection::open for why this exits. _exit, not exit: we are
// inside an Xlib call; static destructors could touch the dead connection.
int on_io_error(Display* display) {
    const int err = errno;
    auto log = limber::log::get("x11");
    log->critical("lost the X display {}: {}; exiting with status 1 so the service manager restarts us",
                  DisplayString(display),
                  err != 0 && err != EAGAIN ? std::strerror(err) : "the server closed the connection");
    log->flush();
    _exit(1);
}

// Xlib's default handler exits on any protocol error. One failed request
// (say a stale alarm id) is not worth the daemon, so log it and go on. A
// window that closed while we asked about it is no news at all.
int on_x_error(Display* display, XErrorEvent* error) {
    char text[256] = {};
    XGetErrorText(display, error->error_code, text, sizeof text);
    auto log = limber::log::get("x11");
    log->log(error->error_code == BadWindow ? spdlog::level::debug : spdlog::level::warn,
             "X error on {}: {} (request {}.{})", DisplayString(display), text,
             static_cast<int>(error->request_code), static_cast<int>(error->minor_code));
    return 0;
}

}  // namespace

Result<std::unique_ptr<X11Connection>> X11Connection::open(boost::asio::io_context& io) {
    const char* name = std::getenv("DISPLAY");
    if (name == nullptr || *name == '\0') return fail("DISPLAY is not set");
    XSetIOErrorHandler(on_io_error);
    XSetErrorHandler(on_x_error);
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) return fail(std::string("cannot open display ") + name);
    return std::unique_ptr<X11Connection>(new X11Connection(io, display));
}

X11Connection::X11Connection(boost::asio::io_context& io, Display* display)
    : display_(display), name_(DisplayString(display)), socket_(io, ConnectionNumber(display)) {}

X11Connection::~X11Connection() {
    alive_.reset();
    // The descriptor belongs to Xlib: stop watching it, but do not close it.
    boost::system::error_code ignored;
    socket_.cancel(ignored);
    socket_.release();
    XCloseDisplay(display_);  // also destroys what we made on the server
}

void X11Connection::start(OnEvent on_event, OnLost on_lost) {
    on_event_ = std::move(on_event);
    on_lost_ = std::move(on_lost);
    wait_readable();
}

void X11Connection::wait_readable() {
    socket_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
                           if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
                           if (ec) {
                               // EOF never gets here: Xlib sees it first (in drain) and
                               // calls on_io_error. This is the socket itself failing.
                               on_lost_("lost the X display " + name_ + ": " + ec.message());
                               return;
                           }
                           drain();
                           wait_readable();
                       });
}

void X11Connection::drain_soon() {
    boost::asio::post(socket_.get_executor(), [this, alive = std::weak_ptr<int>(alive_)] {
        if (!alive.expired()) drain();
    });
}

void X11Connection::drain() {
    // XPending flushes our requests and reads what the socket has; when it
    // answers 0 nothing is buffered anywhere, so waiting on the fd is safe.
    while (XPending(display_) > 0) {
        XEvent event;
        XNextEvent(display_, &event);
        if (on_event_) on_event_(event);
    }
}

}  // namespace limber::desktop
