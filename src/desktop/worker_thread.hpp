// SPDX-License-Identifier: MIT
// A thread of our own with an Asio queue, for libraries whose calls wait on
// a server (libcanberra, libspeechd): the daemon's loop never waits on them.
#pragma once

#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace limber::desktop {

class WorkerThread {
public:
    WorkerThread() = default;
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;
    // Runs what was posted before, then joins.
    ~WorkerThread() {
        guard_.reset();
        thread_.join();
    }

    template <class F>
    void post(F&& f) {
        boost::asio::post(io_, std::forward<F>(f));
    }

private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{io_.get_executor()};
    std::thread thread_{[this] { io_.run(); }};  // last: starts once the rest exists
};

}  // namespace limber::desktop
