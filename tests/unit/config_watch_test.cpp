// SPDX-License-Identifier: MIT
// Which directories limberd watches for saved settings, and which events
// there lead to a reload (the inotify loop itself runs in
// tests/integration/test_settings.py against the real daemon).
#include <sys/inotify.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "config/default_config.hpp"
#include "config/config.hpp"
#include "daemon/config_watch.hpp"
#include "temp_dir.hpp"

namespace limber::daemon {
namespace {

namespace fs = std::filesystem;

class Dirs : public test_support::TempDir {
public:
    Dirs() {
        fs::create_directories(dir_ + "/cfg/limber");
        targets.config_file = dir_ + "/cfg/limber/config.toml";
        targets.routine_dirs = {dir_ + "/builtin", dir_ + "/cfg/limber/routines"};
        fs::create_directories(dir_ + "/builtin");
    }
    std::string at(const std::string& p) const { return dir_ + p; }
    WatchTargets targets;
};

TEST_CASE_METHOD(Dirs, "config watch: a routines directory not made yet is waited for in its parent", "[config]") {
    auto plan = watch_plan(targets);
    CHECK(plan.size() == 2);
    CHECK(plan.count(at("/builtin")) == 1);
    // The config's directory, also standing in for routines/ until it exists.
    CHECK((plan[at("/cfg/limber")] & IN_CLOSE_WRITE) != 0);
    CHECK(event_matters(targets, at("/cfg/limber"), "routines", IN_CREATE | IN_ISDIR, false));

    fs::create_directories(at("/cfg/limber/routines"));
    plan = watch_plan(targets);
    CHECK(plan.size() == 3);
    CHECK((plan[at("/cfg/limber/routines")] & IN_MOVED_TO) != 0);
}

TEST_CASE_METHOD(Dirs, "config watch: only the files limberd reads lead to a reload", "[config]") {
    const std::string cfg = at("/cfg/limber"), routines = at("/cfg/limber/routines");
    CHECK(event_matters(targets, cfg, "config.toml", IN_CLOSE_WRITE, true));
    CHECK(event_matters(targets, cfg, "config.toml", IN_MOVED_TO, true));     // saved by rename
    CHECK(event_matters(targets, cfg, "config.toml", IN_DELETE, true));
    CHECK(event_matters(targets, routines, "calf.toml", IN_CLOSE_WRITE, true));
    CHECK(event_matters(targets, at("/builtin"), "desk.toml", IN_MOVED_FROM, true));
    CHECK(event_matters(targets, cfg, "config.toml", IN_CREATE, false));      // a symlink put there
    CHECK_FALSE(event_matters(targets, cfg, "config.toml", IN_CREATE, true)); // its close follows
    CHECK_FALSE(event_matters(targets, cfg, "config.toml~", IN_CLOSE_WRITE, true));
    CHECK_FALSE(event_matters(targets, cfg, "notes.toml", IN_CLOSE_WRITE, true));
    CHECK_FALSE(event_matters(targets, routines, ".calf.toml.swp", IN_CLOSE_WRITE, true));
    CHECK_FALSE(event_matters(targets, routines, "README", IN_CLOSE_WRITE, true));
    CHECK(event_matters(targets, cfg, "", IN_DELETE_SELF, false));
}

TEST_CASE_METHOD(Dirs, "config watch: a symlinked config is watched where its saves land", "[config]") {
    fs::create_directories(at("/dotfiles"));
    fs::create_symlink(at("/dotfiles/limber.toml"), targets.config_file);
    const WatchTargets linked = resolve_links(targets);
    CHECK(linked.config_links == std::vector<std::string>{at("/dotfiles/limber.toml")});
    const auto plan = watch_plan(linked);
    CHECK((plan.at(at("/dotfiles")) & IN_CLOSE_WRITE) != 0);  // saved in place through the link
    CHECK((plan.at(at("/cfg/limber")) & IN_CREATE) != 0);     // the link itself replaced
    CHECK(event_matters(linked, at("/dotfiles"), "limber.toml", IN_CLOSE_WRITE, true));
    CHECK(event_matters(linked, at("/dotfiles"), "limber.toml", IN_MOVED_TO, true));
    CHECK_FALSE(event_matters(linked, at("/dotfiles"), "vimrc", IN_CLOSE_WRITE, true));
    CHECK_FALSE(event_matters(targets, at("/dotfiles"), "limber.toml", IN_CLOSE_WRITE, true));

    // Not a link any more: the far end is no longer ours.
    fs::remove(targets.config_file);
    CHECK(resolve_links(linked).config_links.empty());
}

TEST_CASE_METHOD(Dirs, "config watch: every hop of a chain of links is watched", "[config]") {
    // A link in ~/.config to a "current" link that a script re-points
    // between files in a store: the middle link changes, not the first.
    fs::create_directories(at("/generation"));
    fs::create_directories(at("/store"));
    fs::create_symlink(at("/store/limber.toml"), at("/generation/limber.toml"));
    fs::create_symlink("../../generation/limber.toml", targets.config_file);  // relative, as stow makes them
    const WatchTargets linked = resolve_links(targets);
    CHECK(linked.config_links == std::vector<std::string>{at("/generation/limber.toml"), at("/store/limber.toml")});
    const auto plan = watch_plan(linked);
    CHECK((plan.at(at("/generation")) & IN_MOVED_TO) != 0);
    CHECK((plan.at(at("/store")) & IN_CLOSE_WRITE) != 0);
    CHECK(event_matters(linked, at("/generation"), "limber.toml", IN_MOVED_TO, false));
    CHECK(event_matters(linked, at("/store"), "limber.toml", IN_CLOSE_WRITE, true));
}

TEST_CASE_METHOD(Dirs, "config watch: the default config parses and is never written over", "[config]") {
    // As shipped it changes nothing: every key is commented out.
    const auto defaults = config::parse_settings(config::default_config_text(), "default");
    REQUIRE(defaults);
    CHECK(defaults->sit_limit == Settings{}.sit_limit);
    const std::string path = at("/new/limber/config.toml");
    auto made = config::create_default_config(path);
    REQUIRE(made);
    CHECK(*made);
    auto again = config::create_default_config(path);
    REQUIRE(again);
    CHECK_FALSE(*again);
}

}  // namespace
}  // namespace limber::daemon
