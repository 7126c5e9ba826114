// SPDX-License-Identifier: MIT
// The codec against hostile input: every line gets a request or an error
// reply, never an exception.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "ipc/protocol.hpp"

using namespace limber::ipc;
using Catch::Generators::as;
using Catch::Generators::range;
using Catch::Generators::table;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Decodes a line that must be refused; returns the message.
std::string refused(std::string_view line, const std::string& code = "bad_request") {
    INFO("line: " << line);
    Decoded d;
    CHECK_NOTHROW(d = decode_request(line));
    CHECK_FALSE(d.request.has_value());
    CHECK(d.error.code == code);
    CHECK_FALSE(d.error.message.empty());
    // The reply must itself be a line a client can read.
    const auto back = decode_incoming(encode_reply(d.id, Reply::failure(d.error.code, d.error.message)));
    CHECK((back && !back->reply.ok));
    return d.error.message;
}

Request accepted(std::string_view line) {
    auto d = decode_request(line);
    INFO(line << ": " << d.error.message);
    CHECK(d.request.has_value());
    return d.request.value_or(Request{});
}

}  // namespace

TEST_CASE("protocol: a full request decodes", "[protocol]") {
    const auto r = accepted(R"({"id": 7, "cmd": "snooze", "args": {"for": "10m"}})");
    CHECK(r.id == 7);
    CHECK(r.cmd == "snooze");
    CHECK(r.args == Json({{"for", "10m"}}));
}

TEST_CASE("protocol: id and args are optional", "[protocol]") {
    const auto r = accepted(R"({"cmd":"status"})");
    CHECK(r.id.is_null());
    CHECK(r.args == Json::object());
    CHECK(accepted(R"({"cmd":"status","id":null,"args":null})").id.is_null());
    CHECK(accepted(R"({"id":"abc","cmd":"x"})").id == "abc");
    CHECK(accepted("{\"cmd\":\"status\"}\r").cmd == "status");
}

TEST_CASE("protocol: unknown fields are tolerated", "[protocol]") {
    const auto r = accepted(R"({"cmd":"hello","client":"tray","v":[1,2,{"x":null}]})");
    CHECK(r.cmd == "hello");
}

TEST_CASE("protocol: garbage is a bad request", "[protocol]") {
    SECTION("text that is not JSON says so") {
        CHECK_THAT(refused("hello"), Contains("not valid JSON"));
    }
    SECTION("broken or extra JSON") {
        refused(GENERATE(as<std::string>{}, "", "{", "{\"cmd\":\"x\"", "{\"cmd\":\"x\"}}",
                         "{\"cmd\":\"x\"} {\"cmd\":\"y\"}", std::string("{\"cmd\":\"x\0\"}", 13),
                         std::string("\0\0\0\0", 4)));
    }
}

TEST_CASE("protocol: random bytes never throw", "[protocol]") {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 300);
    for (int i = 0; i < 2000; ++i) {
        CAPTURE(i);
        std::string line(static_cast<std::size_t>(len(rng)), '\0');
        for (auto& c : line) c = static_cast<char>(byte(rng));
        Decoded d;
        REQUIRE_NOTHROW(d = decode_request(line));
        if (!d.request) {
            CHECK_FALSE(d.error.code.empty());
        }
        REQUIRE_NOTHROW((void)encode_reply(d.id, Reply::failure(d.error.code, d.error.message)));
    }
}

TEST_CASE("protocol: invalid UTF-8 is a bad request", "[protocol]") {
    SECTION("a byte that is never UTF-8 is named") {
        CHECK_THAT(refused("{\"cmd\":\"\xff\"}"), Contains("UTF-8"));
    }
    SECTION("sequences that only look like UTF-8") {
        const auto [line, what] = GENERATE(table<std::string, const char*>({
            {"{\"cmd\":\"\xc0\xaf\"}", "overlong '/'"},
            {"{\"cmd\":\"\xed\xa0\x80\"}", "a surrogate"},
            {"{\"cmd\":\"\xf4\x90\x80\x80\"}", "past U+10FFFF"},
            {"{\"cmd\":\"\xe2\x82\"}", "cut short"},
        }));
        INFO(what);
        refused(line);
    }
    SECTION("real multi-byte text is kept") {
        CHECK(accepted("{\"cmd\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}").cmd == "café € 😀");
    }
}

TEST_CASE("protocol: deep nesting is refused without recursion", "[protocol]") {
    const std::string deep = std::string(30000, '[') + std::string(30000, ']');
    CHECK_THAT(refused(deep), Contains("deeper"));
    refused("{\"cmd\":\"x\",\"args\":" + std::string(1000, '{') + "}");
    // Brackets inside strings do not count.
    accepted("{\"cmd\":\"x\",\"args\":{\"s\":\"" + std::string(1000, '[') + "\"}}");
}

TEST_CASE("protocol: a line that is not an object is refused", "[protocol]") {
    SECTION("an array is named") {
        CHECK_THAT(refused("[1,2]"), Contains("array"));
    }
    SECTION("scalars") {
        refused(GENERATE(as<std::string>{}, "\"status\"", "42", "null", "true"));
    }
}

TEST_CASE("protocol: fields of the wrong type are refused", "[protocol]") {
    SECTION("the message names the field") {
        const auto [line, field] = GENERATE(table<std::string, std::string>({
            {R"({"id":7})", "cmd"},
            {R"({"cmd":"x","args":[1]})", "args"},
            {R"({"cmd":"x","id":{"a":1}})", "id"},
        }));
        CHECK_THAT(refused(line), Contains(field));
    }
    SECTION("other wrong types") {
        refused(GENERATE(as<std::string>{}, R"({"cmd":7})", R"({"cmd":null})", R"({"cmd":["status"]})",
                         R"({"cmd":""})", R"({"cmd":"x","args":"for=10m"})", R"({"cmd":"x","id":[1]})",
                         R"({"cmd":"x","id":true})"));
    }
}

