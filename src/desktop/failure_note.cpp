// SPDX-License-Identifier: MIT
#include "desktop/failure_note.hpp"

#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace limber::desktop {

FailureNote::FailureNote(boost::asio::io_context& io, std::string log_name, std::string what)
    : io_(io),
      state_(std::make_shared<State>(State{std::move(log_name), std::move(what), {}, false})),
      problem_(state_->problem) {}

void FailureNote::failed(std::string why) {
    boost::asio::post(io_, [state = std::weak_ptr<State>(state_), why = std::move(why)] {
        const auto s = state.lock();
        if (!s) return;
        s->problem = why;
        if (s->warned) return;  // one line, not one per cue: the routine goes on without
        s->warned = true;
        log::get(s->log_name)->warn("{}: {}", s->what, why);
    });
}

void FailureNote::worked() {
    boost::asio::post(io_, [state = std::weak_ptr<State>(state_)] {
        if (const auto s = state.lock()) {
            s->warned = false;  // it works (again): a later failure is news
            s->problem.clear();
        }
    });
}

}  // namespace limber::desktop
