// SPDX-License-Identifier: MIT
#include "desktop/libnotify_notifier.hpp"

#include <libnotify/notify.h>

#include <cstdlib>
#include <future>
#include <map>
#include <string_view>

#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kTagKey = "limber-tag";
constexpr const char* kFenceKey = "limber-fence";

NotifyUrgency to_notify(Urgency u) {
    switch (u) {
        case Urgency::low: return NOTIFY_URGENCY_LOW;
        case Urgency::critical: return NOTIFY_URGENCY_CRITICAL;
        case Urgency::normal: break;
    }
    return NOTIFY_URGENCY_NORMAL;
}

// Bodies may hold markup per the spec (dunst parses it); ours are plain
// text, so a server that parses markup gets them escaped. Only &, < and >:
// not every server knows &apos; (g_markup_escape_text writes it).
std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

std::shared_ptr<NotifyNotification> hold(NotifyNotification* n) {
    return {NOTIFY_NOTIFICATION(g_object_ref(n)), [](NotifyNotification* p) { g_object_unref(p); }};
}

// Runs f from this thread's main loop after what is queued now, at the
// priority GDBus dispatches signals with. Unrun at shutdown, it is freed.
void later(std::function<void()> f) {
    using Fn = std::function<void()>;
    GSource* source = g_idle_source_new();
    g_source_set_priority(source, G_PRIORITY_DEFAULT);
    g_source_set_callback(
        source,
        [](gpointer fn) -> gboolean {
            (*static_cast<Fn*>(fn))();
            return G_SOURCE_REMOVE;
        },
        new Fn(std::move(f)), [](gpointer fn) { delete static_cast<Fn*>(fn); });
    g_source_attach(source, g_main_context_get_thread_default());
    g_source_unref(source);
}

// The spec's image-path is a file:// URI (or a theme name); a bare path
// works in dunst, but the URI is what every server must take. g_filename_to_uri
// escapes what a URI cannot hold (spaces, '#').
void set_image(NotifyNotification* n, const std::string& path) {
    gchar* uri = g_filename_to_uri(path.c_str(), nullptr, nullptr);  // null for a relative path
    if (uri) notify_notification_set_hint(n, "image-path", g_variant_new_string(uri));
    g_free(uri);
}

int fences(NotifyNotification* n) { return GPOINTER_TO_INT(g_object_get_data(G_OBJECT(n), kFenceKey)); }

void set_fences(NotifyNotification* n, int count) { g_object_set_data(G_OBJECT(n), kFenceKey, GINT_TO_POINTER(count)); }

}  // namespace

struct LibnotifyNotifier::Loop {
    GMainContext* context = g_main_context_new();
    GMainLoop* loop = g_main_loop_new(context, FALSE);
    ~Loop() {
        g_main_loop_unref(loop);
        g_main_context_unref(context);  // frees tasks that never ran
    }
};

// libnotify's calls, the watch on the notification server, and the
// notifications we show. Made on the GLib thread after it pushed its context
// as thread-default, so GDBus delivers every signal here.
class LibnotifyNotifier::Session {
public:
    struct Events {
        std::function<void(const std::string& tag, const std::string& key)> action;
        std::function<void(bool available)> server;  // once at start, then at every change
    };

    Session(Events events, bool have_bus) : events_(std::move(events)) {
        if (!have_bus) {
            events_.server(false);
            return;
        }
        // AUTO_START: a server that is only D-Bus activatable (xfce4-notifyd,
        // mako, dunst) starts now instead of looking absent until our first
        // reminder.
        watch_id_ = g_bus_watch_name(G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                     G_BUS_NAME_WATCHER_FLAGS_AUTO_START, &Session::appeared_cb,
                                     &Session::vanished_cb, this, nullptr);
    }

    ~Session() {
        for (auto& [tag, entry] : entries_) {
            if (entry.shown) notify_notification_close(entry.shown, nullptr);
            drop(entry);
        }
        if (watch_id_ != 0) g_bus_unwatch_name(watch_id_);
    }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void show(Notification n) {
        if (n.refresh && !entries_.contains(n.tag)) return;  // closed by the user, or never shown
        auto& entry = entries_[n.tag];
        entry.latest = std::move(n);
        // Even with no server on the bus we try: the call starts an
        // activatable one. If there is none, the bus says so at once and
        // the entry waits for appeared().
        if (watch_id_ != 0) send(entry);
    }

    void close(const std::string& tag) {
        const auto it = entries_.find(tag);
        if (it == entries_.end()) return;
        if (it->second.shown) notify_notification_close(it->second.shown, nullptr);
        drop(it->second);
        entries_.erase(it);
    }

private:
    struct Entry {
        Notification latest;
        NotifyNotification* shown = nullptr;  // what the server shows; null while pending
    };
    enum class Server { unknown, present, absent };

