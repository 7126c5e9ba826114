// SPDX-License-Identifier: MIT
#include "tray/report_opener.hpp"
#include "util/i18n.hpp"

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

// limberctl `args` -o FILE in the cache, then the browser on it. `what`
// names the page for the user: "this week's report".
void make_and_open(boost::asio::io_context& io, std::vector<std::string> args, const std::string& file,
                   const std::string& what, Failed failed) {
    // TRANSLATORS: {} names a page: "this week's report".
    const std::string title = trf("Cannot make {}", what);
    auto page = page_path(file);
    if (!page) return failed(title, page.error().message);
    const std::string ctl = limberctl();
    args.insert(args.begin(), ctl);
    args.insert(args.end(), {"--format", "html", "-o", *page});
    auto made = launch(io, args, true, [&io, ctl, page = *page, what, title, failed](int status, const std::string& error) {
        if (status != 0)
            return failed(title, error.empty() ? trf("{0} exited with status {1}", ctl, status) : error);
        open_with_desktop(io, page, what, tr("The page is there to open yourself."), failed);
    });
    if (!made) failed(title, made.error().message);
}

}  // namespace

Result<std::string> page_path(const std::string& file) {
    std::filesystem::path cache;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') cache = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) cache = std::filesystem::path(home) / ".cache";
    else return fail("neither XDG_CACHE_HOME nor HOME is set; nowhere to put the page");
    const auto dir = cache / "limber";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot create " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);  // the report says when the user sat where
    return (dir / file).string();
}

void open_week_report(boost::asio::io_context& io, Failed failed) {
    make_and_open(io, {"report", "--week"}, "week.html", tr("this week's report"), std::move(failed));
}

void open_routine_sheet(boost::asio::io_context& io, const std::string& socket, const std::string& routine_id,
                        Failed failed) {
    // The id is a routine file's name without .toml: no '/' in it.
    make_and_open(io, {"--socket", socket, "routines", "show", routine_id}, "routine-" + routine_id + ".html", tr("the routine sheet"),
                  std::move(failed));
}

}  // namespace limber::tray
