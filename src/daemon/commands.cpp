// Socket commands: protocol requests in, engine calls, protocol replies out.
#include <filesystem>

#include "config/config.hpp"
#include "config/paths.hpp"
#include "daemon/daemon.hpp"
#include "daemon/status_json.hpp"
#include "util/duration.hpp"
#include "util/log.hpp"

#ifndef LIMBER_VERSION
#define LIMBER_VERSION "0.0.0"
#endif

namespace limber::daemon {
namespace {

using ipc::Reply;

// An optional duration argument: absent, or a string like "10m".
Result<std::optional<Millis>> duration_arg(const ipc::Json& args, const char* key) {
    if (!args.contains(key) || args[key].is_null()) return std::optional<Millis>{};
    if (!args[key].is_string())
        return fail(std::string("'") + key + "' must be a duration string like \"10m\"");
    auto d = parse_duration(args[key].get<std::string>());
    if (!d) return d.error();
    return std::optional<Millis>{*d};
}

}  // namespace

Reply Daemon::command_reply(core::Effects fx) {
    if (fx.refused) {
        auto refusal = *fx.refused;
        return Reply::failure(refusal.code, refusal.message);
    }
    apply(std::move(fx));
    settle();
    return Reply::success(status());
}

Reply Daemon::handle(const ipc::Request& request) {
    const std::string& cmd = request.cmd;
    const ipc::Json& args = request.args;
    log::get("ipc")->debug("command {}", cmd);

    if (cmd == "hello")
        return Reply::success({{"protocol", ipc::kProtocolVersion}, {"version", LIMBER_VERSION}, {"daemon", "limberd"}});
    if (cmd == "status" || cmd == "subscribe") {
        now();  // notice a suspend before answering
        return Reply::success(status());
    }
    if (cmd == "routines") return Reply::success({{"routines", routines_json(engine_.routines())}});
    if (cmd == "reload") return reload();

    if (cmd == "snooze" || cmd == "pause") {
        auto length = duration_arg(args, "for");
        if (!length) return Reply::failure("bad_args", length.error().message);
        const Stamp t = now();
        return command_reply(cmd == "snooze" ? engine_.snooze(t, *length) : engine_.pause(t, *length));
    }
    if (cmd == "start") {
        std::string id;
        if (args.contains("routine") && !args["routine"].is_null()) {
            if (!args["routine"].is_string()) return Reply::failure("bad_args", "'routine' must be a routine id string");
            id = args["routine"].get<std::string>();
        }
        return command_reply(engine_.start(now(), id));
    }
    if (cmd == "skip") return command_reply(engine_.skip(now()));
    if (cmd == "resume") return command_reply(engine_.resume(now()));
    if (cmd == "next") return command_reply(engine_.next(now()));
    if (cmd == "stop") return command_reply(engine_.stop(now()));
    if (cmd == "report") return Reply::failure("unknown_command", "this limberd cannot make reports yet");
    return Reply::failure("unknown_command", "unknown command '" + cmd + "' (see docs/protocol.md)");
}

Reply Daemon::reload() {
    auto loaded = load_everything(options_);
    if (!loaded) {
        log::get("config")->error("reload refused, keeping the running config: {}", loaded.error().message);
        return Reply::failure("bad_config", loaded.error().message);
    }
    const std::size_t count = loaded->routines.size();
    apply(engine_.reconfigure(now(), std::move(loaded->settings), std::move(loaded->routines)));
    if (desktop_.idle) desktop_.idle->watch(engine_.idle_thresholds());
    settle();
    log::get("config")->info("config reloaded; {} routines", count);
    return Reply::success({{"reloaded", true}, {"routines", count}});
}

Result<Loaded> load_everything(const Options& options) {
    const std::string config_path = options.config.empty() ? paths::config_file() : options.config;
    if (!options.config.empty() && !std::filesystem::exists(config_path))
        return fail(config_path + ": no such file");
    auto settings = config::load_settings(config_path);
    if (!settings) return settings.error();

    std::vector<std::string> dirs;
    if (!options.routines_dir.empty()) {
        dirs.push_back(options.routines_dir);
    } else if (std::filesystem::is_directory(LIMBER_ROUTINES_DIR)) {
        dirs.push_back(LIMBER_ROUTINES_DIR);
    } else {
        dirs.push_back(LIMBER_SOURCE_ROUTINES_DIR);  // running from a build tree
    }
    dirs.push_back(paths::user_routines_dir());
    auto set = config::load_routines(dirs);
    if (!set.errors.empty()) {
        std::string all;
        for (const auto& e : set.errors) all += (all.empty() ? "" : "\n") + e;
        return fail(all);
    }
    const std::string& wanted = settings->default_routine;
    if (wanted != "rotate") {
        const bool found = std::any_of(set.routines.begin(), set.routines.end(),
                                       [&](const Routine& r) { return r.id == wanted; });
        if (!found) {
            std::string ids;
            for (const auto& r : set.routines) ids += (ids.empty() ? "" : ", ") + r.id;
            return fail(config_path + ": routine.default: there is no routine called '" + wanted +
                        "' (installed: " + ids + ")");
        }
    }
    return Loaded{std::move(*settings), std::move(set.routines)};
}

}  // namespace limber::daemon
