// SPDX-License-Identifier: MIT
#include "tray/sni.hpp"

#include <cstdint>
#include <vector>

#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>
#include <sdbus-c++/Types.h>

#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::tray {
namespace {

constexpr const char* kInterface = "org.kde.StatusNotifierItem";
constexpr const char* kWatcher = "org.kde.StatusNotifierWatcher";
constexpr const char* kWatcherPath = "/StatusNotifierWatcher";

using PixmapList = std::vector<sdbus::Struct<std::int32_t, std::int32_t, std::vector<std::uint8_t>>>;
using ToolTip = sdbus::Struct<std::string, PixmapList, std::string, std::string>;

PixmapList pixmap_list(Icon icon) {
    PixmapList out;
    for (auto& p : pixmaps_of(icon)) out.emplace_back(p.size, p.size, std::move(p.argb));
    return out;
}

}  // namespace

StatusNotifierItem::StatusNotifierItem(sdbus::IConnection& bus, std::string service, std::string menu_path,
                                       std::string icon_theme_path, Callbacks callbacks)
    : bus_(bus),
      service_(std::move(service)),
      menu_path_(std::move(menu_path)),
      icon_theme_path_(std::move(icon_theme_path)),
      callbacks_(std::move(callbacks)) {
    register_interface();
    watcher_ = sdbus::createProxy(bus_, kWatcher, kWatcherPath);
    // Every new watcher (a panel that starts or restarts) forgets the items
    // the old one knew, so tell it again.
    watcher_owner_ = dbus::watch_owner(bus_, kWatcher, [this](const std::string& new_owner) {
        if (new_owner.empty()) {
            log::get("tray")->info("the StatusNotifierWatcher went away; waiting for a new one");
        } else {
            register_with_watcher();
        }
    });
    register_with_watcher();
}

StatusNotifierItem::~StatusNotifierItem() { alive_.reset(); }

void StatusNotifierItem::register_interface() {
    object_ = sdbus::createObject(bus_, "/StatusNotifierItem");
    auto& o = *object_;
    auto text = [&o](const char* name, std::function<std::string()> get) {
        o.registerProperty(name).onInterface(kInterface).withGetter(std::move(get));
    };
    text("Category", [] { return "ApplicationStatus"; });
    text("Id", [] { return "limber"; });
    text("Title", [] { return "Limber"; });
    text("Status", [this] { return icon_ == Icon::over_limit ? "NeedsAttention" : "Active"; });
    text("IconName", [this] { return icon_name(icon_); });
    text("IconThemePath", [this] { return icon_theme_path_; });
    text("OverlayIconName", [] { return ""; });
    text("AttentionIconName", [] { return icon_name(Icon::over_limit); });
    text("AttentionMovieName", [] { return ""; });
    o.registerProperty("WindowId").onInterface(kInterface).withGetter([] { return std::int32_t{0}; });
    o.registerProperty("ItemIsMenu").onInterface(kInterface).withGetter([] { return false; });
    o.registerProperty("Menu").onInterface(kInterface).withGetter([this] { return sdbus::ObjectPath(menu_path_); });
    // Rendered when asked for: a host with our theme never asks.
    o.registerProperty("IconPixmap").onInterface(kInterface).withGetter([this] {
        if (!pixmaps_ || pixmaps_->first != icon_) pixmaps_.emplace(icon_, pixmap_list(icon_));
        return pixmaps_->second;
    });
    o.registerProperty("AttentionIconPixmap").onInterface(kInterface).withGetter([] {
        return pixmap_list(Icon::over_limit);
    });
    o.registerProperty("OverlayIconPixmap").onInterface(kInterface).withGetter([] { return PixmapList{}; });
    o.registerProperty("ToolTip").onInterface(kInterface).withGetter([this] {
        const Summary s = callbacks_.tooltip();
        return ToolTip(std::string(icon_name(icon_)), PixmapList{}, s.title, summary_body(s));
    });

    o.registerMethod("Activate").onInterface(kInterface).implementedAs([this](std::int32_t, std::int32_t) {
        callbacks_.activate();
    });
    // The menu is ours to show only for hosts that cannot (ItemIsMenu is
    // false and Menu is set, so every host we know shows it itself).
    o.registerMethod("ContextMenu").onInterface(kInterface).implementedAs([](std::int32_t, std::int32_t) {});
    o.registerMethod("SecondaryActivate").onInterface(kInterface).implementedAs([this](std::int32_t, std::int32_t) {
        callbacks_.activate();
    });
    o.registerMethod("Scroll").onInterface(kInterface).implementedAs([](std::int32_t, const std::string&) {});
    for (const char* signal : {"NewTitle", "NewIcon", "NewAttentionIcon", "NewOverlayIcon", "NewToolTip"})
        o.registerSignal(signal).onInterface(kInterface);
    o.registerSignal("NewStatus").onInterface(kInterface).withParameters<std::string>("status");
    o.finishRegistration();
}

void StatusNotifierItem::register_with_watcher() {
    watcher_->callMethodAsync("RegisterStatusNotifierItem")
        .onInterface(kWatcher)
        .withArguments(service_)
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* error) {
            if (alive.expired()) return;
            if (error) {
                log::get("tray")->info("no StatusNotifierWatcher to show the icon yet ({}); waiting for one",
                                       error->getMessage());
                return;
            }
            log::get("tray")->info("registered {} with the StatusNotifierWatcher", service_);
        });
}

void StatusNotifierItem::set_icon(Icon icon) {
    if (icon == icon_) return;
    const bool attention_changed = (icon == Icon::over_limit) != (icon_ == Icon::over_limit);
    icon_ = icon;
    object_->emitSignal("NewIcon").onInterface(kInterface);
    if (attention_changed)
        object_->emitSignal("NewStatus").onInterface(kInterface).withArguments(
            std::string(icon == Icon::over_limit ? "NeedsAttention" : "Active"));
}

void StatusNotifierItem::tooltip_changed() { object_->emitSignal("NewToolTip").onInterface(kInterface); }

}  // namespace limber::tray
