// SPDX-License-Identifier: MIT
// A camera opened directly through V4L2 (browsers do, PipeWire does not see
// it): inotify's open and close events on the video device nodes wake us,
// and /proc says who holds one now. inotify coalesces events and says
// nothing of who opened a file, so an event is only a reason to look; the
// truth is the /proc/<pid>/fd links that point at a device. Our own process
// is never counted. The inotify fd is on the daemon's loop: no polling.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "desktop/busy_source.hpp"
#include "desktop/factory.hpp"

namespace limber::desktop {

class V4l2Camera {
public:
    // Watches the files in `dir` whose names match the glob `pattern`
    // (fnmatch), those there now and those created later. limberd watches
    // /dev/video*; a test points it at a directory of its own. Never fails:
    // the probe says what went wrong. A process whose name is in `ignore`
    // never makes the camera busy.
    static std::unique_ptr<V4l2Camera> create(boost::asio::io_context& io, BusyListener& listener,
                                              std::vector<std::string> ignore = {}, std::string dir = "/dev",
                                              std::string pattern = "video*");
    ~V4l2Camera();
    V4l2Camera(const V4l2Camera&) = delete;
    V4l2Camera& operator=(const V4l2Camera&) = delete;

    Probe probe() const;  // kind "busy", name "v4l2 camera"
    // A reload's new [hold] ignore, applied to a camera in use now too.
    void set_ignore(std::vector<std::string> ignore);

private:
    V4l2Camera(boost::asio::io_context& io, BusyListener& listener, std::vector<std::string> ignore, std::string dir,
               std::string pattern);
    void watch_device(const std::string& name);
    void wait_readable();
    void read_events();
    void look();          // after events: ask /proc now, or after the debounce
    void debounced();     // the debounce ended: ask /proc
    bool ignored(const std::string& process) const;
    std::string holder() const;  // the first process (its name) holding a device open; "" for nobody
    void report(bool on, const std::string& who);

    BusyListener& listener_;
    std::vector<std::string> ignore_;
    std::string dir_;       // as /proc's links spell it (no symlinks)
    std::string pattern_;
    boost::asio::posix::stream_descriptor inotify_;
    boost::asio::steady_timer debounce_;
    int dir_watch_ = -1;
    std::map<int, std::string> devices_;  // inotify watch -> file name
    std::string error_;        // why nothing is watched
    std::string device_error_; // the last device that could not be watched, and why
    bool pending_ = false;     // the debounce runs
    bool on_ = false;
    std::string who_;
};

}  // namespace limber::desktop
