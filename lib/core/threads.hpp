/// \file
/// \brief How many threads the library may use: BLAS and its own worker threads (`--threads N`).
///
/// Floating-point sums depend on how work is split between threads, so a float training run
/// is reproduced bit for bit only with the same thread count; `--threads N` pins it.
#pragma once

#include <cstddef>

namespace dlc {

/// \brief Sets the number of threads for OpenBLAS and for the library's own worker threads.
///
/// `n = 0` restores the defaults (OpenBLAS's own choice, one worker per hardware thread).
void set_threads(std::size_t n);

/// \brief The number of worker threads the library's own parallel loops may use (at least 1):
/// the value given to `set_threads`, else the number of hardware threads.
std::size_t worker_threads();

}  // namespace dlc
