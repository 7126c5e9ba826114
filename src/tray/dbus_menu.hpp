// SPDX-License-Identifier: MIT
// The com.canonical.dbusmenu object that panels read the tray's menu from.
// The menu itself comes from build_menu(); this only numbers the items and
// answers the protocol. Item ids stay the same for the same item key, so a
// host that holds an id across a layout change still clicks the right item.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IObject.h>

#include "tray/menu.hpp"

namespace limber::tray {

class DbusMenu {
public:
    struct Callbacks {
        std::function<std::vector<MenuItem>()> build;  // the menu as of now
        std::function<void(const std::string& key)> clicked;
        std::function<void()> opening;  // the menu is about to show
    };
    DbusMenu(sdbus::IConnection& bus, std::string path, Callbacks callbacks);
    DbusMenu(const DbusMenu&) = delete;
    DbusMenu& operator=(const DbusMenu&) = delete;

    // What the menu shows may have changed: rebuild it and tell the hosts
    // (LayoutUpdated) if it did.
    void refresh();

private:
    using Properties = std::map<std::string, sdbus::Variant>;
    using Layout = sdbus::Struct<std::int32_t, Properties, std::vector<sdbus::Variant>>;

    // A new item, a removed one or a moved one changes the layout (the
    // revision grows and hosts fetch it again); a new label or enabled state
    // only changes properties, which hosts apply in place, even to a menu
    // that is open.
    enum class Change { none, properties, layout };
    Change rebuild();
    void announce(Change change);
    // Same shape assumed: the ids of items whose label or state differ.
    void collect_changes(const std::vector<MenuItem>& now, const std::vector<MenuItem>& before);
    std::int32_t id_of(const std::string& key);
    const MenuItem* find(std::int32_t id) const;
    Properties properties_of(const MenuItem* item, const std::vector<std::string>& wanted) const;
    Layout layout_of(std::int32_t id, const MenuItem* item, std::int32_t depth,
                     const std::vector<std::string>& wanted);
    bool about_to_show();
    bool event(std::int32_t id, const std::string& type);

    std::unique_ptr<sdbus::IObject> object_;
    Callbacks callbacks_;
    std::vector<MenuItem> items_;
    std::uint32_t revision_ = 1;
    std::map<std::string, std::int32_t> ids_;  // id 0 is the root
    std::map<std::int32_t, const MenuItem*> by_id_;
    std::vector<std::int32_t> changed_;  // items whose properties the last rebuild changed
};

}  // namespace limber::tray
