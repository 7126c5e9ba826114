#include "tray/report_opener.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

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

void open_week_report(boost::asio::io_context& io, Failed failed) {
    auto page = report_page_path();
    if (!page) return failed("Cannot make this week's report", page.error().message);
    const std::string ctl = limberctl();
    auto made = launch(io, {ctl, "report", "--week", "--format", "html", "-o", *page}, true,
                       [&io, ctl, page = *page, failed](int status, const std::string& error) {
                           if (status != 0)
                               return failed("Cannot make this week's report",
                                             error.empty() ? ctl + " exited with status " + std::to_string(status)
                                                           : error);
                           open_with_desktop(io, page, "this week's report", "The page is there to open yourself.",
                                             failed);
                       });
    if (!made) failed("Cannot make this week's report", made.error().message);
}

}  // namespace limber::tray
