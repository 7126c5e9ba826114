// SPDX-License-Identifier: MIT
#include "desktop/wayland_ext_idle.hpp"

#include <algorithm>

#include "ext-idle-notify-v1-client-protocol.h"

namespace limber::desktop {

namespace {

void on_idled(void* data, ext_idle_notification_v1*) { static_cast<IdleTimers::Timer*>(data)->idled(); }
void on_resumed(void* data, ext_idle_notification_v1*) { static_cast<IdleTimers::Timer*>(data)->resumed(); }

const ext_idle_notification_v1_listener kListener{on_idled, on_resumed};

}  // namespace

ExtIdleNotify::ExtIdleNotify(WaylandConnection& connection, const WaylandConnection::Global& global)
    : version_(std::min(global.version, kMaxVersion)), seat_(connection.seat()) {
    notifier_ = static_cast<ext_idle_notifier_v1*>(
        connection.bind(global, ext_idle_notifier_v1_interface, version_));
}

ExtIdleNotify::~ExtIdleNotify() { ext_idle_notifier_v1_destroy(notifier_); }

void* ExtIdleNotify::create(std::uint32_t timeout_ms, IdleTimers::Timer& timer) {
    ext_idle_notification_v1* n =
        version_ >= EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
            ? ext_idle_notifier_v1_get_input_idle_notification(notifier_, timeout_ms, seat_)
            : ext_idle_notifier_v1_get_idle_notification(notifier_, timeout_ms, seat_);
    ext_idle_notification_v1_add_listener(n, &kListener, &timer);
    return n;
}

void ExtIdleNotify::destroy(void* handle) {
    ext_idle_notification_v1_destroy(static_cast<ext_idle_notification_v1*>(handle));
}

}  // namespace limber::desktop
