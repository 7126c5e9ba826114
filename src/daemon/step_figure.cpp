// SPDX-License-Identifier: MIT
#include "daemon/step_figure.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config.hpp"
#include "util/log.hpp"

namespace limber::daemon {
namespace {

namespace fs = std::filesystem;

// Our figures are about 1 KiB; a file far past that is not a drawing, and
// reading it would hold up the loop.
constexpr std::uintmax_t kMaxFigureBytes = 256 * 1024;

// FNV-1a: stable across runs and builds, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

Result<std::string> read_figure(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return fail("cannot read " + path + ": " + ec.message());
    if (size > kMaxFigureBytes) return fail(path + " is larger than 256 KiB; is it a figure?");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return fail("cannot read " + path);
    return text.str();
}

// Into a temporary name, then renamed: the server never reads half a file.
Result<void> write_whole(const fs::path& target, const std::string& text) {
    const fs::path partial = target.string() + ".part";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) return fail("cannot write " + partial.string());
    }
    std::error_code ec;
    fs::rename(partial, target, ec);
    if (ec) return fail("cannot write " + target.string() + ": " + ec.message());
    return {};
}

}  // namespace

bool shows_mirrored(const core::ShowStep& s) { return s.step.both_sides && s.side == "right"; }

std::string mirrored_file_name(const std::string& source, std::string_view mirrored_svg) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(mirrored_svg)));
    return fs::path(source).stem().string() + "-mirrored-" + hash + ".svg";
}

Result<std::string> write_mirrored(const std::string& source, const std::string& dir) {
    auto svg = read_figure(source);
    if (!svg) return svg.error();
    auto mirrored = config::mirror_figure(*svg);
    if (!mirrored) return fail("cannot mirror " + source + ": " + mirrored.error().message);
    const fs::path target = fs::path(dir) / mirrored_file_name(source, *mirrored);
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) return target.string();  // written before: same text, same name
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot make " + dir + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, ec);  // ours alone, like the runtime dir around it
    if (auto written = write_whole(target, *mirrored); !written) return written.error();
    return target.string();
}

StepFigures::StepFigures(std::string mirror_dir) : mirror_dir_(std::move(mirror_dir)) {}

std::string StepFigures::for_stage(const core::ShowStep& s) {
    const std::string& figure = s.step.figure_path;
    if (figure.empty()) return {};  // none named, or not found: the routine loader said so
    std::error_code ec;
    const std::string source = fs::absolute(figure, ec).lexically_normal().string();
    if (ec || !fs::is_regular_file(source, ec)) {
        warn_once(figure, "it is gone");
        return {};
    }
    if (!shows_mirrored(s)) return source;
    if (mirror_dir_.empty()) {
        warn_once(figure, "there is no XDG_RUNTIME_DIR to put its mirrored copy in");
        return {};
    }
    auto mirrored = write_mirrored(source, mirror_dir_);
    if (!mirrored) {
        warn_once(figure, mirrored.error().message);
        return {};
    }
    return *mirrored;
}

void StepFigures::warn_once(const std::string& figure, const std::string& why) {
    if (!warned_.insert(figure).second) return;
    log::get("routine")->warn("step figure {} is not shown: {}", figure, why);
}

}  // namespace limber::daemon
