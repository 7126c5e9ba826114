// SPDX-License-Identifier: MIT
#include "tray/daemon_link.hpp"

#include <algorithm>

#include "util/log.hpp"

namespace limber::tray {

DaemonLink::DaemonLink(boost::asio::io_context& io, std::string socket_path, Callbacks callbacks)
    : io_(io), path_(std::move(socket_path)), callbacks_(std::move(callbacks)), retry_(io) {}

void DaemonLink::start() { connect(); }

void DaemonLink::connect() {
    client_ = std::make_unique<ipc::AsyncClient>(io_);
    client_->on_event([this](const Json& event) {
        if (!event.is_object() || event.value("type", Json()) != "state") return;
        const auto it = event.find("status");
        if (it == event.end() || !it->is_object()) return;
        callbacks_.status(*it);
        const Json since = it->value("sitting_since", Json());
        if (since != last_sitting_since_) {
            last_sitting_since_ = since;
            fetch_today();
        }
    });
    client_->on_closed([this](const Error& why) { disconnected(why.message); });
    client_->connect(path_, [this](Result<void> done) {
        if (!done) return disconnected(done.error().message);
        client_->call("subscribe", {}, [this](Result<ipc::Reply> reply) {
            if (!reply) return;  // the connection broke: on_closed says so
            if (!reply->ok) {
                // A daemon that refuses to subscribe us is as good as none.
                client_->close();
                return disconnected(reply->error.message);
            }
            // connected() fetches today's report for this sitting; the first
            // state event need not fetch it again.
            last_sitting_since_ = field(reply->result, "sitting_since");
            connected();
            callbacks_.status(reply->result);
        });
    });
}

void DaemonLink::connected() {
    log::get("tray")->info("connected to limberd at {}", path_);
    was_connected_ = true;
    backoff_ = kFirstRetry;
    reports_ = true;  // perhaps a newer daemon than the last one
    routines_in_flight_ = today_in_flight_ = false;
    fetch_routines();
    fetch_today();
}

void DaemonLink::disconnected(const std::string& why) {
    auto log = log::get("tray");
    if (was_connected_) log->info("lost limberd: {}; reconnecting", why);
    else log->debug("{}; retrying in {} ms", why, backoff_.count());
    // Announced every time, not only after a connection: the first attempt
    // at startup is how the tray learns the daemon is not there.
    was_connected_ = false;
    callbacks_.lost();
    retry_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, kMaxRetry);
    retry_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) connect();
    });
}

void DaemonLink::command(const Action& action) {
    if (!client_ || !client_->connected()) {
        log::get("tray")->warn("cannot {}: limberd is not running", action.cmd);
        return;
    }
    client_->call(action.cmd, action.args, [this, cmd = action.cmd](Result<ipc::Reply> reply) {
        if (!reply) return;  // the connection broke; on_closed handles that
        if (!reply->ok) {
            log::get("tray")->warn("limberd refused {}: {}", cmd, reply->error.message);
            return;
        }
        if (reply->result.is_object() && reply->result.contains("state")) callbacks_.status(reply->result);
    });
}

void DaemonLink::fetch_routines() {
    if (!client_ || !client_->connected() || routines_in_flight_) return;
    routines_in_flight_ = true;
    client_->call("routines", {}, [this](Result<ipc::Reply> reply) {
        routines_in_flight_ = false;
        if (reply && reply->ok && reply->result.value("routines", Json()).is_array())
            callbacks_.routines(reply->result["routines"]);
    });
}

void DaemonLink::fetch_today() {
    if (!client_ || !client_->connected() || !reports_ || today_in_flight_) return;
    today_in_flight_ = true;
    client_->call("report", {{"range", "day"}}, [this](Result<ipc::Reply> reply) {
        today_in_flight_ = false;
        if (!reply) return;
        if (!reply->ok) {
            // An older daemon: no Today line until one that has reports.
            if (reply->error.code == "unknown_command") reports_ = false;
            callbacks_.today(std::nullopt);
            return;
        }
        callbacks_.today(reply->result);
    });
}

}  // namespace limber::tray
