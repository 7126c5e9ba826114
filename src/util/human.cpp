// SPDX-License-Identifier: MIT
#include "util/human.hpp"

#include <cstdio>
#include <ctime>

#include "util/i18n.hpp"

namespace limber {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string human_duration(Millis d, DurationStyle style) {
    const bool words = style == DurationStyle::words;
    const long long s = d.count() > 0 ? (d.count() + 500) / 1000 : 0;
    // TRANSLATORS: durations as abbreviations: "45 s", "6 min", "1 h 5 min";
    // where your language's abbreviations take a plural, give it here.
    if (s < 60) return words ? trnf("{} s", "{} s", s, s) : std::to_string(s) + "s";
    const long long minutes = (s + 30) / 60;
    if (minutes < 60) return words ? trnf("{} min", "{} min", minutes, minutes) : std::to_string(minutes) + "m";
    const long long h = minutes / 60, m = minutes % 60;
    if (!words) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%lldh %02lldm", h, m);
        return buf;
    }
    if (m == 0) return trnf("{} h", "{} h", h, h);
    // TRANSLATORS: hours and minutes: "1 h 5 min".
    return trf("{0} h {1} min", h, m);
}

std::string human_list(const std::vector<std::string>& items) {
    if (items.empty()) return "";
    std::string list = items.back();
    if (items.size() >= 2) {
        // TRANSLATORS: the last two items of a list: "a mat and a strap".
        list = trf("{0} and {1}", items[items.size() - 2], items.back());
        // TRANSLATORS: an item before the rest of a list: "a mat, a strap and a roller".
        for (std::size_t i = items.size() - 2; i-- > 0;) list = trf("{0}, {1}", items[i], list);
    }
    return list;
}

std::string human_place(const std::string& place) {
    // TRANSLATORS: where a routine is done, shown after its name: "Desk hamstring reset (desk)".
    if (place == "desk") return tr("desk");
    // TRANSLATORS: where a routine is done: in a chair.
    if (place == "seated") return tr("seated");
    // TRANSLATORS: where a routine is done: on the floor.
    if (place == "floor") return tr("floor");
    if (place == "anywhere") return tr("anywhere");
    return place;
}

std::string human_busy(const std::string& kind) {
    // TRANSLATORS: what holds a reminder back: an application records from the microphone.
    if (kind == "microphone") return tr("microphone");
    if (kind == "camera") return tr("camera");
    // TRANSLATORS: what holds a reminder back: the user's screen is shared.
    if (kind == "screencast") return tr("screen sharing");
    // TRANSLATORS: what holds a reminder back: a fullscreen window has the focus.
    if (kind == "fullscreen") return tr("fullscreen");
    // TRANSLATORS: what holds a reminder back: the notifications are in do-not-disturb.
    if (kind == "dnd") return tr("do-not-disturb");
    return kind;
}

std::string human_busy_entry(const std::string& entry) {
    const std::size_t colon = entry.find(": ");
    if (colon == std::string::npos) return human_busy(entry);
    return human_busy(entry.substr(0, colon)) + entry.substr(colon);
}

std::size_t display_width(const std::string& text) {
    // Every byte but UTF-8's continuation bytes (10xxxxxx) starts a character.
    std::size_t n = 0;
    for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::string human_clock(Millis wall, Millis now, Millis utc_offset) {
    // Both instants on the same local calendar: the offset at `wall` also
    // places `now`, which is off by an hour only around a DST change at night.
    const std::int64_t local = wall.count() + utc_offset.count();
    const std::int64_t days = floor_div(local, kDayMs) - floor_div(now.count() + utc_offset.count(), kDayMs);
    const std::time_t t = static_cast<std::time_t>(floor_div(local, 1000));
    std::tm tm{};
    gmtime_r(&t, &tm);
    // The names of days and months in the user's language (LC_TIME), as
    // strftime spells them there; the order is the translator's.
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
    if (days == 0) return clock;
    // TRANSLATORS: {} is a clock time, "15:03".
    if (days == 1) return trf("tomorrow {}", clock);
    if (days == -1) return trf("yesterday {}", clock);
    char day[64];
    // TRANSLATORS: a day within the coming week and a time, as strftime(3)
    // writes them: "Sat 15:03".
    // xgettext:no-c-format
    const char* near = tr("%a %H:%M");
    // TRANSLATORS: a day further off and a time, for strftime(3): "Sat 12 Dec 15:03".
    // xgettext:no-c-format
    const char* far = tr("%a %e %b %H:%M");
    if (std::strftime(day, sizeof day, (days < 2 || days >= 7) ? far : near, &tm) == 0) return clock;
    std::string out = day;
    // %e pads a one-digit day with a space: "Tue  1 Dec" reads as a typo.
    for (std::size_t at; (at = out.find("  ")) != std::string::npos;) out.erase(at, 1);
    return out;
}

Millis local_utc_offset(Millis wall) {
    const std::time_t t = static_cast<std::time_t>(floor_div(wall.count(), 1000));
    std::tm tm{};
    localtime_r(&t, &tm);
    return Millis(std::int64_t{tm.tm_gmtoff} * 1000);
}

}  // namespace limber
