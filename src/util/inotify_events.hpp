// SPDX-License-Identifier: MIT
// Reading an inotify fd: every pending event, one call each. The fd is
// non-blocking (IN_NONBLOCK); a read that would block ends the drain.
#pragma once

#include <sys/inotify.h>
#include <unistd.h>

namespace limber {

template <class F>
void drain_inotify(int fd, F&& on_event) {
    alignas(inotify_event) char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) return;  // EAGAIN: all read
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            on_event(*e);
        }
    }
}

}  // namespace limber
