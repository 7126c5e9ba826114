#include "ctl/ctl.hpp"

#include <functional>
#include <map>
#include <ostream>

#include "config/paths.hpp"
#include "ctl/format.hpp"
#include "ctl/report_cmd.hpp"
#include "ipc/client.hpp"
#include "util/duration.hpp"

namespace limber::ctl {
namespace {

using ipc::Json;

std::string usage_text() {
    return R"(Usage: limberctl [--socket PATH] [--json] COMMAND [ARGS]

Talks to limberd, Limber's daemon.

Commands:
  status                 state, sitting time, next reminder
  start [ROUTINE]        start a stretching routine (default: the suggested one)
  next                   go to the next step of the running routine
  stop                   stop the running routine
  snooze [DURATION]      remind me again later (default: the configured snooze)
  skip                   dismiss the current reminder
  pause [DURATION]       no reminders for a while, or until resume
  resume                 reminders again
  routines               the routines that can be started
  report [RANGE]         sitting time per day, from the history (see report --help)
  events                 follow the daemon's events until interrupted
  doctor                 every activity, lock and sleep source and the notifier: used or not, and why
  reload                 re-read the config and routines (kept if invalid)

Durations are written like 90s, 10m or 1h30m.

Options:
  --socket PATH   the daemon's socket (default $XDG_RUNTIME_DIR/limber/limber.sock)
  --json          print the daemon's answer as JSON
  -h, --help      show this help

Exit status: 0 ok, 1 the daemon refused, 2 bad usage, 3 daemon not reachable.
)";
}

// A connected call: prints the error and returns its exit status on failure.
struct Session {
    Context& ctx;
    std::optional<ipc::Client> client;

    int connect() {
        std::string path = ctx.socket;
        if (path.empty()) {
            auto p = paths::socket();
            if (!p) {
                *ctx.err << "limberctl: " << p.error().message << '\n';
                return kUnreachable;
            }
            path = *p;
            ctx.socket = path;
        }
        auto c = ipc::Client::connect(path);
        if (!c) {
            *ctx.err << "limberctl: " << c.error().message << '\n';
            return kUnreachable;
        }
        client.emplace(std::move(*c));
        return kOk;
    }

