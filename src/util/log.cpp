// SPDX-License-Identifier: MIT
#include "util/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <map>
#include <mutex>

namespace limber::log {
namespace {

bool parse_level(std::string_view text, spdlog::level::level_enum& out) {
    const auto level = spdlog::level::from_str(std::string(text));
    // from_str answers "off" for anything it does not know.
    if (level == spdlog::level::off && text != "off") return false;
    out = level;
    return true;
}

}  // namespace

std::shared_ptr<spdlog::logger> get(const std::string& area) {
    static std::mutex mutex;  // cheap, and keeps get() safe for any thread that logs
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(area)) return existing;
    auto logger = spdlog::stderr_logger_mt(area);
    // The journal adds its own time stamps; keep the line short.
    logger->set_pattern("%^%l%$ [%n] %v");
    return logger;
}

bool configure(std::string_view spec) {
    spdlog::level::level_enum fallback = spdlog::level::info;
    std::map<std::string, spdlog::level::level_enum> areas;
    while (!spec.empty()) {
        const auto comma = spec.find(',');
        std::string_view part = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
        if (part.empty()) continue;
        const auto eq = part.find('=');
        spdlog::level::level_enum level{};
        if (eq == std::string_view::npos) {
            if (!parse_level(part, level)) return false;
            fallback = level;
        } else {
            if (!parse_level(part.substr(eq + 1), level)) return false;
            areas[std::string(part.substr(0, eq))] = level;
        }
    }
    spdlog::set_level(fallback);
    for (const auto& [area, level] : areas) get(area)->set_level(level);
    return true;
}

std::string chosen_spec(const std::string& option) {
    const char* env = std::getenv("LIMBER_LOG");
    return option != "info" || !env || !*env ? option : std::string(env);
}

}  // namespace limber::log
