// SPDX-License-Identifier: MIT
#include "tray/icons.hpp"

namespace limber::tray {
namespace {

constexpr std::uint32_t kWhite = 0xffffff;
constexpr std::uint32_t kGreen = 0x2e9e5b;
constexpr std::uint32_t kAmber = 0xe39a12;
constexpr std::uint32_t kRed = 0xd63c38;
constexpr std::uint32_t kBlue = 0x3d7bd9;
constexpr std::uint32_t kGrey = 0x6f7a86;
constexpr std::uint32_t kViolet = 0x8552c9;
constexpr std::uint32_t kDim = 0x8a8a8a;

// A coloured badge with a white dial, its sector showing how much of the
// sitting limit has gone.
Drawing dial(std::uint32_t badge, double share) {
    return {{Disk{24, 24, 22}, badge},
            {Ring{24, 24, 14.5, 3}, kWhite},
            {Pie{24, 24, 11, 0, 360 * share}, kWhite}};
}

}  // namespace

Drawing drawing_of(Icon icon) {
    switch (icon) {
        case Icon::fresh: return dial(kGreen, 0.25);
        case Icon::getting_long: return dial(kAmber, 0.75);
        case Icon::over_limit:  // "!"
            return {{Disk{24, 24, 22}, kRed}, {Capsule{24, 11, 24, 27, 7}, kWhite}, {Disk{24, 36.5, 4}, kWhite}};
        case Icon::snoozed:  // a crescent moon: a white disk with a badge-coloured bite
            return {{Disk{24, 24, 22}, kBlue}, {Disk{22, 25, 13}, kWhite}, {Disk{30, 19, 11}, kBlue}};
        case Icon::held:  // "||" in a speech bubble, on the badge of a due reminder: waiting for a call to end
            return {{Disk{24, 24, 22}, kAmber},
                    {Pie{10.5, 38.5, 15, 22, 62}, kWhite},  // the bubble's tail, pointing down-left
                    {Disk{25, 22, 14.5}, kWhite},
                    {Capsule{20, 16, 20, 28, 5}, kAmber},
                    {Capsule{30, 16, 30, 28, 5}, kAmber}};
        case Icon::paused:  // "||"
            return {{Disk{24, 24, 22}, kGrey},
                    {Capsule{18, 14, 18, 34, 6}, kWhite},
                    {Capsule{30, 14, 30, 34, 6}, kWhite}};
        case Icon::routine:  // a figure stretching, arms up
            return {{Disk{24, 24, 22}, kViolet},
                    {Capsule{24, 19, 24, 29, 5}, kWhite},         // body
                    {Capsule{24, 29, 18.5, 38.5, 4}, kWhite},     // legs
                    {Capsule{24, 29, 29.5, 38.5, 4}, kWhite},
                    {Capsule{24, 20, 15.5, 10.5, 3.5}, kWhite},   // arms
                    {Capsule{24, 20, 32.5, 10.5, 3.5}, kWhite},
                    {Disk{24, 12.5, 4.5}, kWhite}};               // head
        case Icon::not_running:  // an empty ring, struck through
            return {{Ring{24, 24, 19, 4}, kDim}, {Capsule{11, 11, 37, 37, 4}, kDim}};
    }
    return {};
}

std::vector<Pixmap> pixmaps_of(Icon icon) {
    const Drawing drawing = drawing_of(icon);
    std::vector<Pixmap> out;
    for (const int size : kPixmapSizes) out.push_back({size, rasterize(drawing, size)});
    return out;
}

}  // namespace limber::tray