    // Sends cmd; on success stores the result in `result`.
    int call(const std::string& cmd, const Json& args, Json& result) {
        if (int rc = connect(); rc != kOk) return rc;
        auto reply = client->call(cmd, args);
        if (!reply) {
            *ctx.err << "limberctl: " << reply.error().message << '\n';
            return kUnreachable;
        }
        if (!reply->ok) {
            *ctx.err << "limberctl: " << reply->error.message << '\n';
            return kDaemonError;
        }
        result = reply->result;
        return kOk;
    }
};

int too_many(Context& ctx, const std::string& verb, std::size_t allowed) {
    if (ctx.args.size() <= allowed) return kOk;
    *ctx.err << "limberctl: " << verb << " takes " << (allowed ? "at most one argument" : "no arguments")
             << " (see limberctl --help)\n";
    return kUsage;
}

// An optional DURATION argument, checked here so a typo never reaches the daemon.
int duration_args(Context& ctx, const std::string& verb, Json& args) {
    if (int rc = too_many(ctx, verb, 1); rc != kOk) return rc;
    if (ctx.args.empty()) return kOk;
    auto d = parse_duration(ctx.args[0]);
    if (!d) {
        *ctx.err << "limberctl: " << verb << ": " << d.error().message << '\n';
        return kUsage;
    }
    args["for"] = ctx.args[0];
    return kOk;
}

// Runs a command whose answer is the new status, and prints `say(status)`.
int simple(Context& ctx, const std::string& cmd, const Json& args,
           const std::function<std::string(const Json&)>& say) {
    Session s{ctx, {}};
    Json result;
    if (int rc = s.call(cmd, args, result); rc != kOk) return rc;
    *ctx.out << (ctx.json ? result.dump() : say(result)) << '\n';
    return kOk;
}

std::string step_line(const Json& status) {
    if (!status.contains("routine") || !status["routine"].is_object()) return "Routine done. Sitting time starts over.";
    const Json& r = status["routine"];
    return r.value("name", "") + ": step " + std::to_string(r.value("step", 0)) + "/" +
           std::to_string(r.value("of", 0)) + ", " + step_title(r);
}

int run_status(Context& ctx) {
    if (int rc = too_many(ctx, "status", 0); rc != kOk) return rc;
    return simple(ctx, "status", Json::object(), [](const Json& s) {
        // Reminders go on without a history file; the user must still see it.
        const Json problem = s.value("history_error", Json());
        return format_status(s) + (problem.is_string() ? "History:        NOT WRITTEN: " + problem.get<std::string>() +
                                                             " (see limberctl doctor)\n"
                                                       : "");
    });
}

int run_start(Context& ctx) {
    if (int rc = too_many(ctx, "start", 1); rc != kOk) return rc;
    Json args = Json::object();
    if (!ctx.args.empty()) args["routine"] = ctx.args[0];
    return simple(ctx, "start", args, [](const Json& s) { return "Started " + step_line(s); });
}

int run_next(Context& ctx) {
    if (int rc = too_many(ctx, "next", 0); rc != kOk) return rc;
    return simple(ctx, "next", Json::object(), step_line);
}

int run_stop(Context& ctx) {
    if (int rc = too_many(ctx, "stop", 0); rc != kOk) return rc;
    return simple(ctx, "stop", Json::object(), [](const Json&) { return std::string("Routine stopped."); });
}

int run_snooze(Context& ctx) {
    Json args = Json::object();
    if (int rc = duration_args(ctx, "snooze", args); rc != kOk) return rc;
    return simple(ctx, "snooze", args, [](const Json& s) {
        return "Snoozed; the reminder comes back at " + local_clock(s.value("next_reminder_at", "")) + ".";
    });
}

int run_skip(Context& ctx) {
    if (int rc = too_many(ctx, "skip", 0); rc != kOk) return rc;
    return simple(ctx, "skip", Json::object(), [](const Json& s) {
        return "Skipped; next reminder at " + local_clock(s.value("next_reminder_at", "")) + ".";
    });
}

int run_pause(Context& ctx) {
    Json args = Json::object();
    if (int rc = duration_args(ctx, "pause", args); rc != kOk) return rc;
    return simple(ctx, "pause", args, [](const Json& s) {
        if (!s.contains("paused_until") || s["paused_until"].is_null())
            return std::string("Paused until you run 'limberctl resume'.");
        return "Paused until " + local_clock(s["paused_until"].get<std::string>()) + ".";
    });
}

int run_resume(Context& ctx) {
    if (int rc = too_many(ctx, "resume", 0); rc != kOk) return rc;
    return simple(ctx, "resume", Json::object(), [](const Json&) { return std::string("Reminders are back on."); });
}

int run_routines(Context& ctx) {
    if (int rc = too_many(ctx, "routines", 0); rc != kOk) return rc;
    return simple(ctx, "routines", Json::object(), [](const Json& r) {
        std::string text = format_routines(r["routines"]) + format_skipped(r.value("skipped", Json::array()));
        if (!text.empty()) text.pop_back();
        return text;
    });
}

int run_reload(Context& ctx) {
    if (int rc = too_many(ctx, "reload", 0); rc != kOk) return rc;
    return simple(ctx, "reload", Json::object(), [](const Json& r) {
        std::string text = "Config reloaded; " + std::to_string(r.value("routines", 0)) + " routines.\n" +
                           format_skipped(r.value("skipped", Json::array()));
        text.pop_back();
        return text;
    });
}

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

int run_doctor(Context& ctx) {
    if (int rc = too_many(ctx, "doctor", 0); rc != kOk) return rc;
    Session s{ctx, {}};
    Json doctor;
    if (int rc = s.call("doctor", Json::object(), doctor); rc != kOk) return rc;
    // Indented: this is what people paste into bug reports.
    *ctx.out << (ctx.json ? doctor.dump(2) + "\n" : format_doctor(doctor) + history_lines(doctor));
    return kOk;
}

int run_events(Context& ctx) {
    if (int rc = too_many(ctx, "events", 0); rc != kOk) return rc;
    Session s{ctx, {}};
    Json status;
    if (int rc = s.call("subscribe", Json::object(), status); rc != kOk) return rc;
    *ctx.out << (ctx.json ? Json{{"type", "state"}, {"status", status}}.dump() : "state: " + status.value("state", ""))
             << std::endl;
    while (auto event = s.client->next_event()) *ctx.out << (ctx.json ? event->dump() : format_event(*event)) << std::endl;
    *ctx.err << "limberctl: the daemon closed the connection\n";
    return kUnreachable;
}

}  // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Context ctx{{}, false, {}, &out, &err};
    std::string verb;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (!verb.empty()) {
            ctx.args.push_back(a);
        } else if (a == "-h" || a == "--help" || a == "help") {
            out << usage_text();
            return kOk;
        } else if (a == "--json") {
            ctx.json = true;
        } else if (a == "--socket") {
            if (i + 1 >= argv.size()) {
                err << "limberctl: --socket needs a path\n";
                return kUsage;
            }
            ctx.socket = argv[++i];
        } else if (a.rfind("--socket=", 0) == 0) {
            ctx.socket = a.substr(9);
        } else if (!a.empty() && a[0] == '-') {
            err << "limberctl: unknown option '" << a << "' (see limberctl --help)\n";
            return kUsage;
        } else {
            verb = a;
        }
    }
    // Options may also follow the verb: "limberctl status --json".
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < ctx.args.size(); ++i) {
        if (ctx.args[i] == "--json") ctx.json = true;
        else if (ctx.args[i] == "--socket" && i + 1 < ctx.args.size()) ctx.socket = ctx.args[++i];
        else rest.push_back(ctx.args[i]);
    }
    ctx.args = rest;

    static const std::map<std::string, int (*)(Context&)> verbs{
        {"status", run_status}, {"start", run_start},   {"next", run_next},         {"stop", run_stop},
        {"snooze", run_snooze}, {"skip", run_skip},     {"pause", run_pause},       {"resume", run_resume},
        {"routines", run_routines}, {"events", run_events}, {"doctor", run_doctor}, {"reload", run_reload},
        {"report", run_report},
    };
    if (verb.empty()) {
        err << usage_text();
        return kUsage;
    }
    const auto it = verbs.find(verb);
    if (it == verbs.end()) {
        err << "limberctl: unknown command '" << verb << "' (see limberctl --help)\n";
        return kUsage;
    }
    return it->second(ctx);
}

}  // namespace limber::ctl
