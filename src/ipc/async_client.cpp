// SPDX-License-Identifier: MIT
#include "ipc/async_client.hpp"

#include <cerrno>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "ipc/socket_path.hpp"

namespace limber::ipc {
namespace {

constexpr std::size_t kChunk = 16 * 1024;

}  // namespace

AsyncClient::AsyncClient(boost::asio::io_context& io, std::chrono::milliseconds reply_timeout)
    : io_(io), socket_(io), deadline_(io), reply_timeout_(reply_timeout) {}

AsyncClient::~AsyncClient() {
    alive_.reset();
    boost::system::error_code ignored;
    socket_.close(ignored);
    deadline_.cancel();
}

// Wraps a completion so that it does nothing once this object is gone.
template <class F>
auto AsyncClient::guarded(F f) {
    return [alive = std::weak_ptr<bool>(alive_), f = std::move(f)](auto&&... args) mutable {
        if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
}

void AsyncClient::connect(const std::string& path, ConnectHandler done) {
    path_ = path;
    const std::string prefix = "cannot reach limberd at " + path + ": ";
    auto refuse = [this, &done](Error why) {
        state_ = State::closed;
        boost::asio::post(io_, guarded([this, done = std::move(done), why = std::move(why)] {
            end(why, false);
            done(why);
        }));
    };
    if (state_ != State::idle) return refuse(fail(prefix + "this client was connected before"));
    if (const auto addr = detail::unix_address(path); !addr) return refuse(fail(prefix + addr.error().message));

    state_ = State::connecting;
    socket_.async_connect(boost::asio::local::stream_protocol::endpoint(path),
                          guarded([this, prefix, done = std::move(done)](const boost::system::error_code& ec) {
                              if (state_ != State::connecting) return;  // close() came first
                              if (ec) {
                                  const Error why = fail(prefix + ec.message() + detail::not_running_hint(ec.value()));
                                  auto alive = std::weak_ptr<bool>(alive_);
                                  end(why, false);
                                  if (!alive.expired()) done(why);
                                  return;
                              }
                              state_ = State::open;
                              read();
                              write();
                              arm_deadline();
                              done({});
                          }));
}

void AsyncClient::call(const std::string& cmd, const Json& args, ReplyHandler done) {
    if (state_ == State::closed) {
        boost::asio::post(io_, guarded([path = path_, done = std::move(done)] {
            done(fail("not connected to limberd at " + path));
        }));
        return;
    }
    const long id = next_id_++;
    outbox_.push_back(encode_request(Request{id, cmd, args.is_null() ? Json::object() : args}));
    pending_.push_back({id, std::move(done), std::chrono::steady_clock::now() + reply_timeout_});
    if (state_ == State::open) {
        write();
        if (pending_.size() == 1) arm_deadline();
    }
}

void AsyncClient::close() {
    if (state_ == State::closed) return;
    end(fail("the connection to limberd at " + path_ + " was closed"), false);
}

void AsyncClient::write() {
    if (writing_ || outbox_.empty() || state_ != State::open) return;
    writing_ = true;
    // Owned by the completion: asio may still hold it after we are gone.
    auto line = std::make_shared<std::string>(std::move(outbox_.front()));
    outbox_.pop_front();
    boost::asio::async_write(socket_, boost::asio::buffer(*line),
                      guarded([this, line](const boost::system::error_code& ec, std::size_t) {
                          writing_ = false;
                          if (state_ != State::open) return;
                          if (ec) return end(fail("cannot send to limberd at " + path_ + ": " + ec.message()), true);
                          write();
                      }));
}

void AsyncClient::read() {
    auto chunk = std::make_shared<std::vector<char>>(kChunk);
    socket_.async_read_some(boost::asio::buffer(*chunk), guarded([this, chunk](const boost::system::error_code& ec, std::size_t n) {
        if (state_ != State::open) return;
        if (ec == boost::asio::error::eof) return end(fail("limberd at " + path_ + " closed the connection"), true);
        if (ec) return end(fail("cannot read from limberd at " + path_ + ": " + ec.message()), true);
        inbox_.append(chunk->data(), n);
        auto alive = std::weak_ptr<bool>(alive_);
        std::size_t start = 0;
        for (std::size_t nl; (nl = inbox_.find('\n', start)) != std::string::npos; start = nl + 1) {
            // A copy: handlers may call back into us and touch inbox_.
            const std::string line = inbox_.substr(start, nl - start);
            handle_line(line);
            if (alive.expired() || state_ != State::open) return;
        }
        inbox_.erase(0, start);
        if (inbox_.size() > kMaxIncomingLine)
            return end(fail("limberd at " + path_ + " sent an endless line"), true);
        read();
    }));
}

void AsyncClient::handle_line(std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    auto in = decode_incoming(line);
    if (!in) return end(fail("limberd at " + path_ + " sent a line that is not protocol v1"), true);
    if (in->is_event) {
        if (on_event_) on_event_(in->event);
        return;
    }
    // An error without an id is about the connection itself (forbidden,
    // line_too_long): it answers the oldest call, as in the blocking client.
    auto it = pending_.begin();
    if (!(in->id.is_null() && !in->reply.ok)) {
        while (it != pending_.end() && Json(it->id) != in->id) ++it;
    }
    if (it == pending_.end()) return;  // nothing asked for this one
    ReplyHandler done = std::move(it->done);
    pending_.erase(it);
    arm_deadline();
    done(std::move(in->reply));
}

void AsyncClient::arm_deadline() {
    deadline_.cancel();
    if (pending_.empty() || state_ != State::open) return;
    deadline_.expires_at(pending_.front().deadline);
    deadline_.async_wait(guarded([this](const boost::system::error_code& ec) {
        if (ec || state_ != State::open || pending_.empty()) return;
        if (pending_.front().deadline > std::chrono::steady_clock::now()) return arm_deadline();
        const auto ms = reply_timeout_.count();
        const std::string limit = ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
        end(fail("limberd at " + path_ + " did not answer within " + limit), true);
    }));
}

void AsyncClient::end(const Error& why, bool notify) {
    state_ = State::closed;
    boost::system::error_code ignored;
    socket_.close(ignored);
    deadline_.cancel();
    outbox_.clear();
    inbox_.clear();
    auto alive = std::weak_ptr<bool>(alive_);
    auto failed = std::move(pending_);
    pending_.clear();
    for (auto& p : failed) {
        p.done(why);
        if (alive.expired()) return;
    }
    if (notify && on_closed_) on_closed_(why);
}

}  // namespace limber::ipc
