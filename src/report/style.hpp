// SPDX-License-Identifier: MIT
// The look every Limber page shares (the report, the routine sheet):
// palette, type, the header, panels and footer, and plain white for print.
// Each page adds its own rules after it.
#pragma once

namespace limber::report {

const char* base_style();
// The routine sheet's own rules (sheet_html.cpp), A4 print included.
const char* sheet_style();

}  // namespace limber::report
