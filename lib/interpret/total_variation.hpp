/// \file
/// \brief The total-variation regulariser \f$ \mathcal{R}_{V^\beta} \f$ of the UCSD slide "Feature
/// Inversion" (Mahendran & Vedaldi 2015), its value and its gradient, with both summation ranges.
///
/// \f[ \mathcal{R}_{V^\beta}(x) = \sum_{i,j} \Bigl( (x_{i,j+1} - x_{ij})^2 + (x_{i+1,j} - x_{ij})^2 \Bigr)^{\beta/2} \f]
/// The slide does not say over which \f$ (i, j) \f$ the sum runs, and an \f$ H \times W \f$ image has no
/// \f$ x_{i,W+1} \f$ or \f$ x_{H+1,j} \f$. Two conventions are in use, both available here:
/// - `TvRange::interior`: \f$ 1 \le i \le H - 1,\ 1 \le j \le W - 1 \f$, only pixels with both a right and
///   a lower neighbour (Mahendran & Vedaldi's code; the usual PyTorch/cs231n implementation);
/// - `TvRange::replicate`: every pixel, a missing neighbour taken equal to the pixel (a zero difference,
///   the image's border replicated), so the last row and column contribute their one difference.
///
/// Each image of a batch (N, C, H, W) and each channel is summed separately (channels are not
/// coupled inside the power). For \f$ \beta < 2 \f$ the term \f$ s^{\beta/2} \f$ is not differentiable
/// at \f$ s = 0 \f$; the gradient uses 0 there (a subgradient for \f$ \beta = 1 \f$).
#pragma once

#include "nn/module.hpp"

namespace dlc {

/// \brief Which \f$ (i, j) \f$ the sum of \f$ \mathcal{R}_{V^\beta} \f$ runs over (see the file comment).
enum class TvRange {
    interior,   ///< \f$ i < H,\ j < W \f$ (1-based): pixels with both neighbours, \f$ (H-1)(W-1) \f$ terms
    replicate,  ///< every pixel, missing differences 0: \f$ H W \f$ terms
};

/// \brief `"interior (i <= H-1, j <= W-1)"` or `"all pixels, border replicated"`.
const char* tv_range_name(TvRange range);

/// \brief \f$ \mathcal{R}_{V^\beta}(x) \f$ summed over the images and channels of `x` (rank 2: one image;
/// rank 3: (C, H, W); rank 4: (N, C, H, W)).
/// \throws ValueError if \f$ \beta \le 0 \f$ or `x` has rank below 2.
template <class T>
double total_variation(const Tensor<T>& x, double beta, TvRange range = TvRange::interior);

/// \brief \f$ \nabla_x \mathcal{R}_{V^\beta} \f$ (same shape as `x`): each term
/// \f$ s^{\beta/2} \f$ with \f$ s = a^2 + b^2 \f$, \f$ a = x_{i,j+1} - x_{ij} \f$, \f$ b = x_{i+1,j} - x_{ij} \f$,
/// sends \f$ \tfrac{\beta}{2} s^{\beta/2 - 1} \cdot 2a \f$ to \f$ x_{i,j+1} \f$,
/// \f$ \tfrac{\beta}{2} s^{\beta/2 - 1} \cdot 2b \f$ to \f$ x_{i+1,j} \f$ and minus their sum to \f$ x_{ij} \f$.
template <class T>
Tensor<T> total_variation_gradient(const Tensor<T>& x, double beta, TvRange range = TvRange::interior);

}  // namespace dlc
