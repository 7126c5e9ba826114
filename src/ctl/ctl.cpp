// SPDX-License-Identifier: MIT
#include "ctl/ctl.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <ostream>

#include "config/paths.hpp"
#include "ctl/bar.hpp"
#include "ctl/follow.hpp"
#include "ctl/format.hpp"
#include "ctl/verbs.hpp"
#include "ipc/client.hpp"
#include "ipc/status_message.hpp"
#include "util/duration.hpp"
#include "util/help.hpp"
#include "util/i18n.hpp"

namespace limber::ctl {

using ipc::Json;

int fail(Context& ctx, int exit, std::string_view code, const std::string& message) {
    if (ctx.json) {
        *ctx.out << Json{{"ok", false}, {"error", {{"code", code}, {"message", message}}}}.dump(
                        -1, ' ', false, Json::error_handler_t::replace)
                 << '\n';
    } else {
        *ctx.err << "limberctl" << (ctx.verb.empty() ? "" : " " + ctx.verb) << ": " << message << '\n';
    }
    return exit;
}

int usage_error(Context& ctx, const std::string& message) {
    return fail(ctx, kUsage, "usage",
                // TRANSLATORS: {0} says what was wrong, {1} is a command: "limberctl status --help".
                trf("{0} (see {1})", message, "limberctl " + (ctx.verb.empty() ? "" : ctx.verb + " ") + "--help"));
}

namespace {

// Fills in the default socket when --socket was not given.
Result<void> default_socket(Context& ctx) {
    if (!ctx.socket.empty()) return {};
    auto p = paths::socket();
    if (!p) return p.error();
    ctx.socket = *p;
    return {};
}

int resolve_socket(Context& ctx) {
    auto found = default_socket(ctx);
    return found ? kOk : fail(ctx, kUnreachable, "unreachable", found.error().message);
}

// A connected call: says why and returns its exit status on failure.
struct Session {
    Context& ctx;
    std::optional<ipc::Client> client;

    int connect() {
        if (int rc = resolve_socket(ctx); rc != kOk) return rc;
        auto c = ipc::Client::connect(ctx.socket);
        if (!c) return fail(ctx, kUnreachable, "unreachable", c.error().message);
        client.emplace(std::move(*c));
        return kOk;
    }

