/// \file
/// \brief Random shifts, rotations and noise of an image, with the adjoint of each warp: what a printed
/// and photographed adversarial example goes through, as differentiable maps for expectation over
/// transformation (`eot.hpp`).
///
/// Lecture: NYU slides "Adversarial Examples" (Kurakin et al. 2017: print it, take a picture, it still
/// works; Athalye et al. 2018: the 3-D turtle seen as a rifle from every angle).
///
/// A warp moves the image by \f$ (d_x, d_y) \f$ pixels and rotates it by \f$ \theta \f$ about its centre
/// \f$ c \f$: output pixel \f$ p \f$ reads the input at \f$ q = R_{-\theta}(p - c - d) + c \f$ by bilinear
/// interpolation, zero outside the image (the black background of the digits). The map is linear,
/// \f$ y = A x \f$ with four weights per output pixel, so its gradient is the adjoint
/// \f$ \nabla_x = A^\top \nabla_y \f$: each output pixel's gradient goes back to the four input pixels it
/// read, with the same weights.
#pragma once

#include "core/rng.hpp"

#include <cstddef>

namespace dlc {

/// \brief One rigid motion of the image plane.
struct Warp {
    double dx = 0.0;       ///< shift to the right, pixels
    double dy = 0.0;       ///< shift down, pixels
    double degrees = 0.0;  ///< rotation, counter-clockwise on screen
};

/// \brief The ranges random transformations are drawn from (uniformly; noise Gaussian).
struct TransformRange {
    double shift = 2.0;      ///< \f$ d_x, d_y \in [-\text{shift}, \text{shift}] \f$ pixels
    double degrees = 15.0;   ///< \f$ \theta \in [-\text{degrees}, \text{degrees}] \f$
    double noise_sd = 0.05;  ///< per-pixel Gaussian noise \f$ N(0, \sigma^2) \f$ added after the warp (not clipped)
};

/// \brief A warp drawn uniformly from `range` (shift and rotation; the noise is drawn by the caller).
Warp random_warp(const TransformRange& range, Rng& rng);

/// \brief `dst` (H × W) = the warp of `src` (H × W) (see the file comment).
template <class T>
void warp_image(const T* src, T* dst, std::size_t H, std::size_t W, const Warp& warp);

/// \brief `grad_src` (H × W) += \f$ A^\top \f$ `grad_dst`: the gradient through `warp_image`.
template <class T>
void warp_adjoint(const T* grad_dst, T* grad_src, std::size_t H, std::size_t W, const Warp& warp);

}  // namespace dlc
