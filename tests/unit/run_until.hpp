// SPDX-License-Identifier: MIT
// Waiting on an io_context with a deadline instead of sleeping: the one
// run_until the loop tests share.
#pragma once

#include <algorithm>
#include <chrono>

#include <boost/asio/io_context.hpp>

namespace limber::test_support {

// Runs io's handlers until done() holds, checking it again after every
// handler; false once `limit` has passed without it. A context that ran out
// of work earlier is restarted first. Fixtures that wait for handlers posted
// from other threads keep a work guard on io. Waits without a handler are
// cut at `poll`, for predicates that read state outside the loop (dunstctl,
// waitpid) and change without a handler running.
template <class Done>
bool run_until(boost::asio::io_context& io, Done done, std::chrono::milliseconds limit = std::chrono::seconds(10),
               std::chrono::milliseconds poll = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    if (io.stopped()) io.restart();
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now > deadline) return false;
        io.run_one_for(std::min<std::chrono::steady_clock::duration>(deadline - now, poll));
    }
    return true;
}

}  // namespace limber::test_support
