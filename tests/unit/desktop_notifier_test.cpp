// FreedesktopNotifier against the real dunst on a private session bus, run
// through tests/run-under-x.sh (see desktop.cmake). dunstctl reads what
// dunst shows and invokes actions like a user would. Every wait is "until
// this is true, or fail at a deadline".
#include <gtest/gtest.h>

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
#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IProxy.h>

#include "desktop_test_util.hpp"
#include "desktop/freedesktop_notifier.hpp"


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

// The dunst the tests kill and restart; the wrapper started the first one.
pid_t g_dunst = -1;
bool g_dunst_ours = false;

void kill_dunst() {
    if (g_dunst <= 0) return;
    kill(g_dunst, SIGTERM);
    if (g_dunst_ours) waitpid(g_dunst, nullptr, 0);
    g_dunst = -1;
}

void start_dunst() {
    const std::string log = std::string(std::getenv("LIMBER_TEST_DIR")) + "/dunst-again.log";
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    g_dunst = spawn({"dunst", "-config", std::getenv("LIMBER_TEST_DUNSTRC")}, &files);
    posix_spawn_file_actions_destroy(&files);
    g_dunst_ours = true;
}

struct DunstEnvironment : ::testing::Environment {
    void SetUp() override {
        if (const char* pid = std::getenv("LIMBER_TEST_DUNST_PID")) g_dunst = std::atoi(pid);
    }
    void TearDown() override {
        if (g_dunst_ours) kill_dunst();
    }
};
const auto* const g_env = ::testing::AddGlobalTestEnvironment(new DunstEnvironment);

struct NotifyRecorder : NotifierListener {
    std::vector<std::pair<std::string, std::string>> actions;
    std::vector<bool> servers;
    void on_action(const std::string& tag, const std::string& key) override { actions.emplace_back(tag, key); }
    void on_server(bool available) override { servers.push_back(available); }
};

struct NotifierTest : ::testing::Test {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    NotifyRecorder notes;
};

Notification reminder(const std::string& summary) {
    return {"reminder", summary, "Time for a hamstring stretch.", Urgency::normal,
            {{"start", "Start routine"}, {"snooze", "Snooze 10 min"}, {"skip", "Skip"}}};
}

void pick_action(const std::string& key) {
    std::ofstream(std::getenv("LIMBER_TEST_ACTION")) << key << "\n";
    ASSERT_EQ(std::system("dunstctl context"), 0);
}

TEST_F(NotifierTest, ShowsUpdatesInPlaceAndDeliversActions) {
    REQUIRE_TEST_DESKTOP();
    auto notifier = FreedesktopNotifier::create(io, notes);
    ASSERT_TRUE(run_until(io, [&] { return notes.servers == std::vector<bool>{true}; }));
    EXPECT_TRUE(notifier->available());

    notifier->show(reminder("Sitting for 45 min"));
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));
    notifier->show(reminder("Sitting for 50 min"));
    notifier->show({"routine", "Step 1", "Hold", Urgency::low, {}});
    // Requests reach dunst in order: once the routine is there, so is the update.
    ASSERT_TRUE(run_until(io, [&] { return displayed() >= 2; }));
    EXPECT_EQ(displayed(), 2) << "same tag updates in place";
    notifier->close("routine");
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));

    pick_action("snooze");
    ASSERT_TRUE(run_until(io, [&] { return notes.actions.size() == 1; }));
    EXPECT_EQ(notes.actions[0], std::make_pair(std::string("reminder"), std::string("snooze")));

    // Closed on the server (as after a click): the tag can be shown again.
    ASSERT_EQ(std::system("dunstctl close"), 0);
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 0; }));
    EXPECT_NE(history().find("Sitting for 50 min"), std::string::npos);
    EXPECT_EQ(history().find("Sitting for 45 min"), std::string::npos);
    // Shown again at once: whether or not "closed" reached the notifier
    // first, this must land as one notification whose buttons work.
    notifier->show(reminder("Sitting for 55 min"));
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));
    pick_action("skip");
    ASSERT_TRUE(run_until(io, [&] { return notes.actions.size() == 2; }));
    EXPECT_EQ(notes.actions[1], std::make_pair(std::string("reminder"), std::string("skip")));

    notifier.reset();  // closes what it showed
    EXPECT_TRUE(run_until(io, [&] { return displayed() == 0; }));
}

// limberd stopping just after a reminder: the Notify is still on its way,
// so its id is not known yet. It must not stay on screen with dead buttons.
TEST_F(NotifierTest, ClosesWhatItIsStillSendingWhenDestroyed) {
    REQUIRE_TEST_DESKTOP();
    auto notifier = FreedesktopNotifier::create(io, notes);
    ASSERT_TRUE(run_until(io, [&] { return notes.servers == std::vector<bool>{true}; }));
    notifier->show(reminder("Sitting for 65 min"));
    notifier.reset();  // the loop never ran: no reply has been read
    // Closed notifications go to dunst's history.
    EXPECT_TRUE(run_until(io, [&] {
        return history().find("Sitting for 65 min") != std::string::npos && displayed() == 0;
    }));
}

