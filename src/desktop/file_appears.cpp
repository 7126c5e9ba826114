// SPDX-License-Identifier: MIT
#include "desktop/file_appears.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "util/inotify_events.hpp"

namespace limber::desktop {

FileAppears::FileAppears(boost::asio::io_context& io, std::string path, std::function<void()> appeared)
    : path_(std::move(path)), appeared_(std::move(appeared)), fd_(io) {
    const std::filesystem::path p(path_);
    dir_ = p.parent_path().string();
    name_ = p.filename().string();
}

FileAppears::~FileAppears() { disarm(); }

Result<void> FileAppears::arm() {
    if (armed()) return {};
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) return fail(std::string("no inotify: ") + std::strerror(errno));
    // IN_ATTRIB too: a server that finds its old socket may chmod it anew.
    if (::inotify_add_watch(fd, dir_.c_str(), IN_CREATE | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR) < 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        return fail("cannot watch " + dir_ + ": " + why);
    }
    fd_.assign(fd);
    wait();
    return {};
}

void FileAppears::disarm() {
    if (!armed()) return;
    boost::system::error_code ignored;
    fd_.close(ignored);  // cancels the wait; the watch goes with the fd
}

void FileAppears::wait() {
    waiting_ = true;
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
        waiting_ = false;
        if (ec) return;  // disarmed
        if (!drain()) return wait();
        // The callback may disarm (connected), leave it armed (the server
        // was not listening yet) or even disarm and arm again.
        appeared_();
        if (armed() && !waiting_) wait();
    });
}

bool FileAppears::drain() {
    bool ours = false;
    drain_inotify(fd_.native_handle(), [&](const inotify_event& e) {
        // An overflow may have swallowed ours: look again.
        if ((e.mask & IN_Q_OVERFLOW) || (e.len && std::string_view(e.name) == name_)) ours = true;
    });
    return ours;
}

}  // namespace limber::desktop
