// "Show the status" for a left click: the tooltip's text as a desktop
// notification, sent straight to org.freedesktop.Notifications over our own
// bus connection (libnotify would bring GLib into a process that has none).
#pragma once

#include <cstdint>
#include <memory>

#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IProxy.h>

#include "tray/model.hpp"

namespace limber::tray {

class StatusPopup {
public:
    explicit StatusPopup(sdbus::IConnection& bus);
    ~StatusPopup();
    StatusPopup(const StatusPopup&) = delete;
    StatusPopup& operator=(const StatusPopup&) = delete;

    // Replaces the previous popup rather than stacking a new one per click.
    void show(const Summary& summary, const char* icon);

private:
    std::unique_ptr<sdbus::IProxy> server_;
    std::uint32_t last_id_ = 0;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::tray
