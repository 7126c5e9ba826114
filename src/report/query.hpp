// SPDX-License-Identifier: MIT
// Reports from the history in a Store: picks the range, reads what overlaps
// it (by time, on the store's indexes) and hands it to aggregate().
#pragma once

#include <cstdint>

#include "report/report.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace limber::report {

struct Range {
    RangeKind kind = RangeKind::week;
    Date first;
    Date last;  // inclusive
};

// The local day, Monday-to-Sunday week or month holding `anchor`.
Range range_of(RangeKind kind, Date anchor);
// first..last inclusive; an error when last is before first.
Result<Range> range_between(Date first, Date last);

struct Options {
    std::int64_t sit_limit_s = 45 * 60;
    int stretch_days_per_week = 4;
    std::int64_t now_s = 0;  // UTC; decides "today" and "this week"
    // The daemon knows its open span is live and counts it up to now; a
    // reader of the file sees it up to its last checkpoint.
    bool open_span_until_now = false;
};

Result<Report> make_report(const store::Store& store, const Range& range, const Options& options);

// No span at all: the daemon never ran against this file (or it was emptied).
Result<bool> has_history(const store::Store& store);

}  // namespace limber::report
