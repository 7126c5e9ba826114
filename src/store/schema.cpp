// SPDX-License-Identifier: MIT
#include "store/schema.hpp"

#include <iterator>

#include "store/sql.hpp"
#include "util/log.hpp"

namespace limber::store::schema {
namespace {

// Step i takes user_version i to i + 1. Never edit a shipped step: files in
// the wild already ran it. Add a new one.
constexpr const char* kMigrations[] = {
    // 1: the initial schema.
    R"sql(
    CREATE TABLE spans(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK(kind IN ('sitting', 'break')),
        reason TEXT NOT NULL DEFAULT '',
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        open INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX spans_start ON spans(start_ms);
    CREATE INDEX spans_end ON spans(end_ms);
    -- recover() runs at every daemon start; this keeps it off ten years of rows.
    CREATE INDEX spans_open ON spans(id) WHERE open = 1;
    CREATE TABLE events(
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        type TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_at ON events(at_ms);
    )sql",
    // 2: reports count one kind of event far back (completed routines, for
    // the stretch streak) without reading every event of those years.
    R"sql(
    CREATE INDEX events_type_at ON events(type, at_ms);
    )sql",
};
static_assert(std::size(kMigrations) == kVersion, "kVersion must count the migration steps");

Result<int> checked_version(sqlite3* db, const std::string& path) {
    auto version = sql::query_int(db, "PRAGMA user_version", "read the schema version of " + path);
    if (!version) return version.error();
    if (*version > kVersion || *version < 0) {
        return fail("store: " + path + " has schema version " + std::to_string(*version) +
                    ", newer than this limber knows (" + std::to_string(kVersion) +
                    "); refusing to touch it. Use the limber that wrote it, or a newer one.");
    }
    return static_cast<int>(*version);
}

Result<void> migrate_locked(sqlite3* db, const std::string& path) {
    auto from = checked_version(db, path);
    if (!from) return from.error();
    for (int step = *from; step < kVersion; ++step) {
        const auto what = "migrate " + path + " to schema version " + std::to_string(step + 1);
        if (auto done = sql::exec(db, kMigrations[step], what); !done) return done;
    }
    if (*from < kVersion) {
        // PRAGMA takes no parameters; the value is our own constant.
        const auto set = "PRAGMA user_version = " + std::to_string(kVersion);
        if (auto done = sql::exec(db, set, "record the schema version of " + path); !done) return done;
    }
    if (auto done = sql::exec(db, "COMMIT", "commit the schema of " + path); !done) return done;

    if (*from == 0) {
        log::get("store")->info("created history at {}", path);
    } else if (*from < kVersion) {
        log::get("store")->info("upgraded {} from schema version {} to {}", path, *from, kVersion);
    }
    return {};
}

}  // namespace

Result<int> probe(sqlite3* db, const std::string& path) {
    // user_version alone comes from the 100-byte header; reading sqlite_master
    // makes SQLite check the first page and the file size, where garbage and
    // truncation show.
    auto tables = sql::query_int(db, "SELECT count(*) FROM sqlite_master", "read " + path);
    if (!tables) return tables.error();
    return checked_version(db, path);
}

Result<void> migrate(sqlite3* db, const std::string& path) {
    // IMMEDIATE takes the write lock before the version is read, so two
    // daemons starting at once cannot both run the same step.
    if (auto begun = sql::exec(db, "BEGIN IMMEDIATE", "lock " + path + " to check its schema"); !begun) {
        return begun;
    }
    auto done = migrate_locked(db, path);
    if (!done && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return done;
}

}  // namespace limber::store::schema
