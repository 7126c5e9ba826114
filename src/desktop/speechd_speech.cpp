// SPDX-License-Identifier: MIT
#include "desktop/speechd_speech.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>

#include <dlfcn.h>

#include <libspeechd.h>

#include "desktop/dl_symbol.hpp"
#include "util/i18n.hpp"
#include "desktop/worker_thread.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

// Long enough for "Routine done" to be said, and for a routine started
// again at once not to reconnect.
constexpr std::chrono::seconds kKeepAfterRoutine{10};

// libspeechd is loaded at the first routine with `speak = true`, not
// linked: most users never turn speech on, and they should not pay for it.
struct Speechd {
    decltype(&::spd_open2) open2 = nullptr;
    decltype(&::spd_say) say = nullptr;
    decltype(&::spd_cancel) cancel = nullptr;
    decltype(&::spd_close) close = nullptr;
    decltype(&::spd_set_language) set_language = nullptr;
};

// Error: why not, for the one log line.
std::optional<std::string> load(Speechd& api) {
    void* lib = dlopen("libspeechd.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return std::string("cannot load libspeechd (is speech-dispatcher installed?): ") + dlerror();
    const bool all = dl_symbol(lib, "spd_open2", api.open2) && dl_symbol(lib, "spd_say", api.say) &&
                     dl_symbol(lib, "spd_cancel", api.cancel) && dl_symbol(lib, "spd_close", api.close) &&
                     dl_symbol(lib, "spd_set_language", api.set_language);
    if (!all) return std::string("libspeechd.so.2 lacks a function: ") + dlerror();
    return std::nullopt;
}

}  // namespace

// The thread and the connection, which only that thread touches.
struct SpeechdSpeech::Worker {
    explicit Worker(FailureNote& failures) : note(failures) {}
    ~Worker() {
        thread.post([this] {
            if (connection) api.close(connection);
            connection = nullptr;
        });
    }  // `thread` goes first: it runs that, then joins

    void open() {
        if (auto why = load(api)) {
            note.failed(*why);
            return;
        }
        char* error = nullptr;
        // Single mode: no thread of libspeechd's own, every call answered in
        // turn on this one. A null address means SPEECHD_ADDRESS or the
        // user's default socket; autospawn starts the server the way every
        // speech-dispatcher client does.
        connection = api.open2("limber", "guidance", nullptr, SPD_MODE_SINGLE, nullptr, 1, &error);
        if (!connection) {
            note.failed(std::string("cannot connect to speech-dispatcher: ") + (error ? error : "no reason given"));
            std::free(error);
            return;
        }
        // The words are in the user's language (util/i18n.hpp), and so must
        // the voice be: an English voice reading German is no guidance.
        // Without this, speech-dispatcher speaks its configured default.
        const std::string language = i18n::language_code();
        if (api.set_language(connection, language.c_str()) != 0)
            log::get("speech")->warn("speech-dispatcher has no voice for '{}'", language);
        log::get("speech")->debug("connected to speech-dispatcher, language {}", language);
    }

    void hush() {
        if (connection) api.cancel(connection);  // only this client's words: a screen reader's stay
    }

    void say(const std::string& text, std::chrono::steady_clock::time_point asked) {
        if (!connection) return;  // open() failed and said so
        const auto start = std::chrono::steady_clock::now();
        hush();
        // SPD_MESSAGE: not dropped for other text, and it does not cut off
        // a screen reader's important announcements.
        if (api.say(connection, SPD_MESSAGE, text.c_str()) < 0) {
            note.failed("speech-dispatcher refused to speak");
            return;
        }
        note.worked();
        // The stamp is the loop's, taken as the step changed: bench/speech_latency.py
        // finds the words in a recording from it.
        using us = std::chrono::microseconds;
        log::get("speech")->debug("\"{}\" asked for at {:.3f} (monotonic), started after {} µs; the calls took {} µs",
                                  text, std::chrono::duration<double>(asked.time_since_epoch()).count(),
                                  std::chrono::duration_cast<us>(start - asked).count(),
                                  std::chrono::duration_cast<us>(std::chrono::steady_clock::now() - start).count());
    }

    FailureNote& note;
    Speechd api;
    SPDConnection* connection = nullptr;
    WorkerThread thread;  // last: runs with the rest in place, and joins first
};

SpeechdSpeech::SpeechdSpeech(boost::asio::io_context& io)
    : note_(io, "speech", "no spoken guidance"), release_timer_(io) {}

SpeechdSpeech::~SpeechdSpeech() = default;

void SpeechdSpeech::open() {
    release_timer_.cancel();
    if (worker_) return;
    worker_ = std::make_unique<Worker>(note_);
    worker_->thread.post([w = worker_.get()] { w->open(); });
}

void SpeechdSpeech::say(std::string text) {
    if (!worker_) return;
    worker_->thread.post([w = worker_.get(), text = std::move(text), asked = std::chrono::steady_clock::now()] {
        w->say(text, asked);
    });
}

void SpeechdSpeech::hush() {
    if (!worker_) return;
    worker_->thread.post([w = worker_.get()] { w->hush(); });
}

void SpeechdSpeech::release() {
    if (!worker_) return;
    release_timer_.expires_after(kKeepAfterRoutine);
    release_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        worker_.reset();
        log::get("speech")->debug("disconnected from speech-dispatcher");
    });
}

}  // namespace limber::desktop
