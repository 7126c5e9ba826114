// SPDX-License-Identifier: MIT
// XDG_CURRENT_DESKTOP decides whether GNOME's and Xfce's own
// do-not-disturb settings count: a list, entries whole, case aside.
#include <catch2/catch.hpp>

#include "desktop/current_desktop.hpp"

namespace limber::desktop {
namespace {

TEST_CASE("current desktop: an entry of the list, not a piece of one", "[desktop]") {
    CHECK(CurrentDesktop("GNOME").is("GNOME"));
    CHECK(CurrentDesktop("ubuntu:GNOME").is("GNOME"));
    CHECK(CurrentDesktop("GNOME-Classic:GNOME").is("GNOME"));
    CHECK(CurrentDesktop("XFCE").is("XFCE"));
    CHECK(CurrentDesktop("xfce").is("XFCE"));
    INFO("a name that only begins with GNOME is another desktop");
    CHECK_FALSE(CurrentDesktop("GNOME-Flashback").is("GNOME"));
    CHECK_FALSE(CurrentDesktop("sway").is("GNOME"));
    CHECK_FALSE(CurrentDesktop("").is("GNOME"));
    CHECK_FALSE(CurrentDesktop(std::nullopt).is("XFCE"));
}

TEST_CASE("current desktop: doctor's reason names the variable's value", "[desktop]") {
    CHECK(CurrentDesktop("sway").why_not("a GNOME session") ==
          "not a GNOME session (XDG_CURRENT_DESKTOP is \"sway\")");
    CHECK(CurrentDesktop(std::nullopt).why_not("an Xfce session") ==
          "not an Xfce session (XDG_CURRENT_DESKTOP is not set)");
}

}  // namespace
}  // namespace limber::desktop
