// SPDX-License-Identifier: MIT
// The daemon's history file at start: only a damaged file is moved aside.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/history_file.hpp"
#include "store/file_check.hpp"
#include "temp_dir.hpp"

namespace limber::daemon {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

using HistoryDir = test_support::TempDir;

TEST_CASE_METHOD(HistoryDir, "history file: an unusable file is left in place and not replaced", "[daemon]") {
    // Root reads any mode, so a directory stands in for an unreadable file.
    fs::create_directory(path_);
    std::ofstream(path_ + "/inside") << "the user's things";
    History history = open_history(path_);
    CHECK_FALSE(history.writing());
    CHECK_THAT(history.problem(), Contains(path_) && Contains("directory"));
    CHECK(fs::exists(path_ + "/inside"));
    CHECK(store::moved_aside(path_).empty());
    CHECK(history.apply(core::Record{"dropped", Millis{1}, {}}));  // handled: nothing to write to

    SECTION("and attached once it can be opened") {
        fs::remove_all(path_);
        CHECK(reopen_history(history, path_, Millis{5000}));
        CHECK(history.writing());
        CHECK(history.problem().empty());
        auto store = history.store();
        REQUIRE(store != nullptr);
        auto spans = store->spans(0, 10'000);
        REQUIRE(spans.ok());
        REQUIRE(spans->size() == 1u);  // the sitting in progress
        CHECK((*spans)[0].start_ms == 5000);
    }
}

TEST_CASE_METHOD(HistoryDir, "history file: a file that is not a database is moved aside", "[daemon]") {
    std::ofstream(path_) << "not a database\n";
    History history = open_history(path_);
    CHECK(history.writing());
    const auto aside = store::moved_aside(path_);
    REQUIRE(aside.size() == 1u);
    std::ifstream kept(aside[0]);
    std::string first;
    kept >> first;
    CHECK(first == "not");
}

}  // namespace
}  // namespace limber::daemon
