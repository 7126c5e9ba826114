// SPDX-License-Identifier: MIT
#include <sstream>

#include "report/sheet.hpp"
#include "util/human.hpp"

namespace limber::report {
namespace {

// Columns, not bytes: a UTF-8 continuation byte takes no column.
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// `text` in lines of at most `width` columns (a longer word gets a line of
// its own), each after `indent`; the first after `first` instead.
std::string wrap(const std::string& text, const std::string& first, const std::string& indent, int width) {
    std::istringstream words(text);
    std::string out = first, word;
    std::size_t at = columns(first), line_start = at;
    while (words >> word) {
        if (at > line_start && at + 1 + columns(word) > static_cast<std::size_t>(width)) {
            out += "\n" + indent;
            at = line_start = columns(indent);
        } else if (at > line_start) {
            out += ' ';
            ++at;
        }
        out += word;
        at += columns(word);
    }
    return out + "\n";
}

}  // namespace

std::string step_timing(const Step& s) {
    std::string text;
    if (s.untimed()) return "No timer: stay as long as it feels good, then press Next.";
    if (s.reps > 0) {
        text = std::to_string(s.reps) + (s.reps == 1 ? " time" : " times");
        if (s.reps > 1) text += ", about " + human_duration(s.duration / s.reps) + " each";
    } else {
        text = "Hold " + human_duration(s.hold);
    }
    // Left first: the daemon's order (core/routine_session.cpp).
    if (s.both_sides) text += s.reps > 0 ? "; each leg, left first" : " on each leg, left first";
    return text + ".";
}

std::string routine_length(const Routine& r) {
    int untimed = 0;
    for (const Step& s : r.steps) untimed += s.untimed();
    const std::string text = human_duration(r.total());
    if (untimed == 0) return text;
    return text + (untimed == 1 ? ", and one step as long as you like" : ", and " + std::to_string(untimed) + " steps as long as you like");
}

std::string sheet_text(const Routine& r, int width) {
    std::ostringstream o;
    o << r.name << (r.place.empty() ? "" : " (" + r.place + ")") << "\n";
    if (!r.summary.empty()) o << wrap(r.summary, "", "", width);
    o << "\n" << wrap(routine_length(r), "Length:  ", "         ", width);
    if (!r.needs.empty()) o << wrap(human_list(r.needs), "Needs:   ", "         ", width);
    if (!r.safety.empty()) o << wrap(r.safety, "Safety:  ", "         ", width);
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const Step& s = r.steps[i];
        const std::string number = std::to_string(i + 1) + ". ";
        const std::string indent(number.size(), ' ');
        o << "\n" << wrap(s.name, number, indent, width) << wrap(step_timing(s), indent, indent, width)
          << wrap(s.how, indent, indent, width);
    }
    return o.str();
}

}  // namespace limber::report
