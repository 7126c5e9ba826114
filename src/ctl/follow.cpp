// SPDX-License-Identifier: MIT
#include "ctl/follow.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ctl/format.hpp"
#include "ipc/async_client.hpp"

namespace limber::ctl {
namespace {

namespace asio = boost::asio;

class Follower {
public:
    Follower(asio::io_context& io, const FollowOptions& options)
        : io_(io), options_(options), tick_(io), retry_(io), out_watch_(io), backoff_(options.first_retry) {}

    void start() {
        watch_output();
        if (!write(bar_preamble(options_.format))) return;
        connect();
    }

private:
    // A bar that exits closes the pipe; a write would see it, but the feed
    // may have nothing to write for hours, so the pipe itself is watched.
    void watch_output() {
        struct stat st{};
        if (::fstat(options_.out_fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return;
        out_watch_.assign(::dup(options_.out_fd));
        out_watch_.async_wait(asio::posix::descriptor::wait_error, [this](const boost::system::error_code& ec) {
            if (ec) return;
            pollfd p{options_.out_fd, POLLOUT, 0};
            if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP))) finish();
            else watch_output_again();
        });
    }
    void watch_output_again() {
        ::close(out_watch_.release());
        watch_output();
    }

    void connect() {
        client_ = std::make_unique<ipc::AsyncClient>(io_);
        client_->on_event([this](const ipc::Json& event) {
            if (!event.is_object() || event.value("type", ipc::Json()) != "state") return;
            if (const auto it = event.find("status"); it != event.end()) show(ipc::status_from_json(*it));
        });
        client_->on_closed([this](const Error&) { lost(); });
        client_->connect(options_.socket, [this](Result<void> done) {
            if (!done) return lost();
            client_->call("subscribe", ipc::Json::object(), [this](Result<ipc::Reply> reply) {
                if (!reply) return;  // on_closed says so
                if (!reply->ok) {
                    client_->close();
                    return lost();
                }
                backoff_ = options_.first_retry;
                show(ipc::status_from_json(reply->result));
            });
        });
    }

    // The daemon is away: say so once, and try again later.
    void lost() {
        show(std::nullopt);
        retry_.expires_after(backoff_);
        backoff_ = std::min(backoff_ * 2, options_.max_retry);
        retry_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) connect();
        });
    }

    void show(std::optional<ipc::StatusMessage> status) {
        status_ = std::move(status);
        render();
    }

    // Prints the view when it differs from the last line, and wakes again
    // when the sitting clock would change it.
    void render() {
        const Millis now = now_wall();
        const BarView view = bar_view(status_, now, local_utc_offset(now));
        if (!last_ || !(*last_ == view)) {
            if (!write(bar_line(options_.format, view, !last_))) return;
            last_ = view;
        }
        tick_.cancel();
        if (const auto at = next_bar_change(status_, now)) {
            tick_.expires_after(*at - now);
            tick_.async_wait([this](const boost::system::error_code& ec) {
                if (!ec) render();
            });
        }
    }

    bool write(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::write(options_.out_fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                finish();  // EPIPE: the bar is gone; nothing more to say
                return false;
            }
            done += static_cast<std::size_t>(n);
        }
        return true;
    }

    void finish() { io_.stop(); }

    asio::io_context& io_;
    FollowOptions options_;
    std::unique_ptr<ipc::AsyncClient> client_;
    asio::steady_timer tick_, retry_;
    asio::posix::stream_descriptor out_watch_;
    std::chrono::milliseconds backoff_;
    std::optional<ipc::StatusMessage> status_;
    std::optional<BarView> last_;
};

}  // namespace

int follow_status(const FollowOptions& options) {
    // A closed pipe is how a bar says goodbye: EPIPE from write, not a signal.
    std::signal(SIGPIPE, SIG_IGN);
    asio::io_context io;
    Follower follower(io, options);
    follower.start();
    io.run();
    return 0;
}

}  // namespace limber::ctl
