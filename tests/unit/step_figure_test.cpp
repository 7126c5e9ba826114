// SPDX-License-Identifier: MIT
// The picture on a step's notification, with real files: the figure itself,
// and on the second side its mirror, written once into a private directory.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/step_figure.hpp"
#include "temp_dir.hpp"

using namespace limber;
using limber::daemon::StepFigures;
using limber::daemon::mirrored_file_name;
using limber::daemon::shows_mirrored;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

const std::string kFigure = std::string(LIMBER_SOURCE_DIR) + "/figures/quarter-dog.svg";

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

core::ShowStep stage(const std::string& figure, bool both_sides, const std::string& side) {
    core::ShowStep s;
    s.step.name = "Quarter dog";
    s.step.figure = "quarter-dog";
    s.step.figure_path = figure;
    s.step.both_sides = both_sides;
    s.side = side;
    return s;
}

class Figures : public test_support::TempDir {
protected:
    std::string mirrors() const { return dir_ + "/run/limber/figures"; }
};

}  // namespace

TEST_CASE("step figure: only the second side of a two-sided step is mirrored", "[daemon][figures]") {
    CHECK_FALSE(shows_mirrored(stage(kFigure, false, "")));
    CHECK_FALSE(shows_mirrored(stage(kFigure, true, "left")));
    CHECK(shows_mirrored(stage(kFigure, true, "right")));
}

TEST_CASE("step figure: a mirrored file is named by its figure and its text", "[daemon][figures]") {
    const std::string a = mirrored_file_name("/x/quarter-dog.svg", "<svg a/>");
    CHECK_THAT(a, Catch::Matchers::StartsWith("quarter-dog-mirrored-"));
    CHECK_THAT(a, Catch::Matchers::EndsWith(".svg"));
    CHECK(a == mirrored_file_name("/y/quarter-dog.svg", "<svg a/>"));
    CHECK(a != mirrored_file_name("/x/quarter-dog.svg", "<svg b/>"));  // an edited figure: a new file
}

TEST_CASE_METHOD(Figures, "step figure: the first side shows the figure, the second its mirror, written once",
                 "[daemon][figures]") {
    StepFigures figures(mirrors());
    CHECK(figures.for_stage(stage(kFigure, false, "")) == kFigure);
    CHECK(figures.for_stage(stage(kFigure, true, "left")) == kFigure);
    CHECK_FALSE(fs::exists(mirrors()));  // nothing written until a second side is shown

    const std::string mirrored = figures.for_stage(stage(kFigure, true, "right"));
    REQUIRE_FALSE(mirrored.empty());
    CHECK(fs::path(mirrored).parent_path() == mirrors());
    const std::string text = slurp(mirrored);
    CHECK(text != slurp(kFigure));
    CHECK_THAT(text, Contains("<g id=\"figure\" transform=\"matrix(-1 0 0 1 128 0)\""));
    CHECK((fs::status(mirrors()).permissions() & fs::perms::all) == fs::perms::owner_all);

    const auto written = fs::last_write_time(mirrored);
    fs::last_write_time(mirrored, written - std::chrono::hours(1));
    CHECK(figures.for_stage(stage(kFigure, true, "right")) == mirrored);
    CHECK(fs::last_write_time(mirrored) == written - std::chrono::hours(1));  // not written again
}

TEST_CASE_METHOD(Figures, "step figure: a figure that cannot be shown leaves the step without a picture",
                 "[daemon][figures]") {
    StepFigures figures(mirrors());
    SECTION("the file is gone") {
        CHECK(figures.for_stage(stage(dir_ + "/gone.svg", false, "")).empty());
        CHECK(figures.for_stage(stage(dir_ + "/gone.svg", true, "right")).empty());
    }
    SECTION("the file has nothing to mirror") {
        const std::string flat = dir_ + "/flat.svg";
        std::ofstream(flat) << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>";
        CHECK(figures.for_stage(stage(flat, true, "left")) == flat);  // the first side needs no mirror
        CHECK(figures.for_stage(stage(flat, true, "right")).empty());
    }
    SECTION("there is nowhere to write the mirror") {
        StepFigures nowhere("");
        CHECK(nowhere.for_stage(stage(kFigure, true, "right")).empty());
        CHECK(nowhere.for_stage(stage(kFigure, false, "")) == kFigure);
    }
    SECTION("no figure at all") { CHECK(figures.for_stage(stage("", true, "right")).empty()); }
}
