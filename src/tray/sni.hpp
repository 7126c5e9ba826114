// SPDX-License-Identifier: MIT
// The org.kde.StatusNotifierItem object at /StatusNotifierItem, registered
// with whichever StatusNotifierWatcher the panel runs, and registered again
// whenever a new watcher appears (the panel restarted).
#pragma once

#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IObject.h>
#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/Types.h>

#include "tray/icons.hpp"
#include "tray/model.hpp"

namespace limber::tray {

class StatusNotifierItem {
public:
    struct Callbacks {
        std::function<void()> activate;   // a left click
        std::function<Summary()> tooltip; // computed whenever a host reads it
    };
    // `service` is the connection's well-known name, which the watcher is
    // told; `menu_path` the dbusmenu object.
    StatusNotifierItem(sdbus::IConnection& bus, std::string service, std::string menu_path,
                       std::string icon_theme_path, Callbacks callbacks);
    ~StatusNotifierItem();
    StatusNotifierItem(const StatusNotifierItem&) = delete;
    StatusNotifierItem& operator=(const StatusNotifierItem&) = delete;

    // Emits NewIcon (and NewStatus) when the icon differs from the last one.
    // Not NewToolTip, though the tooltip names the icon: the caller sends
    // tooltip_changed() after it (Tray::changed does, on every change).
    void set_icon(Icon icon);
    // The tooltip's text may have changed (a new state, not the clock).
    void tooltip_changed();

private:
    void register_with_watcher();
    void register_interface();

    sdbus::IConnection& bus_;
    std::string service_;
    std::string menu_path_;
    std::string icon_theme_path_;
    Callbacks callbacks_;
    Icon icon_ = Icon::not_running;
    // The current icon's pixmaps, rendered when a host first asks.
    std::optional<std::pair<Icon, std::vector<sdbus::Struct<std::int32_t, std::int32_t, std::vector<std::uint8_t>>>>>
        pixmaps_;
    std::unique_ptr<sdbus::IObject> object_;
    std::unique_ptr<sdbus::IProxy> watcher_;
    sdbus::Slot watcher_owner_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::tray
