// SPDX-License-Identifier: MIT
// Which desktop the session says it is: XDG_CURRENT_DESKTOP, a
// colon-separated list such as "ubuntu:GNOME" or "XFCE". A setting that
// belongs to one desktop (GNOME's show-banners, Xfce's do-not-disturb)
// counts only in that desktop's session: one left behind by a desktop the
// user tried once must not hold reminders on the one they use now.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace limber::desktop {

class CurrentDesktop {
public:
    static CurrentDesktop from_env();
    explicit CurrentDesktop(std::optional<std::string> value) : value_(std::move(value)) {}

    // `name` is one entry of the list, compared without case ("GNOME", "XFCE").
    bool is(std::string_view name) const;
    // For doctor: why_not("a GNOME session") is
    // `not a GNOME session (XDG_CURRENT_DESKTOP is "sway")`.
    std::string why_not(std::string_view session) const;

private:
    std::optional<std::string> value_;  // unset: nullopt
};

}  // namespace limber::desktop
