// SPDX-License-Identifier: MIT
#include "desktop/gsettings_dnd.hpp"

#include <gio/gio.h>

#include <cstring>
#include <functional>
#include <string>

#include <boost/asio/post.hpp>

namespace limber::desktop {
namespace {

constexpr const char* kSchema = "org.gnome.desktop.notifications";
constexpr const char* kKey = "show-banners";

}  // namespace

struct GsettingsDnd::Glib {
    // Posts what GSettings said to the daemon's loop: why it cannot be
    // read (empty if it can), and true for "on".
    std::function<void(std::string problem, bool on)> report;
    GSettings* settings = nullptr;
    gulong handler = 0;

    void start() {
        // g_settings_new aborts on a schema that is not installed: ask first.
        GSettingsSchemaSource* source = g_settings_schema_source_get_default();
        GSettingsSchema* schema = source ? g_settings_schema_source_lookup(source, kSchema, TRUE) : nullptr;
        const bool usable = schema != nullptr && g_settings_schema_has_key(schema, kKey);
        if (!usable) {
            if (schema) g_settings_schema_unref(schema);
            report(std::string("no GSettings schema ") + kSchema + " (gsettings-desktop-schemas is not installed)",
                   false);
            return;
        }
        settings = g_settings_new_full(schema, nullptr, nullptr);
        g_settings_schema_unref(schema);
        // Without dconf GIO falls back to a backend in our own memory: it
        // would only ever answer the schema's default, never GNOME's switch.
        GSettingsBackend* backend = nullptr;
        g_object_get(settings, "backend", &backend, nullptr);
        const bool in_memory = backend && std::strcmp(G_OBJECT_TYPE_NAME(backend), "GMemorySettingsBackend") == 0;
        if (backend) g_object_unref(backend);
        if (in_memory) {
            stop();
            report("GSettings has no dconf backend here (dconf-gsettings-backend is not installed), so GNOME's "
                   "switch cannot be read",
                   false);
            return;
        }
        // GSettings emits "changed" only for a key read after the handler
        // was connected: connect, then read.
        handler = g_signal_connect(settings, "changed::show-banners",
                                   G_CALLBACK(+[](GSettings*, gchar*, gpointer self) {
                                       static_cast<Glib*>(self)->read();
                                   }),
                                   this);
        read();
    }
    void read() { report({}, !g_settings_get_boolean(settings, kKey)); }
    void stop() {
        if (!settings) return;
        if (handler) g_signal_handler_disconnect(settings, handler);
        handler = 0;
        g_object_unref(settings);
        settings = nullptr;
    }
};

GsettingsDnd::GsettingsDnd(boost::asio::io_context& io, GlibThread* glib, BusyListener& listener)
    : io_(io), glib_(glib), state_(listener, "GNOME"), glib_side_(std::make_shared<Glib>()) {}

GsettingsDnd::~GsettingsDnd() {
    alive_.reset();
    // The GSettings object lives and dies on its own thread.
    if (glib_) glib_->invoke([side = glib_side_] { side->stop(); });
}

std::unique_ptr<GsettingsDnd> GsettingsDnd::create(boost::asio::io_context& io, GlibThread* glib,
                                                   BusyListener& listener) {
    std::unique_ptr<GsettingsDnd> self(new GsettingsDnd(io, glib, listener));
    if (!glib) {
        self->state_.error = "no GLib thread to read GSettings on";
        return self;
    }
    self->state_.error = "looking for GNOME's notification settings";
    self->glib_side_->report = [&io, raw = self.get(), alive = std::weak_ptr<bool>(self->alive_)](
                                       std::string problem, bool on) {
        boost::asio::post(io, [raw, alive, problem = std::move(problem), on] {
            if (alive.expired()) return;
            raw->state_.running = problem.empty();
            raw->state_.error = problem;
            raw->state_.set_on(on);
        });
    };
    glib->invoke([side = self->glib_side_] { side->start(); });
    return self;
}

Probe GsettingsDnd::probe() const {
    Probe p{"busy", "GNOME do-not-disturb", state_.error.empty() && state_.running, state_.error};
    if (p.used)
        p.why = std::string(kKey) + " of " + kSchema + " through GSettings" + (state_.on ? "; on now" : "");
    return p;
}

}  // namespace limber::desktop
