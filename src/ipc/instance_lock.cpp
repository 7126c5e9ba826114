// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "ipc/server.hpp"

namespace limber::ipc {
namespace {

std::string errno_text() { return std::strerror(errno); }

// mkdir -p with 0700 for what we create. Directories that exist keep their
// mode: $XDG_RUNTIME_DIR is the user's, and a --socket directory is theirs.
Result<void> make_private_dirs(const std::string& dir) {
    if (dir.empty()) return {};
    for (std::size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
        const std::string prefix = dir.substr(0, slash);
        if (::mkdir(prefix.c_str(), 0700) == 0) {
            // The umask may have taken more than group and other bits away.
            if (::chmod(prefix.c_str(), 0700) != 0)
                return fail("cannot set the mode of " + prefix + ": " + errno_text());
        } else if (errno != EEXIST) {
            return fail("cannot create directory " + prefix + ": " + errno_text());
        }
        if (slash == std::string::npos) break;
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return fail("cannot inspect " + dir + ": " + errno_text());
    if (!S_ISDIR(st.st_mode)) return fail(dir + " is not a directory");
    return {};
}

}  // namespace

Result<std::optional<InstanceLock>> InstanceLock::acquire(const std::string& path) {
    if (path.empty()) return fail("the path to lock is empty");
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) {
        if (auto made = make_private_dirs(path.substr(0, slash)); !made) return made.error();
    }

    // The lock file is never unlinked: a daemon starting while another exits
    // could otherwise lock a file the next one no longer sees.
    const std::string lock_path = path + ".lock";
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return fail("cannot open the lock file " + lock_path + ": " + errno_text());

    int rc = 0;
    while ((rc = ::flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) return std::optional<InstanceLock>{};
        return fail("cannot lock " + lock_path + ": " + std::strerror(err));
    }
    // So that a second daemon can name the holder. Best effort: the flock is
    // the lock; without this text the message only lacks the pid.
    const std::string pid = std::to_string(::getpid()) + "\n";
    const bool named = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) > 0;
    (void)named;
    return std::optional<InstanceLock>(InstanceLock(fd));
}

long InstanceLock::holder(const std::string& path) {
    std::ifstream file(path + ".lock");
    long pid = 0;
    if (!(file >> pid) || pid <= 0) return 0;
    return pid;
}

InstanceLock::InstanceLock(int fd) : fd_(fd) {}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

// Closing the descriptor releases the flock.
InstanceLock::~InstanceLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace limber::ipc
