#include "config/config.hpp"
#include "config/paths.hpp"

#include <gtest/gtest.h>

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

Settings settings_ok(std::string_view text) {
    Result<Settings> r = parse_settings(text, "cfg.toml");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Settings{};
}

std::string settings_error(std::string_view text) {
    Result<Settings> r = parse_settings(text, "cfg.toml");
    EXPECT_FALSE(r.ok()) << "accepted:\n" << text;
    return r.ok() ? "" : r.error().message;
}

void expect_defaults(const Settings& s) {
    const Settings d;
    EXPECT_EQ(s.sit_limit, d.sit_limit);
    EXPECT_EQ(s.snooze, d.snooze);
    EXPECT_EQ(s.max_snoozes, d.max_snoozes);
    EXPECT_EQ(s.repeat, d.repeat);
    EXPECT_EQ(s.natural_break, d.natural_break);
    EXPECT_EQ(s.default_routine, d.default_routine);
    EXPECT_EQ(s.stretch_days_per_week, d.stretch_days_per_week);
    EXPECT_TRUE(s.quiet.empty());
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

#define EXPECT_HAS(haystack, needle) EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << (haystack)

TEST(Settings, EmptyTextGivesDefaults) {
    expect_defaults(settings_ok(""));
    expect_defaults(settings_ok("# only a comment\n\n[reminder]\n"));
}

TEST(Settings, ParsesEveryKey) {
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
[goals]
stretch_days_per_week = 7
[quiet]
hours = ["22:00-07:00", "7:30-08:00"]
)");
    EXPECT_EQ(s.sit_limit, 50min);
    EXPECT_EQ(s.snooze, 15min);
    EXPECT_EQ(s.max_snoozes, 2);
    EXPECT_EQ(s.repeat, 90s);
    EXPECT_EQ(s.natural_break, 3min);
    EXPECT_EQ(s.default_routine, "desk");
    EXPECT_EQ(s.stretch_days_per_week, 7);
    ASSERT_EQ(s.quiet.size(), 2u);
    EXPECT_EQ(s.quiet[0].start_min, 22 * 60);
    EXPECT_EQ(s.quiet[0].end_min, 7 * 60);
    EXPECT_EQ(s.quiet[1].start_min, 7 * 60 + 30);
    EXPECT_EQ(s.quiet[1].end_min, 8 * 60);
}

TEST(Settings, SecondsLongLimitsAreAllowed) {
    const Settings s = settings_ok("[reminder]\nsit_limit = \"2s\"\n[activity]\nnatural_break = \"1s\"\n");
    EXPECT_EQ(s.sit_limit, 2s);
    EXPECT_EQ(s.natural_break, 1s);
}

TEST(Settings, ErrorNamesFileLineColumnAndKey) {
    EXPECT_EQ(settings_error("# limits\n[reminder]\nsit_limit = \"4q\"\n"),
              "cfg.toml:3:13: reminder.sit_limit: bad duration \"4q\": unknown unit 'q' "
              "(write it like 90s, 10m or 1h30m)");
}

TEST(Settings, BareIntegerDurationShowsTheRightForm) {
    EXPECT_EQ(settings_error("[reminder]\nsit_limit = 45\n"),
              "cfg.toml:2:13: reminder.sit_limit: a duration is written as a string like \"45m\", not 45");
    EXPECT_HAS(settings_error("[activity]\nnatural_break = 2.5\n"), "like \"5m\", not 2.5");
    EXPECT_HAS(settings_error("[reminder]\nsnooze = \"10\"\n"), "write it like 90s, 10m or 1h30m");
}

TEST(Settings, DurationsMustBePositive) {
    EXPECT_HAS(settings_error("[reminder]\nsnooze = \"0s\"\n"), "reminder.snooze: must be more than zero");
    EXPECT_HAS(settings_error("[reminder]\nrepeat = \"0m\"\n"), "reminder.repeat: must be more than zero");
    EXPECT_HAS(settings_error("[reminder]\nsit_limit = \"500ms\"\n"), "sit_limit: must be at least 1s");
    EXPECT_HAS(settings_error("[activity]\nnatural_break = \"0s\"\n"), "must be at least 1s");
}

TEST(Settings, UnknownTablesAndKeysAreNamed) {
    EXPECT_HAS(settings_error("[reminder]\nsit_limt = \"45m\"\n"),
               "cfg.toml:2:1: reminder.sit_limt: unknown key (known here: sit_limit, snooze");
    EXPECT_HAS(settings_error("[remnder]\nsit_limit = \"45m\"\n"), "cfg.toml:1:2: remnder: unknown table");
    EXPECT_HAS(settings_error("sit_limit = \"45m\"\n"), "cfg.toml:1:1: sit_limit: unknown key");
}

