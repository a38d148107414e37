/// \file
/// \brief An element-wise square root over an array, four or two lanes at a time.
///
/// Why it exists: GCC does not vectorize a loop calling `std::sqrt` unless the library is built
/// with `-fno-math-errno` (the C library may set `errno` for negative arguments, a side effect
/// the vectorizer must keep), and RMSprop and Adam take a square root for every parameter at every
/// step — on a 670 000-parameter MLP a scalar loop costs as much as the matrix products. This
/// helper uses the SSE2 square-root instructions (part of every x86-64 CPU) and falls back to
/// `std::sqrt` elsewhere; results are the correctly rounded square roots either way.
#pragma once

#include <cstddef>

namespace dlc {

/// \brief \f$ x_i \leftarrow \sqrt{x_i} \f$ for \f$ i < n \f$ (the arguments must be \f$ \ge 0 \f$;
/// a negative one gives NaN).
template <class T>
void sqrt_in_place(T* x, std::size_t n);

}  // namespace dlc
