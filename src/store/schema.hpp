// SPDX-License-Identifier: MIT
// The history schema and its migrations, keyed on PRAGMA user_version.
#pragma once

#include <string>

#include "util/result.hpp"

struct sqlite3;

namespace limber::store::schema {

// The version this build writes; also the number of migration steps.
inline constexpr int kVersion = 2;

// Reads the file far enough that garbage or a truncated file fails here, at
// open, rather than in the middle of a report. Answers user_version, and
// refuses a version newer than kVersion (we never downgrade).
Result<int> probe(sqlite3* db, const std::string& path);

// Brings the file to kVersion in one transaction; all steps or none.
Result<void> migrate(sqlite3* db, const std::string& path);

}  // namespace limber::store::schema
