#include "util/iso_time.hpp"

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

}  // namespace limber
