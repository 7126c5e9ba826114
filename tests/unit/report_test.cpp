// Report figures from hand-made histories: every figure of every scenario is
// worked out by hand below, from the spans and events the test writes.
#include <gtest/gtest.h>

#include "report/calendar.hpp"
#include "report_history.hpp"

namespace limber::report {
namespace {

using testing::breaks;
using testing::day_of;

class Report_ : public testing::History {};

void expect_breaks(const Figures& f, std::array<Count, kBreakReasons> want) {
    for (std::size_t i = 0; i < kBreakReasons; ++i) {
        EXPECT_EQ(f.breaks[i].count, want[i].count) << to_string(static_cast<BreakReason>(i)) << " count";
        EXPECT_EQ(f.breaks[i].seconds, want[i].seconds) << to_string(static_cast<BreakReason>(i)) << " seconds";
    }
}

// Monday 16 March 2026 in Berlin (UTC+1): a whole working day.
void write_ordinary_day(testing::History& h) {
    auto at = [](int hh, int mm) { return testing::History::at(2026, 3, 16, hh, mm); };
    h.brk("shutdown", testing::History::at(2026, 3, 15, 18, 0), at(8, 0));
    h.event(at(8, 0), "daemon_start", R"({"idle_backend":"x11"})");
    h.sitting(at(8, 0), at(8, 30));
    h.brk("idle", at(8, 30), at(8, 40));
    h.sitting(at(8, 40), at(9, 40));
    h.event(at(9, 25), "reminder_shown", R"({"critical":0,"repeat":0,"routine":"desk","sitting_s":2700,"snoozes":0})");
    h.event(at(9, 27), "reminder_snoozed", R"({"for_s":600,"snoozes":1})");
    h.event(at(9, 37), "reminder_shown", R"({"critical":0,"repeat":0,"routine":"desk","sitting_s":3420,"snoozes":1})");
    h.event(at(9, 40), "routine_started", R"({"from_reminder":1,"routine":"desk","waited_s":900})");
    h.event(at(9, 42), "routine_step", R"({"by":"timer","routine":"desk","step":1})");
    h.event(at(9, 45), "routine_completed", R"({"routine":"desk","seconds":300})");
    h.brk("routine", at(9, 40), at(9, 45));
    h.sitting(at(9, 45), at(10, 35));
    h.event(at(10, 30), "reminder_shown", R"({"critical":0,"repeat":0,"routine":"floor","sitting_s":2700,"snoozes":0})");
    h.event(at(10, 33), "reminder_skipped", R"({"waited_s":180})");
    h.brk("lock", at(10, 35), at(11, 35));
    h.sitting(at(11, 35), at(11, 55));
    h.brk("suspend", at(11, 55), at(13, 0));
    h.sitting(at(13, 0), at(13, 50));
    h.event(at(13, 45), "reminder_shown", R"({"critical":0,"repeat":0,"routine":"strap","sitting_s":2700,"snoozes":0})");
    h.event(at(13, 50), "reminder_withdrawn", R"({"why":"break"})");
    h.brk("idle", at(13, 50), testing::History::at(2026, 3, 17, 8, 0));
}

TEST_F(Report_, AnOrdinaryDayHasEveryFigureRight) {
    write_ordinary_day(*this);
    const Report r = day_report(date(2026, 3, 16));
    ASSERT_EQ(r.days.size(), 1u);
    const Day& d = r.days[0];
    EXPECT_EQ(d.start_s, at(2026, 3, 16, 0, 0));
    EXPECT_EQ(d.end_s - d.start_s, 86400);
    for (const Figures* f : {&d.figures, &r.totals}) {
        SCOPED_TRACE(f == &r.totals ? "totals" : "day");
        EXPECT_EQ(f->sitting_s, 12600);  // 30 + 60 + 50 + 20 + 50 minutes
        EXPECT_EQ(f->sittings, 5);
        EXPECT_EQ(f->longest_s, 3600);
        EXPECT_EQ(f->longest_start_s, at(2026, 3, 16, 8, 40));
        EXPECT_EQ(f->over_limit, 3);
        EXPECT_EQ(f->over_limit_s, 9600);
        EXPECT_NEAR(f->over_limit_share(), 9600.0 / 12600.0, 1e-9);
        EXPECT_EQ(f->average_s(), 2520);
        // The night before from midnight, the evening to midnight: the day is whole.
        expect_breaks(*f, {Count{2, 600 + 36600}, Count{1, 3600}, Count{1, 3900}, Count{1, 300}, Count{1, 28800}, Count{}});
        EXPECT_EQ(f->sitting_s + f->breaks_total().seconds, 86400);
        const Reminders& m = f->reminders;
        EXPECT_EQ(m.shown, 3);
        EXPECT_EQ(m.shown_again, 1);  // back after the snooze
        EXPECT_EQ(m.snoozed, 1);
        EXPECT_EQ(m.skipped, 1);
        EXPECT_EQ(m.acted, 1);
        EXPECT_EQ(m.took_break, 1);
        EXPECT_EQ(m.paused, 0);
        EXPECT_EQ(m.unanswered, 0);
        EXPECT_EQ(m.answered, 2);  // the snooze after 2 min, the skip after 3
        EXPECT_EQ(m.wait_total_s, 300);
        EXPECT_EQ(m.wait_median_s, 150);
        EXPECT_EQ(m.wait_max_s, 180);
        EXPECT_EQ(f->routines.started, 1);
        EXPECT_EQ(f->routines.completed, 1);
        EXPECT_EQ(f->routines.stopped, 0);
        EXPECT_EQ(f->routines.stretched_s, 300);
        ASSERT_EQ(f->routines.by_routine.size(), 1u);
        EXPECT_EQ(f->routines.by_routine.at("desk").completed, 1);
        EXPECT_EQ(f->routines.by_routine.at("desk").seconds, 300);
        EXPECT_FALSE(f->ongoing);
    }
    EXPECT_TRUE(d.stretch_day);
    EXPECT_EQ(r.stretch_days, 1);

    std::array<std::int64_t, 24> monday{};
    monday[8] = 3000;   // 08:00-08:30, 08:40-09:00
    monday[9] = 3300;   // 09:00-09:40, 09:45-10:00
    monday[10] = 2100;  // 10:00-10:35
    monday[11] = 1200;  // 11:35-11:55
    monday[13] = 3000;  // 13:00-13:50
    EXPECT_EQ(r.heat[0], monday);
    for (int wd = 1; wd < 7; ++wd) EXPECT_EQ(r.heat[static_cast<std::size_t>(wd)], (std::array<std::int64_t, 24>{}));
}

TEST_F(Report_, TheWeekCountsABreakAcrossMidnightOnceAndSplitsItsTime) {
    write_ordinary_day(*this);
    const Report r = week_report(date(2026, 3, 16));
    ASSERT_EQ(r.days.size(), 7u);
    EXPECT_EQ(r.first, date(2026, 3, 16));
    EXPECT_EQ(r.last, date(2026, 3, 22));
    EXPECT_EQ(r.totals.sitting_s, 12600);
    EXPECT_EQ(breaks(r.totals, BreakReason::idle).count, 2);
    EXPECT_EQ(breaks(r.totals, BreakReason::idle).seconds, 600 + 65400);  // 13:50 to 08:00 next day
    const Figures& tue = day_of(r, date(2026, 3, 17)).figures;
    EXPECT_EQ(breaks(tue, BreakReason::idle).count, 1);
    EXPECT_EQ(breaks(tue, BreakReason::idle).seconds, 28800);
    EXPECT_EQ(tue.sitting_s, 0);
    for (Date d = date(2026, 3, 18); d <= date(2026, 3, 22); d = d + 1) {
        EXPECT_EQ(day_of(r, d).figures.sitting_s, 0);
        EXPECT_EQ(day_of(r, d).figures.breaks_total().count, 0);
    }
}

TEST_F(Report_, ASittingAcrossMidnightIsSplitBetweenTheDays) {
    brk("idle", at(2026, 3, 17, 22, 0), at(2026, 3, 17, 23, 30));
    sitting(at(2026, 3, 17, 23, 30), at(2026, 3, 18, 0, 30));
    brk("shutdown", at(2026, 3, 18, 0, 30), at(2026, 3, 20, 9, 0));
    const Report r = week_report(date(2026, 3, 16));
    const Figures& tue = day_of(r, date(2026, 3, 17)).figures;
    const Figures& wed = day_of(r, date(2026, 3, 18)).figures;
    EXPECT_EQ(tue.sitting_s, 1800);
    EXPECT_EQ(tue.sittings, 1);
    EXPECT_EQ(tue.longest_s, 1800);
    EXPECT_EQ(tue.longest_start_s, at(2026, 3, 17, 23, 30));
    EXPECT_EQ(tue.over_limit, 0);
    EXPECT_EQ(wed.sitting_s, 1800);
    EXPECT_EQ(wed.sittings, 1);
    EXPECT_EQ(wed.longest_start_s, at(2026, 3, 18, 0, 0));
    EXPECT_EQ(wed.over_limit, 0);
    // The range sees the whole sitting: one hour, past the limit.
    EXPECT_EQ(r.totals.sitting_s, 3600);
    EXPECT_EQ(r.totals.sittings, 1);
    EXPECT_EQ(r.totals.longest_s, 3600);
    EXPECT_EQ(r.totals.longest_start_s, at(2026, 3, 17, 23, 30));
    EXPECT_EQ(r.totals.over_limit, 1);
    EXPECT_EQ(r.totals.over_limit_s, 3600);
    EXPECT_EQ(r.heat[1][23], 1800);
    EXPECT_EQ(r.heat[2][0], 1800);
    // A break over two midnights: on each of its three days, once in the range.
    EXPECT_EQ(breaks(wed, BreakReason::shutdown).seconds, 84600);  // from 00:30
    EXPECT_EQ(breaks(day_of(r, date(2026, 3, 19)).figures, BreakReason::shutdown).seconds, 86400);
    EXPECT_EQ(breaks(day_of(r, date(2026, 3, 20)).figures, BreakReason::shutdown).seconds, 32400);
    EXPECT_EQ(breaks(day_of(r, date(2026, 3, 20)).figures, BreakReason::shutdown).count, 1);
    EXPECT_EQ(breaks(r.totals, BreakReason::shutdown).count, 1);
    EXPECT_EQ(breaks(r.totals, BreakReason::shutdown).seconds, 84600 + 86400 + 32400);
    EXPECT_EQ(breaks(r.totals, BreakReason::idle).seconds, 5400);
}

TEST_F(Report_, TheDayClocksGoForwardHas23HoursAndNoTwoOClock) {
    // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
    sitting(at(2026, 3, 29, 1, 30), at(2026, 3, 29, 3, 30));  // one real hour
    brk("idle", at(2026, 3, 29, 3, 30), at(2026, 3, 29, 23, 0));
    sitting(at(2026, 3, 29, 23, 0), at(2026, 3, 30, 0, 0));
    const Report r = day_report(date(2026, 3, 29));
    ASSERT_EQ(r.days.size(), 1u);
    const Day& d = r.days[0];
    EXPECT_EQ(d.start_s, 1774738800);  // 2026-03-28T23:00:00Z
    EXPECT_EQ(d.end_s, 1774821600);    // 2026-03-29T22:00:00Z
    EXPECT_EQ(d.end_s - d.start_s, 23 * 3600);
    EXPECT_EQ(d.figures.sitting_s, 7200);
    EXPECT_EQ(d.figures.sittings, 2);
    EXPECT_EQ(d.figures.longest_s, 3600);
    EXPECT_EQ(d.figures.over_limit, 2);
    EXPECT_EQ(breaks(d.figures, BreakReason::idle).seconds, 70200);  // 03:30-23:00 CEST
    EXPECT_EQ(r.heat[6][1], 1800);
    EXPECT_EQ(r.heat[6][2], 0);
    EXPECT_EQ(r.heat[6][3], 1800);
    EXPECT_EQ(r.heat[6][23], 3600);

    const Calendar cal = make_calendar(date(2026, 3, 29), date(2026, 3, 29));
    ASSERT_EQ(cal.hours.size(), 23u);
    EXPECT_EQ(cal.hours[1].hour, 1);
    EXPECT_EQ(cal.hours[2].hour, 3);
    EXPECT_EQ(cal.hours[2].start_s - cal.hours[1].start_s, 3600);
}

TEST_F(Report_, TheDayClocksGoBackHas25HoursAndTwoOClockTwice) {
    // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
    sitting(at(2026, 10, 25, 1, 30, 1), at(2026, 10, 25, 2, 30, 0));  // 01:30 CEST to the second 02:30
    const Report r = day_report(date(2026, 10, 25));
    ASSERT_EQ(r.days.size(), 1u);
    const Day& d = r.days[0];
    EXPECT_EQ(d.start_s, 1792879200);  // 2026-10-24T22:00:00Z
    EXPECT_EQ(d.end_s - d.start_s, 25 * 3600);
    EXPECT_EQ(d.figures.sitting_s, 7200);
    EXPECT_EQ(d.figures.longest_s, 7200);
    EXPECT_EQ(d.figures.over_limit, 1);
    EXPECT_EQ(r.heat[6][1], 1800);
    EXPECT_EQ(r.heat[6][2], 5400);  // the first 02:00 hour whole, half of the second
    EXPECT_EQ(r.heat[6][3], 0);

    const Calendar cal = make_calendar(date(2026, 10, 25), date(2026, 10, 26));
    ASSERT_EQ(cal.days.size(), 2u);
    EXPECT_EQ(cal.days[0].hour_count, 25u);
    EXPECT_EQ(cal.days[1].hour_count, 24u);
    EXPECT_EQ(cal.hours[2].hour, 2);
    EXPECT_EQ(cal.hours[3].hour, 2);
    EXPECT_EQ(cal.days[1].start_s - cal.days[0].start_s, 25 * 3600);
}

TEST_F(Report_, AnEmptyRangeIsAllZeros) {
    write_ordinary_day(*this);
    const Report r = week_report(date(2026, 6, 1));
    ASSERT_EQ(r.days.size(), 7u);
    for (const Figures* f : {&r.totals, &r.days[0].figures, &r.days[6].figures}) {
        EXPECT_EQ(f->sitting_s, 0);
        EXPECT_EQ(f->sittings, 0);
        EXPECT_EQ(f->longest_s, 0);
        EXPECT_EQ(f->longest_start_s, 0);
        EXPECT_EQ(f->average_s(), 0);
        EXPECT_EQ(f->over_limit_share(), 0.0);
        EXPECT_EQ(f->breaks_total().count, 0);
        EXPECT_EQ(f->reminders.shown, 0);
        EXPECT_EQ(f->routines.completed, 0);
        EXPECT_FALSE(f->ongoing);
    }
    EXPECT_EQ(r.stretch_days, 0);
    for (const auto& row : r.heat) EXPECT_EQ(row, (std::array<std::int64_t, 24>{}));
    EXPECT_EQ(r.goal.stretch_days, 0);
    EXPECT_FALSE(r.goal.met);
    EXPECT_EQ(r.goal.streak_weeks, 0);
}

TEST_F(Report_, HasHistoryOnlyOnceSomethingWasRecorded) {
    EXPECT_FALSE(has_history(*store_).value());
    sitting(at(2026, 3, 16, 9, 0), at(2026, 3, 16, 9, 5));
    EXPECT_TRUE(has_history(*store_).value());
}

TEST_F(Report_, ADayOfOnlyBreaks) {
    brk("suspend", at(2026, 3, 20, 18, 0), at(2026, 3, 23, 8, 0));
    const Report r = day_report(date(2026, 3, 21));
    const Figures& f = r.days.at(0).figures;
    EXPECT_EQ(f.sitting_s, 0);
    EXPECT_EQ(f.sittings, 0);
    EXPECT_EQ(f.longest_s, 0);
    expect_breaks(f, {Count{}, Count{}, Count{1, 86400}, Count{}, Count{}, Count{}});
    EXPECT_FALSE(r.days[0].stretch_day);
    ASSERT_EQ(r.days[0].pieces.size(), 1u);
    EXPECT_FALSE(r.days[0].pieces[0].sitting);
}

TEST_F(Report_, AnOpenSpanCountsToItsLastCheckpointAndIsOngoing) {
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 30));
    brk("idle", at(2026, 3, 18, 8, 30), at(2026, 3, 18, 9, 0));
    sitting(at(2026, 3, 18, 9, 0), at(2026, 3, 18, 9, 50), /*open=*/true);
    const Report r = report(range_of(RangeKind::day, date(2026, 3, 18)), at(2026, 3, 18, 9, 50) + 30);
    const Day& d = r.days.at(0);
    EXPECT_EQ(d.figures.sitting_s, 4800);
    EXPECT_EQ(d.figures.sittings, 2);
    EXPECT_EQ(d.figures.longest_s, 3000);
    EXPECT_EQ(d.figures.over_limit, 1);
    EXPECT_TRUE(d.figures.ongoing);
    EXPECT_TRUE(r.totals.ongoing);
    ASSERT_FALSE(d.pieces.empty());
    EXPECT_TRUE(d.pieces.back().open);
    EXPECT_EQ(d.pieces.back().end_s, at(2026, 3, 18, 9, 50));
}

