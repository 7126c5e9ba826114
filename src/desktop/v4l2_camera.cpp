// SPDX-License-Identifier: MIT
#include "desktop/v4l2_camera.hpp"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>

#include "util/inotify_events.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

using Dir = std::unique_ptr<DIR, int (*)(DIR*)>;

Dir open_dir(const std::string& path) { return Dir(opendir(path.c_str()), closedir); }

bool all_digits(const char* s) {
    if (*s == '\0') return false;
    for (; *s != '\0'; ++s)
        if (*s < '0' || *s > '9') return false;
    return true;
}

// What people call the process: its comm ("firefox", "chromium").
std::string process_name(const std::string& pid) {
    std::ifstream in("/proc/" + pid + "/comm");
    std::string name;
    std::getline(in, name);
    return name.empty() ? "process " + pid : name;
}

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

V4l2Camera::V4l2Camera(boost::asio::io_context& io, BusyListener& listener, std::vector<std::string> ignore,
                       std::string dir, std::string pattern)
    : listener_(listener), ignore_(std::move(ignore)), dir_(std::move(dir)), pattern_(std::move(pattern)), inotify_(io), debounce_(io) {}

V4l2Camera::~V4l2Camera() = default;  // closing the inotify fd drops every watch

std::unique_ptr<V4l2Camera> V4l2Camera::create(boost::asio::io_context& io, BusyListener& listener,
                                               std::vector<std::string> ignore, std::string dir,
                                               std::string pattern) {
    std::unique_ptr<V4l2Camera> self(
        new V4l2Camera(io, listener, std::move(ignore), std::move(dir), std::move(pattern)));
    V4l2Camera& c = *self;
    auto log = log::get("busy");
    // /proc's links name the real path: compare with that.
    std::unique_ptr<char, void (*)(void*)> real(realpath(c.dir_.c_str(), nullptr), std::free);
    const int fd = real ? inotify_init1(IN_NONBLOCK | IN_CLOEXEC) : -1;
    if (!real) c.error_ = errno_text("cannot watch " + c.dir_);
    else if (fd < 0) c.error_ = errno_text("no inotify");
    if (!c.error_.empty()) {
        log->info("{}: cameras opened directly cannot hold reminders", c.error_);
        return self;
    }
    c.dir_ = real.get();
    c.inotify_.assign(fd);
    // Creations only: the directory's own open events would be every open
    // of /dev/null and /dev/tty on the machine.
    c.dir_watch_ = inotify_add_watch(fd, c.dir_.c_str(), IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
    if (c.dir_watch_ < 0) {
        c.error_ = errno_text("cannot watch " + c.dir_);
        log->info("{}: cameras opened directly cannot hold reminders", c.error_);
        return self;
    }
    if (Dir d = open_dir(c.dir_)) {
        while (const dirent* e = readdir(d.get()))
            if (fnmatch(c.pattern_.c_str(), e->d_name, 0) == 0) c.watch_device(e->d_name);
    }
    c.wait_readable();
    log->info("watching {} camera devices ({}/{}) with inotify", c.devices_.size(), c.dir_, c.pattern_);
    // A camera already in use: held after the debounce, like one opened now.
    if (!c.devices_.empty() && !c.holder().empty()) c.look();
    return self;
}

void V4l2Camera::watch_device(const std::string& name) {
    const std::string path = dir_ + "/" + name;
    const int wd = inotify_add_watch(inotify_.native_handle(), path.c_str(), IN_OPEN | IN_CLOSE);
    if (wd < 0) {
        device_error_ = errno_text("cannot watch " + path);
        log::get("busy")->debug("{}", device_error_);
        return;
    }
    devices_[wd] = name;
}

void V4l2Camera::wait_readable() {
    inotify_.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
        if (ec) return;  // aborted: *this may be gone
        read_events();
        wait_readable();
    });
}

