// Sound cues through libcanberra (PulseAudio or PipeWire's pulse server).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

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

private:
    struct Worker;

    void failed(const std::string& what);  // one log line per failure streak
    // From other threads: hands a result to the loop.
    void report(std::string what);

    boost::asio::io_context& io_;
    boost::asio::steady_timer release_timer_;
    std::unique_ptr<Worker> worker_;
    // What other threads post to the loop checks this first, as the object
    // may be gone by the time it runs.
    std::shared_ptr<CanberraSound*> alive_;
    bool warned_ = false;
};

}  // namespace limber::desktop
