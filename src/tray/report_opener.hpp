// "Open this week's report": limberctl writes the week as HTML into the
// user's cache directory and xdg-open shows it in the browser. Both run as
// a child shell the tray does not wait for; the browser is not ours.
#pragma once

#include <string>

#include "util/result.hpp"

namespace limber::tray {

// Where the page goes: $XDG_CACHE_HOME/limber/week.html (or ~/.cache/...).
Result<std::string> report_page_path();

// Starts `limberctl report --week --format html -o PAGE && xdg-open PAGE`.
// limberctl is the one next to our own binary when there is one (a build
// tree, a non-standard prefix), else the one on PATH. Error: it could not
// be started at all; what the child then does goes to our stderr.
Result<void> open_week_report();

}  // namespace limber::tray
