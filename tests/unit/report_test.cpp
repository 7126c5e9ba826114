// SPDX-License-Identifier: MIT
// Report figures from hand-made histories: every figure of every scenario is
// worked out by hand below, from the spans and events the test writes.
#include <catch2/catch.hpp>

#include <utility>

#include "report/calendar.hpp"
#include "report_history.hpp"

namespace limber::report {
namespace {

using testing::breaks;
using testing::day_of;

using testing::History;

void check_breaks(const Figures& f, std::array<Count, kBreakReasons> want) {
    for (std::size_t i = 0; i < kBreakReasons; ++i) {
        INFO(to_string(static_cast<BreakReason>(i)) << " breaks");
        CHECK(f.breaks[i].count == want[i].count);
        CHECK(f.breaks[i].seconds == want[i].seconds);
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

TEST_CASE_METHOD(History, "report: an ordinary day has every figure right", "[report]") {
    write_ordinary_day(*this);
    const Report r = day_report(date(2026, 3, 16));
    REQUIRE(r.days.size() == 1u);
    const Day& d = r.days[0];
    CHECK(d.start_s == at(2026, 3, 16, 0, 0));
    CHECK(d.end_s - d.start_s == 86400);
    // The day is the whole range, so its figures and the totals must agree.
    for (const auto& [which, f] : {std::pair{"the day", &d.figures}, std::pair{"the totals", &r.totals}}) {
        INFO(which);
        CHECK(f->sitting_s == 12600);  // 30 + 60 + 50 + 20 + 50 minutes
        CHECK(f->sittings == 5);
        CHECK(f->longest_s == 3600);
        CHECK(f->longest_start_s == at(2026, 3, 16, 8, 40));
        CHECK(f->over_limit == 3);
        CHECK(f->over_limit_s == 9600);
        // epsilon(0): Approx's default relative tolerance would be far looser than the margin.
        CHECK(f->over_limit_share() == Approx(9600.0 / 12600.0).epsilon(0).margin(1e-9));
        CHECK(f->average_s() == 2520);
        // The night before from midnight, the evening to midnight: the day is whole.
        check_breaks(*f, {Count{2, 600 + 36600}, Count{1, 3600}, Count{1, 3900}, Count{1, 300}, Count{1, 28800}, Count{}});
        CHECK(f->sitting_s + f->breaks_total().seconds == 86400);
        const Reminders& m = f->reminders;
        CHECK(m.shown == 3);
        CHECK(m.shown_again == 1);  // back after the snooze
        CHECK(m.snoozed == 1);
        CHECK(m.skipped == 1);
        CHECK(m.acted == 1);
        CHECK(m.took_break == 1);
        CHECK(m.paused == 0);
        CHECK(m.unanswered == 0);
        CHECK(m.answered == 2);  // the snooze after 2 min, the skip after 3
        CHECK(m.wait_total_s == 300);
        CHECK(m.wait_median_s == 150);
        CHECK(m.wait_max_s == 180);
        CHECK(f->routines.started == 1);
        CHECK(f->routines.completed == 1);
        CHECK(f->routines.stopped == 0);
        CHECK(f->routines.stretched_s == 300);
        REQUIRE(f->routines.by_routine.size() == 1u);
        CHECK(f->routines.by_routine.at("desk").completed == 1);
        CHECK(f->routines.by_routine.at("desk").seconds == 300);
        CHECK_FALSE(f->ongoing);
    }
    CHECK(d.stretch_day);
    CHECK(r.stretch_days == 1);

    std::array<std::int64_t, 24> monday{};
    monday[8] = 3000;   // 08:00-08:30, 08:40-09:00
    monday[9] = 3300;   // 09:00-09:40, 09:45-10:00
    monday[10] = 2100;  // 10:00-10:35
    monday[11] = 1200;  // 11:35-11:55
    monday[13] = 3000;  // 13:00-13:50
    CHECK(r.heat[0] == monday);
    for (int wd = 1; wd < 7; ++wd) {
        INFO(weekday_name(wd));
        CHECK(r.heat[static_cast<std::size_t>(wd)] == (std::array<std::int64_t, 24>{}));
    }
}

TEST_CASE_METHOD(History, "report: the week counts a break across midnight once and splits its time", "[report]") {
    write_ordinary_day(*this);
    const Report r = week_report(date(2026, 3, 16));
    REQUIRE(r.days.size() == 7u);
    CHECK(r.first == date(2026, 3, 16));
    CHECK(r.last == date(2026, 3, 22));
    CHECK(r.totals.sitting_s == 12600);
    CHECK(breaks(r.totals, BreakReason::idle).count == 2);
    CHECK(breaks(r.totals, BreakReason::idle).seconds == 600 + 65400);  // 13:50 to 08:00 next day
    const Figures& tue = day_of(r, date(2026, 3, 17)).figures;
    CHECK(breaks(tue, BreakReason::idle).count == 1);
    CHECK(breaks(tue, BreakReason::idle).seconds == 28800);
    CHECK(tue.sitting_s == 0);
    for (Date d = date(2026, 3, 18); d <= date(2026, 3, 22); d = d + 1) {
        INFO(iso(d));
        CHECK(day_of(r, d).figures.sitting_s == 0);
        CHECK(day_of(r, d).figures.breaks_total().count == 0);
    }
}

TEST_CASE_METHOD(History, "report: a sitting across midnight is split between the days", "[report]") {
    brk("idle", at(2026, 3, 17, 22, 0), at(2026, 3, 17, 23, 30));
    sitting(at(2026, 3, 17, 23, 30), at(2026, 3, 18, 0, 30));
    brk("shutdown", at(2026, 3, 18, 0, 30), at(2026, 3, 20, 9, 0));
    const Report r = week_report(date(2026, 3, 16));
    const Figures& tue = day_of(r, date(2026, 3, 17)).figures;
    const Figures& wed = day_of(r, date(2026, 3, 18)).figures;
    CHECK(tue.sitting_s == 1800);
    CHECK(tue.sittings == 1);
    CHECK(tue.longest_s == 1800);
    CHECK(tue.longest_start_s == at(2026, 3, 17, 23, 30));
    CHECK(tue.over_limit == 0);
    CHECK(wed.sitting_s == 1800);
    CHECK(wed.sittings == 1);
    CHECK(wed.longest_start_s == at(2026, 3, 18, 0, 0));
    CHECK(wed.over_limit == 0);
    // The range sees the whole sitting: one hour, past the limit.
    CHECK(r.totals.sitting_s == 3600);
    CHECK(r.totals.sittings == 1);
    CHECK(r.totals.longest_s == 3600);
    CHECK(r.totals.longest_start_s == at(2026, 3, 17, 23, 30));
    CHECK(r.totals.over_limit == 1);
    CHECK(r.totals.over_limit_s == 3600);
    CHECK(r.heat[1][23] == 1800);
    CHECK(r.heat[2][0] == 1800);
    // A break over two midnights: on each of its three days, once in the range.
    CHECK(breaks(wed, BreakReason::shutdown).seconds == 84600);  // from 00:30
    CHECK(breaks(day_of(r, date(2026, 3, 19)).figures, BreakReason::shutdown).seconds == 86400);
    CHECK(breaks(day_of(r, date(2026, 3, 20)).figures, BreakReason::shutdown).seconds == 32400);
    CHECK(breaks(day_of(r, date(2026, 3, 20)).figures, BreakReason::shutdown).count == 1);
    CHECK(breaks(r.totals, BreakReason::shutdown).count == 1);
    CHECK(breaks(r.totals, BreakReason::shutdown).seconds == 84600 + 86400 + 32400);
    CHECK(breaks(r.totals, BreakReason::idle).seconds == 5400);
}

TEST_CASE_METHOD(History, "report: the day clocks go forward has 23 hours and no two o'clock", "[report]") {
    // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
    sitting(at(2026, 3, 29, 1, 30), at(2026, 3, 29, 3, 30));  // one real hour
    brk("idle", at(2026, 3, 29, 3, 30), at(2026, 3, 29, 23, 0));
    sitting(at(2026, 3, 29, 23, 0), at(2026, 3, 30, 0, 0));
    const Report r = day_report(date(2026, 3, 29));
    REQUIRE(r.days.size() == 1u);
    const Day& d = r.days[0];
    CHECK(d.start_s == 1774738800);  // 2026-03-28T23:00:00Z
    CHECK(d.end_s == 1774821600);    // 2026-03-29T22:00:00Z
    CHECK(d.end_s - d.start_s == 23 * 3600);
    CHECK(d.figures.sitting_s == 7200);
    CHECK(d.figures.sittings == 2);
    CHECK(d.figures.longest_s == 3600);
    CHECK(d.figures.over_limit == 2);
    CHECK(breaks(d.figures, BreakReason::idle).seconds == 70200);  // 03:30-23:00 CEST
    CHECK(r.heat[6][1] == 1800);
    CHECK(r.heat[6][2] == 0);
    CHECK(r.heat[6][3] == 1800);
    CHECK(r.heat[6][23] == 3600);

    const Calendar cal = make_calendar(date(2026, 3, 29), date(2026, 3, 29));
    REQUIRE(cal.hours.size() == 23u);
    CHECK(cal.hours[1].hour == 1);
    CHECK(cal.hours[2].hour == 3);
    CHECK(cal.hours[2].start_s - cal.hours[1].start_s == 3600);
}

TEST_CASE_METHOD(History, "report: the day clocks go back has 25 hours and two o'clock twice", "[report]") {
    // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
    sitting(at(2026, 10, 25, 1, 30, 1), at(2026, 10, 25, 2, 30, 0));  // 01:30 CEST to the second 02:30
    const Report r = day_report(date(2026, 10, 25));
    REQUIRE(r.days.size() == 1u);
    const Day& d = r.days[0];
    CHECK(d.start_s == 1792879200);  // 2026-10-24T22:00:00Z
    CHECK(d.end_s - d.start_s == 25 * 3600);
    CHECK(d.figures.sitting_s == 7200);
    CHECK(d.figures.longest_s == 7200);
    CHECK(d.figures.over_limit == 1);
    CHECK(r.heat[6][1] == 1800);
    CHECK(r.heat[6][2] == 5400);  // the first 02:00 hour whole, half of the second
    CHECK(r.heat[6][3] == 0);

    const Calendar cal = make_calendar(date(2026, 10, 25), date(2026, 10, 26));
    REQUIRE(cal.days.size() == 2u);
    CHECK(cal.days[0].hour_count == 25u);
    CHECK(cal.days[1].hour_count == 24u);
    CHECK(cal.hours[2].hour == 2);
    CHECK(cal.hours[3].hour == 2);
    CHECK(cal.days[1].start_s - cal.days[0].start_s == 25 * 3600);
}

TEST_CASE_METHOD(History, "report: an empty range is all zeros", "[report]") {
    write_ordinary_day(*this);
    const Report r = week_report(date(2026, 6, 1));
    REQUIRE(r.days.size() == 7u);
    for (const auto& [which, f] :
         {std::pair{"the totals", &r.totals}, std::pair{"Monday", &r.days[0].figures},
          std::pair{"Sunday", &r.days[6].figures}}) {
        INFO(which);
        CHECK(f->sitting_s == 0);
        CHECK(f->sittings == 0);
        CHECK(f->longest_s == 0);
        CHECK(f->longest_start_s == 0);
        CHECK(f->average_s() == 0);
        CHECK(f->over_limit_share() == 0.0);
        CHECK(f->breaks_total().count == 0);
        CHECK(f->reminders.shown == 0);
        CHECK(f->routines.completed == 0);
        CHECK_FALSE(f->ongoing);
    }
    CHECK(r.stretch_days == 0);
    for (int wd = 0; wd < 7; ++wd) {
        INFO(weekday_name(wd));
        CHECK(r.heat[static_cast<std::size_t>(wd)] == (std::array<std::int64_t, 24>{}));
    }
    CHECK(r.goal.stretch_days == 0);
    CHECK_FALSE(r.goal.met);
    CHECK(r.goal.streak_weeks == 0);
}

TEST_CASE_METHOD(History, "report: there is history only once something was recorded", "[report]") {
    CHECK_FALSE(has_history(*store_).value());
    sitting(at(2026, 3, 16, 9, 0), at(2026, 3, 16, 9, 5));
    CHECK(has_history(*store_).value());
}

TEST_CASE_METHOD(History, "report: a day of only breaks has no sitting and one whole-day break", "[report]") {
    brk("suspend", at(2026, 3, 20, 18, 0), at(2026, 3, 23, 8, 0));
    const Report r = day_report(date(2026, 3, 21));
    const Figures& f = r.days.at(0).figures;
    CHECK(f.sitting_s == 0);
    CHECK(f.sittings == 0);
    CHECK(f.longest_s == 0);
    check_breaks(f, {Count{}, Count{}, Count{1, 86400}, Count{}, Count{}, Count{}});
    CHECK_FALSE(r.days[0].stretch_day);
    REQUIRE(r.days[0].pieces.size() == 1u);
    CHECK_FALSE(r.days[0].pieces[0].sitting);
}

TEST_CASE_METHOD(History, "report: an open span counts to its last checkpoint and is ongoing", "[report]") {
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 30));
    brk("idle", at(2026, 3, 18, 8, 30), at(2026, 3, 18, 9, 0));
    sitting(at(2026, 3, 18, 9, 0), at(2026, 3, 18, 9, 50), /*open=*/true);
    const Report r = report(range_of(RangeKind::day, date(2026, 3, 18)), at(2026, 3, 18, 9, 50) + 30);
    const Day& d = r.days.at(0);
    CHECK(d.figures.sitting_s == 4800);
    CHECK(d.figures.sittings == 2);
    CHECK(d.figures.longest_s == 3000);
    CHECK(d.figures.over_limit == 1);
    CHECK(d.figures.ongoing);
    CHECK(r.totals.ongoing);
    REQUIRE_FALSE(d.pieces.empty());
    CHECK(d.pieces.back().open);
    CHECK(d.pieces.back().end_s == at(2026, 3, 18, 9, 50));
}

TEST_CASE_METHOD(History, "report: the daemon counts its open span up to now", "[report]") {
    // A break is never checkpointed: in the file it still ends where it began.
    sitting(at(2026, 3, 17, 16, 0), at(2026, 3, 17, 18, 0));
    auto id = store_->open_span(store::SpanKind::brk, "suspend", at(2026, 3, 17, 18, 0) * 1000);
    REQUIRE(id.ok());
    const std::int64_t now = at(2026, 3, 18, 7, 30);
    auto live = make_report(*store_, range_of(RangeKind::day, date(2026, 3, 18)), Options{2700, 4, now, true});
    REQUIRE(live.ok());
    CHECK(breaks(live->totals, BreakReason::suspend).seconds == 7 * 3600 + 1800);
    CHECK(breaks(live->totals, BreakReason::suspend).count == 1);
    const Report file = report(range_of(RangeKind::day, date(2026, 3, 18)), now);
    INFO("the file alone says nothing yet about this morning");
    CHECK(file.totals.breaks_total().count == 0);

    REQUIRE(store_->close_span(*id, at(2026, 3, 18, 8, 0) * 1000).ok());
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 1), /*open=*/true);
    live = make_report(*store_, range_of(RangeKind::day, date(2026, 3, 18)), Options{2700, 4, at(2026, 3, 18, 8, 20), true});
    REQUIRE(live.ok());
    CHECK(live->totals.sitting_s == 20 * 60);
    CHECK(live->totals.ongoing);
}

