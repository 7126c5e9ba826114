#include "desktop/libnotify_notifier.hpp"

#include <libnotify/notify.h>

#include <system_error>

#include <asio/post.hpp>

#include "desktop/libnotify_session.hpp"

namespace limber::desktop {
namespace {

// libnotify's own state is process-wide (notify_init, notify_uninit); a
// second instance would tear it down under the first.
std::atomic<bool> g_instance{false};

}  // namespace

Result<std::unique_ptr<LibnotifyNotifier>> LibnotifyNotifier::create(asio::io_context& io,
                                                                     NotifierListener& listener) {
    if (g_instance.exchange(true)) return fail("libnotify is already in use in this process");
    std::unique_ptr<LibnotifyNotifier> self(new LibnotifyNotifier(io, listener));
    std::promise<bool> started;
    auto ready = started.get_future();
    try {
        self->thread_ = std::thread([raw = self.get(), &started] { raw->run_glib(started); });
    } catch (const std::system_error& e) {
        return fail(std::string("cannot start the notification thread: ") + e.what());
    }
    if (!ready.get()) return fail("libnotify could not be initialised");
    return self;
}

LibnotifyNotifier::LibnotifyNotifier(asio::io_context& io, NotifierListener& listener)
    : io_(io),
      listener_(listener),
      weak_alive_(alive_),
      context_(g_main_context_new()),
      loop_(g_main_loop_new(context_, FALSE)) {}

LibnotifyNotifier::~LibnotifyNotifier() {
    if (thread_.joinable()) {
        // Quit from inside the loop: a g_main_loop_quit that came before
        // g_main_loop_run would be forgotten.
        on_glib([this](LibnotifySession&) { g_main_loop_quit(loop_); });
        thread_.join();
    }
    alive_.reset();
    g_main_loop_unref(loop_);
    g_main_context_unref(context_);  // frees tasks that never ran
    g_instance = false;
}

void LibnotifyNotifier::run_glib(std::promise<bool>& started) {
    // Before libnotify makes its D-Bus proxy: GDBus delivers signals
    // (actions, closed) on the thread-default context of the subscriber.
    g_main_context_push_thread_default(context_);
    if (!notify_init("Limber")) {
        g_main_context_pop_thread_default(context_);
        started.set_value(false);
        return;
    }
    session_ = std::make_unique<LibnotifySession>(LibnotifySession::Events{
        [this](const std::string& tag, const std::string& key) {
            on_io([tag, key](NotifierListener& l) { l.on_action(tag, key); });
        },
        [this](bool up) {
            available_ = up;
            on_io([up](NotifierListener& l) { l.on_server(up); });
        }});
    started.set_value(true);  // `started` dies with create(): not touched again

    g_main_loop_run(loop_);

    session_.reset();
    notify_uninit();
    // GDBus frees a dropped proxy's signal subscriptions from an idle on
    // this context; run those (our queued tasks find no session and skip).
    while (g_main_context_iteration(context_, FALSE)) {
    }
    g_main_context_pop_thread_default(context_);
}

void LibnotifyNotifier::show(Notification n) {
    on_glib([n = std::move(n)](LibnotifySession& s) mutable { s.show(std::move(n)); });
}

void LibnotifyNotifier::close(const std::string& tag) {
    on_glib([tag](LibnotifySession& s) { s.close(tag); });
}

void LibnotifyNotifier::on_glib(std::function<void(LibnotifySession&)> work) {
    struct Task {
        LibnotifyNotifier* self;
        std::function<void(LibnotifySession&)> work;
    };
    // Called from any thread but the GLib one, this queues an idle source on
    // context_ (it never runs `work` in the caller).
    g_main_context_invoke_full(
        context_, G_PRIORITY_DEFAULT,
        [](gpointer data) -> gboolean {
            auto* task = static_cast<Task*>(data);
            if (task->self->session_) task->work(*task->self->session_);
            return G_SOURCE_REMOVE;
        },
        new Task{this, std::move(work)}, [](gpointer data) { delete static_cast<Task*>(data); });
}

void LibnotifyNotifier::on_io(std::function<void(NotifierListener&)> work) {
    asio::post(io_, [this, alive = weak_alive_, work = std::move(work)] {
        if (!alive.expired()) work(listener_);
    });
}

}  // namespace limber::desktop
