// SPDX-License-Identifier: MIT
// Durations and clock times as people read them: one spelling everywhere.
#include "util/human.hpp"
#include "util/iso_time.hpp"

#include <catch2/catch.hpp>

#include <chrono>

namespace limber {
namespace {

using namespace std::chrono_literals;

TEST_CASE("human: durations round once, to the second or to the minute", "[human]") {
    CHECK(human_duration(0ms) == "0 s");
    CHECK(human_duration(-5s) == "0 s");
    CHECK(human_duration(30s) == "30 s");
    CHECK(human_duration(59'400ms) == "59 s");
    CHECK(human_duration(59'600ms) == "1 min");
    CHECK(human_duration(89s) == "1 min");
    CHECK(human_duration(90s) == "2 min");
    CHECK(human_duration(2min + 29s) == "2 min");
    CHECK(human_duration(2min + 30s) == "3 min");
    CHECK(human_duration(5min + 30s) == "6 min");  // the floor routine, everywhere
    CHECK(human_duration(45min) == "45 min");
    CHECK(human_duration(59min + 30s) == "1 h");
    CHECK(human_duration(1h + 5min) == "1 h 5 min");
    CHECK(human_duration(24h) == "24 h");
}

TEST_CASE("human: the compact style rounds the same way", "[human]") {
    CHECK(human_duration(30s, DurationStyle::compact) == "30s");
    CHECK(human_duration(5min + 30s, DurationStyle::compact) == "6m");
    CHECK(human_duration(6h + 5min, DurationStyle::compact) == "6h 05m");
    CHECK(human_duration(2h, DurationStyle::compact) == "2h 00m");
}

TEST_CASE("human: a time that is not today carries its day", "[human]") {
    // Friday 4 December 2026, 14:03 in a zone one hour east of UTC.
    const Millis offset = 1h;
    const Millis now = Millis{1'796'389'380'000};  // 2026-12-04T13:03:00Z
    CHECK(human_clock(now, now, offset) == "14:03");
    CHECK(human_clock(now + 9h + 56min, now, offset) == "23:59");
    CHECK(human_clock(now + 9h + 57min, now, offset) == "tomorrow 00:00");
    CHECK(human_clock(now + 24h + 1min, now, offset) == "tomorrow 14:04");  // pause 24h
    CHECK(human_clock(now - 15h, now, offset) == "yesterday 23:03");
    CHECK(human_clock(now + 48h, now, offset) == "Sun 14:03");
    CHECK(human_clock(now + 6 * 24h, now, offset) == "Thu 14:03");
    CHECK(human_clock(now + 7 * 24h, now, offset) == "Fri 11 Dec 14:03");
    CHECK(human_clock(now - 3 * 24h, now, offset) == "Tue 1 Dec 14:03");
}

TEST_CASE("human: the ISO time reader takes exactly what the writer writes", "[human]") {
    CHECK(iso_utc(1'796'389'380) == "2026-12-04T13:03:00Z");
    CHECK(parse_iso_utc(iso_utc(1'796'389'380)) == 1'796'389'380);
    CHECK(parse_iso_utc("2026-12-04T13:03:00Z trailing") == std::nullopt);
    CHECK(parse_iso_utc("2026-12-04 13:03:00") == std::nullopt);
    CHECK(parse_iso_utc("") == std::nullopt);
}

}  // namespace
}  // namespace limber
