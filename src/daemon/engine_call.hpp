// SPDX-License-Identifier: MIT
// The socket commands that are engine calls, read apart from the Daemon that
// runs them: checking a request's arguments needs no socket, store or
// desktop, so tests and fuzz/ reach this code without building a Daemon.
#pragma once

#include <optional>
#include <string>

#include "core/engine.hpp"
#include "ipc/protocol.hpp"
#include "util/result.hpp"

namespace limber::daemon {

struct EngineCall {
    enum class Verb { snooze, pause, start, skip, resume, next, stop };
    Verb verb = Verb::skip;
    std::optional<Millis> length;  // snooze, pause: args.for
    std::string routine;           // start: args.routine; empty asks for the suggestion
};

// nullopt: the command is not an engine call (hello, status, ...).
// Error: the arguments are wrong; the message is the "bad_args" reply's.
Result<std::optional<EngineCall>> parse_engine_call(const ipc::Request& request);

core::Effects run_engine_call(core::Engine& engine, const Stamp& now, const EngineCall& call);

}  // namespace limber::daemon
