// SPDX-License-Identifier: MIT
// What both Wayland idle protocols (ext-idle-notify-v1, org_kde_kwin_idle)
// have in common, kept apart from the wire so it can be tested alone.
//
// Both give one timeout per compositor-side object: "idled" once the seat
// has had no input for that long, "resumed" at the next input after that.
// So each threshold of IdleSource::watch() gets its own object. The
// compositor fires exactly at the timeout, which makes the threshold itself
// the time since the last input.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "desktop/idle_source.hpp"

namespace limber::desktop {

class IdleTimers {
public:
    class Timer;

    // One protocol's way to make and drop the compositor-side objects.
    class Factory {
    public:
        virtual ~Factory() = default;
        // An object that calls timer.idled() after `timeout_ms` without input
        // and timer.resumed() at the next input after that.
        virtual void* create(std::uint32_t timeout_ms, Timer& timer) = 0;
        virtual void destroy(void* handle) = 0;
    };

    class Timer {
    public:
        Timer(IdleTimers& owner, Millis threshold) : owner_(owner), threshold_(threshold) {}
        void idled() { owner_.on_idled(*this); }
        void resumed() { owner_.on_resumed(*this); }

    private:
        friend class IdleTimers;
        IdleTimers& owner_;
        Millis threshold_;
        void* handle_ = nullptr;
        bool idled_ = false;     // as the compositor sees it
        bool reported_ = false;  // on_idle went out for it in this idle stretch
    };

    // The timeout of the object behind await_activity(). Not 0: wlroots'
    // org_kde_kwin_idle treats 0 as "never".
    static constexpr Millis kAwaitTimeout{1};

    IdleTimers(Factory& factory, IdleListener& listener) : factory_(factory), listener_(listener) {}
    ~IdleTimers();
    IdleTimers(const IdleTimers&) = delete;
    IdleTimers& operator=(const IdleTimers&) = delete;

    // Keeps the objects of thresholds that stay, so a reload does not restart
    // their clocks; new ones count from now, the protocols cannot backdate.
    void watch(std::vector<Millis> thresholds);
    // The protocols cannot say "tell me at the next input". A timer of
    // kAwaitTimeout can: it goes idle a millisecond after the last input
    // (that event only arms it) and resumes at the next one, which is the
    // on_active we want. It is dropped right after, so typing does not wake
    // us twice per keystroke.
    void await_activity();

private:
    void on_idled(Timer& timer);
    void on_resumed(Timer& timer);
    void drop(std::unique_ptr<Timer>& timer);

    Factory& factory_;
    IdleListener& listener_;
    std::vector<std::unique_ptr<Timer>> watched_;  // shortest threshold first
    std::unique_ptr<Timer> await_;
    bool idle_ = false;      // an on_idle went out and no on_active since
    bool awaiting_ = false;  // await_activity() was asked and no on_active since
};

}  // namespace limber::desktop
