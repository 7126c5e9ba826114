// Helpers shared by the desktop tests: spawning tools and waiting on the
// io_context with a deadline instead of sleeping.
#pragma once

#include <spawn.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <asio/io_context.hpp>

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

// Runs io's handlers until done() or the deadline. The work guard in the
// fixtures keeps run_for waiting for handlers posted from other threads.
template <class Done>
inline bool run_until(asio::io_context& io, Done done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        io.run_for(20ms);
    }
    return true;
}

}  // namespace limber::desktop
