// SPDX-License-Identifier: MIT
#include "ipc/protocol.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

namespace limber::ipc {
namespace {

// Our requests nest three levels deep; anything far deeper is an attack or
// a bug, and refusing it early keeps handler code free of deep recursion.
constexpr int kMaxDepth = 64;
// Parser messages quote the offending token, which can be most of a line.
constexpr std::size_t kMaxMessage = 200;

// Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
// Returns the offset of the first bad byte, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the 2nd byte
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
            if (b < min || b > max) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

// Bracket depth outside strings; a cheap look before the real parser runs.
int nesting_depth(std::string_view s) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : s) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

std::string parse_message(const std::exception& e) {
    std::string text = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " tag: users need
    // the reason, not the library's error number.
    if (const auto tag = text.find("] "); text.rfind("[json.exception.", 0) == 0 && tag != std::string::npos)
        text.erase(0, tag + 2);
    if (text.size() > kMaxMessage) text = text.substr(0, kMaxMessage) + "...";
    // nlohmann quotes the bytes it read up to the error, which can stop
    // inside a multi-byte character, and so can the cut above; drop such
    // bytes so the message the client shows stays UTF-8 (found by fuzz/).
    for (auto at = invalid_utf8_at(text); at != std::string::npos; at = invalid_utf8_at(text)) text.erase(at, 1);
    return "not valid JSON: " + text;
}

const char* type_name(const Json& j) { return j.type_name(); }

// encode_* never throw either: a handler may hand us strings that are not
// UTF-8 (file names, say); they go out with U+FFFD instead.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

Decoded decode_request(std::string_view line) {
    Decoded out;
    auto bad = [&out](std::string code, std::string message) {
        out.error = {std::move(code), std::move(message)};
        return out;
    };
    if (line.size() > kMaxLine)
        return bad("line_too_long", "request is longer than " + std::to_string(kMaxLine) + " bytes");
    if (const auto at = invalid_utf8_at(line); at != std::string_view::npos)
        return bad("bad_request", "request is not valid UTF-8 (byte " + std::to_string(at) + ")");
    if (nesting_depth(line) > kMaxDepth)
        return bad("bad_request", "request nests deeper than " + std::to_string(kMaxDepth) + " levels");

    Json j;
    try {
        j = Json::parse(line);
    } catch (const Json::parse_error& e) {
        return bad("bad_request", parse_message(e));
    } catch (const std::exception& e) {
        return bad("bad_request", std::string("cannot read request: ") + e.what());
    }
    if (!j.is_object())
        return bad("bad_request", std::string("request must be a JSON object, not ") + type_name(j));

    Json id;
    if (const auto it = j.find("id"); it != j.end() && !it->is_null()) {
        if (it->is_number_float() && !std::isfinite(it->get<double>()))
            return bad("bad_request", "\"id\" is out of range");
        if (!it->is_number() && !it->is_string())
            return bad("bad_request", std::string("\"id\" must be a number or a string, not ") + type_name(*it));
        id = *it;
    }
    out.id = id;

    const auto cmd = j.find("cmd");
    if (cmd == j.end()) return bad("bad_request", "request has no \"cmd\"");
    if (!cmd->is_string())
        return bad("bad_request", std::string("\"cmd\" must be a string, not ") + type_name(*cmd));
    if (cmd->get_ref<const std::string&>().empty()) return bad("bad_request", "\"cmd\" is empty");

    Json args = Json::object();
    if (const auto it = j.find("args"); it != j.end() && !it->is_null()) {
        if (!it->is_object())
            return bad("bad_request", std::string("\"args\" must be an object, not ") + type_name(*it));
        args = std::move(*it);
    }
    // Unknown top-level fields are ignored so newer clients can add some.
    out.request = Request{std::move(id), cmd->get<std::string>(), std::move(args)};
    return out;
}

std::string encode_request(const Request& request) {
    // Built by hand so "id" comes first: people read these lines in logs.
    std::string line = "{";
    if (!request.id.is_null()) line += "\"id\":" + dump(request.id) + ",";
    line += "\"cmd\":" + dump(Json(request.cmd));
    if (!request.args.empty()) line += ",\"args\":" + dump(request.args);
    return line + "}\n";
}

std::string encode_reply(const Json& id, const Reply& reply) {
    std::string line = "{\"id\":" + dump(id);
    if (reply.ok) {
        line += ",\"ok\":true,\"result\":" + dump(reply.result);
    } else {
        const Json error = {{"code", reply.error.code}, {"message", reply.error.message}};
        line += ",\"ok\":false,\"error\":" + dump(error);
    }
    return line + "}\n";
}

std::string encode_event(const Json& event) { return "{\"event\":" + dump(event) + "}\n"; }

std::optional<Incoming> decode_incoming(std::string_view line) {
    try {
        Json j = Json::parse(line);
        if (!j.is_object()) return std::nullopt;
        Incoming in;
        if (const auto ev = j.find("event"); ev != j.end()) {
            in.is_event = true;
            in.event = std::move(*ev);
            return in;
        }
        const auto ok = j.find("ok");
        if (ok == j.end() || !ok->is_boolean()) return std::nullopt;
        if (const auto id = j.find("id"); id != j.end()) in.id = *id;
        in.reply.ok = ok->get<bool>();
        if (in.reply.ok) {
            if (const auto r = j.find("result"); r != j.end()) in.reply.result = std::move(*r);
            return in;
        }
        const auto error = j.find("error");
        if (error == j.end() || !error->is_object()) return std::nullopt;
        const auto code = error->find("code");
        if (code == error->end() || !code->is_string()) return std::nullopt;
        in.reply.error.code = code->get<std::string>();
        if (const auto msg = error->find("message"); msg != error->end() && msg->is_string())
            in.reply.error.message = msg->get<std::string>();
        return in;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace limber::ipc
