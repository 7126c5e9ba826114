// SPDX-License-Identifier: MIT
#include "report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace limber::report::svg {

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string num(double v) {
    if (!std::isfinite(v)) v = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

Canvas::Canvas(double width, double height, std::string_view title, std::string_view css_class) {
    out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + esc(css_class) + "\" viewBox=\"0 0 " + num(width) +
           " " + num(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>";
}

std::string Canvas::data_attrs(const Data& data) {
    if (data.key.empty()) return {};
    return " data-key=\"" + esc(data.key) + "\" data-value=\"" + std::to_string(data.value) + "\"";
}

void Canvas::rect(double x, double y, double w, double h, std::string_view cls, double radius, std::string_view tooltip,
                  const Data& data) {
    out_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(0.0, w)) + "\" height=\"" +
            num(std::max(0.0, h)) + "\" class=\"" + esc(cls) + "\"";
    if (radius > 0) out_ += " rx=\"" + num(radius) + "\"";
    out_ += data_attrs(data);
    if (tooltip.empty()) {
        out_ += "/>";
    } else {
        out_ += "><title>" + esc(tooltip) + "</title></rect>";
    }
}

void Canvas::line(double x1, double y1, double x2, double y2, std::string_view cls) {
    out_ += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
            "\" class=\"" + esc(cls) + "\"/>";
}

void Canvas::circle(double cx, double cy, double r, std::string_view cls, std::string_view tooltip, const Data& data) {
    out_ += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\" class=\"" + esc(cls) + "\"" +
            data_attrs(data);
    out_ += tooltip.empty() ? "/>" : "><title>" + esc(tooltip) + "</title></circle>";
}

void Canvas::path(std::string_view d, std::string_view cls) {
    out_ += "<path d=\"" + esc(d) + "\" class=\"" + esc(cls) + "\"/>";
}

void Canvas::text(double x, double y, std::string_view s, std::string_view cls, std::string_view anchor) {
    out_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + esc(cls) + "\"";
    if (anchor != "start") out_ += " text-anchor=\"" + esc(anchor) + "\"";
    out_ += ">" + esc(s) + "</text>";
}

}  // namespace limber::report::svg
