// SPDX-License-Identifier: MIT
// A hand-made history in a real SQLite file, written through the store API
// as limberd would, read back through the report's query layer. Local times
// are Berlin's (TZ set per test), so DST days are real DST days.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include "report/query.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace limber::report::testing {

// A fixture for TEST_CASE_METHOD: Catch2 builds a fresh one for every run
// through a test case, so each SECTION and GENERATE value starts from an
// empty history.
class History {
public:  // test helpers, also for free functions that write shared scenarios
    History() {
        ::setenv("TZ", "Europe/Berlin", 1);
        ::tzset();
        char tmpl[] = "/tmp/limber-report-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        dir_ = tmpl;
        auto opened = store::Store::open(dir_ + "/limber.db", store::Mode::read_write);
        if (!opened.ok()) {
            std::filesystem::remove_all(dir_);  // no destructor runs after a throwing constructor
            FAIL(opened.error().message);
        }
        store_.emplace(std::move(*opened));
    }
    ~History() {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    // Berlin wall time to UTC seconds. isdst: -1 lets the zone decide; 1 or 0
    // picks the first or second 02:30 of the night the clocks go back.
    static std::int64_t at(int y, int mo, int d, int h, int mi, int isdst = -1) {
        std::tm tm{};
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_isdst = isdst;
        return static_cast<std::int64_t>(std::mktime(&tm));
    }
    static Date date(int y, int mo, int d) { return from_ymd({y, mo, d}); }

    void sitting(std::int64_t from_s, std::int64_t to_s, bool open = false) {
        span(store::SpanKind::sitting, "", from_s, to_s, open);
    }
    void brk(const std::string& reason, std::int64_t from_s, std::int64_t to_s) {
        span(store::SpanKind::brk, reason, from_s, to_s, false);
    }
    void event(std::int64_t at_s, const std::string& type, const std::string& detail = "{}") {
        REQUIRE(store_->add_event(at_s * 1000, type, detail).ok());
    }
    void completed_routine(std::int64_t at_s, const std::string& id = "desk", int seconds = 300) {
        event(at_s - seconds, "routine_started", R"({"from_reminder":0,"routine":")" + id + R"(","waited_s":0})");
        event(at_s, "routine_completed", R"({"routine":")" + id + R"(","seconds":)" + std::to_string(seconds) + "}");
    }

    Report report(const Range& range, std::int64_t now_s, int goal = 4, std::int64_t limit_s = 45 * 60) {
        auto made = make_report(*store_, range, Options{limit_s, goal, now_s});
        if (!made.ok()) FAIL(made.error().message);  // every figure after this would be noise
        return std::move(*made);
    }
    Report day_report(Date d) { return report(range_of(RangeKind::day, d), local_midnight_after(d)); }
    Report week_report(Date d) { return report(range_of(RangeKind::week, d), local_midnight_after(d + 6)); }

    static std::int64_t local_midnight_after(Date d) {
        const Ymd ymd = to_ymd(d + 1);
        return at(ymd.year, ymd.month, ymd.day, 0, 0) + 3600;
    }

    std::string dir_;
    std::optional<store::Store> store_;

private:
    void span(store::SpanKind kind, const std::string& reason, std::int64_t from_s, std::int64_t to_s, bool open) {
        auto id = store_->open_span(kind, reason, from_s * 1000);
        if (!id.ok()) FAIL(id.error().message);
        if (open) {
            REQUIRE(store_->checkpoint_span(*id, to_s * 1000).ok());
        } else {
            REQUIRE(store_->close_span(*id, to_s * 1000).ok());
        }
    }
};

inline const Day& day_of(const Report& r, Date d) {
    for (const Day& day : r.days)
        if (day.date == d) return day;
    static const Day none{};
    FAIL_CHECK("no day " << iso(d) << " in the report");
    return none;
}

inline Count breaks(const Figures& f, BreakReason reason) { return f.breaks[static_cast<std::size_t>(reason)]; }

}  // namespace limber::report::testing

// Dates print as ISO days in failure messages instead of Catch2's "{?}".
template <>
struct Catch::StringMaker<limber::report::Date> {
    static std::string convert(limber::report::Date d) { return limber::report::iso(d); }
};
template <>
struct Catch::StringMaker<std::optional<limber::report::Date>> {
    static std::string convert(const std::optional<limber::report::Date>& d) {
        return d ? limber::report::iso(*d) : "no date";
    }
};
