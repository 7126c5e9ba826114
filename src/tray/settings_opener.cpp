// SPDX-License-Identifier: MIT
#include "tray/settings_opener.hpp"

#include "config/default_config.hpp"
#include "config/paths.hpp"
#include "util/log.hpp"
#include "util/i18n.hpp"

namespace limber::tray {

void open_settings(boost::asio::io_context& io, Failed failed) {
    // The daemon's default path: a limberd started with --config FILE reads
    // another file, and says which in `limberd --check-config`.
    const std::string path = paths::config_file();
    auto created = config::create_default_config(path);
    if (!created) return failed(tr("Cannot make a settings file"), created.error().message);
    if (*created) log::get("tray")->info("wrote the default settings to {}", path);
    open_with_desktop(io, path, tr("your settings"),
                      tr("Open it in a text editor; Limber applies it as soon as you save."), std::move(failed));
}

}  // namespace limber::tray
