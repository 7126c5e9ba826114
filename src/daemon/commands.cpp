// SPDX-License-Identifier: MIT
// Socket commands: protocol requests in, engine calls, protocol replies out.
#include <malloc.h>

#include <algorithm>
#include <filesystem>

#include <boost/asio/post.hpp>

#include "config/config.hpp"
#include "config/config_edit.hpp"
#include "config/paths.hpp"
#include "daemon/daemon.hpp"
#include "daemon/engine_call.hpp"
#include "daemon/messages.hpp"
#include "daemon/status_json.hpp"
#include "ipc/routine_message.hpp"
#include "report/request.hpp"
#include "util/log.hpp"
#include "util/i18n.hpp"

#ifndef LIMBER_VERSION
#define LIMBER_VERSION "0.0.0"
#endif

namespace limber::daemon {
namespace {

using ipc::Reply;

}  // namespace

Reply Daemon::command_reply(core::Effects fx) {
    if (fx.refused) {
        const auto& refusal = *fx.refused;
        // In the user's language, like the rest of what limberctl prints;
        // the code stays for scripts.
        if (refusal.wording.empty()) return Reply::failure(refusal.code, refusal.message);
        return Reply::failure(refusal.code, format_translated(tr(refusal.wording.c_str()), refusal.wording.c_str(),
                                                              fmt::make_format_args(refusal.value)));
    }
    apply(std::move(fx));
    settle();
    return Reply::success(status());
}

Reply Daemon::handle(const ipc::Request& request) {
    const std::string& cmd = request.cmd;
    log::get("ipc")->debug("command {}", cmd);

    if (cmd == "hello")
        return Reply::success({{"protocol", ipc::kProtocolVersion}, {"version", LIMBER_VERSION}, {"daemon", "limberd"}});
    if (cmd == "status" || cmd == "subscribe") {
        now();  // notice a suspend before answering
        return Reply::success(status());
    }
    if (cmd == "routines")
        return Reply::success({{"routines", ipc::routines_to_json(engine_.routines())}, {"skipped", skipped_json(skipped_routines_)}});
    if (cmd == "doctor") return Reply::success(doctor());  // session_events.cpp
    if (cmd == "reload") return reload();
    if (cmd == "speak") return speak(request.args);
    if (cmd == "popup") {
        auto popup = popup_notification(request.args);
        if (!popup) return Reply::failure("bad_args", popup.error().message);
        desktop_.notifier->show(std::move(*popup));
        return Reply::success({{"shown", desktop_.notifier->available()}});
    }

    // snooze, pause, start, skip, resume, next, stop (daemon/engine_call.hpp).
    auto call = parse_engine_call(request);
    if (!call) return Reply::failure("bad_args", call.error().message);
    if (*call) return command_reply(run_engine_call(engine_, now(), **call));
    if (cmd == "report") {
        // On the daemon's own connection; report::kMaxDaemonDays keeps it short.
        if (!history_.writing()) return Reply::failure("no_history", "no history file open: " + history_.problem());
        const Settings& settings = engine_.settings();
        auto answer = report::answer(*history_.store(), request.args,
                                     {settings.sit_limit.count() / 1000, settings.stretch_days_per_week,
                                      now().wall.count() / 1000, /*open_span_until_now=*/true});
        if (!answer.error_code.empty()) return Reply::failure(answer.error_code, answer.error_message);
        // A long report goes through megabytes of spans and JSON that are
        // all freed once the reply is out, but glibc keeps the pages (6 MB
        // after a 400-day report). Hand them back once this handler is done.
        boost::asio::post(io_, [] { malloc_trim(0); });
        return Reply::success(std::move(answer.result));
    }
    return Reply::failure("unknown_command", "unknown command '" + cmd + "' (see docs/protocol.md)");
}

// The setting lives in the user's file, not in the daemon: a toggle that
// only the running daemon knew would be undone by the next reload or
// restart. The watcher reloads the file too; reloading here makes the reply
// (and the tray's check mark) say the new state at once.
Reply Daemon::speak(const ipc::Json& args) {
    const auto on = args.find("on");
    if (on == args.end() || !on->is_boolean()) return Reply::failure("bad_args", "speak needs \"on\": true or false");
    if (auto saved = config::save_speak(config_path(options_), on->get<bool>()); !saved)
        return Reply::failure("not_saved", saved.error().message);
    if (auto done = swap_config(); !done) return Reply::failure("bad_config", done.error().message);
    return Reply::success(status());
}

Reply Daemon::reload() {
    auto done = swap_config();
    if (!done) return Reply::failure("bad_config", done.error().message);
    return Reply::success(std::move(*done));
}

Result<nlohmann::json> Daemon::swap_config() {
    auto loaded = load_everything(options_);
    if (!loaded) {
        log::get("config")->error("reload refused: {}; the old settings stay in use", loaded.error().message);
        return fail(loaded.error().message + "\nThe old settings stay in use.");
    }
    const std::size_t count = loaded->routines.size();
    apply(engine_.reconfigure(now(), std::move(loaded->settings), std::move(loaded->routines)));
    if (pipewire_) pipewire_->set_ignore(engine_.settings().hold_ignore);
    if (v4l2_) v4l2_->set_ignore(engine_.settings().hold_ignore);
    start_busy_sources();  // those [hold] sources names now
    skipped_routines_ = std::move(loaded->skipped);
    log_skipped(skipped_routines_);
    if (desktop_.idle) desktop_.idle->watch(engine_.idle_thresholds());
    settle();
    log::get("config")->info("config reloaded; {} routines, {} files skipped", count, skipped_routines_.size());
    return nlohmann::json{{"reloaded", true}, {"routines", count}, {"skipped", skipped_json(skipped_routines_)}};
}

void Daemon::saved() {
    const auto before = skipped_routines_;
    auto done = swap_config();
    if (!done) {
        desktop_.notifier->show(config_refused_notification(done.error().message));
        return;
    }
    // Only what this save broke: a file that was already skipped was
    // already said, and is in `limberctl routines` until it is fixed.
    std::vector<std::string> newly;
    for (const auto& s : skipped_routines_)
        if (std::find(before.begin(), before.end(), s) == before.end()) newly.push_back(s.error);
    if (newly.empty()) {
        desktop_.notifier->close("config");  // an earlier refusal is fixed
    } else {
        desktop_.notifier->show(routines_skipped_notification(newly));
    }
}

void log_skipped(const std::vector<config::SkippedFile>& skipped) {
    for (const auto& s : skipped) log::get("config")->warn("skipped a routine file: {}", s.error);
}

nlohmann::json skipped_json(const std::vector<config::SkippedFile>& skipped) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : skipped) list.push_back({{"file", s.file}, {"error", s.error}});
    return list;
}