TEST_F(Report_, TheDaemonCountsItsOpenSpanUpToNow) {
    // A break is never checkpointed: in the file it still ends where it began.
    sitting(at(2026, 3, 17, 16, 0), at(2026, 3, 17, 18, 0));
    auto id = store_->open_span(store::SpanKind::brk, "suspend", at(2026, 3, 17, 18, 0) * 1000);
    ASSERT_TRUE(id.ok());
    const std::int64_t now = at(2026, 3, 18, 7, 30);
    auto live = make_report(*store_, range_of(RangeKind::day, date(2026, 3, 18)), Options{2700, 4, now, true});
    ASSERT_TRUE(live.ok());
    EXPECT_EQ(breaks(live->totals, BreakReason::suspend).seconds, 7 * 3600 + 1800);
    EXPECT_EQ(breaks(live->totals, BreakReason::suspend).count, 1);
    const Report file = report(range_of(RangeKind::day, date(2026, 3, 18)), now);
    EXPECT_EQ(file.totals.breaks_total().count, 0) << "the file alone says nothing yet about this morning";

    ASSERT_TRUE(store_->close_span(*id, at(2026, 3, 18, 8, 0) * 1000).ok());
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 1), /*open=*/true);
    live = make_report(*store_, range_of(RangeKind::day, date(2026, 3, 18)), Options{2700, 4, at(2026, 3, 18, 8, 20), true});
    ASSERT_TRUE(live.ok());
    EXPECT_EQ(live->totals.sitting_s, 20 * 60);
    EXPECT_TRUE(live->totals.ongoing);
}

