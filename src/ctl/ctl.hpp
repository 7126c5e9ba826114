// limberctl: one run_<verb> per subcommand; main only parses and dispatches.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace limber::ctl {

enum Exit { kOk = 0, kDaemonError = 1, kUsage = 2, kUnreachable = 3 };

struct Context {
    std::string socket;             // empty: the default path
    bool json = false;
    std::vector<std::string> args;  // after the verb
    std::ostream* out;
    std::ostream* err;
};

// Parses global options and the verb, then runs it.
int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace limber::ctl
