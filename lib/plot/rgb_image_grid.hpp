/// \file
/// \brief A grid of colour images with captions (photographs, style transfer results, heat maps laid
/// over images), drawn with gnuplot's `rgbimage`.
#pragma once

#include "core/tensor.hpp"
#include "plot/layer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc::plot {

/// \brief The (n, C, h, w) `images` (C = 3 for red, green, blue or C = 1 for grey; values in [0, 1],
/// clamped) tiled `cols` per row with one caption under each, see `Figure::rgb_image_grid`.
///
/// The tiles are composed into one picture (white gaps and caption bands); its data file lists every
/// pixel as `x y r g b` with the colours as integers 0..255.
Layer rgb_image_grid_layer(const Tensor4<double>& images, std::size_t cols, const std::vector<std::string>& captions);

}  // namespace dlc::plot