TEST_CASE_METHOD(History, "report: sitting rows with nothing between them are one sitting", "[report]") {
    // A daemon restart that continued the sitting may leave two rows.
    sitting(at(2026, 3, 18, 8, 0), at(2026, 3, 18, 8, 30));
    sitting(at(2026, 3, 18, 8, 30), at(2026, 3, 18, 9, 0));
    const Report r = day_report(date(2026, 3, 18));
    CHECK(r.totals.sittings == 1);
    CHECK(r.totals.longest_s == 3600);
    CHECK(r.totals.over_limit == 1);
}

TEST_CASE_METHOD(History, "report: reminders that were paused ignored or snoozed ahead", "[report]") {
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
    CHECK(m.shown == 4);
    CHECK(m.shown_again == 2);
    CHECK(m.snoozed == 1);
    CHECK(m.skipped == 0);
    CHECK(m.acted == 1);
    CHECK(m.took_break == 0);
    CHECK(m.paused == 1);
    CHECK(m.unanswered == 2);
    CHECK(m.answered == 1);
    CHECK(m.wait_median_s == 60);
    CHECK(m.wait_max_s == 60);
    const Routines& rt = r.totals.routines;
    CHECK(rt.started == 1);
    CHECK(rt.completed == 0);
    CHECK(rt.stopped == 1);
    CHECK(rt.stretched_s == 0);
    CHECK(rt.by_routine.at("desk").stopped == 1);
    CHECK_FALSE(r.days.at(0).stretch_day);  // a stopped routine is not a stretch
}

