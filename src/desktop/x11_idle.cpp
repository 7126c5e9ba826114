// SPDX-License-Identifier: MIT
#include "desktop/x11_idle.hpp"

#include <X11/Xlib.h>
#include <X11/extensions/sync.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace limber::desktop {
namespace {

XSyncValue to_xsync(std::int64_t v) {
    XSyncValue out;
    XSyncIntsToValue(&out, static_cast<unsigned>(v & 0xffffffff), static_cast<int>(v >> 32));
    return out;
}

std::int64_t from_xsync(const XSyncValue& v) {
    return static_cast<std::int64_t>(
        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(XSyncValueHigh32(v))) << 32) |
        XSyncValueLow32(v));
}

// See X11IdleSource::create for why this exits. _exit, not exit: we are
// inside an Xlib call; static destructors could touch the dead connection.
int on_io_error(Display* display) {
    const int err = errno;
    auto log = limber::log::get("idle");
    log->critical("lost the X display {}: {}; exiting with status 1 so the service manager restarts us",
                  DisplayString(display),
                  err != 0 && err != EAGAIN ? std::strerror(err) : "the server closed the connection");
    log->flush();
    _exit(1);
}

// Xlib's default handler exits on any protocol error. One failed request
// (say a stale alarm id) is not worth the daemon, so log it and go on.
int on_x_error(Display* display, XErrorEvent* error) {
    char text[256] = {};
    XGetErrorText(display, error->error_code, text, sizeof text);
    limber::log::get("idle")->warn("X error on {}: {} (request {}.{})", DisplayString(display), text,
                                   static_cast<int>(error->request_code),
                                   static_cast<int>(error->minor_code));
    return 0;
}

}  // namespace

Result<std::unique_ptr<X11IdleSource>> X11IdleSource::create(boost::asio::io_context& io,
                                                              IdleListener& listener) {
    const char* name = std::getenv("DISPLAY");
    if (name == nullptr || *name == '\0') return fail("DISPLAY is not set");

    XSetIOErrorHandler(on_io_error);
    XSetErrorHandler(on_x_error);
    std::unique_ptr<Display, int (*)(Display*)> display(XOpenDisplay(nullptr), XCloseDisplay);
    if (!display) return fail(std::string("cannot open display ") + name);

    int event_base = 0;
    int error_base = 0;
    int major = 0;
    int minor = 0;
    if (!XSyncQueryExtension(display.get(), &event_base, &error_base) ||
        !XSyncInitialize(display.get(), &major, &minor)) {
        return fail("the X server has no SYNC extension");
    }

    Xid counter = 0;
    int count = 0;
    if (XSyncSystemCounter* counters = XSyncListSystemCounters(display.get(), &count)) {
        for (int i = 0; i < count; ++i) {
            if (std::strcmp(counters[i].name, "IDLETIME") == 0) counter = counters[i].counter;
        }
        XSyncFreeSystemCounterList(counters);
    }
    if (counter == 0) return fail("no IDLETIME counter");

    log::get("idle")->info("watching input on X display {} (SYNC {}.{} IDLETIME alarms)", name,
                           major, minor);
    return std::unique_ptr<X11IdleSource>(
        new X11IdleSource(io, listener, display.release(), event_base, counter));
}

X11IdleSource::X11IdleSource(boost::asio::io_context& io, IdleListener& listener, Display* display,
                             int sync_event_base, Xid idle_counter)
    : listener_(listener),
      display_(display),
      display_name_(DisplayString(display)),
      sync_event_base_(sync_event_base),
      idle_counter_(idle_counter),
      connection_(io, ConnectionNumber(display)) {
    wait_for_input();
}

X11IdleSource::~X11IdleSource() {
    alive_.reset();
    // The descriptor belongs to Xlib: stop watching it, but do not close it.
    boost::system::error_code ignored;
    connection_.cancel(ignored);
    connection_.release();
    XCloseDisplay(display_);  // also destroys our alarms on the server
}

void X11IdleSource::watch(std::vector<Millis> thresholds) {
    for (auto& t : thresholds) t = std::max(t, Millis{1});
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    for (auto& w : watched_) XSyncDestroyAlarm(display_, w.alarm);
    watched_.clear();
    for (auto t : thresholds) {
        Watched w{t};
        // PositiveComparison (counter >= value), not PositiveTransition: a
        // threshold that is already behind us (watch() while the user is
        // away) fires at once instead of never.
        set_alarm(w.alarm, XSyncPositiveComparison, t.count());
        watched_.push_back(w);
    }
    XFlush(display_);
    // Xlib may have read events into its queue while we talked to it; the
    // socket will not turn readable for those.
    drain_soon();
}

