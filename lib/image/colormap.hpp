/// \file
/// \brief Turning maps of numbers into colour images: a heat colour scale, a diverging scale for signed
/// maps, and a heat map laid over a photograph (how saliency, Grad-CAM and occlusion maps are shown).
#pragma once

#include "core/tensor.hpp"

#include <array>

namespace dlc {

/// \brief The colour of \f$ t \in [0, 1] \f$ (clamped) on the "inferno" scale (black, purple, red,
/// orange, pale yellow; piecewise linear between 5 stops of matplotlib's map), as red, green, blue in [0, 1].
std::array<double, 3> heat_colour(double t);

/// \brief The colour of \f$ t \in [-1, 1] \f$ (clamped) on a diverging scale: blue (−1), white (0), red (+1).
std::array<double, 3> diverging_colour(double t);

/// \brief `map` (H, W) as a colour image (3, H, W): \f$ t = (m - \min) / (\max - \min) \f$ on the heat scale
/// (a constant map is black).
Tensor3<double> heat_image(const Matrix<double>& map);

/// \brief `map` (H, W) on the diverging scale, \f$ t = m / \max|m| \f$ (0 is white).
Tensor3<double> diverging_image(const Matrix<double>& map);

/// \brief The heat colours of `map` (H, W), normalised to [0, 1] by its range, laid over `image`
/// (1 or 3 channels, (C, H, W), values in [0, 1]) with opacity \f$ a \cdot t \f$: strong values show
/// their colour, weak ones let the image through. Returns (3, H, W).
/// \throws ShapeError unless the sizes agree and C is 1 or 3.
Tensor3<double> overlay_heat(const Tensor3<double>& image, const Matrix<double>& map, double opacity = 0.7);

}  // namespace dlc
