/// \file
/// \brief Data augmentation of greyscale images: each training image replaced, every epoch, by a randomly
/// shifted, rotated and noisy copy with the same label.
///
/// Lectures: Bahng §2.4 "Data Augmentation" ("having more training data helps with overfitting, and so we may be
/// able to perform basic transformations to our current data to artificially generate more training data ...
/// flip, crop, translate, rotate, stretch, shear, and lens-distort these images with the same label"); NYU slides
/// "Data augmentation" ("Leverage the invariances of images. Create more data points for free": random cropping,
/// flipping, colour jittering, blurring, affine warping).
///
/// The transformation is the adversarial lecture's (`transformations.hpp`): a warp \f$ A \f$ (a shift by
/// \f$ (d_x, d_y) \f$ and a rotation by \f$ \theta \f$ about the centre, bilinear, zero outside the image) drawn
/// uniformly from a `TransformRange`, then Gaussian pixel noise,
/// \f[ \tilde x = A x + n, \qquad n_p \sim N(0, \sigma^2) \text{ independently per pixel (not clipped)}. \f]
#pragma once

#include "adversarial/transformations.hpp"
#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Throws `ValueError` ("`where`: ...") unless the shift, the angle and the noise of `range` are finite
/// and \f$ \ge 0 \f$.
void check_transform_range(const char* where, const TransformRange& range);

/// \brief `dst` (H × W) = \f$ A\, \f$`src` \f$ + n \f$: the warp of `src` by `warp` (`warp_image`), then
/// \f$ N(0, \sigma^2) \f$ noise drawn from `rng` added to every pixel, row by row (none if \f$ \sigma \f$ =
/// `noise_sd` is 0).
/// \throws ValueError if H or W is 0, or \f$ \sigma \f$ is negative or not finite.
template <class T>
void augment_image(const T* src, T* dst, std::size_t H, std::size_t W, const Warp& warp, double noise_sd, Rng& rng);

/// \brief `out` = every image of `X` augmented: for each example (a row of `X`, whatever its shape, holding
/// H × W pixels), a warp drawn by `random_warp(range, rng)`, then `augment_image` with `range.noise_sd`. `out`
/// takes `X`'s shape (its memory is reused when it has it already); if `warps` is given it receives the warp of
/// each example.
/// \throws ShapeError if `X` is not a batch of H × W images (rank < 2, no rows, or rows of another size);
///         ValueError for a bad `range` (see `check_transform_range`), H or W = 0, or `out` the same tensor as `X`.
template <class T>
void augment_images(const Tensor<T>& X, std::size_t H, std::size_t W, const TransformRange& range, Rng& rng,
                    Tensor<T>& out, std::vector<Warp>* warps = nullptr);

}  // namespace dlc
