// SPDX-License-Identifier: MIT
#include "daemon/mark_timer.hpp"

namespace limber::daemon {

MarkTimer::MarkTimer(boost::asio::io_context& io) : timer_(io) {}

void MarkTimer::plan(std::chrono::steady_clock::time_point start, std::vector<Millis> offsets,
                     std::function<void(std::size_t)> at_mark) {
    cancel();
    start_ = start;
    offsets_ = std::move(offsets);
    at_mark_ = std::move(at_mark);
    next();
}

void MarkTimer::cancel() {
    ++plan_;
    timer_.cancel();
    offsets_.clear();
    next_ = 0;
    at_mark_ = nullptr;
}

void MarkTimer::next() {
    if (next_ >= offsets_.size()) return;
    timer_.expires_at(start_ + offsets_[next_]);
    timer_.async_wait([this, plan = plan_](const boost::system::error_code& ec) {
        if (ec || plan != plan_) return;
        const std::size_t i = next_++;
        auto at_mark = at_mark_;  // at_mark may plan anew
        at_mark(i);
        if (plan == plan_) next();
    });
}

}  // namespace limber::daemon
