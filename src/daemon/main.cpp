#include <iostream>
#include <string>
#include <vector>

#include "daemon/daemon.hpp"
#include "daemon/options.hpp"

int main(int argc, char** argv) {
    using namespace limber::daemon;
    auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::cerr << "limberd: " << options.error().message << '\n';
        return 2;
    }
    if (options->help) {
        std::cout << usage();
        return 0;
    }
    if (options->version) {
        std::cout << "limberd " << LIMBER_VERSION << '\n';
        return 0;
    }
    return run(*options);
}
