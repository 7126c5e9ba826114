// SPDX-License-Identifier: MIT
// The status-bar feed's lines for each daemon state, and when the sitting
// clock next changes them: plain values in, lines out.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "ctl/bar.hpp"

using namespace limber::ctl;
using namespace std::chrono_literals;
using limber::ipc::StatusMessage;
using nlohmann::json;

namespace {

constexpr Millis kNow{1773651600000};  // 2026-03-16 09:00:00 UTC

StatusMessage sitting(const std::string& state, Millis sat) {
    StatusMessage s;
    s.state = state;
    s.sitting_since = kNow - sat;
    s.sit_limit = 40min;
    s.next_reminder_at = kNow - sat + 40min;
    return s;
}

json waybar(const BarView& v) { return json::parse(bar_line(BarFormat::waybar, v, true)); }

}  // namespace

TEST_CASE("status bar: the class follows the sitting clock like the tray's icon") {
    CHECK(bar_view(sitting("active", 10min), kNow, 0ms).css_class == "fresh");
    CHECK(bar_view(sitting("active", 30min), kNow, 0ms).css_class == "long");
    CHECK(bar_view(sitting("idle", 41min), kNow, 0ms).css_class == "over");
    const BarView half = bar_view(sitting("active", 20min), kNow, 0ms);
    CHECK(half.percentage == 50);
    CHECK(half.text == "20 min");
    CHECK(half.tooltip == std::vector<std::string>{"Sitting for 20 min", "Next reminder at 09:20"});
    const BarView reminding = bar_view(sitting("reminding", 45min), kNow, 0ms);
    CHECK(reminding.percentage == 100);
    CHECK(reminding.urgent);
    CHECK(bar_view(std::nullopt, kNow, 0ms).css_class == "not-running");
}

TEST_CASE("status bar: waybar gets escaped markup and the four documented keys") {
    StatusMessage s = sitting("routine", 5min);
    s.routine = limber::ipc::RoutineProgress{"mine", "Reach & <fold>", 1, 3, "Fold", "", "Fold", kNow};
    const json line = waybar(bar_view(s, kNow, 0ms));
    CHECK(line.size() == 4);
    CHECK(line["class"] == "routine");
    CHECK(line["text"] == "stretching 1/3");
    CHECK(line["tooltip"].get<std::string>().find("Reach &amp; &lt;fold&gt;, step 1 of 3") == 0);
    CHECK(line["percentage"] == 12);
}

TEST_CASE("status bar: i3bar is a header and an endless array of one block") {
    const BarView v = bar_view(sitting("paused", 5min), kNow, 0ms);
    CHECK(bar_preamble(BarFormat::i3bar) == "{\"version\":1}\n[\n");
    const std::string first = bar_line(BarFormat::i3bar, v, true);
    const std::string later = bar_line(BarFormat::i3bar, v, false);
    CHECK(json::parse(first)[0]["full_text"] == "paused");
    REQUIRE(later.front() == ',');
    CHECK(json::parse(later.substr(1)) == json::parse(first));
    CHECK(bar_preamble(BarFormat::waybar).empty());
}

TEST_CASE("status bar: the next change is exactly when the line would change") {
    for (const Millis sat : std::initializer_list<Millis>{0ms, 2s, 59s + 400ms, 59s + 600ms, 12min + 40s, 39min + 50s, 2h}) {
        const StatusMessage s = sitting("active", sat);
        const auto next = next_bar_change(s, kNow);
        REQUIRE(next.has_value());
        REQUIRE(*next > kNow);
        INFO("sat " << sat.count() << " ms");
        CHECK(bar_view(s, *next - 1ms, 0ms) == bar_view(s, kNow, 0ms));
        CHECK_FALSE(bar_view(s, *next, 0ms) == bar_view(s, kNow, 0ms));
    }
    StatusMessage on_break;
    on_break.state = "away";
    CHECK(next_bar_change(on_break, kNow) == std::nullopt);
    CHECK(next_bar_change(std::nullopt, kNow) == std::nullopt);
}
