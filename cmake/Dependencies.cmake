# SPDX-License-Identifier: MIT
# Every dependency comes from Debian bookworm's -dev packages (scripts/deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
pkg_check_modules(XLIB REQUIRED IMPORTED_TARGET x11 xext)
# libnotify sends every notification; it brings GLib, which stays inside
# src/desktop/libnotify_notifier.cpp.
pkg_check_modules(LIBNOTIFY REQUIRED IMPORTED_TARGET libnotify>=0.8)
pkg_check_modules(CANBERRA REQUIRED IMPORTED_TARGET libcanberra)
# Spoken guidance: speech-dispatcher's header only, libspeechd is dlopen()ed.
pkg_check_modules(SPEECHD REQUIRED speech-dispatcher)
find_package(sdbus-c++ 1.2 REQUIRED)
pkg_check_modules(WAYLAND REQUIRED IMPORTED_TARGET wayland-client)
include(${CMAKE_CURRENT_LIST_DIR}/Wayland.cmake)

# spdlog and fmt are compiled into our binaries instead of linking Debian's
# libspdlog.so (500 kB of code) and libfmt.so (120 kB), which limberd maps
# nearly whole for a few log lines; --gc-sections keeps what we call.
# spdlog's compiled part is built once, in src/util/spdlog_impl.cpp; fmt is
# header-only. (Debian ships no libspdlog.a or libfmt.a.)
get_target_property(SPDLOG_INCLUDE_DIRS spdlog::spdlog_header_only INTERFACE_INCLUDE_DIRECTORIES)
add_library(limber_spdlog INTERFACE)
target_include_directories(limber_spdlog SYSTEM INTERFACE ${SPDLOG_INCLUDE_DIRS})
target_compile_definitions(limber_spdlog INTERFACE SPDLOG_COMPILED_LIB SPDLOG_FMT_EXTERNAL)
target_link_libraries(limber_spdlog INTERFACE fmt::fmt-header-only Threads::Threads)

# Boost.Asio (Boost 1.74, so Asio 1.18) is header-only, and so is the
# Boost.System it reports errors with: nothing of Boost is linked.
find_package(Boost 1.74 REQUIRED)
add_library(limber_asio INTERFACE)
target_link_libraries(limber_asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(limber_asio INTERFACE BOOST_ASIO_NO_DEPRECATED)

# toml++ is compiled into limber_config, in the one translation unit that
# defines TOML_IMPLEMENTATION (src/config/toml_util.cpp), instead of linking
# Debian's libtomlplusplus.so: --gc-sections then keeps only the parser and
# the node types we use, where the shared library is mapped whole (~200 kB).
get_target_property(TOMLPP_INCLUDE_DIRS tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
add_library(limber_toml INTERFACE)
target_include_directories(limber_toml SYSTEM INTERFACE ${TOMLPP_INCLUDE_DIRS})
target_compile_definitions(limber_toml INTERFACE TOML_HEADER_ONLY=0)
