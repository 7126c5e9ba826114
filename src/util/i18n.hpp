// SPDX-License-Identifier: MIT
// Translated words: gettext on the catalogs in po/ (domain "limber").
//
// Mark a string with tr("...") where it is shown, trn("...", "...", n) where
// its form depends on a count, tr_noop("...") where it is only defined (a
// table of labels) and translated later with tr(). xgettext finds these
// names (po/CMakeLists.txt). Text with values in it is a format string:
// trf(tr("{} done"), name) fills it, and translators may reorder with {0},
// {1}. Machine text (json, csv, the socket protocol, logs) is never marked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace limber::i18n {

// Sets the C library's locale from the environment (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG, LC_TIME) for messages, character types and times only:
// numbers that config files, json and logs read and write keep the C
// library's "C" rules. Binds the catalogs next to the executable
// (<prefix>/bin/../share/locale: the installed tree and the build tree
// alike). Call once at the start of main.
void init();

// The user's languages, most wanted first, as catalogs are named: LANGUAGE's
// list when messages have a locale, else that locale ("de_AT.UTF-8" gives
// "de_AT", "de"). English, "C" and "POSIX" end the list: text is written in
// English, so nothing after them is wanted.
std::vector<std::string> languages();

// The code of the language the words are in ("de", "fr"; "en" without a
// translation): for a page's lang attribute.
std::string language_code();

}  // namespace limber::i18n

namespace limber {

const char* tr(const char* msgid);
const char* trn(const char* singular, const char* plural, unsigned long n);
constexpr const char* tr_noop(const char* msgid) { return msgid; }

// A format string translated and filled in: trf("{} done", name). A
// translation whose placeholders do not fit the values is a translator's
// slip, not a reason to stop: the English text is filled instead.
std::string format_translated(const char* translated, const char* english, fmt::format_args args);
template <typename... Args>
std::string trf(const char* msgid, const Args&... args) {
    return limber::format_translated(tr(msgid), msgid, fmt::make_format_args(args...));
}
// The same for a count: the form for n (ngettext's rules for the language).
template <typename... Args>
std::string trnf(const char* singular, const char* plural, unsigned long n, const Args&... args) {
    return limber::format_translated(trn(singular, plural, n), n == 1 ? singular : plural, fmt::make_format_args(args...));
}

}  // namespace limber
