// SPDX-License-Identifier: MIT
#include "config/config_edit.hpp"
#include "config/config.hpp"
#include "config/default_config.hpp"
#include "slurp.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace limber::config {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::slurp;

TEST_CASE("config edit: one key's line changes and nothing else", "[config]") {
    SECTION("an active line is replaced where it is, comment and all around it") {
        const std::string text = "# mine\n[routine]\n# say it\nspeak = false\nsounds = false\n[goals]\nspeak_x = 1\n";
        CHECK(set_key_line(text, "routine", "speak", "true") ==
              "# mine\n[routine]\n# say it\nspeak = true\nsounds = false\n[goals]\nspeak_x = 1\n");
    }
    SECTION("the commented example keeps its place and the key goes under it") {
        CHECK(set_key_line("[routine]\n# Say each step.\n#speak = false\n\n[goals]\n", "routine", "speak", "true") ==
              "[routine]\n# Say each step.\n#speak = false\nspeak = true\n\n[goals]\n");
    }
    SECTION("a table without the key gets it right under its header") {
        CHECK(set_key_line("[ routine ]  # mine\nsounds = false\n", "routine", "speak", "true") ==
              "[ routine ]  # mine\nspeak = true\nsounds = false\n");
    }
    SECTION("the same key in another table is not touched") {
        CHECK(set_key_line("[goals]\nspeak = 1\n", "routine", "speak", "true") ==
              "[goals]\nspeak = 1\n\n[routine]\nspeak = true\n");
    }
    SECTION("a file without the table, or empty, gets the table at its end") {
        CHECK(set_key_line("[reminder]\nsit_limit = \"30m\"", "routine", "speak", "false") ==
              "[reminder]\nsit_limit = \"30m\"\n\n[routine]\nspeak = false\n");
        CHECK(set_key_line("", "routine", "speak", "true") == "[routine]\nspeak = true\n");
    }
    SECTION("a longer key that starts the same is another key") {
        CHECK(set_key_line("[routine]\nspeaker = 1\n", "routine", "speak", "true") ==
              "[routine]\nspeak = true\nspeaker = 1\n");
    }
}

TEST_CASE("config edit: the shipped default turns speaking on with one line", "[config]") {
    const std::string text(default_config_text());
    const std::string on = set_key_line(text, "routine", "speak", "true");
    CHECK(on.size() == text.size() + std::string("speak = true\n").size());
    CHECK_THAT(on, Contains("#speak = false\nspeak = true\n"));
    auto parsed = parse_settings(on, "config.toml");
    REQUIRE(parsed.ok());
    CHECK(parsed->speak);
}

class ConfigDir {
public:
    ConfigDir() {
        std::string pattern = (fs::temp_directory_path() / "limber-config-edit-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        root_ = pattern;
    }
    ~ConfigDir() { fs::remove_all(root_); }
    ConfigDir(const ConfigDir&) = delete;
    ConfigDir& operator=(const ConfigDir&) = delete;

protected:
    fs::path root_;
};

TEST_CASE_METHOD(ConfigDir, "config edit: save_speak writes the user's file", "[config]") {
    const std::string path = (root_ / "limber" / "config.toml").string();
    SECTION("none yet: the documented default, with the key set") {
        REQUIRE(save_speak(path, true).ok());
        CHECK(slurp(path) == set_key_line(default_config_text(), "routine", "speak", "true"));
        REQUIRE(save_speak(path, false).ok());
        CHECK_FALSE(load_settings(path)->speak);
        CHECK_FALSE(fs::exists(path + ".limber-new"));
    }
    SECTION("a broken file is left alone and the error says where") {
        fs::create_directories(root_ / "limber");
        std::ofstream(path) << "[routine]\nsounds = maybe\n";
        auto saved = save_speak(path, true);
        REQUIRE_FALSE(saved.ok());
        CHECK_THAT(saved.error().message, Contains("config.toml:2:"));
        CHECK(slurp(path) == "[routine]\nsounds = maybe\n");
    }
    SECTION("a key set where a line cannot change it is refused") {
        fs::create_directories(root_ / "limber");
        std::ofstream(path) << "routine = { speak = false }\n";
        auto saved = save_speak(path, true);
        REQUIRE_FALSE(saved.ok());
        CHECK(slurp(path) == "routine = { speak = false }\n");
    }
    SECTION("a symlinked file is written through, the link stays") {
        fs::create_directories(root_ / "dotfiles");
        fs::create_directories(root_ / "limber");
        std::ofstream(root_ / "dotfiles" / "limber.toml") << "# kept\n";
        fs::create_symlink(root_ / "dotfiles" / "limber.toml", path);
        REQUIRE(save_speak(path, true).ok());
        CHECK(fs::is_symlink(path));
        CHECK(slurp((root_ / "dotfiles" / "limber.toml").string()) == "# kept\n\n[routine]\nspeak = true\n");
    }
}

}  // namespace
}  // namespace limber::config