    // Sends cmd; on success stores the result in `result`.
    int call(const std::string& cmd, const Json& args, Json& result) {
        if (int rc = connect(); rc != kOk) return rc;
        auto reply = client->call(cmd, args);
        if (!reply) return fail(ctx, kUnreachable, "unreachable", reply.error().message);
        if (!reply->ok) return fail(ctx, kDaemonError, reply->error.code, reply->error.message);
        result = reply->result;
        return kOk;
    }
};

}  // namespace

Result<ipc::Reply> ask_daemon(Context& ctx, const std::string& cmd, const Json& args) {
    if (auto found = default_socket(ctx); !found) return found.error();
    auto client = ipc::Client::connect(ctx.socket);
    if (!client) return client.error();
    return client->call(cmd, args);
}

namespace {

int too_many(Context& ctx, std::size_t allowed) {
    if (ctx.args.size() <= allowed) return kOk;
    // TRANSLATORS: {} is a command's name: "next".
    return usage_error(ctx, allowed ? trf("{} takes at most one argument", ctx.verb) : trf("{} takes no arguments", ctx.verb));
}

// An optional DURATION argument, checked here so a typo never reaches the daemon.
int duration_args(Context& ctx, Json& args) {
    if (int rc = too_many(ctx, 1); rc != kOk) return rc;
    if (ctx.args.empty()) return kOk;
    auto d = parse_duration(ctx.args[0]);
    if (!d) return fail(ctx, kUsage, "usage", d.error().message);
    args["for"] = ctx.args[0];
    return kOk;
}

// Runs a command and prints `say(result)`, or the result itself with --json.
int simple(Context& ctx, const std::string& cmd, const Json& args, const std::function<std::string(const Json&)>& say) {
    Session s{ctx, {}};
    Json result;
    if (int rc = s.call(cmd, args, result); rc != kOk) return rc;
    *ctx.out << (ctx.json ? result.dump() : say(result)) << '\n';
    return kOk;
}

// The same for the commands that answer with the status.
int with_status(Context& ctx, const std::string& cmd, const Json& args,
                const std::function<std::string(const ipc::StatusMessage&)>& say) {
    return simple(ctx, cmd, args, [&](const Json& result) { return say(ipc::status_from_json(result).value_or(ipc::StatusMessage{})); });
}

std::string step_line(const ipc::StatusMessage& status) {
    if (!status.routine)
        return status.sitting_for < Millis{60'000} ? tr("Routine done. Sitting time starts over.")
                                                   : tr("Routine done, too quickly to count as stretching: the sitting goes on.");
    const ipc::RoutineProgress& r = *status.routine;
    // TRANSLATORS: {0} is a routine, {1}/{2} the step and the count, {3} the step's title.
    return trf("{0}: step {1}/{2}, {3}", r.name, r.step, r.of, ipc::step_title(r));
}

std::string clock_or_unknown(const std::optional<Millis>& at) { return at ? local_clock(*at) : tr("an unknown time"); }

}  // namespace

int run_start(Context& ctx) {
    if (int rc = too_many(ctx, 1); rc != kOk) return rc;
    Json args = Json::object();
    if (!ctx.args.empty()) args["routine"] = ctx.args[0];
    return with_status(ctx, "start", args, [](const auto& s) { return trf("Started {}", step_line(s)); });
}

int run_next(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    return with_status(ctx, "next", Json::object(), step_line);
}

int run_stop(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    return with_status(ctx, "stop", Json::object(), [](const auto&) { return std::string(tr("Routine stopped.")); });
}

int run_snooze(Context& ctx) {
    Json args = Json::object();
    if (int rc = duration_args(ctx, args); rc != kOk) return rc;
    return with_status(ctx, "snooze", args, [](const auto& s) {
        return trf("Snoozed; the reminder comes back at {}.", clock_or_unknown(s.next_reminder_at));
    });
}

int run_skip(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    return with_status(ctx, "skip", Json::object(), [](const auto& s) {
        return trf("Skipped; next reminder at {}.", clock_or_unknown(s.next_reminder_at));
    });
}

int run_pause(Context& ctx) {
    Json args = Json::object();
    if (int rc = duration_args(ctx, args); rc != kOk) return rc;
    return with_status(ctx, "pause", args, [](const auto& s) {
        if (!s.paused_until) return std::string(tr("Paused until you run 'limberctl resume'."));
        return trf("Paused until {}.", local_clock(*s.paused_until));
    });
}

int run_resume(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    return with_status(ctx, "resume", Json::object(), [](const auto&) { return std::string(tr("Reminders are back on.")); });
}

int run_routines(Context& ctx) {
    if (!ctx.args.empty() && ctx.args[0] == "show") return run_routines_show(ctx);
    if (!ctx.args.empty()) return usage_error(ctx, tr("routines takes no arguments but show ID"));
    return simple(ctx, "routines", Json::object(), [](const Json& r) {
        std::string text = format_routines(r["routines"]) + format_skipped(r.value("skipped", Json::array()));
        if (!text.empty()) text.pop_back();
        return text;
    });
}

int run_reload(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    return simple(ctx, "reload", Json::object(), [](const Json& r) {
        const int routines = r.value("routines", 0);
        std::string text = trnf("Config reloaded; {} routine.", "Config reloaded; {} routines.", routines, routines) +
                           "\n" + format_skipped(r.value("skipped", Json::array()));
        text.pop_back();
        return text;
    });
}

int run_speak(Context& ctx) {
    if (ctx.args.size() != 1 || (ctx.args[0] != "on" && ctx.args[0] != "off"))
        return usage_error(ctx, tr("speak takes on or off"));
    const bool on = ctx.args[0] == "on";
    return with_status(ctx, "speak", Json{{"on", on}}, [](const auto& s) {
        return std::string(s.speak ? tr("Steps will be said aloud, from the next step on.") : tr("Steps are no longer said aloud."));
    });
}

namespace {

// What became of the history file: not written for now, or an earlier one
// moved aside as damaged (so the past is not simply gone).
std::string history_lines(const Json& doctor) {
    const Json history = doctor.value("history", Json::object());
    std::string out;
    if (history.value("writing", true) == false) {
        const Json problem = history.value("problem", Json());
        out += "history: NOT WRITTEN for now: " + (problem.is_string() ? problem.get<std::string>() : "unknown") +
               " (limberd tries again; reminders go on)\n";
    }
    for (const Json& name : history.value("moved_aside", Json::array())) {
        if (name.is_string()) out += "history: a damaged earlier history was moved aside to " + name.get<std::string>() + "\n";
    }
    return out;
}

}  // namespace

int run_doctor(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    Session s{ctx, {}};
    Json doctor;
    if (int rc = s.call("doctor", Json::object(), doctor); rc != kOk) return rc;
    // Indented: this is what people paste into bug reports.
    *ctx.out << (ctx.json ? doctor.dump(2) + "\n" : format_doctor(doctor) + history_lines(doctor));
    return kOk;
}

int run_events(Context& ctx) {
    if (int rc = too_many(ctx, 0); rc != kOk) return rc;
    Session s{ctx, {}};
    Json status;
    if (int rc = s.call("subscribe", Json::object(), status); rc != kOk) return rc;
    *ctx.out << (ctx.json ? Json{{"type", "state"}, {"status", status}}.dump() : "state: " + status.value("state", ""))
             << std::endl;
    while (auto event = s.client->next_event()) *ctx.out << (ctx.json ? event->dump() : format_event(*event)) << std::endl;
    return fail(ctx, kUnreachable, "unreachable", "the daemon closed the connection");
}

int run_status(Context& ctx) {
    bool follow = false;
    std::optional<BarFormat> format;
    for (std::size_t i = 0; i < ctx.args.size(); ++i) {
        std::string a = ctx.args[i], value;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = a.substr(eq + 1);
            a.resize(eq);
        } else if (a == "--format" && i + 1 < ctx.args.size()) {
            value = ctx.args[++i];
        }
        if (a == "--follow") {
            follow = true;
        } else if (a == "--format") {
            format = parse_bar_format(value);
            if (!format) return usage_error(ctx, trf("--format is plain, waybar or i3bar, not '{}'", value));
        } else {
            return usage_error(ctx, trf("unknown argument '{}'", ctx.args[i]));
        }
    }
    if (format && ctx.json) return usage_error(ctx, tr("--json and --format do not go together"));
    if (follow && ctx.json) return usage_error(ctx, tr("--follow prints bar lines; use --format waybar for JSON"));
    if (format == BarFormat::i3bar && !follow) return usage_error(ctx, tr("--format i3bar goes with --follow"));
    if (follow) {
        if (int rc = resolve_socket(ctx); rc != kOk) return rc;
        ctx.out->flush();
        return follow_status({ctx.socket, format.value_or(BarFormat::plain)});
    }
    return simple(ctx, "status", Json::object(), [&](const Json& result) {
        const auto status = ipc::status_from_json(result);
        const Millis now = now_wall();
        if (format) {
            std::string line = bar_line(*format, bar_view(status, now, local_utc_offset(now)), true);
            line.pop_back();
            return line;
        }
        return format_status(status.value_or(ipc::StatusMessage{}), now);
    });
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Context ctx{{}, false, {}, &out, &err, {}};
    // --json anywhere asks for JSON errors too, even about the words before it.
    ctx.json = std::find(argv.begin(), argv.end(), "--json") != argv.end();
    std::string verb;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (!verb.empty()) {
            ctx.args.push_back(a);
        } else if (a == "-h" || a == "--help") {
            out << help_text();
            return kOk;
        } else if (a == "--version") {
            out << version_line("limberctl");
            return kOk;
        } else if (a == "--json") {
        } else if (a == "--socket") {
            if (i + 1 >= argv.size()) return usage_error(ctx, tr("--socket needs a path"));
            ctx.socket = argv[++i];
        } else if (a.rfind("--socket=", 0) == 0) {
            ctx.socket = a.substr(9);
        } else if (!a.empty() && a[0] == '-') {
            return usage_error(ctx, trf("unknown option '{}'", a));
        } else {
            verb = a;
        }
    }
    // "limberctl help" and "limberctl help VERB" are --help spelled as a verb.
    if (verb == "help") {
        if (ctx.args.empty()) {
            out << help_text();
            return kOk;
        }
        verb = ctx.args[0];
        ctx.args = {"--help"};
    }
    if (verb.empty()) {
        err << help_text();
        return kUsage;
    }
    const Verb* v = find_verb(verb);
    if (!v) return usage_error(ctx, trf("unknown command '{}'", verb));
    ctx.verb = verb;
    // Options may also follow the verb: "limberctl status --json". --help
    // there is this verb's help, whatever else is on the line: it never
    // becomes a routine called "--help".
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < ctx.args.size(); ++i) {
        const std::string& a = ctx.args[i];
        if (a == "-h" || a == "--help") {
            ctx.json = false;
            out << verb_help(*v);
            return kOk;
        }
        if (a == "--json") continue;
        if (a == "--socket" && i + 1 < ctx.args.size()) ctx.socket = ctx.args[++i];
        else if (a.rfind("--socket=", 0) == 0) ctx.socket = a.substr(9);
        else rest.push_back(a);
    }
    ctx.args = rest;
    return v->run(ctx);
}

}  // namespace limber::ctl
