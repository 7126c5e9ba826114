// SPDX-License-Identifier: MIT
// `limberctl routines show`: a shipped routine, read by the real parser with
// its real figure files, written out as text and as a page. The checks are
// what a person reading it would look for: every step, its timing, the
// picture, and a routine name that cannot break the page.
#include <catch2/catch.hpp>

#include <sstream>

#include "config/config.hpp"
#include "ipc/routine_message.hpp"
#include "report/sheet.hpp"
#include "util/human.hpp"
#include "slurp.hpp"

namespace limber::report {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

const std::string kSource = LIMBER_SOURCE_DIR;

using test_support::slurp;

// A built-in routine as limberd loads it, figures found.
Routine shipped(const std::string& id) {
    const auto set = config::load_routines({kSource + "/routines"}, {});
    for (const Routine& r : set.routines)
        if (r.id == id) return r;
    FAIL("no routine " << id << " in routines/");
    return {};
}

std::vector<SheetFigure> figures_of(const Routine& r) {
    std::vector<SheetFigure> out;
    for (const Step& s : r.steps) {
        SheetFigure f{s.figure_path.empty() ? "" : slurp(s.figure_path), {}};
        if (auto m = config::mirror_figure(f.svg); s.both_sides && m) f.mirrored = *m;
        out.push_back(f);
    }
    return out;
}

// What is between the first <svg and the last </svg> of a figure file.
std::string svg_of(const std::string& file) {
    const auto start = file.find("<svg"), end = file.rfind("</svg>");
    return file.substr(start, end + 6 - start);
}

}  // namespace

TEST_CASE("routine sheet: the text has every step with its timing, and the routine's facts") {
    const Routine r = shipped("floor");
    REQUIRE(r.steps.size() >= 4);
    const std::string text = sheet_text(r);

    CHECK_THAT(text, StartsWith(r.name + " (floor)\n"));
    // The length is the one `limberctl routines` and the reminder say.
    CHECK_THAT(text, Contains("Length:  " + human_duration(r.total())));
    CHECK_THAT(text, Contains("Needs:   a mat or rug"));
    CHECK_THAT(text, Contains("Safety:  Start gently"));
    std::size_t at = 0;
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const std::string heading = "\n" + std::to_string(i + 1) + ". " + r.steps[i].name + "\n";
        const std::size_t found = text.find(heading, at);
        CHECK(found != std::string::npos);  // in order
        if (found != std::string::npos) at = found;
    }
    CHECK_THAT(text, Contains("   Hold 30 s on each leg, left first."));
    CHECK_THAT(text, Contains("   5 times, about 50 s each."));
    CHECK_THAT(text, Contains("   No timer: stay as long as it feels good, then press Next."));
    // Wrapped for a terminal: the long "how" of downward dog is on several lines.
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 78);
}

TEST_CASE("routine sheet: step timing in words") {
    Step held;
    held.hold = held.duration = std::chrono::seconds{45};
    CHECK(step_timing(held) == "Hold 45 s.");
    Step once;
    once.reps = 1;
    once.duration = std::chrono::seconds{4};
    CHECK(step_timing(once) == "1 time.");
    Step reps;
    reps.reps = 12;
    reps.duration = std::chrono::seconds{48};
    reps.both_sides = true;
    CHECK(step_timing(reps) == "12 times, about 4 s each; each leg, left first.");
    Step open;
    open.until_next = true;
    CHECK_THAT(step_timing(open), StartsWith("No timer"));
}

