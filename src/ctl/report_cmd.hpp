// limberctl report: reads the history file directly (read-only), so it works
// while the daemon is down.
#pragma once

#include "ctl/ctl.hpp"

namespace limber::ctl {

int run_report(Context& ctx);

}  // namespace limber::ctl
