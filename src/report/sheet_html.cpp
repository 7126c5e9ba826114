// SPDX-License-Identifier: MIT
// The sheet as a page: the report's look (style.hpp), one panel per step
// with its figure inline, sized to print on A4.
#include <sstream>

#include "report/sheet.hpp"
#include "report/style.hpp"
#include "report/svg.hpp"
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::report {
namespace {

using svg::esc;

// The <svg> element of a figure file, ready to sit inside HTML: an XML
// declaration, a doctype or a comment before it would not belong there.
// "" when there is no <svg> in it.
std::string inline_svg(const std::string& file) {
    const std::size_t start = file.find("<svg");
    const std::size_t end = file.rfind("</svg>");
    if (start == std::string::npos || end == std::string::npos || end < start) return {};
    return file.substr(start, end + 6 - start);
}

std::string figures(const Step& s, const SheetFigure& f) {
    const std::string svg = inline_svg(f.svg);
    if (svg.empty()) return "<div class=\"figs\"><div class=\"nofig\"></div></div>";
    std::string out = "<div class=\"figs\"><figure>" + svg + "</figure>";
    if (s.both_sides) {
        const std::string other = inline_svg(f.mirrored);
        out += "<figure class=\"other\">" + other + "<figcaption>then the other side</figcaption></figure>";
    }
    return out + "</div>";
}

std::string fact(const std::string& label, const std::string& value) {
    return "<span>" + esc(label) + " <b>" + esc(value) + "</b></span>";
}

}  // namespace

std::string sheet_html(const Routine& r, const std::vector<SheetFigure>& figs) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" << esc(i18n::language_code()) << "\"><head><meta charset=\"utf-8\"/>"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
      << "<title>Limber · " << esc(r.name) << "</title><style>" << base_style() << sheet_style()
      << "</style></head><body><main class=\"sheet\">";
    o << "<header class=\"hero\"><div><div class=\"brand\">" << esc(tr("Limber · routine sheet")) << "</div><h1>" << esc(r.name) << "</h1>";
    if (!r.summary.empty()) o << "<p class=\"sub\">" << esc(r.summary) << "</p>";
    o << "<p class=\"facts\">" << fact(tr("Length"), routine_length(r)) << fact(tr("Place"), human_place(r.place));
    if (!r.needs.empty()) o << fact(tr("You need"), human_list(r.needs));
    o << "</p></div></header>";
    if (!r.safety.empty()) o << "<p class=\"safety\">" << esc(r.safety) << "</p>";
    o << "<ol class=\"steps\">";
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const Step& s = r.steps[i];
        o << "<li class=\"panel step\">" << figures(s, i < figs.size() ? figs[i] : SheetFigure{})
          << "<div class=\"words\"><h2><span class=\"n\">" << i + 1 << "</span>" << esc(s.name) << "</h2>"
          << "<p class=\"timing\">" << esc(step_timing(s)) << "</p><p class=\"how\">" << esc(s.how) << "</p></div></li>";
    }
    // TRANSLATORS: {0} is a routine's id, {1} the command that starts it.
    o << "</ol><footer>"
      << esc(trf("Routine “{0}”, as Limber runs it: {1}. Made by Limber on this computer; nothing on this page came from the network.",
                 r.id, "limberctl start " + r.id))
      << "</footer>";
    o << "</main></body></html>\n";
    return o.str();
}

}  // namespace limber::report
