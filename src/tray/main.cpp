// SPDX-License-Identifier: MIT
#include <iostream>
#include <string>
#include <vector>

#include "tray/run.hpp"
#include "util/i18n.hpp"

int main(int argc, char** argv) {
    limber::i18n::init();
    return limber::tray::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
