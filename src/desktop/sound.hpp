// SPDX-License-Identifier: MIT
// Short sound cues during a routine, for a user who is not looking at the
// screen (bent over, on the floor).
#pragma once

#include <string>
#include <string_view>

namespace limber::desktop {

enum class Cue {
    step,          // a new step starts
    switch_sides,  // the same step again, on the other side
    tick,          // one of the last seconds of a hold
    complete,      // the routine is done
};

// The freedesktop sound theme's event id for a cue: distinct sounds that
// every theme has (sound-theme-freedesktop), so the user's own theme may
// replace them.
constexpr std::string_view event_id(Cue cue) {
    switch (cue) {
        case Cue::step: return "message";                  // a soft two-note chime, 0.3 s
        case Cue::switch_sides: return "bell";             // a single bright strike, 0.14 s
        case Cue::tick: return "audio-volume-change";      // a short click, 0.07 s
        case Cue::complete: return "complete";             // a rising phrase, 1.1 s
    }
    return "message";
}

class Sound {
public:
    virtual ~Sound() = default;
    virtual std::string_view name() const = 0;
    // A routine starts: get ready to play. Until then a backend holds
    // nothing (no connection, no thread), so a daemon at rest pays nothing.
    virtual void open() = 0;
    // Never blocks the caller for long and never fails loudly: a sound that
    // cannot play is logged once and the routine goes on.
    virtual void play(Cue cue) = 0;
    // The routine is over: let go of what open() took, once the last cue
    // has had time to play.
    virtual void release() = 0;
    // What went wrong lately, for `limberctl doctor`; empty when nothing did
    // (or nothing was tried yet).
    virtual std::string problem() const = 0;
};

// For `sounds = false` and for builds or tests without sound.
class NullSound final : public Sound {
public:
    std::string_view name() const override { return "none"; }
    void open() override {}
    void play(Cue) override {}
    void release() override {}
    std::string problem() const override { return {}; }
};

}  // namespace limber::desktop
