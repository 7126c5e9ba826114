// SPDX-License-Identifier: MIT
#include "ipc/client.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "ipc/socket_path.hpp"

namespace limber::ipc {
namespace {

// limberctl must never hang on a wedged daemon; a reply normally takes
// milliseconds, a big report perhaps a second.
constexpr int kCallTimeoutSeconds = 10;

void set_receive_timeout(int fd, int seconds) {
    timeval tv{};
    tv.tv_sec = seconds;  // 0: block for ever
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

Result<Client> Client::connect(const std::string& path) {
    const std::string prefix = "cannot reach limberd at " + path + ": ";
    const auto addr = detail::unix_address(path);
    if (!addr) return fail(prefix + addr.error().message);

    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(prefix + std::strerror(errno));
    int rc = 0;
    while ((rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr)) != 0 && errno == EINTR) {
    }
    if (rc != 0 && errno != EISCONN) {  // EISCONN: an interrupted try went through
        const int err = errno;
        ::close(fd);
        return fail(prefix + std::strerror(err) + detail::not_running_hint(err));
    }
    return Client(fd, path);
}

Client::Client(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

Client::Client(Client&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      next_id_(other.next_id_),
      buffer_(std::move(other.buffer_)),
      pending_events_(std::move(other.pending_events_)) {}

Client& Client::operator=(Client&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
        next_id_ = other.next_id_;
        buffer_ = std::move(other.buffer_);
        pending_events_ = std::move(other.pending_events_);
    }
    return *this;
}

Client::~Client() {
    if (fd_ >= 0) ::close(fd_);
}

Result<Reply> Client::call(const std::string& cmd, const Json& args) {
    const long id = next_id_++;
    const std::string line = encode_request(Request{id, cmd, args.is_null() ? Json::object() : args});
    for (std::size_t sent = 0; sent < line.size();) {
        // MSG_NOSIGNAL: a daemon that died must be an error, not SIGPIPE.
        const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            // The daemon may have said why it hung up ("forbidden") before we
            // wrote; with the peer gone, this read returns at once.
            if (err == EPIPE || err == ECONNRESET) {
                set_receive_timeout(fd_, kCallTimeoutSeconds);
                if (auto last = read_line(); last)
                    if (auto in = decode_incoming(*last); in && !in->is_event && !in->reply.ok) return in->reply;
            }
            return fail("cannot send to limberd at " + path_ + ": " + std::strerror(err));
        }
        sent += static_cast<std::size_t>(n);
    }

    set_receive_timeout(fd_, kCallTimeoutSeconds);
    for (;;) {
        auto got = read_line();
        if (!got) return got.error();
        auto incoming = decode_incoming(*got);
        if (!incoming) return fail("limberd at " + path_ + " sent a line that is not protocol v1");
        if (incoming->is_event) {
            pending_events_.push_back(std::move(incoming->event));
            continue;
        }
        // An error without an id is about the connection itself (forbidden,
        // line_too_long): it answers this call as well as any.
        if (incoming->id == Json(id) || (incoming->id.is_null() && !incoming->reply.ok))
            return std::move(incoming->reply);
        // Otherwise a reply to an earlier call that timed out: stale.
    }
}

std::optional<Json> Client::next_event() {
    if (!pending_events_.empty()) {
        Json event = std::move(pending_events_.front());
        pending_events_.erase(pending_events_.begin());
        return event;
    }
    // Events come when the user's state changes, which may be hours away.
    set_receive_timeout(fd_, 0);
    for (;;) {
        auto got = read_line();
        if (!got) return std::nullopt;
        auto incoming = decode_incoming(*got);
        if (incoming && incoming->is_event) return std::move(incoming->event);
    }
}

Result<std::string> Client::read_line() {
    char chunk[16 * 1024];
    for (;;) {
        if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
            std::string line = buffer_.substr(0, newline);
            buffer_.erase(0, newline + 1);
            return line;
        }
        if (buffer_.size() > kMaxIncomingLine) return fail("limberd at " + path_ + " sent an endless line");
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n > 0) {
            buffer_.append(chunk, static_cast<std::size_t>(n));
        } else if (n == 0) {
            return fail("limberd at " + path_ + " closed the connection");
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return fail("limberd at " + path_ + " did not answer within " + std::to_string(kCallTimeoutSeconds) +
                        " s");
        } else if (errno != EINTR) {
            return fail("cannot read from limberd at " + path_ + ": " + std::strerror(errno));
        }
    }
}

}  // namespace limber::ipc
