// SPDX-License-Identifier: MIT
#include "tray/dbus_menu.hpp"

#include <algorithm>
#include <tuple>

#include <sdbus-c++/Error.h>

namespace limber::tray {
namespace {

constexpr const char* kInterface = "com.canonical.dbusmenu";

// EventGroup's entries: id, event type, data, timestamp.
using Event = sdbus::Struct<std::int32_t, std::string, sdbus::Variant, std::uint32_t>;

// dbusmenu labels mark a mnemonic with '_'; a literal one is doubled.
std::string label_text(const std::string& label) {
    std::string out;
    for (const char c : label) {
        if (c == '_') out += '_';
        out += c;
    }
    return out;
}

// The same items in the same places, whatever their labels say.
bool same_shape(const std::vector<MenuItem>& a, const std::vector<MenuItem>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].key != b[i].key || a[i].separator != b[i].separator || !same_shape(a[i].children, b[i].children))
            return false;
    }
    return true;
}

bool wanted_has(const std::vector<std::string>& wanted, const char* name) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), name) != wanted.end();
}

}  // namespace

DbusMenu::DbusMenu(sdbus::IConnection& bus, std::string path, Callbacks callbacks)
    : object_(sdbus::createObject(bus, std::move(path))), callbacks_(std::move(callbacks)) {
    rebuild();
    auto& o = *object_;
    o.registerMethod("GetLayout")
        .onInterface(kInterface)
        .withInputParamNames("parentId", "recursionDepth", "propertyNames")
        .withOutputParamNames("revision", "layout")
        .implementedAs([this](std::int32_t parent, std::int32_t depth, const std::vector<std::string>& wanted) {
            // The sitting time in the header is computed now, not kept
            // fresh by a timer; the host is reading the new layout anyway.
            rebuild();
            const MenuItem* item = parent == 0 ? nullptr : find(parent);
            if (parent != 0 && !item) throw sdbus::Error("org.freedesktop.DBus.Error.InvalidArgs", "no such menu item");
            return std::make_tuple(revision_, layout_of(parent, item, depth, wanted));
        });
    o.registerMethod("GetGroupProperties")
        .onInterface(kInterface)
        .withInputParamNames("ids", "propertyNames")
        .withOutputParamNames("properties")
        .implementedAs([this](const std::vector<std::int32_t>& ids, const std::vector<std::string>& wanted) {
            std::vector<sdbus::Struct<std::int32_t, Properties>> out;
            if (ids.empty()) {
                for (const auto& [id, item] : by_id_) out.emplace_back(id, properties_of(item, wanted));
            }
            for (const std::int32_t id : ids) {
                if (id == 0) out.emplace_back(0, properties_of(nullptr, wanted));
                else if (const MenuItem* item = find(id)) out.emplace_back(id, properties_of(item, wanted));
            }
            return out;
        });
    o.registerMethod("GetProperty")
        .onInterface(kInterface)
        .withInputParamNames("id", "name")
        .withOutputParamNames("value")
        .implementedAs([this](std::int32_t id, const std::string& name) {
            const MenuItem* item = find(id);
            if (id != 0 && !item) throw sdbus::Error("org.freedesktop.DBus.Error.InvalidArgs", "no such menu item");
            const auto props = properties_of(item, {name});
            const auto it = props.find(name);
            if (it == props.end()) throw sdbus::Error("org.freedesktop.DBus.Error.InvalidArgs", "no such property");
            return it->second;
        });
    o.registerMethod("Event")
        .onInterface(kInterface)
        .withInputParamNames("id", "eventId", "data", "timestamp")
        .implementedAs([this](std::int32_t id, const std::string& type, const sdbus::Variant&, std::uint32_t) {
            if (!event(id, type)) throw sdbus::Error("org.freedesktop.DBus.Error.InvalidArgs", "no such menu item");
        });
    o.registerMethod("EventGroup")
        .onInterface(kInterface)
        .withInputParamNames("events")
        .withOutputParamNames("idErrors")
        .implementedAs([this](const std::vector<Event>& events) {
            std::vector<std::int32_t> errors;
            for (const auto& e : events)
                if (!event(e.get<0>(), e.get<1>())) errors.push_back(e.get<0>());
            return errors;
        });
    o.registerMethod("AboutToShow")
        .onInterface(kInterface)
        .withInputParamNames("id")
        .withOutputParamNames("needUpdate")
        .implementedAs([this](std::int32_t) { return about_to_show(); });
    o.registerMethod("AboutToShowGroup")
        .onInterface(kInterface)
        .withInputParamNames("ids")
        .withOutputParamNames("updatesNeeded", "idErrors")
        .implementedAs([this](const std::vector<std::int32_t>& ids) {
            std::vector<std::int32_t> updates, errors;
            const bool changed = about_to_show();
            for (const std::int32_t id : ids) {
                if (id != 0 && !find(id)) errors.push_back(id);
                else if (changed) updates.push_back(id);
            }
            return std::make_tuple(updates, errors);
        });
    o.registerProperty("Version").onInterface(kInterface).withGetter([] { return std::uint32_t{3}; });
    o.registerProperty("TextDirection").onInterface(kInterface).withGetter([] { return std::string("ltr"); });
    o.registerProperty("Status").onInterface(kInterface).withGetter([] { return std::string("normal"); });
    o.registerProperty("IconThemePath").onInterface(kInterface).withGetter([] { return std::vector<std::string>{}; });
    o.registerSignal("LayoutUpdated")
        .onInterface(kInterface)
        .withParameters<std::uint32_t, std::int32_t>("revision", "parent");
    o.registerSignal("ItemsPropertiesUpdated")
        .onInterface(kInterface)
        .withParameters<std::vector<sdbus::Struct<std::int32_t, Properties>>,
                        std::vector<sdbus::Struct<std::int32_t, std::vector<std::string>>>>("updatedProps",
                                                                                            "removedProps");
    o.registerSignal("ItemActivationRequested")
        .onInterface(kInterface)
        .withParameters<std::int32_t, std::uint32_t>("id", "timestamp");
    o.finishRegistration();
}

