// SPDX-License-Identifier: MIT
#include <algorithm>
#include <sstream>

#include "report/sheet.hpp"
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::report {
namespace {

// `text` in lines of at most `width` columns (a longer word gets a line of
// its own), each after `indent`; the first after `first` instead.
std::string wrap(const std::string& text, const std::string& first, const std::string& indent, int width) {
    std::istringstream words(text);
    std::string out = first, word;
    std::size_t at = display_width(first), line_start = at;
    while (words >> word) {
        if (at > line_start && at + 1 + display_width(word) > static_cast<std::size_t>(width)) {
            out += "\n" + indent;
            at = line_start = display_width(indent);
        } else if (at > line_start) {
            out += ' ';
            ++at;
        }
        out += word;
        at += display_width(word);
    }
    return out + "\n";
}

}  // namespace

std::string step_timing(const Step& s) {
    std::string text;
    if (s.untimed()) return tr("No timer: stay as long as it feels good, then press Next.");
    // Left first: the daemon's order (core/routine_session.cpp).
    if (s.reps > 0) {
        text = trnf("{} time", "{} times", s.reps, s.reps);
        if (s.reps > 1) text += ", " + trf("about {} each", human_duration(s.duration / s.reps));
        if (s.both_sides) text += "; " + std::string(tr("each leg, left first"));
    } else {
        text = s.both_sides ? trf("Hold {} on each leg, left first", human_duration(s.hold)) : trf("Hold {}", human_duration(s.hold));
    }
    return text + ".";
}

std::string routine_length(const Routine& r) {
    int untimed = 0;
    for (const Step& s : r.steps) untimed += s.untimed();
    const std::string text = human_duration(r.total());
    if (untimed == 0) return text;
    return text + ", " + trnf("and {} step as long as you like", "and {} steps as long as you like", untimed, untimed);
}

std::string sheet_text(const Routine& r, int width) {
    std::ostringstream o;
    o << r.name << (r.place.empty() ? "" : " (" + human_place(r.place) + ")") << "\n";
    if (!r.summary.empty()) o << wrap(r.summary, "", "", width);
    // The three labels share one column, as wide as the widest in this language.
    const std::string length = tr("Length:"), needs = tr("Needs:"), safety = tr("Safety:");
    const std::size_t column = std::max({display_width(length), display_width(needs), display_width(safety)}) + 2;
    const auto label = [&](const std::string& l) { return l + std::string(column - display_width(l), ' '); };
    const std::string indent(column, ' ');
    o << "\n" << wrap(routine_length(r), label(length), indent, width);
    if (!r.needs.empty()) o << wrap(human_list(r.needs), label(needs), indent, width);
    if (!r.safety.empty()) o << wrap(r.safety, label(safety), indent, width);
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const Step& s = r.steps[i];
        const std::string number = std::to_string(i + 1) + ". ";
        const std::string step_indent(number.size(), ' ');
        o << "\n" << wrap(s.name, number, step_indent, width) << wrap(step_timing(s), step_indent, step_indent, width)
          << wrap(s.how, step_indent, step_indent, width);
    }
    return o.str();
}

}  // namespace limber::report
