#include "plot/script.hpp"

#include "core/error.hpp"
#include "plot/palette.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace dlc::plot {

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "''";
        else if (c == '\n') out += "'.\"\\n\".'";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
        else out += c;
    }
    return out + "'";
}

std::string num(double v) {
    if (!std::isfinite(v)) return "NaN";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

void check_colour(const char* where, const std::string& colour) {
    bool ok = false;
    if (colour.size() == 7 && colour[0] == '#') {
        ok = true;
        for (std::size_t i = 1; i < 7; ++i) ok = ok && std::isxdigit(static_cast<unsigned char>(colour[i]));
    } else if (!colour.empty()) {
        ok = true;
        for (char c : colour) ok = ok && (std::islower(static_cast<unsigned char>(c)) || c == '-');
    }
    if (!ok)
        throw ValueError(where, "colour must be '#rrggbb' or a gnuplot colour name such as 'black', got '" +
                                    colour + "'");
    // The figures are drawn on white: a white or near-white series (and its legend key) is invisible.
    if (!visible_on_white(colour))
        throw ValueError(where, "colour '" + colour + "' is too close to the white background to be seen (relative "
                                "luminance above 0.9); pick a darker one, e.g. from class_colour()");
}

}  // namespace dlc::plot
