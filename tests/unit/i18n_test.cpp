// SPDX-License-Identifier: MIT
// Which languages the user wants, and a translator's slip that must not
// cost the user a message.
#include <catch2/catch.hpp>

#include <clocale>
#include <cstdlib>

#include "util/i18n.hpp"

using namespace limber;

namespace {

// Sets LC_MESSAGES and LANGUAGE for one check, and puts both back.
struct Environment {
    Environment(const char* messages, const char* language) {
        std::setlocale(LC_MESSAGES, messages);
        if (language) setenv("LANGUAGE", language, 1);
        else unsetenv("LANGUAGE");
    }
    ~Environment() {
        std::setlocale(LC_MESSAGES, "C");
        unsetenv("LANGUAGE");
    }
};

using List = std::vector<std::string>;

}  // namespace

TEST_CASE("i18n: LANGUAGE lists the user's languages, each with its parent, up to English", "[i18n]") {
    Environment env("C.UTF-8", "de_AT:fr.UTF-8::en_GB:it");
    CHECK(i18n::languages() == List{"de_AT", "de", "fr"});
}

TEST_CASE("i18n: under the C locale LANGUAGE is ignored, as gettext ignores it", "[i18n]") {
    Environment env("C", "de");
    CHECK(i18n::languages().empty());
}

TEST_CASE("i18n: without LANGUAGE an English or C locale wants no translation", "[i18n]") {
    Environment env("C.UTF-8", nullptr);
    CHECK(i18n::languages().empty());
}

TEST_CASE("i18n: a translation whose placeholders do not fit falls back to the English text", "[i18n]") {
    const std::string name = "Desk reset";
    const int minutes = 6;
    CHECK(format_translated("{0} dauert {1} Min.", "{0} takes {1} min", fmt::make_format_args(name, minutes)) ==
          "Desk reset dauert 6 Min.");
    CHECK(format_translated("{0} dauert {2} Min.", "{0} takes {1} min", fmt::make_format_args(name, minutes)) ==
          "Desk reset takes 6 min");
    CHECK(format_translated("{0} dauert {1:%} Min.", "{0} takes {1} min", fmt::make_format_args(name, minutes)) ==
          "Desk reset takes 6 min");
}

TEST_CASE("i18n: untranslated text reads as written", "[i18n]") {
    CHECK(std::string(tr("Skip")) == "Skip");
    CHECK(std::string(trn("{} break", "{} breaks", 2)) == "{} breaks");
    CHECK(trnf("{} break", "{} breaks", 1, 1) == "1 break");
    CHECK(trnf("{} break", "{} breaks", 2, 2) == "2 breaks");
}
