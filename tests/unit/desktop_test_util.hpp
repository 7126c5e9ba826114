// SPDX-License-Identifier: MIT
// Helpers shared by the desktop tests: spawning tools and waiting on the
// io_context with a deadline instead of sleeping.
#pragma once

#include <spawn.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "run_until.hpp"

extern char** environ;

namespace limber::desktop {

using namespace std::chrono_literals;

// The desktop binary only ever runs under tests/run-under-x.sh (see
// desktop.cmake), and Catch2 v2 cannot skip: a bare run fails, saying how to
// run it, rather than passing with nothing tested.
#define REQUIRE_TEST_DESKTOP()                                                                      \
    do {                                                                                            \
        if (std::getenv("LIMBER_TEST_DIR") == nullptr) FAIL("run through tests/run-under-x.sh");  \
    } while (false)

inline pid_t spawn(std::vector<std::string> args, posix_spawn_file_actions_t* files = nullptr) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0], files, nullptr, argv.data(), environ) != 0) return -1;
    return pid;
}

// The work guard in the fixtures keeps run_until waiting for handlers
// posted from other threads.
using test_support::run_until;

}  // namespace limber::desktop
