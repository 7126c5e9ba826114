// SPDX-License-Identifier: MIT
// Programs the tray starts for the user (limberctl for the report page,
// xdg-open for the browser and the editor) without blocking its loop, and
// how they ended: a pidfd on the loop says when a child exits, so that a
// browser or an editor that does not start is told to the user rather than
// lost on the tray's stderr.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "util/result.hpp"

namespace limber::tray {

// status: the exit code, or 128 + the signal that ended it. error_output:
// what it wrote to stderr, when asked for.
using OnExit = std::function<void(int status, const std::string& error_output)>;

// argv[0] is looked up in PATH. capture_stderr only for a program that
// leaves no child behind: a browser inheriting the pipe would keep it open.
// Error: it could not be started at all.
Result<void> launch(boost::asio::io_context& io, const std::vector<std::string>& argv, bool capture_stderr,
                    OnExit on_exit);

// Something the user asked for did not happen: a title and a sentence or two.
using Failed = std::function<void(const std::string& title, const std::string& body)>;

// xdg-open PATH: the user's browser for a page, editor for a text file.
// Why xdg-open and not $VISUAL or $EDITOR: those name terminal editors, and
// a tray has no terminal to run them in, nor a portable way to pick the
// user's terminal emulator. `what` names it for the failure ("this week's
// report"), `instead` says what the user can do then.
void open_with_desktop(boost::asio::io_context& io, const std::string& path, const std::string& what,
                       const std::string& instead, Failed failed);

}  // namespace limber::tray
