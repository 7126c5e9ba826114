// SPDX-License-Identifier: MIT
// The four formats of one report agree with each other: CSV cells and the
// page's numbers are the JSON's, the table's totals are the JSON's totals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "util/iso_time.hpp"
#include "report/render.hpp"
#include "report/text.hpp"
#include "report_history.hpp"

namespace limber::report {
namespace {

using Json = nlohmann::ordered_json;

using Catch::Matchers::Contains;

// One week of history written once per run through a test case, with its
// report and that report's JSON, which the other formats are checked against.
class Rendered : public testing::History {
protected:
    Rendered() {
        auto t = [](int day, int hh, int mm) { return at(2026, 3, day, hh, mm); };
        brk("shutdown", t(15, 20, 0), t(16, 8, 0));
        sitting(t(16, 8, 0), t(16, 9, 10));
        event(t(16, 8, 45), "reminder_shown", R"({"repeat":0,"snoozes":0,"routine":"desk"})");
        event(t(16, 8, 47), "reminder_snoozed", R"({"for_s":600,"snoozes":1})");
        event(t(16, 8, 57), "reminder_shown", R"({"repeat":0,"snoozes":1,"routine":"desk"})");
        event(t(16, 9, 10), "routine_started", R"({"from_reminder":1,"routine":"desk","waited_s":1500})");
        event(t(16, 9, 16), "routine_completed", R"({"routine":"desk","seconds":360})");
        brk("routine", t(16, 9, 10), t(16, 9, 16));
        sitting(t(16, 9, 16), t(16, 9, 50));
        brk("idle", t(16, 9, 50), t(16, 10, 5));
        sitting(t(16, 10, 5), t(16, 12, 0));
        event(t(16, 10, 50), "reminder_shown", R"({"repeat":0,"snoozes":0,"routine":"floor, \"the long one\""})");
        event(t(16, 10, 55), "reminder_skipped", R"({"waited_s":300})");
        brk("lock", t(16, 12, 0), t(16, 13, 0));
        sitting(t(16, 13, 0), t(16, 13, 40));
        brk("suspend", t(16, 13, 40), t(17, 23, 0));
        sitting(t(17, 23, 0), t(18, 1, 0));
        brk("idle", t(18, 1, 0), t(18, 8, 0));
        completed_routine(t(18, 8, 10), "strap&co", 420);
        sitting(t(18, 8, 10), t(18, 8, 40), /*open=*/true);
        report_ = report(range_of(RangeKind::week, date(2026, 3, 16)), t(18, 8, 41));
        json_ = to_json(report_);
    }

    Report report_;
    Json json_;
};

// A dotted key ("days.2.over_limit.seconds") as a JSON pointer.
Json::json_pointer pointer(const std::string& dotted) {
    std::string p = "/" + dotted;
    for (char& c : p)
        if (c == '.') c = '/';
    return Json::json_pointer(p);
}

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.push_back(cell), cell.clear();
        } else {
            cell += c;
        }
    }
    cells.push_back(cell);
    return cells;
}

// Display columns: code points, without ANSI colour sequences.
std::size_t columns(const std::string& line) {
    const std::string plain = std::regex_replace(line, std::regex("\033\\[[0-9;]*m"), "");
    std::size_t n = 0;
    for (unsigned char c : plain) n += (c & 0xC0) != 0x80;
    return n;
}

