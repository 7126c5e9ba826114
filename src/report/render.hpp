// SPDX-License-Identifier: MIT
// The report's four faces. Each is a pure function of the Report.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace limber::report {

// Every figure, keys as documented in docs/report.md (stable; order kept).
nlohmann::ordered_json to_json(const Report& r);
std::string render_json(const Report& r);

// One row per day after a header row (RFC 4180, "\r\n" line ends).
std::string render_csv(const Report& r);

struct TableStyle {
    bool colour = false;  // ANSI colours: only for a terminal, never with NO_COLOR
    int width = 80;
};
std::string render_table(const Report& r, const TableStyle& style = {});

// One self-contained XHTML-compatible page: inline CSS and SVG, no scripts,
// nothing fetched.
std::string render_html(const Report& r);

}  // namespace limber::report
