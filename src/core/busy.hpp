// SPDX-License-Identifier: MIT
// What keeps the user busy right now (a call, a shared screen, a
// fullscreen window, do-not-disturb): the engine holds reminders while any
// of these is on. The sources in the shell report sets of kinds; the engine
// never sees which application it was.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace limber::core {

enum class BusyKind : std::uint8_t { microphone, camera, screencast, fullscreen, dnd };
inline constexpr std::array<BusyKind, 5> kBusyKinds{BusyKind::microphone, BusyKind::camera, BusyKind::screencast,
                                                    BusyKind::fullscreen, BusyKind::dnd};

// The vocabulary's spelling ("microphone", ...), also the config's.
const char* to_string(BusyKind k);
std::optional<BusyKind> busy_kind(std::string_view name);

class BusySet {
public:
    constexpr BusySet() = default;
    constexpr BusySet(std::initializer_list<BusyKind> kinds) {
        for (BusyKind k : kinds) add(k);
    }
    static constexpr BusySet all() { return BusySet{BusyKind::microphone, BusyKind::camera, BusyKind::screencast,
                                                     BusyKind::fullscreen, BusyKind::dnd}; }

    constexpr void add(BusyKind k) { bits_ |= bit(k); }
    constexpr void remove(BusyKind k) { bits_ &= static_cast<std::uint8_t>(~bit(k)); }
    constexpr bool has(BusyKind k) const { return bits_ & bit(k); }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr BusySet operator&(BusySet o) const { return from(bits_ & o.bits_); }
    constexpr bool operator==(const BusySet&) const = default;
    // The first kind in kBusyKinds order: what a hold is recorded as.
    std::optional<BusyKind> first() const {
        for (BusyKind k : kBusyKinds)
            if (has(k)) return k;
        return std::nullopt;
    }

private:
    static constexpr std::uint8_t bit(BusyKind k) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k)); }
    static constexpr BusySet from(unsigned bits) {
        BusySet s;
        s.bits_ = static_cast<std::uint8_t>(bits);
        return s;
    }
    std::uint8_t bits_ = 0;
};

}  // namespace limber::core
