// SPDX-License-Identifier: MIT
#include "config/config.hpp"
#include "config/paths.hpp"
#include "slurp.hpp"

// So that a failed comparison shows "2700000 ms", not "{?}".
#define CATCH_CONFIG_ENABLE_CHRONO_STRINGMAKER
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace limber::config {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Catch::Generators::as;
using Catch::Generators::table;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::VectorContains;

template <class T>
std::string error_of(const Result<T>& r) {
    return r.ok() ? "" : r.error().message;
}

Settings settings_ok(std::string_view text) {
    Result<Settings> r = parse_settings(text, "cfg.toml");
    INFO(error_of(r));
    CHECK(r.ok());
    return r.ok() ? *r : Settings{};
}

std::string settings_error(std::string_view text) {
    Result<Settings> r = parse_settings(text, "cfg.toml");
    INFO("accepted:\n" << text);
    CHECK_FALSE(r.ok());
    return error_of(r);
}

void check_defaults(const Settings& s) {
    const Settings d;
    CHECK(s.sit_limit == d.sit_limit);
    CHECK(s.snooze == d.snooze);
    CHECK(s.max_snoozes == d.max_snoozes);
    CHECK(s.repeat == d.repeat);
    CHECK(s.natural_break == d.natural_break);
    CHECK(s.sounds == d.sounds);
    CHECK(s.rep_ticks == d.rep_ticks);
    CHECK(s.speak == d.speak);
    CHECK(s.default_routine == d.default_routine);
    CHECK(s.places == d.places);
    CHECK(s.stretch_days_per_week == d.stretch_days_per_week);
    CHECK(s.quiet.empty());
    CHECK(s.hold_sources == d.hold_sources);
    CHECK(s.hold_grace == d.hold_grace);
    CHECK(s.hold_ceiling == d.hold_ceiling);
    CHECK(s.hold_ignore.empty());
}

using test_support::slurp;

TEST_CASE("config: settings from empty text are the defaults", "[config]") {
    SECTION("no text at all") {
        check_defaults(settings_ok(""));
    }
    SECTION("a comment and an empty table") {
        check_defaults(settings_ok("# only a comment\n\n[reminder]\n"));
    }
}

TEST_CASE("config: every settings key is parsed", "[config]") {
    const Settings s = settings_ok(R"(
[reminder]
sit_limit = "50m"
snooze = "15m"
max_snoozes = 2
repeat = "1m30s"
[activity]
natural_break = "3m"
[routine]
default = "desk"
places = ["floor", "desk"]
[goals]
stretch_days_per_week = 7
[quiet]
hours = ["22:00-07:00", "7:30-08:00"]
)");
    CHECK(s.sit_limit == 50min);
    CHECK(s.snooze == 15min);
    CHECK(s.max_snoozes == 2);
    CHECK(s.repeat == 90s);
    CHECK(s.natural_break == 3min);
    CHECK(s.default_routine == "desk");
    CHECK(s.places == std::vector<std::string>{"floor", "desk"});
    CHECK(s.stretch_days_per_week == 7);
    REQUIRE(s.quiet.size() == 2u);
    CHECK(s.quiet[0].start_min == 22 * 60);
    CHECK(s.quiet[0].end_min == 7 * 60);
    CHECK(s.quiet[1].start_min == 7 * 60 + 30);
    CHECK(s.quiet[1].end_min == 8 * 60);
}

TEST_CASE("config: routine places are checked one by one", "[config]") {
    CHECK(Settings{}.places == std::vector<std::string>{"desk", "seated"});
    CHECK(settings_error("[routine]\nplaces = [\"desk\", \"bed\"]\n") ==
          "cfg.toml:2:19: routine.places[2]: must be one of \"desk\", \"seated\", \"floor\"");
    CHECK_THAT(settings_error("[routine]\nplaces = []\n"),
               Contains("cfg.toml:2:10: routine.places: name at least one of"));
    CHECK_THAT(settings_error("[routine]\nplaces = \"desk\"\n"), Contains("cfg.toml:2:10: routine.places:"));
}

TEST_CASE("config: limits a few seconds long are allowed", "[config]") {
    const Settings s = settings_ok("[reminder]\nsit_limit = \"2s\"\n[activity]\nnatural_break = \"1s\"\n");
    CHECK(s.sit_limit == 2s);
    CHECK(s.natural_break == 1s);
}

TEST_CASE("config: a settings error names file line column and key", "[config]") {
    CHECK(settings_error("# limits\n[reminder]\nsit_limit = \"4q\"\n") ==
          "cfg.toml:3:13: reminder.sit_limit: bad duration \"4q\": unknown unit 'q' "
          "(write it like 90s, 10m or 1h30m)");
}

TEST_CASE("config: a duration without a unit shows the right form", "[config]") {
    CHECK(settings_error("[reminder]\nsit_limit = 45\n") ==
          "cfg.toml:2:13: reminder.sit_limit: a duration is written as a string like \"45m\", not 45");
    CHECK_THAT(settings_error("[activity]\nnatural_break = 2.5\n"), Contains("like \"5m\", not 2.5"));
    CHECK_THAT(settings_error("[reminder]\nsnooze = \"10\"\n"), Contains("write it like 90s, 10m or 1h30m"));
}

TEST_CASE("config: durations must be positive", "[config]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"[reminder]\nsnooze = \"0s\"\n", "reminder.snooze: must be more than zero"},
        {"[reminder]\nrepeat = \"0m\"\n", "reminder.repeat: must be more than zero"},
        {"[reminder]\nsit_limit = \"500ms\"\n", "sit_limit: must be at least 1s"},
        {"[activity]\nnatural_break = \"0s\"\n", "must be at least 1s"},
    }));
    CAPTURE(text);
    CHECK_THAT(settings_error(text), Contains(message));
}

