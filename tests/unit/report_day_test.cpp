// SPDX-License-Identifier: MIT
// One working day played through the real engine, carried into a real SQLite
// file by the daemon's own History, and read back by the report: every figure
// of the report is worked out by hand below from the inputs alone. A name
// spelled differently on either side of the file (an event type, a detail
// key, a break reason) shows up here as a wrong figure.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "daemon/history.hpp"
#include "report/calendar.hpp"
#include "report/query.hpp"
#include "report/render.hpp"
#include "sample_routine.hpp"
#include "store/store.hpp"

namespace limber {
namespace {

using namespace std::chrono_literals;
using report::BreakReason;

constexpr Millis k0800{1'773'648'000'000};  // Monday 16 March 2026, 08:00 UTC

class Day {
public:
    Day()
        : engine_(Settings{}, {test_support::sample_routine("desk", 3, 30s), test_support::sample_routine("floor", 2, 60s, true)},
                  true) {
        ::setenv("TZ", "UTC", 1);
        ::tzset();
        char tmpl[] = "/tmp/limber-day-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        dir_ = tmpl;
        auto opened = store::Store::open(dir_ + "/limber.db", store::Mode::read_write);
        REQUIRE(opened.ok());
        history_.emplace(std::move(*opened));
        apply(engine_.begin(at(0ms)));
    }
    ~Day() {
        history_.reset();
        std::filesystem::remove_all(dir_);
    }
    Day(const Day&) = delete;
    Day& operator=(const Day&) = delete;

    static Stamp at(Millis mono) { return {mono, k0800 + mono, {}}; }

