/// \file
/// \brief Argument checks shared by the clustering functions (data, centres, assignments).
///
/// Every message names the public function and the argument, with the expected and
/// actual shape or value, e.g. `kmeans: k must be between 1 and n = 3, got k = 5`.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief Checks a data set \f$ X \f$ (n, d), one point per row: not empty, no NaN/Inf.
/// \throws ShapeError if \f$ n = 0 \f$ or \f$ d = 0 \f$; ValueError naming the first non-finite entry.
template <class T>
void check_cluster_data(const char* where, const Matrix<T>& X);

/// \brief Checks centres \f$ \mu \f$ (k, d) against the data \f$ X \f$ (n, d) and returns k.
///
/// Requires \f$ 1 \le k \le n \f$, the same d as `X`, and finite entries.
/// \throws ShapeError if the number of columns differs from d; ValueError if \f$ k = 0 \f$,
///         \f$ k > n \f$, or an entry is NaN/Inf.
template <class T>
std::size_t check_centres(const char* where, const char* name, const Matrix<T>& X, const Matrix<T>& centres);

/// \brief Checks assignments \f$ c \f$: shape (n) and every \f$ c_i < k \f$.
/// \throws ShapeError on a length mismatch; ValueError naming the first out-of-range \f$ c_i \f$.
template <class T>
void check_assignments(const char* where, const Matrix<T>& X, const Labels& assignments, std::size_t k);

}  // namespace dlc
