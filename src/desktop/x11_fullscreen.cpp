// SPDX-License-Identifier: MIT
#include "desktop/x11_fullscreen.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <cstdlib>
#include <string_view>

#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kName = "x11 fullscreen";

bool on_wayland() {
    const char* display = std::getenv("WAYLAND_DISPLAY");
    return display != nullptr && *display != '\0';
}

// One property's data as Xlib hands it out (format 32 comes as longs),
// freed with XFree.
struct Property {
    Atom type = 0;
    int format = 0;
    unsigned long count = 0;
    unsigned char* data = nullptr;

    Property(Display* d, Window w, Atom property, Atom want, long longest) {
        unsigned long after = 0;
        if (XGetWindowProperty(d, w, property, 0, longest, False, want, &type, &format, &count, &after, &data) !=
            Success) {
            data = nullptr;  // a window that went away: the error handler logged it
            count = 0;
        }
    }
    ~Property() {
        if (data != nullptr) XFree(data);
    }
    Property(const Property&) = delete;
    Property& operator=(const Property&) = delete;

    bool is(Atom t, int f) const { return data != nullptr && type == t && format == f && count > 0; }
    unsigned long at(unsigned long i) const { return reinterpret_cast<const unsigned long*>(data)[i]; }
};

}  // namespace

X11Fullscreen::X11Fullscreen(BusyListener& listener, std::string error)
    : listener_(listener), error_(std::move(error)) {}

X11Fullscreen::~X11Fullscreen() { alive_.reset(); }

std::unique_ptr<X11Fullscreen> X11Fullscreen::create(boost::asio::io_context& io, BusyListener& listener) {
    if (on_wayland()) {
        // XWayland would see X clients only; the wlroots foreign-toplevel
        // protocol says it for every window (desktop/wlr_fullscreen.cpp).
        return std::unique_ptr<X11Fullscreen>(new X11Fullscreen(
            listener, "not used on Wayland (WAYLAND_DISPLAY is set; X11 would only see XWayland windows)"));
    }
    auto x = X11Connection::open(io);
    std::unique_ptr<X11Fullscreen> self(new X11Fullscreen(listener, x ? "" : x.error().message));
    if (!x) {
        log::get("busy")->info("{}: a fullscreen window cannot hold reminders", self->error_);
        return self;
    }
    self->connect(io, std::move(*x));
    return self;
}

void X11Fullscreen::connect(boost::asio::io_context& io, std::unique_ptr<X11Connection> x) {
    x_ = std::move(x);
    Display* d = x_->display();
    root_ = DefaultRootWindow(d);
    active_atom_ = XInternAtom(d, "_NET_ACTIVE_WINDOW", False);
    state_atom_ = XInternAtom(d, "_NET_WM_STATE", False);
    fullscreen_atom_ = XInternAtom(d, "_NET_WM_STATE_FULLSCREEN", False);
    check_atom_ = XInternAtom(d, "_NET_SUPPORTING_WM_CHECK", False);
    name_atom_ = XInternAtom(d, "_NET_WM_NAME", False);
    utf8_atom_ = XInternAtom(d, "UTF8_STRING", False);
    // Selected before the first read: a change after it cannot slip by.
    XSelectInput(d, root_, PropertyChangeMask);
    x_->start([this](XEvent& e) { on_event(e); },
              [this](const std::string& why) {
                  error_ = why;
                  report(false, "");
              });
    // From the loop, like every later report: the daemon may still be
    // storing this source when a fullscreen window is already there.
    boost::asio::post(io, [this, alive = std::weak_ptr<int>(alive_)] {
        if (!alive.expired()) refresh();
    });
}

void X11Fullscreen::on_event(XEvent& event) {
    if (event.type == DestroyNotify) {
        if (event.xdestroywindow.window == check_) refresh();
        return;
    }
    if (event.type != PropertyNotify) return;
    const XPropertyEvent& p = event.xproperty;
    const bool root_change = p.window == root_ && (p.atom == active_atom_ || p.atom == check_atom_);
    const bool state_change = p.window != root_ && p.window == active_ && p.atom == state_atom_;
    if (root_change || state_change) refresh();
}

void X11Fullscreen::refresh() {
    Display* d = x_->display();
    // EWMH: the check window names itself too. A window manager that died
    // leaves the root's properties behind, but not its check window.
    Xid check = window_property(root_, check_atom_);
    if (check != 0 && window_property(check, check_atom_) != check) check = 0;
    follow(check_, check, StructureNotifyMask);
    wm_.clear();
    if (check_ != 0) {
        Property name(d, check_, name_atom_, utf8_atom_, 64);
        if (name.is(utf8_atom_, 8)) wm_.assign(reinterpret_cast<const char*>(name.data), name.count);
    }
    follow(active_, check_ != 0 ? window_property(root_, active_atom_) : 0, PropertyChangeMask);
    const bool on = active_ != 0 && fullscreen(active_);
    report(on, on ? who(active_) : "");
    x_->drain_soon();
}

// Selected before the caller reads the window: a change after it cannot
// slip by. The old window may be gone already (a BadWindow, logged at debug).
void X11Fullscreen::follow(Xid& followed, Xid now, long mask) {
    if (now == followed) return;
    if (followed != 0) XSelectInput(x_->display(), followed, NoEventMask);
    if (now != 0) XSelectInput(x_->display(), now, mask);
    followed = now;
}

X11Fullscreen::Xid X11Fullscreen::window_property(Xid window, Xid property) const {
    Property p(x_->display(), window, property, XA_WINDOW, 1);
    return p.is(XA_WINDOW, 32) ? p.at(0) : 0;
}

bool X11Fullscreen::fullscreen(Xid window) const {
    Property p(x_->display(), window, state_atom_, XA_ATOM, 64);
    if (!p.is(XA_ATOM, 32)) return false;
    for (unsigned long i = 0; i < p.count; ++i)
        if (p.at(i) == fullscreen_atom_) return true;
    return false;
}

std::string X11Fullscreen::who(Xid window) const {
    XClassHint hint{};
    if (XGetClassHint(x_->display(), window, &hint) == 0) return "";
    std::string out = hint.res_class != nullptr ? hint.res_class : "";
    if (hint.res_name != nullptr) XFree(hint.res_name);
    if (hint.res_class != nullptr) XFree(hint.res_class);
    return out;
}

void X11Fullscreen::report(bool on, const std::string& who) {
    if (on == on_ && who == who_) return;
    on_ = on;
    who_ = who;
    if (on) log::get("busy")->info("fullscreen window with the focus: {}", who.empty() ? "a window" : who);
    else log::get("busy")->info("no fullscreen window has the focus");
    listener_.on_busy(core::BusyKind::fullscreen, on, who);
}

Probe X11Fullscreen::probe() const {
    Probe p{"busy", kName, false, error_};
    if (!error_.empty()) return p;
    if (check_ == 0) {
        p.why = "no EWMH window manager on " + x_->name() +
                " (_NET_SUPPORTING_WM_CHECK is not set on the root window), so nothing says which window is "
                "active or fullscreen; listening in case one starts";
        return p;
    }
    p.used = true;
    p.why = (wm_.empty() ? std::string("the window manager") : wm_) +
            "'s _NET_ACTIVE_WINDOW and _NET_WM_STATE_FULLSCREEN, followed through PropertyNotify on " + x_->name() +
            (on_ ? "; on now" + (who_.empty() ? std::string() : " (" + who_ + ")") : std::string());
    return p;
}

}  // namespace limber::desktop
