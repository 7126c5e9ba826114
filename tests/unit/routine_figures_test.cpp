// SPDX-License-Identifier: MIT
// Pictures of the routine steps: where a figure is found, that every
// built-in step has one that renders, and how the other side is mirrored.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/config.hpp"
#include "temp_dir.hpp"
#include "slurp.hpp"

namespace limber::config {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

const std::string kSource = LIMBER_SOURCE_DIR;

using test_support::slurp;

// Runs a command and returns its exit status; stdout goes to `out`.
int run(const std::string& command, std::string& out) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return -1;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    return ::pclose(pipe);
}

class FigureDirs : public test_support::TempDir {
protected:
    // Makes `rel` (and its directories) under the temp dir; returns its path.
    std::string touch(const std::string& rel) {
        const fs::path p = fs::path(dir_) / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p) << "<svg/>";
        return p.string();
    }
    std::string at(const std::string& rel) const { return (fs::path(dir_) / rel).string(); }
};

TEST_CASE_METHOD(FigureDirs, "routine figures: a name is found beside the routine, then in figures, then in data dirs",
                 "[config][figures]") {
    const std::string routines = at("share/limber/routines");
    const std::vector<std::string> data = {at("home/limber/figures"), at("usr/limber/figures")};
    CHECK(find_figure(routines, "dog", data).empty());
    const std::string in_usr = touch("usr/limber/figures/dog.svg");
    CHECK(find_figure(routines, "dog", data) == in_usr);
    const std::string in_home = touch("home/limber/figures/dog.svg");
    CHECK(find_figure(routines, "dog", data) == in_home);
    const std::string beside_dir = touch("share/limber/figures/dog.svg");
    CHECK(find_figure(routines, "dog", data) == beside_dir);
    CHECK(find_figure(routines + "/", "dog", data) == beside_dir);
    const std::string beside_file = touch("share/limber/routines/dog.svg");
    CHECK(find_figure(routines, "dog", data) == beside_file);
}

TEST_CASE_METHOD(FigureDirs, "routine figures: a path is taken relative to the routine file only", "[config][figures]") {
    const std::string routines = at("mine");
    touch("data/pics/dog.svg");
    CHECK(figure_is_path("pics/dog.svg"));
    CHECK(figure_is_path("dog.svg"));
    CHECK_FALSE(figure_is_path("dog"));
    CHECK(find_figure(routines, "pics/dog.svg", {at("data")}).empty());
    const std::string mine = touch("mine/pics/dog.svg");
    CHECK(find_figure(routines, "pics/dog.svg", {at("data")}) == mine);
    CHECK(find_figure(routines, "../mine/pics/dog.svg", {}) == mine);
}

TEST_CASE_METHOD(FigureDirs, "routine figures: a figure that is nowhere is reported and the routine still loads",
                 "[config][figures]") {
    touch("routines/here.svg");
    std::ofstream(at("routines/mine.toml")) << "name = \"Mine\"\n"
                                               "[[step]]\nname = \"a\"\nhow = \"Do a.\"\nhold = \"30s\"\nfigure = \"here\"\n"
                                               "[[step]]\nname = \"b\"\nhow = \"Do b.\"\nhold = \"30s\"\nfigure = \"gone\"\n";
    const RoutineSet set = load_routines({at("routines")}, {at("data")});
    REQUIRE(set.routines.size() == 1u);
    CHECK(set.routines[0].dir == at("routines"));
    CHECK(set.routines[0].steps[0].figure_path == at("routines/here.svg"));
    CHECK(set.routines[0].steps[1].figure_path.empty());
    REQUIRE(set.missing_figures.size() == 1u);
    CHECK_THAT(set.missing_figures[0], Contains(at("routines/mine.toml") + ": step[2].figure: no file for \"gone\""));
    CHECK_THAT(set.missing_figures[0], Contains(at("data") + "/gone.svg"));
}

TEST_CASE("routine figures: every built-in step has a figure that renders as SVG", "[config][figures]") {
    const RoutineSet set = load_routines({kSource + "/routines"});
    CHECK(set.missing_figures.empty());
    for (const auto& missing : set.missing_figures) FAIL_CHECK(missing);
    std::set<std::string> used;
    for (const Routine& r : set.routines) {
        for (const Step& s : r.steps) {
            INFO(r.id << ": " << s.name);
            CHECK_FALSE(s.figure.empty());
            CHECK(fs::path(s.figure_path).parent_path() == fs::path(kSource) / "figures");
            used.insert(s.figure_path);
        }
    }
    REQUIRE_FALSE(used.empty());
    for (const std::string& file : used) {
        INFO(file);
        const std::string svg = slurp(file);
        CHECK_THAT(svg, Contains("viewBox=\"0 0 128 128\""));
        CHECK_THAT(svg, Contains("<title>"));
        CHECK(mirror_figure(svg).ok());
        // librsvg is what gdk-pixbuf, and so the notification server, draws
        // SVGs with: if it cannot render the file, nobody sees the picture.
        std::string png;
        CHECK(run("rsvg-convert -w 64 -h 64 '" + file + "'", png) == 0);
        CHECK(png.rfind("\x89PNG", 0) == 0);
    }
    for (const auto& entry : fs::directory_iterator(kSource + "/figures")) {
        INFO("a figure no routine uses: " << entry.path());
        CHECK(used.count(entry.path().string()) == 1u);
    }
}

TEST_CASE("routine figures: the other side is the same drawing mirrored", "[config][figures]") {
    const std::string svg = R"(<svg viewBox="0 0 128 128"><g id="figure" fill="none"><line x1="0"/></g></svg>)";
    const Result<std::string> m = mirror_figure(svg);
    REQUIRE(m.ok());
    CHECK(*m == R"svg(<svg viewBox="0 0 128 128"><g id="figure" transform="matrix(-1 0 0 1 128 0)" fill="none"><line x1="0"/></g></svg>)svg");
    CHECK_THAT(mirror_figure("<svg viewBox=\"0 0 64 64\"><g></g></svg>").error().message, Contains("<g id=\"figure\">"));
    CHECK_THAT(mirror_figure("<svg><g id=\"figure\"></g></svg>").error().message, Contains("viewBox"));
    CHECK_THAT(mirror_figure("<svg viewBox=\"0 0 9 9\"><g id=\"figure\" transform=\"scale(2)\"></g></svg>").error().message,
               Contains("no transform"));
}

}  // namespace
}  // namespace limber::config
