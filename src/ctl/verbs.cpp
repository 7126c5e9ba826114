// SPDX-License-Identifier: MIT
#include "ctl/verbs.hpp"

#include <cctype>

#include "util/i18n.hpp"

namespace limber::ctl {
namespace {

constexpr std::string_view kExitStatus =
    tr_noop("Exit status: 0 ok, 1 the daemon refused, 2 bad usage, 3 daemon not reachable.");

// The options every verb takes.
const std::vector<HelpRow>& global_options() {
    static const std::vector<HelpRow> rows{
        {"--socket PATH", tr_noop("the daemon's socket (default $XDG_RUNTIME_DIR/limber/limber.sock)")},
        {"--json", tr_noop("print the answer as JSON, errors too")},
        {"-h, --help", tr_noop("show this help")},
    };
    return rows;
}

}  // namespace

const std::vector<Verb>& verbs() {
    static const std::vector<Verb> table{
        {"status", "[--follow] [--format FORMAT]", tr_noop("state, sitting time, next reminder"),
         tr_noop("With --follow, prints one line each time what it shows changes, for a\n"
                 "status bar (waybar, i3bar, polybar): from the daemon's event stream, never\n"
                 "by polling. While limberd is not running it says so and waits for it.\n"
                 "It exits quietly when the bar closes the pipe."),
         {{"--follow", tr_noop("keep printing a line per change")},
          {"--format FORMAT", tr_noop("plain (one line for people), waybar (JSON: text, tooltip,\n"
                                      "class, percentage) or i3bar (the i3bar protocol, with --follow)")}},
         run_status},
        {"start", "[ROUTINE]", tr_noop("start a stretching routine (default: the suggested one)"),
         tr_noop("ROUTINE is an id from limberctl routines."), {}, run_start},
        {"next", "", tr_noop("go to the next step of the running routine"), "", {}, run_next},
        {"stop", "", tr_noop("stop the running routine"), "", {}, run_stop},
        {"snooze", "[DURATION]", tr_noop("remind me again later (default: the configured snooze)"),
         tr_noop("After max_snoozes in a row the reminder turns critical."), {}, run_snooze},
        {"skip", "", tr_noop("dismiss the current reminder"), tr_noop("The next one comes a whole sit_limit later."), {}, run_skip},
        {"pause", "[DURATION]", tr_noop("no reminders for a while, or until resume"),
         tr_noop("Sitting is still tracked; a pause outlasts a restart of limberd."), {}, run_pause},
        {"resume", "", tr_noop("reminders again"), "", {}, run_resume},
        {"routines", "[show ID [--format FORMAT] [-o FILE]]", tr_noop("the routines that can be started, or one step by step"),
         tr_noop("show ID writes one routine out to learn it or print it: its place, what it\n"
                 "needs, its length and safety line, then every step with how long and on\n"
                 "which sides; as html, one page with every step's figure. The routines are\n"
                 "those limberd runs; while it is not running, the same routine files are\n"
                 "read here."),
         {{"--format FORMAT", tr_noop("with show: text, html or json (--json is --format json); default:\n"
                                      "from -o FILE's extension (.txt, .html, .json), else text")},
          {"-o, --output FILE", tr_noop("with show: write there instead of to standard output")}},
         run_routines,
         tr_noop("Exit status: 0 ok, 1 no routine of that id or the file cannot be written, 2 bad usage,\n"
                 "3 (without show) daemon not reachable.")},
        {"report", "[RANGE] [--format FORMAT] [-o FILE]", tr_noop("sitting time, breaks and stretching per day"),
         tr_noop("Read straight from the history file (the daemon need not run). Default:\n"
                 "this week, as a table. DATE is YYYY-MM-DD, \"today\" or \"yesterday\"; days\n"
                 "are local days."),
         {{"--day [DATE]", tr_noop("one day (default today)")},
          {"--week [DATE]", tr_noop("the Monday-to-Sunday week holding DATE (default this week)")},
          {"--month [YYYY-MM]", tr_noop("a calendar month (default this month)")},
          {"--from DATE --to DATE", tr_noop("any range of days, both included")},
          {"--format FORMAT", tr_noop("table, json, csv or html (--json is --format json); default:\n"
                                      "from -o FILE's extension (.txt, .json, .csv, .html), else table")},
          {"-o, --output FILE", tr_noop("write there instead of to standard output")},
          {"--db PATH", tr_noop("the history (default $XDG_DATA_HOME/limber/limber.db)")},
          {"--config FILE", tr_noop("for sit_limit and the stretch goal (default the user's)")}},
         run_report, tr_noop("Exit status: 0 ok, 1 no history or it cannot be read or written, 2 bad usage.")},
        {"events", "", tr_noop("follow the daemon's events until interrupted"), "", {}, run_events},
        {"doctor", "", tr_noop("every activity, lock and sleep source and the notifier: used or not, and why"),
         tr_noop("Paste it into bug reports."), {}, run_doctor},
        {"reload", "", tr_noop("re-read the config and routines (kept if invalid)"),
         tr_noop("An invalid config is refused and the old one stays in use; a bad routine\n"
                 "file is skipped and named."),
         {}, run_reload},
        {"speak", "on|off", tr_noop("say each routine step aloud, or stop"),
         tr_noop("Writes routine.speak into your config file (made from the documented\n"
                 "default when there is none; the rest of the file is kept as it is), and\n"
                 "the daemon applies it from the next step. The tray's \"Speak the steps\"\n"
                 "does the same. Speech goes through speech-dispatcher."),
         {}, run_speak},
    };
    return table;
}

const Verb* find_verb(std::string_view name) {
    for (const Verb& v : verbs())
        if (v.name == name) return &v;
    return nullptr;
}

std::string help_text() {
    // The terms are built here and must outlive the page.
    std::vector<std::string> terms;
    for (const Verb& v : verbs()) terms.push_back(std::string(v.name) + (v.args.empty() ? "" : " ") + std::string(v.args));
    HelpSection commands{tr_noop("Commands"), {}};
    for (std::size_t i = 0; i < verbs().size(); ++i) commands.rows.push_back({terms[i], verbs()[i].summary});
    HelpSection options{tr_noop("Options"), global_options()};
    options.rows.insert(options.rows.end() - 1, {"--version", tr_noop("print the version and exit")});
    return render_help({"limberctl [OPTIONS] COMMAND [ARGS]",
                        tr("Talks to limberd, Limber's daemon."),
                        {commands, options},
                        std::string(tr("Durations are written like 90s, 10m or 1h30m. limberctl COMMAND --help\n"
                                       "shows a command's own options.")) +
                            "\n\n" + tr(kExitStatus.data())});
}

std::string verb_help(const Verb& v) {
    std::string about(tr(v.summary.data()));
    about[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(about[0])));
    about += ".";
    if (!v.details.empty()) about += "\n" + std::string(tr(v.details.data()));
    std::vector<HelpRow> options = v.options;
    options.insert(options.end(), global_options().begin(), global_options().end());
    return render_help({"limberctl [OPTIONS] " + std::string(v.name) + (v.args.empty() ? "" : " ") + std::string(v.args),
                        about,
                        {{tr_noop("Options"), options}},
                        tr((v.exit_status.empty() ? kExitStatus : v.exit_status).data())});
}

}  // namespace limber::ctl
