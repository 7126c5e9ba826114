// SPDX-License-Identifier: MIT
// Durations as users type them: parse_duration never crashes, accepts only
// what it can give back, and format_duration writes every value it accepts
// in a form that parses to the same value. format_duration also takes any
// value the engine might compute, negative ones included.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "util/duration.hpp"

using limber::Millis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = limber::parse_duration(text);
    if (parsed) {
        FUZZ_CHECK(parsed->count() >= 0);
        const std::string written = limber::format_duration(*parsed);
        const auto back = limber::parse_duration(written);
        FUZZ_CHECK(back && *back == *parsed);
        // The shortest form: writing it again changes nothing.
        FUZZ_CHECK(limber::format_duration(*back) == written);
    } else {
        FUZZ_CHECK(!parsed.error().message.empty());
    }

    if (size >= sizeof(std::int64_t)) {
        std::int64_t ms = 0;
        std::memcpy(&ms, data, sizeof ms);
        const std::string any = limber::format_duration(Millis{ms});
        FUZZ_CHECK(!any.empty());
        if (ms >= 0) {
            // Within the parser's range the text reads back exactly.
            const auto again = limber::parse_duration(any);
            FUZZ_CHECK(!again || *again == Millis{ms});
        }
    }
    return 0;
}
