// SPDX-License-Identifier: MIT
#include "daemon/history.hpp"

#include <algorithm>

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

// Numbers and strings of a stored detail; a row that is not JSON (written
// by hand, or by a future version) reads as no detail rather than an error.
std::vector<std::pair<std::string, core::DetailValue>> detail_values(const std::string& text) {
    std::vector<std::pair<std::string, core::DetailValue>> out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return out;
    for (const auto& [key, value] : j.items()) {
        if (value.is_number_integer()) out.emplace_back(key, value.get<std::int64_t>());
        else if (value.is_string()) out.emplace_back(key, value.get<std::string>());
    }
    return out;
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
    last_id_.reset();
    if (auto closed = store_->recover(); !closed) failed(closed.error());
    if (sitting_since_wall) apply(core::OpenSpan{core::SpanKind::sitting, "", *sitting_since_wall});
}

core::Previous History::previous() {
    if (!store_) return {};  // no file to read: the engine starts fresh
    auto log = log::get("store");
    if (auto closed = store_->recover(); !closed) {
        failed(closed.error());
    } else if (*closed > 0) {
        log->info("closed {} span(s) left open by a daemon that did not stop cleanly", *closed);
    }
    core::Previous previous;
    if (auto last = store_->last_span(); !last) {
        failed(last.error());
    } else if (*last) {
        const store::Span& span = **last;
        last_id_ = span.id;
        previous.last_span = core::Previous::Span{
            span.kind == store::SpanKind::sitting ? core::SpanKind::sitting : core::SpanKind::brk,
            Millis{span.start_ms}, Millis{span.end_ms}};
    }
    for (const std::string& type : core::Engine::remembered_events()) {
        auto event = store_->last_event(type);
        if (!event) {
            failed(event.error());
        } else if (*event) {
            previous.events.push_back(core::Record{type, Millis{(*event)->at_ms}, detail_values((*event)->detail)});
        }
    }
    std::stable_sort(previous.events.begin(), previous.events.end(),
                     [](const core::Record& a, const core::Record& b) { return a.wall < b.wall; });
    return previous;
}

bool History::apply(const core::Effect& effect) {
    if (!store_) {
        return std::holds_alternative<core::OpenSpan>(effect) || std::holds_alternative<core::CheckpointSpan>(effect) ||
               std::holds_alternative<core::ReopenSpan>(effect) || std::holds_alternative<core::CloseSpan>(effect) ||
               std::holds_alternative<core::Record>(effect);
    }
    Result<void> written;
    if (const auto* open = std::get_if<core::OpenSpan>(&effect)) {
        auto id = store_->open_span(to_store(open->kind), open->reason, open->start_wall.count());
        open_id_.reset();
        if (id) open_id_ = *id;
        else written = id.error();
    } else if (const auto* cp = std::get_if<core::CheckpointSpan>(&effect)) {
        if (open_id_) written = store_->checkpoint_span(*open_id_, cp->end_wall.count());
    } else if (std::holds_alternative<core::ReopenSpan>(effect)) {
        if (last_id_) {
            written = store_->reopen_span(*last_id_);
            if (written) {
                open_id_ = *last_id_;
                log::get("store")->info("continuing the sitting that began before the restart");
            }
        }
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
