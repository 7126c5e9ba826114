// SPDX-License-Identifier: MIT
#include "daemon/daemon.hpp"

#include <csignal>
#include <filesystem>

#include "config/paths.hpp"
#include "core/vocabulary.hpp"
#include "daemon/file_limit.hpp"
#include "daemon/messages.hpp"
#include "daemon/sd_notify.hpp"
#include "daemon/status_json.hpp"
#include "util/log.hpp"

namespace limber::daemon {

Daemon::Daemon(boost::asio::io_context& io, Options options, Loaded loaded, History history)
    : io_(io),
      options_(std::move(options)),
      engine_(std::move(loaded.settings), std::move(loaded.routines), true),
      history_(std::move(history)),
      db_path_(options_.db.empty() ? paths::database() : options_.db),
      history_retry_(io),
      figures_(paths::runtime_figures().value_or("")),
      progress_(io),
      skipped_routines_(std::move(loaded.skipped)),
      timer_(io, [this] {
          apply(engine_.tick(now()));
          settle();
      }),
      signals_(io, SIGTERM, SIGINT, SIGHUP) {}

Daemon::~Daemon() = default;

Result<void> Daemon::start(const std::string& socket_path) {
    auto log = log::get("daemon");
    auto desktop = desktop::make_desktop(io_, options_.idle_backend, *this, *this);  // logs every probe
    if (!desktop) {
        exit_code_ = 2;  // bad usage: the user asked for what cannot work here
        return desktop.error();
    }
    desktop_ = std::move(*desktop);
    cues_.emplace(io_, *desktop_.sound);
    spoken_.emplace(*desktop_.speech);
    if (!desktop_.idle) {
        log->warn("no activity source is available, so Limber counts session time instead (see limberctl doctor)");
        engine_ = core::Engine(engine_.settings(), engine_.routines(), false);
    }

    raise_file_limit();  // before the socket takes clients
    auto server = ipc::Server::listen(io_, socket_path, [this](const ipc::Request& r) { return handle(r); });
    if (!server) return server.error();
    server_ = std::move(*server);

    const Stamp t = now();
    apply(engine_.begin(t, history_.previous()));
    history_.apply(core::Record{vocab::event::daemon_start, t.wall, {{vocab::key::idle_backend, std::string(desktop_.idle ? desktop_.idle->name() : "none")}}});
    retry_history_later();  // when the file could not be opened
    socket_path_ = socket_path;
    // Only now may sources report: a watch can fire at once (Mutter answers
    // synchronously when the user is already idle), and that report needs
    // the engine begun and the socket open.
    if (desktop_.idle) desktop_.idle->watch(engine_.idle_thresholds());
    sessions_ = desktop::Sessions::create(io_, *this, busy_votes_, desktop_.current);  // reports a lock already on from the loop
    start_busy_sources();
    watch_config();

    wait_signal();
    settle();
    sd_notify("READY=1\nSTATUS=watching for long sitting");
    log->info("ready on {}", socket_path);
    return {};
}

// Each started only when [hold] counts what it sees: a source is a
// connection or an fd and its listener, cheap but not nothing. A reload
// that names a new source starts it; one that drops a source leaves it
// running until the next start, uncounted (the engine counts only what
// [hold] sources names), so that turning it back on finds it warm.
void Daemon::start_busy_sources() {
    const Settings& s = engine_.settings();
    const core::BusySet counted = s.hold_sources;
    const core::BusySet pipewire_kinds{core::BusyKind::microphone, core::BusyKind::camera, core::BusyKind::screencast};
    if (!pipewire_ && !(counted & pipewire_kinds).empty())
        pipewire_ = desktop::PipeWireBusy::create(io_, busy_votes_.voter(), s.hold_ignore);
    if (!v4l2_ && counted.has(core::BusyKind::camera))
        v4l2_ = desktop::V4l2Camera::create(io_, busy_votes_.voter(), s.hold_ignore);
    if (!fullscreen_ && counted.has(core::BusyKind::fullscreen)) {
        fullscreen_ = desktop::X11Fullscreen::create(io_, busy_votes_.voter());
        wlr_fullscreen_ = desktop::WlrFullscreen::create(io_, busy_votes_.voter());
    }
    // GSettings is loaded only on GNOME: elsewhere show-banners is a
    // setting some GNOME left behind, and dconf would cost memory for it.
    if (!gnome_dnd_ && counted.has(core::BusyKind::dnd) && desktop_.current.is("GNOME"))
        gnome_dnd_ = desktop::GsettingsDnd::create(io_, desktop_.glib, busy_votes_.voter());
}

void Daemon::watch_config() {
    namespace fs = std::filesystem;
    auto absolute = [](const std::string& p) { return fs::absolute(p).lexically_normal().string(); };
    WatchTargets targets{absolute(config_path(options_)), {}, {}};
    for (const auto& dir : routine_dirs(options_)) targets.routine_dirs.push_back(absolute(dir));
    config_watch_ = std::make_unique<ConfigWatch>(io_, std::move(targets), [this] { saved(); });
    if (auto watching = config_watch_->start(); !watching)
        log::get("config")->warn("{}; limberctl reload still re-reads them", watching.error().message);
}

void Daemon::wait_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (sig == SIGHUP) {  // the traditional "reload your config"
            reload();
            settle();
            wait_signal();
            return;
        }
        stop(0);
    });
}

