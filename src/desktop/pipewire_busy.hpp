// SPDX-License-Identifier: MIT
// Calls and shared screens from PipeWire's graph: a running node of class
// Stream/Input/Audio (an application recording from a microphone; not a
// level meter, stream.monitor, nor a recording of a speaker,
// stream.capture.sink) makes the user busy with the microphone; a running
// Video/Source without a device (xdg-desktop-portal's screencast streams)
// with the screen, one with a device with the camera. PipeWire's own loop
// runs on the daemon's: its fd is watched by Asio and iterated without
// blocking when readable. No polling. When PipeWire goes away the kinds it
// reported end, and limberd connects again when its socket reappears
// (docs/holds.md says how and why). libpipewire's context (its plugins,
// the native protocol module and its data thread) is made only when the
// socket is there to connect to.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "desktop/busy_source.hpp"
#include "desktop/factory.hpp"

namespace limber::desktop {

class PipeWireBusy {
public:
    // Never fails: without PipeWire, one log line and a probe that says so.
    static std::unique_ptr<PipeWireBusy> create(boost::asio::io_context& io, BusyListener& listener,
                                                std::vector<std::string> ignore);
    ~PipeWireBusy();
    PipeWireBusy(const PipeWireBusy&) = delete;
    PipeWireBusy& operator=(const PipeWireBusy&) = delete;

    void set_ignore(std::vector<std::string> ignore);
    std::vector<Probe> probes() const;

    struct Impl;

private:
    explicit PipeWireBusy(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace limber::desktop
