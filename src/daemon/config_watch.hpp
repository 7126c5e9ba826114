// SPDX-License-Identifier: MIT
// Reload on save: inotify on the directories that hold the config file and
// the routine files, its fd on the daemon's loop. Directories, not files:
// editors save by writing a temporary file and renaming it over the old
// one (a watch on the file would follow the old inode away), and a file or
// directory that does not exist yet must be noticed when it appears, so
// the deepest existing ancestor is watched until it does. A config file
// that is a symlink (dotfiles kept in git, stow, home-manager) is watched
// at both ends: the link's directory, where the link itself is replaced,
// and the directory of the file it leads to, where the saves land.
#pragma once

#include <sys/inotify.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "util/result.hpp"

namespace limber::daemon {

struct WatchTargets {
    std::string config_file;                // absolute
    std::vector<std::string> routine_dirs;  // absolute; *.toml in them count
    // Every path config_file's links pass through, the file they lead to
    // last; empty if it is no link. A change at any hop re-points the chain
    // (a dotfiles link to a "current" link to a file in a store). Links
    // among the directories on the way are resolved, not watched.
    std::vector<std::string> config_links;
};

// `targets` with config_links filled in from the file system as it is now.
WatchTargets resolve_links(WatchTargets targets);

// What inotify should watch for these targets: directory -> event mask.
// A missing target directory is stood in for by its deepest existing
// ancestor, watched only for the next component to appear.
std::map<std::string, std::uint32_t> watch_plan(const WatchTargets& targets);

// Whether an event on `name` inside the watched `dir` can change what a
// reload would read. A file just created is not (its writer has not closed
// it yet; IN_CLOSE_WRITE follows) unless it is no regular file (a directory
// or a symlink: nothing follows those).
bool event_matters(const WatchTargets& targets, const std::string& dir, const std::string& name, std::uint32_t mask,
                   bool regular_file);

class ConfigWatch {
public:
    // `changed` runs once per burst of events, `quiet` after the last.
    ConfigWatch(boost::asio::io_context& io, WatchTargets targets, std::function<void()> changed,
                std::chrono::milliseconds quiet = std::chrono::milliseconds(300));
    ConfigWatch(const ConfigWatch&) = delete;
    ConfigWatch& operator=(const ConfigWatch&) = delete;

    // Error: no inotify here (the daemon goes on; `reload` still works).
    Result<void> start();

private:
    void arm();  // (re)places the watches after directories came or went
    void wait();
    void drain();

    WatchTargets targets_;
    std::function<void()> changed_;
    std::chrono::milliseconds quiet_;
    boost::asio::posix::stream_descriptor fd_;
    boost::asio::steady_timer debounce_;
    // watch descriptor -> directory, under every name the plan gave it: a
    // directory reached through a link and by its own path is one watch.
    std::map<int, std::vector<std::string>> dirs_;
};

}  // namespace limber::daemon
