// SPDX-License-Identifier: MIT
#include "desktop/pipewire_busy.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <pipewire/impl-module.h>
#include <pipewire/pipewire.h>
#include <sys/stat.h>

#include "desktop/file_appears.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

// PipeWire makes its socket with bind() and listens on it a moment later:
// a connection tried on the inotify event may be refused. A few quick
// retries then, doubling from this (6.3 s in all); after them, the next
// event. The same few follow a loss, for a socket systemd keeps.
constexpr std::chrono::milliseconds kFirstRetry{100};
constexpr int kRetries = 6;

// Where libpipewire looks for the daemon's socket (PIPEWIRE_REMOTE, then
// PIPEWIRE_RUNTIME_DIR or XDG_RUNTIME_DIR); empty: nowhere we can watch.
std::string socket_path() {
    const char* remote = std::getenv("PIPEWIRE_REMOTE");
    const std::string name = remote && *remote ? remote : "pipewire-0";
    if (name.front() == '/') return name;
    for (const char* var : {"PIPEWIRE_RUNTIME_DIR", "XDG_RUNTIME_DIR"})
        if (const char* dir = std::getenv(var); dir && *dir) return std::string(dir) + "/" + name;
    return "";
}

bool prop_true(const spa_dict* props, const char* key) {
    const char* v = props ? spa_dict_lookup(props, key) : nullptr;
    return v && std::string_view(v) == "true";
}

std::string prop(const spa_dict* props, const char* key) {
    const char* v = props ? spa_dict_lookup(props, key) : nullptr;
    return v ? v : "";
}

}  // namespace

struct PipeWireBusy::Impl {
    struct Node {
        Impl* owner = nullptr;
        std::uint32_t id = 0;
        pw_proxy* proxy = nullptr;
        spa_hook listener{};
        std::string media_class;
        std::string app;
        bool monitor = false;
        bool capture_sink = false;
        bool device = false;
        bool running = false;
    };

    Impl(boost::asio::io_context& io, BusyListener& l, std::vector<std::string> ig)
        : listener(l),
          ignore(std::move(ig)),
          fd(io),
          mic_timer(io),
          retry_timer(io),
          socket(io, socket_path(), [this] {
              log::get("busy")->debug("{} appeared", socket.path());
              if (!connect()) retry(kRetries, kFirstRetry);
          }) {}
    ~Impl() {
        drop_connection();
        if (fd.is_open()) fd.release();  // the loop owns it
        if (context) pw_context_destroy(context);
        if (loop) pw_loop_destroy(loop);
    }

    bool connect();
    bool make_context();
    void drop_connection();

    // The connection is gone (or never was): the kinds it reported end, and
    // limberd waits for the socket to appear (see docs/holds.md).
    void lost(std::string why) {
        drop_connection();
        recount();
        if (!context_error.empty()) return;  // libpipewire itself failed: nothing to wait for
        error = std::move(why);
        if (socket.path().empty()) {
            error += "; PIPEWIRE_RUNTIME_DIR and XDG_RUNTIME_DIR are unset, limberd cannot wait for it";
        } else if (const auto armed = socket.arm(); !armed) {
            error += "; cannot wait for it to come back (" + armed.error().message + ")";
        } else {
            error += "; waiting for " + socket.path() + " to come back";
        }
        log::get("busy")->info("{}", error);
        // A socket that systemd holds (pipewire.socket) stays put and never
        // appears again, but answers at once and starts PipeWire anew.
        retry(kRetries, kFirstRetry);
    }

    // `left` more tries, `after` from now and doubling; then only the
    // socket's next appearance tries again.
    void retry(int left, std::chrono::milliseconds after) {
        if (!context_error.empty()) return;  // libpipewire itself failed: nothing to try again
        retry_timer.expires_after(after);
        retry_timer.async_wait([this, left, after](const boost::system::error_code& ec) {
            if (ec) return;
            log::get("busy")->debug("connecting to PipeWire again ({} tries left)", left);
            if (connect() || left <= 1) return;
            retry(left - 1, after * 2);
        });
    }

    // Who holds each kind now; empty: nobody.
    std::vector<std::string> holders(core::BusyKind kind) const {
        std::vector<std::string> out;
        for (const auto& [id, n] : nodes) {
            if (!n->running || std::find(ignore.begin(), ignore.end(), n->app) != ignore.end()) continue;
            const bool mic = n->media_class == "Stream/Input/Audio" && !n->monitor && !n->capture_sink;
            const bool video = n->media_class == "Video/Source";
            const bool match = kind == core::BusyKind::microphone   ? mic
                               : kind == core::BusyKind::screencast ? video && !n->device
                                                                    : video && n->device;
            if (match) out.push_back(n->app.empty() ? "an application" : n->app);
        }
        return out;
    }