TEST_CASE("protocol: error replies keep a valid id", "[protocol]") {
    const auto d = decode_request(R"({"id":9,"cmd":5})");
    CHECK(d.id == 9);
    CHECK(decode_request(R"({"id":[9],"cmd":"x"})").id.is_null());
    CHECK(decode_request("junk").id.is_null());
}

TEST_CASE("protocol: numbers out of range are refused and big ones kept", "[protocol]") {
    CHECK_THAT(refused(R"({"id":1e999,"cmd":"x"})"), Contains("range"));
    refused(R"({"id":-1e999,"cmd":"x"})");
    // Past 64 bits but finite: kept as a double and echoed back.
    const auto r = accepted(R"({"id":123456789012345678901234567890,"cmd":"x","args":{"n":1e300}})");
    CHECK(r.id.is_number());
    CHECK(accepted(R"({"id":18446744073709551615,"cmd":"x"})").id == 18446744073709551615ULL);
}

TEST_CASE("protocol: an overlong line is refused as too long", "[protocol]") {
    const std::string big = "{\"cmd\":\"x\",\"args\":{\"s\":\"" + std::string(kMaxLine, 'a') + "\"}}";
    refused(big, "line_too_long");
}

TEST_CASE("protocol: a request round-trips", "[protocol]") {
    const Request in{Json(3), "pause", Json({{"for", "1h"}})};
    const std::string line = encode_request(in);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(line == "{\"id\":3,\"cmd\":\"pause\",\"args\":{\"for\":\"1h\"}}\n");
    const auto out = accepted(line.substr(0, line.size() - 1));
    CHECK(out.id == in.id);
    CHECK(out.cmd == in.cmd);
    CHECK(out.args == in.args);
    CHECK(encode_request(Request{nullptr, "status", Json::object()}) == "{\"cmd\":\"status\"}\n");
}

TEST_CASE("protocol: a reply round-trips", "[protocol]") {
    SECTION("success") {
        const Json result = {{"state", "active"}, {"sitting_since", nullptr}, {"snoozes", 2}};
        const std::string ok = encode_reply(7, Reply::success(result));
        CHECK_THAT(ok, StartsWith("{\"id\":7,\"ok\":true,"));
        const auto in = decode_incoming(ok);
        REQUIRE(in.has_value());
        CHECK_FALSE(in->is_event);
        CHECK(in->id == 7);
        CHECK(in->reply.ok);
        CHECK(in->reply.result == result);
    }
    SECTION("failure") {
        const auto in = decode_incoming(encode_reply("x", Reply::failure("not_now", "no routine is running")));
        REQUIRE(in.has_value());
        CHECK(in->id == "x");
        CHECK_FALSE(in->reply.ok);
        CHECK(in->reply.error.code == "not_now");
        CHECK(in->reply.error.message == "no routine is running");
    }
}

TEST_CASE("protocol: an event round-trips", "[protocol]") {
    const Json event = {{"type", "reminder"}, {"sitting_seconds", 2700}};
    const std::string line = encode_event(event);
    CHECK(line.find('\n') == line.size() - 1);
    const auto in = decode_incoming(line);
    REQUIRE(in.has_value());
    CHECK(in->is_event);
    CHECK(in->event == event);
}

TEST_CASE("protocol: encoding never throws on strings that are not UTF-8", "[protocol]") {
    // A handler may pass through bytes that are not UTF-8 (a file name).
    std::string line;
    REQUIRE_NOTHROW(line = encode_reply(1, Reply::failure("internal", "cannot open \xff\xfe")));
    CHECK(decode_incoming(line).has_value());
    REQUIRE_NOTHROW(line = encode_event(Json({{"name", "\xc3"}})));
    CHECK(decode_incoming(line).has_value());
}

// Found by fuzz/ (corpus/protocol/regression-partial-utf8-in-error): the
// parser's message quoted half of a two-byte character (and the cut to 200
// bytes can halve one too), so the client showed U+FFFD where the daemon
// meant a character.
TEST_CASE("protocol: error messages stay UTF-8", "[protocol]") {
    std::string line;
    SECTION("the parser quotes a two-byte character") {
        line = "{\"cmd\":\"x\"\xce\x82\r";
    }
    SECTION("the cut to 200 bytes falls near a two-byte character") {
        const int n = GENERATE(range(100, 104));  // one of these is cut inside an "é"
        line = "{\"cmd\":\"";
        for (int i = 0; i < n; ++i) line += "\xc3\xa9";
    }
    const std::string message = refused(line);
    const auto back = decode_incoming(encode_reply(nullptr, Reply::failure("bad_request", message)));
    REQUIRE(back.has_value());
    CHECK(back->reply.error.message == message);
}

TEST_CASE("protocol: malformed incoming lines are no message", "[protocol]") {
    const std::string line =
        GENERATE(as<std::string>{}, "garbage", "[1]", R"({"id":1})", R"({"id":1,"ok":"yes"})", R"({"id":1,"ok":false})",
                 R"({"id":1,"ok":false,"error":{"message":"x"}})", "\xff");
    CAPTURE(line);
    CHECK_FALSE(decode_incoming(line).has_value());
}