void X11IdleSource::await_activity() {
    // The engine learned of an absence elsewhere (a suspend): no idle alarm
    // went off, so arm the reset alarm from the counter's value right now.
    XSyncValue value;
    if (!XSyncQueryCounter(display_, idle_counter_, &value)) return;
    set_alarm(reset_alarm_, XSyncNegativeComparison, std::max<std::int64_t>(from_xsync(value) - 1, 0));
    idle_ = true;
    XFlush(display_);
    drain_soon();
}

void X11IdleSource::set_alarm(Xid& alarm, int test_type, std::int64_t value) {
    XSyncAlarmAttributes attr{};
    attr.trigger.counter = idle_counter_;
    attr.trigger.value_type = XSyncAbsolute;
    attr.trigger.test_type = static_cast<XSyncTestType>(test_type);
    attr.trigger.wait_value = to_xsync(value);
    // Delta 0 on a comparison alarm: it fires once and goes inactive until
    // we change it again, instead of firing for every tick past the value.
    attr.delta = to_xsync(0);
    const unsigned long mask =
        XSyncCACounter | XSyncCAValueType | XSyncCATestType | XSyncCAValue | XSyncCADelta;
    if (alarm != 0) {
        XSyncChangeAlarm(display_, alarm, mask, &attr);
    } else {
        alarm = XSyncCreateAlarm(display_, mask, &attr);
    }
}

void X11IdleSource::wait_for_input() {
    connection_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                           [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
                               if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
                               if (ec) {
                                   // EOF never gets here: Xlib sees it first (in drain) and
                                   // calls on_io_error. This is the socket itself failing.
                                   listener_.on_source_lost("lost the X display " + display_name_ +
                                                            ": " + ec.message());
                                   return;
                               }
                               drain();
                               wait_for_input();
                           });
}

void X11IdleSource::drain_soon() {
    boost::asio::post(connection_.get_executor(), [this, alive = std::weak_ptr<int>(alive_)] {
        if (!alive.expired()) drain();
    });
}

void X11IdleSource::drain() {
    // XPending flushes our requests and reads what the socket has; when it
    // answers 0 nothing is buffered anywhere, so waiting on the fd is safe.
    while (XPending(display_) > 0) {
        XEvent event;
        XNextEvent(display_, &event);
        if (event.type != sync_event_base_ + XSyncAlarmNotify) continue;
        const auto& alarm = reinterpret_cast<const XSyncAlarmNotifyEvent&>(event);
        if (alarm.state == XSyncAlarmDestroyed) continue;
        on_alarm(alarm.alarm, from_xsync(alarm.counter_value));
    }
}

void X11IdleSource::on_alarm(Xid alarm, std::int64_t idle_ms) {
    auto log = log::get("idle");
    if (alarm == reset_alarm_) {
        if (!idle_) return;
        idle_ = false;
        for (auto& w : watched_) {
            w.reported = false;
            set_alarm(w.alarm, XSyncPositiveComparison, w.threshold.count());
        }
        log->debug("input after idleness");
        listener_.on_active();
        return;
    }

    const auto hit = std::find_if(watched_.begin(), watched_.end(),
                                  [&](const Watched& w) { return w.alarm == alarm; });
    if (hit == watched_.end()) return;  // from thresholds that watch() replaced
    // Two alarms can fire in one server wake-up and arrive in either order;
    // report every threshold up to this one, shortest first, once.
    int reports = 0;
    for (auto w = watched_.begin(); w != hit + 1; ++w) {
        if (!w->reported) {
            w->reported = true;
            ++reports;
        }
    }
    // The reset alarm fires at the next input, which drops the counter to 0.
    // NegativeComparison means "<=", hence one below the value we saw. A
    // comparison, not a transition: if input came while this event waited
    // in the queue, it fires at once.
    set_alarm(reset_alarm_, XSyncNegativeComparison, idle_ms - 1);
    idle_ = true;
    log->debug("idle for {} ms", idle_ms);
    for (int i = 0; i < reports; ++i) listener_.on_idle(Millis{idle_ms});
}

}  // namespace limber::desktop
