/// \file
/// \brief Layers for point and line data: curves, scatters, centres, arrows, ellipses, histograms.
///
/// Called by `Figure`, which has already resolved automatic colours; each
/// function checks its inputs and throws with the `Figure` method's name.
#pragma once

#include "core/tensor.hpp"
#include "plot/layer.hpp"
#include "plot/style.hpp"
#include "plot/values.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc::plot {

/// \brief A curve through the points (x[i], y[i]), see `Figure::lines`.
Layer lines_layer(const Values& x, const Values& y, const std::string& label, const LineStyle& style);

/// \brief The rows of X (n, 2) as markers of one colour, see `Figure::scatter`.
Layer scatter_layer(const Matrix<double>& X, const std::string& label, const PointStyle& style);

/// \brief The rows of X (n, 2) coloured by class, one legend entry per class, see `Figure::scatter`.
Layer class_scatter_layer(const Matrix<double>& X, const Labels& classes, const std::vector<std::string>& class_names,
                          const PointStyle& style);

/// \brief A text beside each row of X (n, 2), see `Figure::labels`.
Layer labels_layer(const Matrix<double>& X, const std::vector<std::string>& texts, const std::string& colour);

/// \brief Row k of C (k, 2) as a marker in class colour k with a dark outline, see `Figure::centres`.
Layer centres_layer(const Matrix<double>& C, const std::string& label, const PointStyle& style);

/// \brief Segments from each row of `from` to the same row of `to`, with or without arrow heads.
Layer arrows_layer(const Matrix<double>& from, const Matrix<double>& to, const std::string& label,
                   const LineStyle& style, bool heads);

/// \brief The ellipse \f$ \{ \mu + s L u : \|u\| = 1 \} \f$ with \f$ L L^T = \Sigma \f$, see `Figure::ellipse`.
Layer ellipse_layer(const Values& center, const Matrix<double>& cov, double nsd, const std::string& label,
                    const LineStyle& style);

/// \brief Points on the ellipse of `ellipse_layer` (closed: the last point repeats the first), shape (points + 1, 2).
Matrix<double> ellipse_points(const Values& center, const Matrix<double>& cov, double nsd, std::size_t points = 120);

/// \brief Counts of `values` in `bins` equal-width bins spanning their range, drawn as bars.
Layer histogram_layer(const Values& values, std::size_t bins, const std::string& label, const std::string& colour);

}  // namespace dlc::plot
