// SPDX-License-Identifier: MIT
// How reminders and routine steps reach the user's screen.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace limber::desktop {

enum class Urgency { low, normal, critical };

struct Action {
    std::string key;    // what comes back in on_action
    std::string label;  // what the button says
};

struct Notification {
    std::string tag;      // "reminder" or "routine": a second show() with the same tag updates in place
    std::string summary;  // plain text
    std::string body;     // plain text; the notifier escapes markup
    Urgency urgency = Urgency::normal;
    std::vector<Action> actions;
    std::string icon;  // an icon name from the theme; empty: the server's choice
    // A picture file (absolute path) sent as the `image-path` hint; empty: none.
    std::string image;
    // 0-100, sent as the `value` hint (a progress bar in dunst); none: no bar.
    std::optional<int> progress;
    // Only an update of what is on the screen: if the user closed this tag,
    // it stays closed (a progress tick must not bring back a dismissed step).
    bool refresh = false;
    // How long the server shows it; nullopt: the server's default, zero: until closed.
    std::optional<std::chrono::milliseconds> expires;
    bool transient = false;  // a glance: the server keeps it out of its history
    bool suppress_sound = false;  // we play our own cue for it: the server should not add its sound
};

// Called on the daemon's io_context thread.
class NotifierListener {
public:
    virtual ~NotifierListener() = default;
    virtual void on_action(const std::string& tag, const std::string& action_key) = 0;
    // The server appeared (true) or went away (false).
    virtual void on_server(bool available) = 0;
};

class Notifier {
public:
    virtual ~Notifier() = default;
    virtual std::string_view name() const = 0;
    virtual bool available() const = 0;
    // Never blocks the caller. Without a server, the latest notification per
    // tag is kept and shown as soon as one appears.
    virtual void show(Notification n) = 0;
    virtual void close(const std::string& tag) = 0;
};

}  // namespace limber::desktop
