// SPDX-License-Identifier: MIT
#include "tray/launch.hpp"
#include "util/i18n.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <boost/asio/posix/stream_descriptor.hpp>

extern char** environ;

namespace limber::tray {
namespace {

struct Child {
    Child(boost::asio::io_context& io, pid_t p, int err) : pid(p), pidfd(io), error_fd(err) {}
    ~Child() {
        if (error_fd >= 0) ::close(error_fd);
    }
    pid_t pid;
    boost::asio::posix::stream_descriptor pidfd;
    int error_fd;
    OnExit on_exit;
};

std::string read_all(int fd) {
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

// xdg-open's documented exit codes, in words.
std::string xdg_open_says(int status) {
    switch (status) {
        case 2: return "the file does not exist";
        case 3: return "a program it needs is not installed";
        case 4: return "no program could open it";
        default: return "xdg-open exited with status " + std::to_string(status);
    }
}

}  // namespace

Result<void> launch(boost::asio::io_context& io, const std::vector<std::string>& argv, bool capture_stderr,
                    OnExit on_exit) {
    int pipe_fds[2] = {-1, -1};
    if (capture_stderr && ::pipe2(pipe_fds, O_CLOEXEC) != 0)
        return fail(std::string("cannot make a pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (capture_stderr) posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (capture_stderr) ::close(pipe_fds[1]);
    if (rc != 0) {
        if (capture_stderr) ::close(pipe_fds[0]);
        return fail("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    auto child = std::make_shared<Child>(io, pid, pipe_fds[0]);
    child->on_exit = std::move(on_exit);
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0) {
        // A kernel before 5.3: it runs, but nobody will hear how it ended.
        ::waitpid(pid, nullptr, WNOHANG);
        return {};
    }
    child->pidfd.assign(pidfd);
    child->pidfd.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                            [child](const boost::system::error_code& ec) {
                                if (ec) return;
                                int raw = 0;
                                ::waitpid(child->pid, &raw, 0);  // exited already: does not block
                                const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
                                const std::string err = child->error_fd >= 0 ? read_all(child->error_fd) : "";
                                child->on_exit(status, err);
                            });
    return {};
}

void open_with_desktop(boost::asio::io_context& io, const std::string& path, const std::string& what,
                       const std::string& instead, Failed failed) {
    // TRANSLATORS: {} names what would open: "this week's report", "your settings".
    const std::string title = trf("Cannot open {}", what);
    auto started = launch(io, {"xdg-open", path}, false, [=](int status, const std::string&) {
        // TRANSLATORS: {0} is a file, {1} why xdg-open failed (in English, from xdg-open's manual).
        if (status != 0) failed(title, trf("xdg-open could not open {0}: {1}.", path, xdg_open_says(status)) + " " + instead);
    });
    // TRANSLATORS: {} says why xdg-open did not start.
    if (!started) failed(title, trf("{} (it comes with xdg-utils).", started.error().message) + " " + instead);
}

}  // namespace limber::tray
