// SPDX-License-Identifier: MIT
// Dates, ranges, the stretch goal and its streak, and the daemon's report
// request: the parts of a report that are about the calendar.
#include <catch2/catch.hpp>

#include <set>

#include "report/goal.hpp"
#include "report/request.hpp"
#include "report_history.hpp"

namespace limber::report {
namespace {

Date d(int y, int m, int day) { return from_ymd({y, m, day}); }

TEST_CASE("report goal: only real dates parse", "[report-goal]") {
    SECTION("real days and months") {
        CHECK(parse_date("2026-03-29") == d(2026, 3, 29));
        CHECK(parse_date("2024-02-29") == d(2024, 2, 29));
        CHECK(parse_month("2026-02") == d(2026, 2, 1));
    }
    SECTION("impossible or misspelt days") {
        const std::string bad =
            GENERATE("2026-02-29", "2026-13-01", "2026-3-29", "29.03.2026", "2026-03-29x", "", "today");
        CAPTURE(bad);
        CHECK_FALSE(parse_date(bad).has_value());
    }
    SECTION("impossible or misspelt months") {
        const std::string bad = GENERATE("2026-00", "2026-2");
        CAPTURE(bad);
        CHECK_FALSE(parse_month(bad).has_value());
    }
    SECTION("days print as ISO dates and short labels") {
        CHECK(iso(d(2026, 3, 9)) == "2026-03-09");
        CHECK(short_label(d(2026, 3, 29)) == "Sun 29 Mar");
    }
}

TEST_CASE("report goal: weeks start on Monday and months end right", "[report-goal]") {
    CHECK(weekday(d(1970, 1, 1)) == 3);
    CHECK(weekday(d(2026, 3, 16)) == 0);
    CHECK(weekday(d(2026, 3, 22)) == 6);
    CHECK(monday_of(d(2026, 3, 22)) == d(2026, 3, 16));
    CHECK(monday_of(d(2026, 3, 16)) == d(2026, 3, 16));
    CHECK(last_of_month(d(2024, 2, 10)) == d(2024, 2, 29));
    CHECK(last_of_month(d(2026, 12, 31)) == d(2026, 12, 31));
    const Range week = range_of(RangeKind::week, d(2026, 1, 1));
    CHECK(week.first == d(2025, 12, 29));
    CHECK(week.last == d(2026, 1, 4));
    const Range month = range_of(RangeKind::month, d(2026, 2, 14));
    CHECK(month.first == d(2026, 2, 1));
    CHECK(month.last == d(2026, 2, 28));
    CHECK_FALSE(range_between(d(2026, 3, 2), d(2026, 3, 1)).ok());
}

// Stretch dates from a set, counting how often the history is asked.
struct Dates {
    std::set<Date> dates;
    int calls = 0;
    StretchDates lookup() {
        return [this](Date from, Date to) -> Result<std::vector<Date>> {
            ++calls;
            return std::vector<Date>(dates.lower_bound(from), dates.lower_bound(to));
        };
    }
    void week(Date monday, int days) {
        for (int i = 0; i < days; ++i) dates.insert(monday + i);
    }
};

Report week_of(Date monday) {
    Report r;
    r.first = monday;
    r.last = monday + 6;
    return r;
}

TEST_CASE("report goal: a streak counts weeks in a row that met the goal", "[report-goal]") {
    Dates h;
    const Date w = d(2026, 3, 16);
    h.week(w - 28, 3);  // missed: ends the streak
    h.week(w - 21, 4);
    h.week(w - 14, 5);
    h.week(w - 7, 4);
    h.week(w, 4);
    Report r = week_of(w);
    REQUIRE(fill_goal(r, w + 10, 4, h.lookup()).ok());
    CHECK(r.goal.week == w);
    CHECK(r.goal.stretch_days == 4);
    CHECK(r.goal.met);
    CHECK_FALSE(r.goal.in_progress);
    CHECK(r.goal.streak_weeks == 4);
    REQUIRE(r.weeks.size() == 1u);
    CHECK(r.weeks[0].stretch_days == 4);
    CHECK(r.weeks[0].met);
}

TEST_CASE("report goal: a week not over yet does not break the streak", "[report-goal]") {
    Dates h;
    const Date w = d(2026, 3, 16);
    h.week(w - 14, 4);
    h.week(w - 7, 6);
    h.week(w, 2);
    Report r = week_of(w);
    REQUIRE(fill_goal(r, w + 3, 4, h.lookup()).ok());  // Thursday
    CHECK(r.goal.stretch_days == 2);
    CHECK_FALSE(r.goal.met);
    CHECK(r.goal.in_progress);
    CHECK(r.goal.streak_weeks == 2);

    Report later = week_of(w);  // the same week, looked at once it is over
    REQUIRE(fill_goal(later, w + 7, 4, h.lookup()).ok());
    CHECK_FALSE(later.goal.in_progress);
    CHECK(later.goal.streak_weeks == 0);
}

TEST_CASE("report goal: this week is today's when the range reaches past it", "[report-goal]") {
    Dates h;
    h.week(d(2026, 3, 2), 4);
    Report r;
    r.first = d(2026, 3, 1);
    r.last = d(2026, 3, 31);
    REQUIRE(fill_goal(r, d(2026, 3, 5), 4, h.lookup()).ok());
    CHECK(r.goal.week == d(2026, 3, 2));
    CHECK(r.goal.met);
    CHECK(r.goal.streak_weeks == 1);
    REQUIRE(r.weeks.size() == 6u);  // 23 Feb to 30 Mar, whole weeks
    CHECK(r.weeks.front().monday == d(2026, 2, 23));
    CHECK(r.weeks[1].stretch_days == 4);
}

TEST_CASE("report goal: a long streak takes few lookups", "[report-goal]") {
    Dates h;
    const Date w = d(2026, 3, 16);
    for (int i = 0; i < 300; ++i) h.week(w - 7 * i, 4);
    Report r = week_of(w);
    REQUIRE(fill_goal(r, w + 8, 4, h.lookup()).ok());
    CHECK(r.goal.streak_weeks == 300);
    CHECK(h.calls <= 10);
}

TEST_CASE("report goal: no goal means no streak", "[report-goal]") {
    Dates h;
    Report r = week_of(d(2026, 3, 16));
    REQUIRE(fill_goal(r, d(2026, 3, 30), 0, h.lookup()).ok());
    CHECK(r.goal.met);
    CHECK(r.goal.streak_weeks == 0);
}

using testing::History;

TEST_CASE_METHOD(History, "report goal: stretch days are local days of completed routines", "[report-goal]") {
    // 23:30 on Sunday in Berlin is Sunday, though UTC says 22:30.
    completed_routine(at(2026, 3, 15, 23, 30));
    completed_routine(at(2026, 3, 16, 0, 30));  // Monday 00:30 local, Sunday in UTC
    completed_routine(at(2026, 3, 16, 18, 0));  // same day again
    completed_routine(at(2026, 3, 18, 9, 0));
    completed_routine(at(2026, 3, 19, 9, 0));
    completed_routine(at(2026, 3, 20, 9, 0));
    event(at(2026, 3, 21, 9, 0), "routine_stopped", R"({"routine":"desk"})");
    const Report r = week_report(date(2026, 3, 16));
    CHECK(r.goal.stretch_days == 4);
    CHECK(r.goal.met);
    CHECK(r.goal.streak_weeks == 1);  // the week before had one stretch day
    CHECK(r.stretch_days == 4);
    CHECK(testing::day_of(r, date(2026, 3, 16)).stretch_day);
    CHECK_FALSE(testing::day_of(r, date(2026, 3, 17)).stretch_day);
}

TEST_CASE_METHOD(History, "report goal: a routine clicked through in seconds is no stretch day", "[report-goal]") {
    completed_routine(at(2026, 3, 9, 9, 0), "desk", 0);     // the week before: only clicked through
    completed_routine(at(2026, 3, 16, 9, 0), "desk", 0);    // six nexts at once
    completed_routine(at(2026, 3, 17, 9, 0), "desk", 300);
    completed_routine(at(2026, 3, 18, 9, 0), "desk", 30);   // two short ones make a minute
    completed_routine(at(2026, 3, 18, 15, 0), "desk", 30);
    completed_routine(at(2026, 3, 19, 9, 0), "desk", 59);
    const Report r = week_report(date(2026, 3, 16));
    CHECK_FALSE(testing::day_of(r, date(2026, 3, 16)).stretch_day);
    CHECK(testing::day_of(r, date(2026, 3, 17)).stretch_day);
    CHECK(testing::day_of(r, date(2026, 3, 18)).stretch_day);
    CHECK_FALSE(testing::day_of(r, date(2026, 3, 19)).stretch_day);
    CHECK(r.stretch_days == 2);
    CHECK(r.totals.routines.completed == 5);
    CHECK(r.goal.stretch_days == 2);
    CHECK(r.weeks.at(0).stretch_days == 2);
    const Report goal_of_one = report(range_of(RangeKind::week, date(2026, 3, 16)),
                                      local_midnight_after(date(2026, 3, 22)), /*goal=*/1);
    CHECK(goal_of_one.goal.met);
    CHECK(goal_of_one.goal.streak_weeks == 1);  // the week before had no stretching
}

TEST_CASE_METHOD(History, "report goal: the daemon's request picks the range or says what is wrong", "[report-goal]") {
    sitting(at(2026, 3, 16, 9, 0), at(2026, 3, 16, 10, 0));
    const Options opts{2700, 4, at(2026, 3, 18, 12, 0)};  // Wednesday
    auto ok = [&](const nlohmann::json& args) {
        Answer a = answer(*store_, args, opts);
        INFO(args.dump() << ": " << a.error_message);
        CHECK(a.error_code == "");
        return a.result;
    };
    SECTION("no arguments: this week") {
        nlohmann::json week = ok(nlohmann::json::object());
        CHECK(week["range"]["kind"] == "week");
        CHECK(week["range"]["from"] == "2026-03-16");
        CHECK(week["totals"]["sitting_s"] == 3600);
    }
    SECTION("a day: today or the date given") {
        nlohmann::json day = ok({{"range", "day"}});
        CHECK(day["range"]["from"] == "2026-03-18");
        CHECK(day["totals"]["sitting_s"] == 0);
        day = ok({{"range", "day"}, {"date", "2026-03-16"}});
        CHECK(day["days"][0]["sitting_s"] == 3600);
    }
    SECTION("a month given as year and month") {
        nlohmann::json month = ok({{"range", "month"}, {"date", "2026-02"}});
        CHECK(month["range"]["to"] == "2026-02-28");
    }
    SECTION("from and to: a custom range") {
        nlohmann::json custom = ok({{"from", "2026-03-15"}, {"to", "2026-03-16"}});
        CHECK(custom["range"]["kind"] == "custom");
        CHECK(custom["days"].size() == 2u);
    }
    SECTION("wrong arguments are bad_args with a message") {
        const nlohmann::json bad = GENERATE(nlohmann::json{{"range", "year"}}, nlohmann::json{{"range", 7}},
                                            nlohmann::json{{"range", "day"}, {"date", "2026-02-30"}},
                                            nlohmann::json{{"from", "2026-03-15"}},
                                            nlohmann::json{{"from", "2026-03-16"}, {"to", "2026-03-15"}},
                                            nlohmann::json{{"from", "2025-01-01"}, {"to", "2026-03-15"}},
                                            nlohmann::json::array());
        INFO(bad.dump());
        const Answer a = answer(*store_, bad, opts);
        CHECK(a.error_code == "bad_args");
        CHECK_FALSE(a.error_message.empty());
    }
}

}  // namespace
}  // namespace limber::report
