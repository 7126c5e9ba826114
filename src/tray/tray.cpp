// SPDX-License-Identifier: MIT
#include "tray/tray.hpp"

#include <ctime>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>

#include "tray/report_opener.hpp"
#include "tray/settings_opener.hpp"
#include "util/log.hpp"

namespace limber::tray {

Tray::Tray(boost::asio::io_context& io, dbus::AsioBus& bus, TrayOptions options, std::function<void()> quit)
    : io_(io),
      bus_(bus),
      quit_(std::move(quit)),
      socket_(options.socket),
      item_(bus.connection(), options.service, "/MenuBar", options.icon_theme_path,
            {[this] { activate(); }, [this] { return summarize(snapshot_, now()); }}),
      menu_(bus.connection(), "/MenuBar",
            {[this] { return build_menu(snapshot_, now()); },
             [this](const std::string& key) {
                 // After the Event call has been answered, not inside it.
                 boost::asio::post(io_, [this, key] { clicked(key); });
             },
             [this] {
                 // The answers arrive while the menu is open and redraw
                 // it, so only for what can be stale: routines after a
                 // reload (rare), and the report after midnight.
                 link_.fetch_routines();
                 if (snapshot_.today && !report_is_today(*snapshot_.today, now())) link_.fetch_today();
             }}),
      link_(io, options.socket,
            {[this](const Json& status) {
                 snapshot_.status = status;
                 changed();
             },
             [this] {
                 if (!snapshot_.status) return;
                 snapshot_.status.reset();
                 snapshot_.today.reset();
                 changed();
             },
             [this](const Json& routines) {
                 if (routines == snapshot_.routines) return;
                 snapshot_.routines = routines;
                 changed();
             },
             [this](std::optional<Json> today) {
                 if (today == snapshot_.today) return;
                 snapshot_.today = std::move(today);
                 changed();
             }}),
      icon_timer_(io) {}

void Tray::start() { link_.start(); }

Now Tray::now() {
    // The tray's one look at the clock per question asked.
    const auto wall = std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch());
    const std::time_t t = static_cast<std::time_t>(wall.count() / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    return Now{wall, Millis(local.tm_gmtoff * 1000)};
}

void Tray::changed() {
    const Now at = now();
    try {
        item_.set_icon(choose_icon(snapshot_, at));
        item_.tooltip_changed();
        menu_.refresh();
    } catch (const sdbus::Error& e) {
        // Only a broken bus refuses a signal; AsioBus reports that and we exit.
        log::get("tray")->debug("cannot tell the panel: {}", e.getMessage());
    }
    arm_icon_timer(at);
    // Signals sent from a socket handler may sit in sd-bus's queue.
    bus_.process();
}

void Tray::arm_icon_timer(const Now& at) {
    icon_timer_.cancel();
    const auto when = next_icon_change(snapshot_, at);
    if (!when) return;
    icon_timer_.expires_after(*when - at.wall);
    icon_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) changed();
    });
}

void Tray::clicked(const std::string& key) {
    const auto action = action_for(key, snapshot_, now());
    if (!action) {
        log::get("tray")->debug("menu item {} does nothing", key);
        return;
    }
    log::get("tray")->debug("menu item {}: {} {}", key, action->cmd, action->args.dump());
    if (action->cmd == "quit") return quit_();
    if (action->cmd == "report") return open_week_report(io_, [this](auto&... m) { tell(m...); });
    if (action->cmd == "sheet")
        return open_routine_sheet(io_, socket_, action->args.value("routine", ""), [this](auto&... m) { tell(m...); });
    if (action->cmd == "settings") return open_settings(io_, [this](auto&... m) { tell(m...); });
    link_.command(*action);
}

void Tray::tell(const std::string& title, const std::string& body) {
    log::get("tray")->warn("{}: {}", title, body);
    // Through limberd, like the status popup; with limberd down only the log has it.
    link_.command(Action{"popup", {{"title", title}, {"body", body}, {"icon", icon_name(choose_icon(snapshot_, now()))}}});
}

void Tray::activate() {
    const Action action = activate_action(snapshot_);
    if (action.cmd != "show") return link_.command(action);
    // limberd shows it, with the one notification client there is
    // (libnotify): the tray stays free of GLib. With limberd down there is
    // nothing to add to what the icon and the tooltip already say.
    const Now at = now();
    const Summary summary = summarize(snapshot_, at);
    std::string body;
    for (const auto& line : summary.lines) body += (body.empty() ? "" : "\n") + line;
    link_.command(Action{"popup", {{"title", summary.title},
                                   {"body", body},
                                   {"icon", icon_name(choose_icon(snapshot_, at))}}});
}

}  // namespace limber::tray
