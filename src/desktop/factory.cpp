// SPDX-License-Identifier: MIT
#include "desktop/factory.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "desktop/canberra_sound.hpp"
#include "desktop/speechd_speech.hpp"
#include "desktop/libnotify_notifier.hpp"
#include "desktop/mutter_idle.hpp"
#include "desktop/wayland_idle.hpp"
#include "desktop/x11_idle.hpp"
#include "util/log.hpp"
#include "util/result.hpp"

namespace limber::desktop {
namespace {

constexpr std::array<std::string_view, 4> kAutoOrder{"wayland", "gnome", "x11", "none"};

// In a GNOME session Mutter's idle monitor goes first: it is what GNOME
// itself blanks the screen by, and Mutter 43 has no Wayland idle protocol.
std::vector<std::string_view> auto_order(const CurrentDesktop& current) {
    std::vector<std::string_view> order(kAutoOrder.begin(), kAutoOrder.end());
    if (current.is("GNOME"))  // "GNOME", "ubuntu:GNOME", ...
        std::stable_partition(order.begin(), order.end(), [](std::string_view n) { return n == "gnome"; });
    return order;
}

bool on_wayland() {
    const char* display = std::getenv("WAYLAND_DISPLAY");
    return display != nullptr && *display != '\0';
}

// The source for one backend, or why there is none. "none" is never asked.
// A backend with several protocols adds a Probe per protocol to `detail`.
Result<std::unique_ptr<IdleSource>> open_backend(std::string_view name, boost::asio::io_context& io,
                                                 IdleListener& listener, std::vector<Probe>& detail) {
    if (name == "wayland") {
        if (!on_wayland()) return fail("WAYLAND_DISPLAY is not set");
        return open_wayland_idle(io, listener, detail);
    }
    if (name == "gnome") {
        auto gnome = MutterIdleSource::create(io, listener);
        if (!gnome) return gnome.error();
        return std::unique_ptr<IdleSource>(std::move(gnome).value());
    }
    // x11
    if (on_wayland()) return fail("WAYLAND_DISPLAY is set; X11 would only see XWayland clients");
    auto x11 = X11IdleSource::create(io, listener);
    if (!x11) return x11.error();
    return std::unique_ptr<IdleSource>(std::move(x11).value());
}

Result<void> pick_idle(Desktop& desktop, boost::asio::io_context& io, std::string_view wanted,
                       IdleListener& listener) {
    std::vector<std::string_view> order;
    const bool known = std::find(kAutoOrder.begin(), kAutoOrder.end(), wanted) != kAutoOrder.end();
    if (known) {
        order.push_back(wanted);
    } else if (wanted != "auto") {
        desktop.probes.push_back({"activity", std::string(wanted), false,
                                  "unknown backend; expected auto, wayland, gnome, x11 or none"});
    }
    for (auto name : auto_order(desktop.current)) {
        if (name != wanted) order.push_back(name);
    }

    std::string chosen;
    for (auto name : order) {
        Probe probe{"activity", std::string(name), false, {}};
        std::vector<Probe> detail;
        if (!chosen.empty()) {
            probe.why = "not needed: " + chosen + " is in use";
        } else if (name == "none") {
            probe.used = true;
            probe.why = name == wanted ? "chosen by configuration; counting session time instead"
                                       : "no activity source works here; counting session time instead";
            chosen = name;
        } else if (auto source = open_backend(name, io, listener, detail)) {
            desktop.idle = std::move(source).value();
            probe.used = true;
            probe.why = name == wanted ? "chosen by configuration" : "first backend that works here";
            chosen = name;
        } else if (name == wanted) {
            // Asked for by name: falling back would hide from the user that
            // what they asked for does not work, and measure something else.
            return fail("--idle-backend " + std::string(name) + " cannot be used here: " + source.error().message +
                        " (use --idle-backend auto to take the first backend that works)");
        } else {
            probe.why = source.error().message;
        }
        desktop.probes.push_back(std::move(probe));
        desktop.probes.insert(desktop.probes.end(), detail.begin(), detail.end());
    }
    return {};
}

}  // namespace

Result<Desktop> make_desktop(boost::asio::io_context& io, std::string_view idle_backend,
                             IdleListener& idle_listener, NotifierListener& notifier_listener) {
    Desktop desktop;
    desktop.current = CurrentDesktop::from_env();
    if (auto picked = pick_idle(desktop, io, idle_backend, idle_listener); !picked) return picked.error();

    auto libnotify = LibnotifyNotifier::create(io, notifier_listener);
    Probe notifier{"notifier", std::string(libnotify->name()), libnotify->connected(),
                   libnotify->connected()
                       ? "org.freedesktop.Notifications on the session bus; reminders wait while no server is there"
                       : "no session bus; reminders reach only the tray and limberctl"};
    desktop.glib = libnotify.get();
    desktop.notifier = std::move(libnotify);
    desktop.probes.push_back(std::move(notifier));
    desktop.sound = std::make_unique<CanberraSound>(io);
    desktop.speech = std::make_unique<SpeechdSpeech>(io);

    for (const auto& p : desktop.probes) {
        auto log = log::get(p.kind == "notifier" ? "notify" : "idle");
        if (p.used) {
            log->info("{} from {}: {}", p.kind, p.name, p.why);
        } else {
            log->debug("{} from {}: not used: {}", p.kind, p.name, p.why);
        }
    }
    return desktop;
}

}  // namespace limber::desktop
