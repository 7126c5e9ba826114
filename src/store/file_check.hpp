// SPDX-License-Identifier: MIT
// What is wrong with a history file that would not open for writing. Only a
// file SQLite itself calls damaged may be moved aside: a busy or unreadable
// one still holds the user's past and stays exactly where it is.
#pragma once

#include <string>
#include <vector>

#include "util/result.hpp"

namespace limber::store {

enum class FileTrouble {
    none,        // nothing found: missing, empty, or it opens now
    busy,        // another process holds a lock on it; wait and try again
    unreadable,  // permissions, a directory in its place, an I/O error
    damaged,     // not a database, or it fails SQLite's quick_check
};

struct Diagnosis {
    FileTrouble trouble = FileTrouble::none;
    std::string why;  // "path: reason", empty for none
};

// Looks without changing anything: opens the file, runs PRAGMA quick_check
// and asks for the write lock, then lets go. Waits up to busy_timeout_ms
// for a lock held by another process (0: not at all).
Diagnosis diagnose(const std::string& path, int busy_timeout_ms);

// Renames path, and its -wal and -shm, to "<path>.corrupt-<stamp>" and
// returns that name. Never deletes: the old file can still be rescued.
Result<std::string> move_aside(const std::string& path, const std::string& stamp);

// Files earlier starts moved aside ("<path>.corrupt-*", not their -wal or
// -shm), oldest first: the stamp sorts by time.
std::vector<std::string> moved_aside(const std::string& path);

}  // namespace limber::store
