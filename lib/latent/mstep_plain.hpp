/// \file
/// \brief The M-step written as the slides write it, one component and one point at a time: the readable
/// reference that the fast `m_step_into` (mstep.hpp, with its BLAS and written-out code paths) is tested against.
///
/// Lecture: "K-means, GMM, EM" slides, "M-step for GMM"; UCSD "K-means and EM", eqs. (9.24)–(9.27):
/// \f[ n_z = \sum_{i=1}^n \gamma_i^z, \quad \mu_z = \frac{1}{n_z} \sum_{i=1}^n \gamma_i^z x_i, \quad
///     \Sigma_z = \frac{1}{n_z} \sum_{i=1}^n \gamma_i^z (x_i - \mu_z)(x_i - \mu_z)^\top, \quad \pi_z = \frac{n_z}{n} . \f]
/// For the constrained types, `diagonal` keeps the diagonal of \f$ \Sigma_z \f$ and `spherical` replaces it by
/// \f$ \frac1d \operatorname{tr}(\Sigma_z) I \f$; then \f$ r I \f$ (`reg_covar`) is added, as in `m_step`.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

namespace dlc {

/// \brief \f$ \theta^{\text{new}} \f$ from data X (n, d) and responsibilities \f$ \gamma \f$ (n, k) by the four sums of the
/// file comment, written as loops over the points with one outer product per point:
///
///     for each component z:
///         n_z     = sum_i gamma_iz
///         mu_z    = (1 / n_z) sum_i gamma_iz x_i
///         Sigma_z = (1 / n_z) sum_i gamma_iz (x_i - mu_z)(x_i - mu_z)^T   (+ r I)
///         pi_z    = n_z / n
///
/// The fast `m_step` gives the same parameters to rounding (tested for every covariance type and for d <= 4,
/// where it takes its written-out path, and d > 4, where it calls BLAS).
/// \throws ShapeError unless X is (n, d) with n, d >= 1 and \f$ \gamma \f$ is (n, k) with k >= 1; ValueError if
///         \f$ r < 0 \f$; DivergenceError if some \f$ n_z = 0 \f$ (the mean is undefined).
GaussianMixture m_step_plain(const Matrix<double>& X, const Matrix<double>& resp,
                             CovarianceType type = CovarianceType::full, double reg_covar = 0.0);

}  // namespace dlc