    // Shows, or updates in place; false leaves the entry pending.
    bool send(Entry& entry) {
        const Notification& n = entry.latest;
        const std::string body = body_markup_ ? escape_markup(n.body) : n.body;
        const char* summary = n.summary.empty() ? "Limber" : n.summary.c_str();  // the spec wants one
        const char* icon = n.icon.empty() ? nullptr : n.icon.c_str();
        const bool update = entry.shown != nullptr;
        if (update) {
            notify_notification_update(entry.shown, summary, body.c_str(), icon);
        } else {
            entry.shown = notify_notification_new(summary, body.c_str(), icon);
            g_object_set_data_full(G_OBJECT(entry.shown), kTagKey, g_strdup(n.tag.c_str()), g_free);
            g_signal_connect(entry.shown, "closed", G_CALLBACK(&Session::closed_cb), this);
            notify_notification_set_app_name(entry.shown, "Limber");
        }
        notify_notification_clear_hints(entry.shown);
        // The menu entry's name, without ".desktop": servers group by it.
        notify_notification_set_hint(entry.shown, "desktop-entry", g_variant_new_string(LIMBER_APP_ID));
        if (n.transient) notify_notification_set_hint(entry.shown, "transient", g_variant_new_boolean(TRUE));
        if (n.suppress_sound)
            notify_notification_set_hint(entry.shown, "suppress-sound", g_variant_new_boolean(TRUE));
        if (!n.image.empty()) set_image(entry.shown, n.image);
        if (n.progress) notify_notification_set_hint(entry.shown, "value", g_variant_new_int32(*n.progress));
        notify_notification_set_urgency(entry.shown, to_notify(n.urgency));
        notify_notification_set_timeout(entry.shown, n.expires ? static_cast<gint>(n.expires->count())
                                                               : NOTIFY_EXPIRES_DEFAULT);
        notify_notification_clear_actions(entry.shown);
        for (const auto& a : n.actions) {
            notify_notification_add_action(entry.shown, a.key.c_str(), a.label.c_str(), &Session::action_cb, this,
                                           nullptr);
        }
        GError* error = nullptr;
        if (notify_notification_show(entry.shown, &error)) {
            if (update) fence(entry.shown);
            return true;
        }
        log::get("notify")->debug("keeping \"{}\" until a server shows it: {}", n.tag,
                                  error ? error->message : "unknown error");
        g_clear_error(&error);
        drop(entry);  // next time a fresh object: this id may be a dead server's
        return false;
    }

    // A "closed" the server sent before it saw this update is already queued
    // when notify_notification_show returns: GDBus queues signals on our
    // context as it reads them, in order, and the reply came after. So until
    // an idle queued now has run, a "closed" for this object is stale.
    static void fence(NotifyNotification* n) {
        set_fences(n, fences(n) + 1);
        later([keep = hold(n)] { set_fences(keep.get(), fences(keep.get()) - 1); });
    }

    void drop(Entry& entry) {
        if (!entry.shown) return;
        g_signal_handlers_disconnect_by_data(entry.shown, this);
        g_object_unref(entry.shown);
        entry.shown = nullptr;
    }

    static void action_cb(NotifyNotification* n, char* key, gpointer self) {
        const char* tag = static_cast<const char*>(g_object_get_data(G_OBJECT(n), kTagKey));
        static_cast<Session*>(self)->events_.action(tag ? tag : "", key);
    }

    // Dismissed, expired, or closed after an action: a later show() with
    // this tag needs a new notification, libnotify will not reopen this one.
    static void closed_cb(NotifyNotification* n, gpointer data) {
        auto& self = *static_cast<Session*>(data);
        if (fences(n) > 0) {
            // Stale: the server closed it before our update reached it, and
            // the update brought it back under the same id (the spec keeps
            // replaces_id). libnotify forgets the id after this signal; put
            // it back so that actions and updates still find it.
            gint id = 0;
            g_object_get(n, "id", &id, nullptr);
            log::get("notify")->debug("\"closed\" for id {} predates our update; keeping it", id);
            later([keep = hold(n), id] { g_object_set(keep.get(), "id", id, nullptr); });
            return;
        }
        for (auto it = self.entries_.begin(); it != self.entries_.end(); ++it) {
            if (it->second.shown != n) continue;
            log::get("notify")->debug("\"{}\" closed (reason {})", it->first,
                                      static_cast<int>(notify_notification_get_closed_reason(n)));
            self.drop(it->second);
            self.entries_.erase(it);
            return;
        }
    }

    static void appeared_cb(GDBusConnection*, const gchar*, const gchar*, gpointer self) {
        static_cast<Session*>(self)->appeared();
    }

    static void vanished_cb(GDBusConnection*, const gchar*, gpointer self) {
        static_cast<Session*>(self)->vanished();
    }

    void appeared() {
        body_markup_ = false;
        GList* caps = notify_get_server_caps();
        for (GList* c = caps; c; c = c->next) {
            if (g_strcmp0(static_cast<const char*>(c->data), "body-markup") == 0) body_markup_ = true;
        }
        g_list_free_full(caps, g_free);
        gchar* name = nullptr;
        gchar* vendor = nullptr;
        gchar* version = nullptr;
        gchar* spec = nullptr;
        if (notify_get_server_info(&name, &vendor, &version, &spec)) {
            log::get("notify")->info("notification server {} {} ({}, spec {}) is on the session bus",
                                     name && *name ? name : "(unnamed)", version ? version : "",
                                     vendor ? vendor : "", spec ? spec : "");
        }
        g_free(name);
        g_free(vendor);
        g_free(version);
        g_free(spec);

        server_ = Server::present;
        for (auto& [tag, entry] : entries_) {
            if (!entry.shown) send(entry);
        }
        events_.server(true);
    }

