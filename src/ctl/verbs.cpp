// SPDX-License-Identifier: MIT
#include "ctl/verbs.hpp"

#include <cctype>

namespace limber::ctl {
namespace {

constexpr std::string_view kExitStatus =
    "Exit status: 0 ok, 1 the daemon refused, 2 bad usage, 3 daemon not reachable.";

// The options every verb takes.
const std::vector<HelpRow>& global_options() {
    static const std::vector<HelpRow> rows{
        {"--socket PATH", "the daemon's socket (default $XDG_RUNTIME_DIR/limber/limber.sock)"},
        {"--json", "print the answer as JSON, errors too"},
        {"-h, --help", "show this help"},
    };
    return rows;
}

}  // namespace

const std::vector<Verb>& verbs() {
    static const std::vector<Verb> table{
        {"status", "[--follow] [--format FORMAT]", "state, sitting time, next reminder",
         "With --follow, prints one line each time what it shows changes, for a\n"
         "status bar (waybar, i3bar, polybar): from the daemon's event stream, never\n"
         "by polling. While limberd is not running it says so and waits for it.\n"
         "It exits quietly when the bar closes the pipe.",
         {{"--follow", "keep printing a line per change"},
          {"--format FORMAT", "plain (one line for people), waybar (JSON: text, tooltip,\n"
                              "class, percentage) or i3bar (the i3bar protocol, with --follow)"}},
         run_status},
        {"start", "[ROUTINE]", "start a stretching routine (default: the suggested one)",
         "ROUTINE is an id from limberctl routines.", {}, run_start},
        {"next", "", "go to the next step of the running routine", "", {}, run_next},
        {"stop", "", "stop the running routine", "", {}, run_stop},
        {"snooze", "[DURATION]", "remind me again later (default: the configured snooze)",
         "After max_snoozes in a row the reminder turns critical.", {}, run_snooze},
        {"skip", "", "dismiss the current reminder", "The next one comes a whole sit_limit later.", {}, run_skip},
        {"pause", "[DURATION]", "no reminders for a while, or until resume",
         "Sitting is still tracked; a pause outlasts a restart of limberd.", {}, run_pause},
        {"resume", "", "reminders again", "", {}, run_resume},
        {"routines", "[show ID [--format FORMAT] [-o FILE]]", "the routines that can be started, or one step by step",
         "show ID writes one routine out to learn it or print it: its place, what it\n"
         "needs, its length and safety line, then every step with how long and on\n"
         "which sides; as html, one page with every step's figure. The routines are\n"
         "those limberd runs; while it is not running, the same routine files are\n"
         "read here.",
         {{"--format FORMAT", "with show: text, html or json (--json is --format json); default:\n"
                              "from -o FILE's extension (.txt, .html, .json), else text"},
          {"-o, --output FILE", "with show: write there instead of to standard output"}},
         run_routines,
         "Exit status: 0 ok, 1 no routine of that id or the file cannot be written, 2 bad usage,\n"
         "3 (without show) daemon not reachable."},
        {"report", "[RANGE] [--format FORMAT] [-o FILE]", "sitting time, breaks and stretching per day",
         "Read straight from the history file (the daemon need not run). Default:\n"
         "this week, as a table. DATE is YYYY-MM-DD, \"today\" or \"yesterday\"; days\n"
         "are local days.",
         {{"--day [DATE]", "one day (default today)"},
          {"--week [DATE]", "the Monday-to-Sunday week holding DATE (default this week)"},
          {"--month [YYYY-MM]", "a calendar month (default this month)"},
          {"--from DATE --to DATE", "any range of days, both included"},
          {"--format FORMAT", "table, json, csv or html (--json is --format json); default:\n"
                              "from -o FILE's extension (.txt, .json, .csv, .html), else table"},
          {"-o, --output FILE", "write there instead of to standard output"},
          {"--db PATH", "the history (default $XDG_DATA_HOME/limber/limber.db)"},
          {"--config FILE", "for sit_limit and the stretch goal (default the user's)"}},
         run_report, "Exit status: 0 ok, 1 no history or it cannot be read or written, 2 bad usage."},
        {"events", "", "follow the daemon's events until interrupted", "", {}, run_events},
        {"doctor", "", "every activity, lock and sleep source and the notifier: used or not, and why",
         "Paste it into bug reports.", {}, run_doctor},
        {"reload", "", "re-read the config and routines (kept if invalid)",
         "An invalid config is refused and the old one stays in use; a bad routine\n"
         "file is skipped and named.",
         {}, run_reload},
        {"speak", "on|off", "say each routine step aloud, or stop",
         "Writes routine.speak into your config file (made from the documented\n"
         "default when there is none; the rest of the file is kept as it is), and\n"
         "the daemon applies it from the next step. The tray's \"Speak the steps\"\n"
         "does the same. Speech goes through speech-dispatcher.",
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
    HelpSection commands{"Commands", {}};
    for (std::size_t i = 0; i < verbs().size(); ++i) commands.rows.push_back({terms[i], verbs()[i].summary});
    HelpSection options{"Options", global_options()};
    options.rows.insert(options.rows.end() - 1, {"--version", "print the version and exit"});
    return render_help({"limberctl [OPTIONS] COMMAND [ARGS]",
                        "Talks to limberd, Limber's daemon.",
                        {commands, options},
                        "Durations are written like 90s, 10m or 1h30m. limberctl COMMAND --help\n"
                        "shows a command's own options.\n\n" +
                            std::string(kExitStatus)});
}

std::string verb_help(const Verb& v) {
    std::string about(v.summary);
    about[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(about[0])));
    about += ".";
    if (!v.details.empty()) about += "\n" + std::string(v.details);
    std::vector<HelpRow> options = v.options;
    options.insert(options.end(), global_options().begin(), global_options().end());
    return render_help({"limberctl [OPTIONS] " + std::string(v.name) + (v.args.empty() ? "" : " ") + std::string(v.args),
                        about,
                        {{"Options", options}},
                        std::string(v.exit_status.empty() ? kExitStatus : v.exit_status)});
}

}  // namespace limber::ctl
