/// \file
/// \brief The tensor types used throughout the library (xtensor containers).
///
/// A batch holds one example per row: a data set of n points in R^d is a
/// `Matrix<T>` of shape (n, d).
#pragma once

#include <xtensor/xtensor.hpp>

#include <cstddef>

namespace dlc {

/// \brief A dense row-major vector.
template <class T>
using Vector = xt::xtensor<T, 1>;

/// \brief A dense row-major matrix; data sets are (n, d): one example per row.
template <class T>
using Matrix = xt::xtensor<T, 2>;

/// \brief A dense row-major tensor of rank 3 (e.g. n images of h x w pixels).
template <class T>
using Tensor3 = xt::xtensor<T, 3>;

/// \brief A dense row-major tensor of rank 4 (n, c, h, w).
template <class T>
using Tensor4 = xt::xtensor<T, 4>;

/// \brief Labels, cluster assignments and other indices.
using Labels = xt::xtensor<std::size_t, 1>;

}  // namespace dlc
