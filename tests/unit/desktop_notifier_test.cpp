// SPDX-License-Identifier: MIT
// LibnotifyNotifier against the real dunst on a private session bus, run
// through tests/run-under-x.sh (see desktop.cmake). dunstctl reads what
// dunst shows and invokes actions like a user would. Every wait is "until
// this is true, or fail at a deadline".
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IProxy.h>

#include "desktop/libnotify_notifier.hpp"
#include "desktop_test_util.hpp"

namespace limber::desktop {
namespace {

using namespace std::chrono_literals;

std::string output_of(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buf[4096];
        while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
        pclose(pipe);
    }
    return out;
}

int displayed() { return std::atoi(output_of("dunstctl count displayed").c_str()); }
std::string history() { return output_of("dunstctl history"); }

// The dunst these tests kill, freeze and restart; run-under-x.sh started the
// first one, and kills whichever runs at the end.
struct Dunst {
    pid_t pid = -1;
    bool ours = false;

    Dunst() {
        if (const char* p = std::getenv("LIMBER_TEST_DUNST_PID")) pid = std::atoi(p);
    }
    void kill_it() {
        if (pid <= 0) return;
        ::kill(pid, SIGTERM);
        if (ours) waitpid(pid, nullptr, 0);
        pid = -1;
    }
    void start() {
        const std::string log = std::string(std::getenv("LIMBER_TEST_DIR")) + "/dunst-again.log";
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&files, 1, 2);
        pid = spawn({"dunst", "-config", std::getenv("LIMBER_TEST_DUNSTRC")}, &files);
        posix_spawn_file_actions_destroy(&files);
        ours = true;
    }
    bool stopped() const {
        const auto stat = output_of("cat /proc/" + std::to_string(pid) + "/stat");
        const auto paren = stat.rfind(')');
        return paren != std::string::npos && stat.compare(paren, 4, ") T ") == 0;
    }
};
// One for the whole binary: a test that restarts dunst hands the new one on.
Dunst& dunst() {
    static Dunst d;
    return d;
}

struct NotifyRecorder : NotifierListener {
    std::vector<std::pair<std::string, std::string>> actions;
    std::vector<bool> servers;
    void on_action(const std::string& tag, const std::string& key) override { actions.emplace_back(tag, key); }
    void on_server(bool available) override { servers.push_back(available); }
};

struct NotifierTest {
    NotifierTest() { REQUIRE_TEST_DESKTOP(); }
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    NotifyRecorder notes;
};

Notification plain(std::string tag, std::string summary, std::string body, Urgency urgency) {
    Notification n;
    n.tag = std::move(tag);
    n.summary = std::move(summary);
    n.body = std::move(body);
    n.urgency = urgency;
    return n;
}

Notification reminder(const std::string& summary) {
    Notification n = plain("reminder", summary, "Time for a hamstring stretch.", Urgency::normal);
    n.actions = {{"start", "Start routine"}, {"snooze", "Snooze 10 min"}, {"skip", "Skip"}};
    n.expires = std::chrono::milliseconds(0);  // as limberd's: until closed
    return n;
}

void pick_action(const std::string& key) {
    std::ofstream(std::getenv("LIMBER_TEST_ACTION")) << key << "\n";
    REQUIRE(std::system("dunstctl context") == 0);
}

using Pair = std::pair<std::string, std::string>;

TEST_CASE_METHOD(NotifierTest, "desktop notifier: shows updates in place and delivers actions", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    REQUIRE(notifier->connected());
    REQUIRE(run_until(io, [&] { return notes.servers == std::vector<bool>{true}; }));
    CHECK(notifier->available());

    notifier->show(reminder("Sitting for 45 min"));
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));
    notifier->show(reminder("Sitting for 50 min"));
    notifier->show(plain("routine", "Step 1", "Hold", Urgency::low));
    // Requests reach dunst in order: once the routine is there, so is the update.
    REQUIRE(run_until(io, [&] { return displayed() >= 2; }));
    CHECK(displayed() == 2);  // the same tag updates in place
    notifier->close("routine");
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));

    pick_action("snooze");
    REQUIRE(run_until(io, [&] { return notes.actions.size() == 1; }));
    CHECK(notes.actions[0] == Pair("reminder", "snooze"));

    // Closed on the server (as after a click): the tag can be shown again.
    REQUIRE(std::system("dunstctl close") == 0);
    REQUIRE(run_until(io, [&] { return displayed() == 0; }));
    CHECK(history().find("Sitting for 50 min") != std::string::npos);
    CHECK(history().find("Sitting for 45 min") == std::string::npos);
    // Shown again at once: whether or not "closed" reached the notifier
    // first, this must land as one notification whose buttons work.
    notifier->show(reminder("Sitting for 55 min"));
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));
    pick_action("skip");
    REQUIRE(run_until(io, [&] { return notes.actions.size() == 2; }));
    CHECK(notes.actions[1] == Pair("reminder", "skip"));

    notifier.reset();  // closes what it showed
    CHECK(run_until(io, [&] { return displayed() == 0; }));
}

