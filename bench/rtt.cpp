// SPDX-License-Identifier: MIT
// limber-bench-rtt: round trip of `status` over the daemon's socket.
//
//   limber-bench-rtt --socket PATH [--clients 1,16,64] [--seconds 5] [--warmup 1]
//
// For each client count, that many threads each open their own connection
// (ipc::Client, the blocking client limberctl uses) and send `status` back to
// back; every round trip is timed. Prints one line per count:
//   clients=16 requests=81234 rps=16246.8 p50_us=812.0 p99_us=2310.0 max_us=9120.0 errors=0
// The bench driver (bench/compare.py) parses these lines.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ipc/client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string socket;
    std::vector<int> clients{1, 16, 64};
    double seconds = 5;
    double warmup = 1;
};

struct ThreadResult {
    std::vector<double> micros;  // round trips inside the measured window
    long errors = 0;
};

std::vector<int> parse_list(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stoi(item));
    return out;
}

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) return false;
        const std::string value = argv[++i];
        if (arg == "--socket") o.socket = value;
        else if (arg == "--clients") o.clients = parse_list(value);
        else if (arg == "--seconds") o.seconds = std::stod(value);
        else if (arg == "--warmup") o.warmup = std::stod(value);
        else return false;
    }
    return !o.socket.empty() && !o.clients.empty() && o.seconds > 0;
}

// One client: connects, then loops until `stop`; only round trips that start
// after `measure_from` are kept, so connection set-up and warm-up are out.
void run_client(const std::string& socket, Clock::time_point measure_from, const std::atomic<bool>& stop,
                ThreadResult& out) {
    auto client = limber::ipc::Client::connect(socket);
    if (!client) {
        ++out.errors;
        return;
    }
    out.micros.reserve(1 << 16);
    while (!stop.load(std::memory_order_relaxed)) {
        const auto t0 = Clock::now();
        auto reply = client->call("status");
        const auto t1 = Clock::now();
        if (!reply || !reply->ok) {
            ++out.errors;
            if (!reply) return;  // the connection is gone
            continue;
        }
        if (t0 >= measure_from) out.micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

void run_level(const Options& o, int clients) {
    std::atomic<bool> stop{false};
    std::vector<ThreadResult> results(static_cast<std::size_t>(clients));
    const auto start = Clock::now();
    const auto measure_from =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    std::vector<std::thread> threads;
    for (auto& r : results) {
        threads.emplace_back(run_client, std::cref(o.socket), measure_from, std::cref(stop), std::ref(r));
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup + o.seconds));
    stop = true;
    const auto end = Clock::now();
    for (auto& t : threads) t.join();

    std::vector<double> all;
    long errors = 0;
    for (auto& r : results) {
        all.insert(all.end(), r.micros.begin(), r.micros.end());
        errors += r.errors;
    }
    std::sort(all.begin(), all.end());
    const double window = std::chrono::duration<double>(end - measure_from).count();
    std::printf("clients=%d requests=%zu rps=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f errors=%ld\n", clients,
                all.size(), static_cast<double>(all.size()) / window, percentile(all, 0.50), percentile(all, 0.99),
                all.empty() ? 0.0 : all.back(), errors);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    try {
        if (!parse(argc, argv, o)) {
            std::cerr << "usage: limber-bench-rtt --socket PATH [--clients 1,16,64] [--seconds 5] [--warmup 1]\n";
            return 2;
        }
    } catch (const std::exception&) {
        std::cerr << "limber-bench-rtt: numbers expected, e.g. --clients 1,16,64 --seconds 5\n";
        return 2;
    }
    for (const int n : o.clients) run_level(o, n);
    return 0;
}