TEST_CASE("config: unknown tables and keys are named", "[config]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"[reminder]\nsit_limt = \"45m\"\n",
         "cfg.toml:2:1: reminder.sit_limt: unknown key (known here: sit_limit, snooze"},
        {"[remnder]\nsit_limit = \"45m\"\n", "cfg.toml:1:2: remnder: unknown table"},
        {"sit_limit = \"45m\"\n", "cfg.toml:1:1: sit_limit: unknown key"},
    }));
    CAPTURE(text);
    CHECK_THAT(settings_error(text), Contains(message));
}

TEST_CASE("config: settings of the wrong type are errors", "[config]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"[reminder]\nmax_snoozes = \"3\"\n", "cfg.toml:2:15: reminder.max_snoozes: expected an integer, got a string"},
        {"reminder = 5\n", "cfg.toml:1:12: reminder: expected a table"},
        {"[routine]\ndefault = 5\n", "routine.default: expected a string, got an integer"},
        {"[routine]\ndefault = \"\"\n", "routine.default: must not be empty"},
        {"[reminder]\nsnooze = true\n", "expected a duration string like \"10m\", got a boolean"},
    }));
    CAPTURE(text);
    CHECK_THAT(settings_error(text), Contains(message));
}

TEST_CASE("config: integer settings have ranges", "[config]") {
    CHECK_THAT(settings_error("[reminder]\nmax_snoozes = 0\n"), Contains("must be between 1 and 1000, not 0"));
    CHECK_THAT(settings_error("[goals]\nstretch_days_per_week = 8\n"),
               Contains("goals.stretch_days_per_week: must be between 1 and 7, not 8"));
    CHECK(settings_ok("[goals]\nstretch_days_per_week = 1\n").stretch_days_per_week == 1);
}

