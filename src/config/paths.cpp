// SPDX-License-Identifier: MIT
#include "config/paths.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace limber::paths {
namespace {

// The XDG spec says a relative value is invalid and must be ignored, so an
// unset, empty or relative variable all mean "use the default".
const char* xdg_env(const char* name) {
    const char* value = std::getenv(name);
    return value && value[0] == '/' ? value : nullptr;
}

std::string home() {
    if (const char* h = std::getenv("HOME"); h && *h) return h;
    // Services started without a login environment may lack HOME.
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buf(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwuid_r(getuid(), &pw, buf.data(), buf.size(), &found) == 0 && found && found->pw_dir)
        return found->pw_dir;
    return "/";
}

std::string config_home() {
    if (const char* dir = xdg_env("XDG_CONFIG_HOME")) return dir;
    return home() + "/.config";
}

std::string data_home() {
    if (const char* dir = xdg_env("XDG_DATA_HOME")) return dir;
    return home() + "/.local/share";
}

}  // namespace

std::string config_file() { return config_home() + "/limber/config.toml"; }
std::string user_routines_dir() { return config_home() + "/limber/routines"; }
std::string database() { return data_home() + "/limber/limber.db"; }

std::vector<std::string> routine_dirs(const std::string& builtin) {
    std::vector<std::string> dirs;
    std::error_code ec;
    if (!builtin.empty()) dirs.push_back(builtin);
    else if (std::filesystem::is_directory(LIMBER_ROUTINES_DIR, ec)) dirs.push_back(LIMBER_ROUTINES_DIR);
    else dirs.push_back(LIMBER_SOURCE_ROUTINES_DIR);  // running from a build tree
    dirs.push_back(user_routines_dir());
    return dirs;
}

std::vector<std::string> figure_dirs() {
    std::vector<std::string> dirs{data_home() + "/limber/figures"};
    const char* list = std::getenv("XDG_DATA_DIRS");
    std::string rest = list && *list ? list : "/usr/local/share:/usr/share";
    for (std::size_t start = 0; start <= rest.size();) {
        const std::size_t end = std::min(rest.find(':', start), rest.size());
        const std::string dir = rest.substr(start, end - start);
        if (!dir.empty() && dir[0] == '/') dirs.push_back(dir + "/limber/figures");  // relative: invalid, per XDG
        start = end + 1;
    }
    return dirs;
}

Result<std::string> socket() {
    // No fallback to /tmp: a guessed shared location could be taken over by
    // another user, and the runtime dir is what gives the socket its privacy.
    const char* dir = xdg_env("XDG_RUNTIME_DIR");
    if (!dir) return fail("XDG_RUNTIME_DIR is not set; pass --socket PATH");
    return std::string(dir) + "/limber/limber.sock";
}

Result<std::string> runtime_figures() {
    const char* dir = xdg_env("XDG_RUNTIME_DIR");
    if (!dir) return fail("XDG_RUNTIME_DIR is not set");
    return std::string(dir) + "/limber/figures";
}

}  // namespace limber::paths
