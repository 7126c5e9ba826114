// SPDX-License-Identifier: MIT
// Where a step's figure file is. A name ("quarter-dog") is looked for as
// quarter-dog.svg beside the routine file, then in a figures/ directory
// beside the routine directory (share/limber/figures next to
// share/limber/routines, or figures/ next to routines/ in the source tree),
// then in the data directories. A path is taken relative to the routine file.
#include <cstdio>
#include <filesystem>
#include <sstream>

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

Result<std::string> mirror_figure(std::string_view svg) {
    constexpr std::string_view kGroup = "<g id=\"figure\"";
    const std::size_t group = svg.find(kGroup);
    if (group == std::string_view::npos) return fail("no <g id=\"figure\"> group to mirror");
    const std::size_t group_end = svg.find('>', group);
    if (group_end == std::string_view::npos || svg.substr(group, group_end - group).find("transform") != std::string_view::npos)
        return fail("the <g id=\"figure\"> group must have no transform of its own");
    double x = 0, y = 0, width = 0, height = 0;
    const std::size_t box = svg.find("viewBox=\"");
    if (box == std::string_view::npos ||
        std::sscanf(std::string(svg.substr(box + 9, 64)).c_str(), "%lf %lf %lf %lf", &x, &y, &width, &height) != 4 ||
        width <= 0)
        return fail("no viewBox=\"0 0 WIDTH HEIGHT\" to mirror across");
    // x' = (2x + width) - x: the box maps onto itself, flipped.
    std::ostringstream flip;
    flip << " transform=\"matrix(-1 0 0 1 " << 2 * x + width << " 0)\"";
    std::string out(svg);
    out.insert(group + kGroup.size(), flip.str());
    return out;
}

}  // namespace limber::config
