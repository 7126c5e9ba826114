// Carries the engine's span and record effects into the store. A write that
// fails is logged and the daemon goes on: losing a row beats losing the day.
#pragma once

#include <cstdint>
#include <optional>

#include "core/effects.hpp"
#include "core/engine.hpp"
#include "store/store.hpp"

namespace limber::daemon {

class History {
public:
    explicit History(store::Store store);

    // After a crash or a stop: closes what was left open (at its last
    // checkpoint) and reads what the engine needs to go on where the last
    // daemon stopped. The engine decides; apply() writes what it decided.
    core::Previous previous();

    // Returns true when it handled the effect.
    bool apply(const core::Effect& effect);

    store::Store& store() { return store_; }

private:
    void failed(const Error& error);

    store::Store store_;
    std::optional<std::int64_t> open_id_;
    std::optional<std::int64_t> last_id_;  // the newest span at start, for ReopenSpan
    bool failing_ = false;
};

}  // namespace limber::daemon
