#include "core/threads.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

extern "C" void openblas_set_num_threads(int);

namespace dlc {

namespace {
std::atomic<std::size_t> g_threads{0};
}

void set_threads(std::size_t n) {
    g_threads = n;
    const std::size_t blas = n > 0 ? n : std::max<std::size_t>(1, std::thread::hardware_concurrency());
    openblas_set_num_threads(static_cast<int>(std::min<std::size_t>(blas, 1024)));
}

std::size_t worker_threads() {
    const std::size_t n = g_threads.load();
    return n > 0 ? n : std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace dlc