TEST(Settings, WrongTypesAreErrors) {
    EXPECT_HAS(settings_error("[reminder]\nmax_snoozes = \"3\"\n"),
               "cfg.toml:2:15: reminder.max_snoozes: expected an integer, got a string");
    EXPECT_HAS(settings_error("reminder = 5\n"), "cfg.toml:1:12: reminder: expected a table");
    EXPECT_HAS(settings_error("[routine]\ndefault = 5\n"), "routine.default: expected a string, got an integer");
    EXPECT_HAS(settings_error("[routine]\ndefault = \"\"\n"), "routine.default: must not be empty");
    EXPECT_HAS(settings_error("[reminder]\nsnooze = true\n"), "expected a duration string like \"10m\", got a boolean");
}

TEST(Settings, IntegerRanges) {
    EXPECT_HAS(settings_error("[reminder]\nmax_snoozes = 0\n"), "must be between 1 and 1000, not 0");
    EXPECT_HAS(settings_error("[goals]\nstretch_days_per_week = 8\n"),
               "goals.stretch_days_per_week: must be between 1 and 7, not 8");
    EXPECT_EQ(settings_ok("[goals]\nstretch_days_per_week = 1\n").stretch_days_per_week, 1);
}

TEST(Settings, QuietHours) {
    const Settings s = settings_ok("[quiet]\nhours = [\"22:00-07:00\", \"12:30-13:15\"]\n");
    ASSERT_EQ(s.quiet.size(), 2u);
    const QuietRange night = s.quiet[0];
    EXPECT_TRUE(night.contains(23 * 60));
    EXPECT_TRUE(night.contains(0));
    EXPECT_TRUE(night.contains(6 * 60 + 59));
    EXPECT_FALSE(night.contains(7 * 60));
    EXPECT_FALSE(night.contains(12 * 60));
    EXPECT_TRUE(s.quiet[1].contains(13 * 60));
    EXPECT_FALSE(s.quiet[1].contains(13 * 60 + 15));

    EXPECT_HAS(settings_error("[quiet]\nhours = [\"09:00-10:00\", \"22:00-22:00\"]\n"),
               "cfg.toml:2:25: quiet.hours[2]: range \"22:00-22:00\" starts where it ends");
    EXPECT_HAS(settings_error("[quiet]\nhours = [\"24:00-07:00\"]\n"), "quiet.hours[1]: bad range");
    EXPECT_HAS(settings_error("[quiet]\nhours = [\"22:00\"]\n"), "bad range");
    EXPECT_HAS(settings_error("[quiet]\nhours = [\"22:0-07:00\"]\n"), "bad range");
    EXPECT_HAS(settings_error("[quiet]\nhours = [\"22:00-07:00 \"]\n"), "bad range");
    EXPECT_HAS(settings_error("[quiet]\nhours = \"22:00-07:00\"\n"), "quiet.hours: expected an array");
    EXPECT_HAS(settings_error("[quiet]\nhours = [2200]\n"), "quiet.hours[1]: expected a string");
}

// Found by fuzz/ (corpus/settings/regression-newline-in-error): a value or a
// quoted key with a control character in it broke the error into two lines.
TEST(Settings, ErrorsStayOneLine) {
    EXPECT_HAS(settings_error("[quiet]\nhours = [\"22:00\\n-07:00\"]\n"),
               "cfg.toml:2:10: quiet.hours[1]: bad range \"22:00\\n-07:00\"");
    EXPECT_HAS(settings_error("[reminder]\n\"sit\\tlimit\\u0007\" = \"45m\"\n"),
               "reminder.sit\\tlimit\\x07: unknown key");
    EXPECT_HAS(settings_error("[reminder]\nsnooze = \"1\\u001bm\"\n"), "bad duration \"1\\x1bm\"");
}

TEST(Settings, SyntaxErrorsCarryTomlPosition) {
    const std::string e = settings_error("[reminder]\nsit_limit = = \"45m\"\n");
    EXPECT_TRUE(e.rfind("cfg.toml:2:13: ", 0) == 0) << e;
    EXPECT_TRUE(settings_error("[reminder]\nsnooze = \"1m\"\nsnooze = \"2m\"\n").rfind("cfg.toml:3:", 0) == 0);
}

TEST(Settings, LoadMissingFileGivesDefaults) {
    Result<Settings> r = load_settings("/nonexistent/limber/config.toml");
    ASSERT_TRUE(r.ok()) << r.error().message;
    expect_defaults(*r);
    EXPECT_FALSE(load_settings(fs::temp_directory_path().string()).ok());  // a directory is not a file
}

