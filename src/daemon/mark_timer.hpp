// SPDX-License-Identifier: MIT
// Moments within a routine's stage, on one steady_timer: the count before a
// hold ends, the progress of a step's notification. Armed only while a
// routine runs, so an idle daemon never wakes for it.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/time.hpp"

namespace limber::daemon {

class MarkTimer {
public:
    explicit MarkTimer(boost::asio::io_context& io);

    // Calls at_mark(i) at start + offsets[i], for each i in order (offsets
    // ascending). Replaces any earlier plan: none of its marks run after this.
    void plan(std::chrono::steady_clock::time_point start, std::vector<Millis> offsets,
              std::function<void(std::size_t)> at_mark);
    void cancel();

private:
    void next();

    boost::asio::steady_timer timer_;
    std::chrono::steady_clock::time_point start_;
    std::vector<Millis> offsets_;
    std::size_t next_ = 0;
    std::function<void(std::size_t)> at_mark_;
    // A handler whose wait had already completed when its plan was replaced
    // is queued with success, not aborted; it sees a newer plan and returns.
    unsigned plan_ = 0;
};

}  // namespace limber::daemon
