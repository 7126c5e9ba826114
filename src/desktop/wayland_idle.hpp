// SPDX-License-Identifier: MIT
// Activity on Wayland. The factory calls open_wayland_idle() when
// WAYLAND_DISPLAY is set; it connects once and uses the best idle protocol
// the compositor offers: ext-idle-notify-v1, else org_kde_kwin_idle.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "desktop/factory.hpp"
#include "desktop/idle_source.hpp"
#include "desktop/wayland_connection.hpp"
#include "desktop/wayland_idle_timers.hpp"
#include "util/result.hpp"

namespace limber::desktop {

class WaylandIdleSource final : public IdleSource {
public:
    // `protocol` is the name status and the logs show ("ext-idle-notify-v1").
    // The connection starts reading here; when it dies the listener hears
    // on_source_lost with one line saying why.
    WaylandIdleSource(std::unique_ptr<WaylandConnection> connection,
                      std::unique_ptr<IdleTimers::Factory> protocol, std::string name,
                      IdleListener& listener);
    ~WaylandIdleSource() override;

    std::string_view name() const override { return name_; }
    void watch(std::vector<Millis> thresholds) override;
    void await_activity() override;

private:
    // Destroyed bottom-up: the timers' objects, then the protocol's global,
    // then the connection they all live on.
    std::unique_ptr<WaylandConnection> connection_;
    std::unique_ptr<IdleTimers::Factory> protocol_;
    IdleTimers timers_;
    std::string name_;
};

// Tries ext-idle-notify-v1, then org_kde_kwin_idle, and appends one Probe per
// protocol to `probes` saying why it is or is not used (not offered by the
// compositor, the version bound). Fails when it cannot connect or the
// compositor offers neither.
Result<std::unique_ptr<IdleSource>> open_wayland_idle(boost::asio::io_context& io, IdleListener& listener,
                                                      std::vector<Probe>& probes);

}  // namespace limber::desktop
