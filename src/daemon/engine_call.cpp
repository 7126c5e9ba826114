// SPDX-License-Identifier: MIT
#include "daemon/engine_call.hpp"

#include "util/duration.hpp"

namespace limber::daemon {
namespace {

using Verb = EngineCall::Verb;

// An optional duration argument: absent, or a string like "10m".
Result<std::optional<Millis>> duration_arg(const ipc::Json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) return std::optional<Millis>{};
    if (!it->is_string()) return fail(std::string("'") + key + "' must be a duration string like \"10m\"");
    auto d = parse_duration(it->get_ref<const std::string&>());
    if (!d) return d.error();
    return std::optional<Millis>{*d};
}

std::optional<Verb> verb_of(const std::string& cmd) {
    if (cmd == "snooze") return Verb::snooze;
    if (cmd == "pause") return Verb::pause;
    if (cmd == "start") return Verb::start;
    if (cmd == "skip") return Verb::skip;
    if (cmd == "resume") return Verb::resume;
    if (cmd == "next") return Verb::next;
    if (cmd == "stop") return Verb::stop;
    return std::nullopt;
}

}  // namespace

Result<std::optional<EngineCall>> parse_engine_call(const ipc::Request& request) {
    const auto verb = verb_of(request.cmd);
    if (!verb) return std::optional<EngineCall>{};
    EngineCall call;
    call.verb = *verb;
    const ipc::Json& args = request.args;
    if (call.verb == Verb::snooze || call.verb == Verb::pause) {
        auto length = duration_arg(args, "for");
        if (!length) return length.error();
        call.length = *length;
    }
    if (call.verb == Verb::start) {
        if (const auto it = args.find("routine"); it != args.end() && !it->is_null()) {
            if (!it->is_string()) return fail("'routine' must be a routine id string");
            call.routine = it->get<std::string>();
        }
    }
    return std::optional<EngineCall>{std::move(call)};
}

core::Effects run_engine_call(core::Engine& engine, const Stamp& now, const EngineCall& call) {
    switch (call.verb) {
        case Verb::snooze: return engine.snooze(now, call.length);
        case Verb::pause: return engine.pause(now, call.length);
        case Verb::start: return engine.start(now, call.routine);
        case Verb::skip: return engine.skip(now);
        case Verb::resume: return engine.resume(now);
        case Verb::next: return engine.next(now);
        case Verb::stop: return engine.stop(now);
    }
    return {};
}

}  // namespace limber::daemon
