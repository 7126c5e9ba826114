// The store against real SQLite files, one fresh directory per test.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "store/schema.hpp"
#include "store/store.hpp"

namespace limber::store {
namespace {

namespace fs = std::filesystem;

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
        EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(db_);
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

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/limber-store-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        path_ = dir_ + "/limber.db";
    }
    void TearDown() override { fs::remove_all(dir_); }

    Store open(Mode mode = Mode::read_write) {
        auto store = Store::open(path_, mode);
        if (!store) ADD_FAILURE() << store.error().message;
        return std::move(store).value();
    }
    static unsigned mode_of(const std::string& path) {
        struct stat info {};
        EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
        return info.st_mode & 0777;
    }
    void write_file(const std::string& bytes) { std::ofstream(path_, std::ios::binary) << bytes; }

    std::string dir_;
    std::string path_;
};

#define EXPECT_OK(expr)                                                                       \
    do {                                                                                      \
        auto&& result_ = (expr);                                                              \
        EXPECT_TRUE(result_.ok()) << #expr << ": " << (result_.ok() ? "" : result_.error().message); \
    } while (0)

#define EXPECT_ERROR_HAS(expr, text)                                                          \
    do {                                                                                      \
        auto&& result_ = (expr);                                                              \
        ASSERT_FALSE(result_.ok()) << #expr << " succeeded";                                  \
        EXPECT_NE(result_.error().message.find(text), std::string::npos) << result_.error().message; \
    } while (0)

std::vector<std::int64_t> ids(const std::vector<Span>& spans) {
    std::vector<std::int64_t> out;
    for (const auto& span : spans) out.push_back(span.id);
    return out;
}

TEST_F(StoreTest, CreatesPrivateFileAndDirectoriesWithWal) {
    path_ = dir_ + "/data/limber/limber.db";
    auto store = open();
    EXPECT_EQ(store.path(), path_);
    EXPECT_EQ(mode_of(path_), 0600u);
    EXPECT_EQ(mode_of(dir_ + "/data"), 0700u);
    EXPECT_EQ(mode_of(dir_ + "/data/limber"), 0700u);
    EXPECT_EQ(mode_of(path_ + "-wal"), 0600u);  // SQLite copies the file's mode
    Raw raw(path_);
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.text("PRAGMA user_version"), std::to_string(schema::kVersion));
}

TEST_F(StoreTest, TightensAnExistingFileTo0600) {
    write_file("");
    ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
    auto store = open();
    EXPECT_EQ(mode_of(path_), 0600u);
    EXPECT_EQ(Raw(path_).text("PRAGMA user_version"), std::to_string(schema::kVersion));
}

