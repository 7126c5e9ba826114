// SPDX-License-Identifier: MIT
// A whole file's text, for tests that hold output to a file on disk.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace limber::test_support {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace limber::test_support
