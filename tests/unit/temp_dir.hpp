// SPDX-License-Identifier: MIT
// A fresh directory under /tmp for one test, removed afterwards; path_ names
// a history file in it that does not exist yet.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace limber::test_support {

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/limber-test-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        dir_ = tmpl;
        path_ = dir_ + "/limber.db";
    }
    ~TempDir() { std::filesystem::remove_all(dir_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

protected:
    std::string dir_;
    std::string path_;
};

}  // namespace limber::test_support