    void recount() {
        for (core::BusyKind kind : {core::BusyKind::microphone, core::BusyKind::camera, core::BusyKind::screencast}) {
            const auto who = holders(kind);
            const bool on = !who.empty();
            std::string& last = reported[kind];
            const std::string joined = on ? who.front() : "";
            if (on == !last.empty() && (!on || joined == last)) continue;
            if (kind == core::BusyKind::microphone && on && last.empty()) {
                mic_pending = true;  // reported when the debounce ends, if it still holds
                arm_mic_timer();
                continue;
            }
            if (kind == core::BusyKind::microphone && !on) mic_pending = false;
            last = joined;
            listener.on_busy(kind, on, joined);
        }
    }

    void arm_mic_timer() {
        mic_timer.expires_after(kBusyDebounce);
        mic_timer.async_wait([this](const boost::system::error_code& ec) {
            if (ec || !mic_pending) return;
            mic_pending = false;
            const auto who = holders(core::BusyKind::microphone);
            if (who.empty()) return;
            reported[core::BusyKind::microphone] = who.front();
            log::get("busy")->info("microphone in use by {}", who.front());
            listener.on_busy(core::BusyKind::microphone, true, who.front());
        });
    }

    // The loop outlives connections: while none is up, nothing in it wakes.
    void wait_readable() {
        fd.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
            if (ec) return;
            pw_loop_enter(loop);
            pw_loop_iterate(loop, 0);
            pw_loop_leave(loop);
            wait_readable();
        });
    }

    BusyListener& listener;
    std::vector<std::string> ignore;
    boost::asio::posix::stream_descriptor fd;
    boost::asio::steady_timer mic_timer;
    boost::asio::steady_timer retry_timer;
    FileAppears socket;
    bool mic_pending = false;
    std::map<core::BusyKind, std::string> reported;
    pw_loop* loop = nullptr;
    pw_context* context = nullptr;
    pw_core* core = nullptr;
    pw_registry* registry = nullptr;
    spa_hook registry_listener{};
    spa_hook core_listener{};
    std::map<std::uint32_t, std::unique_ptr<Node>> nodes;
    std::string error;
    std::string context_error;  // libpipewire itself failed: nothing to wait for
    std::shared_ptr<char> alive = std::make_shared<char>();  // for work posted to the loop
};

namespace {

using Impl = PipeWireBusy::Impl;

void node_info(void* data, const pw_node_info* info) {
    auto* n = static_cast<Impl::Node*>(data);
    if (info->change_mask & PW_NODE_CHANGE_MASK_PROPS) {
        n->media_class = prop(info->props, PW_KEY_MEDIA_CLASS);
        n->app = prop(info->props, PW_KEY_APP_NAME);
        n->monitor = prop_true(info->props, PW_KEY_STREAM_MONITOR);
        n->capture_sink = prop_true(info->props, PW_KEY_STREAM_CAPTURE_SINK);
        n->device = !prop(info->props, PW_KEY_DEVICE_API).empty() || !prop(info->props, PW_KEY_DEVICE_ID).empty();
    }
    if (info->change_mask & PW_NODE_CHANGE_MASK_STATE) n->running = info->state == PW_NODE_STATE_RUNNING;
    n->owner->recount();
}

const pw_node_events kNodeEvents = [] {
    pw_node_events e{};
    e.version = PW_VERSION_NODE_EVENTS;
    e.info = node_info;
    return e;
}();

void global_added(void* data, std::uint32_t id, std::uint32_t, const char* type, std::uint32_t, const spa_dict* props) {
    auto* impl = static_cast<Impl*>(data);
    if (std::string_view(type) != PW_TYPE_INTERFACE_Node) return;
    const std::string cls = prop(props, PW_KEY_MEDIA_CLASS);
    if (cls != "Stream/Input/Audio" && cls != "Video/Source") return;  // the only nodes we follow
    auto n = std::make_unique<Impl::Node>();
    n->owner = impl;
    n->id = id;
    n->media_class = cls;
    n->proxy = static_cast<pw_proxy*>(pw_registry_bind(impl->registry, id, PW_TYPE_INTERFACE_Node, PW_VERSION_NODE, 0));
    if (!n->proxy) return;
    pw_proxy_add_object_listener(n->proxy, &n->listener, &kNodeEvents, n.get());
    impl->nodes[id] = std::move(n);
}

void global_removed(void* data, std::uint32_t id) {
    auto* impl = static_cast<Impl*>(data);
    const auto it = impl->nodes.find(id);
    if (it == impl->nodes.end()) return;
    pw_proxy_destroy(it->second->proxy);
    impl->nodes.erase(it);
    impl->recount();
}

const pw_registry_events kRegistryEvents = [] {
    pw_registry_events e{};
    e.version = PW_VERSION_REGISTRY_EVENTS;
    e.global = global_added;
    e.global_remove = global_removed;
    return e;
}();

void core_error(void* data, std::uint32_t id, int, int res, const char* message) {
    auto* impl = static_cast<Impl*>(data);
    if (id != PW_ID_CORE || res != -EPIPE) return;
    // PipeWire went away: nobody holds a microphone we can see any more.
    // Not torn down here, inside the core's own callback: on the loop.
    const std::string why = std::string("PipeWire went away (") + (message ? message : "") + ")";
    boost::asio::post(impl->fd.get_executor(), [impl, alive = std::weak_ptr<char>(impl->alive), why] {
        if (!alive.expired() && impl->core) impl->lost(why);
    });
}

const pw_core_events kCoreEvents = [] {
    pw_core_events e{};
    e.version = PW_VERSION_CORE_EVENTS;
    e.error = core_error;
    return e;
}();

}  // namespace

