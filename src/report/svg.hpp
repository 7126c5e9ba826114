// SPDX-License-Identifier: MIT
// Just enough SVG to draw the report's charts as text. Styles come from
// classes that the page's stylesheet defines, so the markup stays small.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace limber::report::svg {

// Escapes for XML text and attribute values alike.
std::string esc(std::string_view s);
// "12", "12.5": short and locale-free.
std::string num(double v);

// data-key/data-value on a shape: the JSON pointer (dotted) of the figure it
// shows, so a test can hold the picture to the numbers.
struct Data {
    std::string key;
    std::int64_t value = 0;
};

class Canvas {
public:
    Canvas(double width, double height, std::string_view title, std::string_view css_class = "chart");

    void rect(double x, double y, double w, double h, std::string_view cls, double radius = 0,
              std::string_view tooltip = {}, const Data& data = {});
    void line(double x1, double y1, double x2, double y2, std::string_view cls);
    void circle(double cx, double cy, double r, std::string_view cls, std::string_view tooltip = {},
                const Data& data = {});
    void path(std::string_view d, std::string_view cls);
    void text(double x, double y, std::string_view s, std::string_view cls, std::string_view anchor = "start");

    std::string str() const { return out_ + "</svg>"; }

private:
    static std::string data_attrs(const Data& data);
    std::string out_;
};

}  // namespace limber::report::svg