TEST_CASE_METHOD(Rendered, "report render: the JSON has every figure under its key", "[report-render]") {
    const Json parsed = Json::parse(render_json(report_));
    CHECK(parsed == json_);
    CHECK(json_["range"]["from"] == "2026-03-16");
    CHECK(json_["range"]["days"] == 7);
    CHECK(json_["sit_limit_s"] == 2700);
    CHECK(json_["days"].size() == 7u);
    const Json& t = json_["totals"];
    CHECK(t["sitting_s"] == (70 + 34 + 115 + 40 + 120 + 30) * 60);
    CHECK(t["sittings"] == 6);
    CHECK(t["longest_sitting_s"] == 120 * 60);  // across midnight: the range sees it whole
    CHECK(t["longest_sitting_start"] == limber::iso_utc(at(2026, 3, 17, 23, 0)));
    CHECK(t["over_limit"]["count"] == 3);  // 70, 115 and 120 minutes
    CHECK(t["over_limit"]["share"] == text::share4(305.0 / 409.0));
    CHECK(t["reminders"]["acted"] == 1);
    CHECK(t["reminders"]["skipped"] == 1);
    CHECK(t["routines"]["by_routine"]["strap&co"]["seconds"] == 420);
    CHECK(t["stretch_days"] == 2);
    CHECK(t["ongoing"] == true);
    CHECK(json_["days"][0]["longest_sitting_start"] == limber::iso_utc(at(2026, 3, 16, 10, 5)));
    CHECK(json_["days"][6]["longest_sitting_start"].is_null());
    CHECK(json_["heatmap"]["sitting_s"].size() == 7u);
    CHECK(json_["heatmap"]["sitting_s"][1][23] == 3600);
    CHECK(json_["goal"]["stretch_days"] == 2);
    CHECK(json_["goal"]["in_progress"] == true);
    for (const char* key : {"sitting_s", "sittings", "longest_sitting_s", "longest_sitting_start", "average_sitting_s",
                            "over_limit", "breaks", "reminders", "routines", "ongoing"}) {
        INFO("days[3]." << key);
        CHECK(json_["days"][3].contains(key));
    }
}

TEST_CASE_METHOD(Rendered, "report render: the CSV has a header and one row per day that agree with the JSON",
                 "[report-render]") {
    std::istringstream csv(render_csv(report_));
    std::string line;
    std::vector<std::vector<std::string>> rows;
    while (std::getline(csv, line)) {
        REQUIRE_FALSE(line.empty());
        REQUIRE(line.back() == '\r');
        line.pop_back();
        rows.push_back(split_csv_line(line));
    }
    REQUIRE(rows.size() == 8u);
    const auto& header = rows[0];
    const auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        INFO("column " << name);
        REQUIRE(it != header.end());
        return static_cast<std::size_t>(it - header.begin());
    };
    const std::map<std::string, std::string> where = {
        {"sitting_s", "sitting_s"},       {"over_limit_s", "over_limit.seconds"}, {"over_limit_share", "over_limit.share"},
        {"breaks_idle_s", "breaks.idle.seconds"}, {"breaks_lock_count", "breaks.lock.count"},
        {"reminders_shown", "reminders.shown"},   {"reminder_wait_max_s", "reminders.wait_max_s"},
        {"stretched_s", "routines.stretched_s"},  {"longest_sitting_start", "longest_sitting_start"},
        {"date", "date"}};
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const Json& day = json_["days"][i - 1];
        INFO("row " << i << ", " << day["date"].get<std::string>());
        REQUIRE(rows[i].size() == header.size());
        for (std::size_t c = 0; c < header.size(); ++c) {
            const auto it = where.find(header[c]);
            if (it == where.end()) continue;
            const Json& v = day.at(pointer(it->second));
            const std::string want = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
            INFO("column " << header[c]);
            CHECK(rows[i][c] == want);
        }
        CHECK(rows[i][column("stretch_day")] == (day["stretch_day"].get<bool>() ? "1" : "0"));
        if (day["date"] == "2026-03-16") CHECK(rows[i][column("routines")] == "desk:1");
        if (day["date"] == "2026-03-18") CHECK(rows[i][column("routines")] == "strap&co:1");
    }
    std::int64_t sitting = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) sitting += std::stoll(rows[i][column("sitting_s")]);
    CHECK(sitting == json_["totals"]["sitting_s"]);
}

TEST_CASE_METHOD(Rendered, "report render: the table fits eighty columns and states the totals", "[report-render]") {
    std::string line;
    SECTION("without colour") {
        const std::string plain = render_table(report_, {false, 80});
        CHECK_THAT(plain, !Contains("\033"));
        std::istringstream lines(plain);
        bool saw_total = false, saw_longest = false;
        while (std::getline(lines, line)) {
            CAPTURE(line);
            CHECK(columns(line) <= 80u);
            if (line.rfind("Sitting ", 0) == 0) {
                saw_total = true;
                const auto total = json_["totals"]["sitting_s"].get<std::int64_t>();
                CHECK_THAT(line, Contains(text::hm(total) + " on 3 of 7 days"));
            }
            if (line.rfind("Longest ", 0) == 0) {
                saw_longest = true;
                CHECK_THAT(line, Contains("2h 00m unbroken, from 23:00 on Tue 17 Mar"));
            }
            if (line.rfind("Tue 17 Mar", 0) == 0) CHECK_THAT(line, Contains(" 1h 00m "));
        }
        CHECK(saw_total);
        CHECK(saw_longest);
        CHECK_THAT(plain, Contains("3 of 6 sittings, 75% of the sitting time"));
        CHECK_THAT(plain, Contains("2 stretch days in the week of Mon 16 Mar (goal 4): not yet"));
    }
    SECTION("with colour the escape sequences take no columns") {
        const std::string colour = render_table(report_, {true, 80});
        CHECK_THAT(colour, Contains("\033["));
        std::istringstream coloured(colour);
        while (std::getline(coloured, line)) {
            CAPTURE(line);
            CHECK(columns(line) <= 80u);
        }
    }
}

