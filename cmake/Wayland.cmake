# SPDX-License-Identifier: MIT
# Wayland protocol code, generated at build time by wayland-scanner from the
# protocol XML: protocols/ in this repository (ext-idle-notify-v1 at version
# 2, which bookworm's wayland-protocols does not have yet) and Debian's
# plasma-wayland-protocols (org_kde_kwin_idle).
#
# Included from Dependencies.cmake, at the top level: enable_language(C) must
# be called where every target that links the generated C code can see it.
enable_language(C)
pkg_get_variable(WAYLAND_SCANNER_PATH wayland-scanner wayland_scanner)
find_program(WAYLAND_SCANNER NAMES wayland-scanner HINTS ${WAYLAND_SCANNER_PATH} REQUIRED)
find_package(PlasmaWaylandProtocols REQUIRED)

# limber_wayland_protocols(TARGET xml...): a static library with the client
# header (<name>-client-protocol.h, on TARGET's public include path) and the
# interface code (<name>-protocol.c) of each protocol. It is not built with
# limber_warnings: the code is generated, not ours.
function(limber_wayland_protocols target)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/wayland-protocols)
  file(MAKE_DIRECTORY ${dir})
  set(sources)
  foreach(xml ${ARGN})
    get_filename_component(name ${xml} NAME_WE)
    add_custom_command(
      OUTPUT ${dir}/${name}-client-protocol.h
      COMMAND ${WAYLAND_SCANNER} client-header ${xml} ${dir}/${name}-client-protocol.h
      DEPENDS ${xml}
      COMMENT "wayland-scanner: ${name} client header"
      VERBATIM)
    add_custom_command(
      OUTPUT ${dir}/${name}-protocol.c
      COMMAND ${WAYLAND_SCANNER} private-code ${xml} ${dir}/${name}-protocol.c
      DEPENDS ${xml}
      COMMENT "wayland-scanner: ${name} interface code"
      VERBATIM)
    list(APPEND sources ${dir}/${name}-client-protocol.h ${dir}/${name}-protocol.c)
  endforeach()
  add_library(${target} STATIC ${sources})
  # SYSTEM: our warnings do not apply to generated inline functions.
  target_include_directories(${target} SYSTEM PUBLIC ${dir})
  target_link_libraries(${target} PUBLIC PkgConfig::WAYLAND)
endfunction()
