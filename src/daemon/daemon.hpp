// SPDX-License-Identifier: MIT
// limberd's wiring: desktop adapters and the socket feed the engine; the
// engine's effects go to the notifier, the store and subscribers. One
// io_context thread; it sleeps until an fd or the one deadline timer wakes it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "core/engine.hpp"
#include "daemon/clock.hpp"
#include "daemon/config_watch.hpp"
#include "daemon/deadline_timer.hpp"
#include "daemon/history.hpp"
#include "daemon/options.hpp"
#include "daemon/sound_cues.hpp"
#include "daemon/step_figure.hpp"
#include "daemon/step_progress.hpp"
#include "daemon/spoken_steps.hpp"
#include "desktop/busy_votes.hpp"
#include "desktop/factory.hpp"
#include "desktop/gsettings_dnd.hpp"
#include "desktop/pipewire_busy.hpp"
#include "desktop/session_factory.hpp"
#include "desktop/v4l2_camera.hpp"
#include "desktop/wlr_fullscreen.hpp"
#include "desktop/x11_fullscreen.hpp"
#include "ipc/server.hpp"
#include "ipc/status_message.hpp"

namespace limber::daemon {

// Settings and routines as loaded from files, for start and reload.
struct Loaded {
    Settings settings;
    std::vector<Routine> routines;
    // Routine files that did not parse. Each is logged once and skipped: one
    // typo must not cost a day of reminders. Shown by doctor, routines and
    // reload; only when no routine loads at all is that an error.
    std::vector<config::SkippedFile> skipped;
    std::vector<std::string> read;  // the routine files that loaded
};
Result<Loaded> load_everything(const Options& options);
// The files load_everything reads: the config file (which need not exist)
// and the routine directories, later ones overriding earlier ones by id.
std::string config_path(const Options& options);
std::vector<std::string> routine_dirs(const Options& options);
// One warning per skipped file, naming file:line:col. Not inside
// load_everything: --check-config prints the same errors itself.
void log_skipped(const std::vector<config::SkippedFile>& skipped);
nlohmann::json skipped_json(const std::vector<config::SkippedFile>& skipped);

// The whole life of limberd; returns the exit status.
int run(const Options& options);

class Daemon final : public desktop::IdleListener, public desktop::NotifierListener,
                     public desktop::SessionListener, public desktop::BusyListener {
public:
    Daemon(boost::asio::io_context& io, Options options, Loaded loaded, History history);
    ~Daemon() override;

    // Opens the socket and starts the desktop sources. Error: cannot listen
    // (exit_code() 0), or the --idle-backend asked for cannot work here
    // (exit_code() 2).
    Result<void> start(const std::string& socket_path);
    int exit_code() const { return exit_code_; }

    // desktop::IdleListener
    void on_idle(Millis idle_for) override;
    void on_active() override;
    void on_source_lost(const std::string& why) override;
    // desktop::NotifierListener
    void on_action(const std::string& tag, const std::string& action_key) override;
    void on_server(bool available) override;
    // desktop::SessionListener (session_events.cpp)
    void on_locked() override;
    void on_unlocked() override;
    void on_prepare_sleep() override;
    void on_resumed() override;
    void on_inhibitors_changed(bool idle_inhibited, const std::string& by) override;
    // desktop::BusyListener (session_events.cpp)
    void on_busy(core::BusyKind kind, bool on, const std::string& who) override;

private:
    // commands.cpp
    ipc::Reply handle(const ipc::Request& request);
    ipc::Reply command_reply(core::Effects fx);
    ipc::Reply reload();
    ipc::Reply speak(const ipc::Json& args);  // writes routine.speak to the config file, then reloads
    // Parses config and routines anew and swaps them in; the result is the
    // `reload` reply. Error: nothing changed, and the message says so.
    Result<nlohmann::json> swap_config();
    // A config or routine file was saved: swap, and say on the screen what
    // was refused, since nobody typed a command to read a reply.
    void saved();
    void watch_config();
    void start_busy_sources();

    Stamp now();  // also feeds the engine any suspend it missed
    void apply(core::Effects fx);
    void show_step(const core::ShowStep& s);
    void settle();  // after every input: broadcast a changed state, re-arm the timer
    void stop(int code);
    void wait_signal();
    nlohmann::json status();
    // session_events.cpp: `doctor`, and what the session adds to `status`.
    nlohmann::json doctor();
    std::vector<desktop::Probe> guidance_probes() const;  // sound and speech, for doctor
    std::vector<desktop::Probe> busy_probes() const;      // every busy source, those off too
    void add_session_status(ipc::StatusMessage& status) const;
    // history_file.cpp: while the history file is unusable, try it again
    // with a growing delay.
    void retry_history_later();

    boost::asio::io_context& io_;
    Options options_;
    Clock clock_;
    core::Engine engine_;
    History history_;
    std::string db_path_;
    boost::asio::steady_timer history_retry_;
    Millis history_backoff_{1000};
    desktop::Desktop desktop_;
    desktop::BusyVotes busy_votes_{*this};  // PipeWire and V4L2 both see cameras; four desktops' do-not-disturb
    std::unique_ptr<desktop::Sessions> sessions_;  // lock, sleep, idle inhibitors, do-not-disturb
    std::unique_ptr<desktop::PipeWireBusy> pipewire_;  // calls, cameras, screencasts; null when [hold] needs none
    std::unique_ptr<desktop::V4l2Camera> v4l2_;        // cameras opened directly; null without "camera"
    std::unique_ptr<desktop::X11Fullscreen> fullscreen_;  // null without "fullscreen"
    std::unique_ptr<desktop::WlrFullscreen> wlr_fullscreen_;  // likewise; the one of the two that can see works
    std::unique_ptr<desktop::GsettingsDnd> gnome_dnd_;    // null without "dnd"; the others are in sessions_
    std::optional<SoundCues> cues_;                 // from start(), on desktop_.sound
    StepFigures figures_;                           // the picture on a step's notification
    StepProgress progress_;                         // its bar and rep, shown again while a stage lasts
    std::optional<SpokenSteps> spoken_;             // from start(), on desktop_.speech
    std::string socket_path_;
    std::vector<config::SkippedFile> skipped_routines_;
    // Who keeps the user busy, by kind (for status; the engine sees only kinds).
    std::map<core::BusyKind, std::string> busy_;
    bool idle_inhibited_ = false;
    std::string idle_inhibited_by_;
    std::unique_ptr<ipc::Server> server_;
    std::unique_ptr<ConfigWatch> config_watch_;
    DeadlineTimer timer_;
    boost::asio::signal_set signals_;
    nlohmann::json last_broadcast_;
    int exit_code_ = 0;
    bool stopping_ = false;
};

}  // namespace limber::daemon
