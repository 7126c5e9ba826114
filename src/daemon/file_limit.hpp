// SPDX-License-Identifier: MIT
// The descriptor limit, raised once at start.
#pragma once

namespace limber::daemon {

// Raises RLIMIT_NOFILE's soft limit to its hard limit, so that clients
// that hold connections open run into the socket's own limits (which evict
// the idle) before the store or the D-Bus connections run out of
// descriptors. Logs what it did; a failure is only logged.
void raise_file_limit();

}  // namespace limber::daemon
