/// \file
/// \brief The E-step written as the slides write it, one point and one component at a time: the readable
/// reference that the fast `MixtureDensity` (estep.hpp) is tested against.
///
/// Lecture: "K-means, GMM, EM" slides, "M-step for GMM" and eqs. (8)–(9); UCSD "K-means and EM", (9.23), (9.28):
/// \f[ \gamma_i^j = \frac{\pi_j \mathcal{N}(x_i | \mu_j, \Sigma_j)}{\sum_{c=1}^k \pi_c \mathcal{N}(x_i | \mu_c, \Sigma_c)} ,
///     \qquad L(\theta) = \sum_{i=1}^n \log \sum_{z=1}^k \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) . \f]
/// The only change from the slide is the logarithm: the numerator is kept as
/// \f$ a_{ij} = \log \pi_j + \log \mathcal{N}(x_i | \mu_j, \Sigma_j) \f$ and the denominator as its log-sum-exp, since
/// \f$ \mathcal{N}(x_i | \mu_j, \Sigma_j) \f$ itself underflows to 0 for a point a few dozen standard deviations away
/// (then the slide's fraction would be 0/0). Nothing is blocked, fused or batched: each density is
/// `Gaussian::log_density` of one point.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

namespace dlc {

/// \brief Everything the E-step computes, for the plain reference `e_step_plain`.
struct EStepPlain {
    /// \brief \f$ a_{ij} = \log \pi_j + \log \mathcal{N}(x_i | \mu_j, \Sigma_j) \f$, (n, k).
    Matrix<double> log_joint;
    /// \brief \f$ \log p(x_i; \theta) = \log \sum_j e^{a_{ij}} \f$, (n).
    Vector<double> log_evidence;
    /// \brief \f$ \gamma_i^j = e^{a_{ij} - \log p(x_i; \theta)} \f$, (n, k).
    Matrix<double> responsibilities;
    /// \brief \f$ L(\theta) = \sum_i \log p(x_i; \theta) \f$.
    double log_likelihood = 0;
};

/// \brief The E-step at \f$ \theta \f$ on data X (n, d), written as the slide writes it (see the file comment):
///
///     for each point i:
///         for each component j:  a_ij = log pi_j + log N(x_i | mu_j, Sigma_j)
///         log p(x_i) = log sum_j exp(a_ij)
///         for each component j:  gamma_ij = exp(a_ij - log p(x_i))
///
/// Slow (one Cholesky factorization per component, one forward substitution per point and component) but
/// obviously the formula. The fast `MixtureDensity::evaluate` gives the same numbers to rounding (tested).
/// \throws as `check_mixture` and `check_mixture_data`.
EStepPlain e_step_plain(const Matrix<double>& X, const GaussianMixture& theta);

}  // namespace dlc
