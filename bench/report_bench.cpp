// SPDX-License-Identifier: MIT
// bench_report [--db PATH] [--years N] [--runs N]: how long reports take on
// a long synthetic history. Prints a table; asserts nothing (see
// docs/performance.md for how to read it).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "history_gen.hpp"
#include "report/calendar.hpp"
#include "report/query.hpp"
#include "report/render.hpp"

namespace {

using namespace limber;
using Clock = std::chrono::steady_clock;

struct Timing {
    double median_ms = 0;
    double min_ms = 0;
};

Timing time_runs(int runs, const std::function<void()>& body) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        body();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "bench_report: %s\n", message.c_str());
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    int years = 10, runs = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string opt = argv[i];
        if (opt == "--db") db = argv[i + 1];
        else if (opt == "--years") years = std::atoi(argv[i + 1]);
        else if (opt == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    }
    if (db.empty()) db = "bench-history-" + std::to_string(years) + "y.db";

    const std::int64_t now_s = static_cast<std::int64_t>(std::time(nullptr));
    const report::Date today = report::local_date(now_s);
    if (!std::filesystem::exists(db)) {
        std::printf("generating %d years of history into %s ...\n", years, db.c_str());
        std::fflush(stdout);
        auto store = store::Store::open(db, store::Mode::read_write);
        if (!store) die(store.error().message);
        const auto start = Clock::now();
        auto stats = bench::generate_history(*store, today - 365 * years, today, 1);
        if (!stats) die(stats.error().message);
        std::printf("  %lld spans, %lld events in %.1f s\n", static_cast<long long>(stats->spans),
                    static_cast<long long>(stats->events),
                    std::chrono::duration<double>(Clock::now() - start).count());
    }
    auto store = store::Store::open(db, store::Mode::read_only);
    if (!store) die(store.error().message);
    std::printf("history: %s, %.1f MB, TZ=%s\n\n", db.c_str(),
                static_cast<double>(std::filesystem::file_size(db)) / 1e6, report::zone_name().c_str());

    const report::Options options{45 * 60, 4, now_s};
    struct Case {
        const char* name;
        report::Range range;
    };
    const Case cases[] = {
        {"day", report::range_of(report::RangeKind::day, today)},
        {"week", report::range_of(report::RangeKind::week, today)},
        {"month", report::range_of(report::RangeKind::month, today)},
        {"year", *report::range_between(today - 364, today)},
    };
    std::printf("%-6s %5s %7s %8s %7s  %-17s %-17s %-17s\n", "range", "days", "sitting", "events", "streak",
                "report ms med/min", "+table ms med/min", "cold ms med/min");
    for (const auto& c : cases) {
        report::Report r;
        const Timing warm = time_runs(runs, [&] {
            auto made = report::make_report(*store, c.range, options);
            if (!made) die(made.error().message);
            r = std::move(*made);
        });
        const Timing table = time_runs(runs, [&] {
            auto made = report::make_report(*store, c.range, options);
            if (!made) die(made.error().message);
            volatile std::size_t n = report::render_table(*made).size();
            (void)n;
        });
        // What `limberctl report` does after start-up: open, check, report, render.
        const Timing cold = time_runs(runs, [&] {
            auto fresh = store::Store::open(db, store::Mode::read_only);
            if (!fresh) die(fresh.error().message);
            if (auto any = report::has_history(*fresh); !any) die(any.error().message);
            auto made = report::make_report(*fresh, c.range, options);
            if (!made) die(made.error().message);
            volatile std::size_t n = report::render_table(*made).size();
            (void)n;
        });
        int events = r.totals.reminders.shown + r.totals.reminders.shown_again + r.totals.routines.started;
        std::printf("%-6s %5zu %6lldh %8d %7d  %7.2f / %-7.2f %7.2f / %-7.2f %7.2f / %-7.2f\n", c.name, r.days.size(),
                    static_cast<long long>(r.totals.sitting_s / 3600), events, r.goal.streak_weeks, warm.median_ms,
                    warm.min_ms, table.median_ms, table.min_ms, cold.median_ms, cold.min_ms);
    }

    auto year = report::make_report(*store, cases[3].range, options);
    if (!year) die(year.error().message);
    std::printf("\nrendering the year (ms, median / min):\n");
    const std::pair<const char*, std::function<std::string(const report::Report&)>> renderers[] = {
        {"table", [](const report::Report& r) { return report::render_table(r); }},
        {"json", report::render_json},
        {"csv", report::render_csv},
        {"html", report::render_html},
    };
    for (const auto& [name, render] : renderers) {
        std::size_t bytes = 0;
        const Timing t = time_runs(runs, [&] { bytes = render(*year).size(); });
        std::printf("  %-6s %7.2f / %-7.2f  %zu bytes\n", name, t.median_ms, t.min_ms, bytes);
    }
    return 0;
}
