// SPDX-License-Identifier: MIT
// Spoken guidance during a routine: the step's name, the side, "switch
// sides", "last one", for a user on the floor and for screen reader users.
#pragma once

#include <string>
#include <string_view>

namespace limber::desktop {

class Speech {
public:
    virtual ~Speech() = default;
    virtual std::string_view name() const = 0;
    // A routine starts: connect. Until then a backend holds nothing.
    virtual void open() = 0;
    // Says `text`, cutting short what this client was still saying (a step
    // skipped with Next must not be read out to its end). Never blocks the
    // caller; a failure is logged once and the routine goes on.
    virtual void say(std::string text) = 0;
    // Stops what this client is saying now and drops what it had queued
    // (a call has started). Never blocks; other clients' speech stays.
    virtual void hush() = 0;
    // The routine is over: let go, once the last words are out.
    virtual void release() = 0;
    // What went wrong lately, for `limberctl doctor`; empty when nothing did.
    virtual std::string problem() const = 0;
};

class NullSpeech final : public Speech {
public:
    std::string_view name() const override { return "none"; }
    void open() override {}
    void say(std::string) override {}
    void hush() override {}
    void release() override {}
    std::string problem() const override { return {}; }
};

}  // namespace limber::desktop
