// SPDX-License-Identifier: MIT
#include "util/help.hpp"

#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber {
namespace {

constexpr std::size_t kIndent = 2;
constexpr std::size_t kColumn = 24;  // where a row's text starts

void append_row(std::string& out, const HelpRow& row) {
    out += std::string(kIndent, ' ');
    out += row.term;
    const std::size_t used = kIndent + display_width(std::string(row.term));
    if (used + 1 > kColumn) out += "\n" + std::string(kColumn, ' ');
    else out += std::string(kColumn - used, ' ');
    // tr() may hand back its argument: keep that string alive while it is read.
    const std::string english(row.text);
    for (const char c : std::string_view(tr(english.c_str()))) {
        out += c;
        if (c == '\n') out += std::string(kColumn, ' ');
    }
    out += '\n';
}

}  // namespace

std::string render_help(const HelpPage& page) {
    // TRANSLATORS: {} is a command line: "limberctl [OPTIONS] COMMAND [ARGS]".
    std::string out = trf("Usage: {}", page.usage) + "\n";
    if (!page.about.empty()) out += "\n" + std::string(tr(page.about.c_str())) + "\n";
    for (const HelpSection& section : page.sections) {
        if (section.rows.empty()) continue;
        out += "\n";
        const std::string title(section.title);
        out += tr(title.c_str());
        out += ":\n";
        for (const HelpRow& row : section.rows) append_row(out, row);
    }
    if (!page.footer.empty()) out += "\n" + std::string(tr(page.footer.c_str())) + "\n";
    return out;
}

std::string version_line(std::string_view program) {
    return std::string(program) + " " + LIMBER_VERSION + "\n";
}

}  // namespace limber
