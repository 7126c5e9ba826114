// SPDX-License-Identifier: MIT
#include "util/i18n.hpp"

#include <libintl.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace limber::i18n {
namespace {

constexpr const char* kDomain = "limber";

// <prefix>/bin/limberd -> <prefix>/share/locale. The build tree has the
// same shape (bin/ and share/locale/ under the build directory), so a
// build runs in the user's language without being installed.
std::string locale_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto dir = exe.parent_path().parent_path() / "share" / "locale";
        if (std::filesystem::is_directory(dir, ec)) return dir.string();
    }
    return LIMBER_LOCALEDIR;
}

// "de_AT.UTF-8@euro" -> "de_AT".
std::string without_codeset(const std::string& name) { return name.substr(0, name.find_first_of(".@")); }

// English is what the text is written in, and "C" is no language: nothing
// after them in a list is wanted.
bool ends_list(const std::string& lang) {
    return lang.empty() || lang == "C" || lang == "POSIX" || lang == "en" || lang.rfind("en_", 0) == 0;
}

// "de_AT" -> "de_AT", "de".
void add_with_parent(std::vector<std::string>& out, const std::string& lang) {
    out.push_back(lang);
    if (const auto cut = lang.find('_'); cut != std::string::npos) out.push_back(lang.substr(0, cut));
}

}  // namespace

void init() {
    // Not LC_ALL: LC_NUMERIC would turn "1.5" into "1,5" in what strtod
    // and printf read and write, and LC_COLLATE would change sort orders
    // that reports and tests rely on.
    std::setlocale(LC_CTYPE, "");
    std::setlocale(LC_MESSAGES, "");
    std::setlocale(LC_TIME, "");
    bindtextdomain(kDomain, locale_dir().c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    textdomain(kDomain);
}

std::vector<std::string> languages() {
    std::vector<std::string> out;
    const char* messages = std::setlocale(LC_MESSAGES, nullptr);
    const std::string locale = messages ? messages : "C";
    // glibc's gettext reads LANGUAGE unless messages are in the "C" locale
    // (C.UTF-8 is not "C"); so do we, so that routines and catalogs agree.
    const char* list = std::getenv("LANGUAGE");
    if (list && *list && locale != "C" && locale != "POSIX") {
        const std::string all = list;
        for (std::size_t start = 0; start <= all.size();) {
            const auto end = std::min(all.find(':', start), all.size());
            const std::string lang = without_codeset(all.substr(start, end - start));
            start = end + 1;
            if (lang.empty()) continue;
            if (ends_list(lang)) break;
            add_with_parent(out, lang);
        }
        return out;
    }
    if (const std::string lang = without_codeset(locale); !ends_list(lang)) add_with_parent(out, lang);
    return out;
}

std::string language_code() {
    // TRANSLATORS: the code of your language, as in po/LINGUAS: "de", "fr".
    return limber::tr("en");
}

}  // namespace limber::i18n

namespace limber {

const char* tr(const char* msgid) { return dgettext(i18n::kDomain, msgid); }

const char* trn(const char* singular, const char* plural, unsigned long n) {
    return dngettext(i18n::kDomain, singular, plural, n);
}

std::string format_translated(const char* translated, const char* english, fmt::format_args args) {
    try {
        return fmt::vformat(translated, args);
    } catch (const fmt::format_error&) {
        return fmt::vformat(english, args);
    }
}

}  // namespace limber