std::string config_path(const Options& options) {
    return options.config.empty() ? paths::config_file() : options.config;
}

std::vector<std::string> routine_dirs(const Options& options) { return paths::routine_dirs(options.routines_dir); }

Result<Loaded> load_everything(const Options& options) {
    const std::string config_path = daemon::config_path(options);
    if (!options.config.empty() && !std::filesystem::exists(config_path))
        return fail(config_path + ": no such file");
    auto settings = config::load_settings(config_path);
    if (!settings) return settings.error();

    const std::vector<std::string> dirs = routine_dirs(options);
    auto set = config::load_routines(dirs, paths::figure_dirs(), i18n::languages());
    // A routine whose picture is missing still runs; say once why it has none.
    for (const auto& missing : set.missing_figures) log::get("config")->warn("{}", missing);
    if (set.routines.empty() && !set.skipped.empty()) {
        // Nothing to suggest at all: that is a broken install, not a typo.
        std::string all;
        for (const auto& s : set.skipped) all += (all.empty() ? "" : "\n") + s.error;
        return fail(all);
    }
    std::string& wanted = settings->default_routine;
    if (wanted != "rotate") {
        const bool found = std::any_of(set.routines.begin(), set.routines.end(),
                                       [&](const Routine& r) { return r.id == wanted; });
        const bool was_skipped = std::any_of(set.skipped.begin(), set.skipped.end(), [&](const auto& s) {
            return std::filesystem::path(s.file).stem() == wanted;
        });
        if (!found && was_skipped) {
            // The typo is in the routine file, not in the config: remind anyway.
            log::get("config")->warn("routine.default: '{}' was skipped; rotating through the others", wanted);
            wanted = "rotate";
        } else if (!found) {
            std::string ids;
            for (const auto& r : set.routines) ids += (ids.empty() ? "" : ", ") + r.id;
            return fail(config_path + ": routine.default: there is no routine called '" + wanted +
                        "' (installed: " + ids + ")");
        }
    }
    return Loaded{std::move(*settings), std::move(set.routines), std::move(set.skipped), std::move(set.read)};
}

}  // namespace limber::daemon
