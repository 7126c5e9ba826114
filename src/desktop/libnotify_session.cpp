#include "desktop/libnotify_session.hpp"

#include <libnotify/notify.h>

#include <memory>

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

int fences(NotifyNotification* n) {
    return GPOINTER_TO_INT(g_object_get_data(G_OBJECT(n), kFenceKey));
}

void set_fences(NotifyNotification* n, int count) {
    g_object_set_data(G_OBJECT(n), kFenceKey, GINT_TO_POINTER(count));
}

}  // namespace

struct LibnotifySession::Callbacks {
    static void action(NotifyNotification* n, char* key, gpointer self) {
        const char* tag = static_cast<const char*>(g_object_get_data(G_OBJECT(n), kTagKey));
        static_cast<LibnotifySession*>(self)->events_.action(tag ? tag : "", key);
    }

    // Dismissed, expired, or closed after an action: a later show() with
    // this tag needs a new notification, libnotify will not reopen this one.
    static void closed(NotifyNotification* n, gpointer data) {
        auto& self = *static_cast<LibnotifySession*>(data);
        if (fences(n) > 0) {
            // Stale: the server closed it before our update reached it, and
            // the update brought it back under the same id (the spec keeps
            // replaces_id). libnotify forgets the id after this signal; put
            // it back so actions and updates still find it.
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

    static void appeared(GDBusConnection*, const gchar*, const gchar*, gpointer self) {
        static_cast<LibnotifySession*>(self)->appeared();
    }

    static void vanished(GDBusConnection* connection, const gchar*, gpointer self) {
        static_cast<LibnotifySession*>(self)->vanished(connection == nullptr);
    }
};

LibnotifySession::LibnotifySession(Events events) : events_(std::move(events)) {
    // AUTO_START: a server that is only D-Bus activatable starts now instead
    // of looking absent until our first reminder.
    watch_id_ = g_bus_watch_name(G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                 G_BUS_NAME_WATCHER_FLAGS_AUTO_START, Callbacks::appeared,
                                 Callbacks::vanished, this, nullptr);
}

LibnotifySession::~LibnotifySession() {
    // Nobody would hear the buttons once we are gone.
    for (auto& [tag, entry] : entries_) {
        if (entry.shown) notify_notification_close(entry.shown, nullptr);
        drop(entry);
    }
    g_bus_unwatch_name(watch_id_);
}

void LibnotifySession::show(Notification n) {
    auto& entry = entries_[n.tag];
    entry.latest = std::move(n);
    // Even with no server on the bus we try: it may be D-Bus activatable
    // (xfce4-notifyd, mako, dunst) and the call starts it. If not, the bus
    // says so at once and the entry stays pending.
    if (bus_) send(entry);
}

void LibnotifySession::close(const std::string& tag) {
    const auto it = entries_.find(tag);
    if (it == entries_.end()) return;
    if (it->second.shown) notify_notification_close(it->second.shown, nullptr);
    drop(it->second);
    entries_.erase(it);
}

// Shows, or updates in place; false leaves the entry pending.
bool LibnotifySession::send(Entry& entry) {
    const Notification& n = entry.latest;
    // Bodies may hold markup per the spec (dunst parses it); ours is plain
    // text. A server without "body-markup" shows the body as it is.
    gchar* body = body_markup_ ? g_markup_escape_text(n.body.c_str(), -1) : g_strdup(n.body.c_str());
    const char* summary = n.summary.empty() ? "Limber" : n.summary.c_str();  // libnotify needs one
    const bool update = entry.shown != nullptr;
    if (update) {
        notify_notification_update(entry.shown, summary, body, nullptr);
    } else {
        entry.shown = notify_notification_new(summary, body, nullptr);
        g_object_set_data_full(G_OBJECT(entry.shown), kTagKey, g_strdup(n.tag.c_str()), g_free);
        g_signal_connect(entry.shown, "closed", G_CALLBACK(Callbacks::closed), this);
        notify_notification_set_app_name(entry.shown, "Limber");
        notify_notification_set_hint(entry.shown, "desktop-entry", g_variant_new_string("limber"));
    }
    g_free(body);
    notify_notification_set_urgency(entry.shown, to_notify(n.urgency));
    notify_notification_clear_actions(entry.shown);
    for (const auto& a : n.actions) {
        notify_notification_add_action(entry.shown, a.key.c_str(), a.label.c_str(),
                                       Callbacks::action, this, nullptr);
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
// when notify_notification_show returns: GDBus queues signals on our context
// as it reads them, in order, and the reply came after. So until an idle
// queued now has run, a "closed" for this object is stale.
void LibnotifySession::fence(NotifyNotification* n) {
    set_fences(n, fences(n) + 1);
    later([keep = hold(n)] { set_fences(keep.get(), fences(keep.get()) - 1); });
}

void LibnotifySession::drop(Entry& entry) {
    if (!entry.shown) return;
    g_signal_handlers_disconnect_by_data(entry.shown, this);
    g_object_unref(entry.shown);
    entry.shown = nullptr;
}

void LibnotifySession::appeared() {
    body_markup_ = false;
    GList* caps = notify_get_server_caps();
    for (GList* c = caps; c; c = c->next) {
        if (g_strcmp0(static_cast<const char*>(c->data), "body-markup") == 0) body_markup_ = true;
    }
    g_list_free_full(caps, g_free);
    gchar* name = nullptr;
    gchar* version = nullptr;
    notify_get_server_info(&name, nullptr, &version, nullptr);
    log::get("notify")->info("notification server {} {} is on the session bus",
                             name ? name : "(unnamed)", version ? version : "");
    g_free(name);
    g_free(version);

    server_ = Server::present;
    for (auto& [tag, entry] : entries_) {
        if (!entry.shown) send(entry);
    }
    events_.server(true);
}

void LibnotifySession::vanished(bool no_bus) {
    if (server_ == Server::absent) return;
    auto log = log::get("notify");
    if (no_bus) {
        bus_ = false;  // GLib does not retry; neither can we
        const char* address = g_getenv("DBUS_SESSION_BUS_ADDRESS");
        log->warn("cannot connect to the session bus (DBUS_SESSION_BUS_ADDRESS={}); no "
                  "notifications until limberd restarts in a session that has one",
                  address ? address : "unset");
    } else {
        log->warn("no notification server on the session bus; reminders will be shown when one appears");
    }
    server_ = Server::absent;
    // The server took what it showed with it: everything is pending now.
    for (auto& [tag, entry] : entries_) drop(entry);
    events_.server(false);
}

}  // namespace limber::desktop
