// SPDX-License-Identifier: MIT
// Internal: the one place that knows how long a Unix socket path may be,
// and what a failed connect to one suggests.
#pragma once

#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "util/result.hpp"

namespace limber::ipc::detail {

// sun_path holds the path and its terminating NUL.
inline constexpr std::size_t kMaxSocketPath = sizeof(sockaddr_un::sun_path) - 1;

inline Result<sockaddr_un> unix_address(const std::string& path) {
    if (path.empty()) return fail("the socket path is empty");
    if (path.size() > kMaxSocketPath)
        return fail("socket path " + path + " is too long (" + std::to_string(path.size()) + " bytes; at most " +
                    std::to_string(kMaxSocketPath) + ")");
    if (path.find('\0') != std::string::npos) return fail("socket path contains a NUL byte");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    return addr;
}

// Appended to why a connect failed: no socket file, or nobody listening on
// it, most likely means the daemon is not running.
inline const char* not_running_hint(int err) {
    return err == ENOENT || err == ECONNREFUSED ? " (is it running?)" : "";
}

}  // namespace limber::ipc::detail
