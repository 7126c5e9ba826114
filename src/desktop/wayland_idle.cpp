// SPDX-License-Identifier: MIT
#include "desktop/wayland_idle.hpp"

#include "desktop/wayland_ext_idle.hpp"
#include "desktop/wayland_kde_idle.hpp"
#include "util/log.hpp"

namespace limber::desktop {

namespace {

constexpr const char* kExtName = "ext-idle-notify-v1";
constexpr const char* kKdeName = "org_kde_kwin_idle";

std::string ext_why(const ExtIdleNotify& ext, std::uint32_t offered) {
    std::string why = "bound version " + std::to_string(ext.version()) + " (the compositor offers " +
                      std::to_string(offered) + ")";
    if (ext.version() >= 2) return why + "; input-only notifications, so an idle inhibitor (a video) does not count as sitting";
    return why + "; idle inhibitors (a video, a presentation) hide idleness from it, so that time counts as sitting";
}

}  // namespace

WaylandIdleSource::WaylandIdleSource(std::unique_ptr<WaylandConnection> connection,
                                     std::unique_ptr<IdleTimers::Factory> protocol, std::string name,
                                     IdleListener& listener)
    : connection_(std::move(connection)),
      protocol_(std::move(protocol)),
      timers_(*protocol_, listener),
      name_(std::move(name)) {
    connection_->start([&listener](const std::string& why) { listener.on_source_lost(why); });
}

WaylandIdleSource::~WaylandIdleSource() = default;

void WaylandIdleSource::watch(std::vector<Millis> thresholds) {
    timers_.watch(std::move(thresholds));
    connection_->flush();
}

void WaylandIdleSource::await_activity() {
    timers_.await_activity();
    connection_->flush();
}

Result<std::unique_ptr<IdleSource>> open_wayland_idle(boost::asio::io_context& io, IdleListener& listener,
                                                      std::vector<Probe>& probes) {
    auto opened = WaylandConnection::open(io);
    if (!opened) return opened.error();
    auto connection = std::move(opened).value();
    const std::string& display = connection->display_name();
    if (connection->seat() == nullptr) return fail("the compositor on " + display + " offers no wl_seat");

    std::unique_ptr<IdleTimers::Factory> protocol;
    std::string name;
    if (const auto* global = connection->find(ExtIdleNotify::kGlobal)) {
        auto ext = std::make_unique<ExtIdleNotify>(*connection, *global);
        probes.push_back({"activity", kExtName, true, ext_why(*ext, global->version)});
        probes.push_back({"activity", kKdeName, false, std::string("not needed: ") + kExtName + " is in use"});
        protocol = std::move(ext);
        name = kExtName;
    } else {
        probes.push_back({"activity", kExtName, false,
                          "the compositor on " + display + " does not offer " + ExtIdleNotify::kGlobal});
        const auto* kde = connection->find(KdeIdle::kGlobal);
        if (kde == nullptr) {
            probes.push_back({"activity", kKdeName, false,
                              "the compositor on " + display + " does not offer " + KdeIdle::kGlobal});
            return fail("the compositor on " + display + " offers no idle protocol (neither " +
                        ExtIdleNotify::kGlobal + " nor " + KdeIdle::kGlobal + ")");
        }
        protocol = std::make_unique<KdeIdle>(*connection, *kde);
        probes.push_back({"activity", kKdeName, true,
                          "bound version 1, the fallback without " + std::string(ExtIdleNotify::kGlobal) +
                              "; idle inhibitors (a video, a presentation) hide idleness from it"});
        name = kKdeName;
    }
    log::get("idle")->info("watching input on Wayland display {} with {}", display, name);
    return std::unique_ptr<IdleSource>(
        new WaylandIdleSource(std::move(connection), std::move(protocol), std::move(name), listener));
}

}  // namespace limber::desktop
