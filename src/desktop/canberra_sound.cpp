#include "desktop/canberra_sound.hpp"

#include <chrono>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <canberra.h>

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

}  // namespace

// The thread and the libcanberra context, which only that thread touches.
struct CanberraSound::Worker {
    explicit Worker(CanberraSound& sound) : owner(sound) {}
    ~Worker() {
        boost::asio::post(io, [this] {
            if (ctx) ca_context_destroy(ctx);  // no `finished` runs after this
            ctx = nullptr;
        });
        guard.reset();
        thread.join();
    }

    void open() {
        const auto start = std::chrono::steady_clock::now();
        int rc = ca_context_create(&ctx);
        if (rc == CA_SUCCESS)
            rc = ca_context_change_props(ctx, CA_PROP_APPLICATION_NAME, "Limber", CA_PROP_APPLICATION_ID, "limber",
                                         CA_PROP_APPLICATION_ICON_NAME, "limber", nullptr);
        // Connects to the sound server now, not at the first cue, so a
        // server that is not there is found once, at the routine's start.
        if (rc == CA_SUCCESS) rc = ca_context_open(ctx);
        if (rc != CA_SUCCESS) {
            if (ctx) ca_context_destroy(ctx);
            ctx = nullptr;
            owner.report(std::string("cannot connect to a sound server: ") + ca_strerror(rc));
            return;
        }
        // Into the server's sample cache: a cue from there is one request,
        // not a stream set up and a file decoded while the step has changed.
        for (Cue cue : {Cue::step, Cue::switch_sides, Cue::tick, Cue::complete}) {
            const std::string id(event_id(cue));
            if (const int cached = ca_context_cache(ctx, CA_PROP_EVENT_ID, id.c_str(), CA_PROP_CANBERRA_CACHE_CONTROL,
                                                    "volatile", nullptr);
                cached != CA_SUCCESS)
                log::get("sound")->debug("\"{}\" not cached: {}", id, ca_strerror(cached));
        }
        log::get("sound")->debug("libcanberra connected and cached in {} µs", micros_since(start));
    }

    void play(const std::string& id, std::chrono::steady_clock::time_point asked) {
        if (!ctx) return;  // open() failed and said so
        ca_proplist* props = nullptr;
        if (ca_proplist_create(&props) != CA_SUCCESS) return;
        ca_proplist_sets(props, CA_PROP_EVENT_ID, id.c_str());
        ca_proplist_sets(props, CA_PROP_MEDIA_ROLE, "event");
        ca_proplist_sets(props, CA_PROP_CANBERRA_CACHE_CONTROL, "volatile");
        const auto start = std::chrono::steady_clock::now();
        const int rc = ca_context_play_full(ctx, 0, props, &CanberraSound::finished, &owner);
        ca_proplist_destroy(props);
        if (rc != CA_SUCCESS) {
            owner.report("cannot play \"" + id + "\": " + ca_strerror(rc));
            return;
        }
        log::get("sound")->debug("\"{}\" asked for at {:.3f} (monotonic), started after {} µs; the call took {} µs",
                                 id, std::chrono::duration<double>(asked.time_since_epoch()).count(),
                                 std::chrono::duration_cast<std::chrono::microseconds>(start - asked).count(),
                                 micros_since(start));
    }

    CanberraSound& owner;
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
    ca_context* ctx = nullptr;
    std::thread thread{[this] { io.run(); }};  // last: starts once the rest exists
};

CanberraSound::CanberraSound(boost::asio::io_context& io)
    : io_(io), release_timer_(io), alive_(std::make_shared<CanberraSound*>(this)) {}

CanberraSound::~CanberraSound() = default;  // worker_ first: joins its thread

void CanberraSound::open() {
    release_timer_.cancel();
    if (worker_) return;
    worker_ = std::make_unique<Worker>(*this);
    boost::asio::post(worker_->io, [w = worker_.get()] { w->open(); });
}

void CanberraSound::play(Cue cue) {
    if (!worker_) return;
    boost::asio::post(worker_->io, [w = worker_.get(), id = std::string(event_id(cue)),
                                    asked = std::chrono::steady_clock::now()] { w->play(id, asked); });
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

void CanberraSound::failed(const std::string& what) {
    if (warned_) return;  // one line, not one per cue: the routine goes on silently
    warned_ = true;
    log::get("sound")->warn("no sound cues: {}", what);
}

void CanberraSound::report(std::string what) {
    boost::asio::post(io_, [alive = std::weak_ptr<CanberraSound*>(alive_), what = std::move(what)] {
        if (const auto owner = alive.lock()) (*owner)->failed(what);
    });
}

// On libcanberra's own thread, once a cue has played (or failed to).
void CanberraSound::finished(ca_context*, std::uint32_t, int code, void* self) {
    auto* sound = static_cast<CanberraSound*>(self);
    if (code == CA_SUCCESS) {
        boost::asio::post(sound->io_, [alive = std::weak_ptr<CanberraSound*>(sound->alive_)] {
            if (const auto owner = alive.lock()) (*owner)->warned_ = false;  // it works (again): a later failure is news
        });
    } else if (code != CA_ERROR_CANCELED) {
        sound->report(std::string("a cue did not play: ") + ca_strerror(code));
    }
}

}  // namespace limber::desktop