TEST_CASE_METHOD(Rendered, "report render: the page carries the JSON's numbers and its charts", "[report-render]") {
    const std::string html = render_html(report_);
    // Messages name what is missing: the page itself is too long to print.
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0u);
    for (const char* chart : {"Sitting per day", "Your days on the clock", "When you sit: hour of the day by weekday", "Longest sitting per day",
                              "What became of the reminders", "Stretch days this week"}) {
        INFO("chart " << chart);
        CHECK(html.find(std::string("aria-label=\"") + chart + "\"") != std::string::npos);
    }
    // Self-contained: nothing to fetch, nothing to run.
    for (const char* banned : {"<script", "src=", "href=", "@import", "url("}) {
        INFO("banned " << banned);
        CHECK(html.find(banned) == std::string::npos);
    }
    {
        INFO("text is escaped");
        CHECK(html.find(">strap&amp;co<") != std::string::npos);
    }

    const std::regex tagged("data-key=\"([^\"]+)\" data-value=\"(-?[0-9]+)\"");
    int checked = 0;
    std::set<std::string> keys;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), tagged); it != std::sregex_iterator(); ++it) {
        const std::string key = std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&");
        INFO("data-key " << key);
        const Json& v = json_.at(pointer(key));
        CHECK(std::stoll((*it)[2]) == v.get<std::int64_t>());
        keys.insert(key);
        ++checked;
    }
    CHECK(checked > 7 * 24 + 7 * 3);
    for (const char* key : {"totals.sitting_s", "totals.longest_sitting_s", "totals.over_limit.count", "totals.routines.stretched_s",
                            "totals.reminders.acted", "totals.reminders.snoozed", "goal.streak_weeks", "days.0.sitting_s",
                            "days.0.over_limit.seconds", "days.0.longest_sitting_s", "heatmap.sitting_s.1.23",
                            "totals.breaks.suspend.seconds"}) {
        INFO("data-key " << key);
        CHECK(keys.count(key) == 1u);
    }
}

TEST_CASE_METHOD(Rendered, "report render: every range renders and an empty one too", "[report-render]") {
    // A day with history, a day without, a month, and a year of mostly nothing.
    const Range range = GENERATE(range_of(RangeKind::day, date(2026, 3, 16)), range_of(RangeKind::day, date(2026, 3, 20)),
                                 range_of(RangeKind::month, date(2026, 3, 1)), *range_between(date(2025, 4, 1), date(2026, 3, 31)));
    INFO(iso(range.first) << " to " << iso(range.last));
    const Report r = report(range, at(2026, 4, 2, 12, 0));
    CHECK_THAT(render_html(r), Contains("</html>"));
    CHECK_FALSE(render_table(r).empty());
    CHECK(Json::parse(render_json(r))["days"].size() == r.days.size());
    std::istringstream csv(render_csv(r));
    std::size_t lines = 0;
    for (std::string line; std::getline(csv, line);) ++lines;
    CHECK(lines == r.days.size() + 1);
}

TEST_CASE_METHOD(Rendered, "report render: a sit limit under a minute reads in seconds, not 0m", "[report-render]") {
    const Report r = report(range_of(RangeKind::week, date(2026, 3, 16)), at(2026, 3, 18, 8, 41), 4, /*limit_s=*/30);
    const std::string table = render_table(r), page = render_html(r);
    CHECK_THAT(table, Contains("sit limit 30s"));
    CHECK_THAT(table, Contains("Over 30s"));
    CHECK_THAT(page, Contains("Over 30s"));
    CHECK_THAT(table + page, !Contains(" 0m"));
}

}  // namespace
}  // namespace limber::report
