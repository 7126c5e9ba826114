// SPDX-License-Identifier: MIT
// The socket codec against any bytes a client or a daemon could send:
// decode_request and decode_incoming never throw, a decoded request encodes
// back to the same request, and every reply or event the daemon writes is a
// line the client side reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "ipc/protocol.hpp"

using namespace limber::ipc;

namespace {

void check_reply_round_trip(const Json& id, const Reply& reply) {
    const std::string line = encode_reply(id, reply);
    FUZZ_CHECK(!line.empty() && line.back() == '\n');
    FUZZ_CHECK(line.find('\n') == line.size() - 1);  // one line, whatever the content
    const auto back = decode_incoming(std::string_view(line).substr(0, line.size() - 1));
    FUZZ_CHECK(back && !back->is_event);
    FUZZ_CHECK(back->id == id);
    FUZZ_CHECK(back->reply.ok == reply.ok);
    if (reply.ok) {
        FUZZ_CHECK(back->reply.result == reply.result);
    } else {
        FUZZ_CHECK(back->reply.error.code == reply.error.code);
        FUZZ_CHECK(back->reply.error.message == reply.error.message);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);

    // The daemon side: a request, or an error reply the client can read.
    const Decoded d = decode_request(line);
    if (!d.request) {
        FUZZ_CHECK(!d.error.code.empty() && !d.error.message.empty());
        FUZZ_CHECK(d.id.is_null() || d.id.is_number() || d.id.is_string());
        check_reply_round_trip(d.id, Reply::failure(d.error.code, d.error.message));
    } else {
        const Request& r = *d.request;
        FUZZ_CHECK(!r.cmd.empty() && r.args.is_object());
        FUZZ_CHECK(r.id.is_null() || r.id.is_number() || r.id.is_string());

        // What a client encodes, the daemon decodes to the same request.
        const std::string again = encode_request(r);
        FUZZ_CHECK(again.find('\n') == again.size() - 1);
        if (again.size() - 1 <= kMaxLine) {
            const Decoded back = decode_request(std::string_view(again).substr(0, again.size() - 1));
            FUZZ_CHECK(back.request);
            FUZZ_CHECK(back.request->id == r.id);
            FUZZ_CHECK(back.request->cmd == r.cmd);
            FUZZ_CHECK(back.request->args == r.args);
        }
        // Replies and events carrying what the request carried come back whole.
        check_reply_round_trip(r.id, Reply::success(r.args));
        check_reply_round_trip(r.id, Reply::failure(r.cmd, r.cmd));
        const std::string event = encode_event(r.args);
        const auto ev = decode_incoming(std::string_view(event).substr(0, event.size() - 1));
        FUZZ_CHECK(ev && ev->is_event && ev->event == r.args);
    }

    // The client side reads whatever the daemon (or an impostor) sends.
    (void)decode_incoming(line);

    // Handlers may put bytes that are not UTF-8 (a file name, say) into a
    // reply: it still goes out as one readable line.
    const std::string raw(line);
    const std::string out = encode_reply(Json(raw), Reply::failure("internal", raw));
    FUZZ_CHECK(out.find('\n') == out.size() - 1);
    const auto in = decode_incoming(std::string_view(out).substr(0, out.size() - 1));
    FUZZ_CHECK(in && !in->reply.ok && in->reply.error.code == "internal");
    return 0;
}
