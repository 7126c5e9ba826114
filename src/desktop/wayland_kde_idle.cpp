// SPDX-License-Identifier: MIT
#include "desktop/wayland_kde_idle.hpp"

#include "idle-client-protocol.h"

namespace limber::desktop {

namespace {

void on_idle(void* data, org_kde_kwin_idle_timeout*) { static_cast<IdleTimers::Timer*>(data)->idled(); }
void on_resumed(void* data, org_kde_kwin_idle_timeout*) { static_cast<IdleTimers::Timer*>(data)->resumed(); }

const org_kde_kwin_idle_timeout_listener kListener{on_idle, on_resumed};

}  // namespace

KdeIdle::KdeIdle(WaylandConnection& connection, const WaylandConnection::Global& global)
    : seat_(connection.seat()) {
    idle_ = static_cast<org_kde_kwin_idle*>(connection.bind(global, org_kde_kwin_idle_interface, kVersion));
}

// The manager has no destructor request; this only frees our proxy.
KdeIdle::~KdeIdle() { org_kde_kwin_idle_destroy(idle_); }

void* KdeIdle::create(std::uint32_t timeout_ms, IdleTimers::Timer& timer) {
    org_kde_kwin_idle_timeout* t = org_kde_kwin_idle_get_idle_timeout(idle_, seat_, timeout_ms);
    org_kde_kwin_idle_timeout_add_listener(t, &kListener, &timer);
    return t;
}

void KdeIdle::destroy(void* handle) {
    org_kde_kwin_idle_timeout_release(static_cast<org_kde_kwin_idle_timeout*>(handle));
}

}  // namespace limber::desktop
