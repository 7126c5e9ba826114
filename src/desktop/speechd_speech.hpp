// SPDX-License-Identifier: MIT
// Spoken guidance through speech-dispatcher (libspeechd), which speaks with
// the voice and language the user set up for it (espeak-ng by default).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "desktop/failure_note.hpp"
#include "desktop/speech.hpp"

namespace limber::desktop {

// libspeechd's calls wait for the server's answer, and the first one may
// start the server (autospawn): they run on a thread of their own, which
// exists only from open() until a while after release().
class SpeechdSpeech final : public Speech {
public:
    explicit SpeechdSpeech(boost::asio::io_context& io);
    ~SpeechdSpeech() override;

    std::string_view name() const override { return "speech-dispatcher"; }
    void open() override;
    void say(std::string text) override;
    void hush() override;
    void release() override;
    std::string problem() const override { return note_.problem(); }

private:
    struct Worker;

    FailureNote note_;  // before worker_, whose thread writes to it until it joins
    boost::asio::steady_timer release_timer_;
    std::unique_ptr<Worker> worker_;
};

}  // namespace limber::desktop
