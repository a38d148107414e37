/// \file
/// \brief Styles of markers and lines, and where the legend goes.
#pragma once

#include <string>

namespace dlc::plot {

/// \brief Marker shapes (gnuplot point types of the cairo terminals).
enum class Marker {
    dot = 7,           ///< filled circle
    circle = 6,        ///< open circle
    cross = 2,         ///< x
    plus = 1,          ///< +
    square = 5,        ///< filled square
    open_square = 4,   ///< open square
    triangle = 9,      ///< filled triangle
    diamond = 13,      ///< filled diamond
    star = 3,          ///< * (plus and cross overlaid)
};

/// \brief How a set of points is drawn.
struct PointStyle {
    Marker marker = Marker::dot;  ///< shape of each marker
    double size = 0.8;            ///< marker size (gnuplot `pointsize`; 1 is about a letter)
    double width = 1.0;           ///< stroke width of open markers and crosses
    std::string colour;           ///< `#rrggbb` or a colour name; "" picks the next palette colour

    /// \brief Small filled dots, for data points.
    static PointStyle dot(double size = 0.8) { return {Marker::dot, size, 1.0, ""}; }
    /// \brief Big thick crosses, for cluster centres.
    static PointStyle cross(double size = 3.0) { return {Marker::cross, size, 3.0, ""}; }
};

/// \brief How a curve, segment or outline is drawn.
struct LineStyle {
    double width = 2.0;         ///< line width
    std::string colour;         ///< `#rrggbb` or a colour name; "" picks the next palette colour
    bool dashed = false;        ///< dashed instead of solid
    bool points = false;        ///< also mark each data point (`linespoints`)
    Marker marker = Marker::dot;  ///< marker used when `points` is true
    double point_size = 0.7;    ///< marker size used when `points` is true
};

/// \brief Where the legend (gnuplot's key) is placed.
enum class Legend {
    automatic,     ///< top right inside, or outside when filled regions or a colour map fill the plot (the default)
    top_right,     ///< inside the plot, top right
    top_left,      ///< inside, top left
    bottom_right,  ///< inside, bottom right
    bottom_left,   ///< inside, bottom left
    outside,       ///< to the right of the plot
    below,         ///< under the plot, entries side by side
    off,           ///< no legend
};

}  // namespace dlc::plot
