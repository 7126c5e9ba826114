// SPDX-License-Identifier: MIT
#include "store/sql.hpp"

namespace limber::store::sql {

Error error(sqlite3* db, std::string_view what) {
    std::string message = "store: cannot ";
    message += what;
    message += ": ";
    message += db ? sqlite3_errmsg(db) : "out of memory";
    return fail(std::move(message));
}

Result<void> exec(sqlite3* db, const std::string& sql, std::string_view what) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return error(db, what);
    return {};
}

Result<Stmt> prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    Stmt stmt(raw);
    if (rc != SQLITE_OK) return error(db, std::string("prepare \"") + sql + "\"");
    return stmt;
}

namespace {

// Runs a one-off query and hands its first row (if any) to `read`.
template <class T, class Read>
Result<T> query_one(sqlite3* db, const char* sql, std::string_view what, Read read) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    Stmt stmt(raw);
    if (rc != SQLITE_OK) return error(db, what);
    Use use(stmt.get());
    const int step = use.step();
    if (step == SQLITE_ROW) return read(use);
    if (step == SQLITE_DONE) return T{};
    return error(db, what);
}

}  // namespace

Result<std::int64_t> query_int(sqlite3* db, const char* sql, std::string_view what) {
    return query_one<std::int64_t>(db, sql, what, [](const Use& row) { return row.integer(0); });
}

Result<std::string> query_text(sqlite3* db, const char* sql, std::string_view what) {
    return query_one<std::string>(db, sql, what, [](const Use& row) { return row.text(0); });
}

void Use::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Use::bind(int index, std::string_view text) {
    // An empty view may carry a null pointer, which SQLite would bind as NULL.
    const char* data = text.data() ? text.data() : "";
    const int rc = sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

int Use::step() {
    if (bind_rc_ != SQLITE_OK) return bind_rc_;
    return sqlite3_step(stmt_);
}

std::string Use::text(int column) const {
    const auto* bytes = sqlite3_column_text(stmt_, column);
    if (!bytes) return {};
    return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

}  // namespace limber::store::sql
