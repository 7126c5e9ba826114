// SPDX-License-Identifier: MIT
#include "desktop/current_desktop.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace limber::desktop {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

}  // namespace

CurrentDesktop CurrentDesktop::from_env() {
    const char* value = std::getenv("XDG_CURRENT_DESKTOP");
    return CurrentDesktop(value ? std::optional<std::string>(value) : std::nullopt);
}

bool CurrentDesktop::is(std::string_view name) const {
    if (!value_) return false;
    std::string_view rest = *value_;
    while (true) {
        const auto colon = rest.find(':');
        if (same_ignoring_case(rest.substr(0, colon), name)) return true;
        if (colon == std::string_view::npos) return false;
        rest.remove_prefix(colon + 1);
    }
}

std::string CurrentDesktop::why_not(std::string_view session) const {
    std::string why = "not ";
    why += session;
    why += " (XDG_CURRENT_DESKTOP is ";
    why += value_ ? "\"" + *value_ + "\")" : "not set)";
    return why;
}

}  // namespace limber::desktop
