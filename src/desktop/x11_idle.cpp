// SPDX-License-Identifier: MIT
#include "desktop/x11_idle.hpp"

#include <X11/Xlib.h>
#include <X11/extensions/sync.h>

#include <algorithm>
#include <cstring>

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

}  // namespace

Result<std::unique_ptr<X11IdleSource>> X11IdleSource::create(boost::asio::io_context& io,
                                                              IdleListener& listener) {
    auto x = X11Connection::open(io);
    if (!x) return x.error();
    Display* display = (*x)->display();

    int event_base = 0;
    int error_base = 0;
    int major = 0;
    int minor = 0;
    if (!XSyncQueryExtension(display, &event_base, &error_base) ||
        !XSyncInitialize(display, &major, &minor)) {
        return fail("the X server has no SYNC extension");
    }

    Xid counter = 0;
    int count = 0;
    if (XSyncSystemCounter* counters = XSyncListSystemCounters(display, &count)) {
        for (int i = 0; i < count; ++i) {
            if (std::strcmp(counters[i].name, "IDLETIME") == 0) counter = counters[i].counter;
        }
        XSyncFreeSystemCounterList(counters);
    }
    if (counter == 0) return fail("no IDLETIME counter");

    log::get("idle")->info("watching input on X display {} (SYNC {}.{} IDLETIME alarms)", (*x)->name(),
                           major, minor);
    return std::unique_ptr<X11IdleSource>(new X11IdleSource(listener, std::move(*x), event_base, counter));
}

X11IdleSource::X11IdleSource(IdleListener& listener, std::unique_ptr<X11Connection> x, int sync_event_base,
                             Xid idle_counter)
    : listener_(listener),
      x_(std::move(x)),
      display_(x_->display()),
      sync_event_base_(sync_event_base),
      idle_counter_(idle_counter) {
    x_->start([this](XEvent& e) { on_event(e); }, [this](const std::string& why) { listener_.on_source_lost(why); });
}

// Closing the connection destroys our alarms on the server.
X11IdleSource::~X11IdleSource() = default;

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
    x_->drain_soon();
}

void X11IdleSource::await_activity() {
    // The engine learned of an absence elsewhere (a suspend): no idle alarm
    // went off, so arm the reset alarm from the counter's value right now.
    XSyncValue value;
    if (!XSyncQueryCounter(display_, idle_counter_, &value)) return;
    set_alarm(reset_alarm_, XSyncNegativeComparison, std::max<std::int64_t>(from_xsync(value) - 1, 0));
    idle_ = true;
    XFlush(display_);
    x_->drain_soon();
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

void X11IdleSource::on_event(XEvent& event) {
    if (event.type != sync_event_base_ + XSyncAlarmNotify) return;
    const auto& alarm = reinterpret_cast<const XSyncAlarmNotifyEvent&>(event);
    if (alarm.state == XSyncAlarmDestroyed) return;
    on_alarm(alarm.alarm, from_xsync(alarm.counter_value));
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
