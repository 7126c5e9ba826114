// SPDX-License-Identifier: MIT
// A tiny vector format for our icons: a few filled shapes on a 48-unit
// square, painted in order. The same description is written out as the SVG
// files we install and rasterized for IconPixmap, so the two always agree,
// without a graphics library in a process that should stay a few MB.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace limber::tray {

inline constexpr double kCanvas = 48.0;

struct Disk {
    double cx, cy, r;
};
// An annulus of `width` centred on radius r (an SVG circle's stroke).
struct Ring {
    double cx, cy, r, width;
};
// A sector from `from` to `to` degrees, clockwise from twelve o'clock.
struct Pie {
    double cx, cy, r, from, to;
};
// A thick line with round ends (an SVG line with round caps).
struct Capsule {
    double x1, y1, x2, y2, width;
};

struct Shape {
    std::variant<Disk, Ring, Pie, Capsule> geometry;
    std::uint32_t rgb;  // 0xRRGGBB, opaque
};

using Drawing = std::vector<Shape>;

std::string to_svg(const Drawing& drawing);

// size x size pixels, ARGB32 in network byte order (A, R, G, B per pixel,
// rows top to bottom), straight alpha: what StatusNotifierItem's IconPixmap
// carries. Edges are antialiased with 4x4 samples per pixel.
std::vector<std::uint8_t> rasterize(const Drawing& drawing, int size);

}  // namespace limber::tray
