/// \file
/// \brief The Kullback-Leibler divergence (discrete and between Gaussians) and the entropy.
///
/// Lecture: "K-means, GMM, EM" slides, "Kullback-Leibler Divergence" and "Gibbs Inequality":
/// \f[ \mathrm{KL}(p \| q) = \sum_{x \in \mathcal{X}} p(x) \log \frac{p(x)}{q(x)} = \mathbb{E}_{x \sim p} \log \frac{p(x)}{q(x)} \ge 0 , \f]
/// with equality iff \f$ p = q \f$; not symmetric, not a metric. For Gaussians in \f$ \mathbb{R}^d \f$ (used by the VAE):
/// \f[ \mathrm{KL}(\mathcal{N}_0 \| \mathcal{N}_1) = \tfrac12 \bigl( \operatorname{tr}(\Sigma_1^{-1}\Sigma_0)
///     + (\mu_1 - \mu_0)^\top \Sigma_1^{-1} (\mu_1 - \mu_0) - d + \log|\Sigma_1| - \log|\Sigma_0| \bigr) . \f]
/// Results are accumulated in double for both scalar types.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief \f$ \mathrm{KL}(p \| q) = \sum_x p(x) \log(p(x) / q(x)) \f$ of two probability vectors of the same length.
///
/// Terms with \f$ p(x) = 0 \f$ count 0 (\f$ 0 \log 0 = 0 \f$); a term with \f$ p(x) > 0 = q(x) \f$ makes the result
/// \f$ +\infty \f$ (the slides' assumption "\f$ q(x) = 0 \f$ implies \f$ p(x) = 0 \f$" fails).
/// \throws ShapeError if the lengths differ or are 0; ValueError if an entry is negative or not finite, or a
///         vector does not sum to 1 within \f$ 10^{-9} \f$ (float: \f$ 10^{-5} \f$).
template <class T>
double kl_divergence(const Vector<T>& p, const Vector<T>& q);

/// \brief The entropy \f$ H(p) = -\sum_x p(x) \log p(x) \f$ (nats) of a probability vector (\f$ 0 \log 0 = 0 \f$).
/// \throws as `kl_divergence` for one vector.
template <class T>
double entropy(const Vector<T>& p);

/// \brief \f$ \mathrm{KL}(\mathcal{N}(\mu_0, \Sigma_0) \| \mathcal{N}(\mu_1, \Sigma_1)) \f$ by Cholesky factors:
/// \f$ \operatorname{tr}(\Sigma_1^{-1}\Sigma_0) = \|L_1^{-1} L_0\|_F^2 \f$, the quadratic term \f$ \|L_1^{-1}(\mu_1 - \mu_0)\|^2 \f$,
/// \f$ \log|\Sigma| = 2\sum_j \log L_{jj} \f$.
/// \throws ShapeError on mismatched shapes; ValueError if a covariance is not symmetric positive definite or
///         an entry is NaN/Inf.
template <class T>
double kl_gaussian(const Vector<T>& mean0, const Matrix<T>& cov0, const Vector<T>& mean1, const Matrix<T>& cov1);

}  // namespace dlc