TEST_CASE("config: quiet hours", "[config]") {
    SECTION("a range holds its start and not its end and may wrap past midnight") {
        const Settings s = settings_ok("[quiet]\nhours = [\"22:00-07:00\", \"12:30-13:15\"]\n");
        REQUIRE(s.quiet.size() == 2u);
        const QuietRange night = s.quiet[0];
        CHECK(night.contains(23 * 60));
        CHECK(night.contains(0));
        CHECK(night.contains(6 * 60 + 59));
        CHECK_FALSE(night.contains(7 * 60));
        CHECK_FALSE(night.contains(12 * 60));
        CHECK(s.quiet[1].contains(13 * 60));
        CHECK_FALSE(s.quiet[1].contains(13 * 60 + 15));
    }
    SECTION("a bad range is named") {
        const auto [text, message] = GENERATE(table<std::string, std::string>({
            {"[quiet]\nhours = [\"09:00-10:00\", \"22:00-22:00\"]\n",
             "cfg.toml:2:25: quiet.hours[2]: range \"22:00-22:00\" starts where it ends"},
            {"[quiet]\nhours = [\"24:00-07:00\"]\n", "quiet.hours[1]: bad range"},
            {"[quiet]\nhours = [\"22:00\"]\n", "bad range"},
            {"[quiet]\nhours = [\"22:0-07:00\"]\n", "bad range"},
            {"[quiet]\nhours = [\"22:00-07:00 \"]\n", "bad range"},
            {"[quiet]\nhours = \"22:00-07:00\"\n", "quiet.hours: expected an array"},
            {"[quiet]\nhours = [2200]\n", "quiet.hours[1]: expected a string"},
        }));
        CAPTURE(text);
        CHECK_THAT(settings_error(text), Contains(message));
    }
}

// Found by fuzz/ (corpus/settings/regression-newline-in-error): a value or a
// quoted key with a control character in it broke the error into two lines.
TEST_CASE("config: settings errors stay on one line", "[config]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"[quiet]\nhours = [\"22:00\\n-07:00\"]\n", "cfg.toml:2:10: quiet.hours[1]: bad range \"22:00\\n-07:00\""},
        {"[reminder]\n\"sit\\tlimit\\u0007\" = \"45m\"\n", "reminder.sit\\tlimit\\x07: unknown key"},
        {"[reminder]\nsnooze = \"1\\u001bm\"\n", "bad duration \"1\\x1bm\""},
    }));
    CAPTURE(text);
    CHECK_THAT(settings_error(text), Contains(message));
}

TEST_CASE("config: TOML syntax errors carry their position", "[config]") {
    CHECK_THAT(settings_error("[reminder]\nsit_limit = = \"45m\"\n"), StartsWith("cfg.toml:2:13: "));
    CHECK_THAT(settings_error("[reminder]\nsnooze = \"1m\"\nsnooze = \"2m\"\n"), StartsWith("cfg.toml:3:"));
}

TEST_CASE("config: a missing settings file gives the defaults", "[config]") {
    Result<Settings> r = load_settings("/nonexistent/limber/config.toml");
    {
        INFO(error_of(r));
        REQUIRE(r.ok());
    }
    check_defaults(*r);
    CHECK_FALSE(load_settings(fs::temp_directory_path().string()).ok());  // a directory is not a file
}

TEST_CASE("config: the shipped config gives the defaults", "[config]") {
    const fs::path path = fs::path(LIMBER_SOURCE_DIR) / "config" / "limber.toml";
    Result<Settings> r = load_settings(path.string());
    {
        INFO(error_of(r));
        REQUIRE(r.ok());
    }
    check_defaults(*r);

    // Uncommenting every documented key must still give the defaults, so
    // the documentation cannot drift from the code.
    const std::string text = slurp(path);
    const std::string live = std::regex_replace(text, std::regex("^#([a-z_]+ = )", std::regex::multiline), "$1");
    CHECK(std::count(text.begin(), text.end(), '#') - std::count(live.begin(), live.end(), '#') == 16);
    Result<Settings> uncommented = parse_settings(live, path.string());
    INFO(error_of(uncommented));
    REQUIRE(uncommented.ok());
    check_defaults(*uncommented);
}

