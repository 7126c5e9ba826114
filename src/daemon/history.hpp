// SPDX-License-Identifier: MIT
// Carries the engine's span and record effects into the store. A write that
// fails is logged and the daemon goes on: losing a row beats losing the day.
// The history file may also be unusable (locked by another program,
// unreadable): then nothing is written, status and doctor say why, and the
// daemon attaches the file when it can be opened again (history_file.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/effects.hpp"
#include "core/engine.hpp"
#include "store/store.hpp"

namespace limber::daemon {

class History {
public:
    explicit History(store::Store store);
    // Without a file for now: `problem` says which file and why.
    explicit History(std::string problem);

    // After a crash or a stop: closes what was left open (at its last
    // checkpoint) and reads what the engine needs to go on where the last
    // daemon stopped. The engine decides; apply() writes what it decided.
    core::Previous previous();

    // The file became usable while the daemon ran: close what an earlier
    // daemon left open and, when someone is sitting, record the sitting so
    // far (what happened before it was unusable is not known to the file).
    void attach(store::Store store, std::optional<Millis> sitting_since_wall);
    void set_problem(std::string problem) { problem_ = std::move(problem); }

    // Returns true when it handled the effect (dropped while without a file).
    bool apply(const core::Effect& effect);

    bool writing() const { return store_.has_value(); }
    const std::string& problem() const { return problem_; }
    store::Store* store() { return store_ ? &*store_ : nullptr; }

private:
    void failed(const Error& error);

    std::optional<store::Store> store_;
    std::string problem_;
    std::optional<std::int64_t> open_id_;
    std::optional<std::int64_t> last_id_;  // the newest span at start, for ReopenSpan
    bool failing_ = false;
};

}  // namespace limber::daemon
