/// \file
/// \brief The log-sum-exp trick: \f$ \log \sum_j e^{a_j} \f$ without overflow or underflow.
///
/// Lecture: "K-means, GMM, EM" slides, eq. (9) \f$ \log p(x_i; \theta) = \log \sum_z p(x_i, z; \theta) \f$
/// and the responsibilities (16); UCSD "K-means and EM", eqs. (9.23) and (9.28). A point far from
/// every component has all \f$ \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$ below the smallest double
/// (\f$ e^{-745} \f$), so the sum is evaluated from the logarithms \f$ a_z = \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$:
/// \f[ \log \sum_j e^{a_j} = m + \log \sum_j e^{a_j - m}, \qquad m = \max_j a_j , \f]
/// where every \f$ e^{a_j - m} \le 1 \f$ and the largest is exactly 1.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief \f$ \log \sum_{j=0}^{n-1} e^{a_j} \f$ of n values at `a` (contiguous), computed as
/// \f$ m + \log \sum_j e^{a_j - m} \f$ with \f$ m = \max_j a_j \f$.
///
/// Returns \f$ -\infty \f$ if every \f$ a_j = -\infty \f$ (e.g. all mixture weights 0) or n = 0, and
/// \f$ +\infty \f$ if some \f$ a_j = +\infty \f$. A NaN in `a` gives NaN.
template <class T>
T logsumexp(const T* a, std::size_t n);

/// \brief \f$ \log \sum_j e^{a_j} \f$ of a vector (see `logsumexp(const T*, std::size_t)`).
template <class T>
T logsumexp(const Vector<T>& a);

/// \brief Row-wise log-sum-exp of A (n, k): entry i is \f$ \log \sum_j e^{A_{ij}} \f$, shape (n).
///
/// With \f$ A_{iz} = \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$ this is the per-point
/// log-likelihood \f$ \log p(x_i; \theta) \f$ of the slides' eq. (9).
/// \throws ShapeError if A has no columns.
template <class T>
Vector<T> logsumexp_rows(const Matrix<T>& A);

/// \brief Row-wise softmax of A (n, k): \f$ S_{ij} = e^{A_{ij} - \log \sum_l e^{A_{il}}} \f$, each row sums to 1.
///
/// With A as in `logsumexp_rows` these are the responsibilities
/// \f$ \gamma_i^j = \pi_j \mathcal{N}(x_i | \mu_j, \Sigma_j) / \sum_c \pi_c \mathcal{N}(x_i | \mu_c, \Sigma_c) \f$
/// (slides, "M-step for GMM"), computed without underflow.
/// \throws ShapeError if A has no columns; ValueError if a row is all \f$ -\infty \f$ (no normalization exists).
template <class T>
Matrix<T> softmax_rows(const Matrix<T>& A);

}  // namespace dlc
