/// \file
/// \brief Slow feature analysis (SFA): from a multichannel time series \f$ x^{(1)}, \dots, x^{(n)} \f$, the functions
/// \f$ y_j = f_j(x) \f$ of a fixed function space whose outputs change most slowly in time.
///
/// Lecture: Bahng §8.3. The notes' problem, for each output i,
/// \f[ \min_\theta \; \mathbb{E}_t\big[(f(x^{(t+1)})_i - f(x^{(t)})_i)^2\big] \quad \text{subject to} \quad
///     \mathbb{E}_t[f(x^{(t)})_i] = 0, \qquad \mathbb{E}_t[f(x^{(t)})_i^2] = 1 , \f]
/// with f restricted "to some subspace of functions", plus the decorrelation constraint
/// \f$ \mathbb{E}_t[f(x^{(t)})_i\, f(x^{(t)})_j] = 0 \f$ for \f$ i < j \f$ of the standard formulation (Wiskott &
/// Sejnowski, 2002), which the notes do not print: without it every output would be the same slowest one.
///
/// The function space is linear in a fixed **expansion** \f$ h(z) \f$ of the whitened input (the identity, or all
/// monomials of degree 1 and 2), so the problem is an eigenproblem, solved in four steps:
/// 1. **whiten the input**: \f$ z = S_x^{-1/2} (x - \bar x) \f$ (zero mean, identity covariance);
/// 2. **expand**: \f$ h = h(z) \f$, e.g. \f$ (z_1, \dots, z_d, z_1^2, z_1 z_2, \dots, z_d^2) \f$;
/// 3. **whiten the expansion**: \f$ \tilde h = \Lambda^{-1/2} U^\top (h - \bar h) \f$ from \f$ C = U \Lambda U^\top \f$,
///    the covariance of h, keeping the directions whose eigenvalue exceeds \f$ 10^{-10} \lambda_{\max} \f$ (an
///    expansion can be rank-deficient, e.g. \f$ z^2 = 1 \f$ for a ±1 signal). Every unit vector v now gives a
///    feature \f$ y = v^\top \tilde h \f$ with zero mean and unit variance, and orthogonal v's give decorrelated ones;
/// 4. **minimize the slowness**: with \f$ \dot{\tilde h}^{(t)} = \tilde h^{(t+1)} - \tilde h^{(t)} \f$ and
///    \f$ A = \mathbb{E}_t[\dot{\tilde h} \dot{\tilde h}^\top] \f$, the slowness of \f$ y = v^\top \tilde h \f$ is
///    \f$ \Delta(y) = v^\top A v \f$; the eigenvectors of A with the smallest eigenvalues \f$ \Delta_1 \le \Delta_2 \le
///    \dots \f$ are the slowest features, each \f$ \Delta_j \f$ its slowness.
///
/// Equivalently, the weights \f$ w_j \f$ of the features on the (centred) expansion solve the generalized symmetric
/// eigenproblem \f$ \dot C\, w = \Delta\, C\, w \f$ with \f$ \dot C \f$ the covariance of the time differences of h —
/// what the unit tests check by brute force.
///
/// The time derivative is the difference of consecutive samples, the notes' "mean squared difference":
/// \f$ \Delta(y) = \frac{1}{n-1} \sum_{t=1}^{n-1} (y^{(t+1)} - y^{(t)})^2 \f$ in units of one sample step
/// (divide by \f$ \delta t^2 \f$ for a derivative per unit of time). A unit-variance sine of angular frequency
/// \f$ \omega \f$ per sample has \f$ \Delta \approx 2(1 - \cos\omega) \approx \omega^2 \f$.
#pragma once

#include "core/tensor.hpp"
#include "latent/fastica.hpp"

#include <cstddef>