// limberd stopping just after a reminder: the reminder is still on its way
// to the server. It must not stay on screen with dead buttons.
TEST_CASE_METHOD(NotifierTest, "desktop notifier: closes what it is still sending when destroyed", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    REQUIRE(run_until(io, [&] { return notes.servers == std::vector<bool>{true}; }));
    notifier->show(reminder("Sitting for 65 min"));
    notifier.reset();
    // Closed notifications go to dunst's history.
    CHECK(run_until(io, [&] {
        return history().find("Sitting for 65 min") != std::string::npos && displayed() == 0;
    }));
}

TEST_CASE_METHOD(NotifierTest, "desktop notifier: the body is shown literally", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    notifier->show(plain("routine", "Hold <30s> & breathe", "Keep <b>your</b> back & knees straight", Urgency::normal));
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));
    REQUIRE(std::system("dunstctl close") == 0);
    REQUIRE(run_until(io, [&] { return displayed() == 0; }));
    const auto h = history();
    INFO(h);
    // dunst parses body markup: escaped, Pango renders the text as written.
    CHECK(h.find("\"Keep &lt;b&gt;your&lt;/b&gt; back &amp; knees straight\"") != std::string::npos);
    // The summary is plain text by the spec.
    CHECK(h.find("\"Hold <30s> & breathe\"") != std::string::npos);
}

// The status popup: shown for a few seconds, where reminders stay.
TEST_CASE_METHOD(NotifierTest, "desktop notifier: a notification with an expiry reaches the server with it", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    Notification glance = plain("popup", "Limber", "Sitting for 12 min", Urgency::low);
    glance.expires = 6s;
    glance.transient = true;
    notifier->show(glance);
    notifier->show(reminder("Sitting for 46 min"));
    REQUIRE(run_until(io, [&] { return displayed() == 2; }));
    REQUIRE(std::system("dunstctl close-all") == 0);
    REQUIRE(run_until(io, [&] { return displayed() == 0; }));
    // dunstctl history prints each notification's timeout in microseconds.
    const auto h = history();
    INFO(h);
    const auto glance_at = h.find("\"Sitting for 12 min\"");
    const auto reminder_at = h.find("\"Sitting for 46 min\"");
    REQUIRE(glance_at != std::string::npos);
    REQUIRE(reminder_at != std::string::npos);
    const auto timeout_after = [&](std::size_t from) {
        const auto key = h.find("\"timeout\"", from);
        const auto data = h.find("\"data\" : ", key);
        return std::atoll(h.c_str() + data + 9);
    };
    // History lists the newest first: the reminder's fields, then the popup's.
    CHECK(timeout_after(glance_at) == 6'000'000);
    CHECK(timeout_after(reminder_at) == 0);  // until closed, not the server's default (an hour here)
}

// A routine step: its figure as image-path (a file:// URI, escaped: this
// path has a space) and a progress bar, refreshed in place; once the user
// closes it, a refresh does not bring it back.
TEST_CASE_METHOD(NotifierTest, "desktop notifier: a step's picture and bar reach the server, refreshes reopen nothing",
                 "[notifier]") {
    const std::string figure = std::string(std::getenv("LIMBER_TEST_DIR")) + "/a figure.svg";
    std::ofstream(figure) << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
                             "<circle cx=\"32\" cy=\"32\" r=\"20\"/></svg>";
    auto notifier = LibnotifyNotifier::create(io, notes);
    Notification step = plain("routine", "Quarter dog", "Rep 1 of 3.", Urgency::normal);
    step.image = figure;
    step.progress = 100;
    notifier->show(step);
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));
    step.body = "Rep 2 of 3.";
    step.progress = 60;
    step.refresh = true;
    notifier->show(step);
    REQUIRE(std::system("dunstctl close") == 0);
    REQUIRE(run_until(io, [&] { return displayed() == 0; }));
    const auto h = history();
    INFO(h);
    CHECK(h.find("Rep 1 of 3.") == std::string::npos);  // updated in place, not stacked
    CHECK(h.find("Rep 2 of 3.") != std::string::npos);
    CHECK(h.find("\"" + figure + "\"") != std::string::npos);  // dunst read the URI back to the file
    const auto progress = h.find("\"progress\"");
    REQUIRE(progress != std::string::npos);
    CHECK(std::atoi(h.c_str() + h.find("\"data\" : ", progress) + 9) == 60);

    // Closed: a refresh is dropped. The reminder sent after it arrives
    // alone; had the refresh gone out, it would have come first.
    step.body = "Rep 3 of 3.";
    notifier->show(step);
    notifier->show(reminder("Sitting for 48 min"));
    REQUIRE(run_until(io, [&] { return displayed() >= 1; }));
    CHECK(displayed() == 1);
    CHECK(history().find("Rep 3 of 3.") == std::string::npos);
}

