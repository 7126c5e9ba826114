// SPDX-License-Identifier: MIT
#include "report/query.hpp"

#include <algorithm>
#include <map>

#include "core/vocabulary.hpp"
#include "report/aggregate.hpp"
#include "report/calendar.hpp"
#include "report/goal.hpp"

namespace limber::report {

Range range_of(RangeKind kind, Date anchor) {
    switch (kind) {
        case RangeKind::day: return {kind, anchor, anchor};
        case RangeKind::month: return {kind, first_of_month(anchor), last_of_month(anchor)};
        case RangeKind::week:
        case RangeKind::custom: break;
    }
    return {RangeKind::week, monday_of(anchor), monday_of(anchor) + 6};
}

Result<Range> range_between(Date first, Date last) {
    if (last < first) return fail("the range ends (" + iso(last) + ") before it begins (" + iso(first) + ")");
    return Range{RangeKind::custom, first, last};
}

Result<Report> make_report(const store::Store& store, const Range& range, const Options& options) {
    const Calendar cal = make_calendar(range.first, range.last);
    auto spans = store.spans(cal.start_s() * 1000, cal.end_s() * 1000);
    if (!spans) return spans.error();
    if (options.open_span_until_now) {
        // A break is never checkpointed, so the open span may look as if it
        // ended before the range began: fetch it by itself.
        auto last = store.last_span();
        if (!last) return last.error();
        if (*last && (*last)->open && (*last)->start_ms < cal.end_s() * 1000 &&
            std::none_of(spans->begin(), spans->end(), [&](const store::Span& s) { return s.id == (*last)->id; })) {
            spans->push_back(**last);
            std::stable_sort(spans->begin(), spans->end(),
                             [](const store::Span& a, const store::Span& b) { return a.start_ms < b.start_ms; });
        }
        for (auto& span : *spans)
            if (span.open) span.end_ms = std::max(span.end_ms, options.now_s * 1000);
    }
    auto events = store.events(cal.start_s() * 1000, cal.end_s() * 1000);
    if (!events) return events.error();

    Report report = aggregate(cal, *spans, *events, options.sit_limit_s);
    report.kind = range.kind;
    report.zone = zone_name();
    report.generated_s = options.now_s;

    const StretchDates stretch_dates = [&store](Date from, Date to) -> Result<std::vector<Date>> {
        auto done = store.events_of_type(vocab::event::routine_completed, local_midnight(from) * 1000,
                                         local_midnight(to) * 1000);
        if (!done) return done.error();
        // The same rule as aggregate(): a day counts by its time stretched.
        std::map<Date, std::int64_t> stretched;
        for (const store::Event& e : *done) stretched[local_date(e.at_ms / 1000)] += completed_seconds(e);
        std::vector<Date> dates;
        for (const auto& [date, seconds] : stretched)
            if (is_stretch_day(seconds)) dates.push_back(date);
        return dates;
    };
    if (auto done = fill_goal(report, local_date(options.now_s), options.stretch_days_per_week, stretch_dates); !done)
        return done.error();
    return report;
}

Result<bool> has_history(const store::Store& store) {
    auto last = store.last_span();
    if (!last) return last.error();
    return last->has_value();
}

}  // namespace limber::report
