#include "util/duration.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace limber {
namespace {

using namespace std::chrono_literals;

Millis ok(std::string_view text) {
    Result<Millis> r = parse_duration(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Millis{-1};
}

std::string refused(std::string_view text) {
    Result<Millis> r = parse_duration(text);
    EXPECT_FALSE(r.ok()) << text << " should be refused";
    return r.ok() ? "" : r.error().message;
}

TEST(Duration, ParsesEachUnit) {
    EXPECT_EQ(ok("90s"), 90s);
    EXPECT_EQ(ok("10m"), 10min);
    EXPECT_EQ(ok("2h"), 2h);
    EXPECT_EQ(ok("500ms"), 500ms);
    EXPECT_EQ(ok("0s"), 0ms);
}

TEST(Duration, ParsesCombinations) {
    EXPECT_EQ(ok("1h30m"), 90min);
    EXPECT_EQ(ok("1m30s"), 90s);
    EXPECT_EQ(ok("1h2m3s4ms"), 1h + 2min + 3s + 4ms);
}

TEST(Duration, BareNumberIsRefusedWithTheRightForm) {
    const std::string message = refused("10");
    EXPECT_NE(message.find("needs a unit"), std::string::npos) << message;
    EXPECT_NE(message.find("90s, 10m or 1h30m"), std::string::npos) << message;
}

TEST(Duration, UnitsOutOfOrderOrRepeatedAreRefused) {
    EXPECT_NE(refused("1m1h").find("hours down to seconds"), std::string::npos);
    refused("1m1m");
    refused("5ms1s");
}

TEST(Duration, GarbageIsRefused) {
    EXPECT_NE(refused("").find("empty"), std::string::npos);
    EXPECT_NE(refused("abc").find("expected a number"), std::string::npos);
    EXPECT_NE(refused("10x").find("unknown unit"), std::string::npos);
    refused("-5m");
    refused(" 5m");
    refused("5m ");
    refused("1.5h");
    refused("m");
}

TEST(Duration, OverflowIsRefused) {
    EXPECT_NE(refused("99999999999999999999999s").find("too long"), std::string::npos);
    EXPECT_NE(refused("9000h").find("too long"), std::string::npos);
    EXPECT_EQ(ok("8784h"), 8784h);  // a leap year is the ceiling
}

TEST(Duration, FormatsShortest) {
    EXPECT_EQ(format_duration(0ms), "0s");
    EXPECT_EQ(format_duration(90min), "1h30m");
    EXPECT_EQ(format_duration(45s), "45s");
    EXPECT_EQ(format_duration(1h + 5s), "1h5s");
    EXPECT_EQ(format_duration(1500ms), "1s500ms");
    EXPECT_EQ(format_duration(-90s), "-1m30s");
}

TEST(Duration, FormatRoundTrips) {
    for (Millis d : {Millis{1}, Millis{999}, Millis{1000}, Millis{61'001}, Millis{3'600'000}, Millis{5'025'250},
                     Millis{86'400'000}}) {
        EXPECT_EQ(ok(format_duration(d)), d) << format_duration(d);
    }
    for (const char* text : {"90s", "10m", "1h30m", "500ms", "2h5s"})
        EXPECT_EQ(ok(text), ok(format_duration(ok(text))));
}

// Found by fuzz/ (corpus/duration/regression-int64-min): formatting the most
// negative value negated it, which overflows.
TEST(Duration, FormatsTheMostNegativeValue) {
    EXPECT_EQ(format_duration(Millis::min()), "-2562047788015h12m55s808ms");
    EXPECT_EQ(format_duration(Millis::max()), "2562047788015h12m55s807ms");
}

}  // namespace
}  // namespace limber
