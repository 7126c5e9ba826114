// Where a step's figure file is. A name ("quarter-dog") is looked for as
// quarter-dog.svg beside the routine file, then in a figures/ directory
// beside the routine directory (share/limber/figures next to
// share/limber/routines, or figures/ next to routines/ in the source tree),
// then in the data directories. A path is taken relative to the routine file.
#include <filesystem>

#include "config/config.hpp"
#include "config/paths.hpp"

namespace limber::config {

bool figure_is_path(const std::string& figure) {
    return figure.find('/') != std::string::npos || figure.ends_with(".svg");
}

std::vector<std::string> figure_candidates(const std::string& routine_dir, const std::string& figure,
                                           const std::vector<std::string>& data_dirs) {
    namespace fs = std::filesystem;
    if (figure.empty()) return {};
    fs::path dir = fs::path(routine_dir).lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();  // "routines/" names the same place as "routines"
    if (figure_is_path(figure)) return {(dir / figure).lexically_normal().string()};
    const std::string file = figure + ".svg";
    std::vector<std::string> out{(dir / file).string(), (dir.parent_path() / "figures" / file).lexically_normal().string()};
    for (const std::string& data : data_dirs) out.push_back((fs::path(data) / file).string());
    return out;
}

std::string find_figure(const std::string& routine_dir, const std::string& figure,
                        const std::vector<std::string>& data_dirs) {
    for (const std::string& candidate : figure_candidates(routine_dir, figure, data_dirs)) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return {};
}

}  // namespace limber::config
