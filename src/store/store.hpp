// SPDX-License-Identifier: MIT
// History in SQLite: spans of sitting and breaks, and events. The daemon is
// the one writer; reports open the same file read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

struct sqlite3;

namespace limber::store {

enum class SpanKind { sitting, brk };

// Why a break happened (empty for sitting spans): core/vocabulary.hpp's
// vocab::reason.
struct Span {
    std::int64_t id = 0;
    SpanKind kind = SpanKind::sitting;
    std::string reason;
    std::int64_t start_ms = 0;  // UTC milliseconds
    std::int64_t end_ms = 0;    // last checkpoint while open
    bool open = false;
};

// type: core/vocabulary.hpp's vocab::event ("reminder_shown", ...).
// detail: a JSON object as text ("{}" when there is nothing to add), keys
// from vocab::key.
struct Event {
    std::int64_t id = 0;
    std::int64_t at_ms = 0;
    std::string type;
    std::string detail = "{}";
};

enum class Mode { read_write, read_only };

class Store {
public:
    // read_write creates the file (mode 0600) and its directory, migrates the
    // schema (PRAGMA user_version) and turns on WAL. read_only never creates
    // or migrates; a missing file is an error that says so.
    static Result<Store> open(const std::string& path, Mode mode);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::string& path() const;

    // Close every span still open (a daemon that died) at its last checkpoint.
    // Returns how many were closed.
    Result<int> recover();

    Result<std::int64_t> open_span(SpanKind kind, const std::string& reason, std::int64_t start_ms);
    Result<void> checkpoint_span(std::int64_t id, std::int64_t end_ms);
    Result<void> close_span(std::int64_t id, std::int64_t end_ms);
    // Open a closed span again (a restart inside a short gap keeps sitting whole).
    Result<void> reopen_span(std::int64_t id);
    Result<void> add_event(std::int64_t at_ms, const std::string& type, const std::string& detail = "{}");

    // Spans that overlap [from_ms, to_ms), oldest first.
    Result<std::vector<Span>> spans(std::int64_t from_ms, std::int64_t to_ms) const;
    // Events with from_ms <= at_ms < to_ms, oldest first.
    Result<std::vector<Event>> events(std::int64_t from_ms, std::int64_t to_ms) const;
    // Events of one type with from_ms <= at_ms < to_ms, oldest first:
    // reports look far back for one kind (routine_completed) cheaply.
    Result<std::vector<Event>> events_of_type(const std::string& type, std::int64_t from_ms,
                                              std::int64_t to_ms) const;
    // The newest event of one type, if any: what a restart must remember
    // (a pause, a snooze) is the last word of its kind.
    Result<std::optional<Event>> last_event(const std::string& type) const;
    // The newest span, open or not.
    Result<std::optional<Span>> last_span() const;

private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace limber::store
