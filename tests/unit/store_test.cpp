// SPDX-License-Identifier: MIT
// The store against real SQLite files, one fresh directory per test.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "store/schema.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace limber::store {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

template <class T>
std::string error_of(const Result<T>& r) {
    return r.ok() ? "" : r.error().message;
}

// A second, raw connection: what another process sees or does to the file.
class Raw {
public:
    explicit Raw(const std::string& path) {
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    }
    ~Raw() { sqlite3_close_v2(db_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;

    void exec(const std::string& sql) {
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
        INFO(sql << ": " << sqlite3_errmsg(db_));
        CHECK(rc == SQLITE_OK);
    }
    std::string text(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        std::string out = "(error)";
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
            sqlite3_column_text(stmt, 0)) {
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        }
        sqlite3_finalize(stmt);
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

class StoreDir : public test_support::TempDir {
protected:
    Store open(Mode mode = Mode::read_write) {
        auto store = Store::open(path_, mode);
        if (!store) FAIL(store.error().message);
        return std::move(store).value();
    }
    static unsigned mode_of(const std::string& path) {
        struct stat info {};
        INFO(path);
        CHECK(::stat(path.c_str(), &info) == 0);
        return info.st_mode & 0777;
    }
    void write_file(const std::string& bytes) { std::ofstream(path_, std::ios::binary) << bytes; }

};

// Macros, not functions, so that a failure points at the line of the call.
#define CHECK_OK(expr)                            \
    do {                                          \
        auto&& result_ = (expr);                  \
        INFO(#expr << ": " << error_of(result_)); \
        CHECK(result_.ok());                      \
    } while (0)

#define REQUIRE_OK(expr)                          \
    do {                                          \
        auto&& result_ = (expr);                  \
        INFO(#expr << ": " << error_of(result_)); \
        REQUIRE(result_.ok());                    \
    } while (0)

// Stops the test if expr succeeded, since there is no message to look at.
#define REQUIRE_ERROR_HAS(expr, text)                        \
    do {                                                     \
        auto&& result_ = (expr);                             \
        INFO(#expr);                                         \
        REQUIRE_FALSE(result_.ok());                         \
        CHECK_THAT(result_.error().message, Contains(text)); \
    } while (0)

std::vector<std::int64_t> ids(const std::vector<Span>& spans) {
    std::vector<std::int64_t> out;
    for (const auto& span : spans) out.push_back(span.id);
    return out;
}

TEST_CASE_METHOD(StoreDir, "store: a new store is a private file in private directories and uses WAL", "[store]") {
    path_ = dir_ + "/data/limber/limber.db";
    auto store = open();
    CHECK(store.path() == path_);
    CHECK(mode_of(path_) == 0600u);
    CHECK(mode_of(dir_ + "/data") == 0700u);
    CHECK(mode_of(dir_ + "/data/limber") == 0700u);
    CHECK(mode_of(path_ + "-wal") == 0600u);  // SQLite copies the file's mode
    Raw raw(path_);
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
    CHECK(raw.text("PRAGMA user_version") == std::to_string(schema::kVersion));
}

TEST_CASE_METHOD(StoreDir, "store: an existing file is tightened to 0600", "[store]") {
    write_file("");
    REQUIRE(::chmod(path_.c_str(), 0644) == 0);
    auto store = open();
    CHECK(mode_of(path_) == 0600u);
    CHECK(Raw(path_).text("PRAGMA user_version") == std::to_string(schema::kVersion));
}

TEST_CASE_METHOD(StoreDir, "store: history survives a reopen", "[store]") {
    {
        auto store = open();
        auto sitting = store.open_span(SpanKind::sitting, "", 1'000).value();
        CHECK_OK(store.checkpoint_span(sitting, 60'000));
        CHECK_OK(store.close_span(sitting, 90'000));
        auto rest = store.open_span(SpanKind::brk, "routine", 90'000).value();
        CHECK_OK(store.close_span(rest, 150'000));
        CHECK_OK(store.add_event(80'000, "reminder_shown", R"({"sitting_s":79})"));
        CHECK_OK(store.add_event(90'000, "routine_started"));
    }
    const Mode mode = GENERATE(Mode::read_write, Mode::read_only);
    INFO((mode == Mode::read_only ? "read-only" : "read-write"));
    auto store = open(mode);
    auto spans = store.spans(0, 1'000'000).value();
    REQUIRE(spans.size() == 2u);
    CHECK(spans[0].kind == SpanKind::sitting);
    CHECK(spans[0].reason == "");
    CHECK(spans[0].start_ms == 1'000);
    CHECK(spans[0].end_ms == 90'000);
    CHECK_FALSE(spans[0].open);
    CHECK(spans[1].kind == SpanKind::brk);
    CHECK(spans[1].reason == "routine");
    CHECK(spans[1].end_ms == 150'000);

    auto events = store.events(0, 1'000'000).value();
    REQUIRE(events.size() == 2u);
    CHECK(events[0].type == "reminder_shown");
    CHECK(events[0].detail == R"({"sitting_s":79})");
    CHECK(events[1].at_ms == 90'000);
    CHECK(events[1].detail == "{}");
}

TEST_CASE_METHOD(StoreDir, "store: recover closes a killed writer's span at its last checkpoint", "[store]") {
    std::int64_t id = 0;
    {
        auto store = open();
        id = store.open_span(SpanKind::sitting, "", 1'000).value();
        CHECK_OK(store.checkpoint_span(id, 61'000));
        CHECK_OK(store.checkpoint_span(id, 121'000));
    }  // dies without closing it
    auto store = open();
    CHECK(store.last_span().value()->open);
    CHECK(store.recover().value() == 1);
    auto after = store.last_span().value();
    REQUIRE(after.has_value());
    CHECK(after->id == id);
    CHECK_FALSE(after->open);
    CHECK(after->end_ms == 121'000);
    CHECK(store.recover().value() == 0);
}

TEST_CASE_METHOD(StoreDir, "store: spans overlapping a range come oldest first", "[store]") {
    auto store = open();
    auto add = [&](std::int64_t start, std::int64_t end) {
        auto id = store.open_span(SpanKind::sitting, "", start).value();
        CHECK_OK(store.close_span(id, end));
        return id;
    };
    const auto d = add(250, 400);  // written before the ones it sorts after
    const auto a = add(100, 200);
    const auto b = add(200, 300);
    const auto c = add(300, 300);  // zero length
    const auto e = add(500, 600);
    const auto e2 = add(500, 550);  // same start as e: id breaks the tie

    // Ranges at both ends of history, so both index choices are exercised.
    CHECK(ids(store.spans(0, 10'000).value()) == (std::vector{a, b, d, c, e, e2}));
    CHECK(ids(store.spans(200, 300).value()) == (std::vector{b, d}));  // a ends at 200, c starts at 300
    CHECK(ids(store.spans(300, 301).value()) == (std::vector{d, c}));
    CHECK(ids(store.spans(0, 100).value()) == (std::vector<std::int64_t>{}));
    CHECK(ids(store.spans(0, 101).value()) == (std::vector{a}));
    CHECK(ids(store.spans(599, 600).value()) == (std::vector{e}));
    CHECK(ids(store.spans(549, 10'000).value()) == (std::vector{e, e2}));
    CHECK(ids(store.spans(600, 700).value()) == (std::vector<std::int64_t>{}));
    CHECK(ids(store.spans(300, 300).value()) == (std::vector<std::int64_t>{}));  // empty range
}

TEST_CASE_METHOD(StoreDir, "store: events in a range come by time then id", "[store]") {
    auto store = open();
    CHECK_OK(store.add_event(100, "a"));
    CHECK_OK(store.add_event(50, "b"));
    CHECK_OK(store.add_event(100, "c"));
    CHECK_OK(store.add_event(200, "d"));
    auto events = store.events(50, 200).value();
    std::vector<std::string> types;
    for (const auto& event : events) types.push_back(event.type);
    CHECK(types == (std::vector<std::string>{"b", "a", "c"}));
    CHECK(store.events(201, 300).value().empty());
}

TEST_CASE_METHOD(StoreDir, "store: the last span is the newest", "[store]") {
    auto store = open();
    CHECK_FALSE(store.last_span().value().has_value());
    (void)store.open_span(SpanKind::sitting, "", 1'000);
    auto newest = store.open_span(SpanKind::brk, "idle", 500).value();  // clock stepped back
    auto last = store.last_span().value();
    REQUIRE(last.has_value());
    CHECK(last->id == newest);
    CHECK(last->reason == "idle");
    CHECK(last->open);
}

TEST_CASE_METHOD(StoreDir, "store: a span opens closes and reopens and unknown ids are errors", "[store]") {
    auto store = open();
    auto id = store.open_span(SpanKind::sitting, "", 1'000).value();
    CHECK_OK(store.close_span(id, 5'000));
    REQUIRE_ERROR_HAS(store.checkpoint_span(id, 6'000), "no open span");  // closed spans keep their end
    CHECK(store.last_span().value()->end_ms == 5'000);

    CHECK_OK(store.reopen_span(id));
    CHECK(store.last_span().value()->open);
    CHECK_OK(store.checkpoint_span(id, 7'000));
    CHECK_OK(store.checkpoint_span(id, 500));  // a wall clock stepped back
    CHECK(store.last_span().value()->end_ms == 1'000);

    REQUIRE_ERROR_HAS(store.checkpoint_span(999, 1), "checkpoint span 999");
    REQUIRE_ERROR_HAS(store.close_span(999, 1), "close span 999");
    REQUIRE_ERROR_HAS(store.reopen_span(999), "reopen span 999");
}

TEST_CASE_METHOD(StoreDir, "store: read-only on a missing file names it and creates nothing", "[store]") {
    path_ = dir_ + "/nowhere/limber.db";
    auto store = Store::open(path_, Mode::read_only);
    REQUIRE_FALSE(store.ok());
    CHECK_THAT(store.error().message, Contains("no history yet at " + path_));
    CHECK_FALSE(fs::exists(dir_ + "/nowhere"));

    path_ = dir_ + "/empty.db";
    write_file("");
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_only), "no history yet");
}

TEST_CASE_METHOD(StoreDir, "store: unusable paths are errors", "[store]") {
    REQUIRE_ERROR_HAS(Store::open("", Mode::read_write), "no database path");
    REQUIRE_ERROR_HAS(Store::open(dir_, Mode::read_write), "cannot create " + dir_);
    REQUIRE_ERROR_HAS(Store::open(dir_, Mode::read_only), "cannot open " + dir_);
}

TEST_CASE_METHOD(StoreDir, "store: read-only refuses writes", "[store]") {
    (void)open();
    auto store = open(Mode::read_only);
    REQUIRE_ERROR_HAS(store.add_event(1, "x"), "read-only");
    REQUIRE_ERROR_HAS(store.open_span(SpanKind::sitting, "", 1), "read-only");
    REQUIRE_ERROR_HAS(store.recover(), "read-only");
    CHECK(store.events(0, 10).value().empty());
}

TEST_CASE_METHOD(StoreDir, "store: reads go on while another connection holds the write lock", "[store]") {
    auto writer = open();
    CHECK_OK(writer.add_event(10, "committed"));
    Raw other(path_);
    other.exec("BEGIN IMMEDIATE");
    other.exec("INSERT INTO events(at_ms, type) VALUES (20, 'pending')");

    auto reader = Store::open(path_, Mode::read_only);
    REQUIRE_OK(reader);
    auto seen = reader->events(0, 100);
    REQUIRE_OK(seen);
    REQUIRE(seen->size() == 1u);
    CHECK((*seen)[0].type == "committed");

    other.exec("COMMIT");
    CHECK_OK(writer.add_event(30, "later"));
    CHECK(reader->events(0, 100).value().size() == 3u);
}

TEST_CASE_METHOD(StoreDir, "store: a file of garbage is an error at open", "[store]") {
    std::string bytes;
    SECTION("random bytes") {
        std::mt19937 random(42);
        bytes.resize(8192);
        for (char& byte : bytes) byte = static_cast<char>(random());
    }
    SECTION("text") {
        bytes = "this is not a database\n";
    }
    write_file(bytes);
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_only), "not a database");
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_write), "not a database");
    CHECK(fs::file_size(path_) == bytes.size());  // left as it was
}

TEST_CASE_METHOD(StoreDir, "store: a truncated file is an error at open", "[store]") {
    {
        auto store = open();
        for (int i = 0; i < 2000; ++i) CHECK_OK(store.add_event(i, "reminder_shown", std::string(100, 'x')));
    }
    const auto size = fs::file_size(path_);
    REQUIRE(size > 64u * 1024);
    fs::resize_file(path_, size / 2);
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_only), "store: cannot read " + path_);
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_write), "malformed");
}

TEST_CASE_METHOD(StoreDir, "store: a schema from the future is refused", "[store]") {
    (void)open();
    Raw(path_).exec("PRAGMA user_version = 99");
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_write), "schema version 99");
    REQUIRE_ERROR_HAS(Store::open(path_, Mode::read_only), "schema version 99");
    CHECK(Raw(path_).text("PRAGMA user_version") == "99");  // never downgraded
}

TEST_CASE_METHOD(StoreDir, "store: an existing version 1 file is kept", "[store]") {
    Raw v1(path_);
    // Version 1 as it shipped, written by hand so a change to it shows here.
    v1.exec(R"sql(
        CREATE TABLE spans(id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK(kind IN ('sitting','break')), reason TEXT NOT NULL DEFAULT '',
            start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, open INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX spans_start ON spans(start_ms);
        CREATE INDEX spans_end ON spans(end_ms);
        CREATE INDEX spans_open ON spans(id) WHERE open = 1;
        CREATE TABLE events(id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, type TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}');
        CREATE INDEX events_at ON events(at_ms);
        INSERT INTO spans(kind, reason, start_ms, end_ms) VALUES ('break', 'lock', 10, 20);
        PRAGMA user_version = 1;
    )sql");
    auto store = open();
    CHECK(v1.text("PRAGMA user_version") == std::to_string(schema::kVersion));
    auto spans = store.spans(0, 100).value();
    REQUIRE(spans.size() == 1u);
    CHECK(spans[0].reason == "lock");
}

TEST_CASE_METHOD(StoreDir, "store: a moved store keeps its connection", "[store]") {
    auto first = open();
    Store second = std::move(first);
    CHECK_OK(second.add_event(1, "a"));
    REQUIRE_ERROR_HAS(first.add_event(2, "b"), "moved");  // NOLINT(bugprone-use-after-move)
    CHECK(first.path() == "");                            // NOLINT(bugprone-use-after-move)

    path_ = dir_ + "/other.db";
    auto third = open();
    third = std::move(second);
    CHECK(third.path() == dir_ + "/limber.db");
    CHECK(third.events(0, 10).value().size() == 1u);
}

TEST_CASE_METHOD(StoreDir, "store: event times of one type by range use their index", "[store]") {
    const auto times = [](const Result<std::vector<Event>>& events) {
        std::vector<std::int64_t> out;
        for (const Event& e : events.value()) out.push_back(e.at_ms);
        return out;
    };
    auto store = open();
    CHECK_OK(store.add_event(10, "routine_completed"));
    CHECK_OK(store.add_event(20, "routine_step"));
    CHECK_OK(store.add_event(30, "routine_completed"));
    CHECK_OK(store.add_event(40, "routine_completed"));
    CHECK(times(store.events_of_type("routine_completed", 10, 40)) == (std::vector<std::int64_t>{10, 30}));
    CHECK(times(store.events_of_type("routine_step", 0, 100)) == (std::vector<std::int64_t>{20}));
    CHECK(store.events_of_type("nothing", 0, 100).value().empty());
    auto reader = open(Mode::read_only);
    CHECK(reader.events_of_type("routine_completed", 0, 100).value().size() == 3u);
    // Reports look years back for one type: that must not read every event.
    CHECK(Raw(path_).text("SELECT count(*) FROM sqlite_master WHERE name = 'events_type_at'") == "1");
}

}  // namespace
}  // namespace limber::store
