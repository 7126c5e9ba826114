// SPDX-License-Identifier: MIT
// The one translation unit that compiles toml++ (cmake/Dependencies.cmake).
#define TOML_IMPLEMENTATION
#include "config/toml_util.hpp"
#include "util/human.hpp"  // display_width: characters, not bytes ("Matte" or "Übungsmatte")

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace limber::config::detail {
namespace {

std::string_view type_name(toml::node_type type) {
    switch (type) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::none: break;
    }
    return "nothing";
}

Error wrong_type(const std::string& file, const toml::node& value, const std::string& key,
                 std::string_view expected) {
    return error_at(file, value.source(), key,
                    "expected " + std::string(expected) + ", got " + std::string(type_name(value.type())));
}

// Keys and values are quoted from the file, and TOML strings and quoted keys
// can hold control characters; escaped, every error stays one line (found by
// fuzz/: a "\n" in a quiet range split the message in two).
std::string one_line(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        char escaped[5];
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (b < 0x20 || b == 0x7f) out.append(escaped, std::snprintf(escaped, sizeof escaped, "\\x%02x", b));
        else out += c;
    }
    return out;
}

}  // namespace

Error error_at(const std::string& file, const toml::source_region& where, std::string_view key,
               std::string_view message) {
    // A node built by hand has no position; point at the top of the file
    // rather than print a meaningless 0:0.
    const auto line = where.begin.line ? where.begin.line : 1;
    const auto column = where.begin.column ? where.begin.column : 1;
    std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    if (!key.empty()) out += std::string(key) + ": ";
    out += message;
    return fail(one_line(out));
}

Result<toml::table> parse_toml(std::string_view text, const std::string& file) {
    // Debian builds toml++ with exceptions on, so parse() throws; the other
    // branch keeps us correct if it is ever built without them.
#if TOML_EXCEPTIONS
    try {
        return toml::parse(text, std::string_view(file));
    } catch (const toml::parse_error& e) {
        return error_at(file, e.source(), "", e.description());
    }
#else
    toml::parse_result parsed = toml::parse(text, std::string_view(file));
    if (!parsed) return error_at(file, parsed.error().source(), "", parsed.error().description());
    return std::move(parsed).table();
#endif
}

Result<std::string> read_text_file(const std::string& path) {
    // A directory opens fine as a stream and then reads as nothing.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail(path + ": cannot read: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(path + ": cannot read: " + std::strerror(errno));
    return text.str();
}

namespace {

// "reminder" + "sit_limit" -> "reminder.sit_limit"; "" + "name" -> "name".
std::string join_key(std::string_view prefix, std::string_view key) {
    if (prefix.empty()) return std::string(key);
    return std::string(prefix) + "." + std::string(key);
}

}  // namespace

Result<void> read_fields(const std::string& file, const toml::table& table, std::string_view prefix,
                         const Fields& fields) {
    // toml::table iterates in key order; sort by position to report in file order.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, value] : table) entries.emplace_back(&key, &value);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });

    for (const auto& [key, value] : entries) {
        const std::string name = join_key(prefix, key->str());
        const auto field = std::find_if(fields.begin(), fields.end(),
                                        // clang 14 (the fuzz build) cannot capture a structured binding.
                                        [k = key](const auto& f) { return f.first == k->str(); });
        if (field == fields.end()) {
            std::string known;
            for (const auto& f : fields) known += (known.empty() ? "" : ", ") + std::string(f.first);
            const char* what = value->is_table() ? "unknown table" : "unknown key";
            return error_at(file, key->source(), name, std::string(what) + " (known here: " + known + ")");
        }
        if (Result<void> r = field->second(*value, name); !r) return r;
    }
    return {};
}

Field string_field(const std::string& file, std::string& out) {
    return [&file, &out](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* s = value.as_string();
        if (!s) return wrong_type(file, value, key, "a string");
        if (s->get().empty()) return error_at(file, value.source(), key, "must not be empty");
        out = s->get();
        return {};
    };
}

