// SPDX-License-Identifier: MIT
// A function of a library loaded with dlopen(), typed as its header
// declares it: for the libraries Limber loads only when a routine needs
// them (libcanberra, libspeechd).
#pragma once

#include <dlfcn.h>

namespace limber::desktop {

// False when `lib` has no `symbol` (dlerror() says why).
template <class F>
bool dl_symbol(void* lib, const char* symbol, F& out) {
    out = reinterpret_cast<F>(dlsym(lib, symbol));
    return out != nullptr;
}

}  // namespace limber::desktop
