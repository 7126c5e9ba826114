// SPDX-License-Identifier: MIT
// Where Limber's files live, following the XDG base directory spec.
#pragma once

#include <string>
#include <vector>

#include "util/result.hpp"

namespace limber::paths {

std::string config_file();          // $XDG_CONFIG_HOME/limber/config.toml
std::string user_routines_dir();    // $XDG_CONFIG_HOME/limber/routines
std::string database();             // $XDG_DATA_HOME/limber/limber.db
// The directories routines are read from, a later one's routine replacing
// an earlier one's of the same id: `builtin` (limberd --routines-dir) or else
// the installed routines (the source tree's when run from a build tree),
// then user_routines_dir(). limberd and limberctl both ask here.
std::vector<std::string> routine_dirs(const std::string& builtin = {});
// $XDG_DATA_HOME/limber/figures, then limber/figures in each $XDG_DATA_DIRS.
std::vector<std::string> figure_dirs();
// $XDG_RUNTIME_DIR/limber/limber.sock; an error when XDG_RUNTIME_DIR is unset.
Result<std::string> socket();
// $XDG_RUNTIME_DIR/limber/figures: figures limberd draws for a step's
// notification (the other side, mirrored); an error when XDG_RUNTIME_DIR is unset.
Result<std::string> runtime_figures();

}  // namespace limber::paths