void V4l2Camera::read_events() {
    bool any = false;
    drain_inotify(inotify_.native_handle(), [&](const inotify_event& e) {
        if (e.wd == dir_watch_) {
            // A camera plugged in: it may be open already by the time we watch it.
            if (e.len > 0 && fnmatch(pattern_.c_str(), e.name, 0) == 0) {
                watch_device(e.name);
                any = true;
            }
            return;
        }
        if (e.mask & IN_IGNORED) devices_.erase(e.wd);  // the device went away
        any = true;  // an open, a close, or an overflow: which does not matter
    });
    if (any) look();
}

void V4l2Camera::look() {
    if (on_) {
        // The end of a call: at once, so the grace starts when it ended.
        const std::string who = holder();
        report(!who.empty(), who);
        return;
    }
    // An open: the process may not have its fd yet when we are woken, and
    // a browser listing cameras opens each for a moment. Look once the
    // debounce has passed.
    if (pending_) return;
    pending_ = true;
    debounce_.expires_after(kBusyDebounce);
    debounce_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;  // aborted: *this may be gone
        debounced();
    });
}

void V4l2Camera::debounced() {
    pending_ = false;
    const std::string who = holder();
    if (!who.empty()) report(true, who);
}

void V4l2Camera::set_ignore(std::vector<std::string> ignore) {
    ignore_ = std::move(ignore);
    // As if the camera had just been opened or closed: a holder no longer
    // ignored counts after the debounce, as at start; one now ignored is
    // let go at once.
    if (inotify_.is_open()) look();
}

// The kernel keeps 15 bytes of a process name ("gnome-control-c"): a
// longer name in [hold] ignore matches its first 15.
bool V4l2Camera::ignored(const std::string& process) const {
    constexpr std::size_t kCommLength = 15;
    return std::any_of(ignore_.begin(), ignore_.end(), [&](const std::string& name) {
        return name == process || (process.size() == kCommLength && name.compare(0, kCommLength, process) == 0);
    });
}

std::string V4l2Camera::holder() const {
    const std::string self = std::to_string(getpid());
    Dir proc = open_dir("/proc");
    if (!proc) return "";
    while (const dirent* p = readdir(proc.get())) {
        if (!all_digits(p->d_name) || p->d_name == self) continue;
        // Another user's processes are not ours to read; theirs are not our calls either.
        Dir fds = open_dir(std::string("/proc/") + p->d_name + "/fd");
        if (!fds) continue;
        while (const dirent* f = readdir(fds.get())) {
            char target[PATH_MAX];
            const ssize_t n = readlinkat(dirfd(fds.get()), f->d_name, target, sizeof target - 1);
            if (n <= static_cast<ssize_t>(dir_.size()) + 1) continue;
            target[n] = '\0';
            const std::string_view t(target, static_cast<std::size_t>(n));
            if (t.substr(0, dir_.size()) != dir_ || t[dir_.size()] != '/') continue;
            const char* name = target + dir_.size() + 1;
            if (std::strchr(name, '/') != nullptr || fnmatch(pattern_.c_str(), name, 0) != 0) continue;
            if (std::string who = process_name(p->d_name); !ignored(who)) return who;
            break;  // this process is ignored: on to the next
        }
    }
    return "";
}

void V4l2Camera::report(bool on, const std::string& who) {
    if (on == on_ && who == who_) return;
    on_ = on;
    who_ = who;
    if (on) log::get("busy")->info("camera opened by {}", who);
    else log::get("busy")->info("no camera is open any more");
    listener_.on_busy(core::BusyKind::camera, on, who);
}

Probe V4l2Camera::probe() const {
    Probe p{"busy", "v4l2 camera", false, error_};
    if (!error_.empty()) return p;
    p.used = true;
    std::string names;
    for (const auto& [wd, name] : devices_) names += (names.empty() ? "" : ", ") + name;
    if (devices_.empty()) p.why = "no " + dir_ + "/" + pattern_ + " yet; listening for one to appear";
    else p.why = "inotify open and close on " + dir_ + "/{" + names + "}, confirmed from /proc";
    if (on_) p.why += "; on now (" + who_ + ")";
    if (!device_error_.empty()) p.why += "; " + device_error_;
    return p;
}

}  // namespace limber::desktop
