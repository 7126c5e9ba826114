// SPDX-License-Identifier: MIT
#include "report/report.hpp"

#include "core/vocabulary.hpp"

namespace limber::report {

const char* to_string(BreakReason r) {
    switch (r) {
        case BreakReason::idle: return vocab::reason::idle;
        case BreakReason::lock: return vocab::reason::lock;
        case BreakReason::suspend: return vocab::reason::suspend;
        case BreakReason::routine: return vocab::reason::routine;
        case BreakReason::shutdown: return vocab::reason::shutdown;
        case BreakReason::other: break;
    }
    return "other";
}

BreakReason break_reason(const std::string& stored) {
    for (std::size_t i = 0; i + 1 < kBreakReasons; ++i) {
        const auto r = static_cast<BreakReason>(i);
        if (stored == to_string(r)) return r;
    }
    return BreakReason::other;
}

Count Figures::breaks_total() const {
    Count total;
    for (const auto& c : breaks) {
        total.count += c.count;
        total.seconds += c.seconds;
    }
    return total;
}

int Report::days_with_sitting() const {
    int n = 0;
    for (const Day& d : days) n += d.figures.sitting_s > 0 ? 1 : 0;
    return n;
}

const char* to_string(RangeKind k) {
    switch (k) {
        case RangeKind::day: return "day";
        case RangeKind::week: return "week";
        case RangeKind::month: return "month";
        case RangeKind::custom: break;
    }
    return "custom";
}

}  // namespace limber::report