namespace {

std::string quoted_list(const std::vector<std::string_view>& choices) {
    std::string list;
    for (std::string_view c : choices) list += (list.empty() ? "\"" : ", \"") + std::string(c) + "\"";
    return list;
}

}  // namespace

Field choice_field(const std::string& file, std::string& out, std::vector<std::string_view> choices) {
    return [&file, &out, choices = std::move(choices)](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* s = value.as_string();
        if (!s || std::find(choices.begin(), choices.end(), s->get()) == choices.end())
            return error_at(file, value.source(), key, "must be one of " + quoted_list(choices));
        out = s->get();
        return {};
    };
}

Field string_list_field(const std::string& file, std::vector<std::string>& out, std::vector<std::string_view> choices,
                        std::size_t max_items, std::size_t max_chars) {
    return [&file, &out, choices = std::move(choices), max_items, max_chars](const toml::node& value,
                                                                            const std::string& key) -> Result<void> {
        const auto* list = value.as_array();
        const std::string example = choices.empty() ? "[\"a strap or towel\"]" : "[\"" + std::string(choices[0]) + "\"]";
        if (!list) return wrong_type(file, value, key, "a list like " + example);
        if (list->size() > max_items)
            return error_at(file, value.source(), key, "at most " + std::to_string(max_items) + " entries");
        // An empty list of choices would silently switch the feature off.
        if (list->empty() && !choices.empty())
            return error_at(file, value.source(), key, "name at least one of " + quoted_list(choices));
        std::vector<std::string> got;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const toml::node& item = *list->get(i);
            const std::string at = key + "[" + std::to_string(i + 1) + "]";
            const auto* s = item.as_string();
            if (!choices.empty()) {
                if (!s || std::find(choices.begin(), choices.end(), s->get()) == choices.end())
                    return error_at(file, item.source(), at, "must be one of " + quoted_list(choices));
            } else if (!s) {
                return wrong_type(file, item, at, "a string");
            } else if (s->get().empty() || display_width(s->get()) > max_chars) {
                return error_at(file, item.source(), at,
                                "must be 1 to " + std::to_string(max_chars) + " characters long");
            }
            got.push_back(s->get());
        }
        out = std::move(got);
        return {};
    };
}

Field bool_field(const std::string& file, bool& out) {
    return [&file, &out](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* b = value.as_boolean();
        if (!b) return wrong_type(file, value, key, "true or false");
        out = b->get();
        return {};
    };
}

Field integer_field(const std::string& file, int& out, std::int64_t lo, std::int64_t hi) {
    return [&file, &out, lo, hi](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* i = value.as_integer();
        if (!i) return wrong_type(file, value, key, "an integer");
        const std::int64_t n = i->get();
        if (n < lo || n > hi)
            return error_at(file, value.source(), key,
                            "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", not " +
                                std::to_string(n));
        out = static_cast<int>(n);
        return {};
    };
}

Field duration_field(const std::string& file, Millis& out, Millis min, std::string_view example) {
    return [&file, &out, min, example](const toml::node& value, const std::string& key) -> Result<void> {
        // A bare number is the likeliest mistake; answer it with the right form.
        if (value.is_integer() || value.is_floating_point()) {
            std::ostringstream number;
            if (value.is_integer()) number << value.as_integer()->get();
            else number << value.as_floating_point()->get();
            return error_at(file, value.source(), key,
                            "a duration is written as a string like \"" + std::string(example) + "\", not " +
                                number.str());
        }
        const auto* s = value.as_string();
        if (!s) return wrong_type(file, value, key, "a duration string like \"" + std::string(example) + "\"");
        Result<Millis> d = parse_duration(s->get());
        if (!d) return error_at(file, value.source(), key, d.error().message);
        if (*d < min) {
            const std::string why = min <= Millis{1} ? "must be more than zero"
                                                     : "must be at least " + format_duration(min);
            return error_at(file, value.source(), key, why + ", not \"" + s->get() + "\"");
        }
        out = *d;
        return {};
    };
}

}  // namespace limber::config::detail
