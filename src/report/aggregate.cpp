// SPDX-License-Identifier: MIT
#include "report/aggregate.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/vocabulary.hpp"

namespace limber::report {
namespace {

namespace ev = vocab::event;
namespace key = vocab::key;

// Floor division: history before 1970 is unlikely, but a wrong sign is worse.
std::int64_t to_seconds(std::int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }

// A run of sitting spans with nothing between them (a restart of the daemon
// that continued the sitting may leave two rows) is one sitting.
struct Sitting {
    std::int64_t start_s = 0;
    std::int64_t end_s = 0;
    bool open = false;
};

std::vector<Sitting> sittings_of(const std::vector<store::Span>& spans) {
    std::vector<Sitting> out;
    for (const auto& span : spans) {
        if (span.kind != store::SpanKind::sitting) continue;
        const std::int64_t start = to_seconds(span.start_ms), end = std::max(start, to_seconds(span.end_ms));
        if (!out.empty() && start <= out.back().end_s) {
            out.back().end_s = std::max(out.back().end_s, end);
            out.back().open = out.back().open || span.open;
        } else {
            out.push_back({start, end, span.open});
        }
    }
    return out;
}

void add_sitting(Figures& f, std::int64_t start, std::int64_t end, std::int64_t limit) {
    const std::int64_t length = end - start;
    if (length <= 0) return;
    f.sitting_s += length;
    ++f.sittings;
    if (length > f.longest_s) {
        f.longest_s = length;
        f.longest_start_s = start;
    }
    if (length > limit) {
        ++f.over_limit;
        f.over_limit_s += length;
    }
}

void add_heat(Report& r, const Calendar& cal, const CalendarDay& day, std::int64_t start, std::int64_t end) {
    auto& row = r.heat[static_cast<std::size_t>(weekday(day.date))];
    for (std::size_t i = 0; i < day.hour_count; ++i) {
        const std::size_t at = day.first_hour + i;
        const std::int64_t cell_start = cal.hours[at].start_s;
        const std::int64_t cell_end = i + 1 < day.hour_count ? cal.hours[at + 1].start_s : day.end_s;
        const std::int64_t overlap = std::min(end, cell_end) - std::max(start, cell_start);
        if (overlap > 0) row[static_cast<std::size_t>(cal.hours[at].hour)] += overlap;
    }
}

// Calls each(day_index, piece_start, piece_end) for every day [start, end) touches.
template <class Each>
void split_by_day(const Calendar& cal, std::int64_t start, std::int64_t end, Each each) {
    start = std::max(start, cal.start_s());
    end = std::min(end, cal.end_s());
    if (end <= start) return;
    for (int i = cal.day_index(start); i >= 0 && i < static_cast<int>(cal.days.size()); ++i) {
        const CalendarDay& day = cal.days[static_cast<std::size_t>(i)];
        if (day.start_s >= end) break;
        each(static_cast<std::size_t>(i), std::max(start, day.start_s), std::min(end, day.end_s));
    }
}

std::int64_t int_field(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

std::string text_field(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t median(std::vector<std::int64_t>& values) {
    if (values.empty()) return 0;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    if (values.size() % 2) return *mid;
    const std::int64_t upper = *mid;
    const std::int64_t lower = *std::max_element(values.begin(), mid);
    return (lower + upper) / 2;
}

// Follows each reminder from its first showing to what became of it. A
// reminder is a chain: its first showing, its repeats and snoozes, and one
// end. The first of these ends the chain and is its outcome: a routine
// started from it, a break, a skip, a pause; a chain that never ended (the
// next reminder came, the daemon stopped, the range ended) is unanswered.
// Outcomes are booked on the day the reminder was first shown, so that each
// day's outcomes, like the range's, add up to its `shown`. Answers that
// belong to no reminder of the range (a snooze ahead of time, a reminder
// first shown before the range) are no outcome of any.
class ReminderTrail {
public:
    ReminderTrail(Report& r, std::vector<std::vector<std::int64_t>>& day_waits, std::vector<std::int64_t>& all_waits)
        : r_(r), day_waits_(day_waits), all_waits_(all_waits) {}

    void on(const store::Event& e, std::size_t day, std::int64_t at_s) {
        const std::string& t = e.type;
        if (t == ev::reminder_shown) {
            const auto d = nlohmann::json::parse(e.detail, nullptr, false);
            const bool again = int_field(d, key::repeat) != 0 || int_field(d, key::snoozes) != 0;
            if (!again || !open_) {
                close_unanswered();
                open_ = true;
                // A showing again with no first one in the range: its answer
                // still has a wait, but it was not a reminder of this range.
                counted_ = !again;
                answered_ = false;
                shown_at_ = at_s;
                shown_day_ = day;
            }
            bump(day, again ? &Reminders::shown_again : &Reminders::shown);
        } else if (t == ev::reminder_snoozed) {
            answer(day, at_s);
            bump(day, &Reminders::snoozed);
        } else if (t == ev::reminder_skipped) {
            answer(day, at_s);
            end(&Reminders::skipped);
        } else if (t == ev::reminder_withdrawn) {
            const auto d = nlohmann::json::parse(e.detail, nullptr, false);
            end(text_field(d, key::why) == vocab::why::paused ? &Reminders::paused : &Reminders::took_break);
        }
    }
    // A routine started from a reminder (or from its snooze).
    void acted(std::size_t day, std::int64_t at_s) {
        answer(day, at_s);
        end(&Reminders::acted);
    }
    void close_unanswered() { end(&Reminders::unanswered); }

private:
    void bump(std::size_t day, int Reminders::*field) {
        ++(r_.days[day].figures.reminders.*field);
        ++(r_.totals.reminders.*field);
    }
    void end(int Reminders::*outcome) {
        if (open_ && counted_) bump(shown_day_, outcome);
        open_ = false;
    }
    void answer(std::size_t day, std::int64_t at_s) {
        if (!open_ || answered_) return;
        answered_ = true;
        const std::int64_t wait = std::max<std::int64_t>(0, at_s - shown_at_);
        for (Reminders* rem : {&r_.days[day].figures.reminders, &r_.totals.reminders}) {
            ++rem->answered;
            rem->wait_total_s += wait;
            rem->wait_max_s = std::max(rem->wait_max_s, wait);
        }
        day_waits_[day].push_back(wait);
        all_waits_.push_back(wait);
    }

    Report& r_;
    std::vector<std::vector<std::int64_t>>& day_waits_;
    std::vector<std::int64_t>& all_waits_;
    bool open_ = false;
    bool answered_ = false;
    bool counted_ = false;
    std::int64_t shown_at_ = 0;
    std::size_t shown_day_ = 0;
};

void add_routine(Report& r, std::size_t day, const store::Event& e) {
    const auto d = nlohmann::json::parse(e.detail, nullptr, false);
    const std::string id = text_field(d, key::routine);
    for (Routines* routines : {&r.days[day].figures.routines, &r.totals.routines}) {
        RoutineUse& use = routines->by_routine[id];
        if (e.type == ev::routine_started) {
            ++routines->started;
            ++use.started;
        } else if (e.type == ev::routine_completed) {
            const std::int64_t seconds = completed_seconds(e);
            ++routines->completed;
            routines->stretched_s += seconds;
            ++use.completed;
            use.seconds += seconds;
        } else {
            ++routines->stopped;
            ++use.stopped;
        }
    }
}

void add_hold(Report& r, std::size_t day, const store::Event& e) {
    const auto d = nlohmann::json::parse(e.detail, nullptr, false);
    const std::int64_t held = std::max<std::int64_t>(0, int_field(d, key::held_s));
    for (Holds* holds : {&r.days[day].figures.holds, &r.totals.holds}) {
        ++holds->count;
        holds->seconds += held;
        Count& kind = holds->by_kind[text_field(d, key::kind)];
        ++kind.count;
        kind.seconds += held;
    }
}

void add_events(Report& r, const Calendar& cal, const std::vector<store::Event>& events) {
    std::vector<std::vector<std::int64_t>> day_waits(r.days.size());
    std::vector<std::int64_t> all_waits;
    ReminderTrail trail(r, day_waits, all_waits);
    for (const auto& e : events) {
        const std::int64_t at_s = to_seconds(e.at_ms);
        const int index = cal.day_index(at_s);
        if (index < 0) continue;
        const auto day = static_cast<std::size_t>(index);
        if (e.type == ev::reminder_released) {
            add_hold(r, day, e);
        } else if (e.type.rfind(ev::reminder_prefix, 0) == 0) {
            trail.on(e, day, at_s);
        } else if (e.type == ev::routine_started || e.type == ev::routine_completed || e.type == ev::routine_stopped) {
            add_routine(r, day, e);
            if (e.type == ev::routine_started &&
                int_field(nlohmann::json::parse(e.detail, nullptr, false), key::from_reminder) != 0)
                trail.acted(day, at_s);
        }
    }
    trail.close_unanswered();
    for (std::size_t i = 0; i < r.days.size(); ++i) r.days[i].figures.reminders.wait_median_s = median(day_waits[i]);
    r.totals.reminders.wait_median_s = median(all_waits);
    for (auto& day : r.days) {
        day.stretch_day = is_stretch_day(day.figures.routines.stretched_s);
        r.stretch_days += day.stretch_day ? 1 : 0;
    }
}

}  // namespace

std::int64_t completed_seconds(const store::Event& e) {
    return std::max<std::int64_t>(0, int_field(nlohmann::json::parse(e.detail, nullptr, false), key::seconds));
}

Report aggregate(const Calendar& cal, const std::vector<store::Span>& spans, const std::vector<store::Event>& events,
                 std::int64_t sit_limit_s) {
    Report r;
    r.sit_limit_s = sit_limit_s;
    if (cal.days.empty()) return r;
    r.first = cal.days.front().date;
    r.last = cal.days.back().date;
    r.days.reserve(cal.days.size());
    for (const auto& d : cal.days) r.days.push_back(Day{d.date, d.start_s, d.end_s, {}, false, {}});

    for (const Sitting& s : sittings_of(spans)) {
        const std::int64_t start = std::max(s.start_s, cal.start_s()), end = std::min(s.end_s, cal.end_s());
        if (end <= start) continue;
        // The range counts the sitting whole; each day counts its piece.
        add_sitting(r.totals, start, end, sit_limit_s);
        split_by_day(cal, start, end, [&](std::size_t i, std::int64_t from, std::int64_t to) {
            Day& day = r.days[i];
            add_sitting(day.figures, from, to, sit_limit_s);
            day.pieces.push_back({from, to, true, BreakReason::other, s.start_s, s.open && to == s.end_s});
            add_heat(r, cal, cal.days[i], from, to);
            if (s.open && to == s.end_s) day.figures.ongoing = r.totals.ongoing = true;
        });
    }
    for (const auto& span : spans) {
        if (span.kind != store::SpanKind::brk) continue;
        const BreakReason reason = break_reason(span.reason);
        const auto slot = static_cast<std::size_t>(reason);
        const std::int64_t start = to_seconds(span.start_ms);
        const std::int64_t end = std::max(start, to_seconds(span.end_ms));
        if (std::min(end, cal.end_s()) > std::max(start, cal.start_s())) ++r.totals.breaks[slot].count;
        split_by_day(cal, start, end, [&](std::size_t i, std::int64_t from, std::int64_t to) {
            Day& day = r.days[i];
            ++day.figures.breaks[slot].count;
            day.figures.breaks[slot].seconds += to - from;
            r.totals.breaks[slot].seconds += to - from;
            day.pieces.push_back({from, to, false, reason, 0, span.open && to == end});
        });
    }
    for (auto& day : r.days)
        std::sort(day.pieces.begin(), day.pieces.end(),
                  [](const Piece& a, const Piece& b) { return a.start_s < b.start_s; });
    add_events(r, cal, events);
    return r;
}

}  // namespace limber::report
