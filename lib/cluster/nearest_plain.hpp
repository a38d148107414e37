/// \file
/// \brief The assignment step of k-means written as the slide writes it: for each point, every centre's squared
/// distance by its definition, the first smallest wins. The readable reference that the fast `NearestCentre`
/// (nearest.hpp: BLAS blocks, the norm expansion, near-tie re-checks, threads over stripes) is tested against.
///
/// Lecture: "K-means, GMM, EM" slides, k-means algorithm step (3):
/// \f[ c_i \leftarrow \arg\min_j \|x_i - \mu_j\|^2 , \qquad \|x_i - \mu_j\|^2 = \sum_{l=1}^d (x_{il} - \mu_{jl})^2 . \f]
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The nearest centre of every point and its squared distance, from `nearest_centres_plain`.
template <class T>
struct NearestPlain {
    /// \brief \f$ c_i = \arg\min_j \|x_i - \mu_j\|^2 \f$ (the lowest index on a tie), (n).
    Labels assignments;
    /// \brief \f$ \min_j \|x_i - \mu_j\|^2 \f$, (n).
    Vector<T> sq_distances;
};

/// \brief For every row \f$ x_i \f$ of X (n, d), the nearest row \f$ \mu_j \f$ of `centres` (k, d):
///
///     for each point i:
///         for each centre j:  d_ij = sum_l (x_il - mu_jl)^2
///         c_i = the first j with the smallest d_ij
///
/// \f$ O(nkd) \f$ scalar work on one thread. `NearestCentre::search` returns the same assignments (tested, including
/// exact ties and the float near-ties that its expansion must re-check).
/// \throws ShapeError if X or `centres` is empty or their numbers of columns differ.
template <class T>
NearestPlain<T> nearest_centres_plain(const Matrix<T>& X, const Matrix<T>& centres);

}  // namespace dlc
