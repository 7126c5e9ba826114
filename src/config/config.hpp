// SPDX-License-Identifier: MIT
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
// `languages` (i18n::languages(), most wanted first): the first one the
// file has a [translation.LANG] for replaces the words it translates; with
// none, the routine reads as written.
Result<Routine> parse_routine(std::string_view toml_text, const std::string& file, const std::string& id,
                              const std::vector<std::string>& languages = {});

// A routine file (or directory) that could not be read or parsed.
struct SkippedFile {
    std::string file;
    std::string error;  // "FILE:LINE:COL: key: what is wrong" where the parser knows
    bool operator==(const SkippedFile&) const = default;
};

struct RoutineSet {
    std::vector<Routine> routines;     // sorted by id
    std::vector<SkippedFile> skipped;  // files that did not parse; the rest still load
    std::vector<std::string> missing_figures;  // "FILE: step N: no figure NAME (looked in ...)"
    std::vector<std::string> read;     // the files that did, in the order read
};
// Later directories override earlier ones by id. Missing directories are
// skipped. Each step's figure is looked up (find_figure) with figure_dirs.
RoutineSet load_routines(const std::vector<std::string>& dirs, const std::vector<std::string>& figure_dirs = {},
                         const std::vector<std::string>& languages = {});

// A step's `figure` is a name ("quarter-dog") or a path (has a '/' or ends
// in .svg). A path is relative to the routine's directory; a name is looked
// for as NAME.svg in the routine's directory, then in figures/ beside it,
// then in each of `data_dirs` (paths::figure_dirs()).
bool figure_is_path(const std::string& figure);
std::vector<std::string> figure_candidates(const std::string& routine_dir, const std::string& figure,
                                           const std::vector<std::string>& data_dirs);
// The first candidate that is a file; empty when there is none.
std::string find_figure(const std::string& routine_dir, const std::string& figure,
                        const std::vector<std::string>& data_dirs);
// The other side of a two-sided step is the same drawing flipped left to
// right: a figure draws inside <g id="figure"> on a viewBox from 0, and this
// puts a mirroring transform on that group. An error names what is missing.
Result<std::string> mirror_figure(std::string_view svg);

}  // namespace limber::config
