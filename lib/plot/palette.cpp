#include "plot/palette.hpp"

#include <array>
#include <cstdio>

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

}  // namespace dlc::plot
