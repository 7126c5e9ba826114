# SPDX-License-Identifier: MIT
# LIMBER_FUZZ=ON: the whole build is instrumented for libFuzzer, ASan and
# UBSan, so the libraries the fuzz targets link report coverage and faults
# too. libFuzzer comes with clang, not g++; the fuzz build is therefore its
# own build directory configured with CC=clang-14 CXX=clang++-14
# (docs/fuzzing.md, scripts/test --fuzz).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "LIMBER_FUZZ needs clang (libFuzzer): configure a separate build directory with "
                      "CXX=clang++-14, see docs/fuzzing.md")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
