/// \file
/// \brief Filled decision regions or Voronoi cells: a pale class colour per grid node.
#pragma once

#include "core/tensor.hpp"
#include "plot/grid.hpp"
#include "plot/layer.hpp"

#include <cstddef>

namespace dlc::plot {

/// \brief Paints node (i, j) of `classes` (ny, nx) in `pale_colour(classes(i, j))`, see `Figure::regions`.
///
/// Drawn as a gnuplot `rgbimage` under the other layers; the grid convention is `GridBox`'s.
Layer regions_layer(const GridBox& box, const Matrix<std::size_t>& classes);

}  // namespace dlc::plot
