// SPDX-License-Identifier: MIT
// Protocol version 1 (docs/protocol.md): one JSON object per line over a
// stream Unix socket.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace limber::ipc {

using Json = nlohmann::json;

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxLine = 64 * 1024;
// What the clients accept from the daemon. Replies (reports) may far exceed
// kMaxLine, which only limits requests; this only stops a broken daemon from
// filling a client's memory.
inline constexpr std::size_t kMaxIncomingLine = 64 * 1024 * 1024;

struct Request {
    Json id;           // number or string, echoed back; null when absent
    std::string cmd;
    Json args = Json::object();
};

// code: "bad_request", "line_too_long", "unknown_command", "bad_args",
// "not_now", "bad_config", "forbidden", "internal" (docs/protocol.md).
struct ErrorReply {
    std::string code;
    std::string message;
};

struct Reply {
    bool ok = true;
    Json result = Json::object();
    ErrorReply error;

    static Reply success(Json result) { return {true, std::move(result), {}}; }
    static Reply failure(std::string code, std::string message) {
        return {false, Json::object(), {std::move(code), std::move(message)}};
    }
};

// A line in; a request, or the error reply to send back (with the id when
// the line had one). Never throws.
struct Decoded {
    std::optional<Request> request;
    Json id;            // best effort, for the error reply
    ErrorReply error;   // set when !request
};
Decoded decode_request(std::string_view line);

// Each returns one line including the trailing '\n'.
std::string encode_request(const Request& request);
std::string encode_reply(const Json& id, const Reply& reply);
std::string encode_event(const Json& event);

// The client side: a reply line or an event line.
struct Incoming {
    bool is_event = false;
    Json id;
    Reply reply;
    Json event;
};
std::optional<Incoming> decode_incoming(std::string_view line);

}  // namespace limber::ipc
