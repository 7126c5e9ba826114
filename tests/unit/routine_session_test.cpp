// SPDX-License-Identifier: MIT
// A routine in progress on its own, without the engine around it.
#include <catch2/catch.hpp>

#include "core/routine_session.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::core;

TEST_CASE("routine session: timed stages end on their own and untimed ones do not", "[routine]") {
    Routine r = test_support::sample_routine("r", 3, 30s, true);
    r.steps[1].until_next = true;
    r.steps[1].duration = 0s;
    RoutineSession s(r, 1000ms);
    REQUIRE(s.count() == 6);
    CHECK(s.stage_ends() == 31000ms);
    CHECK(s.stage().side == "left");
    REQUIRE(s.advance(31000ms));
    CHECK(s.stage().side == "right");
    REQUIRE(s.advance(61000ms));
    CHECK(s.stage().step == 1);
    CHECK_FALSE(s.stage_ends().has_value());
    REQUIRE(s.advance(500000ms));
    CHECK_FALSE(s.stage_ends().has_value());
    REQUIRE(s.advance(600000ms));
    CHECK(s.stage_ends() == 630000ms);
    REQUIRE(s.advance(630000ms));
    CHECK_FALSE(s.advance(660000ms));
}
