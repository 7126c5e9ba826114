// SPDX-License-Identifier: MIT
// limber-tray-icons DIR: writes icons/hicolor/scalable/status/*.svg from the
// drawings in icons.cpp. Run it after changing a drawing; not installed.
#include <fstream>
#include <iostream>

#include "tray/icons.hpp"

int main(int argc, char** argv) {
    using namespace limber::tray;
    if (argc != 2) {
        std::cerr << "usage: limber-tray-icons DIR\n";
        return 2;
    }
    for (const Icon icon : kAllIcons) {
        const std::string path = std::string(argv[1]) + "/" + icon_name(icon) + ".svg";
        std::ofstream out(path);
        out << to_svg(drawing_of(icon));
        if (!out.flush()) {
            std::cerr << "limber-tray-icons: cannot write " << path << '\n';
            return 1;
        }
    }
    return 0;
}
