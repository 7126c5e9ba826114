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

#include "desktop/idle_source.hpp"
#include "desktop/x11_connection.hpp"
#include "util/result.hpp"

namespace limber::desktop {

class X11IdleSource final : public IdleSource {
public:
    // Opens $DISPLAY. Fails with a reason a user can act on: "DISPLAY is not
    // set", "cannot open display :99", "the X server has no SYNC extension",
    // "no IDLETIME counter". A connection that breaks later ends limberd
    // (X11Connection::open says why).
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

    X11IdleSource(IdleListener& listener, std::unique_ptr<X11Connection> x, int sync_event_base, Xid idle_counter);
    void on_event(_XEvent& event);
    void on_alarm(Xid alarm, std::int64_t idle_ms);
    void set_alarm(Xid& alarm, int test_type, std::int64_t value);

    IdleListener& listener_;
    std::unique_ptr<X11Connection> x_;
    _XDisplay* display_;
    int sync_event_base_;
    Xid idle_counter_;
    std::vector<Watched> watched_;  // shortest threshold first
    Xid reset_alarm_ = 0;
    bool idle_ = false;  // an on_idle went out; the reset alarm waits for input
};

}  // namespace limber::desktop
