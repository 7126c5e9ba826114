// SPDX-License-Identifier: MIT
#include "ctl/verbs.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>

#include "config/config.hpp"
#include "config/paths.hpp"
#include "report/calendar.hpp"
#include "report/query.hpp"
#include "report/render.hpp"
#include "store/file_check.hpp"
#include "util/i18n.hpp"

namespace limber::ctl {
namespace {

using report::Date;

struct Args {
    report::RangeKind kind = report::RangeKind::week;
    std::optional<Date> anchor, from, to;
    std::string format, output, db, config;  // format "": from the output's extension
};

// -o week.html wants html without --format html.
std::string format_of_file(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".html" || ext == ".htm") return "html";
    if (ext == ".csv") return "csv";
    if (ext == ".json") return "json";
    return "table";
}

std::optional<Date> parse_day(const std::string& text, Date today) {
    if (text == "today") return today;
    if (text == "yesterday") return today - 1;
    return report::parse_date(text);
}

// Returns kOk, or the exit status after printing why not.
int parse(Context& ctx, Date today, Args& a) {
    const auto& v = ctx.args;
    bool range_given = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::string opt = v[i], value;
        bool has_value = false;
        if (const auto eq = opt.find('='); opt.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = opt.substr(eq + 1);
            opt = opt.substr(0, eq);
            has_value = true;
        }
        // The option's value: after '=', else the next word unless it is
        // another option. False when there is none (--day, --week and
        // --month may go without; the others may not).
        auto take_value = [&]() -> bool {
            if (has_value) return true;
            if (i + 1 < v.size() && !v[i + 1].empty() && v[i + 1][0] != '-') {
                value = v[++i];
                return true;
            }
            return false;
        };

        if (opt == "--day" || opt == "--week" || opt == "--month") {
            if (range_given) return usage_error(ctx, tr("give one of --day, --week, --month or --from/--to"));
            range_given = true;
            a.kind = opt == "--day" ? report::RangeKind::day
                     : opt == "--week" ? report::RangeKind::week
                                       : report::RangeKind::month;
            if (!take_value()) continue;
            a.anchor = opt == "--month" ? report::parse_month(value) : parse_day(value, today);
            if (opt == "--month" && !a.anchor) a.anchor = report::parse_date(value);
            if (!a.anchor)
                return usage_error(ctx, opt == "--month" ? trf("{0} wants YYYY-MM, not '{1}'", opt, value)
                                                         : trf("{0} wants a date like 2026-03-16, not '{1}'", opt, value));
        } else if (opt == "--from" || opt == "--to") {
            if (!take_value()) return usage_error(ctx, trf("{} needs a date", opt));
            const auto d = parse_day(value, today);
            if (!d) return usage_error(ctx, opt + " wants a date like 2026-03-16, not '" + value + "'");
            (opt == "--from" ? a.from : a.to) = d;
        } else if (opt == "--format" || opt == "-o" || opt == "--output" || opt == "--db" || opt == "--config") {
            if (!take_value()) return usage_error(ctx, opt + " needs a value");
            if (opt == "--format") a.format = value;
            else if (opt == "--db") a.db = value;
            else if (opt == "--config") a.config = value;
            else a.output = value;
        } else {
            return usage_error(ctx, trf("unknown argument '{}'", v[i]));
        }
    }
    if (ctx.json) a.format = "json";
    if (a.format.empty()) a.format = format_of_file(a.output);
    if (a.format != "table" && a.format != "json" && a.format != "csv" && a.format != "html")
        return usage_error(ctx, "--format is table, json, csv or html, not '" + a.format + "'");
    if (a.from.has_value() != a.to.has_value()) return usage_error(ctx, "--from and --to go together");
    if (a.from && range_given) return usage_error(ctx, tr("give one of --day, --week, --month or --from/--to"));
    if (a.from && *a.to < *a.from) return usage_error(ctx, "--to is before --from");
    return kOk;
}

int failed(Context& ctx, std::string message) {
    // The store's messages start with its area; here the verb says enough.
    if (message.rfind("store: ", 0) == 0) message.erase(0, 7);
    return fail(ctx, kDaemonError, "failed", message);
}

bool colour_wanted(const Context& ctx) {
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return ctx.out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

int run_report(Context& ctx) {
    const std::int64_t now_s = static_cast<std::int64_t>(std::time(nullptr));
    const Date today = report::local_date(now_s);
    Args a;
    if (int rc = parse(ctx, today, a); rc != kOk) return rc;

    const std::string config_path = a.config.empty() ? paths::config_file() : a.config;
    if (!a.config.empty() && !std::filesystem::exists(config_path)) return failed(ctx, config_path + ": no such file");
    auto settings = config::load_settings(config_path);
    if (!settings) return failed(ctx, settings.error().message);

    const std::string db = a.db.empty() ? paths::database() : a.db;
    auto store = store::Store::open(db, store::Mode::read_only);
    if (!store) return failed(ctx, store.error().message);
    auto any = report::has_history(*store);
    if (!any) return failed(ctx, any.error().message);
    if (!*any) return failed(ctx, trf("no history yet in {} (limberd has not recorded a sitting)", db));

    report::Range range = report::range_of(a.kind, a.anchor.value_or(today));
    if (a.from) range = *report::range_between(*a.from, *a.to);
    const report::Options options{settings->sit_limit.count() / 1000, settings->stretch_days_per_week, now_s};
    auto made = report::make_report(*store, range, options);
    if (!made) return failed(ctx, made.error().message);

    std::string body;
    if (a.format == "json") body = report::render_json(*made);
    else if (a.format == "csv") body = report::render_csv(*made);
    else if (a.format == "html") body = report::render_html(*made);
    else body = report::render_table(*made, {a.output.empty() && colour_wanted(ctx), 80});

    // People are told on stderr that part of the past may be in a file set
    // aside; json and csv stay exactly what scripts expect.
    if (a.format == "table" || a.format == "html") {
        for (const auto& aside : store::moved_aside(db))
            *ctx.err << "limberctl " << ctx.verb << ": a damaged earlier history was moved aside to " << aside
                     << "; it is not in this report\n";
    }
    if (!a.output.empty()) return write_file(ctx, a.output, body);
    *ctx.out << body << std::flush;
    return kOk;
}

}  // namespace limber::ctl
