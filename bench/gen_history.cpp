// SPDX-License-Identifier: MIT
// limber-gen-history --db PATH [--years N | --days N] [--end YYYY-MM-DD] [--seed S]
// Synthetic history through the store API, ending today or on --end: for the
// benchmark, for the report's integration test, and for looking at reports
// by hand. --days 0 makes a database with the schema and nothing in it.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "history_gen.hpp"
#include "report/calendar.hpp"

int main(int argc, char** argv) {
    using namespace limber;
    std::string db;
    int days = 365;
    unsigned seed = 1;
    report::Date end = report::local_date(static_cast<std::int64_t>(std::time(nullptr)));
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string opt = argv[i], value = argv[i + 1];
        if (opt == "--db") {
            db = value;
        } else if (opt == "--years") {
            days = 365 * std::atoi(value.c_str());
        } else if (opt == "--days") {
            days = std::atoi(value.c_str());
        } else if (opt == "--seed") {
            seed = static_cast<unsigned>(std::atoi(value.c_str()));
        } else if (opt == "--end") {
            const auto parsed = report::parse_date(value);
            if (!parsed) {
                std::fprintf(stderr, "limber-gen-history: --end wants YYYY-MM-DD, not '%s'\n", value.c_str());
                return 2;
            }
            end = *parsed;
        }
    }
    if (db.empty() || days < 0) {
        std::fprintf(stderr, "usage: limber-gen-history --db PATH [--years N | --days N] [--end YYYY-MM-DD] [--seed S]\n");
        return 2;
    }
    auto store = store::Store::open(db, store::Mode::read_write);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    auto stats = bench::generate_history(*store, end - (days - 1), end, seed);
    if (!stats) {
        std::fprintf(stderr, "%s\n", stats.error().message.c_str());
        return 1;
    }
    std::printf("%s: %lld spans, %lld events\n", db.c_str(), static_cast<long long>(stats->spans),
                static_cast<long long>(stats->events));
    return 0;
}
