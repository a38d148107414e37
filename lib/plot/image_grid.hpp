/// \file
/// \brief A grid of greyscale images with captions (e.g. the 10 k-means centres as 28x28 digits).
#pragma once

#include "core/tensor.hpp"
#include "plot/layer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc::plot {

/// \brief The (n, h, w) `images` tiled `cols` per row, one caption under each, see `Figure::image_grid`.
///
/// The tiles are composed into one image (white gaps and caption bands) and
/// drawn with a grey palette, black = smallest value, white = largest, scaled
/// per image if `per_image_scale`, else over all images.
Layer image_grid_layer(const Tensor3<double>& images, std::size_t cols, const std::vector<std::string>& captions,
                       bool per_image_scale);

}  // namespace dlc::plot
