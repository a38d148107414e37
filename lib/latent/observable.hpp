/// \file
/// \brief The observable case: when the component \f$ z_i \f$ of every point is known, the maximum-likelihood
/// estimate of a Gaussian mixture is closed form.
///
/// Lecture: "K-means, GMM, EM" slides, "Learning GMMs: observable case", eqs. (10)–(13) (eqs. (3)–(6) of the
/// 2024 "Clustering and Latent Variable Models" slides):
/// \f[ n_z = \sum_{i=1}^n \mathbb{1}[z_i = z], \quad \hat\pi(z) = \frac{n_z}{n}, \quad
///     \hat\mu_z = \frac{1}{n_z} \sum_{i: z_i = z} x_i, \quad
///     \hat\Sigma_z = \frac{1}{n_z} \sum_{i: z_i = z} (x_i - \hat\mu_z)(x_i - \hat\mu_z)^\top . \f]
/// EM's M-step is this estimate "on data weighted by \f$ p(z | x_i) \f$": with one-hot responsibilities
/// (`one_hot`) `m_step` gives the same numbers.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

#include <cstddef>

namespace dlc {

/// \brief One-hot responsibilities of hard labels: \f$ \gamma_i^z = \mathbb{1}[z_i = z] \f$, (n, k).
/// \throws ValueError if \f$ k = 0 \f$ or a label is \f$ \ge k \f$.
Matrix<double> one_hot(const Labels& z, std::size_t k);

/// \brief The closed-form MLE (10)–(13) from data X (n, d) and known components \f$ z_i \in \{0, \dots, k-1\} \f$,
/// computed by direct sums over each class (independently of `m_step`), with \f$ r I \f$ added to each covariance
/// (default \f$ r = 0 \f$).
///
/// For `diagonal` the off-diagonal entries of \f$ \hat\Sigma_z \f$ are dropped; for `spherical`,
/// \f$ \hat\Sigma_z = \frac{1}{d}\operatorname{tr}(\hat\Sigma_z)\, I \f$ (the constrained MLEs).
/// \throws ShapeError if X is empty or z is not (n); ValueError if X has NaN/Inf, a label is \f$ \ge k \f$, \f$ r < 0 \f$,
///         a class has no points (its mean (12) is undefined), or a class covariance is singular (e.g. a class with
///         one point: (13) gives 0 and the likelihood has no maximum).
GaussianMixture observable_mle(const Matrix<double>& X, const Labels& z, std::size_t k,
                               CovarianceType type = CovarianceType::full, double reg_covar = 0.0);

/// \brief The complete-data log-likelihood \f$ \log p(x, z; \theta) = \sum_i \bigl(\log \pi_{z_i} + \log \mathcal{N}(x_i | \mu_{z_i}, \Sigma_{z_i})\bigr) \f$,
/// the quantity (10)–(13) maximize.
/// \throws as `check_mixture`, `check_mixture_data`; ValueError if a label is \f$ \ge k \f$ or z is not (n).
double complete_log_likelihood(const Matrix<double>& X, const Labels& z, const GaussianMixture& theta);

}  // namespace dlc
