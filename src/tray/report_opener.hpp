// SPDX-License-Identifier: MIT
// Pages limberctl makes for the tray to show in the browser: this week's
// report, and a routine's sheet. limberctl writes the page into the user's
// cache directory and xdg-open shows it. Both run as children the tray does
// not block on (launch.hpp); when either fails, the user is told.
#pragma once

#include <string>

#include <boost/asio/io_context.hpp>

#include "tray/launch.hpp"
#include "util/result.hpp"

namespace limber::tray {

// Where a page goes: $XDG_CACHE_HOME/limber/FILE (or ~/.cache/...), the
// directory made private.
Result<std::string> page_path(const std::string& file);

// Runs `limberctl report --week --format html -o week.html`, then `xdg-open`
// on it. limberctl is the one next to our own binary when there is one (a
// build tree, a non-standard prefix), else the one on PATH. `failed` hears
// what went wrong, at whichever step.
void open_week_report(boost::asio::io_context& io, Failed failed);

// The same with `limberctl --socket SOCKET routines show ID -o
// routine-ID.html`: the routine as the tray's limberd runs it.
void open_routine_sheet(boost::asio::io_context& io, const std::string& socket, const std::string& routine_id,
                        Failed failed);

}  // namespace limber::tray
