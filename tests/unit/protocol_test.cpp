// The codec against hostile input: every line gets a request or an error
// reply, never an exception.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ipc/protocol.hpp"

using namespace limber::ipc;

namespace {

// Decodes a line that must be refused; returns the message.
std::string refused(std::string_view line, const std::string& code = "bad_request") {
    Decoded d;
    EXPECT_NO_THROW(d = decode_request(line)) << line;
    EXPECT_FALSE(d.request) << line;
    EXPECT_EQ(d.error.code, code) << line;
    EXPECT_FALSE(d.error.message.empty()) << line;
    // The reply must itself be a line a client can read.
    const auto back = decode_incoming(encode_reply(d.id, Reply::failure(d.error.code, d.error.message)));
    EXPECT_TRUE(back && !back->reply.ok) << line;
    return d.error.message;
}

Request accepted(std::string_view line) {
    auto d = decode_request(line);
    EXPECT_TRUE(d.request) << line << ": " << d.error.message;
    return d.request.value_or(Request{});
}

}  // namespace

TEST(Protocol, DecodesAFullRequest) {
    const auto r = accepted(R"({"id": 7, "cmd": "snooze", "args": {"for": "10m"}})");
    EXPECT_EQ(r.id, 7);
    EXPECT_EQ(r.cmd, "snooze");
    EXPECT_EQ(r.args, Json({{"for", "10m"}}));
}

TEST(Protocol, IdAndArgsAreOptional) {
    const auto r = accepted(R"({"cmd":"status"})");
    EXPECT_TRUE(r.id.is_null());
    EXPECT_EQ(r.args, Json::object());
    EXPECT_TRUE(accepted(R"({"cmd":"status","id":null,"args":null})").id.is_null());
    EXPECT_EQ(accepted(R"({"id":"abc","cmd":"x"})").id, "abc");
    EXPECT_EQ(accepted("{\"cmd\":\"status\"}\r").cmd, "status");
}

TEST(Protocol, UnknownFieldsAreTolerated) {
    const auto r = accepted(R"({"cmd":"hello","client":"tray","v":[1,2,{"x":null}]})");
    EXPECT_EQ(r.cmd, "hello");
}

TEST(Protocol, GarbageIsABadRequest) {
    EXPECT_NE(refused("hello").find("not valid JSON"), std::string::npos);
    refused("");
    refused("{");
    refused("{\"cmd\":\"x\"");
    refused("{\"cmd\":\"x\"}}");
    refused("{\"cmd\":\"x\"} {\"cmd\":\"y\"}");
    refused(std::string("{\"cmd\":\"x\0\"}", 13));
    refused(std::string("\0\0\0\0", 4));
}

TEST(Protocol, RandomBytesNeverThrow) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 300);
    for (int i = 0; i < 2000; ++i) {
        std::string line(static_cast<std::size_t>(len(rng)), '\0');
        for (auto& c : line) c = static_cast<char>(byte(rng));
        Decoded d;
        ASSERT_NO_THROW(d = decode_request(line));
        if (!d.request) {
            EXPECT_FALSE(d.error.code.empty());
        }
        ASSERT_NO_THROW((void)encode_reply(d.id, Reply::failure(d.error.code, d.error.message)));
    }
}

TEST(Protocol, InvalidUtf8IsABadRequest) {
    EXPECT_NE(refused("{\"cmd\":\"\xff\"}").find("UTF-8"), std::string::npos);
    refused("{\"cmd\":\"\xc0\xaf\"}");          // overlong '/'
    refused("{\"cmd\":\"\xed\xa0\x80\"}");      // a surrogate
    refused("{\"cmd\":\"\xf4\x90\x80\x80\"}");  // past U+10FFFF
    refused("{\"cmd\":\"\xe2\x82\"}");          // cut short
    EXPECT_EQ(accepted("{\"cmd\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}").cmd, "café € 😀");
}

TEST(Protocol, DeepNestingIsRefusedWithoutRecursion) {
    const std::string deep = std::string(30000, '[') + std::string(30000, ']');
    EXPECT_NE(refused(deep).find("deeper"), std::string::npos);
    refused("{\"cmd\":\"x\",\"args\":" + std::string(1000, '{') + "}");
    // Brackets inside strings do not count.
    accepted("{\"cmd\":\"x\",\"args\":{\"s\":\"" + std::string(1000, '[') + "\"}}");
}

TEST(Protocol, NonObjectsAreRefused) {
    EXPECT_NE(refused("[1,2]").find("array"), std::string::npos);
    refused("\"status\"");
    refused("42");
    refused("null");
    refused("true");
}

TEST(Protocol, WrongTypesAreRefused) {
    EXPECT_NE(refused(R"({"id":7})").find("cmd"), std::string::npos);
    refused(R"({"cmd":7})");
    refused(R"({"cmd":null})");
    refused(R"({"cmd":["status"]})");
    refused(R"({"cmd":""})");
    EXPECT_NE(refused(R"({"cmd":"x","args":[1]})").find("args"), std::string::npos);
    refused(R"({"cmd":"x","args":"for=10m"})");
    EXPECT_NE(refused(R"({"cmd":"x","id":{"a":1}})").find("id"), std::string::npos);
    refused(R"({"cmd":"x","id":[1]})");
    refused(R"({"cmd":"x","id":true})");
}

