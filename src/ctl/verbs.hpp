// SPDX-License-Identifier: MIT
// limberctl's verbs in one table: what runs them and every word of their
// help. `limberctl --help` lists them from here, `limberctl VERB --help`
// shows one, so no help text is written twice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctl/ctl.hpp"
#include "util/help.hpp"

namespace limber::ctl {

struct Verb {
    std::string_view name;
    std::string_view args;     // "[ROUTINE]"; "" for none
    std::string_view summary;  // one line, for the list of commands
    std::string_view details;  // more, for the verb's own help; may be ""
    std::vector<HelpRow> options;  // the verb's own, before the global ones
    int (*run)(Context&);
    std::string_view exit_status = {};  // "" for limberctl's usual one
};

const std::vector<Verb>& verbs();
const Verb* find_verb(std::string_view name);
std::string help_text();                  // limberctl --help
std::string verb_help(const Verb& verb);  // limberctl VERB --help

// One per verb, in ctl.cpp, report_cmd.cpp, routines_cmd.cpp and follow.cpp.
int run_status(Context& ctx);
int run_start(Context& ctx);
int run_next(Context& ctx);
int run_stop(Context& ctx);
int run_snooze(Context& ctx);
int run_skip(Context& ctx);
int run_pause(Context& ctx);
int run_resume(Context& ctx);
int run_routines(Context& ctx);
int run_routines_show(Context& ctx);  // routines show ID, in routines_cmd.cpp
int run_report(Context& ctx);
int run_events(Context& ctx);
int run_doctor(Context& ctx);
int run_reload(Context& ctx);
int run_speak(Context& ctx);

}  // namespace limber::ctl