    void vanished() {
        if (server_ == Server::absent) return;
        log::get("notify")->warn("no notification server on the session bus; reminders will be shown when one appears");
        server_ = Server::absent;
        // The server took what it showed with it: everything is pending now.
        for (auto& [tag, entry] : entries_) drop(entry);
        events_.server(false);
    }

    Events events_;
    std::map<std::string, Entry> entries_;  // tags the user should see
    unsigned watch_id_ = 0;                 // 0: no session bus, nothing to watch
    Server server_ = Server::unknown;
    bool body_markup_ = true;  // the server parses markup in bodies (asked on arrival)
};

LibnotifyNotifier::LibnotifyNotifier(boost::asio::io_context& io, NotifierListener& listener)
    : io_(io), listener_(listener), weak_alive_(alive_), loop_(std::make_unique<Loop>()) {}

std::unique_ptr<LibnotifyNotifier> LibnotifyNotifier::create(boost::asio::io_context& io,
                                                             NotifierListener& listener) {
    std::unique_ptr<LibnotifyNotifier> self(new LibnotifyNotifier(io, listener));
    std::promise<bool> started;
    auto connected = started.get_future();
    // If the thread cannot start, std::thread throws: "cannot continue".
    self->thread_ = std::thread([raw = self.get(), &started] {
        raw->run_glib([&started](bool c) { started.set_value(c); });
    });
    self->connected_ = connected.get();
    return self;
}

LibnotifyNotifier::~LibnotifyNotifier() {
    // Quit from inside the loop, after the work queued before it: a
    // g_main_loop_quit that came before g_main_loop_run would be forgotten.
    on_glib([loop = loop_->loop](Session&) { g_main_loop_quit(loop); });
    thread_.join();
    alive_.reset();
}

void LibnotifyNotifier::run_glib(std::function<void(bool connected)> started) {
    // Before libnotify makes its D-Bus proxy: GDBus delivers signals
    // (actions, closed) on the thread-default context of the subscriber.
    g_main_context_push_thread_default(loop_->context);
    notify_init("Limber");
    GError* error = nullptr;
    // The same shared connection libnotify and the name watch use; asked
    // here once so that a missing bus is known, and said, at start.
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (bus == nullptr) {
        const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
        log::get("notify")->warn(
            "cannot connect to the session bus (DBUS_SESSION_BUS_ADDRESS={}): {}; no notifications until limberd "
            "restarts in a session that has one",
            address ? address : "unset", error ? error->message : "unknown error");
        g_clear_error(&error);
    }
    session_ = std::make_unique<Session>(
        Session::Events{[this](const std::string& tag, const std::string& key) {
                            on_io([tag, key](NotifierListener& l) { l.on_action(tag, key); });
                        },
                        [this](bool up) {
                            available_ = up;
                            on_io([up](NotifierListener& l) { l.on_server(up); });
                        }},
        bus != nullptr);
    started(bus != nullptr);  // create() returns: `started` is not touched again

    g_main_loop_run(loop_->loop);

    session_.reset();
    notify_uninit();
    if (bus != nullptr) g_object_unref(bus);
    // GDBus frees a dropped proxy's signal subscriptions from an idle on
    // this context; run those (our queued tasks find no session and skip).
    while (g_main_context_iteration(loop_->context, FALSE)) {
    }
    g_main_context_pop_thread_default(loop_->context);
}

void LibnotifyNotifier::show(Notification n) {
    on_glib([n = std::move(n)](Session& s) mutable { s.show(std::move(n)); });
}

void LibnotifyNotifier::close(const std::string& tag) {
    on_glib([tag](Session& s) { s.close(tag); });
}

void LibnotifyNotifier::invoke(std::function<void()> work) {
    on_glib([work = std::move(work)](Session&) { work(); });
}

void LibnotifyNotifier::on_glib(std::function<void(Session&)> work) {
    struct Task {
        LibnotifyNotifier* self;
        std::function<void(Session&)> work;
    };
    // From any thread but the GLib one this queues an idle source on the
    // context, after those queued before: it never runs `work` in the caller.
    g_main_context_invoke_full(
        loop_->context, G_PRIORITY_DEFAULT,
        [](gpointer data) -> gboolean {
            auto* task = static_cast<Task*>(data);
            if (task->self->session_) task->work(*task->self->session_);
            return G_SOURCE_REMOVE;
        },
        new Task{this, std::move(work)}, [](gpointer data) { delete static_cast<Task*>(data); });
}

void LibnotifyNotifier::on_io(std::function<void(NotifierListener&)> work) {
    boost::asio::post(io_, [this, alive = weak_alive_, work = std::move(work)] {
        if (!alive.expired()) work(listener_);
    });
}

}  // namespace limber::desktop
