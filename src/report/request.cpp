// SPDX-License-Identifier: MIT
#include "report/request.hpp"

#include "report/calendar.hpp"
#include "report/render.hpp"

namespace limber::report {
namespace {

Answer bad(std::string message) { return Answer{nlohmann::json::object(), "bad_args", std::move(message)}; }

// A date argument: absent means `fallback`.
Result<Date> date_arg(const nlohmann::json& args, const char* key, Date fallback, bool month_ok = false) {
    if (!args.contains(key) || args[key].is_null()) return fallback;
    if (!args[key].is_string()) return fail(std::string("'") + key + "' must be a date string like \"2026-03-16\"");
    const std::string text = args[key].get<std::string>();
    if (auto d = parse_date(text)) return *d;
    if (month_ok)
        if (auto m = parse_month(text)) return *m;
    return fail(std::string("'") + key + "' must be a date like \"2026-03-16\", not \"" + text + "\"");
}

Result<Range> range_arg(const nlohmann::json& args, Date today) {
    const bool has_from = args.contains("from") && !args["from"].is_null();
    const bool has_to = args.contains("to") && !args["to"].is_null();
    if (has_from || has_to) {
        if (!has_from || !has_to) return fail("'from' and 'to' go together");
        auto from = date_arg(args, "from", today);
        if (!from) return from.error();
        auto to = date_arg(args, "to", today);
        if (!to) return to.error();
        return range_between(*from, *to);
    }
    std::string kind = "week";
    if (args.contains("range") && !args["range"].is_null()) {
        if (!args["range"].is_string()) return fail("'range' must be \"day\", \"week\" or \"month\"");
        kind = args["range"].get<std::string>();
    }
    if (kind != "day" && kind != "week" && kind != "month")
        return fail("'range' must be \"day\", \"week\" or \"month\", not \"" + kind + "\"");
    auto anchor = date_arg(args, "date", today, kind == "month");
    if (!anchor) return anchor.error();
    return range_of(kind == "day" ? RangeKind::day : kind == "month" ? RangeKind::month : RangeKind::week, *anchor);
}

}  // namespace

Answer answer(const store::Store& store, const nlohmann::json& args, const Options& options) {
    if (!args.is_object()) return bad("the arguments must be an object");
    auto range = range_arg(args, local_date(options.now_s));
    if (!range) return bad(range.error().message);
    if (range->last - range->first + 1 > kMaxDaemonDays)
        return bad("the daemon reports at most " + std::to_string(kMaxDaemonDays) +
                   " days at a time; 'limberctl report' reads longer ranges from the database");
    auto report = make_report(store, *range, options);
    if (!report) return Answer{nlohmann::json::object(), "internal", report.error().message};
    // The ordered form keeps the documented key order in files; the protocol's
    // JSON type is the plain one.
    return Answer{nlohmann::json::parse(to_json(*report).dump()), "", ""};
}

}  // namespace limber::report
