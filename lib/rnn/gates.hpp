/// \file
/// \brief The gate nonlinearities of the recurrent cells, applied in place to a block of
/// pre-activations: \f$ \sigma(a) = 1 / (1 + e^{-a}) \f$ and \f$ \tanh(a) \f$, and their derivatives
/// written through the values (\f$ \sigma' = \sigma (1 - \sigma) \f$, \f$ \tanh' = 1 - \tanh^2 \f$),
/// which is why the cells keep the gates' values rather than their pre-activations.
#pragma once

#include <cmath>
#include <cstddef>

namespace dlc {

/// \brief \f$ a_j \leftarrow \sigma(a_j) = 1 / (1 + e^{-a_j}) \f$ for j < n.
template <class T>
inline void sigmoid_in_place(T* a, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) a[j] = T(1) / (T(1) + std::exp(-a[j]));
}

/// \brief \f$ a_j \leftarrow \tanh(a_j) \f$ for j < n.
template <class T>
inline void tanh_in_place(T* a, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) a[j] = std::tanh(a[j]);
}

}  // namespace dlc