// Made for the first connection, not at start: where no PipeWire runs (a
// desktop without it, or a login where limberd comes first) its plugins,
// modules and data thread cost nothing until its socket appears.
bool Impl::make_context() {
    if (context) return true;
    if (!context_error.empty()) return false;
    pw_init(nullptr, nullptr);
    loop = pw_loop_new(nullptr);
    // No client.conf: of its modules only the native protocol is needed to
    // watch the registry (client-node, client-device, adapter, metadata and
    // session-manager serve clients that make objects), and no libspa-dbus.
    pw_properties* props = pw_properties_new(PW_KEY_CONFIG_NAME, "null", "support.dbus", "false", nullptr);
    if (loop) context = pw_context_new(loop, props, 0);  // takes props, even when it fails
    else pw_properties_free(props);
    if (context && !pw_context_load_module(context, "libpipewire-module-protocol-native", nullptr, nullptr)) {
        context_error = "cannot load libpipewire-module-protocol-native";
        pw_context_destroy(context);
        context = nullptr;
    }
    if (!context) {
        if (context_error.empty()) context_error = "cannot make a PipeWire context";
        log::get("busy")->warn("{}: calls and screen sharing cannot hold reminders", context_error);
        return false;
    }
    fd.assign(pw_loop_get_fd(loop));
    wait_readable();
    return true;
}

bool Impl::connect() {
    if (core) return true;
    struct stat st {};
    if (!socket.path().empty() && ::stat(socket.path().c_str(), &st) != 0) return false;  // nothing to connect to
    if (!make_context()) {
        socket.disarm();
        return false;
    }
    core = pw_context_connect(context, nullptr, 0);
    if (!core) return false;
    socket.disarm();
    retry_timer.cancel();
    error.clear();
    pw_core_add_listener(core, &core_listener, &kCoreEvents, this);
    registry = pw_core_get_registry(core, PW_VERSION_REGISTRY, 0);
    pw_registry_add_listener(registry, &registry_listener, &kRegistryEvents, this);
    log::get("busy")->info("connected to PipeWire");
    return true;
}

void Impl::drop_connection() {
    for (auto& [id, n] : nodes) pw_proxy_destroy(n->proxy);
    nodes.clear();
    mic_pending = false;
    mic_timer.cancel();
    if (registry) pw_proxy_destroy(reinterpret_cast<pw_proxy*>(registry));
    registry = nullptr;
    if (core) pw_core_disconnect(core);
    core = nullptr;
}

PipeWireBusy::PipeWireBusy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PipeWireBusy::~PipeWireBusy() = default;

std::unique_ptr<PipeWireBusy> PipeWireBusy::create(boost::asio::io_context& io, BusyListener& listener,
                                                   std::vector<std::string> ignore) {
    auto impl = std::make_unique<Impl>(io, listener, std::move(ignore));
    Impl& i = *impl;
    // Started before PipeWire (a login where limberd comes first) is the
    // same as PipeWire gone: connect when it comes.
    if (!i.connect()) i.lost("PipeWire is not running (no socket to connect to)");
    return std::unique_ptr<PipeWireBusy>(new PipeWireBusy(std::move(impl)));
}

void PipeWireBusy::set_ignore(std::vector<std::string> ignore) {
    impl_->ignore = std::move(ignore);
    impl_->recount();
}

std::vector<Probe> PipeWireBusy::probes() const {
    // libpipewire's own failure first: the connection's story then no longer matters.
    std::string why = !impl_->context_error.empty() ? impl_->context_error : impl_->error;
    const bool ok = why.empty();
    if (ok) why = "running PipeWire nodes, seen through its registry on limberd's loop";
    return {{"busy", "pipewire microphone", ok, why},
            {"busy", "pipewire camera", ok, why},
            {"busy", "pipewire screencast", ok, why}};
}

}  // namespace limber::desktop
