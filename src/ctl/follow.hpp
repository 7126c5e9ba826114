// SPDX-License-Identifier: MIT
// limberctl status --follow: the daemon's `subscribe` stream turned into
// one status-bar line per change, on one Asio loop. Reconnects with backoff
// while limberd is away; ends quietly when the reader of its output goes.
#pragma once

#include <chrono>
#include <string>

#include "ctl/bar.hpp"

namespace limber::ctl {

struct FollowOptions {
    std::string socket;
    BarFormat format = BarFormat::plain;
    int out_fd = 1;  // written with write(2), so a closed pipe shows as EPIPE
    std::chrono::milliseconds first_retry{250};
    std::chrono::milliseconds max_retry{5000};
};

// Returns 0 when the output was closed; runs until then.
int follow_status(const FollowOptions& options);

}  // namespace limber::ctl
