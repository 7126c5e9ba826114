// SPDX-License-Identifier: MIT
// Sound cues through libcanberra (PulseAudio or PipeWire's pulse server).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "desktop/failure_note.hpp"
#include "desktop/sound.hpp"

namespace limber::desktop {

// libcanberra's calls wait on the sound server (ca_context_play sets up a
// stream and waits until it is ready: 60-100 ms each on a loaded machine),
// so they run on a thread of their own, which exists only from open() until
// a while after release().
class CanberraSound final : public Sound {
public:
    explicit CanberraSound(boost::asio::io_context& io);
    ~CanberraSound() override;

    std::string_view name() const override { return "libcanberra"; }
    void open() override;
    void play(Cue cue) override;
    void release() override;
    std::string problem() const override { return note_.problem(); }

private:
    struct Worker;

    FailureNote note_;  // before worker_, whose thread writes to it until it joins
    boost::asio::steady_timer release_timer_;
    std::unique_ptr<Worker> worker_;
};

}  // namespace limber::desktop
