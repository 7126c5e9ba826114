// SPDX-License-Identifier: MIT
#include "config/config_edit.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "config/config.hpp"
#include "config/default_config.hpp"
#include "config/toml_util.hpp"

namespace limber::config {
namespace {

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

std::string_view trim(std::string_view s) {
    s = trim_left(s);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool is_header(std::string_view line) { return trim_left(line).starts_with('['); }

// "[routine]", "[ routine ]  # comment"; not "[[routine]]" (an array of tables).
bool is_header_of(std::string_view line, std::string_view table) {
    line = trim_left(line);
    if (!line.starts_with('[') || line.starts_with("[[")) return false;
    const auto close = line.find(']');
    return close != std::string_view::npos && trim(line.substr(1, close - 1)) == table;
}

// "key = ...", "key=...": the rest after the key starts with '='.
bool assigns(std::string_view line, std::string_view key) {
    line = trim_left(line);
    if (!line.starts_with(key)) return false;
    return trim_left(line.substr(key.size())).starts_with('=');
}

bool commented_example(std::string_view line, std::string_view key) {
    line = trim_left(line);
    return line.starts_with('#') && assigns(line.substr(1), key);
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

Result<void> replace_file(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // A config kept in a dotfiles repository is often a symlink: write
    // through it, not over it.
    const fs::path target = fs::exists(path, ec) ? fs::canonical(path, ec) : fs::path(path);
    if (ec) return fail("cannot resolve " + path + ": " + ec.message());
    fs::create_directories(target.parent_path(), ec);
    if (ec) return fail("cannot create the directory for " + path + ": " + ec.message());
    const fs::path temp = target.string() + ".limber-new";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            fs::remove(temp, ec);
            return fail("cannot write " + temp.string() + ": " + std::strerror(errno));
        }
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        return fail("cannot replace " + target.string() + ": " + ec.message());
    }
    return {};
}

}  // namespace

std::string set_key_line(std::string_view text, std::string_view table, std::string_view key, std::string_view value) {
    const std::string line = std::string(key) + " = " + std::string(value);
    std::vector<std::string> lines = split_lines(text);
    std::size_t header = lines.size();
    for (std::size_t i = 0; i < lines.size() && header == lines.size(); ++i)
        if (is_header_of(lines[i], table)) header = i;
    if (header == lines.size()) {
        std::string out(text);
        if (!out.empty() && !out.ends_with('\n')) out += '\n';
        return out + (out.empty() ? "" : "\n") + "[" + std::string(table) + "]\n" + line + "\n";
    }
    std::size_t end = header + 1;
    while (end < lines.size() && !is_header(lines[end])) ++end;
    std::size_t at = header + 1;  // where the new line goes, unless one is replaced
    bool replace = false;
    for (std::size_t i = header + 1; i < end; ++i) {
        if (assigns(lines[i], key)) {
            at = i;
            replace = true;
            break;
        }
        if (commented_example(lines[i], key)) at = i + 1;
    }
    if (replace) lines[at] = line;
    else lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), line);
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

Result<void> save_speak(const std::string& path, bool on) {
    std::error_code ec;
    std::string text(default_config_text());
    if (std::filesystem::exists(path, ec)) {
        auto read = detail::read_text_file(path);
        if (!read) return read.error();
        text = std::move(*read);
    }
    // The file as the user wrote it first, so that an error names its lines.
    if (auto as_is = parse_settings(text, path); !as_is)
        return fail(as_is.error().message + "\nFix that first; the file was not changed.");
    const std::string edited = set_key_line(text, "routine", "speak", on ? "true" : "false");
    auto parsed = parse_settings(edited, path);
    if (!parsed) return fail(path + ": routine.speak cannot be set here: " + parsed.error().message);
    // A key written some other way (a dotted key, an inline table) wins
    // over the line: say so rather than claim a change that did not happen.
    if (parsed->speak != on) return fail(path + ": routine.speak is set in a way Limber cannot change; edit it by hand");
    return replace_file(path, edited);
}

}  // namespace limber::config
