// SPDX-License-Identifier: MIT
#include "desktop/wayland_idle_timers.hpp"

#include <algorithm>
#include <limits>

namespace limber::desktop {

namespace {

std::uint32_t wire_timeout(Millis t) {
    constexpr auto max = std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(std::clamp<Millis::rep>(t.count(), 1, max));
}

}  // namespace

IdleTimers::~IdleTimers() {
    for (auto& timer : watched_) drop(timer);
    drop(await_);
}

void IdleTimers::drop(std::unique_ptr<Timer>& timer) {
    if (!timer) return;
    factory_.destroy(timer->handle_);
    timer.reset();
}

void IdleTimers::watch(std::vector<Millis> thresholds) {
    for (auto& t : thresholds) t = Millis{wire_timeout(t)};
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    std::vector<std::unique_ptr<Timer>> next;
    for (auto t : thresholds) {
        auto kept = std::find_if(watched_.begin(), watched_.end(),
                                 [&](const auto& w) { return w && w->threshold_ == t; });
        if (kept != watched_.end()) {
            next.push_back(std::move(*kept));
            continue;
        }
        auto timer = std::make_unique<Timer>(*this, t);
        timer->handle_ = factory_.create(wire_timeout(t), *timer);
        next.push_back(std::move(timer));
    }
    for (auto& old : watched_) drop(old);
    watched_ = std::move(next);

    // Idle, but every timer that went idle is gone: none of them will
    // resume, so ask for the next input another way.
    const bool resume_coming = std::any_of(watched_.begin(), watched_.end(),
                                           [](const auto& w) { return w->idled_; });
    if (idle_ && !resume_coming) await_activity();
}

void IdleTimers::await_activity() {
    awaiting_ = true;
    if (await_) return;
    await_ = std::make_unique<Timer>(*this, kAwaitTimeout);
    await_->handle_ = factory_.create(wire_timeout(kAwaitTimeout), *await_);
}

void IdleTimers::on_idled(Timer& timer) {
    timer.idled_ = true;
    if (&timer == await_.get()) return;  // only armed; its resume is what counts

    const auto hit = std::find_if(watched_.begin(), watched_.end(),
                                  [&](const auto& w) { return w.get() == &timer; });
    if (hit == watched_.end()) return;
    // A timer made by a later watch() can go idle after a longer, older one;
    // then it was already reported, shortest first, with the longer one.
    int reports = 0;
    for (auto w = watched_.begin(); w != hit + 1; ++w) {
        if (!(*w)->reported_) {
            (*w)->reported_ = true;
            ++reports;
        }
    }
    if (reports > 0) idle_ = true;
    for (int i = 0; i < reports; ++i) listener_.on_idle(timer.threshold_);
}

void IdleTimers::on_resumed(Timer& timer) {
    timer.idled_ = false;
    if (&timer == await_.get()) drop(await_);  // destroying a proxy inside its own event is fine
    // Every timer that was idle resumes at the same input: report it once.
    if (!idle_ && !awaiting_) return;
    idle_ = false;
    awaiting_ = false;
    for (auto& w : watched_) w->reported_ = false;
    listener_.on_active();
}

}  // namespace limber::desktop
