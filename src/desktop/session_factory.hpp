// SPDX-License-Identifier: MIT
// Every session source, started together: logind on the system bus, the
// screen savers on the session bus. The daemon holds one Sessions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "desktop/busy_votes.hpp"
#include "desktop/current_desktop.hpp"
#include "desktop/factory.hpp"
#include "desktop/session_source.hpp"

namespace limber::dbus {
class AsioBus;
}

namespace limber::desktop {

class LogindSession;
class ScreenSaverSession;
class ServerDnd;
class XfconfDnd;

class Sessions {
public:
    // Never fails: a missing bus, logind or screen saver is only a Probe
    // that says why. Several sources may report a lock (GNOME sets logind's
    // LockedHint and emits org.gnome.ScreenSaver.ActiveChanged); the
    // listener hears "locked" while any of them says so, once.
    // Busy sources on the session bus (the do-not-disturb of dunst, KDE
    // Plasma and Xfce) vote in `busy`: one of them off leaves the others on.
    // Xfce's is read only in an Xfce session (`desktop`); dunst's and
    // Plasma's belong to the server that is running, wherever it runs.
    static std::unique_ptr<Sessions> create(boost::asio::io_context& io, SessionListener& listener,
                                            BusyVotes& busy, const CurrentDesktop& desktop);
    ~Sessions();
    Sessions(const Sessions&) = delete;
    Sessions& operator=(const Sessions&) = delete;

    // Lock, sleep and inhibitor sources as they are now, the clock-gap
    // backup for sleep included.
    std::vector<Probe> probes() const;

private:
    struct Vote;
    explicit Sessions(SessionListener& listener);
    void recount();
    SessionListener& vote();

    SessionListener& listener_;
    bool locked_ = false;
    std::string system_error_;
    std::string session_error_;
    std::string xfconf_off_;  // why Xfce's do-not-disturb is not read, if it is not
    std::unique_ptr<dbus::AsioBus> system_;
    std::unique_ptr<dbus::AsioBus> session_;
    std::vector<std::unique_ptr<Vote>> votes_;
    // After the buses and votes they use, so they go first.
    std::unique_ptr<LogindSession> logind_;
    std::vector<std::unique_ptr<ScreenSaverSession>> savers_;
    std::vector<std::unique_ptr<ServerDnd>> servers_;  // dunst, KDE Plasma
    std::unique_ptr<XfconfDnd> xfconf_;
};

}  // namespace limber::desktop
