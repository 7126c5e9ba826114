// SPDX-License-Identifier: MIT
#include "store/file_check.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "store/sql.hpp"

namespace limber::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAsideInfix = ".corrupt-";

Diagnosis found(FileTrouble trouble, const std::string& path, const std::string& reason) {
    return {trouble, path + ": " + reason};
}

// SQLite's primary result code decides; the message is only for people.
Diagnosis from_sqlite(int rc, sqlite3* db, const std::string& path) {
    const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return found(FileTrouble::damaged, path, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return found(FileTrouble::busy, path, message + " (another program holds it)");
    default: return found(FileTrouble::unreadable, path, message);
    }
}

// The file system's answer, before SQLite sees the file: root ignores modes
// but not a directory in the file's place or an immutable file.
std::optional<Diagnosis> os_trouble(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return Diagnosis{};
        return found(FileTrouble::unreadable, path, std::strerror(errno));
    }
    if (S_ISDIR(info.st_mode)) return found(FileTrouble::unreadable, path, "is a directory, not a database file");
    if (!S_ISREG(info.st_mode)) return found(FileTrouble::unreadable, path, "is not a regular file");
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return found(FileTrouble::unreadable, path, std::string("cannot open it: ") + std::strerror(errno));
    ::close(fd);
    if (info.st_size == 0) return Diagnosis{};  // SQLite makes a database of it
    return std::nullopt;
}

}  // namespace

Diagnosis diagnose(const std::string& path, int busy_timeout_ms) {
    if (auto os = os_trouble(path)) return *os;

    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    const sql::Db db(raw);
    if (opened != SQLITE_OK) return from_sqlite(opened, db.get(), path);
    sqlite3_busy_timeout(db.get(), busy_timeout_ms);

    sqlite3_stmt* raw_stmt = nullptr;
    int rc = sqlite3_prepare_v2(db.get(), "PRAGMA quick_check(1)", -1, &raw_stmt, nullptr);
    const sql::Stmt check(raw_stmt);
    if (rc != SQLITE_OK) return from_sqlite(rc, db.get(), path);
    rc = sqlite3_step(check.get());
    if (rc != SQLITE_ROW) return from_sqlite(rc, db.get(), path);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 0));
    const std::string verdict = text ? text : "";
    if (verdict != "ok") return found(FileTrouble::damaged, path, "fails SQLite's quick_check: " + verdict);

    // Readable and whole; the daemon also needs the write lock.
    if (rc = sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr); rc != SQLITE_OK) {
        return from_sqlite(rc, db.get(), path);
    }
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return Diagnosis{};
}

Result<std::string> move_aside(const std::string& path, const std::string& stamp) {
    const std::string aside = path + kAsideInfix + stamp;
    std::error_code ec;
    fs::rename(path, aside, ec);
    if (ec) return fail("store: cannot move " + path + " aside to " + aside + ": " + ec.message());
    // Missing -wal and -shm are normal (a clean close removes them).
    for (const char* suffix : {"-wal", "-shm"}) fs::rename(path + suffix, aside + suffix, ec);
    return aside;
}

std::vector<std::string> moved_aside(const std::string& path) {
    std::vector<std::string> names;
    const fs::path file(path);
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const std::string prefix = file.filename().string() + kAsideInfix;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        if (name.ends_with("-wal") || name.ends_with("-shm")) continue;
        names.push_back((dir / name).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace limber::store