Stamp Daemon::now() {
    const Millis slept = clock_.take_sleep();
    const Stamp t = clock_.now();
    if (slept > Millis{0}) {
        log::get("engine")->info("the machine slept for {}", human_duration(slept));
        apply(engine_.slept(t, slept));
    }
    return t;
}

void Daemon::on_idle(Millis idle_for) {
    apply(engine_.idle(now(), idle_for));
    settle();
}

void Daemon::on_active() {
    apply(engine_.activity(now()));
    settle();
}

void Daemon::on_source_lost(const std::string& why) {
    log::get("idle")->error("lost the activity source: {}", why);
    stop(1);
}

// A button is the socket command of the same name: the notifications offer
// start, snooze and skip on a reminder, next and stop on a routine step, and
// each runs through handle() like `limberctl snooze` (and so through the
// same checks, and the same fuzzer).
void Daemon::on_action(const std::string& tag, const std::string& key) {
    const ipc::Reply reply = handle(ipc::Request{nullptr, key, ipc::Json::object()});
    if (!reply.ok) log::get("notify")->debug("button {}/{}: {}", tag, key, reply.error.message);
}

void Daemon::on_server(bool available) {
    log::get("notify")->info(available ? "notification server available" : "notification server went away");
    settle();
}

void Daemon::apply(core::Effects fx) {
    for (auto& effect : fx.list) {
        if (history_.apply(effect)) continue;
        if (auto* r = std::get_if<core::ShowReminder>(&effect)) {
            desktop_.notifier->show(reminder_notification(*r));
            server_->broadcast({{"type", "reminder"},
                                {"sitting_seconds", r->sitting_for.count() / 1000},
                                {"routine", r->routine_id},
                                {"snoozes", r->snoozes},
                                {"critical", r->critical},
                                {"held_seconds", r->held_for.count() / 1000},
                                {"quiet", r->quiet}});
        } else if (std::holds_alternative<core::WithdrawReminder>(effect)) {
            desktop_.notifier->close("reminder");
        } else if (auto* s = std::get_if<core::ShowStep>(&effect)) {
            show_step(*s);
            server_->broadcast({{"type", "routine_step"},
                                {"routine", s->routine_id},
                                {"step", s->index + 1},
                                {"of", s->of},
                                {"step_name", s->step.name},
                                {"side", s->side},
                                {"step_title", stage_title(s->step.name, s->side)}});
        } else if (auto* e = std::get_if<core::RoutineEnded>(&effect)) {
            const bool sounds = engine_.settings().sounds && !e->quiet;
            if (cues_) cues_->ended(*e, sounds);
            progress_.ended();
            if (spoken_) spoken_->ended(*e, engine_.settings().speak);
            if (e->completed) {
                desktop::Notification n = routine_done_notification(e->routine_name, e->elapsed);
                n.suppress_sound = sounds || e->quiet;
                desktop_.notifier->show(std::move(n));
            } else {
                desktop_.notifier->close("routine");
            }
            server_->broadcast({{"type", "routine_end"}, {"routine", e->routine_id}, {"completed", e->completed}});
        } else if (std::holds_alternative<core::AwaitActivity>(effect)) {
            if (desktop_.idle) desktop_.idle->await_activity();
        } else if (std::holds_alternative<core::Hush>(effect)) {
            if (cues_) cues_->hush();
            if (spoken_) spoken_->hush();
        }
    }
}

void Daemon::show_step(const core::ShowStep& s) {
    // A routine during a call goes quiet: no cue, and no sound from the server.
    const Settings& settings = engine_.settings();
    const bool sounds = settings.sounds && !s.quiet;
    if (cues_) cues_->step(s, sounds, settings.rep_ticks);  // first: the cue is the one thing timed to the step
    if (spoken_) spoken_->step(s, settings.speak);
    progress_.stage(s, [this, s, sounds, image = figures_.for_stage(s)](const StepPoint& at, bool refresh) {
        desktop::Notification n = step_notification(s, at);
        n.image = image;
        n.suppress_sound = sounds || s.quiet;
        n.refresh = refresh;
        desktop_.notifier->show(std::move(n));
    });
}

nlohmann::json Daemon::status() {
    const Backends backends{desktop_.idle ? std::string(desktop_.idle->name()) : "none",
                            std::string(desktop_.notifier->name()) +
                                (desktop_.notifier->available() ? "" : " (no server)")};
    auto message = status_message(engine_.status(clock_.now()), backends);
    add_session_status(message);
    add_limits(message, engine_.settings());
    // Reminders go on without a history file; the user must still know.
    if (!history_.writing()) message.history_error = history_.problem();
    return to_json(message);
}

void Daemon::settle() {
    if (stopping_) return;
    auto current = status();
    auto signature = current;
    signature.erase("sitting_seconds");  // clients compute the clock themselves
    if (signature != last_broadcast_) {
        last_broadcast_ = std::move(signature);
        server_->broadcast({{"type", "state"}, {"status", current}});
    }
    timer_.arm(engine_.next_deadline(clock_.now()));
}

void Daemon::stop(int code) {
    if (stopping_) return;
    stopping_ = true;
    exit_code_ = code;
    sd_notify("STOPPING=1");
    const Stamp t = clock_.now();
    apply(engine_.shutdown(t));
    history_.apply(core::Record{vocab::event::daemon_stop, t.wall, {{vocab::key::exit, std::int64_t{code}}}});
    if (server_) server_->close();
    timer_.arm(std::nullopt);
    history_retry_.cancel();
    signals_.cancel();
    io_.stop();
}

}  // namespace limber::daemon
