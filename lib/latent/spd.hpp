/// \file
/// \brief Small helpers on symmetric positive definite matrices used by the linear factor models:
/// the inverse through the Cholesky factor, and the inverse square root through the eigendecomposition.
///
/// Lectures: Bahng §8.1 (the covariance \f$ C = W W^\top + \Psi \f$ of PPCA and factor analysis) and §8.2
/// (whitening before ICA: \f$ z = S^{-1/2} (x - \bar x) \f$ has identity covariance).
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief \f$ A^{-1} \f$ of a symmetric positive definite A (d, d), by the Cholesky factor
/// \f$ A = L L^\top \f$: column j of \f$ A^{-1} \f$ solves \f$ L L^\top x = e_j \f$. The symmetric part
/// \f$ (A + A^\top)/2 \f$ is used (products like \f$ G + \beta S \beta^\top \f$ are symmetric only up to rounding); the
/// result is exactly symmetric.
/// \throws ShapeError unless A is square and non-empty; ValueError if it is not symmetric positive definite
///         (the message starts with `where`).
Matrix<double> spd_inverse(const Matrix<double>& A, const char* where = "spd_inverse");

/// \brief \f$ A^{-1/2} = Q \Lambda^{-1/2} Q^\top \f$ of a symmetric positive definite A, by the eigendecomposition
/// \f$ A = Q \Lambda Q^\top \f$.
/// \throws ShapeError unless A is square and non-empty; ValueError if an eigenvalue is not above
///         \f$ 10^{-12} \lambda_{\max} \f$ (A singular: e.g. collinear signals before whitening).
Matrix<double> spd_inverse_sqrt(const Matrix<double>& A, const char* where = "spd_inverse_sqrt");

}  // namespace dlc
