/// \file
/// \brief How many threads the library may use: BLAS and its own worker threads (`--threads N`).
///
/// Floating-point sums depend on how work is split between threads, so a float training run
/// is reproduced bit for bit only with the same thread count; `--threads N` pins it.
#pragma once

#include <cstddef>
#include <functional>

namespace dlc {

/// \brief Sets the number of threads for OpenBLAS and for the library's own worker threads.
///
/// `n = 0` restores the defaults (OpenBLAS's own choice, one worker per hardware thread).
void set_threads(std::size_t n);

/// \brief The number of worker threads the library's own parallel loops may use (at least 1):
/// the value given to `set_threads`, else the number of hardware threads.
std::size_t worker_threads();

/// \brief Runs the independent tasks `task(0)`, ..., `task(n - 1)` on up to `worker_threads()` threads, each
/// thread taking the next task not yet started, with OpenBLAS limited to one thread meanwhile (restored afterwards).
///
/// For coarse work that a multi-threaded BLAS splits badly: e.g. training several small networks at once (the CNN
/// lecture's `resnet_degradation`), whose matrix products are too small for two BLAS threads to share (and which
/// slow down several-fold when the machine is busy). Each task computes on one thread, so its floating-point results
/// are the same for any thread count. Tasks must not share mutable state (or must lock it).
/// \throws whatever the task with the lowest index that threw threw, after every started task has finished (the
/// tasks not yet started when one throws are skipped).
void run_tasks(std::size_t n, const std::function<void(std::size_t)>& task);

}  // namespace dlc
