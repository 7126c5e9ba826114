// SPDX-License-Identifier: MIT
// Synthetic history for benchmarks: realistic days (several sittings, idle
// and lock breaks, lunch, nights suspended or shut down, reminders answered
// in all the ways people answer them, routines), written through the store
// API exactly as limberd writes them.
#pragma once

#include <cstdint>

#include "report/date.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace limber::bench {

struct GenStats {
    std::int64_t spans = 0;
    std::int64_t events = 0;
};

// first..last inclusive, local days. The same seed gives the same history.
Result<GenStats> generate_history(store::Store& store, report::Date first, report::Date last, unsigned seed);

}  // namespace limber::bench