int outcomes(const Reminders& m) { return m.acted + m.took_break + m.skipped + m.paused + m.unanswered; }

TEST_CASE_METHOD(History, "report: what became of the reminders adds up to the reminders", "[report]") {
    auto at20 = [](int hh, int mm) { return at(2026, 3, 20, hh, mm); };
    sitting(at(2026, 3, 19, 23, 0), at20(12, 0));
    // Shown the evening before, answered on the day: no reminder of the day.
    event(at(2026, 3, 19, 23, 50), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at20(0, 5), "reminder_skipped", R"({"waited_s":900})");
    // Snoozed ahead of time, then a break: nothing was shown, nothing ended.
    event(at20(8, 0), "reminder_snoozed", R"({"for_s":1800,"snoozes":0})");
    event(at20(8, 10), "reminder_withdrawn", R"({"why":"break"})");
    // Snoozed ahead, then a routine: the routine answered no reminder.
    event(at20(8, 20), "reminder_snoozed", R"({"for_s":1800,"snoozes":0})");
    event(at20(8, 25), "routine_started", R"({"from_reminder":1,"routine":"desk","waited_s":0})");
    event(at20(8, 30), "routine_stopped", R"({"of":6,"routine":"desk","step":2})");
    // Shown, snoozed, back, then the user got up: one reminder, one break.
    event(at20(9, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at20(9, 2), "reminder_snoozed", R"({"for_s":600,"snoozes":1})");
    event(at20(9, 12), "reminder_shown", R"({"repeat":0,"snoozes":1})");
    event(at20(9, 14), "reminder_withdrawn", R"({"why":"break"})");
    // Shown and snoozed, then the daemon stopped: it came to nothing.
    event(at20(10, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at20(10, 1), "reminder_snoozed", R"({"for_s":600,"snoozes":1})");
    event(at20(10, 5), "daemon_stop", "{}");
    event(at20(10, 30), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at20(10, 31), "reminder_withdrawn", R"({"why":"paused"})");
    event(at20(11, 0), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at20(11, 3), "routine_started", R"({"from_reminder":1,"routine":"desk","waited_s":180})");
    // Shown just before midnight, answered after it: the day it was shown.
    sitting(at20(23, 0), at(2026, 3, 21, 1, 0));
    event(at20(23, 55), "reminder_shown", R"({"repeat":0,"snoozes":0})");
    event(at(2026, 3, 21, 0, 10), "reminder_skipped", R"({"waited_s":900})");
    const Report r = report(Range{RangeKind::custom, date(2026, 3, 20), date(2026, 3, 21)}, at(2026, 3, 22, 0, 0));
    const Reminders& m = r.totals.reminders;
    CHECK(m.shown == 5);
    CHECK(m.acted == 1);
    CHECK(m.took_break == 1);
    CHECK(m.skipped == 1);
    CHECK(m.paused == 1);
    CHECK(m.unanswered == 1);
    CHECK(outcomes(m) == m.shown);
    for (const Day& d : r.days) {
        INFO(iso(d.date));
        CHECK(outcomes(d.figures.reminders) == d.figures.reminders.shown);
    }
    CHECK(day_of(r, date(2026, 3, 20)).figures.reminders.skipped == 1);
    CHECK(day_of(r, date(2026, 3, 21)).figures.reminders.shown == 0);
}

TEST_CASE_METHOD(History, "report: a month's days add up to its totals", "[report]") {
    write_ordinary_day(*this);
    brk("idle", at(2026, 3, 17, 23, 0), at(2026, 3, 17, 23, 30));
    sitting(at(2026, 3, 17, 23, 30), at(2026, 3, 18, 0, 30));
    sitting(at(2026, 3, 29, 1, 30), at(2026, 3, 29, 3, 30));
    completed_routine(at(2026, 3, 29, 4, 0), "floor", 420);
    const Report r = report(range_of(RangeKind::month, date(2026, 3, 10)), at(2026, 4, 1, 12, 0));
    REQUIRE(r.days.size() == 31u);
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
    CHECK(r.totals.sitting_s == 12600 + 3600 + 3600);
    CHECK(sitting == r.totals.sitting_s);
    CHECK(idle == breaks(r.totals, BreakReason::idle).seconds);
    CHECK(stretched == 300 + 420);
    CHECK(r.totals.routines.stretched_s == 720);
    CHECK(shown == 3);
    CHECK(stretch_days == 2);
    CHECK(r.stretch_days == 2);
    for (std::size_t wd = 0; wd < 7; ++wd) {
        std::int64_t heat = 0;
        for (auto v : r.heat[wd]) heat += v;
        INFO(weekday_name(static_cast<int>(wd)));
        CHECK(heat == by_weekday[wd]);
    }
}

}  // namespace
}  // namespace limber::report
