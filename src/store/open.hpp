// SPDX-License-Identifier: MIT
// Getting a connection that is safe to use: private file, known schema.
#pragma once

#include <string>

#include "store/sql.hpp"
#include "util/result.hpp"

namespace limber::store {

// Creates the directory (0700) and file (0600) as needed, turns on WAL and
// migrates the schema to schema::kVersion.
Result<sql::Db> open_for_writing(const std::string& path);

// Never creates or migrates: a missing, empty or older file is an error.
Result<sql::Db> open_for_reading(const std::string& path);

}  // namespace limber::store
