// SPDX-License-Identifier: MIT
// config.toml from any bytes: parse_settings returns settings or one error
// that names file:line:col, never throws or crashes, and whatever it accepts
// is within the documented ranges the engine relies on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string file = "config.toml";
    const auto s = limber::config::parse_settings(text, file);
    if (!s) {
        const std::string& m = s.error().message;
        FUZZ_CHECK(m.rfind(file + ":", 0) == 0);
        FUZZ_CHECK(m.find('\n') == std::string::npos);  // one clear line
        return 0;
    }
    using limber::Millis;
    FUZZ_CHECK(s->sit_limit >= Millis{1000});
    FUZZ_CHECK(s->natural_break >= Millis{1000});
    FUZZ_CHECK(s->snooze > Millis{0} && s->repeat > Millis{0});
    FUZZ_CHECK(s->max_snoozes >= 1 && s->max_snoozes <= 1000);
    FUZZ_CHECK(s->stretch_days_per_week >= 1 && s->stretch_days_per_week <= 7);
    FUZZ_CHECK(!s->default_routine.empty());
    for (const auto& q : s->quiet) {
        FUZZ_CHECK(q.start_min >= 0 && q.start_min < 24 * 60);
        FUZZ_CHECK(q.end_min >= 0 && q.end_min < 24 * 60);
        FUZZ_CHECK(q.start_min != q.end_min);
    }
    return 0;
}