    // Fires the daemon's one timer at every deadline up to t.
    void run_until(Millis t) {
        for (int guard = 0; guard < 10000; ++guard) {
            const auto d = engine_.next_deadline(at(now_));
            if (!d || *d > t) break;
            now_ = std::max(now_, *d);
            apply(engine_.tick(at(now_)));
        }
        now_ = t;
    }
    template <class F>
    core::Effects input(Millis t, F f) {
        run_until(t);
        return apply(f(engine_, at(t)));
    }
    core::Effects apply(core::Effects fx) {
        INFO((fx.refused ? fx.refused->message : std::string()));
        CHECK_FALSE(fx.refused.has_value());
        for (const auto& e : fx.list) history_->apply(e);
        return fx;
    }
    report::Report report() {
        // The report opens the file as `limberctl report` does: read-only.
        auto reader = store::Store::open(dir_ + "/limber.db", store::Mode::read_only);
        REQUIRE(reader.ok());
        const report::Date day = report::local_date((k0800.count()) / 1000);
        auto made = report::make_report(*reader, report::range_of(report::RangeKind::day, day),
                                        report::Options{45 * 60, 4, k0800.count() / 1000 + 12 * 3600});
        REQUIRE(made.ok());
        return std::move(*made);
    }

private:
    core::Engine engine_;
    std::string dir_;
    std::optional<daemon::History> history_;
    Millis now_{0};
};

TEST_CASE("report day: a day through the engine and the history file has every figure right", "[report-day]") {
    Day d;
    using core::Engine;
    // 08:45 the first reminder; snoozed at 08:47, back at 08:57; the desk
    // routine (3 x 30 s) from it at 08:58, done by the timer at 08:59:30.
    d.input(47min, [](Engine& e, const Stamp& t) { return e.snooze(t, std::nullopt); });
    d.input(58min, [](Engine& e, const Stamp& t) { return e.start(t, "desk"); });
    // 09:44:30 the second reminder, skipped at 09:46:30; at 09:50 a snooze
    // ahead of time, which the break at 10:00 withdraws: no reminder's end.
    d.input(106min + 30s, [](Engine& e, const Stamp& t) { return e.skip(t); });
    d.input(110min, [](Engine& e, const Stamp& t) { return e.snooze(t, std::nullopt); });
    // Away from 10:00 (reported at 10:05), back at 10:10.
    d.input(125min, [](Engine& e, const Stamp& t) { return e.idle(t, 5min); });
    d.input(130min, [](Engine& e, const Stamp& t) { return e.activity(t); });
    // 10:55 the third reminder, ignored at 11:00 and 11:05; away from 11:04.
    d.input(189min, [](Engine& e, const Stamp& t) { return e.idle(t, 5min); });
    d.input(200min, [](Engine& e, const Stamp& t) { return e.activity(t); });
    // 12:05 the fourth, withdrawn by a pause of an hour at 12:06; at 13:06
    // the fifth, and the floor routine clicked through at once at 13:07.
    d.input(246min, [](Engine& e, const Stamp& t) { return e.pause(t, 1h); });
    d.input(307min, [](Engine& e, const Stamp& t) { return e.start(t, "floor"); });
    for (int i = 0; i < 4; ++i) d.input(307min, [](Engine& e, const Stamp& t) { return e.next(t); });
    // The click-through was no stretch and so no break (core/stretch.hpp):
    // as after a stop, the sixth comes after the repeat time, at 13:12, and
    // is repeated every 5 min, still out when the daemon stops at 14:00.
    d.input(360min, [](Engine& e, const Stamp& t) { return e.shutdown(t); });

    const report::Report r = d.report();
    const report::Figures& f = r.totals;
    // Sittings 08:00-08:58, 08:59:30-10:00, 10:10-11:04, and 11:20-14:00 (the
    // routine clicked through left no break in it).
    CHECK(f.sittings == 4);
    CHECK(f.sitting_s == (58 + 60 + 54 + 160) * 60 + 30);
    CHECK(f.longest_s == 160 * 60);
    CHECK(f.longest_start_s == k0800.count() / 1000 + 200 * 60);
    CHECK(f.over_limit == 4);
    CHECK(f.over_limit_s == f.sitting_s);
    CHECK_FALSE(f.ongoing);
    const auto idle = f.breaks[static_cast<std::size_t>(BreakReason::idle)];
    CHECK(idle.count == 2);
    CHECK(idle.seconds == 10 * 60 + 16 * 60);
    const auto routine = f.breaks[static_cast<std::size_t>(BreakReason::routine)];
    CHECK(routine.count == 1);
    CHECK(routine.seconds == 90);
    CHECK(f.breaks_total().count == 3);

    const report::Reminders& m = f.reminders;
    CHECK(m.shown == 6);
    CHECK(m.shown_again == 12);  // back from the snooze, two repeats of the third, nine of the sixth
    CHECK(m.snoozed == 2);
    CHECK(m.acted == 2);
    CHECK(m.skipped == 1);
    CHECK(m.took_break == 1);
    CHECK(m.paused == 1);
    CHECK(m.unanswered == 1);
    CHECK(m.answered == 3);  // snooze after 2 min, skip after 2 min, start after 1 min
    CHECK(m.wait_total_s == 120 + 120 + 60);
    CHECK(m.wait_median_s == 120);
    CHECK(m.wait_max_s == 120);

    const report::Routines& rt = f.routines;
    CHECK(rt.started == 2);
    CHECK(rt.completed == 2);
    CHECK(rt.stopped == 0);
    CHECK(rt.stretched_s == 90);  // the clicked-through one added nothing
    CHECK(rt.by_routine.at("desk").seconds == 90);
    CHECK(rt.by_routine.at("floor").completed == 1);
    CHECK(r.stretch_days == 1);
    CHECK(r.days.at(0).stretch_day);
    CHECK(r.goal.stretch_days == 1);
}

TEST_CASE("report day: a routine clicked through in no time does not count as stretching on the day's page",
          "[report-day]") {
    Day d;
    using core::Engine;
    using Catch::Matchers::Contains;
    // 08:10 the desk routine (3 x 30 s) to its end; 09:00 the floor routine
    // clicked through with every next at once.
    d.input(10min, [](Engine& e, const Stamp& t) { return e.start(t, "desk"); });
    d.input(60min, [](Engine& e, const Stamp& t) { return e.start(t, "floor"); });
    for (int i = 0; i < 4; ++i) d.input(60min, [](Engine& e, const Stamp& t) { return e.next(t); });
    d.input(70min, [](Engine& e, const Stamp& t) { return e.shutdown(t); });

    const report::Report r = d.report();
    REQUIRE(r.totals.routines.completed == 2);
    const std::string page = report::render_html(r);
    // The headline says what made the day a stretch day: the 90 s on the
    // desk routine's steps (2m as lengths are rounded), not two routines.
    CHECK_THAT(page, Contains("You stretched for <b data-key=\"totals.routines.stretched_s\" data-value=\"90\">2m</b>."));
    CHECK_THAT(page, !Contains("stretched 2 times"));
}

TEST_CASE("report day: reminders held for a call are counted by kind and length", "[report-day]") {
    using Catch::Matchers::Contains;
    Day d;
    using core::Engine;
    using core::BusyKind;
    using core::BusySet;
    // A call from 08:40 to 09:10: the 08:45 reminder waits, and shows at
    // 09:12 after the grace. A shared screen from 10:00: the 09:57 repeat
    // (ignored reminder) shows, the 10:02 one waits until 10:20 + 2m.
    d.input(40min, [](Engine& e, const Stamp& t) { return e.busy(t, BusySet{BusyKind::microphone}); });
    d.input(70min, [](Engine& e, const Stamp& t) { return e.busy(t, BusySet{}); });
    d.input(120min, [](Engine& e, const Stamp& t) { return e.busy(t, BusySet{BusyKind::screencast}); });
    d.input(140min, [](Engine& e, const Stamp& t) { return e.busy(t, BusySet{}); });
    d.input(150min, [](Engine& e, const Stamp& t) { return e.shutdown(t); });

    const report::Holds& h = d.report().totals.holds;
    CHECK(h.count == 2);
    CHECK(h.seconds == 27 * 60 + 20 * 60);
    CHECK(h.by_kind.at("microphone").count == 1);
    CHECK(h.by_kind.at("microphone").seconds == 27 * 60);
    CHECK(h.by_kind.at("screencast").seconds == 20 * 60);

    // The page says so too, each figure tagged with its place in the JSON.
    const std::string page = report::render_html(d.report());
    CHECK_THAT(page, Contains("<b data-key=\"totals.held.count\" data-value=\"2\">2</b> reminders waited for the end of a call"));
    CHECK_THAT(page, Contains("microphone <b data-key=\"totals.held.by_kind.microphone.count\" data-value=\"1\">1</b> "
                              "(<span data-key=\"totals.held.by_kind.microphone.seconds\" data-value=\"1620\">27m</span>)"));
    CHECK_THAT(page, Contains("data-key=\"totals.held.by_kind.screencast.seconds\" data-value=\"1200\""));
    const auto json = nlohmann::json::parse(report::render_json(d.report()));
    CHECK(json["totals"]["held"]["by_kind"]["microphone"]["seconds"] == 1620);
}

}  // namespace
}  // namespace limber
