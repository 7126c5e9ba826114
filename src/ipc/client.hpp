// SPDX-License-Identifier: MIT
// A blocking client for limberctl and tests.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ipc/protocol.hpp"
#include "util/result.hpp"

namespace limber::ipc {

class Client {
public:
    // Error: the daemon is not reachable (message says why and where).
    static Result<Client> connect(const std::string& path);
    Client(Client&&) noexcept;
    Client& operator=(Client&&) noexcept;
    ~Client();

    // Sends one request and waits (at most 10 s) for its reply; events
    // arriving meanwhile are kept for next_event(). Error: the connection
    // broke or the daemon did not answer in time. A connection-level error
    // line without an id ("forbidden", "line_too_long") is returned as the reply.
    Result<Reply> call(const std::string& cmd, const Json& args = Json::object());
    // Blocks (without a time limit) until the next event line; nullopt when
    // the daemon hung up.
    std::optional<Json> next_event();

private:
    Client(int fd, std::string path);
    Result<std::string> read_line();
    int fd_ = -1;
    std::string path_;  // for error messages
    long next_id_ = 1;
    std::string buffer_;
    std::vector<Json> pending_events_;
};

}  // namespace limber::ipc
