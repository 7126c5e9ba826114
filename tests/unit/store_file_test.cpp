// SPDX-License-Identifier: MIT
// Telling a damaged history file (which may be moved aside) from one that is
// only busy or unreadable (which must stay where it is), on real files.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "store/file_check.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace limber::store {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

class FileDir : public test_support::TempDir {
protected:
    // A history with one event in it, closed again.
    void make_history() {
        auto store = Store::open(path_, Mode::read_write);
        REQUIRE(store.ok());
        REQUIRE(store->add_event(1, "daemon_start").ok());
    }
    std::int64_t events_in_file() {
        auto store = Store::open(path_, Mode::read_only);
        REQUIRE(store.ok());
        return static_cast<std::int64_t>(store->events(0, 100).value().size());
    }

};

// Another process's connection, holding the write lock while it lives.
class Holder {
public:
    explicit Holder(const std::string& path) {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~Holder() { sqlite3_close_v2(db_); }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;
    void release() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

private:
    sqlite3* db_ = nullptr;
};

TEST_CASE_METHOD(FileDir, "store file: a good, missing or empty file has no trouble", "[store]") {
    SECTION("missing") {}
    SECTION("empty") { std::ofstream(path_).flush(); }
    SECTION("a history") { make_history(); }
    const Diagnosis found = diagnose(path_, 0);
    CHECK(found.trouble == FileTrouble::none);
    CHECK(found.why.empty());
}

TEST_CASE_METHOD(FileDir, "store file: garbage and truncation are damaged", "[store]") {
    SECTION("text") { std::ofstream(path_) << "this is not a database, but it is somebody's file\n"; }
    SECTION("truncated") {
        {
            auto store = Store::open(path_, Mode::read_write);
            REQUIRE(store.ok());
            for (int i = 0; i < 2000; ++i) REQUIRE(store->add_event(i, "reminder_shown", std::string(100, 'x')).ok());
        }
        fs::resize_file(path_, fs::file_size(path_) / 2);
    }
    const Diagnosis found = diagnose(path_, 0);
    CHECK(found.trouble == FileTrouble::damaged);
    CHECK_THAT(found.why, Contains(path_));
}

TEST_CASE_METHOD(FileDir, "store file: a file another program holds locked is busy, not damaged", "[store]") {
    make_history();
    Holder holder(path_);
    const Diagnosis found = diagnose(path_, 0);
    CHECK(found.trouble == FileTrouble::busy);
    CHECK_THAT(found.why, Contains(path_) && Contains("locked"));
    holder.release();
    CHECK(diagnose(path_, 0).trouble == FileTrouble::none);
    CHECK(events_in_file() == 1);
}

TEST_CASE_METHOD(FileDir, "store file: a directory in the file's place is unreadable and named", "[store]") {
    fs::create_directory(path_);
    const Diagnosis found = diagnose(path_, 0);
    CHECK(found.trouble == FileTrouble::unreadable);
    CHECK_THAT(found.why, Contains(path_) && Contains("directory"));
}

TEST_CASE_METHOD(FileDir, "store file: a schema from the future is not damaged", "[store]") {
    make_history();
    {
        sqlite3* db = nullptr;
        sqlite3_open(path_.c_str(), &db);
        sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    REQUIRE_FALSE(Store::open(path_, Mode::read_write).ok());
    CHECK(diagnose(path_, 0).trouble == FileTrouble::none);
}

TEST_CASE_METHOD(FileDir, "store file: moving aside keeps the file and lists it oldest first", "[store]") {
    CHECK(moved_aside(path_).empty());
    std::ofstream(path_) << "first";
    auto first = move_aside(path_, "20260101T080000");
    REQUIRE(first.ok());
    std::ofstream(path_) << "second";
    std::ofstream(path_ + "-wal") << "its log";
    auto second = move_aside(path_, "20260102T080000");
    REQUIRE(second.ok());
    CHECK_FALSE(fs::exists(path_));
    CHECK(fs::exists(*second + "-wal"));
    const auto listed = moved_aside(path_);
    REQUIRE(listed.size() == 2u);
    CHECK(listed[0] == *first);
    CHECK(listed[1] == *second);
    std::ifstream kept(*first);
    std::string text;
    kept >> text;
    CHECK(text == "first");
}

}  // namespace
}  // namespace limber::store