TEST(Settings, ShippedConfigGivesDefaults) {
    const fs::path path = fs::path(LIMBER_SOURCE_DIR) / "config" / "limber.toml";
    Result<Settings> r = load_settings(path.string());
    ASSERT_TRUE(r.ok()) << r.error().message;
    expect_defaults(*r);

    // Uncommenting every documented key must still give the defaults, so
    // the documentation cannot drift from the code.
    const std::string text = slurp(path);
    const std::string live = std::regex_replace(text, std::regex("^#([a-z_]+ = )", std::regex::multiline), "$1");
    EXPECT_EQ(std::count(text.begin(), text.end(), '#') - std::count(live.begin(), live.end(), '#'), 8);
    Result<Settings> uncommented = parse_settings(live, path.string());
    ASSERT_TRUE(uncommented.ok()) << uncommented.error().message;
    expect_defaults(*uncommented);
}

// ---- routines ------------------------------------------------------------

constexpr std::string_view kStep = "[[step]]\nname = \"Reach\"\nhow = \"Reach.\"\n";

Routine routine_ok(std::string_view text, const std::string& id = "r") {
    Result<Routine> r = parse_routine(text, "r.toml", id);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Routine{};
}

std::string routine_error(std::string_view text, const std::string& id = "r") {
    Result<Routine> r = parse_routine(text, "r.toml", id);
    EXPECT_FALSE(r.ok()) << "accepted:\n" << text;
    return r.ok() ? "" : r.error().message;
}

TEST(Routine, ParsesStepsAndDefaults) {
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
    EXPECT_EQ(r.id, "test");
    EXPECT_EQ(r.name, "Test");
    EXPECT_EQ(r.place, "desk");
    EXPECT_HAS(r.safety, "hurts");
    ASSERT_EQ(r.steps.size(), 3u);
    EXPECT_EQ(r.steps[0].hold, 30s);
    EXPECT_EQ(r.steps[0].duration, 30s);
    EXPECT_TRUE(r.steps[0].both_sides);
    EXPECT_EQ(r.steps[1].reps, 15);
    EXPECT_EQ(r.steps[1].hold, 0s);
    EXPECT_EQ(r.steps[1].duration, 60s);  // 15 reps at the default 4s
    EXPECT_FALSE(r.steps[1].both_sides);
    EXPECT_EQ(r.steps[2].duration, 50s);
    EXPECT_EQ(r.total(), 30s * 2 + 60s + 50s);
    EXPECT_EQ(routine_ok(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\n").place, "anywhere");
}

TEST(Routine, ErrorsNamePositionAndKey) {
    EXPECT_EQ(routine_error(std::string(kStep) + "hold = \"1m\"\n"),
              "r.toml:1:1: name: missing (every routine needs a name)");
    EXPECT_HAS(routine_error("name = \"n\"\n"), "r.toml:1:1: step: no steps");
    EXPECT_HAS(routine_error("name = \"n\"\nstep = []\n"), "step: no steps");
    EXPECT_HAS(routine_error("name = \"n\"\n[step]\nname = \"a\"\n"), "step: expected steps written as [[step]]");
    EXPECT_EQ(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\nreps = 5\n"),
              "r.toml:6:8: step[1].reps: a step has hold or reps, not both");
    EXPECT_EQ(routine_error(std::string("name = \"n\"\n") + std::string(kStep)),
              "r.toml:2:1: step[1]: needs hold = \"30s\" or reps = 15 (exactly one)");
    EXPECT_HAS(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\nsides = \"left\"\n"),
               "r.toml:6:9: step[1].sides: must be one of \"both\", \"none\"");
    EXPECT_HAS(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\nholdd = 3\n"),
               "r.toml:6:1: step[1].holdd: unknown key");
    EXPECT_HAS(routine_error(std::string("nam = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\n"),
               "r.toml:1:1: nam: unknown key");
    EXPECT_HAS(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = 30\n"),
               "r.toml:5:8: step[1].hold: a duration is written as a string like \"30s\", not 30");
    EXPECT_HAS(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\nrep_time = \"2s\"\n"),
               "step[1].rep_time: only goes with reps");
    EXPECT_HAS(routine_error("name = \"n\"\n[[step]]\nname = \"a\"\nreps = 3\n"), "r.toml:2:1: step[1].how: missing");
    EXPECT_HAS(routine_error("name = \"n\"\nplace = \"bed\"\n"), "r.toml:2:9: place: must be one of");
    EXPECT_HAS(routine_error("name = \"n\"\n[[step]\n"), "r.toml:2:");
    EXPECT_HAS(routine_error(std::string("name = \"n\"\n") + std::string(kStep) + "hold = \"1m\"\n", "rotate"),
               "\"rotate\" is reserved");
}

TEST(Routine, ShippedRoutinesLoadCleanly) {
    const RoutineSet set = load_routines({std::string(LIMBER_SOURCE_DIR) + "/routines"});
    EXPECT_TRUE(set.errors.empty()) << set.errors.front();
    std::vector<std::string> ids;
    for (const Routine& r : set.routines) {
        ids.push_back(r.id);
        EXPECT_FALSE(r.summary.empty()) << r.id;
        EXPECT_HAS(r.safety, "hurts");
        for (const Step& s : r.steps) EXPECT_GT(s.how.size(), 20u) << r.id << ": " << s.name;
    }
    for (const char* id : {"desk", "floor", "strap"})
        EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    for (const Routine& r : set.routines) {
        if (r.id == "desk") {
            EXPECT_EQ(r.place, "desk");
            EXPECT_GE(r.total(), 2min);
            EXPECT_LE(r.total(), 4min);
        }
        if (r.id == "floor") {
            EXPECT_GE(r.total(), 5min);
            EXPECT_LE(r.total(), 7min);
        }
    }
}

class RoutineDirs : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "limber-config-test-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
        fs::create_directories(root_ / "builtin");
        fs::create_directories(root_ / "user");
    }
    void TearDown() override { fs::remove_all(root_); }
    void write(const std::string& rel, std::string_view text) { std::ofstream(root_ / rel) << text; }
    std::string dir(const char* name) const { return (root_ / name).string(); }
    static std::string routine(const char* name) {
        return "name = \"" + std::string(name) + "\"\n" + std::string(kStep) + "hold = \"30s\"\n";
    }
    fs::path root_;
};

