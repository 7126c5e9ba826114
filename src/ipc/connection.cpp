// SPDX-License-Identifier: MIT
#include "ipc/connection.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/logger.h>

namespace limber::ipc::detail {

Connection::Connection(boost::asio::local::stream_protocol::socket socket, std::shared_ptr<Hub> hub, unsigned long serial,
                       std::chrono::milliseconds request_timeout)
    : socket_(std::move(socket)),
      hub_(std::move(hub)),
      serial_(serial),
      request_timeout_(request_timeout),
      timer_(socket_.get_executor()) {}

void Connection::start() {
    // send() first tries a plain write so most replies leave at once; that
    // write must never block the daemon's only thread.
    boost::system::error_code ec;
    socket_.non_blocking(true, ec);

    ucred cred{};
    socklen_t len = sizeof cred;
    const bool known = ::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
                       len == sizeof cred;
    if (!known || cred.uid != ::geteuid()) {
        // The socket is 0600 in a 0700 directory, so this is someone who
        // changed those modes or a root process: worth a line in the journal.
        hub_->log().warn("refused a connection from uid {} (pid {}): only uid {} may use limberd",
                         known ? static_cast<long>(cred.uid) : -1L, known ? cred.pid : 0, ::geteuid());
        send(encode_reply(nullptr, Reply::failure("forbidden", "this limberd belongs to another user")));
        close_after_flush();
        return;
    }
    hub_->log().debug("#{} connected (pid {})", serial_, cred.pid);
    deadline_ = std::chrono::steady_clock::now() + request_timeout_;
    arm_deadline();
    read();
}

void Connection::arm_deadline() {
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->on_deadline();
    });
}

void Connection::on_deadline() {
    if (closed_ || subscribed_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now < deadline_) {
        arm_deadline();  // a line came in meanwhile
        return;
    }
    if (closing_) {
        close();  // had a whole timeout to take its last replies
        return;
    }
    hub_->log().debug("#{} sent no complete line for {} ms; closing", serial_, request_timeout_.count());
    send(encode_reply(nullptr, Reply::failure("timeout", "no complete request line within " +
                                                             std::to_string(request_timeout_.count()) + " ms")));
    close_after_flush();
    if (closed_) return;
    deadline_ = now + request_timeout_;
    arm_deadline();
}

void Connection::evict() {
    if (closed_) return;
    hub_->log().debug("#{} evicted to make room for a new client", serial_);
    // send() writes at once when nothing is queued; whatever it could not
    // write is dropped with the connection.
    send(encode_reply(nullptr, Reply::failure("evicted", "limberd had too many clients and closed the oldest idle one")));
    close();
}

void Connection::read() {
    socket_.async_read_some(boost::asio::buffer(chunk_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
        if (self->closed_) return;
        if (ec == boost::asio::error::eof) {
            // The client may have only shut down its sending side (socat,
            // nc -N): let it have the replies already queued.
            self->hub_->log().debug("#{} hung up", self->serial_);
            self->close_after_flush();
        } else if (ec) {
            self->hub_->log().debug("#{} read failed: {}", self->serial_, ec.message());
            self->close();
        } else {
            self->on_read(n);
        }
    });
}

void Connection::on_read(std::size_t n) {
    unread_ = std::string_view(chunk_.data(), n);
    consume();
}

// Fair to the other clients: one request per turn of the loop, so a chunk
// of hundreds of pipelined requests cannot keep a good client waiting for
// all of them; and none while this client has replies it has not taken, so
// one that never reads costs no work (the request timeout then closes it).
void Connection::consume() {
    bool handled = false;
    while (!closed_ && !closing_) {
        if (!out_.empty()) {
            waiting_for_reader_ = true;  // write_front() carries on
            return;
        }
        const auto newline = unread_.find('\n');
        const auto part = unread_.substr(0, newline);
        // Checked before buffering, so a client streaming megabytes without
        // a newline costs us at most kMaxLine.
        if (line_.size() + part.size() > kMaxLine) {
            hub_->log().debug("#{} sent a line over {} bytes; closing", serial_, kMaxLine);
            send(encode_reply(nullptr, Reply::failure("line_too_long", "a request line may be at most " +
                                                                           std::to_string(kMaxLine) + " bytes")));
            close_after_flush();
            return;
        }
        if (newline == std::string_view::npos) {
            line_.append(part);
            unread_ = {};
            break;
        }
        if (handled) {
            // unread_ stays valid: no read into chunk_ is pending meanwhile.
            boost::asio::post(socket_.get_executor(), [self = shared_from_this()] { self->consume(); });
            return;
        }
        handled = true;
        unread_.remove_prefix(newline + 1);
        if (line_.empty()) {
            handle_line(part);  // the common case: no copy
        } else {
            std::string line = std::move(line_);
            line_.clear();
            line.append(part);
            handle_line(line);
        }
    }
    if (!closed_ && !closing_) read();
}

void Connection::handle_line(std::string_view line) {
    deadline_ = std::chrono::steady_clock::now() + request_timeout_;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    auto decoded = decode_request(line);
    if (!decoded.request) {
        hub_->log().debug("#{} bad request: {}", serial_, decoded.error.message);
        send(encode_reply(decoded.id, Reply::failure(decoded.error.code, decoded.error.message)));
        return;
    }
    const Request& request = *decoded.request;
    hub_->log().debug("#{} {}", serial_, request.cmd);
    // Before the handler runs, so an event it broadcasts already reaches
    // this connection and the snapshot in the reply is never stale.
    if (request.cmd == "subscribe" && !subscribed_) {
        subscribed_ = true;
        timer_.cancel();  // a subscriber may stay quiet for the daemon's life
    }
    const Reply reply = hub_->dispatch(request);
    send(encode_reply(request.id, reply));
}

void Connection::send(std::string line) {
    if (closed_ || line.empty()) return;
    if (out_.empty()) {
        boost::system::error_code ec;
        const std::size_t n = socket_.write_some(boost::asio::buffer(line), ec);
        if (ec && ec != boost::asio::error::would_block && ec != boost::asio::error::try_again && ec != boost::asio::error::interrupted) {
            hub_->log().debug("#{} write failed: {}", serial_, ec.message());
            close();
            return;
        }
        if (!ec && n == line.size()) return;
        line.erase(0, ec ? 0 : n);
    }
    pending_ += line.size();
    out_.push_back(std::move(line));
    if (pending_ > kMaxPending) {
        hub_->log().debug("#{} is not reading ({} bytes pending); dropping it", serial_, pending_);
        close();
        return;
    }
    if (out_.size() == 1) write_front();
}

void Connection::write_front() {
    // out_ is a deque: pushing more lines never moves the one in flight.
    boost::asio::async_write(socket_, boost::asio::buffer(out_.front()), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
        if (self->closed_) return;
        if (ec) {
            self->hub_->log().debug("#{} write failed: {}", self->serial_, ec.message());
            self->close();
            return;
        }
        self->pending_ -= self->out_.front().size();
        self->out_.pop_front();
        if (!self->out_.empty()) {
            self->write_front();
        } else if (self->closing_) {
            self->close();
        } else if (self->waiting_for_reader_) {
            self->waiting_for_reader_ = false;
            self->consume();
        }
    });
}

void Connection::close_after_flush() {
    closing_ = true;
    if (out_.empty()) close();
}

void Connection::close() {
    if (closed_) return;
    const auto self = shared_from_this();  // forget() may drop the last owner
    closed_ = true;
    timer_.cancel();
    boost::system::error_code ec;
    socket_.close(ec);
    hub_->forget(*this);
}

}  // namespace limber::ipc::detail
