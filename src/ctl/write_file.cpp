// SPDX-License-Identifier: MIT
// -o FILE for the verbs that write a document (report, routines show).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "ctl/ctl.hpp"
#include "util/i18n.hpp"

namespace limber::ctl {

int write_file(Context& ctx, const std::string& path, const std::string& body) {
    const auto failed = [&](const std::string& why) { return fail(ctx, kDaemonError, "failed", trf("cannot write {}", path) + why); };
    const std::string tmp = path + ".tmp";
    {
        errno = 0;
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        // The stream keeps no reason; errno still holds open's or write's.
        const int why = f ? 0 : errno;
        if (!f || !(f << body) || !f.flush()) {
            const int reason = why ? why : errno;
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            return failed(reason ? std::string(": ") + std::strerror(reason) : "");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return failed(": " + ec.message());
    return kOk;
}

}  // namespace limber::ctl
