// SPDX-License-Identifier: MIT
// V4l2Camera with real inotify and the real /proc: stand-in device files in
// a directory of the test's own, opened and closed by child processes. Our
// own process holds the same file open throughout, which must not count.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "desktop/v4l2_camera.hpp"
#include "run_until.hpp"
#include "temp_dir.hpp"

using limber::core::BusyKind;
using limber::desktop::BusyListener;
using limber::desktop::V4l2Camera;
using limber::test_support::run_until;

namespace {

struct Heard : BusyListener {
    void on_busy(BusyKind kind, bool on_now, const std::string& by) override {
        kinds.push_back(kind);
        on = on_now;
        who = by;
        ++calls;
    }
    std::vector<BusyKind> kinds;
    bool on = false;
    std::string who;
    int calls = 0;
};

// A child process that opens `path` and keeps it open until release(). It
// says when the file is open on one pipe, then blocks reading another whose
// writing end only we hold.
class Holder {
public:
    explicit Holder(const std::string& path) {
        int ready[2];
        int go[2];
        REQUIRE(pipe2(ready, O_CLOEXEC) == 0);
        REQUIRE(pipe2(go, O_CLOEXEC) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            close(ready[0]);
            close(go[1]);
            const int fd = open(path.c_str(), O_RDONLY);
            const char opened = fd >= 0 ? 'y' : 'n';
            if (write(ready[1], &opened, 1) != 1) _exit(2);
            char c;
            while (read(go[0], &c, 1) > 0) {}
            _exit(0);  // exiting closes the file
        }
        close(ready[1]);
        close(go[0]);
        release_ = go[1];
        char opened = 'n';
        const bool told = read(ready[0], &opened, 1) == 1;  // blocks until the child has tried
        close(ready[0]);
        opened_ = told && opened == 'y';
    }
    ~Holder() { release(); }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;

    bool opened() const { return opened_; }
    // Closes the file: the child exits, and we reap it.
    void release() {
        if (release_ < 0) return;
        close(release_);
        release_ = -1;
        waitpid(pid_, nullptr, 0);
    }

private:
    pid_t pid_ = -1;
    int release_ = -1;
    bool opened_ = false;
};

std::string own_name() {
    std::ifstream in("/proc/self/comm");
    std::string name;
    std::getline(in, name);
    return name;
}

struct CameraDir : limber::test_support::TempDir {
    std::string device(const std::string& name) {
        const std::string path = dir_ + "/" + name;
        std::ofstream(path).put('\n');
        return path;
    }
    boost::asio::io_context io;
    Heard heard;
};

}  // namespace

TEST_CASE_METHOD(CameraDir, "v4l2 camera: a process holding a device open makes the camera busy until it closes",
                 "[v4l2]") {
    const std::string video0 = device("video0");
    const std::string other = device("other0");
    auto camera = V4l2Camera::create(io, heard, {}, dir_, "video*");
    const auto probe = camera->probe();
    CHECK(probe.used);
    CHECK_THAT(probe.why, Catch::Contains("video0") && !Catch::Contains("other0"));

    // A file that does not match the glob, held open all along by another
    // process: never counted. Ours, open from here on: never counted
    // either (opened after the forks, so no child inherits it).
    Holder beside(other);
    REQUIRE(beside.opened());
    Holder call(video0);
    REQUIRE(call.opened());
    const int own = open(video0.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(own >= 0);
    REQUIRE(run_until(io, [&] { return heard.on; }));
    CHECK(heard.kinds == std::vector<BusyKind>{BusyKind::camera});
    CHECK(heard.who == own_name());  // the child's name, inherited from us
    CHECK_THAT(camera->probe().why, Catch::Contains("on now"));

    call.release();
    REQUIRE(run_until(io, [&] { return !heard.on; }));
    CHECK(heard.calls == 2);
    close(own);
}

TEST_CASE_METHOD(CameraDir, "v4l2 camera: a device already open when it starts holds", "[v4l2]") {
    const std::string video0 = device("video0");
    Holder call(video0);
    REQUIRE(call.opened());
    auto camera = V4l2Camera::create(io, heard, {}, dir_, "video*");
    REQUIRE(run_until(io, [&] { return heard.on; }));
    call.release();
    CHECK(run_until(io, [&] { return !heard.on; }));
}

TEST_CASE_METHOD(CameraDir, "v4l2 camera: a process in [hold] ignore does not make the camera busy", "[v4l2]") {
    const std::string video0 = device("video0");
    Holder call(video0);
    REQUIRE(call.opened());
    auto camera = V4l2Camera::create(io, heard, {}, dir_, "video*");
    REQUIRE(run_until(io, [&] { return heard.on; }));

    // A reload names the holder (as ps spells it): released at once.
    camera->set_ignore({"dictation", own_name()});
    CHECK_FALSE(heard.on);
    CHECK(heard.calls == 2);
    // A name longer than the kernel keeps matches on its first 15 bytes.
    REQUIRE(own_name().size() == 15);  // test_v4l2_camera, as the kernel keeps it
    camera->set_ignore({own_name() + "-with-a-long-tail"});
    CHECK_FALSE(heard.on);
    // No longer ignored: held after the debounce, as a camera in use at start is.
    camera->set_ignore({});
    CHECK_FALSE(heard.on);
    REQUIRE(run_until(io, [&] { return heard.on; }));
    CHECK(heard.calls == 3);
    call.release();
    CHECK(run_until(io, [&] { return !heard.on; }));
}

TEST_CASE_METHOD(CameraDir, "v4l2 camera: a device plugged in later is watched", "[v4l2]") {
    auto camera = V4l2Camera::create(io, heard, {}, dir_, "video*");
    CHECK(camera->probe().used);
    CHECK_THAT(camera->probe().why, Catch::Contains("yet; listening for one to appear"));

    const std::string video1 = device("video1");  // created by us: no holder yet
    REQUIRE(run_until(io, [&] { return camera->probe().why.find("video1") != std::string::npos; }));
    Holder call(video1);
    REQUIRE(call.opened());
    REQUIRE(run_until(io, [&] { return heard.on; }));
    call.release();
    CHECK(run_until(io, [&] { return !heard.on; }));
}

TEST_CASE("v4l2 camera: a directory that does not exist is a probe that says so", "[v4l2]") {
    boost::asio::io_context io;
    Heard heard;
    auto camera = V4l2Camera::create(io, heard, {}, "/nonexistent-limber-dir", "video*");
    const auto probe = camera->probe();
    CHECK_FALSE(probe.used);
    CHECK_THAT(probe.why, Catch::StartsWith("cannot watch /nonexistent-limber-dir: No such file"));
}