TEST_F(NotifierTest, BodyIsShownLiterally) {
    REQUIRE_TEST_DESKTOP();
    auto notifier = FreedesktopNotifier::create(io, notes);
    notifier->show({"routine", "Hold <30s> & breathe", "Keep <b>your</b> back & knees straight",
                       Urgency::normal, {}});
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));
    ASSERT_EQ(std::system("dunstctl close"), 0);
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 0; }));
    const auto h = history();
    // dunst parses body markup: escaped, Pango renders the text as written.
    EXPECT_NE(h.find("\"Keep &lt;b&gt;your&lt;/b&gt; back &amp; knees straight\""), std::string::npos) << h;
    EXPECT_NE(h.find("\"Hold <30s> & breathe\""), std::string::npos) << "summary is plain text";
}

TEST_F(NotifierTest, KeepsRemindersWhileTheServerIsAway) {
    REQUIRE_TEST_DESKTOP();
    auto notifier = FreedesktopNotifier::create(io, notes);
    notifier->show(reminder("Sitting for 60 min"));
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));

    kill_dunst();
    ASSERT_TRUE(run_until(io, [&] { return !notes.servers.empty() && !notes.servers.back(); }));
    EXPECT_FALSE(notifier->available());
    notifier->show({"routine", "Step 2", "Other side", Urgency::low, {}});

    start_dunst();
    ASSERT_TRUE(run_until(io, [&] { return notes.servers.back(); }));
    EXPECT_TRUE(notifier->available());
    EXPECT_TRUE(run_until(io, [&] { return displayed() == 2; })) << "both shown when dunst is back";
    EXPECT_EQ(notes.servers, (std::vector<bool>{true, false, true}));
}

bool stopped(pid_t pid) {
    const auto stat = output_of("cat /proc/" + std::to_string(pid) + "/stat");
    const auto paren = stat.rfind(')');
    return paren != std::string::npos && stat.compare(paren, 4, ") T ") == 0;
}

// Asks dunst to close everything, and returns once the bus has queued that
// call for dunst: the bus handles one connection's messages in order, so
// when our GetId comes back, the close is ahead of anything sent later.
void queue_close_all() {
    auto bus = sdbus::createSessionBusConnection();
    auto dunst = sdbus::createProxy(*bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications");
    dunst->callMethod("NotificationCloseAll").onInterface("org.dunstproject.cmd0").dontExpectReply();
    auto daemon = sdbus::createProxy(*bus, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    std::string id;
    daemon->callMethod("GetId").onInterface("org.freedesktop.DBus").storeResultsTo(id);
}

// The user dismisses a reminder just as we update it: dunst closes it, then
// takes our update (same id) and shows it again, and its "closed" reaches
// us after the update. The reminder must stay ours: buttons and updates work.
TEST_F(NotifierTest, KeepsAnUpdateThatRacedADismissal) {
    REQUIRE_TEST_DESKTOP();
    auto notifier = FreedesktopNotifier::create(io, notes);
    notifier->show(reminder("Sitting for 70 min"));
    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));

    // Frozen, dunst cannot answer or signal; it will see the close first.
    ASSERT_EQ(kill(g_dunst, SIGSTOP), 0);
    const std::unique_ptr<const pid_t, void (*)(const pid_t*)> thaw(&g_dunst, [](const pid_t* pid) {
        kill(*pid, SIGCONT);  // also when an assertion below returns early
    });
    ASSERT_TRUE(run_until(io, [&] { return stopped(g_dunst); }));
    queue_close_all();
    notifier->show(reminder("Sitting for 75 min"));  // queued before any "closed"
    ASSERT_EQ(kill(g_dunst, SIGCONT), 0);

    ASSERT_TRUE(run_until(io, [&] { return displayed() == 1; }));
    pick_action("skip");
    ASSERT_TRUE(run_until(io, [&] { return notes.actions.size() == 1; })) << "the action reached us";
    EXPECT_EQ(notes.actions[0].second, "skip");
    notifier->show(reminder("Sitting for 80 min"));
    notifier->show({"routine", "Step 1", "Hold", Urgency::low, {}});
    ASSERT_TRUE(run_until(io, [&] { return displayed() >= 2; }));
    EXPECT_EQ(displayed(), 2) << "still updated in place";
}

// A fresh process, to change the environment safely.
void without_session_bus() {
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-bus", 1);
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    NotifyRecorder rec;
    auto notifier = FreedesktopNotifier::create(io, rec);
    if (notifier->connected()) std::exit(10);
    notifier->show(reminder("nowhere to go"));
    if (!run_until(io, [&] { return rec.servers == std::vector<bool>{false}; })) std::exit(11);
    std::exit(notifier->available() ? 12 : 0);
}

TEST(NotifierNoBus, WithoutSessionBusStartsAndSaysSo) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(without_session_bus(), ::testing::ExitedWithCode(0), "cannot connect to the session bus");
}

}  // namespace
}  // namespace limber::desktop
