// SPDX-License-Identifier: MIT
// One Xlib connection on the daemon's loop: its socket watched by Asio, and
// every event Xlib reads handed to the owner. The X11 sources (idle,
// fullscreen) each hold one, so neither needs the other to be in use.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "util/result.hpp"

// Xlib's Display and XEvent, declared here so <X11/Xlib.h> and its macros
// (None, Bool, Status, ...) stay out of every file that includes this one.
struct _XDisplay;
union _XEvent;

namespace limber::desktop {

class X11Connection {
public:
    using OnEvent = std::function<void(_XEvent&)>;
    using OnLost = std::function<void(const std::string& why)>;

    // Opens $DISPLAY. Fails with a reason a user can act on: "DISPLAY is not
    // set", "cannot open display :99".
    //
    // If the X connection breaks later, Xlib would exit the process after
    // its I/O error handler returns; ours logs "lost the X display :N: ..."
    // and exits with status 1 itself. That is deliberate: the session is
    // gone, nothing in-process can recover, and a failure status makes
    // systemd (Restart=on-failure) start us again in the next session.
    static Result<std::unique_ptr<X11Connection>> open(boost::asio::io_context& io);
    ~X11Connection();
    X11Connection(const X11Connection&) = delete;
    X11Connection& operator=(const X11Connection&) = delete;

    _XDisplay* display() const { return display_; }
    const std::string& name() const { return name_; }

    // From now on every event goes to on_event, on the loop; a socket that
    // fails to on_lost.
    void start(OnEvent on_event, OnLost on_lost);
    // After requests: Xlib may have read events into its queue while we
    // talked to it, and the socket will not turn readable for those.
    void drain_soon();

private:
    X11Connection(boost::asio::io_context& io, _XDisplay* display);
    void wait_readable();
    void drain();

    _XDisplay* display_;
    std::string name_;
    boost::asio::posix::stream_descriptor socket_;
    OnEvent on_event_;
    OnLost on_lost_;
    // Handlers queued on the io_context check this before touching *this.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace limber::desktop
