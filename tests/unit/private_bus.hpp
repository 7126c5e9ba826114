// SPDX-License-Identifier: MIT
// A private dbus-daemon for one test: started in the constructor, killed in
// the destructor (or earlier with kill(), to test a bus that goes away).
// Needs only the dbus-daemon binary, no desktop.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <sdbus-c++/IConnection.h>

extern char** environ;

namespace limber::testing {

class PrivateBus {
public:
    PrivateBus() {
        char dir_template[] = "/tmp/limber-bus.XXXXXX";
        if (mkdtemp(dir_template) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir_ = dir_template;
        const std::string config = dir_ + "/bus.conf";
        std::ofstream(config) << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                 " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                 "<busconfig><type>session</type><listen>unix:dir="
                              << dir_
                              << "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                                 "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                                 "<allow own=\"*\"/></policy></busconfig>\n";
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_adddup2(&files, out[1], 1);
        posix_spawn_file_actions_addclose(&files, out[0]);
        std::string config_arg = "--config-file=" + config;
        char* argv[] = {const_cast<char*>("dbus-daemon"), const_cast<char*>("--nofork"),
                        config_arg.data(), const_cast<char*>("--print-address=1"), nullptr};
        const int rc = posix_spawnp(&pid_, "dbus-daemon", &files, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&files);
        close(out[1]);
        if (rc != 0) {
            close(out[0]);
            throw std::runtime_error("cannot run dbus-daemon (is the dbus package installed?)");
        }
        // dbus-daemon prints its address once it accepts connections.
        FILE* in = fdopen(out[0], "r");
        char line[512] = {};
        const bool got = std::fgets(line, sizeof line, in) != nullptr;
        std::fclose(in);
        if (!got) throw std::runtime_error("dbus-daemon printed no address");
        address_ = line;
        while (!address_.empty() && (address_.back() == '\n' || address_.back() == '\r')) address_.pop_back();
    }

    ~PrivateBus() {
        kill();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    const std::string& address() const { return address_; }

    std::unique_ptr<sdbus::IConnection> connect() const {
        return sdbus::createSessionBusConnectionWithAddress(address_);
    }

    // Freezes and thaws the bus: a peer that does not read for a while.
    void freeze() { ::kill(pid_, SIGSTOP); }
    void thaw() { ::kill(pid_, SIGCONT); }

    // Ends the bus, as a crashed or restarted dbus-daemon would.
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        ::kill(pid_, SIGCONT);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    std::string dir_;
    std::string address_;
    pid_t pid_ = -1;
};

}  // namespace limber::testing
