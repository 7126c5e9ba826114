#include "daemon/history.hpp"

#include <nlohmann/json.hpp>

#include "core/vocabulary.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

std::string detail_json(const std::vector<std::pair<std::string, core::DetailValue>>& detail) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : detail) std::visit([&](const auto& v) { j[key] = v; }, value);
    // Routine ids come from file names, which need not be UTF-8.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

store::SpanKind to_store(core::SpanKind k) {
    return k == core::SpanKind::sitting ? store::SpanKind::sitting : store::SpanKind::brk;
}

}  // namespace

History::History(store::Store store) : store_(std::move(store)) {}

History::History(std::string problem) : problem_(std::move(problem)) {}

void History::attach(store::Store store, std::optional<Millis> sitting_since_wall) {
    store_ = std::move(store);
    problem_.clear();
    failing_ = false;
    open_id_.reset();
    if (auto closed = store_->recover(); !closed) failed(closed.error());
    if (sitting_since_wall) apply(core::OpenSpan{core::SpanKind::sitting, "", *sitting_since_wall});
}

std::optional<core::ResumedSitting> History::start(const Stamp& now, Millis natural_break) {
    if (!store_) return std::nullopt;
    auto log = log::get("store");
    if (auto closed = store_->recover(); !closed) {
        failed(closed.error());
    } else if (*closed > 0) {
        log->info("closed {} span(s) left open by a daemon that did not stop cleanly", *closed);
    }
    auto last = store_->last_span();
    if (!last || !*last) return std::nullopt;
    const store::Span& span = **last;
    const std::int64_t gap = now.wall.count() - span.end_ms;
    if (gap < 0) return std::nullopt;  // the clock went back; start fresh
    if (gap < natural_break.count()) {
        if (span.kind != store::SpanKind::sitting) return std::nullopt;
        if (auto ok = store_->reopen_span(span.id); !ok) {
            failed(ok.error());
            return std::nullopt;
        }
        open_id_ = span.id;
        log->info("continuing the sitting that began before the restart");
        return core::ResumedSitting{Millis{span.start_ms}};
    }
    // Nobody was measuring, and it was long enough to count as away.
    if (auto id = store_->open_span(store::SpanKind::brk, vocab::reason::shutdown, span.end_ms); id) {
        if (auto ok = store_->close_span(*id, now.wall.count()); !ok) failed(ok.error());
    } else {
        failed(id.error());
    }
    return std::nullopt;
}

bool History::apply(const core::Effect& effect) {
    if (!store_) {
        return std::holds_alternative<core::OpenSpan>(effect) || std::holds_alternative<core::CheckpointSpan>(effect) ||
               std::holds_alternative<core::CloseSpan>(effect) || std::holds_alternative<core::Record>(effect);
    }
    Result<void> written;
    if (const auto* open = std::get_if<core::OpenSpan>(&effect)) {
        auto id = store_->open_span(to_store(open->kind), open->reason, open->start_wall.count());
        open_id_.reset();
        if (id) open_id_ = *id;
        else written = id.error();
    } else if (const auto* cp = std::get_if<core::CheckpointSpan>(&effect)) {
        if (open_id_) written = store_->checkpoint_span(*open_id_, cp->end_wall.count());
    } else if (const auto* close = std::get_if<core::CloseSpan>(&effect)) {
        if (open_id_) written = store_->close_span(*open_id_, close->end_wall.count());
        open_id_.reset();
    } else if (const auto* rec = std::get_if<core::Record>(&effect)) {
        written = store_->add_event(rec->wall.count(), rec->type, detail_json(rec->detail));
    } else {
        return false;
    }
    if (!written) {
        failed(written.error());
    } else if (failing_) {
        failing_ = false;
        log::get("store")->info("writing history works again");
    }
    return true;
}

void History::failed(const Error& error) {
    // One line per outage, not one per minute of it.
    if (!failing_) log::get("store")->error("{}", error.message);
    failing_ = true;
}

}  // namespace limber::daemon
