// SPDX-License-Identifier: MIT
#include "desktop/wlr_fullscreen.hpp"

#include <wayland-client.h>

#include <algorithm>
#include <cstdlib>

#include "desktop/wayland_connection.hpp"
#include "util/log.hpp"
#include "wlr-foreign-toplevel-management-unstable-v1-client-protocol.h"

namespace limber::desktop {
namespace {

// Version 2 added the fullscreen state; version 1 cannot tell us.
constexpr std::uint32_t kVersion = 2;

WlrFullscreen& self(void* data) { return *static_cast<WlrFullscreen*>(data); }

void on_title(void*, zwlr_foreign_toplevel_handle_v1*, const char*) {}
void on_app_id(void* data, zwlr_foreign_toplevel_handle_v1* handle, const char* app_id) {
    self(data).toplevel(handle).app_id = app_id;
}
void on_output(void*, zwlr_foreign_toplevel_handle_v1*, wl_output*) {}
void on_state(void* data, zwlr_foreign_toplevel_handle_v1* handle, wl_array* states) {
    WlrFullscreen::Toplevel& t = self(data).toplevel(handle);
    t.next_active = t.next_fullscreen = false;
    const auto* state = static_cast<const std::uint32_t*>(states->data);
    for (std::size_t i = 0; i < states->size / sizeof(std::uint32_t); ++i) {
        t.next_active = t.next_active || state[i] == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_ACTIVATED;
        t.next_fullscreen = t.next_fullscreen || state[i] == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_FULLSCREEN;
    }
}
void on_parent(void*, zwlr_foreign_toplevel_handle_v1*, zwlr_foreign_toplevel_handle_v1*) {}  // version 3: not bound
void on_done(void* data, zwlr_foreign_toplevel_handle_v1* handle) {
    WlrFullscreen::Toplevel& t = self(data).toplevel(handle);
    t.active = t.next_active;
    t.fullscreen = t.next_fullscreen;
    self(data).changed();
}
void on_closed(void* data, zwlr_foreign_toplevel_handle_v1* handle) { self(data).closed(handle); }

const zwlr_foreign_toplevel_handle_v1_listener kHandle{on_title, on_app_id, on_output, on_output,
                                                       on_state,  on_done,   on_closed, on_parent};

void on_toplevel(void* data, zwlr_foreign_toplevel_manager_v1*, zwlr_foreign_toplevel_handle_v1* handle) {
    self(data).added(handle);
}
void on_finished(void* data, zwlr_foreign_toplevel_manager_v1*) { self(data).finished(); }

const zwlr_foreign_toplevel_manager_v1_listener kManager{on_toplevel, on_finished};

}  // namespace

WlrFullscreen::WlrFullscreen(BusyListener& listener) : listener_(listener) {}

WlrFullscreen::~WlrFullscreen() {
    for (const auto& [handle, t] : toplevels_) zwlr_foreign_toplevel_handle_v1_destroy(handle);
    if (manager_) zwlr_foreign_toplevel_manager_v1_destroy(manager_);
    if (connection_) connection_->flush();
}

std::unique_ptr<WlrFullscreen> WlrFullscreen::create(boost::asio::io_context& io, BusyListener& listener) {
    std::unique_ptr<WlrFullscreen> s(new WlrFullscreen(listener));
    if (std::getenv("WAYLAND_DISPLAY") == nullptr) {
        s->why_ = "not a Wayland session (no WAYLAND_DISPLAY)";
        return s;
    }
    auto opened = WaylandConnection::open(io);
    if (!opened) {
        s->why_ = opened.error().message;
        return s;
    }
    s->connection_ = std::move(opened).value();
    const auto* global = s->connection_->find(kGlobal);
    if (global == nullptr || global->version < kVersion) {
        s->why_ = "the compositor on " + s->connection_->display_name() + " does not offer " + kGlobal +
                  (global ? " version 2 (the fullscreen state)" : " (GNOME and KDE do not; wlroots compositors do)");
        s->connection_.reset();
        return s;
    }
    s->manager_ = static_cast<zwlr_foreign_toplevel_manager_v1*>(
        s->connection_->bind(*global, zwlr_foreign_toplevel_manager_v1_interface, kVersion));
    zwlr_foreign_toplevel_manager_v1_add_listener(s->manager_, &kManager, s.get());
    s->used_ = true;
    s->why_ = std::string(kGlobal) + " on " + s->connection_->display_name() + ": the toplevels' states as they change";
    s->connection_->start([raw = s.get()](const std::string& why) { raw->lost(why); });
    s->connection_->flush();
    return s;
}

void WlrFullscreen::added(zwlr_foreign_toplevel_handle_v1* handle) {
    toplevels_[handle] = {};
    zwlr_foreign_toplevel_handle_v1_add_listener(handle, &kHandle, this);
}

void WlrFullscreen::changed() {
    const auto it = std::find_if(toplevels_.begin(), toplevels_.end(),
                                 [](const auto& t) { return t.second.active && t.second.fullscreen; });
    if (it == toplevels_.end()) report(false, "");
    else report(true, it->second.app_id);
}

void WlrFullscreen::closed(zwlr_foreign_toplevel_handle_v1* handle) {
    toplevels_.erase(handle);
    zwlr_foreign_toplevel_handle_v1_destroy(handle);
    changed();
}

void WlrFullscreen::finished() {
    // No toplevel state counts any more: a handle left behind could still
    // report a state and bring back a hold the probe says is off.
    for (const auto& [handle, t] : toplevels_) zwlr_foreign_toplevel_handle_v1_destroy(handle);
    toplevels_.clear();
    // The compositor destroys the manager itself after this event.
    wl_proxy_destroy(reinterpret_cast<wl_proxy*>(manager_));
    manager_ = nullptr;
    lost("the compositor stopped sending toplevels");
}

void WlrFullscreen::lost(const std::string& why) {
    used_ = false;
    why_ = why;
    report(false, "");
}

void WlrFullscreen::report(bool on, const std::string& who) {
    if (on == on_ && who == who_) return;
    on_ = on;
    who_ = who;
    if (on) log::get("busy")->info("fullscreen on Wayland: {}", who.empty() ? "a window" : who);
    else log::get("busy")->info("no fullscreen window has the focus");
    listener_.on_busy(core::BusyKind::fullscreen, on, who);
}

Probe WlrFullscreen::probe() const {
    Probe p{"busy", "wayland fullscreen", used_, why_};
    if (on_) p.why += "; on now (" + (who_.empty() ? std::string("a window") : who_) + ")";
    return p;
}

}  // namespace limber::desktop
