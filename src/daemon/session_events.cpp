// SPDX-License-Identifier: MIT
// The daemon's side of the session sources (lock, sleep, idle inhibitors)
// and the `doctor` command, which reports every source we tried.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "config/paths.hpp"
#include "daemon/daemon.hpp"
#include "daemon/messages.hpp"
#include "store/file_check.hpp"
#include "util/log.hpp"

#ifndef LIMBER_VERSION
#define LIMBER_VERSION "0.0.0"
#endif

namespace limber::daemon {
namespace {

using nlohmann::json;

constexpr const char* kInhibitedNote =
    "an application holds an idle inhibitor (a video call, a presentation). Most activity sources cannot "
    "see you leave while it lasts (only ext-idle-notify v2 can), so that time counts as sitting until the "
    "source reports idle again";

json probe_json(const desktop::Probe& p) {
    return {{"kind", p.kind}, {"name", p.name}, {"used", p.used}, {"why", p.why}};
}

std::string absolute(const std::string& path) {
    std::error_code ec;
    const auto full = std::filesystem::absolute(path, ec);
    return ec ? path : full.string();
}

json env_or_null(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? json(value) : json(nullptr);
}

}  // namespace

void Daemon::on_locked() {
    apply(engine_.locked(now()));
    settle();
}

void Daemon::on_unlocked() {
    apply(engine_.unlocked(now()));
    settle();
}

// Sleep and wake are the engine's to judge (it measures the sleep from the
// announcement); here they only reach it.
void Daemon::on_prepare_sleep() {
    apply(engine_.sleeping(now()));
    settle();
}

void Daemon::on_resumed() {
    const Stamp t = now();  // reports the sleep if the clocks saw it
    apply(engine_.woke(t));
    settle();
}

void Daemon::on_busy(core::BusyKind kind, bool on, const std::string& who) {
    if (on) busy_[kind] = who;
    else busy_.erase(kind);
    core::BusySet set;
    for (const auto& [k, w] : busy_) set.add(k);
    apply(engine_.busy(now(), set));
    settle();
}

void Daemon::on_inhibitors_changed(bool idle_inhibited, const std::string& by) {
    // Decided in docs/architecture.md: the time still counts as sitting
    // (mostly it is: a call, a talk); we only say that the source may be
    // blind to an empty chair meanwhile.
    idle_inhibited_ = idle_inhibited;
    idle_inhibited_by_ = by;
    history_.apply(core::Record{idle_inhibited ? "idle_inhibited" : "idle_uninhibited", clock_.now().wall,
                                {{"by", by}}});
    settle();
}

void Daemon::add_session_status(ipc::StatusMessage& status) const {
    status.idle_inhibited = idle_inhibited_;
    status.idle_inhibitors = idle_inhibited_by_;
    if (idle_inhibited_) status.idle_inhibited_note = kInhibitedNote;
    for (const auto& [kind, who] : busy_)
        if (engine_.settings().hold_sources.has(kind))
            status.busy.push_back(std::string(core::to_string(kind)) + (who.empty() ? "" : ": " + who));
}

// Sound and speech connect only while a routine runs, so what doctor can
// tell is whether they are on, and what went wrong the last time.
std::vector<desktop::Probe> Daemon::guidance_probes() const {
    const Settings& s = engine_.settings();
    auto probe = [](std::string kind, std::string name, bool on, const std::string& problem, std::string off,
                    std::string fine) {
        return desktop::Probe{std::move(kind), std::move(name), on && problem.empty(),
                              !on ? std::move(off) : problem.empty() ? std::move(fine) : problem};
    };
    return {probe("sound", std::string(desktop_.sound->name()), s.sounds, desktop_.sound->problem(),
                  "off: sounds = false in [routine]",
                  "cues at each step; connects to the sound server when a routine starts"),
            probe("speech", std::string(desktop_.speech->name()), s.speak, desktop_.speech->problem(),
                  "off: speak = false in [routine]",
                  "says each step; connects to speech-dispatcher when a routine starts")};
}

// dunst's, KDE Plasma's and Xfce's do-not-disturb are on the session bus, among sessions_'s probes.
std::vector<desktop::Probe> Daemon::busy_probes() const {
    std::vector<desktop::Probe> out;
    if (pipewire_) out = pipewire_->probes();
    else out.push_back({"busy", "pipewire", false, "[hold] sources name no microphone, camera or screencast"});
    out.push_back(v4l2_ ? v4l2_->probe()
                        : desktop::Probe{"busy", "v4l2 camera", false, "[hold] sources do not name camera"});
    const std::string no_fullscreen = "[hold] sources do not name fullscreen (off by default)";
    out.push_back(fullscreen_ ? fullscreen_->probe() : desktop::Probe{"busy", "x11 fullscreen", false, no_fullscreen});
    out.push_back(wlr_fullscreen_ ? wlr_fullscreen_->probe()
                                  : desktop::Probe{"busy", "wayland fullscreen", false, no_fullscreen});
    const std::string gnome_off = !engine_.settings().hold_sources.has(core::BusyKind::dnd)
                                      ? "[hold] sources do not name dnd"
                                      : desktop_.current.why_not("a GNOME session");
    out.push_back(gnome_dnd_ ? gnome_dnd_->probe() : desktop::Probe{"busy", "GNOME do-not-disturb", false, gnome_off});
    return out;
}

json Daemon::doctor() {
    json probes = json::array();
    for (const auto& p : desktop_.probes)
        if (p.kind != "notifier") probes.push_back(probe_json(p));
    if (sessions_)
        for (const auto& p : sessions_->probes()) probes.push_back(probe_json(p));
    for (const auto& p : busy_probes()) probes.push_back(probe_json(p));
    for (const auto& p : desktop_.probes)
        if (p.kind == "notifier") probes.push_back(probe_json(p));
    for (const auto& p : guidance_probes()) probes.push_back(probe_json(p));

    json env = json::object();
    for (const char* name : {"XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE", "XDG_SESSION_ID", "WAYLAND_DISPLAY", "DISPLAY"})
        env[name] = env_or_null(name);

    json j{{"daemon", "limberd"},
           {"version", LIMBER_VERSION},
           {"protocol", ipc::kProtocolVersion},
           {"pid", static_cast<std::int64_t>(getpid())},
           {"config", absolute(options_.config.empty() ? paths::config_file() : options_.config)},
           {"database", absolute(options_.db.empty() ? paths::database() : options_.db)},
           {"socket", socket_path_},
           {"idle_backend", desktop_.idle ? std::string(desktop_.idle->name()) : "none"},
           {"notifier", std::string(desktop_.notifier->name())},
           {"notification_server", desktop_.notifier->available()},
           {"idle_inhibited", idle_inhibited_},
           {"idle_inhibitors", idle_inhibited_by_},
           {"environment", env},
           {"probes", probes},
           {"skipped_routines", skipped_json(skipped_routines_)}};
    if (idle_inhibited_) j["idle_inhibited_note"] = kInhibitedNote;
    json aside = json::array();
    for (const auto& name : store::moved_aside(db_path_)) aside.push_back(absolute(name));
    j["history"] = {{"writing", history_.writing()},
                    {"problem", history_.writing() ? json(nullptr) : json(history_.problem())},
                    {"moved_aside", aside}};
    return j;
}

}  // namespace limber::daemon
