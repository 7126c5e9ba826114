// SPDX-License-Identifier: MIT
#include "util/duration.hpp"

// So that a failed comparison shows "90000 ms", not "{?}".
#define CATCH_CONFIG_ENABLE_CHRONO_STRINGMAKER
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace limber {
namespace {

using namespace std::chrono_literals;
using Catch::Generators::as;
using Catch::Generators::table;
using Catch::Matchers::Contains;

Millis ok(std::string_view text) {
    Result<Millis> r = parse_duration(text);
    INFO(text << ": " << (r.ok() ? "" : r.error().message));
    CHECK(r.ok());
    return r.ok() ? *r : Millis{-1};
}

std::string refused(std::string_view text) {
    Result<Millis> r = parse_duration(text);
    INFO(text << " should be refused");
    CHECK_FALSE(r.ok());
    return r.ok() ? "" : r.error().message;
}

TEST_CASE("duration: each unit parses on its own", "[duration]") {
    const auto [text, expected] = GENERATE(table<const char*, Millis>({
        {"90s", 90s},
        {"10m", 10min},
        {"2h", 2h},
        {"500ms", 500ms},
        {"0s", 0ms},
    }));
    CAPTURE(text);
    CHECK(ok(text) == expected);
}

TEST_CASE("duration: units combine from hours down", "[duration]") {
    const auto [text, expected] = GENERATE(table<const char*, Millis>({
        {"1h30m", 90min},
        {"1m30s", 90s},
        {"1h2m3s4ms", 1h + 2min + 3s + 4ms},
    }));
    CAPTURE(text);
    CHECK(ok(text) == expected);
}

TEST_CASE("duration: a bare number is refused with the right form", "[duration]") {
    const std::string message = refused("10");
    CHECK_THAT(message, Contains("needs a unit"));
    CHECK_THAT(message, Contains("90s, 10m or 1h30m"));
}

TEST_CASE("duration: units out of order or repeated are refused", "[duration]") {
    SECTION("out of order says which order") {
        CHECK_THAT(refused("1m1h"), Contains("hours down to seconds"));
    }
    SECTION("a unit twice or milliseconds first") {
        refused(GENERATE(as<std::string>{}, "1m1m", "5ms1s"));
    }
}

TEST_CASE("duration: garbage is refused", "[duration]") {
    SECTION("with a message that says what is wrong") {
        const auto [text, hint] = GENERATE(table<std::string, std::string>({
            {"", "empty"},
            {"abc", "expected a number"},
            {"10x", "unknown unit"},
        }));
        CAPTURE(text);
        CHECK_THAT(refused(text), Contains(hint));
    }
    SECTION("whatever the message") {
        refused(GENERATE(as<std::string>{}, "-5m", " 5m", "5m ", "1.5h", "m"));
    }
}

TEST_CASE("duration: overflow is refused", "[duration]") {
    CHECK_THAT(refused("99999999999999999999999s"), Contains("too long"));
    CHECK_THAT(refused("9000h"), Contains("too long"));
    CHECK(ok("8784h") == 8784h);  // a leap year is the ceiling
}

TEST_CASE("duration: formatting picks the shortest form", "[duration]") {
    const auto [d, text] = GENERATE(table<Millis, std::string>({
        {0ms, "0s"},
        {90min, "1h30m"},
        {45s, "45s"},
        {1h + 5s, "1h5s"},
        {1500ms, "1s500ms"},
        {-90s, "-1m30s"},
    }));
    CHECK(format_duration(d) == text);
}

TEST_CASE("duration: format and parse round-trip", "[duration]") {
    SECTION("from a duration") {
        const Millis d = GENERATE(Millis{1}, Millis{999}, Millis{1000}, Millis{61'001}, Millis{3'600'000},
                                  Millis{5'025'250}, Millis{86'400'000});
        CAPTURE(format_duration(d));
        CHECK(ok(format_duration(d)) == d);
    }
    SECTION("from text") {
        const std::string text = GENERATE(as<std::string>{}, "90s", "10m", "1h30m", "500ms", "2h5s");
        CAPTURE(text);
        CHECK(ok(text) == ok(format_duration(ok(text))));
    }
}

// Found by fuzz/ (corpus/duration/regression-int64-min): formatting the most
// negative value negated it, which overflows.
TEST_CASE("duration: formatting the most negative value does not overflow", "[duration]") {
    CHECK(format_duration(Millis::min()) == "-2562047788015h12m55s808ms");
    CHECK(format_duration(Millis::max()) == "2562047788015h12m55s807ms");
}

}  // namespace
}  // namespace limber
