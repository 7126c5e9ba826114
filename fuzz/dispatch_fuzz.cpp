// SPDX-License-Identifier: MIT
// Command dispatch and the engine behind it: a fuzzed sequence of socket
// commands (through the daemon's own argument checks, daemon/engine_call),
// user input, idle reports, locks, suspends, clock jumps and timer ticks,
// replayed the way limberd's shell replays them. After every step the
// history the effects describe must still make sense:
//   - at most one span is open; spans close only when open;
//   - spans are contiguous (unless the wall clock jumped) and never negative;
//   - a refused command changes nothing;
//   - after tick(), next_deadline() is never now or in the past.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/engine.hpp"
#include "sample_routine.hpp"
#include "daemon/engine_call.hpp"
#include "fuzz_check.hpp"

using namespace limber;
using namespace limber::core;
using namespace std::chrono_literals;

namespace {

constexpr Millis kEpoch{1'700'000'000'000};

template <class... F>
struct Overload : F... {
    using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

Millis some_duration(FuzzedDataProvider& in, Millis lo, Millis hi) {
    return Millis{in.ConsumeIntegralInRange<std::int64_t>(lo.count(), hi.count())};
}

Settings some_settings(FuzzedDataProvider& in) {
    Settings s;
    s.sit_limit = some_duration(in, 1s, 3h);
    s.snooze = some_duration(in, 1ms, 1h);
    s.max_snoozes = in.ConsumeIntegralInRange(1, 5);
    s.repeat = some_duration(in, 1ms, 1h);
    s.natural_break = some_duration(in, 1s, 1h);
    const char* defaults[] = {"rotate", "desk", "floor", "gone"};
    s.default_routine = defaults[in.ConsumeIntegralInRange(0, 3)];
    for (int n = in.ConsumeIntegralInRange(0, 2); n > 0; --n) {
        QuietRange q;
        q.start_min = in.ConsumeIntegralInRange(0, 24 * 60 - 1);
        q.end_min = in.ConsumeIntegralInRange(0, 24 * 60 - 1);
        if (q.start_min != q.end_min) s.quiet.push_back(q);  // the parser refuses empty ranges
    }
    return s;
}

// Arguments are read one statement at a time: the order in which a call's
// arguments are evaluated is unspecified, and an input must replay the same.
std::vector<Routine> some_routines(FuzzedDataProvider& in) {
    std::vector<Routine> routines;
    for (const bool both_sides : {false, true}) {
        if (!in.ConsumeBool()) continue;
        const int steps = in.ConsumeIntegralInRange(1, 4);
        const Millis each = some_duration(in, 1s, 10min);
        routines.push_back(test_support::sample_routine(both_sides ? "floor" : "desk", steps, each, both_sides));
    }
    return routines;
}

struct Setup {
    Settings settings;
    std::vector<Routine> routines;
    bool tracks_activity = true;
};

Setup some_setup(FuzzedDataProvider& in) {
    Setup s;
    s.settings = some_settings(in);
    s.routines = some_routines(in);
    s.tracks_activity = in.ConsumeBool();
    return s;
}

ipc::Json some_duration_arg(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange(0, 6)) {
        case 0: return nullptr;
        case 1: return in.ConsumeIntegral<int>();  // a bare number: refused
        case 2: return ipc::Json::object();
        case 3: {
            const char* good[] = {"1ms", "0s", "90s", "10m", "1h30m", "366d", "8784h"};
            return good[in.ConsumeIntegralInRange(0, 6)];
        }
        default: return in.ConsumeRandomLengthString(16);
    }
}

ipc::Request some_request(FuzzedDataProvider& in) {
    const char* cmds[] = {"snooze", "pause", "start", "skip", "resume", "next", "stop", "status", "hello"};
    ipc::Request r;
    r.cmd = in.ConsumeBool() ? cmds[in.ConsumeIntegralInRange(0, 8)] : in.ConsumeRandomLengthString(8);
    if (in.ConsumeBool()) r.args["for"] = some_duration_arg(in);
    if (in.ConsumeBool()) {
        switch (in.ConsumeIntegralInRange(0, 4)) {
            case 0: r.args["routine"] = "desk"; break;
            case 1: r.args["routine"] = "floor"; break;
            case 2: r.args["routine"] = 7; break;
            case 3: r.args["routine"] = nullptr; break;
            default: r.args["routine"] = in.ConsumeRandomLengthString(8); break;
        }
    }
    return r;
}

bool same(const Status& a, const Status& b) {
    const auto routine_key = [](const Status& s) {
        return s.routine ? s.routine->id + "/" + std::to_string(s.routine->step) : std::string();
    };
    return a.state == b.state && a.sitting_since_wall == b.sitting_since_wall && a.sitting_for == b.sitting_for &&
           a.next_reminder_wall == b.next_reminder_wall && a.snoozes == b.snoozes && a.paused == b.paused &&
           a.paused_until_wall == b.paused_until_wall && routine_key(a) == routine_key(b) && a.locked == b.locked &&
           a.quiet == b.quiet && a.suggested_routine == b.suggested_routine;
}

// Plays limberd's shell: owns the clock, feeds the engine, checks effects.
class World {
public:
    explicit World(FuzzedDataProvider& in) : World(in, some_setup(in)) {}
    World(FuzzedDataProvider& in, Setup setup)
        : in_(in),
          engine_(std::move(setup.settings), std::move(setup.routines), setup.tracks_activity),
          mono_(some_duration(in, 0ms, 30 * 24h)),
          utc_offset_(in.ConsumeIntegralInRange(-14 * 60, 14 * 60)) {
        apply(engine_.begin(now()));
        last_input_ = mono_;
    }

