// SPDX-License-Identifier: MIT
#include "util/iso_time.hpp"

#include <cstdio>
#include <ctime>

namespace limber {

std::string iso_utc(std::int64_t utc_seconds) {
    const std::time_t t = static_cast<std::time_t>(utc_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
    const std::string s(text);
    std::tm t{};
    char z = 0;
    int used = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                    &t.tm_sec, &z, &used) != 7 ||
        z != 'Z' || static_cast<std::size_t>(used) != s.size())
        return std::nullopt;
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return std::int64_t{timegm(&t)};
}

}  // namespace limber
