/// \file
/// \brief The Gaussian mixture model \f$ p(x) = \sum_z \pi_z \mathcal{N}(x | \mu_z, \Sigma_z) \f$: its parameters
/// \f$ \theta = (\pi, \mu, \Sigma) \f$, their checks, and sampling from its generative story.
///
/// Lecture: "K-means, GMM, EM" slides, "Gaussian mixture model (GMM)", eqs. (5)–(7): choose
/// \f$ z \sim \text{Categorical}(\pi_1, \dots, \pi_k) \f$, then \f$ x | z \sim \mathcal{N}(\mu_z, \Sigma_z) \f$, so
/// \f[ p(x) = \sum_z p(x | z) p(z) = \sum_{z=1}^k \pi_z \mathcal{N}(x | \mu_z, \Sigma_z) . \f]
/// UCSD "K-means and EM", "Mixture of Gaussians" (\f$ \pi_k \ge 0 \f$, \f$ \sum_k \pi_k = 1 \f$).
/// Indices are 0-based in code: the slides' component 1 is z = 0. The GMM code is double only:
/// EM is where the course computes by hand, and the monotonicity check of the log-likelihood needs
/// double precision (docs/contributing.md, "The conventions").
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <string>

namespace dlc {

/// \brief The shape constraint on every \f$ \Sigma_z \f$ (as scikit-learn's `covariance_type`).
enum class CovarianceType {
    /// Any symmetric positive definite \f$ \Sigma_z \f$ (\f$ d(d+1)/2 \f$ parameters each): ellipses of any orientation.
    full,
    /// \f$ \Sigma_z = \operatorname{diag}(\sigma_{z1}^2, \dots, \sigma_{zd}^2) \f$: axis-aligned ellipses.
    diagonal,
    /// \f$ \Sigma_z = \sigma_z^2 I \f$: circles (the k-means limit takes \f$ \sigma_z^2 = \varepsilon \to 0 \f$).
    spherical,
};

/// \brief "full", "diagonal" or "spherical".
std::string to_string(CovarianceType type);

/// \brief The parameters \f$ \theta = (\pi, \mu, \Sigma) \f$ of a mixture of k Gaussians in \f$ \mathbb{R}^d \f$.
///
/// Covariances are stored as full (d, d) matrices whatever the type; `type` says which
/// constraint the M-step keeps (off-diagonal zeros for `diagonal`, \f$ \sigma^2 I \f$ for `spherical`).
/// Build one with `make_mixture` (which checks it) or get one from an initialization or EM.
struct GaussianMixture {
    /// \brief The mixing weights \f$ \pi_z = p(z) \f$, (k): non-negative, summing to 1.
    Vector<double> weights;
    /// \brief The means \f$ \mu_z \f$, one per row, (k, d).
    Matrix<double> means;
    /// \brief The covariances \f$ \Sigma_z \f$, (k, d, d), each symmetric positive definite.
    Tensor3<double> covariances;
    /// \brief The constraint on the covariances.
    CovarianceType type = CovarianceType::full;

    /// \brief k, the number of components.
    std::size_t components() const { return weights.size(); }
    /// \brief d, the dimension of x.
    std::size_t dim() const { return means.dimension() == 2 ? means.shape(1) : 0; }
    /// \brief \f$ \mu_z \f$ as a vector, (d).
    Vector<double> mean(std::size_t z) const;
    /// \brief \f$ \Sigma_z \f$ as a matrix, (d, d).
    Matrix<double> covariance(std::size_t z) const;
};

/// \brief Checks \f$ \theta \f$: shapes (k), (k, d), (k, d, d) with \f$ k, d \ge 1 \f$; finite entries;
/// \f$ \pi_z \ge 0 \f$ with \f$ |\sum_z \pi_z - 1| \le 10^{-9} \f$; each \f$ \Sigma_z \f$ symmetric positive definite and of
/// the declared type (zero off-diagonal entries for `diagonal`, equal diagonal entries as well for `spherical`).
/// \throws ShapeError on a shape mismatch; ValueError naming the component and the entry otherwise.
void check_mixture(const char* where, const GaussianMixture& theta);

/// \brief Checks data X (n, d) against \f$ \theta \f$: not empty, finite, d columns; returns n.
/// \throws ShapeError if X is empty or its d differs; ValueError naming the first NaN/Inf entry.
std::size_t check_mixture_data(const char* where, const Matrix<double>& X, const GaussianMixture& theta);

/// \brief "Initialization from given parameters": \f$ \theta = (\pi, \mu, \Sigma) \f$ after `check_mixture`.
///
/// Bishop's Figure 9.8, on the slides, starts EM from hand-picked means and circular covariances;
/// this is how a lecture states them.
/// \param weights      \f$ \pi \f$, (k)
/// \param means        \f$ \mu \f$, (k, d)
/// \param covariances  \f$ \Sigma \f$, (k, d, d)
/// \param type         the constraint the M-step will keep; the given covariances must satisfy it
/// \throws as `check_mixture` (e.g. ValueError for a covariance that is not positive definite).
GaussianMixture make_mixture(Vector<double> weights, Matrix<double> means, Tensor3<double> covariances,
                             CovarianceType type = CovarianceType::full);

/// \brief n draws from the generative story: \f$ z_i \sim \text{Categorical}(\pi) \f$ (`Rng::categorical`), then
/// \f$ x_i = \mu_{z_i} + L_{z_i} \epsilon_i \f$ with \f$ \Sigma_{z_i} = L_{z_i} L_{z_i}^\top \f$, \f$ \epsilon_i \sim \mathcal{N}(0, I) \f$; (n, d).
/// \param theta       the mixture \f$ (\pi, \mu, \Sigma) \f$
/// \param n           the number of draws
/// \param rng         the generator all draws come from
/// \param components  if not null, receives the \f$ z_i \f$ (the hidden labels), (n)
/// \throws as `check_mixture`.
Matrix<double> sample_mixture(const GaussianMixture& theta, std::size_t n, Rng& rng, Labels* components = nullptr);

}  // namespace dlc
