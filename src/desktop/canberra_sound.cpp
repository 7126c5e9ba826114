// SPDX-License-Identifier: MIT
#include "desktop/canberra_sound.hpp"

#include <chrono>
#include <optional>
#include <string>

#include <dlfcn.h>

#include <canberra.h>

#include "desktop/dl_symbol.hpp"
#include "desktop/worker_thread.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

// After a routine, the connection stays a little: long enough for the
// "complete" cue (1.1 s) to play out, and for a routine started again at
// once not to reconnect.
constexpr std::chrono::seconds kKeepAfterRoutine{10};

long long micros_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
}

// libcanberra is loaded at the first routine, not linked: linked, it and
// its codecs (vorbis, ogg, tdb, ltdl) cost about 300 kB of PSS all day
// (docs/performance.md). It is never unloaded: its sound server driver
// brings libpulse, whose threads and thread-local data may outlive a close.
struct Canberra {
    decltype(&::ca_context_create) context_create = nullptr;
    decltype(&::ca_context_change_props) context_change_props = nullptr;
    decltype(&::ca_context_open) context_open = nullptr;
    decltype(&::ca_context_cache) context_cache = nullptr;
    decltype(&::ca_context_play_full) context_play_full = nullptr;
    decltype(&::ca_context_destroy) context_destroy = nullptr;
    decltype(&::ca_proplist_create) proplist_create = nullptr;
    decltype(&::ca_proplist_sets) proplist_sets = nullptr;
    decltype(&::ca_proplist_destroy) proplist_destroy = nullptr;
    decltype(&::ca_strerror) strerror = nullptr;
};

// Error: why not, for the one log line.
std::optional<std::string> load(Canberra& api) {
    void* lib = dlopen("libcanberra.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return std::string("cannot load libcanberra: ") + dlerror();
    const bool all = dl_symbol(lib, "ca_context_create", api.context_create) &&
                     dl_symbol(lib, "ca_context_change_props", api.context_change_props) &&
                     dl_symbol(lib, "ca_context_open", api.context_open) &&
                     dl_symbol(lib, "ca_context_cache", api.context_cache) &&
                     dl_symbol(lib, "ca_context_play_full", api.context_play_full) &&
                     dl_symbol(lib, "ca_context_destroy", api.context_destroy) &&
                     dl_symbol(lib, "ca_proplist_create", api.proplist_create) &&
                     dl_symbol(lib, "ca_proplist_sets", api.proplist_sets) &&
                     dl_symbol(lib, "ca_proplist_destroy", api.proplist_destroy) && dl_symbol(lib, "ca_strerror", api.strerror);
    if (!all) return std::string("libcanberra.so.0 lacks a function: ") + dlerror();
    return std::nullopt;
}

}  // namespace

// The thread and the libcanberra context, which only that thread touches.
struct CanberraSound::Worker {
    explicit Worker(CanberraSound& sound) : owner(sound) {}
    ~Worker() {
        thread.post([this] {
            if (ctx) ca.context_destroy(ctx);  // no `finished` runs after this
            ctx = nullptr;
        });
    }  // `thread` goes first: it runs that, then joins

    void open() {
        const auto start = std::chrono::steady_clock::now();
        if (auto why = load(ca)) {
            owner.note_.failed(*why);
            return;
        }
        int rc = ca.context_create(&ctx);
        if (rc == CA_SUCCESS)
            rc = ca.context_change_props(ctx, CA_PROP_APPLICATION_NAME, "Limber", CA_PROP_APPLICATION_ID, "limber",
                                         CA_PROP_APPLICATION_ICON_NAME, "limber", nullptr);
        // Connects to the sound server now, not at the first cue, so a
        // server that is not there is found once, at the routine's start.
        if (rc == CA_SUCCESS) rc = ca.context_open(ctx);
        if (rc != CA_SUCCESS) {
            if (ctx) ca.context_destroy(ctx);
            ctx = nullptr;
            owner.note_.failed(std::string("cannot connect to a sound server: ") + ca.strerror(rc));
            return;
        }
        // Into the server's sample cache: a cue from there is one request,
        // not a stream set up and a file decoded while the step has changed.
        for (Cue cue : {Cue::step, Cue::switch_sides, Cue::tick, Cue::complete}) {
            const std::string id(event_id(cue));
            if (const int cached = ca.context_cache(ctx, CA_PROP_EVENT_ID, id.c_str(), CA_PROP_CANBERRA_CACHE_CONTROL,
                                                    "volatile", nullptr);
                cached != CA_SUCCESS)
                log::get("sound")->debug("\"{}\" not cached: {}", id, ca.strerror(cached));
        }
        log::get("sound")->debug("libcanberra connected and cached in {} µs", micros_since(start));
    }

    void play(const std::string& id, std::chrono::steady_clock::time_point asked) {
        if (!ctx) return;  // open() failed and said so
        ca_proplist* props = nullptr;
        if (ca.proplist_create(&props) != CA_SUCCESS) return;
        ca.proplist_sets(props, CA_PROP_EVENT_ID, id.c_str());
        ca.proplist_sets(props, CA_PROP_MEDIA_ROLE, "event");
        ca.proplist_sets(props, CA_PROP_CANBERRA_CACHE_CONTROL, "volatile");
        const auto start = std::chrono::steady_clock::now();
        const int rc = ca.context_play_full(ctx, 0, props, &Worker::finished, this);
        ca.proplist_destroy(props);
        if (rc != CA_SUCCESS) {
            owner.note_.failed("cannot play \"" + id + "\": " + ca.strerror(rc));
            return;
        }
        log::get("sound")->debug("\"{}\" asked for at {:.3f} (monotonic), started after {} µs; the call took {} µs",
                                 id, std::chrono::duration<double>(asked.time_since_epoch()).count(),
                                 std::chrono::duration_cast<std::chrono::microseconds>(start - asked).count(),
                                 micros_since(start));
    }

    // On libcanberra's own thread, once a cue has played (or failed to).
    static void finished(ca_context*, std::uint32_t, int code, void* self) {
        auto* worker = static_cast<Worker*>(self);
        if (code == CA_SUCCESS) worker->owner.note_.worked();
        else if (code != CA_ERROR_CANCELED) worker->owner.note_.failed(std::string("a cue did not play: ") + worker->ca.strerror(code));
    }

    CanberraSound& owner;
    Canberra ca;
    ca_context* ctx = nullptr;
    WorkerThread thread;  // last: runs with the rest in place, and joins first
};

CanberraSound::CanberraSound(boost::asio::io_context& io)
    : note_(io, "sound", "no sound cues"), release_timer_(io) {}

CanberraSound::~CanberraSound() = default;  // worker_ first: joins its thread

void CanberraSound::open() {
    release_timer_.cancel();
    if (worker_) return;
    worker_ = std::make_unique<Worker>(*this);
    worker_->thread.post([w = worker_.get()] { w->open(); });
}

void CanberraSound::play(Cue cue) {
    if (!worker_) return;
    worker_->thread.post([w = worker_.get(), id = std::string(event_id(cue)), asked = std::chrono::steady_clock::now()] {
        w->play(id, asked);
    });
}

void CanberraSound::release() {
    if (!worker_) return;
    release_timer_.expires_after(kKeepAfterRoutine);
    release_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        worker_.reset();
        log::get("sound")->debug("libcanberra disconnected");
    });
}

}  // namespace limber::desktop
