// SPDX-License-Identifier: MIT
// org_kde_kwin_idle, KDE's older idle protocol: the fallback for compositors
// without ext-idle-notify-v1, such as sway 1.7 (Debian bookworm) and other
// wlroots < 0.16 compositors.
#pragma once

#include <cstdint>

#include "desktop/wayland_connection.hpp"
#include "desktop/wayland_idle_timers.hpp"

struct org_kde_kwin_idle;

namespace limber::desktop {

class KdeIdle final : public IdleTimers::Factory {
public:
    static constexpr const char* kGlobal = "org_kde_kwin_idle";
    static constexpr std::uint32_t kVersion = 1;  // the only one there is

    KdeIdle(WaylandConnection& connection, const WaylandConnection::Global& global);
    ~KdeIdle() override;
    KdeIdle(const KdeIdle&) = delete;
    KdeIdle& operator=(const KdeIdle&) = delete;

    // Idle inhibitors (a video playing) hold these timeouts back.
    void* create(std::uint32_t timeout_ms, IdleTimers::Timer& timer) override;
    void destroy(void* handle) override;

private:
    org_kde_kwin_idle* idle_;
    wl_seat* seat_;
};

}  // namespace limber::desktop
