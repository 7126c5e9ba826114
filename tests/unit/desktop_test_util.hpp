// Helpers shared by the desktop tests: spawning tools and waiting on the
// io_context with a deadline instead of sleeping.
#pragma once

#include <spawn.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "run_until.hpp"

extern char** environ;

namespace limber::desktop {

using namespace std::chrono_literals;

#define REQUIRE_TEST_DESKTOP()                                                              \
    if (std::getenv("LIMBER_TEST_DIR") == nullptr) GTEST_SKIP() << "run through tests/run-under-x.sh"

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
