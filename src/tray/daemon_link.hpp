// SPDX-License-Identifier: MIT
// The tray's line to limberd: subscribes, follows the event stream, sends
// commands, and when the daemon stops reconnects with backoff and
// subscribes again.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ipc/async_client.hpp"
#include "tray/menu.hpp"

namespace limber::tray {

class DaemonLink {
public:
    struct Callbacks {
        std::function<void(const Json& status)> status;     // a new status object
        std::function<void()> lost;                         // not reachable (again)
        std::function<void(const Json& routines)> routines; // the routines list
        // Today's report, or nullopt when this daemon makes no reports.
        std::function<void(std::optional<Json> report)> today;
    };
    DaemonLink(boost::asio::io_context& io, std::string socket_path, Callbacks callbacks);
    DaemonLink(const DaemonLink&) = delete;
    DaemonLink& operator=(const DaemonLink&) = delete;

    void start();
    // Sends a daemon command; the reply's status is passed on, a refusal is
    // logged (the menu offers only what the state allows, so one is rare).
    void command(const Action& action);
    // Fetch what no event announces: the routines (a reload may change
    // them), and today's report (fetched anyway on every state event; a
    // new day needs a new one). At most one of each in flight.
    void fetch_routines();
    void fetch_today();

    // Backoff between attempts: from kFirstRetry, doubling, up to kMaxRetry.
    static constexpr std::chrono::milliseconds kFirstRetry{250};
    static constexpr std::chrono::milliseconds kMaxRetry{15'000};

private:
    void connect();
    void connected();
    void disconnected(const std::string& why);

    boost::asio::io_context& io_;
    std::string path_;
    Callbacks callbacks_;
    std::unique_ptr<ipc::AsyncClient> client_;
    boost::asio::steady_timer retry_;
    std::chrono::milliseconds backoff_ = kFirstRetry;
    bool was_connected_ = false;
    bool reports_ = true;  // until the daemon says it has no `report` command
    bool routines_in_flight_ = false;
    bool today_in_flight_ = false;
    // Today's totals move only when a sitting begins or ends; idle<->active
    // changes (every reading pause) must not cost a report query.
    Json last_sitting_since_ = "unknown";
};

}  // namespace limber::tray
