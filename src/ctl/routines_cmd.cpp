// SPDX-License-Identifier: MIT
// `limberctl routines show ID`: one routine step by step, as text or as a
// printable page with its figures.
//
// Where the routine comes from: the running daemon first (`routines`), so
// the sheet is what limberd would run, its --routines-dir and the user's
// own routines included, with the figures it found. With no daemon
// reachable, the routine files are read here, from the same directories
// (paths::routine_dirs) with the same parser (config::load_routines), as
// `report` reads the history itself; stderr says so, since a limberd
// started with --routines-dir would read elsewhere.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>

#include "config/config.hpp"
#include "config/paths.hpp"
#include "ctl/verbs.hpp"
#include "ipc/routine_message.hpp"
#include "report/sheet.hpp"
#include "util/i18n.hpp"

namespace limber::ctl {
namespace {

// A figure larger than this is not a drawing of ours: the sheet goes without.
constexpr std::uintmax_t kMaxFigureBytes = 1 << 20;

struct Args {
    std::string id, format, output;  // format "": from the output's extension
};

std::string format_of_file(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".html" || ext == ".htm") return "html";
    if (ext == ".json") return "json";
    return "text";
}

// ctx.args without the leading "show".
int parse(Context& ctx, Args& a) {
    const auto& v = ctx.args;
    for (std::size_t i = 1; i < v.size(); ++i) {
        std::string opt = v[i], value;
        const auto eq = opt.find('=');
        const bool inline_value = opt.rfind("--", 0) == 0 && eq != std::string::npos;
        if (inline_value) {
            value = opt.substr(eq + 1);
            opt.resize(eq);
        }
        if (opt == "--format" || opt == "-o" || opt == "--output") {
            if (!inline_value && (i + 1 >= v.size() || v[i + 1].empty())) return usage_error(ctx, opt + " needs a value");
            if (!inline_value) value = v[++i];
            (opt == "--format" ? a.format : a.output) = value;
        } else if (!opt.empty() && opt[0] == '-') {
            return usage_error(ctx, trf("unknown argument '{}'", v[i]));
        } else if (a.id.empty()) {
            a.id = opt;
        } else {
            return usage_error(ctx, tr("show takes one routine id"));
        }
    }
    if (a.id.empty()) return usage_error(ctx, tr("show needs a routine id ('limberctl routines' lists them)"));
    if (ctx.json) a.format = "json";
    if (a.format.empty()) a.format = format_of_file(a.output);
    if (a.format != "text" && a.format != "html" && a.format != "json")
        return usage_error(ctx, "--format is text, html or json, not '" + a.format + "'");
    return kOk;
}

// The routines limberd runs, or with limberd down those its files hold.
int routines(Context& ctx, std::vector<Routine>& out) {
    auto reply = ask_daemon(ctx, "routines", ipc::Json::object());
    if (reply && !reply->ok) return fail(ctx, kDaemonError, reply->error.code, reply->error.message);
    if (reply) {
        for (const auto& r : reply->result.value("routines", ipc::Json::array())) {
            auto routine = ipc::routine_from_json(r);
            if (!routine) return fail(ctx, kDaemonError, "failed", "the daemon sent " + routine.error().message);
            out.push_back(std::move(*routine));
        }
        return kOk;
    }
    const std::vector<std::string> dirs = paths::routine_dirs();
    std::string where;
    for (const auto& d : dirs) where += (where.empty() ? "" : " and ") + d;
    if (!ctx.json) *ctx.err << "limberctl " << ctx.verb << ": limberd is not running; read the routines in " << where << "\n";
    out = config::load_routines(dirs, paths::figure_dirs(), i18n::languages()).routines;
    return kOk;
}

std::string read_figure(const std::string& path) {
    std::error_code ec;
    if (path.empty() || std::filesystem::file_size(path, ec) > kMaxFigureBytes || ec) return {};
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::vector<report::SheetFigure> figures(const Routine& r) {
    std::vector<report::SheetFigure> out;
    for (const Step& s : r.steps) {
        report::SheetFigure f{read_figure(s.figure_path), {}};
        // A figure that cannot be mirrored is shown once; the words say "each leg".
        if (auto mirrored = config::mirror_figure(f.svg); s.both_sides && mirrored) f.mirrored = std::move(*mirrored);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace

int run_routines_show(Context& ctx) {
    Args a;
    if (int rc = parse(ctx, a); rc != kOk) return rc;
    std::vector<Routine> all;
    if (int rc = routines(ctx, all); rc != kOk) return rc;
    const Routine* found = nullptr;
    std::string known;
    for (const Routine& r : all) {
        if (r.id == a.id) found = &r;
        known += (known.empty() ? "" : ", ") + r.id;
    }
    if (!found)
        return fail(ctx, kDaemonError, "bad_args",
                    known.empty() ? trf("there is no routine called '{}' (none at all)", a.id)
                                  : trf("there is no routine called '{0}' (known: {1})", a.id, known));

    std::string body;
    if (a.format == "json") body = ipc::routine_to_json(*found).dump() + "\n";
    else if (a.format == "html") body = report::sheet_html(*found, figures(*found));
    else body = report::sheet_text(*found);
    if (!a.output.empty()) return write_file(ctx, a.output, body);
    *ctx.out << body << std::flush;
    return kOk;
}

}  // namespace limber::ctl
