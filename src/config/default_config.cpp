// SPDX-License-Identifier: MIT
#include "config/default_config.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace limber::config {

Result<bool> create_default_config(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec) return fail("cannot create the directory for " + path + ": " + ec.message());
    // O_EXCL: a file that appeared meanwhile is the user's, not ours to replace.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) return false;
    if (fd < 0) return fail("cannot create " + path + ": " + std::strerror(errno));
    const std::string_view text = default_config_text();
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int write_errno = errno;
    if (::close(fd) != 0 || !written) {
        ::unlink(path.c_str());  // half a file would be refused as broken
        return fail("cannot write " + path + ": " + std::strerror(written ? errno : write_errno));
    }
    return true;
}

}  // namespace limber::config
