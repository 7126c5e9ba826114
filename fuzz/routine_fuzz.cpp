// SPDX-License-Identifier: MIT
// A routine file from any bytes: parse_routine returns a routine the engine
// can run or one error that names file:line:col, and never throws or crashes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string file = "routines/fuzz.toml";
    const auto r = limber::config::parse_routine(text, file, "fuzz");
    if (!r) {
        const std::string& m = r.error().message;
        FUZZ_CHECK(m.rfind(file + ":", 0) == 0);
        FUZZ_CHECK(m.find('\n') == std::string::npos);
        return 0;
    }
    FUZZ_CHECK(r->id == "fuzz" && !r->name.empty() && !r->steps.empty());
    FUZZ_CHECK(r->place == "desk" || r->place == "floor" || r->place == "anywhere");
    for (const auto& step : r->steps) {
        FUZZ_CHECK(!step.name.empty() && !step.how.empty());
        FUZZ_CHECK((step.hold > limber::Millis{0}) != (step.reps > 0));  // hold or reps, not both
        FUZZ_CHECK(step.duration >= limber::Millis{1000});
    }
    FUZZ_CHECK(r->total() >= limber::Millis{1000});
    return 0;
}
