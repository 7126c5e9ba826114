// SPDX-License-Identifier: MIT
// systemd-logind on the system bus: the screen lock (our session's
// LockedHint), suspend (Manager.PrepareForSleep, with a delay inhibitor so
// that we can write before the machine sleeps) and idle inhibitors
// (Manager.BlockInhibited containing "idle").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/Types.h>

#include "dbus/asio_bus.hpp"
#include "desktop/factory.hpp"
#include "desktop/session_source.hpp"
#include "util/result.hpp"

namespace limber::desktop {

class LogindSession {
public:
    // Fails only when logind does not answer on this bus at all; a missing
    // session or inhibitor disables that part and says so in probes().
    // The current lock and inhibitor state is reported from the loop, after
    // create() returns.
    static Result<std::unique_ptr<LogindSession>> create(dbus::AsioBus& bus, SessionListener& listener);
    ~LogindSession();
    LogindSession(const LogindSession&) = delete;
    LogindSession& operator=(const LogindSession&) = delete;

    std::string_view name() const { return "logind"; }
    std::vector<Probe> probes() const;  // for doctor: kind "lock", "sleep" or "inhibitors"

    // The system bus connection ended: report an unlock (a lock we can no
    // longer see end must not hold reminders forever) and go quiet.
    void lost(const std::string& why);

private:
    LogindSession(dbus::AsioBus& bus, SessionListener& listener);
    void find_session();
    void watch_session();
    void watch_manager();
    void read_state();
    void take_inhibitor();
    void on_prepare_for_sleep(bool start);
    void set_locked(bool locked);
    void set_block_inhibited(const std::string& what);
    void clear_idle_inhibited();  // tells the listener, if idle was inhibited

    dbus::AsioBus& bus_;
    SessionListener& listener_;
    std::unique_ptr<sdbus::IProxy> manager_;
    std::unique_ptr<sdbus::IProxy> session_;
    std::vector<sdbus::Slot> slots_;

    std::string session_path_;
    std::string session_how_;    // which lookup found it, for doctor
    std::string session_error_;  // why none was found
    sdbus::UnixFd inhibitor_;    // the delay inhibitor while we hold it
    std::string inhibitor_error_;
    std::string inhibited_error_;  // why BlockInhibited cannot be read
    std::string lost_;
    bool locked_ = false;
    bool idle_inhibited_ = false;
    std::string inhibited_by_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
