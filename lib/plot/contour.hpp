/// \file
/// \brief Contour lines of a function sampled on a grid (marching squares), optionally over a filled map.
#pragma once

#include "core/tensor.hpp"
#include "plot/grid.hpp"
#include "plot/layer.hpp"

#include <array>
#include <vector>

namespace dlc::plot {

/// \brief A piece of a contour line from (x0, y0) to (x1, y1), stored as {x0, y0, x1, y1}.
using Segment = std::array<double, 4>;

/// \brief The level set \f$ \{ (x, y) : Z(x, y) = c \} \f$ of `Z` (ny, nx) on `box`, as line segments.
///
/// Marching squares: in each grid cell the level crosses the edges whose end
/// values lie on opposite sides of `level` (at the linearly interpolated
/// point); saddle cells are resolved by the value at the cell's centre.
std::vector<Segment> contour_segments(const GridBox& box, const Matrix<double>& Z, double level);

/// \brief A contour line as a list of points (closed lines end where they start).
using Polyline = std::vector<std::array<double, 2>>;

/// \brief The segments of `contour_segments` joined end to end into maximal lines.
std::vector<Polyline> contour_lines(const GridBox& box, const Matrix<double>& Z, double level);

/// \brief Evenly spaced levels strictly inside Z's range: \f$ z_{min} + k (z_{max} - z_{min}) / (n + 1) \f$, k = 1..n.
std::vector<double> auto_levels(const Matrix<double>& Z, std::size_t n = 9);

/// \brief Contour lines of `Z` at `levels` (empty: `auto_levels`), over a colour map of Z if `filled`.
///
/// Without fill the lines are coloured by level with a colour bar; with fill
/// they are thin dark lines over the colour map. See `Figure::contour`.
Layer contour_layer(const GridBox& box, const Matrix<double>& Z, std::vector<double> levels, bool filled);

}  // namespace dlc::plot
