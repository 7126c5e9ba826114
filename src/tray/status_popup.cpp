#include "tray/status_popup.hpp"

#include <map>
#include <string>
#include <vector>

#include <sdbus-c++/Error.h>
#include <sdbus-c++/Types.h>

#include "util/log.hpp"

namespace limber::tray {
namespace {

constexpr const char* kInterface = "org.freedesktop.Notifications";
// A glance, not a reminder: gone after a few seconds.
constexpr std::int32_t kShowMs = 6000;

}  // namespace

StatusPopup::StatusPopup(sdbus::IConnection& bus)
    : server_(sdbus::createProxy(bus, kInterface, "/org/freedesktop/Notifications")) {}

StatusPopup::~StatusPopup() { alive_.reset(); }

void StatusPopup::show(const Summary& summary, const char* icon) {
    const std::string body = summary_body(summary);
    const std::map<std::string, sdbus::Variant> hints{{"category", sdbus::Variant(std::string("presence"))},
                                                      {"transient", sdbus::Variant(true)}};
    server_->callMethodAsync("Notify")
        .onInterface(kInterface)
        .withArguments(std::string("Limber"), last_id_, std::string(icon), summary.title, body,
                       std::vector<std::string>{}, hints, kShowMs)
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* error, std::uint32_t id) {
            if (alive.expired()) return;
            if (error) {
                log::get("tray")->info("cannot show the status: {}", error->getMessage());
                return;
            }
            last_id_ = id;
        });
}

}  // namespace limber::tray
