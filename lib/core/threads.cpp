#include "core/threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

extern "C" void openblas_set_num_threads(int);

namespace dlc {

namespace {
std::atomic<std::size_t> g_threads{0};

// OpenBLAS's thread count for the setting n of set_threads (0: one per hardware thread).
int blas_threads_for(std::size_t n) {
    const std::size_t blas = n > 0 ? n : std::max<std::size_t>(1, std::thread::hardware_concurrency());
    return static_cast<int>(std::min<std::size_t>(blas, 1024));
}
}  // namespace

void set_threads(std::size_t n) {
    g_threads = n;
    openblas_set_num_threads(blas_threads_for(n));
}

std::size_t worker_threads() {
    const std::size_t n = g_threads.load();
    return n > 0 ? n : std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

void run_tasks(std::size_t n, const std::function<void(std::size_t)>& task) {
    if (n == 0) return;
    // One BLAS thread per task while they run; the setting of set_threads afterwards (also after an exception).
    struct BlasThreadsGuard {
        BlasThreadsGuard() { openblas_set_num_threads(1); }
        ~BlasThreadsGuard() { openblas_set_num_threads(blas_threads_for(g_threads.load())); }
    } guard;
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto work = [&] {
        for (std::size_t i = next++; i < n && !failed; i = next++) {
            try {
                task(i);
            } catch (...) {
                errors[i] = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t threads = std::min(n, worker_threads());
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < threads; ++w) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace dlc
