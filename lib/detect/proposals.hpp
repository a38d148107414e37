/// \file
/// \brief Region proposals by sliding windows, the simplest choice of the set \f$ \mathcal{R} \f$ of regions of
/// interest (Bahng §3.4.1: "if we simply have a sliding window with a stride of 1 ... for an \f$ N \times N \f$
/// image we would have \f$ O(N^2) \f$ ROIs, and this is only for one resolution"), and the crops a classifier sees.
#pragma once

#include "core/tensor.hpp"
#include "detect/box.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Square windows of each side in `sides`, slid over a `height` × `width` image with step `stride`
/// (the last position of each row and column is moved to touch the image's edge, so the border is covered):
/// \f$ \sum_s n_s^2 \f$ boxes with \f$ n_s = \lceil (N - s) / \text{stride} \rceil + 1 \f$ for a square image.
/// \throws ValueError if `sides` is empty, a side is 0 or larger than the image, or `stride` is 0.
std::vector<Box> sliding_windows(std::size_t height, std::size_t width, const std::vector<std::size_t>& sides,
                                 std::size_t stride);

/// \brief The region of `image` (H, W) under each box, resized to `side` × `side` by `resize_bilinear`
/// (anti-aliased): the fixed-size input of R-CNN's classifier (Bahng §3.4.1, step 2, "warped" regions).
/// \return (n, side, side)
/// \throws ValueError if a box does not have integer corners inside the image, is empty, or `side` is 0.
Tensor3<float> crop_regions(const Matrix<float>& image, const std::vector<Box>& boxes, std::size_t side);

}  // namespace dlc
