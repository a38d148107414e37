/// \file
/// \brief Initial parameters \f$ \theta^{(0)} \f$ for EM: from k-means, from random responsibilities (given parameters:
/// `make_mixture`).
///
/// Lecture: "K-means, GMM, EM" slides, "The expectation-maximization (EM) algorithm", step ① "Initialize
/// parameters \f$ \mu, \Sigma, \pi \f$ randomly"; UCSD "K-means and EM", "EM Gauss Mix" step 1. Both initializations
/// here run one M-step on starting responsibilities, as scikit-learn's `init_params="kmeans"` and `"random"` do:
/// the observable-case MLE of the k-means clusters, or the weighted MLE of random soft assignments.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "latent/mixture.hpp"

#include <cstddef>

namespace dlc {

/// \brief \f$ \theta^{(0)} \f$ from k-means: Lloyd's algorithm from k-means++ centres (`kmeans` with `Init::kmeans_plus_plus`),
/// then the observable-case MLE (10)–(13) of its clusters, each covariance plus \f$ r I \f$ (`observable_mle`).
/// \throws ShapeError if X is empty; ValueError if X has NaN/Inf, \f$ k = 0 \f$ or \f$ k > n \f$, \f$ r < 0 \f$, or a cluster's
///         covariance is singular (e.g. a cluster of one point with \f$ r = 0 \f$).
GaussianMixture init_from_kmeans(const Matrix<double>& X, std::size_t k, CovarianceType type, double reg_covar,
                                 Rng& rng);

/// \brief \f$ \theta^{(0)} \f$ from random responsibilities: \f$ \gamma_i^z = u_{iz} / \sum_c u_{ic} \f$ with \f$ u_{iz} \sim U[0, 1) \f$, then
/// one M-step (`m_step` with \f$ r \f$). The means start near the data mean and the covariances near the data's.
/// \throws as `init_from_kmeans` (a collapse cannot happen for \f$ n > d \f$ points in general position).
GaussianMixture init_from_random_responsibilities(const Matrix<double>& X, std::size_t k, CovarianceType type,
                                                  double reg_covar, Rng& rng);

}  // namespace dlc
