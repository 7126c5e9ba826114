# Every dependency comes from Debian bookworm's -dev packages (scripts/deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
pkg_check_modules(XLIB REQUIRED IMPORTED_TARGET x11 xext)
find_package(sdbus-c++ 1.2 REQUIRED)
pkg_check_modules(WAYLAND REQUIRED IMPORTED_TARGET wayland-client)
include(${CMAKE_CURRENT_LIST_DIR}/Wayland.cmake)

# Standalone Asio is header-only and ships no CMake package.
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
add_library(limber_asio INTERFACE)
target_include_directories(limber_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
target_compile_definitions(limber_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
target_link_libraries(limber_asio INTERFACE Threads::Threads)
