// SPDX-License-Identifier: MIT
#include "tray/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace limber::tray {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kSamples = 4;  // per axis

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string colour(std::uint32_t rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xffffffu);
    return buf;
}

// Clockwise from twelve o'clock, as on a clock face; y grows downwards.
double angle_of(double dx, double dy) {
    const double a = std::atan2(dx, -dy) * 180.0 / kPi;
    return a < 0 ? a + 360.0 : a;
}

bool covers(const Disk& d, double x, double y) { return std::hypot(x - d.cx, y - d.cy) <= d.r; }
bool covers(const Ring& g, double x, double y) {
    return std::abs(std::hypot(x - g.cx, y - g.cy) - g.r) <= g.width / 2;
}
bool covers(const Pie& p, double x, double y) {
    if (std::hypot(x - p.cx, y - p.cy) > p.r) return false;
    if (p.to - p.from >= 360.0) return true;
    const double a = angle_of(x - p.cx, y - p.cy);
    return a >= p.from && a <= p.to;
}
bool covers(const Capsule& c, double x, double y) {
    const double vx = c.x2 - c.x1, vy = c.y2 - c.y1;
    const double len2 = vx * vx + vy * vy;
    const double t = len2 > 0 ? std::clamp(((x - c.x1) * vx + (y - c.y1) * vy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(x - (c.x1 + t * vx), y - (c.y1 + t * vy)) <= c.width / 2;
}

std::string svg_of(const Disk& d, const std::string& fill) {
    return "<circle cx=\"" + num(d.cx) + "\" cy=\"" + num(d.cy) + "\" r=\"" + num(d.r) + "\" fill=\"" + fill + "\"/>";
}
std::string svg_of(const Ring& g, const std::string& fill) {
    return "<circle cx=\"" + num(g.cx) + "\" cy=\"" + num(g.cy) + "\" r=\"" + num(g.r) + "\" fill=\"none\" stroke=\"" +
           fill + "\" stroke-width=\"" + num(g.width) + "\"/>";
}
std::string svg_of(const Pie& p, const std::string& fill) {
    if (p.to - p.from >= 360.0) return svg_of(Disk{p.cx, p.cy, p.r}, fill);
    auto point = [&p](double degrees) {
        const double a = degrees * kPi / 180.0;
        return num(p.cx + p.r * std::sin(a)) + " " + num(p.cy - p.r * std::cos(a));
    };
    const char* large = p.to - p.from > 180.0 ? "1" : "0";
    return "<path d=\"M" + num(p.cx) + " " + num(p.cy) + " L" + point(p.from) + " A" + num(p.r) + " " + num(p.r) +
           " 0 " + large + " 1 " + point(p.to) + " Z\" fill=\"" + fill + "\"/>";
}
std::string svg_of(const Capsule& c, const std::string& fill) {
    return "<line x1=\"" + num(c.x1) + "\" y1=\"" + num(c.y1) + "\" x2=\"" + num(c.x2) + "\" y2=\"" + num(c.y2) +
           "\" stroke=\"" + fill + "\" stroke-width=\"" + num(c.width) + "\" stroke-linecap=\"round\"/>";
}

}  // namespace

std::string to_svg(const Drawing& drawing) {
    // The licence line every file of the repository carries: these icons are
    // written to icons/ and compared with it byte for byte.
    std::string out = "<!-- SPDX-License-Identifier: MIT -->\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\" viewBox=\"0 0 48 48\">\n";
    for (const Shape& s : drawing)
        out += "  " + std::visit([&](const auto& g) { return svg_of(g, colour(s.rgb)); }, s.geometry) + "\n";
    return out + "</svg>\n";
}

std::vector<std::uint8_t> rasterize(const Drawing& drawing, int size) {
    std::vector<std::uint8_t> out(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4, 0);
    const double scale = kCanvas / size;
    for (int py = 0; py < size; ++py) {
        for (int px = 0; px < size; ++px) {
            // Premultiplied sums over the samples: the topmost shape under
            // each sample gives its colour.
            double r = 0, g = 0, b = 0;
            int covered = 0;
            for (int sy = 0; sy < kSamples; ++sy) {
                for (int sx = 0; sx < kSamples; ++sx) {
                    const double x = (px + (sx + 0.5) / kSamples) * scale;
                    const double y = (py + (sy + 0.5) / kSamples) * scale;
                    for (auto it = drawing.rbegin(); it != drawing.rend(); ++it) {
                        if (!std::visit([&](const auto& geom) { return covers(geom, x, y); }, it->geometry)) continue;
                        r += (it->rgb >> 16) & 0xff;
                        g += (it->rgb >> 8) & 0xff;
                        b += it->rgb & 0xff;
                        ++covered;
                        break;
                    }
                }
            }
            if (covered == 0) continue;
            std::uint8_t* p = &out[(static_cast<std::size_t>(py) * static_cast<std::size_t>(size) +
                                    static_cast<std::size_t>(px)) * 4];
            p[0] = static_cast<std::uint8_t>(std::lround(255.0 * covered / (kSamples * kSamples)));
            p[1] = static_cast<std::uint8_t>(std::lround(r / covered));
            p[2] = static_cast<std::uint8_t>(std::lround(g / covered));
            p[3] = static_cast<std::uint8_t>(std::lround(b / covered));
        }
    }
    return out;
}

}  // namespace limber::tray