TEST_CASE_METHOD(NotifierTest, "desktop notifier: keeps reminders while the server is away", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    notifier->show(reminder("Sitting for 60 min"));
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));

    dunst().kill_it();
    REQUIRE(run_until(io, [&] { return !notes.servers.empty() && !notes.servers.back(); }));
    CHECK_FALSE(notifier->available());
    notifier->show(plain("routine", "Step 2", "Other side", Urgency::low));

    dunst().start();
    REQUIRE(run_until(io, [&] { return notes.servers.back(); }));
    CHECK(notifier->available());
    CHECK(run_until(io, [&] { return displayed() == 2; }));  // both shown when dunst is back
    CHECK(notes.servers == std::vector<bool>{true, false, true});
}

// Asks dunst to close everything, and returns once the bus has queued that
// call for dunst: the bus handles one connection's messages in order, so
// when our GetId comes back, the close is ahead of anything sent later.
void queue_close_all() {
    auto bus = sdbus::createSessionBusConnection();
    auto server = sdbus::createProxy(*bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications");
    server->callMethod("NotificationCloseAll").onInterface("org.dunstproject.cmd0").dontExpectReply();
    auto daemon = sdbus::createProxy(*bus, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    std::string id;
    daemon->callMethod("GetId").onInterface("org.freedesktop.DBus").storeResultsTo(id);
}

// Thaws dunst however the test ends: a stopped process ignores TERM.
struct Thaw {
    ~Thaw() {
        if (dunst().pid > 0) ::kill(dunst().pid, SIGCONT);
    }
};

// The user dismisses a reminder just as we update it: dunst closes it, then
// takes our update (same id) and shows it again, and its "closed" reaches
// us after the update. The reminder must stay ours: buttons and updates work.
TEST_CASE_METHOD(NotifierTest, "desktop notifier: keeps an update that raced a dismissal", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    notifier->show(reminder("Sitting for 70 min"));
    REQUIRE(run_until(io, [&] { return displayed() == 1; }));

    // Frozen, dunst cannot answer or signal; it will see the close first.
    Thaw thaw;
    REQUIRE(::kill(dunst().pid, SIGSTOP) == 0);
    REQUIRE(run_until(io, [&] { return dunst().stopped(); }));
    queue_close_all();
    notifier->show(reminder("Sitting for 75 min"));  // queued before any "closed"
    REQUIRE(::kill(dunst().pid, SIGCONT) == 0);

    REQUIRE(run_until(io, [&] { return displayed() == 1; }));
    pick_action("skip");
    REQUIRE(run_until(io, [&] { return notes.actions.size() == 1; }));  // the action reached us
    CHECK(notes.actions[0].second == "skip");
    notifier->show(reminder("Sitting for 80 min"));
    notifier->show(plain("routine", "Step 1", "Hold", Urgency::low));
    REQUIRE(run_until(io, [&] { return displayed() >= 2; }));
    CHECK(displayed() == 2);  // still updated in place
}

// libnotify's show is a blocking call: against a server that does not
// answer, only the GLib thread may wait, never the daemon's loop.
TEST_CASE_METHOD(NotifierTest, "desktop notifier: a frozen server does not stall the loop", "[notifier]") {
    auto notifier = LibnotifyNotifier::create(io, notes);
    REQUIRE(run_until(io, [&] { return notes.servers == std::vector<bool>{true}; }));
    Thaw thaw;
    REQUIRE(::kill(dunst().pid, SIGSTOP) == 0);
    REQUIRE(run_until(io, [&] { return dunst().stopped(); }));

    notifier->show(reminder("Sitting for 85 min"));
    notifier->show(plain("routine", "Step 1", "Hold", Urgency::low));
    int ran = 0;
    for (int i = 0; i < 20; ++i) boost::asio::post(io, [&] { ++ran; });
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(run_until(io, [&] { return ran == 20; }, 2s));
    CHECK(std::chrono::steady_clock::now() - start < 1s);

    REQUIRE(::kill(dunst().pid, SIGCONT) == 0);
    CHECK(run_until(io, [&] { return displayed() == 2; }));  // shown once it wakes
}

// Run in a process of its own by the test below, with no session bus.
TEST_CASE("desktop notifier: no session bus in this process", "[.][no-bus]") {
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    NotifyRecorder rec;
    auto notifier = LibnotifyNotifier::create(io, rec);
    CHECK_FALSE(notifier->connected());
    notifier->show(reminder("nowhere to go"));
    REQUIRE(run_until(io, [&] { return rec.servers == std::vector<bool>{false}; }));
    CHECK_FALSE(notifier->available());
}

TEST_CASE("desktop notifier: without a session bus it starts and says so", "[notifier]") {
    // A fresh process: GLib keeps its bus and worker thread process-wide.
    const std::string out = output_of(
        "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/limber-test-bus /proc/" + std::to_string(getpid()) +
        "/exe '[no-bus]' 2>&1; echo \"exit=$?\"");
    INFO(out);
    CHECK(out.find("cannot connect to the session bus") != std::string::npos);
    CHECK(out.find("exit=0") != std::string::npos);
    CHECK(out.find("All tests passed") != std::string::npos);
}

}  // namespace
}  // namespace limber::desktop
