// SPDX-License-Identifier: MIT
// Our tray icons, one drawing per state. icons/hicolor/scalable/status/*.svg
// are these drawings written out (limber-tray-icons); a unit test keeps the
// files and the code from drifting apart.
#pragma once

#include <cstdint>
#include <vector>

#include "tray/model.hpp"
#include "tray/shapes.hpp"

namespace limber::tray {

Drawing drawing_of(Icon icon);

// IconPixmap: the sizes panels ask for most (22 and 32 px panels, 48 for
// HiDPI), so a host without our theme scales as little as possible.
inline constexpr int kPixmapSizes[] = {22, 32, 48};

struct Pixmap {
    int size;
    std::vector<std::uint8_t> argb;  // network byte order
};
std::vector<Pixmap> pixmaps_of(Icon icon);

}  // namespace limber::tray