TEST_F(RoutineDirs, LaterDirectoryOverridesById) {
    write("builtin/desk.toml", routine("Built-in desk"));
    write("builtin/floor.toml", routine("Built-in floor"));
    write("user/desk.toml", routine("My desk"));
    write("user/mine.toml", routine("Mine"));
    write("user/notes.txt", "not a routine");
    const RoutineSet set = load_routines({dir("builtin"), dir("missing"), dir("user")});
    EXPECT_TRUE(set.errors.empty());
    ASSERT_EQ(set.routines.size(), 3u);
    EXPECT_EQ(set.routines[0].id, "desk");
    EXPECT_EQ(set.routines[0].name, "My desk");
    EXPECT_EQ(set.routines[1].id, "floor");
    EXPECT_EQ(set.routines[2].id, "mine");
}

TEST_F(RoutineDirs, BrokenFileIsReportedAndTheRestLoad) {
    write("builtin/desk.toml", routine("Built-in desk"));
    write("builtin/floor.toml", routine("Floor"));
    write("user/desk.toml", "name = \"Broken\"\n[[step]]\nname = \"x\"\n");
    write("user/bad.toml", "name = = 1\n");
    const RoutineSet set = load_routines({dir("builtin"), dir("user")});
    ASSERT_EQ(set.errors.size(), 2u);
    EXPECT_HAS(set.errors[0], dir("user") + "/bad.toml:1:");
    EXPECT_HAS(set.errors[1], dir("user") + "/desk.toml:2:1: step[1]");
    ASSERT_EQ(set.routines.size(), 2u);
    EXPECT_EQ(set.routines[0].name, "Built-in desk");  // a broken override keeps the original
    EXPECT_EQ(set.routines[1].name, "Floor");
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

TEST(Paths, FollowXdg) {
    Env home("HOME", "/home/u");
    {
        Env config("XDG_CONFIG_HOME", nullptr), data("XDG_DATA_HOME", "");
        EXPECT_EQ(paths::config_file(), "/home/u/.config/limber/config.toml");
        EXPECT_EQ(paths::user_routines_dir(), "/home/u/.config/limber/routines");
        EXPECT_EQ(paths::database(), "/home/u/.local/share/limber/limber.db");
    }
    Env config("XDG_CONFIG_HOME", "/cfg"), data("XDG_DATA_HOME", "/data");
    EXPECT_EQ(paths::config_file(), "/cfg/limber/config.toml");
    EXPECT_EQ(paths::database(), "/data/limber/limber.db");
}

TEST(Paths, SocketNeedsRuntimeDir) {
    {
        Env runtime("XDG_RUNTIME_DIR", "/run/user/1000");
        Result<std::string> s = paths::socket();
        ASSERT_TRUE(s.ok());
        EXPECT_EQ(*s, "/run/user/1000/limber/limber.sock");
    }
    for (const char* value : {static_cast<const char*>(nullptr), ""}) {
        Env runtime("XDG_RUNTIME_DIR", value);
        Result<std::string> s = paths::socket();
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().message, "XDG_RUNTIME_DIR is not set; pass --socket PATH");
    }
}

}  // namespace
}  // namespace limber::config
