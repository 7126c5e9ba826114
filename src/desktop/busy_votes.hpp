// SPDX-License-Identifier: MIT
// Several sources may see one kind: a camera through PipeWire's nodes and
// through its V4L2 device node. The kind is busy while any of them says
// so; the listener hears each change once, not each source's.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "desktop/busy_source.hpp"

namespace limber::desktop {

class BusyVotes {
public:
    explicit BusyVotes(BusyListener& out) : out_(out) {}
    BusyVotes(const BusyVotes&) = delete;
    BusyVotes& operator=(const BusyVotes&) = delete;

    // The listener for one more source; it lives as long as this. Earlier
    // sources name who is busy first.
    BusyListener& voter() {
        voters_.push_back(std::make_unique<Voter>(*this));
        return *voters_.back();
    }

private:
    struct Voter final : BusyListener {
        explicit Voter(BusyVotes& v) : votes(v) {}
        void on_busy(core::BusyKind kind, bool on, const std::string& who) override {
            if (on) held[kind] = who;
            else held.erase(kind);
            votes.recount(kind);
        }
        BusyVotes& votes;
        std::map<core::BusyKind, std::string> held;
    };

    void recount(core::BusyKind kind) {
        std::optional<std::string> who;
        for (const auto& v : voters_) {
            if (const auto it = v->held.find(kind); it != v->held.end()) {
                who = it->second;
                break;
            }
        }
        std::optional<std::string>& last = reported_[kind];
        if (who == last) return;
        last = who;
        out_.on_busy(kind, who.has_value(), who.value_or(""));
    }

    BusyListener& out_;
    std::vector<std::unique_ptr<Voter>> voters_;
    std::map<core::BusyKind, std::optional<std::string>> reported_;
};

}  // namespace limber::desktop