TEST_F(Report_, SittingRowsWithNothingBetweenThemAreOneSitting) {
    // A daemon restart that continued the sitting may leave two rows.
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 30));
    sitting(at(2026, 3, 18, 8, 30), at(2026, 3, 18, 9, 0));
    const Report r = day_report(date(2026, 3, 18));
    EXPECT_EQ(r.totals.sittings, 1);
    EXPECT_EQ(r.totals.longest_s, 3600);
    EXPECT_EQ(r.totals.over_limit, 1);
}

TEST_F(Report_, RemindersThatWerePausedIgnoredOrSnoozedAhead) {
    auto at19 = [](int hh, int mm) { return at(2026, 3, 19, hh, mm); };
    sitting(at19(9, 0), at19(15, 0));
    event(at19(10, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at19(10, 5), "reminder_shown", R"({"repeat":1,"snoozes":0})");
    event(at19(10, 10), "reminder_shown", R"({"repeat":1,"snoozes":0})");
    event(at19(10, 12), "reminder_withdrawn", R"({"why":"paused"})");
    event(at19(11, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");  // never answered
    event(at19(12, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at19(12, 1), "routine_started", R"({"from_reminder":1,"routine":"desk","waited_s":60})");
    event(at19(12, 6), "routine_stopped", R"({"of":6,"routine":"desk","step":2})");
    event(at19(14, 0), "reminder_snoozed", R"({"for_s":1800,"snoozes":0})");  // ahead of any reminder
    event(at19(14, 30), "reminder_shown", R"({"repeat":0,"snoozes":0})");     // still out when the day ends
    const Report r = day_report(date(2026, 3, 19));
    const Reminders& m = r.totals.reminders;
    EXPECT_EQ(m.shown, 4);
    EXPECT_EQ(m.shown_again, 2);
    EXPECT_EQ(m.snoozed, 1);
    EXPECT_EQ(m.skipped, 0);
    EXPECT_EQ(m.acted, 1);
    EXPECT_EQ(m.took_break, 0);
    EXPECT_EQ(m.paused, 1);
    EXPECT_EQ(m.unanswered, 2);
    EXPECT_EQ(m.answered, 1);
    EXPECT_EQ(m.wait_median_s, 60);
    EXPECT_EQ(m.wait_max_s, 60);
    const Routines& rt = r.totals.routines;
    EXPECT_EQ(rt.started, 1);
    EXPECT_EQ(rt.completed, 0);
    EXPECT_EQ(rt.stopped, 1);
    EXPECT_EQ(rt.stretched_s, 0);
    EXPECT_EQ(rt.by_routine.at("desk").stopped, 1);
    EXPECT_FALSE(r.days.at(0).stretch_day);  // a stopped routine is not a stretch
}

TEST_F(Report_, AMonthsDaysAddUpToItsTotals) {
    write_ordinary_day(*this);
    brk("idle", at(2026, 3, 17, 23, 0), at(2026, 3, 17, 23, 30));
    sitting(at(2026, 3, 17, 23, 30), at(2026, 3, 18, 0, 30));
    sitting(at(2026, 3, 29, 1, 30), at(2026, 3, 29, 3, 30));
    completed_routine(at(2026, 3, 29, 4, 0), "floor", 420);
    const Report r = report(range_of(RangeKind::month, date(2026, 3, 10)), at(2026, 4, 1, 12, 0));
    ASSERT_EQ(r.days.size(), 31u);
    std::int64_t sitting = 0, idle = 0, stretched = 0;
    int shown = 0, stretch_days = 0;
    std::array<std::int64_t, 7> by_weekday{};
    for (const Day& d : r.days) {
        sitting += d.figures.sitting_s;
        idle += breaks(d.figures, BreakReason::idle).seconds;
        stretched += d.figures.routines.stretched_s;
        shown += d.figures.reminders.shown;
        stretch_days += d.stretch_day;
        by_weekday[static_cast<std::size_t>(weekday(d.date))] += d.figures.sitting_s;
    }
    EXPECT_EQ(r.totals.sitting_s, 12600 + 3600 + 3600);
    EXPECT_EQ(sitting, r.totals.sitting_s);
    EXPECT_EQ(idle, breaks(r.totals, BreakReason::idle).seconds);
    EXPECT_EQ(stretched, 300 + 420);
    EXPECT_EQ(r.totals.routines.stretched_s, 720);
    EXPECT_EQ(shown, 3);
    EXPECT_EQ(stretch_days, 2);
    EXPECT_EQ(r.stretch_days, 2);
    for (std::size_t wd = 0; wd < 7; ++wd) {
        std::int64_t heat = 0;
        for (auto v : r.heat[wd]) heat += v;
        EXPECT_EQ(heat, by_weekday[wd]) << weekday_name(static_cast<int>(wd));
    }
}

}  // namespace
}  // namespace limber::report
