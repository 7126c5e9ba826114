// SPDX-License-Identifier: MIT
#include "store/open.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/schema.hpp"
#include "util/log.hpp"

namespace limber::store {
namespace {

// Long enough to ride out a checkpoint or the daemon's migration, short
// enough that a stuck lock is reported instead of hanging a report.
constexpr int kBusyTimeoutMs = 2000;

// The daemon keeps one connection open for months and writes a row a
// minute: SQLite's speed-ups for busy servers only cost it memory.
// The writer's page cache holds at most 256 kB (the default allows 2 MB,
// which a 400-day report would fill and keep for good).
constexpr int kCacheKiB = 256;

// Process-wide, so before SQLite initializes: no lookaside (120 kB per
// connection, every slot written at open) and no page cache allocated in
// bulk up front (20 pages); pages are then allocated as they are used.
void configure_sqlite_once() {
    static const bool done = [] {
        sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
        sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
        return true;
    }();
    (void)done;
}

Error os_error(const std::string& what) { return fail("store: cannot " + what + ": " + std::strerror(errno)); }

// History says when someone was at their desk: nobody else's business, so
// every directory we have to create gets 0700.
Result<void> make_parent_dirs(const std::string& path) {
    std::filesystem::path partial;
    for (const auto& part : std::filesystem::path(path).parent_path()) {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            return os_error("create directory " + partial.string());
        }
    }
    return {};
}

// SQLite would create the file with the umask's mode; creating it ourselves
// means it is never readable by others, not even for a moment. An existing
// file is tightened too (an old copy, a restore from backup).
Result<void> create_private_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) return os_error("create " + path);
    const bool tightened = ::fchmod(fd, 0600) == 0;
    const int saved = errno;
    ::close(fd);
    errno = saved;
    if (!tightened) return os_error("set mode 0600 on " + path);
    return {};
}

Result<sql::Db> connect(const std::string& path, int flags) {
    configure_sqlite_once();
    sqlite3* raw = nullptr;
    // NOMUTEX: a Store belongs to one thread at a time.
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    sql::Db db(raw);
    if (rc != SQLITE_OK) return sql::error(db.get(), "open " + path);
    // Under WAL readers and the writer rarely wait for each other; when they
    // do (checkpoint, migration), waiting beats failing.
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    // In case SQLite was initialized before configure_sqlite_once.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_LOOKASIDE, nullptr, 0, 0);
    return db;
}

Result<void> configure_writer(sqlite3* db, const std::string& path) {
    // journal_mode answers the mode it ended up in: a file system without
    // shared memory (some network mounts) keeps the old one. Still usable,
    // only reports may then wait for the daemon.
    auto mode = sql::query_text(db, "PRAGMA journal_mode = WAL", "turn on WAL for " + path);
    if (!mode) return mode.error();
    if (*mode != "wal") log::get("store")->warn("{}: WAL refused, journal mode stays {}", path, *mode);
    // In WAL, NORMAL can lose the last commits on power loss but never
    // corrupts; the span contract already allows a minute of loss.
    if (auto done = sql::exec(db, "PRAGMA synchronous = NORMAL", "set synchronous for " + path); !done) return done;
    const auto cache = "PRAGMA cache_size = -" + std::to_string(kCacheKiB);
    if (auto done = sql::exec(db, cache, "set the cache size for " + path); !done) return done;
    return sql::exec(db, "PRAGMA foreign_keys = ON", "turn on foreign keys for " + path);
}

}  // namespace

Result<sql::Db> open_for_writing(const std::string& path) {
    if (path.empty()) return fail("store: no database path given");
    if (auto made = make_parent_dirs(path); !made) return made.error();
    if (auto made = create_private_file(path); !made) return made.error();
    auto db = connect(path, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    // Before any write: a file from a newer limber is left exactly as it is.
    if (auto version = schema::probe(db->get(), path); !version) return version.error();
    if (auto done = configure_writer(db->get(), path); !done) return done.error();
    if (auto done = schema::migrate(db->get(), path); !done) return done.error();
    return db;
}

Result<sql::Db> open_for_reading(const std::string& path) {
    if (path.empty()) return fail("store: no database path given");
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return fail("store: no history yet at " + path + " (limberd has not recorded anything)");
        return os_error("open " + path);
    }
    auto db = connect(path, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto version = schema::probe(db->get(), path);
    if (!version) return version.error();
    if (*version == 0) return fail("store: no history yet at " + path + " (the database is empty)");
    if (*version < schema::kVersion) {
        return fail("store: " + path + " has schema version " + std::to_string(*version) + ", older than this limber's " +
                    std::to_string(schema::kVersion) + "; start limberd once to upgrade it");
    }
    return db;
}

}  // namespace limber::store