namespace dlc {

/// \brief The function space of `fit_sfa`: features linear in \f$ h(z) \f$ for one of these expansions of the whitened
/// input z.
enum class SfaExpansion {
    /// \f$ h(z) = z \f$: linear SFA (d features at most).
    linear,
    /// \f$ h(z) = (z_1, \dots, z_d, z_i z_j \text{ for } i \le j) \f$: every polynomial of degree 2,
    /// \f$ d + d(d+1)/2 \f$ dimensions (`quadratic_expansion`).
    quadratic,
};

/// \brief The dimension of the expansion of a d-dimensional input: d (linear), \f$ d + d(d+1)/2 \f$ (quadratic).
std::size_t sfa_expanded_dim(std::size_t d, SfaExpansion expansion);

/// \brief The quadratic expansion of every row z of `Z` (n, d): \f$ (z_1, \dots, z_d, z_1 z_1, z_1 z_2, \dots, z_1 z_d,
/// z_2 z_2, \dots, z_d z_d) \f$, shape (n, d + d(d+1)/2) — the degree-1 monomials, then the products \f$ z_i z_j \f$,
/// \f$ i \le j \f$, in row-major order of (i, j).
/// \throws ShapeError if `Z` is empty; ValueError if it has NaN/Inf.
Matrix<double> quadratic_expansion(const Matrix<double>& Z);

/// \brief The slowness of each column y of `Y` (n, k) after scaling it to zero mean and unit variance:
/// \f$ \Delta(y) = \frac{1}{n-1} \sum_{t=1}^{n-1} (\hat y^{(t+1)} - \hat y^{(t)})^2 \f$ with
/// \f$ \hat y = (y - \bar y) / \sigma_y \f$, \f$ \sigma_y^2 = \frac1n \sum_t (y^{(t)} - \bar y)^2 \f$ (Bahng §8.3's
/// objective under its two constraints). 0 for a constant rate of change, about 2 for white noise.
/// \throws ShapeError if `Y` has fewer than 2 rows or no column; ValueError on NaN/Inf or a constant column.
Vector<double> slowness(const Matrix<double>& Y);

/// \brief A fitted SFA: the input whitening, the expansion, and the k slowest features' weights on it.
///
/// Feature j of an input x is \f$ y_j = w_j^\top (h(K (x - \bar x)) - \bar h) \f$ (`sfa_transform`).
struct Sfa {
    /// \brief The expansion used.
    SfaExpansion expansion = SfaExpansion::linear;
    /// \brief The input whitening \f$ z = K (x - \bar x) \f$, \f$ K = S_x^{-1/2} \f$.
    Whitening input;
    /// \brief \f$ \bar h \f$, the mean of the expansion over the training series, shape (m).
    Vector<double> expanded_mean;
    /// \brief \f$ W \f$, shape (k, m): row j is \f$ w_j \f$, the weights of feature j on the centred expansion, signed
    /// so that the feature's largest-magnitude coefficient in the whitened expansion is positive.
    Matrix<double> weights;
    /// \brief \f$ \Delta_1 \le \dots \le \Delta_k \f$: the slowness of each feature on the training series, slowest
    /// first.
    Vector<double> delta;
    /// \brief The slowness of every feature the expansion offers (all r eigenvalues of A, ascending); `delta` holds the
    /// first k.
    Vector<double> all_delta;
    /// \brief r, the rank of the expansion's covariance (the number of features it can give), at most m.
    std::size_t rank = 0;
    /// \brief k, the number of features kept.
    std::size_t k() const { return weights.shape(0); }
    /// \brief m, the dimension of the expansion.
    std::size_t expanded_dim() const { return expanded_mean.size(); }
    /// \brief d, the input dimension.
    std::size_t dim() const { return input.mean.size(); }
};

/// \brief SFA of the time series `X` (n, d) — one row per time step, in time order — keeping the `k` slowest features
/// (steps in the file comment).
/// \throws ShapeError if `X` has no more rows than the expansion has dimensions (n must exceed m, so that the
///         covariance can be estimated: a series passed transposed, (d, n), fails here); ValueError if `X` has NaN/Inf,
///         its channels are linearly dependent (a singular input covariance: the input cannot be whitened), or
///         k = 0 or k > r.
Sfa fit_sfa(const Matrix<double>& X, std::size_t k, SfaExpansion expansion = SfaExpansion::linear);

/// \brief The features \f$ y_j^{(t)} \f$ of every row of `X` (n, d), shape (n, k): column j is feature j (slowest
/// first). On the training series they have zero mean, unit variance, no correlation, and slowness `delta`.
/// \throws ShapeError if `X` does not have d columns; ValueError on NaN/Inf.
Matrix<double> sfa_transform(const Sfa& sfa, const Matrix<double>& X);

}  // namespace dlc
