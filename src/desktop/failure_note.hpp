// SPDX-License-Identifier: MIT
// How a backend that runs on a thread of its own (sound, speech) tells the
// daemon that something does not work: one log line per streak of
// failures, not one per cue, and the latest problem for `limberctl doctor`.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

namespace limber::desktop {

class FailureNote {
public:
    // `log_name` is the logger, `what` the thing that fails ("no sound cues").
    FailureNote(boost::asio::io_context& io, std::string log_name, std::string what);

    // From any thread: hands the news to the loop, which may outlive the
    // thread or not (the note checks it is still there).
    void failed(std::string why);
    void worked();

    // On the loop: empty while nothing went wrong since the last success.
    const std::string& problem() const { return problem_; }

private:
    struct State {
        std::string log_name;
        std::string what;
        std::string problem;
        bool warned = false;
    };
    boost::asio::io_context& io_;
    std::shared_ptr<State> state_;
    const std::string& problem_;
};

}  // namespace limber::desktop
