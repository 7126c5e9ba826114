// SPDX-License-Identifier: MIT
// Thin RAII over the SQLite C API, private to limber_store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace limber::store::sql {

struct CloseDb {
    // _v2 so a forgotten statement cannot turn close into a leak.
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

struct Finalize {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, Finalize>;

// "store: cannot <what>: <sqlite's message>"
Error error(sqlite3* db, std::string_view what);

Result<void> exec(sqlite3* db, const std::string& sql, std::string_view what);

// For statements kept for the life of a Store.
Result<Stmt> prepare(sqlite3* db, const char* sql);

// Runs a query that answers one integer (a pragma, a count).
Result<std::int64_t> query_int(sqlite3* db, const char* sql, std::string_view what);
Result<std::string> query_text(sqlite3* db, const char* sql, std::string_view what);

// One use of a kept statement. Resetting on the way out, on every path, keeps
// a half-read SELECT from holding a read transaction (and the WAL) open, and
// drops bindings that point into the caller's strings.
class Use {
public:
    explicit Use(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~Use() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

    void bind(int index, std::int64_t value);
    // The text must outlive the Use (bound without a copy).
    void bind(int index, std::string_view text);
    // SQLITE_ROW, SQLITE_DONE or an error; a failed bind is reported here.
    int step();

    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::string text(int column) const;

private:
    sqlite3_stmt* stmt_;
    int bind_rc_ = SQLITE_OK;
};

}  // namespace limber::store::sql
