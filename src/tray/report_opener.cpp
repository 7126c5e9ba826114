#include "tray/report_opener.hpp"

#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace limber::tray {
namespace {

std::string limberctl() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto sibling = self.parent_path() / "limberctl";
        if (::access(sibling.c_str(), X_OK) == 0) return sibling.string();
    }
    return "limberctl";
}

}  // namespace

Result<std::string> report_page_path() {
    std::filesystem::path cache;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') cache = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) cache = std::filesystem::path(home) / ".cache";
    else return fail("neither XDG_CACHE_HOME nor HOME is set; nowhere to put the report");
    const auto dir = cache / "limber";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot create " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);  // the page says when the user sat where
    return (dir / "week.html").string();
}

Result<void> open_week_report() {
    auto page = report_page_path();
    if (!page) return page.error();
    const std::string ctl = limberctl();
    // "$0"/"$1": the paths go in as arguments, never spliced into the script.
    const char* script = "\"$0\" report --week --format html -o \"$1\" && exec xdg-open \"$1\"";
    char* argv[] = {const_cast<char*>("sh"), const_cast<char*>("-c"), const_cast<char*>(script),
                    const_cast<char*>(ctl.c_str()), page->data(), nullptr};
    pid_t pid = 0;
    // The child is reaped by the kernel: run() ignores SIGCHLD.
    const int rc = ::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv, environ);
    if (rc != 0) return fail(std::string("cannot start /bin/sh for the report: ") + std::strerror(rc));
    return {};
}

}  // namespace limber::tray
