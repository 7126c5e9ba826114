// SPDX-License-Identifier: MIT
// limberctl: one run_<verb> per subcommand; main only parses and dispatches.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/protocol.hpp"
#include "util/result.hpp"

namespace limber::ctl {

enum Exit { kOk = 0, kDaemonError = 1, kUsage = 2, kUnreachable = 3 };

struct Context {
    std::string socket;             // empty: the default path
    bool json = false;
    std::vector<std::string> args;  // after the verb
    std::ostream* out;
    std::ostream* err;
    std::string verb;               // for messages: "limberctl report: ..."
};

// Says why a command failed and returns `exit`: a line on stderr, or with
// --json {"ok": false, "error": {"code": ..., "message": ...}} on stdout, so
// a script reading JSON gets JSON either way. `code` is the daemon's error
// code, or "usage", "unreachable", "failed" for limberctl's own.
int fail(Context& ctx, int exit, std::string_view code, const std::string& message);
// A usage error, pointing at the verb's --help.
int usage_error(Context& ctx, const std::string& message);

// One request to the daemon at ctx.socket (or the default one). Error: it
// is not reachable, and why; the caller decides what to say. A refusal is a
// Reply with ok false.
Result<ipc::Reply> ask_daemon(Context& ctx, const std::string& cmd, const ipc::Json& args);

// Writes a verb's document to `path` whole (through a temporary file, so a
// reader never sees half of it); on failure says why and returns 1.
int write_file(Context& ctx, const std::string& path, const std::string& body);

// Parses global options and the verb, then runs it.
int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace limber::ctl
