// SPDX-License-Identifier: MIT
// The one layout of --help for limberd, limberctl and limber-tray: a
// "Usage:" line, what the program does, titled sections of aligned rows,
// and a closing paragraph (exit status).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace limber {

// The texts are English, marked with tr_noop: render_help translates the
// rows' texts, the titles, the about and the footer.
struct HelpRow {
    std::string_view term;  // "--socket PATH", "status [--json]"
    std::string_view text;  // may hold '\n': the next line starts under the first
};

struct HelpSection {
    std::string_view title;  // "Options", "Commands"
    std::vector<HelpRow> rows;
};

struct HelpPage {
    std::string usage;  // after "Usage: ", may hold '\n' for a long one
    std::string about;
    std::vector<HelpSection> sections;
    std::string footer;  // "" for none
};

// Terms longer than the column put their text on the next line.
std::string render_help(const HelpPage& page);
// "limberctl 0.1.0\n": what --version prints.
std::string version_line(std::string_view program);

}  // namespace limber
