// TOML to typed settings and routines. Parsing is a pure function of the
// text; every error names file:line:col and the key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/routine.hpp"
#include "core/settings.hpp"
#include "util/result.hpp"

namespace limber::config {

// Error messages look like "FILE:LINE:COL: reminder.sit_limit: bad duration ...".
Result<Settings> parse_settings(std::string_view toml_text, const std::string& file);
// A missing file is not an error: the defaults apply.
Result<Settings> load_settings(const std::string& path);

// id: from the file name ("desk" for desk.toml).
Result<Routine> parse_routine(std::string_view toml_text, const std::string& file, const std::string& id);

// A routine file (or directory) that could not be read or parsed.
struct SkippedFile {
    std::string file;
    std::string error;  // "FILE:LINE:COL: key: what is wrong" where the parser knows
    bool operator==(const SkippedFile&) const = default;
};

struct RoutineSet {
    std::vector<Routine> routines;     // sorted by id
    std::vector<SkippedFile> skipped;  // files that did not parse; the rest still load
    std::vector<std::string> read;     // the files that did, in the order read
};
// Later directories override earlier ones by id. Missing directories are skipped.
RoutineSet load_routines(const std::vector<std::string>& dirs);

}  // namespace limber::config
