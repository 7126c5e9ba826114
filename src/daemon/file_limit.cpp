// SPDX-License-Identifier: MIT
#include "daemon/file_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include <spdlog/logger.h>

#include "util/log.hpp"

namespace limber::daemon {

void raise_file_limit() {
    auto log = log::get("daemon");
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        log->warn("cannot read the file descriptor limit: {}", std::strerror(errno));
        return;
    }
    if (limit.rlim_cur == limit.rlim_max) return;
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        log->warn("cannot raise the file descriptor limit from {}: {}", before, std::strerror(errno));
        return;
    }
    log->debug("raised the file descriptor limit from {} to {}", before, limit.rlim_cur);
}

}  // namespace limber::daemon
