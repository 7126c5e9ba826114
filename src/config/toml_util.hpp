// SPDX-License-Identifier: MIT
// Private to src/config: what the settings and routine parsers share.
// This is the only header that includes toml++, and nothing outside this
// directory includes it, so the TOML library stays an implementation detail.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "util/duration.hpp"
#include "util/result.hpp"

namespace limber::config::detail {

// Every message names where in which file and which key:
// "FILE:LINE:COL: KEY: message", or "FILE:LINE:COL: message" without a key.
Error error_at(const std::string& file, const toml::source_region& where, std::string_view key,
               std::string_view message);

Result<toml::table> parse_toml(std::string_view text, const std::string& file);
Result<std::string> read_text_file(const std::string& path);

// Handles one key: checks the node's type and range, stores the value.
using Field = std::function<Result<void>(const toml::node& value, const std::string& key)>;
using Fields = std::vector<std::pair<std::string_view, Field>>;

// Dispatches each key of `table` to its field, in document order so the
// first error reported is the first one in the file. A key with no field is
// an error: a typo must not pass silently.
Result<void> read_fields(const std::string& file, const toml::table& table, std::string_view prefix,
                         const Fields& fields);

// Field builders. `example` is shown when someone writes a bare number.
Field string_field(const std::string& file, std::string& out);
Field bool_field(const std::string& file, bool& out);
Field integer_field(const std::string& file, int& out, std::int64_t lo, std::int64_t hi);
Field duration_field(const std::string& file, Millis& out, Millis min, std::string_view example);
// One of `choices`; the error lists them.
Field choice_field(const std::string& file, std::string& out, std::vector<std::string_view> choices);
// A list of short strings: each one of `choices`, or (no choices) any
// non-empty string of at most `max_chars`. Errors point at the element.
Field string_list_field(const std::string& file, std::vector<std::string>& out, std::vector<std::string_view> choices,
                        std::size_t max_items, std::size_t max_chars = 60);

}  // namespace limber::config::detail
