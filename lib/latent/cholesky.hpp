/// \file
/// \brief The Cholesky factorization \f$ \Sigma = L L^\top \f$ of a covariance matrix, and what it gives:
/// \f$ \log|\Sigma| \f$ and solves with \f$ L \f$ (never an explicit \f$ \Sigma^{-1} \f$).
///
/// Lecture: the Gaussian density of the GMM slides (\f$ \mathcal{N}(x | \mu_z, \Sigma_z) \f$) and
/// "Gradient Descent / SGD for GMM" ("Rewrite \f$ \Sigma_i = M_i M_i^\top \f$"). With
/// \f$ \Sigma = L L^\top \f$, L lower triangular with a positive diagonal,
/// \f[ \log|\Sigma| = 2 \sum_j \log L_{jj}, \qquad (x - \mu)^\top \Sigma^{-1} (x - \mu) = \|L^{-1}(x - \mu)\|^2 , \f]
/// and \f$ L^{-1}(x - \mu) \f$ is one forward substitution. The factorization exists exactly when
/// \f$ \Sigma \f$ is symmetric positive definite, so it doubles as the test for that.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief In-place Cholesky factorization of the symmetric (d, d) row-major matrix at `a`:
/// on success its lower triangle holds L with \f$ A = L L^\top \f$ and its strict upper triangle is zeroed.
///
/// Reads only the lower triangle. Column j's pivot is
/// \f$ L_{jj}^2 = A_{jj} - \sum_{l<j} L_{jl}^2 \f$; the factorization fails if a pivot is not
/// greater than `min_pivot` (or is not finite), which happens when A is not positive definite
/// (numerically). Returns d on success, otherwise the index j of the failing pivot, with the
/// pivot's value in `*pivot` (if not null); `a` is then partly overwritten.
template <class T>
std::size_t cholesky_in_place(T* a, std::size_t d, T min_pivot = T(0), T* pivot = nullptr);

/// \brief The lower Cholesky factor L of a symmetric positive definite \f$ \Sigma \f$ (d, d), \f$ \Sigma = L L^\top \f$.
///
/// \param sigma  \f$ \Sigma \f$, (d, d)
/// \param where  the public function asking (named first in the error message)
/// \throws ShapeError unless \f$ \Sigma \f$ is square and non-empty; ValueError if it has NaN/Inf, is not
///         symmetric (relative tolerance \f$ 1000\,\varepsilon \f$ of `T`), or is not positive definite (naming the
///         failing pivot and its value).
template <class T>
Matrix<T> cholesky(const Matrix<T>& sigma, const char* where = "cholesky");

/// \brief \f$ \log|\Sigma| = 2 \sum_j \log L_{jj} \f$ from the Cholesky factor L (d, d).
template <class T>
T log_det_from_cholesky(const Matrix<T>& L);

/// \brief Forward substitution in place: \f$ b \leftarrow L^{-1} b \f$ for lower-triangular L (d, d) and b (d).
template <class T>
void solve_lower_in_place(const Matrix<T>& L, T* b);

/// \brief Back substitution in place: \f$ b \leftarrow L^{-\top} b \f$ for lower-triangular L (d, d) and b (d).
template <class T>
void solve_lower_transposed_in_place(const Matrix<T>& L, T* b);

/// \brief \f$ \operatorname{tr}(\Sigma^{-1}) = \|L^{-1}\|_F^2 \f$ from the Cholesky factor, by d forward
/// substitutions on the columns of the identity (used by the regularization bound of `m_step`).
template <class T>
T trace_of_inverse_from_cholesky(const Matrix<T>& L);

}  // namespace dlc
