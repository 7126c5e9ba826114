# SPDX-License-Identifier: MIT
# limber-bench-rtt: socket round trips of `status`, driven by bench/run.
# Small, and built with everything so that it cannot rot unnoticed; ctest
# never runs it.
find_package(Threads REQUIRED)
add_executable(limber-bench-rtt ${CMAKE_CURRENT_LIST_DIR}/rtt.cpp)
target_link_libraries(limber-bench-rtt PRIVATE limber_ipc Threads::Threads limber_warnings)
set_target_properties(limber-bench-rtt PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
