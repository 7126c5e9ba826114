// SPDX-License-Identifier: MIT
// The daemon's socket: many clients at once, one io_context thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "ipc/protocol.hpp"
#include "util/result.hpp"

namespace boost::asio {
class io_context;
}

namespace limber::ipc {

// Held for the daemon's life: flock on "<path>.lock", which holds the
// holder's pid. For the socket: only the holder may remove or bind it, so a
// stale socket from a dead daemon is replaced and a live one is left alone.
// For the history file: one daemon writes it, whatever socket it serves.
class InstanceLock {
public:
    // The parent directory is created 0700 if missing. nullopt: another
    // live instance holds the lock.
    static Result<std::optional<InstanceLock>> acquire(const std::string& path);
    // The pid written by the live holder of "<path>.lock" (0 if unknown).
    static long holder(const std::string& path);
    InstanceLock(InstanceLock&&) noexcept;
    InstanceLock& operator=(InstanceLock&&) noexcept;
    ~InstanceLock();

private:
    explicit InstanceLock(int fd);
    int fd_ = -1;
};

// How much the socket lets clients hold. A connection that is not
// subscribed must finish a request line within request_timeout of
// connecting or of its previous line, or it is closed: otherwise a few
// hundred idle or half-written connections would fill max_connections and
// lock the tray and limberctl out. When full, the oldest such connection
// makes room for the new one.
struct ServerLimits {
    std::size_t max_connections = 256;
    std::chrono::milliseconds request_timeout{10'000};
};

class Server {
public:
    // Called for every well-formed request (including "subscribe", after the
    // connection has been marked as subscribed). An exception it throws is
    // logged and answered with an "internal" error.
    using Handler = std::function<Reply(const Request&)>;

    // Binds (mode 0600), listens and starts accepting. Peers of another uid
    // get one error line and are closed. Call while holding the InstanceLock
    // for the same path: a socket file already there is taken to be stale
    // and replaced. Destroy the Server before the io_context.
    //
    // broadcast(), connections() and close() must be called on the
    // io_context's thread, where the handler runs too.
    static Result<std::unique_ptr<Server>> listen(boost::asio::io_context& io, const std::string& path, Handler handler,
                                                  ServerLimits limits = {});
    virtual ~Server() = default;

    // Sends {"event": ...} to every subscribed connection. Safe to call from
    // inside the handler.
    virtual void broadcast(const Json& event) = 0;
    virtual std::size_t connections() const = 0;
    // Stop accepting, close every connection, unlink the socket.
    virtual void close() = 0;
};

}  // namespace limber::ipc
