// SPDX-License-Identifier: MIT
// config.toml -> Settings. Every key is optional; whatever is absent keeps
// the built-in default of core/settings.hpp.
#include <cctype>
#include <filesystem>
#include <optional>

#include "config/config.hpp"
#include "config/toml_util.hpp"

namespace limber::config {
namespace {

using detail::error_at;
using detail::Fields;

// "HH:MM" -> minute of the day. One-digit hours are accepted ("7:00").
std::optional<int> parse_clock(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() != colon + 3) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i != colon && !std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i) hours = hours * 10 + (text[i] - '0');
    const int minutes = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

Result<QuietRange> parse_quiet_range(const std::string& file, const toml::node& value, const std::string& key) {
    const auto* s = value.as_string();
    if (!s) return error_at(file, value.source(), key, "expected a string like \"22:00-07:00\"");
    const std::string_view text = s->get();
    const auto dash = text.find('-');
    const auto start = parse_clock(text.substr(0, dash));
    const auto end = dash == std::string_view::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
    if (!start || !end)
        return error_at(file, value.source(), key,
                        "bad range \"" + std::string(text) + "\" (write it like \"22:00-07:00\")");
    // An empty range is almost certainly a mistake, and "all day" is what
    // pause is for; refuse rather than guess which was meant.
    if (*start == *end)
        return error_at(file, value.source(), key, "range \"" + std::string(text) + "\" starts where it ends");
    return QuietRange{*start, *end};
}

detail::Field quiet_hours_field(const std::string& file, std::vector<QuietRange>& out) {
    return [&file, &out](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* list = value.as_array();
        if (!list) return error_at(file, value.source(), key, "expected an array like [\"22:00-07:00\"]");
        std::vector<QuietRange> ranges;
        for (std::size_t i = 0; i < list->size(); ++i) {
            // 1-based, like the lines and columns next to it.
            Result<QuietRange> r = parse_quiet_range(file, *list->get(i), key + "[" + std::to_string(i + 1) + "]");
            if (!r) return r.error();
            ranges.push_back(*r);
        }
        out = std::move(ranges);
        return {};
    };
}

// [hold] sources: any of the busy kinds' names. An empty list is allowed
// here: it is how a user turns holding off.
detail::Field hold_sources_field(const std::string& file, core::BusySet& out) {
    return [&file, &out](const toml::node& value, const std::string& key) -> Result<void> {
        std::vector<std::string_view> names;
        for (core::BusyKind k : core::kBusyKinds) names.emplace_back(core::to_string(k));
        std::vector<std::string> chosen;
        const auto* list = value.as_array();
        if (!list || !list->empty()) {
            Result<void> r = detail::string_list_field(file, chosen, names, names.size())(value, key);
            if (!r) return r;
        }
        core::BusySet set;
        for (const auto& name : chosen) set.add(*core::busy_kind(name));
        out = set;
        return {};
    };
}

}  // namespace

Result<Settings> parse_settings(std::string_view toml_text, const std::string& file) {
    Result<toml::table> doc = detail::parse_toml(toml_text, file);
    if (!doc) return doc.error();

    Settings s;  // fresh: the caller swaps it in only when all of it is good
    const std::string& f = file;
    using std::chrono::seconds;
    const std::vector<std::pair<std::string_view, Fields>> tables = {
        {"reminder",
         {{"sit_limit", detail::duration_field(f, s.sit_limit, seconds{1}, "45m")},
          {"snooze", detail::duration_field(f, s.snooze, Millis{1}, "10m")},
          {"max_snoozes", detail::integer_field(f, s.max_snoozes, 1, 1000)},
          {"repeat", detail::duration_field(f, s.repeat, Millis{1}, "5m")}}},
        {"activity", {{"natural_break", detail::duration_field(f, s.natural_break, seconds{1}, "5m")}}},
        {"routine",
         {{"default", detail::string_field(f, s.default_routine)},
          {"places", detail::string_list_field(f, s.places, {"desk", "seated", "floor"}, 3)},
          {"sounds", detail::bool_field(f, s.sounds)},
          {"rep_ticks", detail::bool_field(f, s.rep_ticks)},
          {"speak", detail::bool_field(f, s.speak)}}},
        {"goals", {{"stretch_days_per_week", detail::integer_field(f, s.stretch_days_per_week, 1, 7)}}},
        {"quiet", {{"hours", quiet_hours_field(f, s.quiet)}}},
        {"hold",
         {{"sources", hold_sources_field(f, s.hold_sources)},
          {"grace", detail::duration_field(f, s.hold_grace, Millis{0}, "2m")},
          {"ceiling", detail::duration_field(f, s.hold_ceiling, seconds{1}, "90m")},
          {"ignore", detail::string_list_field(f, s.hold_ignore, {}, 100)}}},
    };

    // The top level holds only tables; each table is a Field that reads its keys.
    Fields top;
    for (const auto& [name, fields] : tables) {
        top.emplace_back(name, [&f, &fields = fields](const toml::node& value, const std::string& key) -> Result<void> {
            const auto* table = value.as_table();
            if (!table) return error_at(f, value.source(), key, "expected a table ([" + key + "])");
            return detail::read_fields(f, *table, key, fields);
        });
    }
    if (Result<void> r = detail::read_fields(f, *doc, "", top); !r) return r.error();
    return s;
}

Result<Settings> load_settings(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec) && !ec) return Settings{};
    Result<std::string> text = detail::read_text_file(path);
    if (!text) return text.error();
    return parse_settings(*text, path);
}

}  // namespace limber::config
