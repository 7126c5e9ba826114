// The notifier when libnotify cannot run at all: reminders still reach the
// socket's subscribers (the tray), and status says "none".
#pragma once

#include "desktop/notifier.hpp"

namespace limber::desktop {

class NullNotifier final : public Notifier {
public:
    std::string_view name() const override { return "none"; }
    bool available() const override { return false; }
    void show(Notification) override {}
    void close(const std::string&) override {}
};

}  // namespace limber::desktop
