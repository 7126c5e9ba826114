// SPDX-License-Identifier: MIT
// "Settings…": the user's config file in their editor, made first from the
// documented default (config/limber.toml) when there is none. limberd
// reloads it by itself when it is saved.
#pragma once

#include <boost/asio/io_context.hpp>

#include "tray/launch.hpp"

namespace limber::tray {

void open_settings(boost::asio::io_context& io, Failed failed);

}  // namespace limber::tray