TEST_CASE("routine sheet: the page inlines every step's figure, the other side mirrored") {
    const Routine r = shipped("floor");
    const std::string page = sheet_html(r, figures_of(r));

    CHECK_THAT(page, StartsWith("<!DOCTYPE html>"));
    CHECK_THAT(page, Contains("<h1>Floor hamstring session</h1>"));
    CHECK_THAT(page, Contains("a mat or rug"));
    CHECK_THAT(page, Contains("Start gently and stop if anything hurts"));
    for (const Step& s : r.steps) {
        INFO(s.name);
        // "Child's pose": the page writes the apostrophe as an entity.
        std::string name = s.name;
        for (std::size_t q; (q = name.find('\'')) != std::string::npos;) name.replace(q, 1, "&#39;");
        CHECK_THAT(page, Contains("</span>" + name + "</h2>"));
        REQUIRE_FALSE(s.figure_path.empty());
        CHECK_THAT(page, Contains(svg_of(slurp(s.figure_path))));
    }
    // The two-sided steps show the drawing flipped, and say what it is.
    const Step& thigh = r.steps[0];
    REQUIRE(thigh.both_sides);
    CHECK_THAT(page, Contains(svg_of(*config::mirror_figure(slurp(thigh.figure_path)))));
    CHECK_THAT(page, Contains("then the other side"));
    // Printable on A4 and self-contained: nothing to fetch, nothing to run.
    CHECK_THAT(page, Contains("@page { size:A4"));
    CHECK_THAT(page, Contains("@media print"));
    for (const char* outside : {"src=", "href=", "url(", "<link", "<script", "@import"}) {
        INFO(outside);
        CHECK(page.find(outside) == std::string::npos);
    }
}

TEST_CASE("routine sheet: a hostile routine cannot break out of the page") {
    Routine r;
    r.id = "mine";
    r.name = "<script>alert(\"x\")</script> & <b>co</b>";
    r.summary = "</p><img src=x onerror=alert(1)>";
    r.place = "desk";
    r.needs = {"a <strap>"};
    r.safety = "Stop & rest";
    Step s;
    s.name = "Reach </h2><i>";
    s.how = "Hold \"it\" & 'breathe'";
    s.hold = s.duration = std::chrono::seconds{20};
    r.steps.push_back(s);
    const std::string page = sheet_html(r, {});

    CHECK_THAT(page, Contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;</h1>"));
    CHECK_THAT(page, Contains("<title>Limber · &lt;script&gt;"));
    CHECK_THAT(page, Contains("&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;"));
    CHECK_THAT(page, Contains("a &lt;strap&gt;"));
    CHECK_THAT(page, Contains("Reach &lt;/h2&gt;&lt;i&gt;"));
    CHECK_THAT(page, Contains("Stop &amp; rest"));
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<b>co") == std::string::npos);
}

TEST_CASE("routine sheet: a figure file's prolog stays out of the page, a file with no drawing shows none") {
    Routine r;
    r.id = r.name = "x";
    Step s;
    s.name = "one";
    s.hold = s.duration = std::chrono::seconds{5};
    r.steps = {s, s};
    const std::string page =
        sheet_html(r, {{"<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg viewBox=\"0 0 10 10\"><circle r=\"3\"/></svg>\n", {}},
                       {"not a drawing", {}}});
    CHECK_THAT(page, Contains("<figure><svg viewBox=\"0 0 10 10\"><circle r=\"3\"/></svg></figure>"));
    CHECK(page.find("<?xml") == std::string::npos);
    CHECK(page.find("<!DOCTYPE svg") == std::string::npos);
    CHECK(page.find("not a drawing") == std::string::npos);
    CHECK_THAT(page, Contains("<div class=\"nofig\">"));
}

TEST_CASE("routine message: a routine survives the trip through the daemon's JSON") {
    const Routine r = shipped("floor");
    const auto back = ipc::routine_from_json(nlohmann::json::parse(ipc::routine_to_json(r).dump()));
    REQUIRE(back);
    // Every field on the wire comes back: written again, it is the same JSON.
    CHECK(ipc::routine_to_json(*back) == ipc::routine_to_json(r));
    CHECK(back->safety == r.safety);
    CHECK(back->steps.front().figure_path == r.steps.front().figure_path);
    CHECK(back->steps.back().until_next);
    // The same sheet either way, so limberctl says the same with limberd up or down.
    CHECK(sheet_text(*back) == sheet_text(r));
    CHECK_FALSE(ipc::routine_from_json(nlohmann::json{{"id", 3}, {"steps", nlohmann::json::array()}}));
    CHECK_FALSE(ipc::routine_from_json(nlohmann::json::array()));
}

}  // namespace limber::report