TEST_CASE("config: [hold] names its sources, lengths and applications to ignore", "[config]") {
    const Settings s = settings_ok("[hold]\nsources = [\"fullscreen\", \"dnd\"]\ngrace = \"30s\"\n"
                                   "ceiling = \"2h\"\nignore = [\"nerd-dictation\"]\n");
    CHECK(s.hold_sources == core::BusySet{core::BusyKind::fullscreen, core::BusyKind::dnd});
    CHECK(s.hold_grace == 30s);
    CHECK(s.hold_ceiling == 2h);
    CHECK(s.hold_ignore == std::vector<std::string>{"nerd-dictation"});
    CHECK(settings_ok("[hold]\nsources = []\n").hold_sources.empty());
    CHECK_THAT(settings_error("[hold]\nsources = [\"speaker\"]\n"),
               Contains("cfg.toml:2:12: hold.sources[1]: must be one of"));
}

// ---- routines ------------------------------------------------------------

constexpr std::string_view kStep = "[[step]]\nname = \"Reach\"\nhow = \"Reach.\"\n";

Routine routine_ok(std::string_view text, const std::string& id = "r") {
    Result<Routine> r = parse_routine(text, "r.toml", id);
    INFO(error_of(r));
    CHECK(r.ok());
    return r.ok() ? *r : Routine{};
}

std::string routine_error(std::string_view text, const std::string& id = "r") {
    Result<Routine> r = parse_routine(text, "r.toml", id);
    INFO("accepted:\n" << text);
    CHECK_FALSE(r.ok());
    return error_of(r);
}

