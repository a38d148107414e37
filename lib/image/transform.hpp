/// \file
/// \brief Image transforms for the networks: bilinear resizing (with or without anti-aliasing),
/// centre cropping, and per-channel normalisation and its inverse. Images are (C, H, W) float tensors.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief The interpolation weights of one axis: output index \f$ i \f$ reads input indices
/// `first[i]`, ..., `first[i] + count[i] - 1` with weights `weight[i * taps + k]`.
struct ResizeTaps {
    std::vector<std::size_t> first;  ///< first input index of each output index
    std::vector<std::size_t> count;  ///< number of input indices used
    std::vector<double> weight;      ///< `taps` weights per output index (unused ones 0), summing to 1
    std::size_t taps = 0;            ///< weights stored per output index
};

/// \brief The weights of resizing one axis from `in` to `out` samples.
///
/// Pixel centres are aligned (PyTorch's `align_corners=False`): output sample \f$ i \f$ sits at
/// input coordinate \f$ c_i = (i + \tfrac12) s \f$ with \f$ s = \text{in} / \text{out} \f$, and input
/// sample \f$ j \f$ at \f$ j + \tfrac12 \f$. The weight of \f$ j \f$ is the triangle (tent)
/// \f$ w_{ij} \propto \max\bigl(0,\ 1 - |j + \tfrac12 - c_i| / r\bigr) \f$, normalised to sum 1 over the
/// \f$ j \f$ inside the image, with radius \f$ r = 1 \f$ (plain bilinear interpolation of the two
/// nearest samples, the border sample repeated) or, with `antialias` and \f$ s > 1 \f$,
/// \f$ r = s \f$ (the tent widened to the output's pixel size, so a shrunk image averages every input
/// pixel instead of skipping some: PIL's and PyTorch's `antialias=True`).
/// \throws ValueError if `in` or `out` is 0.
ResizeTaps resize_taps(std::size_t in, std::size_t out, bool antialias);

/// \brief `image` (C, H, W) resized to (C, `height`, `width`) with `resize_taps` along each axis
/// (rows first, then columns).
/// \throws ValueError if `height` or `width` is 0 or larger than 16384; ShapeError for an empty image.
Tensor3<float> resize_bilinear(const Tensor3<float>& image, std::size_t height, std::size_t width, bool antialias = true);

/// \brief The central `height` × `width` window of `image` (C, H, W) (offsets rounded down).
/// \throws ShapeError if the window is larger than the image or empty.
Tensor3<float> center_crop(const Tensor3<float>& image, std::size_t height, std::size_t width);

/// \brief `image` shrunk (anti-aliased) so that its shorter side is `side`, then centre-cropped to
/// `side` × `side`: a square photograph of a chosen size.
/// \throws ValueError if `side` is 0 or larger than the shorter side.
Tensor3<float> square_resize(const Tensor3<float>& image, std::size_t side);

/// \brief \f$ x_c \leftarrow (x_c - \mu_c) / \sigma_c \f$ for each channel \f$ c \f$ (one \f$ \mu_c,
/// \sigma_c \f$ per channel, or one for all).
/// \throws ShapeError if the lists do not have 1 or C entries; ValueError for \f$ \sigma_c \le 0 \f$.
void normalize_channels(Tensor3<float>& image, const std::vector<double>& mean, const std::vector<double>& sd);

/// \brief The inverse of `normalize_channels`: \f$ x_c \leftarrow \mu_c + \sigma_c x_c \f$.
void denormalize_channels(Tensor3<float>& image, const std::vector<double>& mean, const std::vector<double>& sd);

/// \brief The mean and the standard deviation of each channel of `image` (for `normalize_channels`).
void channel_statistics(const Tensor3<float>& image, std::vector<double>& mean, std::vector<double>& sd);

}  // namespace dlc
