// SPDX-License-Identifier: MIT
// Waiting for a server to come back without polling: inotify on the
// directory that holds its socket, calling back when a file of that name
// is made there (bind() makes the socket file) or moved in. Armed only
// while waiting, so that a busy runtime directory ($XDG_RUNTIME_DIR: other
// sockets, lock files) wakes nobody while the connection is up.
#pragma once

#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "util/result.hpp"

namespace limber::desktop {

class FileAppears {
public:
    // `path` is absolute; `appeared` runs on the io_context's thread.
    FileAppears(boost::asio::io_context& io, std::string path, std::function<void()> appeared);
    ~FileAppears();
    FileAppears(const FileAppears&) = delete;
    FileAppears& operator=(const FileAppears&) = delete;

    // Error: no inotify, or no directory to watch (say so in doctor).
    Result<void> arm();
    void disarm();
    bool armed() const { return fd_.is_open(); }
    const std::string& path() const { return path_; }

private:
    void wait();
    bool drain();  // whether our file was among the events

    std::string path_;
    std::string dir_;
    std::string name_;
    std::function<void()> appeared_;
    boost::asio::posix::stream_descriptor fd_;
    bool waiting_ = false;
};

}  // namespace limber::desktop
