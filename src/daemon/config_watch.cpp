// SPDX-License-Identifier: MIT
#include "daemon/config_watch.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/inotify_events.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

namespace fs = std::filesystem;

// A target directory: whatever lands in it, leaves it, or is written and
// closed there. Not IN_MODIFY: a save is one close, not a write per block.
constexpr std::uint32_t kContent = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                                   IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// An ancestor standing in for a target directory not made yet.
constexpr std::uint32_t kAncestor = IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::vector<std::string> target_dirs(const WatchTargets& targets) {
    std::vector<std::string> dirs{fs::path(targets.config_file).parent_path().string()};
    for (const std::string& hop : targets.config_links) dirs.push_back(fs::path(hop).parent_path().string());
    dirs.insert(dirs.end(), targets.routine_dirs.begin(), targets.routine_dirs.end());
    return dirs;
}

bool is_toml(const std::string& name) {
    return name.size() > 5 && name.front() != '.' && name.compare(name.size() - 5, 5, ".toml") == 0;
}

}  // namespace

WatchTargets resolve_links(WatchTargets targets) {
    targets.config_links.clear();
    // By hand, not fs::canonical: a link to a file not made yet (a dotfiles
    // checkout half done) still names the place to watch, and every hop
    // on the way is kept: only the hop's directory is made canonical, not
    // the hop itself, which would jump to the end of the chain.
    fs::path path = targets.config_file;
    std::error_code ec;
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(path, ec)); ++hops) {
        const fs::path next = fs::read_symlink(path, ec);
        if (ec) return targets;
        const fs::path joined = path.parent_path() / next;  // an absolute `next` wins the join
        path = fs::weakly_canonical(joined.parent_path(), ec) / joined.filename();
        if (ec) return targets;
        targets.config_links.push_back(path.string());
    }
    return targets;
}

std::map<std::string, std::uint32_t> watch_plan(const WatchTargets& targets) {
    std::map<std::string, std::uint32_t> plan;
    for (const std::string& target : target_dirs(targets)) {
        fs::path dir = target;
        std::error_code ec;
        std::uint32_t mask = kContent;
        while (!fs::is_directory(dir, ec) && dir.has_relative_path()) {
            dir = dir.parent_path();
            mask = kAncestor;
        }
        plan[dir.string()] |= mask;
    }
    return plan;
}

bool event_matters(const WatchTargets& targets, const std::string& dir, const std::string& name, std::uint32_t mask,
                   bool regular_file) {
    if (mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF)) return true;
    if ((mask & IN_CREATE) && regular_file) return false;
    const std::string path = (fs::path(dir) / name).string();
    if (path == targets.config_file) return true;
    for (const std::string& hop : targets.config_links)
        if (path == hop) return true;
    for (const std::string& routines : targets.routine_dirs)
        if (dir == routines && is_toml(name)) return true;
    // A directory on the way to a target came or went: the watches move.
    for (const std::string& target : target_dirs(targets))
        if (target == path || target.rfind(path + "/", 0) == 0) return true;
    return false;
}

ConfigWatch::ConfigWatch(boost::asio::io_context& io, WatchTargets targets, std::function<void()> changed,
                         std::chrono::milliseconds quiet)
    : targets_(std::move(targets)), changed_(std::move(changed)), quiet_(quiet), fd_(io), debounce_(io) {}

Result<void> ConfigWatch::start() {
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) return fail(std::string("cannot watch the config files (inotify): ") + std::strerror(errno));
    fd_.assign(fd);
    arm();
    wait();
    return {};
}

void ConfigWatch::arm() {
    targets_ = resolve_links(std::move(targets_));  // a link may have been put in place or moved
    std::map<int, std::vector<std::string>> now;
    std::map<int, std::uint32_t> masks;
    for (const auto& [dir, mask] : watch_plan(targets_)) {
        // One directory under two names (one through a link) is one watch,
        // and adding it again replaces its mask: ask for both names' events.
        const int fd = fd_.native_handle();
        int wd = ::inotify_add_watch(fd, dir.c_str(), mask);
        if (wd >= 0 && masks.count(wd) && (masks[wd] | mask) != mask)
            wd = ::inotify_add_watch(fd, dir.c_str(), masks[wd] | mask);
        if (wd < 0) {
            log::get("config")->warn("cannot watch {} for changes: {}", dir, std::strerror(errno));
            continue;
        }
        masks[wd] |= mask;
        now[wd].push_back(dir);
        log::get("config")->debug("watching {} for changes", dir);
    }
    for (const auto& [wd, names] : dirs_)
        if (!now.count(wd)) ::inotify_rm_watch(fd_.native_handle(), wd);
    dirs_ = std::move(now);
}

void ConfigWatch::wait() {
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
        if (ec) return;  // closed: the daemon is going away
        drain();
        wait();
    });
}

void ConfigWatch::drain() {
    bool matters = false;
    drain_inotify(fd_.native_handle(), [&](const inotify_event& e) {
        const auto dir = dirs_.find(e.wd);
        if (dir == dirs_.end() && !(e.mask & IN_Q_OVERFLOW)) return;  // a watch already removed
        static const std::vector<std::string> kNone{""};
        const std::string name = e.len ? e.name : "";
        for (const std::string& folder : dir == dirs_.end() ? kNone : dir->second) {
            struct stat st {};
            const bool regular = (e.mask & IN_CREATE) && ::lstat((fs::path(folder) / name).c_str(), &st) == 0 &&
                                 S_ISREG(st.st_mode);
            const bool relevant = event_matters(targets_, folder, name, e.mask, regular);
            log::get("config")->debug("{}/{}: {} (inotify mask {:#x})", folder, name,
                                      relevant ? "changed" : "not ours, ignored", e.mask);
            matters = matters || relevant;
        }
    });
    if (!matters) return;
    // An editor's save is several events; wait until they stop coming.
    debounce_.expires_after(quiet_);
    debounce_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        arm();  // first, so that a file made while reloading is seen too
        changed_();
    });
}

}  // namespace limber::daemon
