// Dates, ranges, the stretch goal and its streak, and the daemon's report
// request: the parts of a report that are about the calendar.
#include <gtest/gtest.h>

#include <set>

#include "report/goal.hpp"
#include "report/request.hpp"
#include "report_history.hpp"

namespace limber::report {
namespace {

Date d(int y, int m, int day) { return from_ymd({y, m, day}); }

TEST(ReportDates, ParseOnlyRealDates) {
    EXPECT_EQ(parse_date("2026-03-29"), d(2026, 3, 29));
    EXPECT_EQ(parse_date("2024-02-29"), d(2024, 2, 29));
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-3-29", "29.03.2026", "2026-03-29x", "", "today"})
        EXPECT_FALSE(parse_date(bad).has_value()) << bad;
    EXPECT_EQ(parse_month("2026-02"), d(2026, 2, 1));
    EXPECT_FALSE(parse_month("2026-00").has_value());
    EXPECT_FALSE(parse_month("2026-2").has_value());
    EXPECT_EQ(iso(d(2026, 3, 9)), "2026-03-09");
    EXPECT_EQ(short_label(d(2026, 3, 29)), "Sun 29 Mar");
}

TEST(ReportDates, WeeksStartOnMondayAndMonthsEndRight) {
    EXPECT_EQ(weekday(d(1970, 1, 1)), 3);
    EXPECT_EQ(weekday(d(2026, 3, 16)), 0);
    EXPECT_EQ(weekday(d(2026, 3, 22)), 6);
    EXPECT_EQ(monday_of(d(2026, 3, 22)), d(2026, 3, 16));
    EXPECT_EQ(monday_of(d(2026, 3, 16)), d(2026, 3, 16));
    EXPECT_EQ(last_of_month(d(2024, 2, 10)), d(2024, 2, 29));
    EXPECT_EQ(last_of_month(d(2026, 12, 31)), d(2026, 12, 31));
    const Range week = range_of(RangeKind::week, d(2026, 1, 1));
    EXPECT_EQ(week.first, d(2025, 12, 29));
    EXPECT_EQ(week.last, d(2026, 1, 4));
    const Range month = range_of(RangeKind::month, d(2026, 2, 14));
    EXPECT_EQ(month.first, d(2026, 2, 1));
    EXPECT_EQ(month.last, d(2026, 2, 28));
    EXPECT_FALSE(range_between(d(2026, 3, 2), d(2026, 3, 1)).ok());
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

TEST(ReportGoal, AStreakCountsWeeksInARowThatMetTheGoal) {
    Dates h;
    const Date w = d(2026, 3, 16);
    h.week(w - 28, 3);  // missed: ends the streak
    h.week(w - 21, 4);
    h.week(w - 14, 5);
    h.week(w - 7, 4);
    h.week(w, 4);
    Report r = week_of(w);
    ASSERT_TRUE(fill_goal(r, w + 10, 4, h.lookup()).ok());
    EXPECT_EQ(r.goal.week, w);
    EXPECT_EQ(r.goal.stretch_days, 4);
    EXPECT_TRUE(r.goal.met);
    EXPECT_FALSE(r.goal.in_progress);
    EXPECT_EQ(r.goal.streak_weeks, 4);
    ASSERT_EQ(r.weeks.size(), 1u);
    EXPECT_EQ(r.weeks[0].stretch_days, 4);
    EXPECT_TRUE(r.weeks[0].met);
}

TEST(ReportGoal, AWeekNotOverYetDoesNotBreakTheStreak) {
    Dates h;
    const Date w = d(2026, 3, 16);
    h.week(w - 14, 4);
    h.week(w - 7, 6);
    h.week(w, 2);
    Report r = week_of(w);
    ASSERT_TRUE(fill_goal(r, w + 3, 4, h.lookup()).ok());  // Thursday
    EXPECT_EQ(r.goal.stretch_days, 2);
    EXPECT_FALSE(r.goal.met);
    EXPECT_TRUE(r.goal.in_progress);
    EXPECT_EQ(r.goal.streak_weeks, 2);

    Report later = week_of(w);  // the same week, looked at once it is over
    ASSERT_TRUE(fill_goal(later, w + 7, 4, h.lookup()).ok());
    EXPECT_FALSE(later.goal.in_progress);
    EXPECT_EQ(later.goal.streak_weeks, 0);
}

TEST(ReportGoal, ThisWeekIsTodaysWhenTheRangeReachesPastIt) {
    Dates h;
    h.week(d(2026, 3, 2), 4);
    Report r;
    r.first = d(2026, 3, 1);
    r.last = d(2026, 3, 31);
    ASSERT_TRUE(fill_goal(r, d(2026, 3, 5), 4, h.lookup()).ok());
    EXPECT_EQ(r.goal.week, d(2026, 3, 2));
    EXPECT_TRUE(r.goal.met);
    EXPECT_EQ(r.goal.streak_weeks, 1);
    ASSERT_EQ(r.weeks.size(), 6u);  // 23 Feb to 30 Mar, whole weeks
    EXPECT_EQ(r.weeks.front().monday, d(2026, 2, 23));
    EXPECT_EQ(r.weeks[1].stretch_days, 4);
}

TEST(ReportGoal, ALongStreakTakesFewLookups) {
    Dates h;
    const Date w = d(2026, 3, 16);
    for (int i = 0; i < 300; ++i) h.week(w - 7 * i, 4);
    Report r = week_of(w);
    ASSERT_TRUE(fill_goal(r, w + 8, 4, h.lookup()).ok());
    EXPECT_EQ(r.goal.streak_weeks, 300);
    EXPECT_LE(h.calls, 10);
}

TEST(ReportGoal, NoGoalMeansNoStreak) {
    Dates h;
    Report r = week_of(d(2026, 3, 16));
    ASSERT_TRUE(fill_goal(r, d(2026, 3, 30), 0, h.lookup()).ok());
    EXPECT_TRUE(r.goal.met);
    EXPECT_EQ(r.goal.streak_weeks, 0);
}

class ReportGoalStore : public testing::History {};

TEST_F(ReportGoalStore, StretchDaysAreLocalDaysOfCompletedRoutines) {
    // 23:30 on Sunday in Berlin is Sunday, though UTC says 22:30.
    completed_routine(at(2026, 3, 15, 23, 30));
    completed_routine(at(2026, 3, 16, 0, 30));  // Monday 00:30 local, Sunday in UTC
    completed_routine(at(2026, 3, 16, 18, 0));  // same day again
    completed_routine(at(2026, 3, 18, 9, 0));
    completed_routine(at(2026, 3, 19, 9, 0));
    completed_routine(at(2026, 3, 20, 9, 0));
    event(at(2026, 3, 21, 9, 0), "routine_stopped", R"({"routine":"desk"})");
    const Report r = week_report(date(2026, 3, 16));
    EXPECT_EQ(r.goal.stretch_days, 4);
    EXPECT_TRUE(r.goal.met);
    EXPECT_EQ(r.goal.streak_weeks, 1);  // the week before had one stretch day
    EXPECT_EQ(r.stretch_days, 4);
    EXPECT_TRUE(testing::day_of(r, date(2026, 3, 16)).stretch_day);
    EXPECT_FALSE(testing::day_of(r, date(2026, 3, 17)).stretch_day);
}

TEST_F(ReportGoalStore, TheDaemonsRequestPicksTheRangeOrSaysWhatIsWrong) {
    sitting(at(2026, 3, 16, 9, 0), at(2026, 3, 16, 10, 0));
    const Options opts{2700, 4, at(2026, 3, 18, 12, 0)};
    auto ok = [&](const nlohmann::json& args) {
        Answer a = answer(*store_, args, opts);
        EXPECT_EQ(a.error_code, "") << args.dump() << ": " << a.error_message;
        return a.result;
    };
    nlohmann::json week = ok(nlohmann::json::object());
    EXPECT_EQ(week["range"]["kind"], "week");
    EXPECT_EQ(week["range"]["from"], "2026-03-16");
    EXPECT_EQ(week["totals"]["sitting_s"], 3600);
    nlohmann::json day = ok({{"range", "day"}});
    EXPECT_EQ(day["range"]["from"], "2026-03-18");
    EXPECT_EQ(day["totals"]["sitting_s"], 0);
    day = ok({{"range", "day"}, {"date", "2026-03-16"}});
    EXPECT_EQ(day["days"][0]["sitting_s"], 3600);
    nlohmann::json month = ok({{"range", "month"}, {"date", "2026-02"}});
    EXPECT_EQ(month["range"]["to"], "2026-02-28");
    nlohmann::json custom = ok({{"from", "2026-03-15"}, {"to", "2026-03-16"}});
    EXPECT_EQ(custom["range"]["kind"], "custom");
    EXPECT_EQ(custom["days"].size(), 2u);

    for (const auto& bad : {nlohmann::json{{"range", "year"}}, nlohmann::json{{"range", 7}},
                            nlohmann::json{{"range", "day"}, {"date", "2026-02-30"}},
                            nlohmann::json{{"from", "2026-03-15"}}, nlohmann::json{{"from", "2026-03-16"}, {"to", "2026-03-15"}},
                            nlohmann::json{{"from", "2025-01-01"}, {"to", "2026-03-15"}}, nlohmann::json::array()}) {
        Answer a = answer(*store_, bad, opts);
        EXPECT_EQ(a.error_code, "bad_args") << bad.dump();
        EXPECT_FALSE(a.error_message.empty());
    }
}

}  // namespace
}  // namespace limber::report