TEST_F(StoreTest, HistorySurvivesReopen) {
    {
        auto store = open();
        auto sitting = store.open_span(SpanKind::sitting, "", 1'000).value();
        EXPECT_OK(store.checkpoint_span(sitting, 60'000));
        EXPECT_OK(store.close_span(sitting, 90'000));
        auto rest = store.open_span(SpanKind::brk, "routine", 90'000).value();
        EXPECT_OK(store.close_span(rest, 150'000));
        EXPECT_OK(store.add_event(80'000, "reminder_shown", R"({"sitting_s":79})"));
        EXPECT_OK(store.add_event(90'000, "routine_started"));
    }
    for (Mode mode : {Mode::read_write, Mode::read_only}) {
        auto store = open(mode);
        auto spans = store.spans(0, 1'000'000).value();
        ASSERT_EQ(spans.size(), 2u);
        EXPECT_EQ(spans[0].kind, SpanKind::sitting);
        EXPECT_EQ(spans[0].reason, "");
        EXPECT_EQ(spans[0].start_ms, 1'000);
        EXPECT_EQ(spans[0].end_ms, 90'000);
        EXPECT_FALSE(spans[0].open);
        EXPECT_EQ(spans[1].kind, SpanKind::brk);
        EXPECT_EQ(spans[1].reason, "routine");
        EXPECT_EQ(spans[1].end_ms, 150'000);

        auto events = store.events(0, 1'000'000).value();
        ASSERT_EQ(events.size(), 2u);
        EXPECT_EQ(events[0].type, "reminder_shown");
        EXPECT_EQ(events[0].detail, R"({"sitting_s":79})");
        EXPECT_EQ(events[1].at_ms, 90'000);
        EXPECT_EQ(events[1].detail, "{}");
    }
}

TEST_F(StoreTest, RecoverClosesAKilledWritersSpanAtItsLastCheckpoint) {
    std::int64_t id = 0;
    {
        auto store = open();
        id = store.open_span(SpanKind::sitting, "", 1'000).value();
        EXPECT_OK(store.checkpoint_span(id, 61'000));
        EXPECT_OK(store.checkpoint_span(id, 121'000));
    }  // dies without closing it
    auto store = open();
    EXPECT_TRUE(store.last_span().value()->open);
    EXPECT_EQ(store.recover().value(), 1);
    auto after = store.last_span().value();
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->id, id);
    EXPECT_FALSE(after->open);
    EXPECT_EQ(after->end_ms, 121'000);
    EXPECT_EQ(store.recover().value(), 0);
}

TEST_F(StoreTest, SpansOverlappingARangeOldestFirst) {
    auto store = open();
    auto add = [&](std::int64_t start, std::int64_t end) {
        auto id = store.open_span(SpanKind::sitting, "", start).value();
        EXPECT_OK(store.close_span(id, end));
        return id;
    };
    const auto d = add(250, 400);  // written before the ones it sorts after
    const auto a = add(100, 200);
    const auto b = add(200, 300);
    const auto c = add(300, 300);  // zero length
    const auto e = add(500, 600);
    const auto e2 = add(500, 550);  // same start as e: id breaks the tie

    // Ranges at both ends of history, so both index choices are exercised.
    EXPECT_EQ(ids(store.spans(0, 10'000).value()), (std::vector{a, b, d, c, e, e2}));
    EXPECT_EQ(ids(store.spans(200, 300).value()), (std::vector{b, d}));  // a ends at 200, c starts at 300
    EXPECT_EQ(ids(store.spans(300, 301).value()), (std::vector{d, c}));
    EXPECT_EQ(ids(store.spans(0, 100).value()), (std::vector<std::int64_t>{}));
    EXPECT_EQ(ids(store.spans(0, 101).value()), (std::vector{a}));
    EXPECT_EQ(ids(store.spans(599, 600).value()), (std::vector{e}));
    EXPECT_EQ(ids(store.spans(549, 10'000).value()), (std::vector{e, e2}));
    EXPECT_EQ(ids(store.spans(600, 700).value()), (std::vector<std::int64_t>{}));
    EXPECT_EQ(ids(store.spans(300, 300).value()), (std::vector<std::int64_t>{}));  // empty range
}

TEST_F(StoreTest, EventsInARangeByTimeThenId) {
    auto store = open();
    EXPECT_OK(store.add_event(100, "a"));
    EXPECT_OK(store.add_event(50, "b"));
    EXPECT_OK(store.add_event(100, "c"));
    EXPECT_OK(store.add_event(200, "d"));
    auto events = store.events(50, 200).value();
    std::vector<std::string> types;
    for (const auto& event : events) types.push_back(event.type);
    EXPECT_EQ(types, (std::vector<std::string>{"b", "a", "c"}));
    EXPECT_TRUE(store.events(201, 300).value().empty());
}

TEST_F(StoreTest, LastSpanIsTheNewest) {
    auto store = open();
    EXPECT_FALSE(store.last_span().value().has_value());
    (void)store.open_span(SpanKind::sitting, "", 1'000);
    auto newest = store.open_span(SpanKind::brk, "idle", 500).value();  // clock stepped back
    auto last = store.last_span().value();
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->id, newest);
    EXPECT_EQ(last->reason, "idle");
    EXPECT_TRUE(last->open);
}

TEST_F(StoreTest, SpanLifecycleAndUnknownIds) {
    auto store = open();
    auto id = store.open_span(SpanKind::sitting, "", 1'000).value();
    EXPECT_OK(store.close_span(id, 5'000));
    EXPECT_ERROR_HAS(store.checkpoint_span(id, 6'000), "no open span");  // closed spans keep their end
    EXPECT_EQ(store.last_span().value()->end_ms, 5'000);

    EXPECT_OK(store.reopen_span(id));
    EXPECT_TRUE(store.last_span().value()->open);
    EXPECT_OK(store.checkpoint_span(id, 7'000));
    EXPECT_OK(store.checkpoint_span(id, 500));  // a wall clock stepped back
    EXPECT_EQ(store.last_span().value()->end_ms, 1'000);

    EXPECT_ERROR_HAS(store.checkpoint_span(999, 1), "checkpoint span 999");
    EXPECT_ERROR_HAS(store.close_span(999, 1), "close span 999");
    EXPECT_ERROR_HAS(store.reopen_span(999), "reopen span 999");
}

TEST_F(StoreTest, ReadOnlyOnAMissingFileNamesItAndCreatesNothing) {
    path_ = dir_ + "/nowhere/limber.db";
    auto store = Store::open(path_, Mode::read_only);
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().message.find("no history yet at " + path_), std::string::npos) << store.error().message;
    EXPECT_FALSE(fs::exists(dir_ + "/nowhere"));

    path_ = dir_ + "/empty.db";
    write_file("");
    EXPECT_ERROR_HAS(Store::open(path_, Mode::read_only), "no history yet");
}

TEST_F(StoreTest, UnusablePathsAreErrors) {
    EXPECT_ERROR_HAS(Store::open("", Mode::read_write), "no database path");
    EXPECT_ERROR_HAS(Store::open(dir_, Mode::read_write), "cannot create " + dir_);
    EXPECT_ERROR_HAS(Store::open(dir_, Mode::read_only), "cannot open " + dir_);
}

TEST_F(StoreTest, ReadOnlyRefusesWrites) {
    (void)open();
    auto store = open(Mode::read_only);
    EXPECT_ERROR_HAS(store.add_event(1, "x"), "read-only");
    EXPECT_ERROR_HAS(store.open_span(SpanKind::sitting, "", 1), "read-only");
    EXPECT_ERROR_HAS(store.recover(), "read-only");
    EXPECT_TRUE(store.events(0, 10).value().empty());
}

TEST_F(StoreTest, ReadsWhileAnotherConnectionHoldsTheWriteLock) {
    auto writer = open();
    EXPECT_OK(writer.add_event(10, "committed"));
    Raw other(path_);
    other.exec("BEGIN IMMEDIATE");
    other.exec("INSERT INTO events(at_ms, type) VALUES (20, 'pending')");

    auto reader = Store::open(path_, Mode::read_only);
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    auto seen = reader->events(0, 100);
    ASSERT_TRUE(seen.ok()) << seen.error().message;
    ASSERT_EQ(seen->size(), 1u);
    EXPECT_EQ((*seen)[0].type, "committed");

    other.exec("COMMIT");
    EXPECT_OK(writer.add_event(30, "later"));
    EXPECT_EQ(reader->events(0, 100).value().size(), 3u);
}

TEST_F(StoreTest, GarbageIsAnErrorAtOpen) {
    std::mt19937 random(42);
    std::string noise(8192, '\0');
    for (char& byte : noise) byte = static_cast<char>(random());
    for (const std::string& bytes : {noise, std::string("this is not a database\n")}) {
        write_file(bytes);
        EXPECT_ERROR_HAS(Store::open(path_, Mode::read_only), "not a database");
        EXPECT_ERROR_HAS(Store::open(path_, Mode::read_write), "not a database");
        EXPECT_EQ(fs::file_size(path_), bytes.size());  // left as it was
    }
}

TEST_F(StoreTest, TruncatedFileIsAnErrorAtOpen) {
    {
        auto store = open();
        for (int i = 0; i < 2000; ++i) EXPECT_OK(store.add_event(i, "reminder_shown", std::string(100, 'x')));
    }
    const auto size = fs::file_size(path_);
    ASSERT_GT(size, 64u * 1024);
    fs::resize_file(path_, size / 2);
    EXPECT_ERROR_HAS(Store::open(path_, Mode::read_only), "store: cannot read " + path_);
    EXPECT_ERROR_HAS(Store::open(path_, Mode::read_write), "malformed");
}

TEST_F(StoreTest, RefusesASchemaFromTheFuture) {
    (void)open();
    Raw(path_).exec("PRAGMA user_version = 99");
    EXPECT_ERROR_HAS(Store::open(path_, Mode::read_write), "schema version 99");
    EXPECT_ERROR_HAS(Store::open(path_, Mode::read_only), "schema version 99");
    EXPECT_EQ(Raw(path_).text("PRAGMA user_version"), "99");  // never downgraded
}

TEST_F(StoreTest, AnExistingVersionOneFileIsKept) {
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
    EXPECT_EQ(v1.text("PRAGMA user_version"), std::to_string(schema::kVersion));
    auto spans = store.spans(0, 100).value();
    ASSERT_EQ(spans.size(), 1u);
    EXPECT_EQ(spans[0].reason, "lock");
}

TEST_F(StoreTest, MovedStoreKeepsItsConnection) {
    auto first = open();
    Store second = std::move(first);
    EXPECT_OK(second.add_event(1, "a"));
    EXPECT_ERROR_HAS(first.add_event(2, "b"), "moved");  // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(first.path(), "");                         // NOLINT(bugprone-use-after-move)

    path_ = dir_ + "/other.db";
    auto third = open();
    third = std::move(second);
    EXPECT_EQ(third.path(), dir_ + "/limber.db");
    EXPECT_EQ(third.events(0, 10).value().size(), 1u);
}

TEST_F(StoreTest, EventTimesOfOneTypeByRangeUseTheirIndex) {
    auto store = open();
    EXPECT_OK(store.add_event(10, "routine_completed"));
    EXPECT_OK(store.add_event(20, "routine_step"));
    EXPECT_OK(store.add_event(30, "routine_completed"));
    EXPECT_OK(store.add_event(40, "routine_completed"));
    EXPECT_EQ(store.event_times("routine_completed", 10, 40).value(), (std::vector<std::int64_t>{10, 30}));
    EXPECT_EQ(store.event_times("routine_step", 0, 100).value(), (std::vector<std::int64_t>{20}));
    EXPECT_TRUE(store.event_times("nothing", 0, 100).value().empty());
    auto reader = open(Mode::read_only);
    EXPECT_EQ(reader.event_times("routine_completed", 0, 100).value().size(), 3u);
    // Reports look years back for one type: that must not read every event.
    EXPECT_EQ(Raw(path_).text("SELECT count(*) FROM sqlite_master WHERE name = 'events_type_at'"), "1");
}

}  // namespace
}  // namespace limber::store