TEST_CASE("config: a routine's steps are parsed with their defaults", "[config]") {
    const Routine r = routine_ok(R"(name = "Test"
summary = "s"
place = "desk"
[[step]]
name = "Hold"
how = "Hold it."
hold = "30s"
sides = "both"
[[step]]
name = "Count"
how = "Count them."
reps = 15
[[step]]
name = "Slow count"
how = "Slowly."
reps = 10
rep_time = "5s"
)", "test");
    CHECK(r.id == "test");
    CHECK(r.name == "Test");
    CHECK(r.place == "desk");
    CHECK_THAT(r.safety, Contains("hurts"));
    REQUIRE(r.steps.size() == 3u);
    CHECK(r.steps[0].hold == 30s);
    CHECK(r.steps[0].duration == 30s);
    CHECK(r.steps[0].both_sides);
    CHECK(r.steps[1].reps == 15);
    CHECK(r.steps[1].hold == 0s);
    CHECK(r.steps[1].duration == 60s);  // 15 reps at the default 4s
    CHECK_FALSE(r.steps[1].both_sides);
    CHECK(r.steps[2].duration == 50s);
    CHECK(r.total() == 30s * 2 + 60s + 50s);
    CHECK(routine_ok(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\n").place == "anywhere");
}

TEST_CASE("config: a routine names its place, what it needs, figures and untimed steps", "[config]") {
    const Routine r = routine_ok(R"(name = "Test"
place = "seated"
needs = ["a chair without wheels", "a towel"]
[[step]]
name = "Reach"
how = "Reach."
hold = "30s"
figure = "seated-reach"
[[step]]
name = "Rest"
how = "Rest as long as it feels good."
until = "next"
figure = "pics/rest.svg"
)");
    CHECK(r.place == "seated");
    CHECK(r.needs == std::vector<std::string>{"a chair without wheels", "a towel"});
    REQUIRE(r.steps.size() == 2u);
    CHECK(r.steps[0].figure == "seated-reach");
    CHECK_FALSE(r.steps[0].untimed());
    CHECK(r.steps[1].figure == "pics/rest.svg");
    CHECK(r.steps[1].untimed());
    CHECK(r.steps[1].duration == 0s);
    INFO("an untimed step adds nothing to the least time the routine takes");
    CHECK(r.total() == 30s);
}

TEST_CASE("config: figure place needs and until errors name position and key", "[config]") {
    const std::string head = "name = \"n\"\n" + std::string(kStep);
    CHECK(routine_error(head + "hold = \"1m\"\nfigure = \"Quarter Dog\"\n") ==
          "r.toml:6:10: step[1].figure: must be a figure name like \"quarter-dog\" (a-z, 0-9, -) or a path to an .svg file");
    CHECK_THAT(routine_error(head + "hold = \"1m\"\nfigure = \"dog.png\"\n"), Contains("r.toml:6:10: step[1].figure:"));
    CHECK_THAT(routine_error(head + "hold = \"1m\"\nfigure = 3\n"), Contains("r.toml:6:10: step[1].figure:"));
    CHECK_THAT(routine_error("name = \"n\"\nplace = \"standing\"\n"),
               Contains("r.toml:2:9: place: must be one of \"desk\", \"seated\", \"floor\", \"anywhere\""));
    CHECK_THAT(routine_error("name = \"n\"\nneeds = \"a strap\"\n"), Contains("r.toml:2:9: needs:"));
    CHECK(routine_error("name = \"n\"\nneeds = [\"a mat\", \"\"]\n") ==
          "r.toml:2:19: needs[2]: must be 1 to 40 characters long");
    CHECK_THAT(routine_error("name = \"n\"\nneeds = [\"a mat\", 2]\n"), Contains("r.toml:2:19: needs[2]:"));
    CHECK(routine_error(head + "hold = \"1m\"\nuntil = \"next\"\n") ==
          "r.toml:6:9: step[1].until: a step waits for next or has hold, not both");
    CHECK_THAT(routine_error(head + "reps = 3\nuntil = \"next\"\n"), Contains("step[1].until: a step waits for next or has reps"));
    CHECK(routine_error(head + "until = \"done\"\n") == "r.toml:5:9: step[1].until: must be one of \"next\"");
    CHECK_THAT(routine_error(head), Contains("needs hold = \"30s\", reps = 15 or until = \"next\""));
}

TEST_CASE("config: a routine error names position and key", "[config]") {
    const std::string head = "name = \"n\"\n" + std::string(kStep);
    CHECK(routine_error(std::string(kStep) + "hold = \"1m\"\n") ==
          "r.toml:1:1: name: missing (every routine needs a name)");
    CHECK_THAT(routine_error("name = \"n\"\n"), Contains("r.toml:1:1: step: no steps"));
    CHECK_THAT(routine_error("name = \"n\"\nstep = []\n"), Contains("step: no steps"));
    CHECK_THAT(routine_error("name = \"n\"\n[step]\nname = \"a\"\n"),
               Contains("step: expected steps written as [[step]]"));
    CHECK(routine_error(head + "hold = \"1m\"\nreps = 5\n") ==
          "r.toml:6:8: step[1].reps: a step has hold or reps, not both");
    CHECK(routine_error(head) == "r.toml:2:1: step[1]: needs hold = \"30s\", reps = 15 or until = \"next\" (exactly one)");
    CHECK_THAT(routine_error(head + "hold = \"1m\"\nsides = \"left\"\n"),
               Contains("r.toml:6:9: step[1].sides: must be one of \"both\", \"none\""));
    CHECK_THAT(routine_error(head + "hold = \"1m\"\nholdd = 3\n"), Contains("r.toml:6:1: step[1].holdd: unknown key"));
    CHECK_THAT(routine_error(std::string("nam = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\n"),
               Contains("r.toml:1:1: nam: unknown key"));
    CHECK_THAT(routine_error(head + "hold = 30\n"),
               Contains("r.toml:5:8: step[1].hold: a duration is written as a string like \"30s\", not 30"));
    CHECK_THAT(routine_error(head + "hold = \"1m\"\nrep_time = \"2s\"\n"),
               Contains("step[1].rep_time: only goes with reps"));
    CHECK_THAT(routine_error("name = \"n\"\n[[step]]\nname = \"a\"\nreps = 3\n"),
               Contains("r.toml:2:1: step[1].how: missing"));
    CHECK_THAT(routine_error("name = \"n\"\nplace = \"bed\"\n"), Contains("r.toml:2:9: place: must be one of"));
    CHECK_THAT(routine_error("name = \"n\"\n[[step]\n"), Contains("r.toml:2:"));
    CHECK_THAT(routine_error(head + "hold = \"1m\"\n", "rotate"), Contains("\"rotate\" is reserved"));
}

TEST_CASE("config: the shipped routines load cleanly", "[config]") {
    const RoutineSet set = load_routines({std::string(LIMBER_SOURCE_DIR) + "/routines"});
    for (const auto& skipped : set.skipped) FAIL_CHECK(skipped.error);
    std::vector<std::string> ids;
    for (const Routine& r : set.routines) {
        INFO(r.id);
        ids.push_back(r.id);
        CHECK_FALSE(r.summary.empty());
        CHECK_THAT(r.safety, Contains("hurts"));
        CHECK_THAT(r.safety, Contains("gently"));
        CHECK_THAT(r.safety, Contains("gets worse"));
        CHECK(r.place != "anywhere");
        for (const Step& s : r.steps) {
            INFO(s.name);
            CHECK(s.how.size() > 20u);
            INFO("a step that says to stay as long as it feels good must not end on a timer");
            CHECK(s.untimed() == (s.how.find("as long as") != std::string::npos));
            INFO("nobody with a sore back should hang with a rounded back");
            CHECK(s.how.find("loosely") == std::string::npos);
        }
    }
    for (const char* id : {"desk", "seated", "floor", "gentle", "strap"}) CHECK_THAT(ids, VectorContains(std::string(id)));
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    for (const Routine& r : set.routines) {
        INFO(r.id);
        if (r.id == "desk") {
            CHECK(r.place == "desk");
            CHECK(r.total() >= 2min);
            CHECK(r.total() <= 4min);
        }
        if (r.id == "seated") {
            CHECK(r.place == "seated");
            for (const Step& s : r.steps) CHECK_THAT(s.how, !Contains("stand") && !Contains("Stand") && !Contains("Lie") && !Contains("hands and knees"));
        }
        if (r.id == "floor") {
            CHECK(r.total() >= 5min);
            CHECK(r.total() <= 7min);
        }
        if (r.place == "floor") CHECK_THAT(r.needs, VectorContains(std::string("a mat or rug")));
    }
}

// A fresh directory tree per test, with a built-in and a user routine folder.
class RoutineDirs {
public:
    RoutineDirs() {
        std::string pattern = (fs::temp_directory_path() / "limber-config-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        root_ = pattern;
        fs::create_directories(root_ / "builtin");
        fs::create_directories(root_ / "user");
    }
    ~RoutineDirs() { fs::remove_all(root_); }
    RoutineDirs(const RoutineDirs&) = delete;
    RoutineDirs& operator=(const RoutineDirs&) = delete;

protected:
    void write(const std::string& rel, std::string_view text) { std::ofstream(root_ / rel) << text; }
    std::string dir(const char* name) const { return (root_ / name).string(); }
    static std::string routine(const char* name) {
        return "name = \"" + std::string(name) + "\"\n" + std::string(kStep) + "hold = \"30s\"\n";
    }
    fs::path root_;
};

TEST_CASE_METHOD(RoutineDirs, "config: a later routine directory overrides by id", "[config]") {
    write("builtin/desk.toml", routine("Built-in desk"));
    write("builtin/floor.toml", routine("Built-in floor"));
    write("user/desk.toml", routine("My desk"));
    write("user/mine.toml", routine("Mine"));
    write("user/notes.txt", "not a routine");
    const RoutineSet set = load_routines({dir("builtin"), dir("missing"), dir("user")});
    CHECK(set.skipped.empty());
    REQUIRE(set.routines.size() == 3u);
    CHECK(set.routines[0].id == "desk");
    CHECK(set.routines[0].name == "My desk");
    CHECK(set.routines[1].id == "floor");
    CHECK(set.routines[2].id == "mine");
}

TEST_CASE_METHOD(RoutineDirs, "config: a broken routine file is reported and the rest load", "[config]") {
    write("builtin/desk.toml", routine("Built-in desk"));
    write("builtin/floor.toml", routine("Floor"));
    write("user/desk.toml", "name = \"Broken\"\n[[step]]\nname = \"x\"\n");
    write("user/bad.toml", "name = = 1\n");
    const RoutineSet set = load_routines({dir("builtin"), dir("user")});
    REQUIRE(set.skipped.size() == 2u);
    CHECK(set.skipped[0].file == dir("user") + "/bad.toml");
    CHECK_THAT(set.skipped[0].error, Contains(dir("user") + "/bad.toml:1:"));
    CHECK(set.skipped[1].file == dir("user") + "/desk.toml");
    CHECK_THAT(set.skipped[1].error, Contains(dir("user") + "/desk.toml:2:1: step[1]"));
    REQUIRE(set.routines.size() == 2u);
    CHECK(set.routines[0].name == "Built-in desk");  // a broken override keeps the original
    CHECK(set.routines[1].name == "Floor");
}

// ---- paths ---------------------------------------------------------------

class Env {
public:
    Env(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~Env() { old_.empty() ? unsetenv(name_) : setenv(name_, old_.c_str(), 1); }
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;

private:
    const char* name_;
    std::string old_;
};

TEST_CASE("config: paths follow XDG", "[config]") {
    Env home("HOME", "/home/u");
    SECTION("unset or empty XDG variables fall back to HOME") {
        Env config("XDG_CONFIG_HOME", nullptr), data("XDG_DATA_HOME", "");
        CHECK(paths::config_file() == "/home/u/.config/limber/config.toml");
        CHECK(paths::user_routines_dir() == "/home/u/.config/limber/routines");
        CHECK(paths::database() == "/home/u/.local/share/limber/limber.db");
    }
    SECTION("set XDG variables win") {
        Env config("XDG_CONFIG_HOME", "/cfg"), data("XDG_DATA_HOME", "/data");
        CHECK(paths::config_file() == "/cfg/limber/config.toml");
        CHECK(paths::database() == "/data/limber/limber.db");
    }
}

TEST_CASE("config: the socket path needs the runtime directory", "[config]") {
    SECTION("set") {
        Env runtime("XDG_RUNTIME_DIR", "/run/user/1000");
        Result<std::string> s = paths::socket();
        REQUIRE(s.ok());
        CHECK(*s == "/run/user/1000/limber/limber.sock");
    }
    SECTION("unset or empty") {
        const char* value = GENERATE(as<const char*>{}, nullptr, "");
        CAPTURE(value);
        Env runtime("XDG_RUNTIME_DIR", value);
        Result<std::string> s = paths::socket();
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message == "XDG_RUNTIME_DIR is not set; pass --socket PATH");
    }
}

TEST_CASE("config: routine sounds are on unless turned off", "[config]") {
    CHECK(settings_ok("").sounds);
    CHECK_FALSE(settings_ok("[routine]\nsounds = false\n").sounds);
    CHECK_THAT(settings_error("[routine]\nsounds = \"no\"\n"),
               Contains("cfg.toml:2:10: routine.sounds: expected true or false, got a string"));
}

}  // namespace
}  // namespace limber::config

// ---- routine translations ------------------------------------------------

namespace limber::config {
namespace {

constexpr std::string_view kTranslated = R"(name = "Desk reset"
summary = "Beside your desk."
needs = ["a chair"]
[translation.de]
name = "Schreibtisch-Pause"
needs = ["einen Stuhl"]
[translation.fr]
name = "Pause au bureau"
summary = "À côté du bureau."
[[step]]
name = "Hinge"
how = "Push your hips back."
hold = "30s"
[step.translation.de]
name = "Hüftbeuge"
how = "Schieb die Hüfte nach hinten."
[[step]]
name = "Reach"
how = "Reach down."
reps = 5
)";

TEST_CASE("config: a routine reads in the first of the user's languages it has", "[config][i18n]") {
    const auto parse = [](const std::vector<std::string>& languages) {
        Result<Routine> r = parse_routine(kTranslated, "r.toml", "r", languages);
        INFO(error_of(r));
        REQUIRE(r.ok());
        return *r;
    };
    const Routine de = parse({"de_AT", "de"});
    CHECK(de.name == "Schreibtisch-Pause");
    CHECK(de.needs == std::vector<std::string>{"einen Stuhl"});
    INFO("what the translation leaves out reads as written");
    CHECK(de.summary == "Beside your desk.");
    CHECK(de.steps[0].name == "Hüftbeuge");
    CHECK(de.steps[0].how == "Schieb die Hüfte nach hinten.");
    CHECK(de.steps[1].name == "Reach");
    CHECK(de.steps[0].hold == std::chrono::seconds{30});

    const Routine fr = parse({"it", "fr"});
    CHECK(fr.name == "Pause au bureau");
    CHECK(fr.summary == "À côté du bureau.");
    INFO("a step translated into German only stays English in French");
    CHECK(fr.steps[0].name == "Hinge");

    const Routine none = parse({});
    CHECK(none.name == "Desk reset");
    CHECK(none.steps[0].how == "Push your hips back.");
    CHECK(parse({"ja"}).name == "Desk reset");
}

TEST_CASE("config: a routine's needs are counted in characters, not bytes", "[config][i18n]") {
    // 40 characters, 80 bytes in UTF-8: as long as an English item may be.
    const std::string item = "ÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜ";
    CHECK(routine_ok("name = \"R\"\nneeds = [\"" + item + "\"]\n" + std::string(kStep) + "hold = \"5s\"\n").needs.size() == 1u);
    CHECK_THAT(routine_error("name = \"R\"\nneeds = [\"" + item + "Ü\"]\n" + std::string(kStep) + "hold = \"5s\"\n"),
               Contains("must be 1 to 40 characters long"));
}

TEST_CASE("config: a broken translation is an error that says where", "[config][i18n]") {
    CHECK_THAT(routine_error(std::string("name = \"R\"\n[translation.german]\nname = \"X\"\n") + std::string(kStep) + "hold = \"5s\"\n"),
               Contains("translation.german: must be a language code like de, fr or pt_BR"));
    CHECK_THAT(routine_error(std::string("name = \"R\"\n[translation.de]\nnmae = \"X\"\n") + std::string(kStep) + "hold = \"5s\"\n"),
               Contains("translation.de.nmae: unknown key"));
    CHECK_THAT(routine_error(std::string("name = \"R\"\n") + std::string(kStep) + "hold = \"5s\"\n[step.translation.de]\nsummary = \"X\"\n"),
               Contains("step[1].translation.de.summary: unknown key"));
    CHECK_THAT(routine_error("name = \"R\"\ntranslation = \"de\"\n" + std::string(kStep) + "hold = \"5s\"\n"),
               Contains("translation: expected a table per language"));
}

TEST_CASE("config: every built-in routine is translated into German and French", "[config][i18n]") {
    const auto set = load_routines({LIMBER_SOURCE_DIR "/routines"});
    REQUIRE(set.skipped.empty());
    REQUIRE(set.routines.size() >= 5u);
    for (const std::string lang : {"de", "fr"}) {
        const auto translated = load_routines({LIMBER_SOURCE_DIR "/routines"}, {}, {lang});
        REQUIRE(translated.routines.size() == set.routines.size());
        for (std::size_t i = 0; i < set.routines.size(); ++i) {
            const Routine &en = set.routines[i], &local = translated.routines[i];
            INFO(lang << " " << en.id);
            CHECK(local.name != en.name);
            CHECK(local.safety != en.safety);
            if (!en.summary.empty()) CHECK(local.summary != en.summary);
            CHECK(local.needs.size() == en.needs.size());
            for (std::size_t s = 0; s < en.steps.size(); ++s) {
                INFO("step " << s + 1);
                CHECK(local.steps[s].name != en.steps[s].name);
                CHECK(local.steps[s].how != en.steps[s].how);
                CHECK(local.steps[s].duration == en.steps[s].duration);
            }
        }
    }
}

}  // namespace
}  // namespace limber::config