TEST(Protocol, ErrorRepliesKeepAValidId) {
    const auto d = decode_request(R"({"id":9,"cmd":5})");
    EXPECT_EQ(d.id, 9);
    EXPECT_TRUE(decode_request(R"({"id":[9],"cmd":"x"})").id.is_null());
    EXPECT_TRUE(decode_request("junk").id.is_null());
}

TEST(Protocol, HugeNumbers) {
    EXPECT_NE(refused(R"({"id":1e999,"cmd":"x"})").find("range"), std::string::npos);
    refused(R"({"id":-1e999,"cmd":"x"})");
    // Past 64 bits but finite: kept as a double and echoed back.
    const auto r = accepted(R"({"id":123456789012345678901234567890,"cmd":"x","args":{"n":1e300}})");
    EXPECT_TRUE(r.id.is_number());
    EXPECT_EQ(accepted(R"({"id":18446744073709551615,"cmd":"x"})").id, 18446744073709551615ULL);
}

TEST(Protocol, OverlongLines) {
    const std::string big = "{\"cmd\":\"x\",\"args\":{\"s\":\"" + std::string(kMaxLine, 'a') + "\"}}";
    refused(big, "line_too_long");
}

TEST(Protocol, RequestRoundTrip) {
    const Request in{Json(3), "pause", Json({{"for", "1h"}})};
    const std::string line = encode_request(in);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    EXPECT_EQ(line, "{\"id\":3,\"cmd\":\"pause\",\"args\":{\"for\":\"1h\"}}\n");
    const auto out = accepted(line.substr(0, line.size() - 1));
    EXPECT_EQ(out.id, in.id);
    EXPECT_EQ(out.cmd, in.cmd);
    EXPECT_EQ(out.args, in.args);
    EXPECT_EQ(encode_request(Request{nullptr, "status", Json::object()}), "{\"cmd\":\"status\"}\n");
}

TEST(Protocol, ReplyRoundTrip) {
    const Json result = {{"state", "active"}, {"sitting_since", nullptr}, {"snoozes", 2}};
    const std::string ok = encode_reply(7, Reply::success(result));
    EXPECT_EQ(ok.rfind("{\"id\":7,\"ok\":true,", 0), 0u);
    auto in = decode_incoming(ok);
    ASSERT_TRUE(in);
    EXPECT_FALSE(in->is_event);
    EXPECT_EQ(in->id, 7);
    EXPECT_TRUE(in->reply.ok);
    EXPECT_EQ(in->reply.result, result);

    in = decode_incoming(encode_reply("x", Reply::failure("not_now", "no routine is running")));
    ASSERT_TRUE(in);
    EXPECT_EQ(in->id, "x");
    EXPECT_FALSE(in->reply.ok);
    EXPECT_EQ(in->reply.error.code, "not_now");
    EXPECT_EQ(in->reply.error.message, "no routine is running");
}

TEST(Protocol, EventRoundTrip) {
    const Json event = {{"type", "reminder"}, {"sitting_seconds", 2700}};
    const std::string line = encode_event(event);
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    const auto in = decode_incoming(line);
    ASSERT_TRUE(in);
    EXPECT_TRUE(in->is_event);
    EXPECT_EQ(in->event, event);
}

TEST(Protocol, EncodingNeverThrowsOnBadStrings) {
    // A handler may pass through bytes that are not UTF-8 (a file name).
    std::string line;
    ASSERT_NO_THROW(line = encode_reply(1, Reply::failure("internal", "cannot open \xff\xfe")));
    EXPECT_TRUE(decode_incoming(line));
    ASSERT_NO_THROW(line = encode_event(Json({{"name", "\xc3"}})));
    EXPECT_TRUE(decode_incoming(line));
}

// Found by fuzz/ (corpus/protocol/regression-partial-utf8-in-error): the
// parser's message quoted half of a two-byte character (and the cut to 200
// bytes can halve one too), so the client showed U+FFFD where the daemon
// meant a character.
TEST(Protocol, ErrorMessagesStayUtf8) {
    std::vector<std::string> lines = {"{\"cmd\":\"x\"\xce\x82\r"};
    for (int n = 100; n < 104; ++n) {  // one of these is cut inside an "é"
        std::string line = "{\"cmd\":\"";
        for (int i = 0; i < n; ++i) line += "\xc3\xa9";
        lines.push_back(line);
    }
    for (const std::string& line : lines) {
        const std::string message = refused(line);
        const auto back = decode_incoming(encode_reply(nullptr, Reply::failure("bad_request", message)));
        ASSERT_TRUE(back);
        EXPECT_EQ(back->reply.error.message, message);
    }
}

TEST(Protocol, MalformedIncomingIsNullopt) {
    EXPECT_FALSE(decode_incoming("garbage"));
    EXPECT_FALSE(decode_incoming("[1]"));
    EXPECT_FALSE(decode_incoming(R"({"id":1})"));
    EXPECT_FALSE(decode_incoming(R"({"id":1,"ok":"yes"})"));
    EXPECT_FALSE(decode_incoming(R"({"id":1,"ok":false})"));
    EXPECT_FALSE(decode_incoming(R"({"id":1,"ok":false,"error":{"message":"x"}})"));
    EXPECT_FALSE(decode_incoming("\xff"));
}
