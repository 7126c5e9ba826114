// SPDX-License-Identifier: MIT
// ext-idle-notify-v1, the standard idle protocol: sway >= 1.8, KWin >= 5.27,
// Hyprland, niri, labwc, COSMIC.
#pragma once

#include <cstdint>
#include <memory>

#include "desktop/wayland_connection.hpp"
#include "desktop/wayland_idle_timers.hpp"

struct ext_idle_notifier_v1;

namespace limber::desktop {

class ExtIdleNotify final : public IdleTimers::Factory {
public:
    static constexpr const char* kGlobal = "ext_idle_notifier_v1";
    // The newest version we know. Version 2 adds input-only notifications.
    static constexpr std::uint32_t kMaxVersion = 2;

    // Binds `global` at min(advertised, kMaxVersion).
    ExtIdleNotify(WaylandConnection& connection, const WaylandConnection::Global& global);
    ~ExtIdleNotify() override;
    ExtIdleNotify(const ExtIdleNotify&) = delete;
    ExtIdleNotify& operator=(const ExtIdleNotify&) = delete;

    std::uint32_t version() const { return version_; }
    // From version 2 on, get_input_idle_notification: only input counts, so
    // a video player's idle inhibitor cannot make an empty chair look busy.
    // Version 1 has only get_idle_notification, which inhibitors hold back.
    void* create(std::uint32_t timeout_ms, IdleTimers::Timer& timer) override;
    void destroy(void* handle) override;

private:
    ext_idle_notifier_v1* notifier_;
    std::uint32_t version_;
    wl_seat* seat_;
};

}  // namespace limber::desktop