    // Sitting fires a checkpoint tick every minute, so hours of simulated
    // time cost thousands of ticks; a budget keeps each input fast.
    bool busy() const { return ticks_left_ > 0; }

    void step() {
        const int op = in_.ConsumeIntegralInRange(0, 12);
        trace("op %d at mono %lld", op, static_cast<long long>(mono_.count()));
        switch (op) {
            case 0: advance(some_duration(in_, 0ms, 2h), true); break;
            case 1: advance(some_duration(in_, 0ms, 10min), false); break;  // a late timer
            case 2: fire_next_deadline(); break;
            case 3:
                last_input_ = mono_;
                apply(engine_.activity(now()));
                break;
            case 4: apply(engine_.idle(now(), some_duration(in_, 0ms, mono_ - last_input_))); break;
            case 5: apply(engine_.locked(now())); break;
            case 6:
                last_input_ = mono_;
                apply(engine_.unlocked(now()));
                break;
            case 7: {  // suspend: BOOTTIME and wall both run on; the daemon notices on wake
                // logind may announce it first and report its end after.
                const bool logind = in_.ConsumeBool();
                if (logind) apply(engine_.sleeping(now()));
                const Millis d = some_duration(in_, 0ms, 12h);
                mono_ += d;
                if (d > 0ms) apply(engine_.slept(now(), d));
                if (logind) apply(engine_.woke(now()));
                break;
            }
            case 8:
                wall_shift_ += some_duration(in_, -48h, 48h);
                jumped_ = true;
                break;
            case 9: {
                Setup next = some_setup(in_);
                apply(engine_.reconfigure(now(), std::move(next.settings), std::move(next.routines)));
                break;
            }
            default: command(some_request(in_)); break;
        }
        const Status s = engine_.status(now());
        FUZZ_CHECK(s.sitting_for >= 0ms);
        FUZZ_CHECK(s.paused || !s.paused_until_wall);
    }

private:
    // LIMBER_FUZZ_TRACE=1 fuzz_dispatch CRASH-FILE tells what the input did.
    template <class... A>
    void trace(const char* format, A... args) const {
        if (!trace_) return;
        std::fprintf(stderr, format, args...);
        std::fputc('\n', stderr);
    }

    Stamp now() const { return {mono_, kEpoch + mono_ + wall_shift_, std::chrono::minutes{utc_offset_}}; }

    // Like the daemon's deadline timer: every deadline up to the target fires.
    void advance(Millis by, bool on_time) {
        const Millis target = mono_ + by;
        for (auto d = engine_.next_deadline(now()); on_time && d && *d <= target && ticks_left_ > 0;) {
            mono_ = std::max(mono_, *d);
            d = tick();
        }
        mono_ = target;
    }

