// SPDX-License-Identifier: MIT
// Activity on X11 from the SYNC extension's IDLETIME system counter (the
// milliseconds since the last input). We put alarms on the counter, so the X
// server wakes us only when a threshold is crossed or input comes back:
// no polling, no timers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "desktop/idle_source.hpp"
#include "util/result.hpp"

// Xlib's Display, declared here so <X11/Xlib.h> and its macros (None, Bool,
// Status, ...) stay out of every file that includes this one.
struct _XDisplay;

namespace limber::desktop {

class X11IdleSource final : public IdleSource {
public:
    // Opens $DISPLAY. Fails with a reason a user can act on: "DISPLAY is not
    // set", "cannot open display :99", "the X server has no SYNC extension",
    // "no IDLETIME counter".
    //
    // If the X connection breaks later, Xlib would exit the process after
    // its I/O error handler returns; ours logs "lost the X display :N: ..."
    // and exits with status 1 itself. That is deliberate: the session is
    // gone, nothing in-process can recover, and a failure status makes
    // systemd (Restart=on-failure) start us again in the next session.
    static Result<std::unique_ptr<X11IdleSource>> create(boost::asio::io_context& io,
                                                         IdleListener& listener);
    ~X11IdleSource() override;
    X11IdleSource(const X11IdleSource&) = delete;
    X11IdleSource& operator=(const X11IdleSource&) = delete;

    std::string_view name() const override { return "x11"; }
    // Thresholds below 1 ms are raised to 1 ms: an alarm at 0 would always
    // be true and input could never be told apart from idleness.
    void watch(std::vector<Millis> thresholds) override;
    void await_activity() override;

private:
    // An XSync alarm or counter id (an XID, i.e. unsigned long).
    using Xid = unsigned long;

    struct Watched {
        Millis threshold;
        Xid alarm = 0;
        bool reported = false;  // on_idle sent for it in this idle stretch
    };

    X11IdleSource(boost::asio::io_context& io, IdleListener& listener, _XDisplay* display,
                  int sync_event_base, Xid idle_counter);
    void wait_for_input();
    void drain();
    void on_alarm(Xid alarm, std::int64_t idle_ms);
    void set_alarm(Xid& alarm, int test_type, std::int64_t value);
    void drain_soon();

    IdleListener& listener_;
    _XDisplay* display_;
    std::string display_name_;
    int sync_event_base_;
    Xid idle_counter_;
    std::vector<Watched> watched_;  // shortest threshold first
    Xid reset_alarm_ = 0;
    bool idle_ = false;  // an on_idle went out; the reset alarm waits for input
    boost::asio::posix::stream_descriptor connection_;
    // Handlers queued on the io_context check this before touching *this.
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace limber::desktop
