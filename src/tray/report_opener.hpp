// "Open this week's report": limberctl writes the week as HTML into the
// user's cache directory and xdg-open shows it in the browser. Both run as
// children the tray does not block on (launch.hpp); when either fails, the
// user is told.
#pragma once

#include <string>

#include <boost/asio/io_context.hpp>

#include "tray/launch.hpp"
#include "util/result.hpp"

namespace limber::tray {

// Where the page goes: $XDG_CACHE_HOME/limber/week.html (or ~/.cache/...).
Result<std::string> report_page_path();

// Runs `limberctl report --week --format html -o PAGE`, then `xdg-open
// PAGE`. limberctl is the one next to our own binary when there is one (a
// build tree, a non-standard prefix), else the one on PATH. `failed` hears
// what went wrong, at whichever step.
void open_week_report(boost::asio::io_context& io, Failed failed);

}  // namespace limber::tray