    void fire_next_deadline() {
        if (const auto d = engine_.next_deadline(now())) mono_ = std::max(mono_, *d);
        tick();
    }

    // Returns the next deadline, as the daemon re-arms its timer with it.
    std::optional<Millis> tick() {
        --ticks_left_;
        apply(engine_.tick(now()));
        const auto d = engine_.next_deadline(now());
        trace("  tick at %lld, next %lld", static_cast<long long>(mono_.count()),
              static_cast<long long>(d ? d->count() : -1));
        FUZZ_CHECK(!d || *d > mono_);
        return d;
    }

    void command(const ipc::Request& request) {
        const auto call = daemon::parse_engine_call(request);
        if (!call) {
            FUZZ_CHECK(!call.error().message.empty());
            return;
        }
        if (!*call) return;  // status, hello, ...: not the engine's
        trace("  command %s", request.cmd.c_str());
        const Status before = engine_.status(now());
        Effects fx = daemon::run_engine_call(engine_, now(), **call);
        if (fx.refused) {
            FUZZ_CHECK(fx.list.empty());
            FUZZ_CHECK(fx.refused->code == "not_now" || fx.refused->code == "bad_args");
            FUZZ_CHECK(!fx.refused->message.empty());
            FUZZ_CHECK(same(before, engine_.status(now())));
            return;
        }
        apply(std::move(fx));
    }

    void apply(Effects fx) {
        FUZZ_CHECK(!fx.refused);
        const Stamp t = now();
        for (const Effect& e : fx.list) {
            trace("  effect %zu", e.index());
            std::visit(Overload{
                           [&](const OpenSpan& o) {
                               trace("  open %s %s at %lld", o.kind == SpanKind::sitting ? "sitting" : "break",
                                     o.reason.c_str(), static_cast<long long>(o.start_wall.count()));
                               FUZZ_CHECK(!open_);  // at most one open span
                               if (last_end_ && !jumped_) FUZZ_CHECK(o.start_wall == *last_end_);
                               if (!ever_jumped()) FUZZ_CHECK(o.start_wall <= t.wall);
                               open_ = true;
                               open_start_ = o.start_wall;
                               checkpoint_ = o.start_wall;
                               jumped_ = false;
                           },
                           [&](const CheckpointSpan& c) {
                               FUZZ_CHECK(open_);
                               FUZZ_CHECK(c.end_wall >= checkpoint_);
                               checkpoint_ = c.end_wall;
                           },
                           [&](const CloseSpan& c) {
                               trace("  close at %lld", static_cast<long long>(c.end_wall.count()));
                               FUZZ_CHECK(open_);
                               FUZZ_CHECK(c.end_wall >= open_start_);  // never negative
                               open_ = false;
                               last_end_ = c.end_wall;
                           },
                           [&](const ShowReminder& r) { FUZZ_CHECK(r.sitting_for >= 0ms && r.snooze_for > 0ms); },
                           [&](const ShowStep& s) {
                               FUZZ_CHECK(s.index >= 0 && s.index < s.of);
                               FUZZ_CHECK(s.remaining > 0ms);
                           },
                           [&](const RoutineEnded& r) { FUZZ_CHECK(r.elapsed >= 0ms); },
                           [&](const auto&) {},
                       },
                       e);
        }
    }

    bool ever_jumped() const { return wall_shift_ != 0ms; }

    const bool trace_ = std::getenv("LIMBER_FUZZ_TRACE") != nullptr;
    FuzzedDataProvider& in_;
    Engine engine_;
    Millis mono_;
    Millis wall_shift_{0};
    int utc_offset_;
    Millis last_input_{0};

    bool open_ = false;
    Millis open_start_{0};
    Millis checkpoint_{0};
    std::optional<Millis> last_end_;
    bool jumped_ = false;  // since the last span opened
    int ticks_left_ = 1000;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    World world(in);
    for (int steps = 0; steps < 300 && in.remaining_bytes() > 0 && world.busy(); ++steps) world.step();
    return 0;
}
