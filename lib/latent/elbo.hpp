/// \file
/// \brief The evidence lower bound (ELBO) \f$ \mathcal{L}(q, \theta) \f$ for any distribution q of the latent
/// variables, and the identity \f$ \log p(x; \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}(q \| p(z | x; \theta)) \f$.
///
/// Lecture: "K-means, GMM, EM" slides, "The ELBO: Family of Lower Bounds" and "Is ELBO a 'good' lowerbound?":
/// \f[ \log p(x; \theta) = \log \sum_z q(z) \frac{p(x, z; \theta)}{q(z)} \ge \sum_z q(z) \log \frac{p(x, z; \theta)}{q(z)}
///     \stackrel{\text{def}}{=} \mathcal{L}(q, \theta) \quad \text{(Jensen)}, \f]
/// \f[ \mathcal{L}(q, \theta) = \log p(x; \theta) - \mathrm{KL}(q(z) \| p(z | x; \theta)) , \f]
/// so the bound is tight exactly at \f$ q^*(z) = p(z | x; \theta) \f$ (the E-step), and
/// \f$ \mathcal{L}(q, \theta) = \mathbb{E}_q \log p(x, z; \theta) + H(q) \f$ where the first term is the M-step
/// objective \f$ J(\theta) \f$ (UCSD (9.33)'s \f$ Q(\theta, \theta^{\text{old}}) \f$ when \f$ q = p(z | x; \theta^{\text{old}}) \f$).
/// Every part is computed on its own (the KL from \f$ \log q - \log p(z | x) \f$, not as a difference), so
/// the identity is a check, not a definition.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

namespace dlc {

/// \brief The terms of the ELBO identity for one q.
struct ElboParts {
    /// \brief The evidence \f$ \log p(x; \theta) = \log \sum_z p(x, z; \theta) \f$.
    double evidence = 0;
    /// \brief \f$ \mathcal{L}(q, \theta) = \sum_z q(z) \log \frac{p(x, z; \theta)}{q(z)} \f$.
    double elbo = 0;
    /// \brief \f$ \mathrm{KL}(q \| p(z | x; \theta)) = \sum_z q(z) \log \frac{q(z)}{p(z | x; \theta)} \ge 0 \f$.
    double kl = 0;
    /// \brief \f$ \mathbb{E}_{z \sim q} \log p(x, z; \theta) \f$, the expected complete-data log-likelihood.
    double expected_complete = 0;
    /// \brief \f$ H(q) = -\sum_z q(z) \log q(z) \f$.
    double entropy = 0;
    /// \brief \f$ \log p(x; \theta) - \mathcal{L}(q, \theta) - \mathrm{KL}(q \| p(z | x; \theta)) \f$: 0 up to rounding.
    double identity_error() const { return evidence - elbo - kl; }
};

/// \brief The ELBO of a latent variable with finitely many values: given \f$ \log p(x, z; \theta) \f$ for every
/// value z (m entries) and any distribution q over them (m entries), all parts of the identity.
///
/// Terms with \f$ q(z) = 0 \f$ count 0. This is the slides' formula with z ranging over all latent
/// configurations, e.g. all \f$ k^n \f$ labelings of a small data set (`joint_configurations_log_prob`), where q
/// need not factorize over the points.
/// \throws ShapeError if the lengths differ or are 0; ValueError if q is not a distribution (entries \f$ \ge 0 \f$
///         summing to 1 within \f$ 10^{-9} \f$) or a log-joint is NaN or \f$ +\infty \f$.
ElboParts elbo_parts(const Vector<double>& log_joint, const Vector<double>& q);

/// \brief The ELBO of a Gaussian mixture on X (n, d) for a factorized \f$ q(z) = \prod_i q_i(z_i) \f$ given as a
/// matrix q (n, k), row i the distribution \f$ q_i \f$ of \f$ z_i \f$:
/// \f$ \mathcal{L}(q, \theta) = \sum_i \sum_z q_{iz} \bigl( \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) - \log q_{iz} \bigr) \f$,
/// \f$ \mathrm{KL} = \sum_i \sum_z q_{iz} \log(q_{iz} / \gamma_i^z) \f$ and the evidence \f$ \sum_i \log p(x_i; \theta) \f$.
/// \throws as `check_mixture`, `check_mixture_data`; ShapeError unless q is (n, k); ValueError if a row of q is not
///         a distribution (within \f$ 10^{-9} \f$).
ElboParts gmm_elbo(const Matrix<double>& X, const GaussianMixture& theta, const Matrix<double>& q);

/// \brief \f$ \mathbb{E}_q \log p(x, z; \theta) = \sum_i \sum_z q_{iz} (\log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z)) \f$: the M-step
/// objective \f$ J(\theta) = \mathcal{L}(q^*, \theta) - H(q^*) \f$ (slides, "Maximization Step"; UCSD (9.33)).
/// Returns \f$ -\infty \f$ if some \f$ \Sigma_z \f$ is not positive definite or a \f$ \pi_z = 0 \f$ has \f$ q_{iz} > 0 \f$.
/// \throws as `gmm_elbo`, except that an invalid \f$ \Sigma_z \f$ gives \f$ -\infty \f$ instead of an error.
double expected_complete_log_likelihood(const Matrix<double>& X, const Matrix<double>& q, const GaussianMixture& theta);

/// \brief \f$ \log p(x, z; \theta) = \sum_i (\log \pi_{z_i} + \log \mathcal{N}(x_i | \mu_{z_i}, \Sigma_{z_i})) \f$ for every one of
/// the \f$ k^n \f$ configurations \f$ z = (z_1, \dots, z_n) \f$ of a small data set X (n, d).
///
/// Configuration c has \f$ z_i = \lfloor c / k^{n-1-i} \rfloor \bmod k \f$ (the first point is the most significant
/// digit). Its log-sum-exp is \f$ \log p(x; \theta) \f$, the same as `log_likelihood(X, theta)`.
/// \throws as `log_likelihood`; ValueError if \f$ k^n > 2^{20} \f$.
Vector<double> joint_configurations_log_prob(const Matrix<double>& X, const GaussianMixture& theta);

}  // namespace dlc
