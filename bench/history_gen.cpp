// SPDX-License-Identifier: MIT
#include "history_gen.hpp"

#include <algorithm>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/vocabulary.hpp"
#include "report/calendar.hpp"

namespace limber::bench {
namespace {

namespace ev = vocab::event;
namespace key = vocab::key;
namespace reason = vocab::reason;
using Json = nlohmann::json;

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kLimit = 45 * kMin;
const char* const kRoutines[] = {"desk", "floor", "strap"};

class Writer {
public:
    Writer(store::Store& store, unsigned seed) : store_(store), rng_(seed) {}

    Result<void> day(report::Date date) {
        const std::int64_t midnight = report::local_midnight(date) * 1000;
        const int wd = report::weekday(date);
        const bool workday = wd < 5 && !chance(0.04);  // holidays
        if (!workday && !chance(0.35)) return {};
        std::int64_t t = midnight + (workday ? minutes(470, 560) : minutes(600, 900));
        const std::int64_t leave =
            midnight + (workday ? (chance(0.08) ? minutes(1380, 1470) : minutes(1000, 1130)) : minutes(720, 1020));
        if (auto ok = arrive(t); !ok) return ok;
        bool lunch = !workday;
        while (t < leave) {
            if (auto ok = sitting(t, leave); !ok) return ok;
            if (t >= leave) break;
            const bool is_lunch = !lunch && t > midnight + minutes(720, 780);
            lunch = lunch || is_lunch;
            const char* why = is_lunch ? reason::lock : chance(0.8) ? reason::idle : reason::lock;
            if (auto ok = brk(t, why, is_lunch ? minutes(30, 60) : minutes(5, 25)); !ok) return ok;
        }
        return leave_for_the_night(t);
    }

    GenStats stats() const { return stats_; }

private:
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    std::int64_t minutes(int lo, int hi) { return std::uniform_int_distribution<std::int64_t>(lo * kMin, hi * kMin)(rng_); }

    Result<void> event(std::int64_t at, const char* type, const Json& detail) {
        ++stats_.events;
        return store_.add_event(at, type, detail.dump());
    }

    Result<void> span(store::SpanKind kind, const char* reason, std::int64_t from, std::int64_t to) {
        auto id = store_.open_span(kind, reason, from);
        if (!id) return id.error();
        ++stats_.spans;
        return store_.close_span(*id, to);
    }

    // The night before: a suspend, or a shutdown with the daemon's stop and start.
    Result<void> arrive(std::int64_t t) {
        if (night_from_ >= 0) {
            if (auto ok = span(store::SpanKind::brk, night_reason_, night_from_, t); !ok) return ok;
            if (std::string(night_reason_) == reason::shutdown)
                if (auto ok = event(t, ev::daemon_start, {{key::idle_backend, "x11"}}); !ok) return ok;
        }
        night_from_ = -1;
        return {};
    }

    Result<void> leave_for_the_night(std::int64_t t) {
        night_from_ = t;
        night_reason_ = chance(0.6) ? reason::suspend : chance(0.75) ? reason::shutdown : reason::lock;
        if (std::string(night_reason_) == reason::shutdown) return event(t, ev::daemon_stop, {{key::exit, 0}});
        return {};
    }

    Result<void> brk(std::int64_t& t, const char* reason, std::int64_t length) {
        if (auto ok = span(store::SpanKind::brk, reason, t, t + length); !ok) return ok;
        t += length;
        return {};
    }

    // One sitting and whatever its reminders led to; t ends at the next break.
    Result<void> sitting(std::int64_t& t, std::int64_t leave) {
        const std::int64_t start = t;
        std::int64_t end = std::min(leave, t + (chance(0.55) ? minutes(10, 44) : minutes(46, 110)));
        if (end - start <= kLimit) return span(store::SpanKind::sitting, "", start, t = end);

        std::int64_t shown = start + kLimit;
        const double pick = std::uniform_real_distribution<double>(0, 1)(rng_);
        int snoozes = 0;
        auto show = [&](std::int64_t at, int repeat) {
            return event(at, ev::reminder_shown,
                         {{key::critical, 0}, {key::repeat, repeat}, {key::routine, "desk"},
                          {key::sitting_s, (at - start) / 1000}, {key::snoozes, snoozes}});
        };
        if (auto ok = show(shown, 0); !ok) return ok;
        if (pick < 0.25 && end > shown + 14 * kMin) {  // snooze once, then another answer
            const std::int64_t at = shown + minutes(0, 3);
            ++snoozes;
            if (auto ok = event(at, ev::reminder_snoozed, {{key::for_s, 600}, {key::snoozes, 1}}); !ok) return ok;
            shown = at + 10 * kMin;
            if (auto ok = show(shown, 0); !ok) return ok;
        }
        if (pick < 0.55 && end > shown + 5 * kMin) {  // a routine
            const std::int64_t at = shown + minutes(0, 4);
            const char* id = kRoutines[std::uniform_int_distribution<int>(0, 2)(rng_)];
            const std::int64_t length = minutes(4, 9);
            if (auto ok = span(store::SpanKind::sitting, "", start, at); !ok) return ok;
            if (auto ok = event(at, ev::routine_started,
                                {{key::from_reminder, 1}, {key::routine, id}, {key::waited_s, (at - start - kLimit) / 1000}});
                !ok)
                return ok;
            for (int step = 1; step <= 6; ++step)
                if (auto ok = event(at + step * length / 7, ev::routine_step,
                                    {{key::by, vocab::by::timer}, {key::routine, id}, {key::step, step}});
                    !ok)
                    return ok;
            if (auto ok = event(at + length, ev::routine_completed, {{key::routine, id}, {key::seconds, length / 1000}});
                !ok)
                return ok;
            t = at;
            return brk(t, reason::routine, length);
        }
        if (pick < 0.7 && end > shown + 2 * kMin) {  // skipped
            const std::int64_t at = shown + minutes(0, 2);
            if (auto ok = event(at, ev::reminder_skipped, {{key::waited_s, (at - start - kLimit) / 1000}}); !ok)
                return ok;
            return span(store::SpanKind::sitting, "", start, t = end);
        }
        // Ignored: shown again every five minutes until the user gets up.
        for (std::int64_t again = shown + 5 * kMin; again < end; again += 5 * kMin)
            if (auto ok = show(again, 1); !ok) return ok;
        if (auto ok = event(end, ev::reminder_withdrawn, {{key::why, vocab::why::brk}}); !ok) return ok;
        return span(store::SpanKind::sitting, "", start, t = end);
    }

    store::Store& store_;
    std::mt19937 rng_;
    GenStats stats_;
    std::int64_t night_from_ = -1;
    const char* night_reason_ = reason::suspend;
};

}  // namespace

Result<GenStats> generate_history(store::Store& store, report::Date first, report::Date last, unsigned seed) {
    Writer w(store, seed);
    for (report::Date d = first; d <= last; d = d + 1)
        if (auto ok = w.day(d); !ok) return ok.error();
    return w.stats();
}

}  // namespace limber::bench
