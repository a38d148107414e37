#include "plot/palette.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dlc::plot {

namespace {

constexpr std::array<unsigned, palette_size> colours = {
    0x0072B2,  // blue
    0xE69F00,  // orange
    0x009E73,  // bluish green
    0xD55E00,  // vermillion
    0xCC79A7,  // reddish purple
    0x56B4E9,  // sky blue
    0xC9A800,  // yellow, darkened
    0x882255,  // wine (Tol)
    0x999933,  // olive (Tol)
    0x555555,  // dark grey
};

/// Share of the colour kept in a pale tint (the rest is white).
constexpr double tint = 0.32;

std::string hex(unsigned rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", rgb & 0xFFFFFFu);
    return buf;
}

}  // namespace

unsigned class_rgb(std::size_t i) { return colours[i % palette_size]; }

unsigned pale_rgb(std::size_t i) {
    const unsigned c = class_rgb(i);
    unsigned out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        const double v = (c >> shift) & 0xFFu;
        const auto mixed = static_cast<unsigned>(tint * v + (1.0 - tint) * 255.0 + 0.5);
        out |= mixed << shift;
    }
    return out;
}

std::string class_colour(std::size_t i) { return hex(class_rgb(i)); }

std::string pale_colour(std::size_t i) { return hex(pale_rgb(i)); }

double relative_luminance(unsigned rgb) {
    auto linear = [](unsigned c) {
        const double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear((rgb >> 16) & 0xFFu) + 0.7152 * linear((rgb >> 8) & 0xFFu) + 0.0722 * linear(rgb & 0xFFu);
}

double contrast_on_white(unsigned rgb) { return 1.05 / (relative_luminance(rgb) + 0.05); }

bool visible_on_white(const std::string& colour) {
    if (colour.size() == 7 && colour[0] == '#') {
        const unsigned rgb = static_cast<unsigned>(std::strtoul(colour.c_str() + 1, nullptr, 16));
        return relative_luminance(rgb) <= 0.9;
    }
    std::string name;
    for (char c : colour) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const char* pale[] = {"white", "grey100", "gray100", "grey90", "gray90", "light-yellow", "lightyellow",
                                 "light-cyan", "lightcyan", "ivory", "snow", "honeydew", "beige", "lemonchiffon",
                                 "mintcream", "azure", "linen", "seashell", "oldlace", "lavenderblush"};
    for (const char* p : pale)
        if (name == p) return false;
    return name.find("white") == std::string::npos;
}

}  // namespace dlc::plot
