/// \file
/// \brief The grid convention shared by regions and contours: node (i, j) of a (ny, nx) grid.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <functional>

namespace dlc::plot {

/// \brief A rectangle of the plane sampled on an (ny, nx) grid of nodes.
///
/// Node (i, j) lies at \f$ x_j = x_{min} + j (x_{max} - x_{min}) / (n_x - 1) \f$,
/// \f$ y_i = y_{min} + i (y_{max} - y_{min}) / (n_y - 1) \f$: row 0 is the bottom
/// edge, column 0 the left edge, and the last row/column lie on the top/right edges.
struct GridBox {
    double xmin;  ///< left edge
    double xmax;  ///< right edge
    double ymin;  ///< bottom edge
    double ymax;  ///< top edge

    /// \brief x of column j on a grid of nx columns.
    double x(std::size_t j, std::size_t nx) const { return xmin + (xmax - xmin) * double(j) / double(nx - 1); }
    /// \brief y of row i on a grid of ny rows.
    double y(std::size_t i, std::size_t ny) const { return ymin + (ymax - ymin) * double(i) / double(ny - 1); }
};

/// \brief Throws `ValueError` unless the box is finite with xmin < xmax and ymin < ymax.
void check_box(const char* where, const GridBox& box);

/// \brief Throws `ShapeError` unless `grid` is a (ny, nx) matrix with ny, nx >= 2.
template <class E>
void check_grid(const char* where, const char* name, const E& grid);

/// \brief Evaluates `f(x_j, y_i)` at every node of a (resolution, resolution) grid.
/// \throws ValueError if resolution < 2 or f is empty.
template <class T>
Matrix<T> sample_grid(const char* where, const GridBox& box, std::size_t resolution,
                      const std::function<T(double, double)>& f);

}  // namespace dlc::plot
