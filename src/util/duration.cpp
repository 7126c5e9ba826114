// SPDX-License-Identifier: MIT
#include "util/duration.hpp"

#include <cctype>
#include <cstdint>
#include <limits>

namespace limber {
namespace {

constexpr std::int64_t kMaxMillis = std::int64_t{366} * 24 * 3600 * 1000;  // a year is plenty

Error bad(std::string_view text, std::string_view why) {
    return fail("bad duration \"" + std::string(text) + "\": " + std::string(why) +
                " (write it like 90s, 10m or 1h30m)");
}

std::int64_t unit_millis(char unit) {
    switch (unit) {
        case 'h': return 3'600'000;
        case 'm': return 60'000;
        case 's': return 1'000;
        default: return 0;
    }
}

}  // namespace

Result<Millis> parse_duration(std::string_view text) {
    if (text.empty()) return bad(text, "it is empty");
    std::int64_t total = 0;
    std::size_t i = 0;
    int last_rank = 4;  // units must come in order h, m, s, ms; each at most once
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return bad(text, "expected a number");
        std::int64_t number = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            number = number * 10 + (text[i] - '0');
            if (number > kMaxMillis) return bad(text, "it is too long");
            ++i;
        }
        if (i == text.size()) return bad(text, "a number needs a unit");
        int rank = 0;
        std::int64_t scale = 0;
        if (text.substr(i, 2) == "ms") {
            rank = 0, scale = 1, i += 2;
        } else if ((scale = unit_millis(text[i])) != 0) {
            rank = text[i] == 'h' ? 3 : text[i] == 'm' ? 2 : 1;
            ++i;
        } else {
            return bad(text, "unknown unit '" + std::string(1, text[i]) + "'");
        }
        if (rank >= last_rank) return bad(text, "units must go from hours down to seconds, once each");
        last_rank = rank;
        total += number * scale;
        if (total > kMaxMillis) return bad(text, "it is too long");
    }
    return Millis{total};
}

std::string format_duration(Millis d) {
    // The magnitude as unsigned: negating the most negative int64 overflows (found by fuzz/).
    const bool negative = d.count() < 0;
    std::uint64_t ms = static_cast<std::uint64_t>(d.count());
    if (negative) ms = 0 - ms;
    if (ms == 0) return "0s";
    std::string out = negative ? "-" : "";
    const auto take = [&](std::uint64_t scale, const char* unit) {
        if (ms >= scale) {
            out += std::to_string(ms / scale) + unit;
            ms %= scale;
        }
    };
    take(3'600'000, "h");
    take(60'000, "m");
    take(1'000, "s");
    take(1, "ms");
    return out;
}

}  // namespace limber
