/// \file
/// \brief Linear-Gaussian directed models (Bahng ch. 9.1.1, Example 9.4): means and covariances by the
/// notes' recursions and in closed form, ancestral sampling, and the equivalent Gaussian MRF.
///
/// Each node is Gaussian with a mean linear in its parents,
/// \f[ p(x_i \mid \mathrm{pa}_i) = \mathcal{N}\Bigl(x_i \Bigm| \sum_{j \in \mathrm{pa}_i} w_{ij} x_j + b_i,\; v_i\Bigr),
///     \qquad x_i = \sum_{j \in \mathrm{pa}_i} w_{ij} x_j + b_i + \sqrt{v_i}\, \epsilon_i . \f]
/// (The notes print the conditional as \f$ \mathcal{N}(x_i \mid w_{ij} x_j + b_j, v_i) \f$: the sum over the
/// parents is missing and the bias index should be \f$ i \f$; the log-density right after it has both right.)
/// In matrix form \f$ x = W x + b + V^{1/2} \epsilon \f$, so \f$ x = (I - W)^{-1}(b + V^{1/2}\epsilon) \f$.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief A linear-Gaussian DAG over \f$ D \f$ nodes: weights \f$ W \f$ (D, D) with \f$ W_{ij} = w_{ij} \f$ the
/// weight of parent \f$ x_j \f$ in the mean of \f$ x_i \f$ (zero when \f$ x_j \f$ is not a parent), biases
/// \f$ b \f$ (D) and conditional variances \f$ v \f$ (D). Build it with `make_linear_gaussian`.
struct LinearGaussianDag {
    Matrix<double> W;                ///< (D, D): \f$ W_{ij} = w_{ij} \f$, edge \f$ x_j \to x_i \f$ when non-zero
    Vector<double> b;                ///< (D): \f$ b_i \f$
    Vector<double> v;                ///< (D): \f$ v_i > 0 \f$, the variance of \f$ x_i \f$ given its parents
    std::vector<std::size_t> order;  ///< a topological order (parents first), from `topological_order`
};

/// \brief Checks and assembles a linear-Gaussian DAG.
/// \throws ShapeError if the shapes disagree or D = 0; ValueError if an entry is not finite, a variance
///         \f$ v_i \f$ is not positive (a negative variance), or the graph has a cycle.
LinearGaussianDag make_linear_gaussian(const Matrix<double>& W, const Vector<double>& b, const Vector<double>& v);

/// \brief The means by the notes' recursion, top of the graph first:
/// \f$ \mathbb{E}[x_i] = \sum_{j \in \mathrm{pa}_i} w_{ij} \mathbb{E}[x_j] + b_i \f$.
Vector<double> mean_by_recursion(const LinearGaussianDag& dag);

/// \brief The covariance by the notes' recursion
/// \f$ \Sigma_{ij} = \sum_{k \in \mathrm{pa}_j} w_{jk} \Sigma_{ik} + I_{ij} v_j \f$.
///
/// The step \f$ \mathbb{E}[(x_i - \mathbb{E}x_i)\,\epsilon_j] = I_{ij} \f$ holds only when \f$ x_i \f$ is not a
/// descendant of \f$ x_j \f$, so the recursion is applied with \f$ j \f$ in topological order and \f$ i \f$
/// placed no later than \f$ j \f$; the other half is \f$ \Sigma_{ji} = \Sigma_{ij} \f$.
Matrix<double> covariance_by_recursion(const LinearGaussianDag& dag);

/// \brief The covariance recursion applied literally to every pair (i, j), without the order condition:
/// for \f$ x_i \f$ a descendant of \f$ x_j \f$ it misses the dependence through \f$ \epsilon_j \f$ (e.g. it
/// gives \f$ \Sigma_{31} = 0 \f$ for a root \f$ x_1 \f$). Kept to show why the order matters.
Matrix<double> covariance_recursion_unordered(const LinearGaussianDag& dag);

/// \brief The mean in closed form, \f$ \mu = (I - W)^{-1} b \f$ (LAPACK inverse).
Vector<double> mean_closed_form(const LinearGaussianDag& dag);

/// \brief The covariance in closed form, \f$ \Sigma = (I - W)^{-1} \operatorname{diag}(v)\, (I - W)^{-\top} \f$.
Matrix<double> covariance_closed_form(const LinearGaussianDag& dag);

/// \brief n samples (n, D) by ancestral sampling (Definition 9.2): in topological order,
/// \f$ x_i = \sum_{j \in \mathrm{pa}_i} w_{ij} x_j + b_i + \sqrt{v_i}\,\epsilon_i \f$ with
/// \f$ \epsilon_i \sim \mathcal{N}(0, 1) \f$ from `rng`.
Matrix<double> ancestral_sample(const LinearGaussianDag& dag, std::size_t n, Rng& rng);

/// \brief \f$ \ln p(x) = \sum_i \ln \mathcal{N}(x_i \mid \sum_{j \in \mathrm{pa}_i} w_{ij} x_j + b_i, v_i) \f$,
/// the factorization of Definition 9.1 (with the normalizing constants the notes write as "const").
/// \throws ShapeError unless x has D entries.
double log_density(const LinearGaussianDag& dag, const Vector<double>& x);

/// \brief The same joint as a Gaussian MRF (Example 9.9), \f$ p(x) \propto \exp(-\tfrac12 x^\top J x + g^\top x) \f$.
struct GaussianMrf {
    Matrix<double> J;  ///< the precision \f$ J = \Sigma^{-1} = (I - W)^\top \operatorname{diag}(v)^{-1} (I - W) \f$
    Vector<double> g;  ///< \f$ g = J \mu \f$, so that \f$ \mu = J^{-1} g \f$
};

/// \brief The Gaussian-MRF form of a linear-Gaussian DAG: \f$ J = (I - W)^\top \operatorname{diag}(v)^{-1}
/// (I - W) \f$ and \f$ g = (I - W)^\top \operatorname{diag}(v)^{-1} b \f$ (no inverse needed).
GaussianMrf gaussian_mrf_form(const LinearGaussianDag& dag);

}  // namespace dlc