void DbusMenu::refresh() { announce(rebuild()); }

bool DbusMenu::about_to_show() {
    callbacks_.opening();
    const Change change = rebuild();
    announce(change);
    // The new header label went out as a property update: no need for the
    // host to fetch (and redraw) the whole menu while it opens.
    return change == Change::layout;
}

void DbusMenu::announce(Change change) {
    if (change == Change::layout) {
        object_->emitSignal("LayoutUpdated").onInterface(kInterface).withArguments(revision_, std::int32_t{0});
    } else if (change == Change::properties) {
        std::vector<sdbus::Struct<std::int32_t, Properties>> updated;
        for (const std::int32_t id : changed_) {
            const MenuItem* item = find(id);
            Properties props = properties_of(item, {"label", "enabled", "toggle-type", "toggle-state"});
            props["enabled"] = sdbus::Variant(item->enabled);  // also when it went back to the default
            updated.emplace_back(id, std::move(props));
        }
        object_->emitSignal("ItemsPropertiesUpdated")
            .onInterface(kInterface)
            .withArguments(updated, std::vector<sdbus::Struct<std::int32_t, std::vector<std::string>>>{});
    }
}

bool DbusMenu::event(std::int32_t id, const std::string& type) {
    const MenuItem* item = find(id);
    if (id != 0 && !item) return false;
    if (type == "clicked" && item && !item->separator && item->enabled && item->children.empty())
        callbacks_.clicked(item->key);
    return true;
}

DbusMenu::Change DbusMenu::rebuild() {
    auto items = callbacks_.build();
    if (items == items_ && !by_id_.empty()) return Change::none;
    const bool reshaped = by_id_.empty() || !same_shape(items, items_);
    changed_.clear();
    if (!reshaped) collect_changes(items, items_);
    items_ = std::move(items);
    by_id_.clear();
    auto index = [this](auto& self, const std::vector<MenuItem>& level) -> void {
        for (const MenuItem& item : level) {
            by_id_[id_of(item.key)] = &item;
            self(self, item.children);
        }
    };
    index(index, items_);
    if (!reshaped) return Change::properties;
    ++revision_;
    return Change::layout;
}

void DbusMenu::collect_changes(const std::vector<MenuItem>& now, const std::vector<MenuItem>& before) {
    for (std::size_t i = 0; i < now.size(); ++i) {
        if (now[i].label != before[i].label || now[i].enabled != before[i].enabled || now[i].checked != before[i].checked)
            changed_.push_back(id_of(now[i].key));
        collect_changes(now[i].children, before[i].children);
    }
}

std::int32_t DbusMenu::id_of(const std::string& key) {
    const auto [it, added] = ids_.try_emplace(key, static_cast<std::int32_t>(ids_.size() + 1));
    return it->second;
}

const MenuItem* DbusMenu::find(std::int32_t id) const {
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

DbusMenu::Properties DbusMenu::properties_of(const MenuItem* item, const std::vector<std::string>& wanted) const {
    Properties p;
    const bool submenu = item ? !item->children.empty() : true;  // the root holds the top level
    if (submenu && wanted_has(wanted, "children-display"))
        p["children-display"] = sdbus::Variant(std::string("submenu"));
    if (!item) return p;
    if (item->separator) {
        if (wanted_has(wanted, "type")) p["type"] = sdbus::Variant(std::string("separator"));
        return p;
    }
    if (wanted_has(wanted, "label")) p["label"] = sdbus::Variant(label_text(item->label));
    // Only non-defaults are sent, as the spec asks ("enabled" is true unless said).
    if (!item->enabled && wanted_has(wanted, "enabled")) p["enabled"] = sdbus::Variant(false);
    if (item->checked) {
        if (wanted_has(wanted, "toggle-type")) p["toggle-type"] = sdbus::Variant(std::string("checkmark"));
        if (wanted_has(wanted, "toggle-state")) p["toggle-state"] = sdbus::Variant(std::int32_t{*item->checked ? 1 : 0});
    }
    return p;
}

DbusMenu::Layout DbusMenu::layout_of(std::int32_t id, const MenuItem* item, std::int32_t depth,
                                     const std::vector<std::string>& wanted) {
    std::vector<sdbus::Variant> children;
    if (depth != 0) {
        for (const MenuItem& child : item ? item->children : items_)
            children.emplace_back(layout_of(id_of(child.key), &child, depth < 0 ? depth : depth - 1, wanted));
    }
    return Layout(id, properties_of(item, wanted), std::move(children));
}

}  // namespace limber::tray
