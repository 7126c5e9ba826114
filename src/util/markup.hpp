// SPDX-License-Identifier: MIT
// Text for places that read it as Pango/notification markup (notification
// bodies, tray tooltips, waybar): &, < and > as entities.
#pragma once

#include <string>
#include <string_view>

namespace limber {

std::string escape_markup(std::string_view text);

}  // namespace limber
