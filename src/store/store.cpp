// SPDX-License-Identifier: MIT
#include "store/store.hpp"

#include "store/open.hpp"
#include "store/sql.hpp"

namespace limber::store {

struct Store::Impl {
    std::string path;
    Mode mode = Mode::read_only;
    sql::Db db;  // before the statements, so they are finalized first

    // Prepared once per Store: the daemon writes on every transition and
    // checkpoints every minute for years.
    sql::Stmt insert_span, checkpoint_span, close_span, reopen_span, recover, insert_event;
    sql::Stmt span_bounds, spans_by_start, spans_by_end, events, last_span;
    sql::Stmt events_of_type, last_event;

    Result<void> prepare_all();
    Result<void> writable(const std::string& what) const;
    // Runs an UPDATE of one span by id; `missing` says why no row matched.
    Result<void> change_span(sqlite3_stmt* stmt, std::int64_t id, const std::int64_t* end_ms,
                             const std::string& what, const char* missing);
};

namespace {

constexpr const char* kSpanColumns = "id, kind, reason, start_ms, end_ms, open";

// Overlap with [?1, ?2), plus zero-length spans that start inside it. The
// same query twice, each pinned to one index; see Store::spans.
constexpr const char* kSpansBy =
    " WHERE start_ms < ?2 AND end_ms >= ?1 AND (end_ms > ?1 OR start_ms = end_ms)"
    " ORDER BY start_ms, id";

const char* kind_text(SpanKind kind) { return kind == SpanKind::brk ? "break" : "sitting"; }

Event read_event(const sql::Use& row) {
    Event event;
    event.id = row.integer(0);
    event.at_ms = row.integer(1);
    event.type = row.text(2);
    event.detail = row.text(3);
    return event;
}

Span read_span(const sql::Use& row) {
    Span span;
    span.id = row.integer(0);
    span.kind = row.text(1) == "break" ? SpanKind::brk : SpanKind::sitting;
    span.reason = row.text(2);
    span.start_ms = row.integer(3);
    span.end_ms = row.integer(4);
    span.open = row.integer(5) != 0;
    return span;
}

Error moved_from(const std::string& what) { return fail("store: cannot " + what + ": the Store was moved from"); }

}  // namespace

Result<void> Store::Impl::prepare_all() {
    struct Want {
        sql::Stmt* into;
        std::string sql;
    };
    const std::string select_spans = std::string("SELECT ") + kSpanColumns + " FROM spans";
    std::vector<Want> wants = {
        {&span_bounds, "SELECT (SELECT min(start_ms) FROM spans), (SELECT max(end_ms) FROM spans)"},
        {&spans_by_start, select_spans + " INDEXED BY spans_start" + kSpansBy},
        {&spans_by_end, select_spans + " INDEXED BY spans_end" + kSpansBy},
        {&events, "SELECT id, at_ms, type, detail FROM events WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id"},
        {&last_span, select_spans + " ORDER BY id DESC LIMIT 1"},
        {&events_of_type, "SELECT id, at_ms, type, detail FROM events INDEXED BY events_type_at"
                       " WHERE type = ?1 AND at_ms >= ?2 AND at_ms < ?3 ORDER BY at_ms"},
        {&last_event, "SELECT id, at_ms, type, detail FROM events INDEXED BY events_type_at"
                      " WHERE type = ?1 ORDER BY at_ms DESC, id DESC LIMIT 1"},
    };
    if (mode == Mode::read_write) {
        // max(start_ms, ...): a wall clock stepped back while a span is open
        // must not leave a span that ends before it starts.
        wants.insert(wants.end(), {
            {&insert_span, "INSERT INTO spans(kind, reason, start_ms, end_ms, open) VALUES(?1, ?2, ?3, ?3, 1)"},
            {&checkpoint_span, "UPDATE spans SET end_ms = max(start_ms, ?2) WHERE id = ?1 AND open = 1"},
            {&close_span, "UPDATE spans SET end_ms = max(start_ms, ?2), open = 0 WHERE id = ?1"},
            {&reopen_span, "UPDATE spans SET open = 1 WHERE id = ?1"},
            {&recover, "UPDATE spans SET open = 0 WHERE open = 1"},
            {&insert_event, "INSERT INTO events(at_ms, type, detail) VALUES(?1, ?2, ?3)"},
        });
    }
    for (auto& want : wants) {
        auto stmt = sql::prepare(db.get(), want.sql.c_str());
        if (!stmt) return stmt.error();
        *want.into = std::move(*stmt);
    }
    return {};
}

Result<void> Store::Impl::writable(const std::string& what) const {
    if (mode == Mode::read_only) return fail("store: cannot " + what + ": " + path + " is open read-only");
    return {};
}

Result<void> Store::Impl::change_span(sqlite3_stmt* stmt, std::int64_t id, const std::int64_t* end_ms,
                                      const std::string& what, const char* missing) {
    if (auto ok = writable(what); !ok) return ok;
    sql::Use use(stmt);
    use.bind(1, id);
    if (end_ms) use.bind(2, *end_ms);
    if (use.step() != SQLITE_DONE) return sql::error(db.get(), what);
    if (sqlite3_changes(db.get()) == 0) return fail("store: cannot " + what + ": " + missing);
    return {};
}

Result<Store> Store::open(const std::string& path, Mode mode) {
    auto db = mode == Mode::read_write ? open_for_writing(path) : open_for_reading(path);
    if (!db) return db.error();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->mode = mode;
    impl->db = std::move(*db);
    if (auto ready = impl->prepare_all(); !ready) return ready.error();
    return Store(std::move(impl));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const {
    static const std::string none;
    return impl_ ? impl_->path : none;
}

Result<int> Store::recover() {
    const std::string what = "close spans left open";
    if (!impl_) return moved_from(what);
    if (auto ok = impl_->writable(what); !ok) return ok.error();
    sql::Use use(impl_->recover.get());
    if (use.step() != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return sqlite3_changes(impl_->db.get());
}

Result<std::int64_t> Store::open_span(SpanKind kind, const std::string& reason, std::int64_t start_ms) {
    const std::string what = "start a span";
    if (!impl_) return moved_from(what);
    if (auto ok = impl_->writable(what); !ok) return ok.error();
    sql::Use use(impl_->insert_span.get());
    use.bind(1, kind_text(kind));
    use.bind(2, reason);
    use.bind(3, start_ms);
    if (use.step() != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return sqlite3_last_insert_rowid(impl_->db.get());
}

Result<void> Store::checkpoint_span(std::int64_t id, std::int64_t end_ms) {
    const std::string what = "checkpoint span " + std::to_string(id);
    if (!impl_) return moved_from(what);
    return impl_->change_span(impl_->checkpoint_span.get(), id, &end_ms, what, "no open span has that id");
}

Result<void> Store::close_span(std::int64_t id, std::int64_t end_ms) {
    const std::string what = "close span " + std::to_string(id);
    if (!impl_) return moved_from(what);
    return impl_->change_span(impl_->close_span.get(), id, &end_ms, what, "no span has that id");
}

Result<void> Store::reopen_span(std::int64_t id) {
    const std::string what = "reopen span " + std::to_string(id);
    if (!impl_) return moved_from(what);
    return impl_->change_span(impl_->reopen_span.get(), id, nullptr, what, "no span has that id");
}

Result<void> Store::add_event(std::int64_t at_ms, const std::string& type, const std::string& detail) {
    const std::string what = "write event";
    if (!impl_) return moved_from(what);
    if (auto ok = impl_->writable(what); !ok) return ok;
    sql::Use use(impl_->insert_event.get());
    use.bind(1, at_ms);
    use.bind(2, type);
    use.bind(3, detail);
    if (use.step() != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return {};
}

Result<std::vector<Span>> Store::spans(std::int64_t from_ms, std::int64_t to_ms) const {
    const std::string what = "read spans";
    if (!impl_) return moved_from(what);
    std::vector<Span> out;
    if (to_ms <= from_ms) return out;

    // Both indexes give the same rows; the one with less history on the
    // queried side gives them fast. SQLite cannot tell which without stats
    // and would walk all of start_ms for this week's report. History is
    // spread evenly enough in time for the bounds to be a fair estimate.
    sqlite3_stmt* query = impl_->spans_by_start.get();
    {
        sql::Use bounds(impl_->span_bounds.get());
        if (bounds.step() != SQLITE_ROW) return sql::error(impl_->db.get(), what);
        if (bounds.is_null(0)) return out;
        const double before_to = static_cast<double>(to_ms) - static_cast<double>(bounds.integer(0));
        const double after_from = static_cast<double>(bounds.integer(1)) - static_cast<double>(from_ms);
        if (after_from < before_to) query = impl_->spans_by_end.get();
    }

    sql::Use use(query);
    use.bind(1, from_ms);
    use.bind(2, to_ms);
    int rc = SQLITE_OK;
    while ((rc = use.step()) == SQLITE_ROW) out.push_back(read_span(use));
    if (rc != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return out;
}

Result<std::vector<Event>> Store::events(std::int64_t from_ms, std::int64_t to_ms) const {
    const std::string what = "read events";
    if (!impl_) return moved_from(what);
    std::vector<Event> out;
    sql::Use use(impl_->events.get());
    use.bind(1, from_ms);
    use.bind(2, to_ms);
    int rc = SQLITE_OK;
    while ((rc = use.step()) == SQLITE_ROW) out.push_back(read_event(use));
    if (rc != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return out;
}

Result<std::vector<Event>> Store::events_of_type(const std::string& type, std::int64_t from_ms,
                                                 std::int64_t to_ms) const {
    const std::string what = "read " + type + " events";
    if (!impl_) return moved_from(what);
    std::vector<Event> out;
    sql::Use use(impl_->events_of_type.get());
    use.bind(1, type);
    use.bind(2, from_ms);
    use.bind(3, to_ms);
    int rc = SQLITE_OK;
    while ((rc = use.step()) == SQLITE_ROW) out.push_back(read_event(use));
    if (rc != SQLITE_DONE) return sql::error(impl_->db.get(), what);
    return out;
}

Result<std::optional<Event>> Store::last_event(const std::string& type) const {
    const std::string what = "read the last " + type + " event";
    if (!impl_) return moved_from(what);
    sql::Use use(impl_->last_event.get());
    use.bind(1, type);
    const int rc = use.step();
    if (rc == SQLITE_DONE) return std::optional<Event>();
    if (rc != SQLITE_ROW) return sql::error(impl_->db.get(), what);
    Event event;
    event.id = use.integer(0);
    event.at_ms = use.integer(1);
    event.type = use.text(2);
    event.detail = use.text(3);
    return std::optional<Event>(std::move(event));
}

Result<std::optional<Span>> Store::last_span() const {
    const std::string what = "read the last span";
    if (!impl_) return moved_from(what);
    sql::Use use(impl_->last_span.get());
    const int rc = use.step();
    if (rc == SQLITE_ROW) return std::optional<Span>(read_span(use));
    if (rc == SQLITE_DONE) return std::optional<Span>();
    return sql::error(impl_->db.get(), what);
}

}  // namespace limber::store
