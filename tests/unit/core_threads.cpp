// Unit tests of lib/core/threads: dlc::run_tasks runs every task exactly once on the worker threads, with OpenBLAS
// limited to one thread meanwhile and restored afterwards (also after a task throws), and rethrows the exception of
// the lowest-indexed failing task; a float training step inside a task gives the same numbers for any thread count.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/threads.hpp"
#include "nn/gemm.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(core_threads)

extern "C" int openblas_get_num_threads(void);

namespace {

// Restores the default thread settings when a test ends.
struct DefaultThreadsAfter {
    ~DefaultThreadsAfter() { dlc::set_threads(0); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_task_runs_once_with_one_blas_thread) {
    DefaultThreadsAfter restore;
    for (std::size_t threads : {1, 2, 3}) {
        dlc::set_threads(threads);
        BOOST_TEST(openblas_get_num_threads() == int(threads));
        const std::size_t n = 17;
        std::vector<std::atomic<int>> runs(n);
        std::atomic<int> blas_threads_seen{0};  // the largest BLAS thread count a task saw
        std::mutex m;
        std::set<std::thread::id> ids;
        dlc::run_tasks(n, [&](std::size_t i) {
            ++runs[i];
            blas_threads_seen = std::max(blas_threads_seen.load(), openblas_get_num_threads());
            const std::lock_guard<std::mutex> lock(m);
            ids.insert(std::this_thread::get_id());
        });
        for (std::size_t i = 0; i < n; ++i) BOOST_TEST(runs[i] == 1, "task " << i << " with " << threads << " threads");
        BOOST_TEST(blas_threads_seen == 1);
        BOOST_TEST(ids.size() <= threads);
        BOOST_TEST(openblas_get_num_threads() == int(threads));  // restored
    }
    dlc::run_tasks(0, [](std::size_t) { throw std::logic_error("no task may run"); });  // nothing to do
}

// Tasks 3 and 5 throw (task 5 first or not, depending on the scheduling): the exception of task 3 is the one rethrown
// when both ran; with one thread, task 3 runs first and the later tasks are skipped.
BOOST_AUTO_TEST_CASE(the_lowest_failing_task_is_rethrown_and_blas_restored) {
    DefaultThreadsAfter restore;
    dlc::set_threads(1);
    std::vector<int> ran(8, 0);
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>(
        [&] {
            dlc::run_tasks(8, [&](std::size_t i) {
                ran[i] = 1;
                if (i == 3 || i == 5) throw dlc::ValueError("task", "task " + std::to_string(i) + " failed");
            });
        },
        {"task 3 failed"})));
    BOOST_TEST(ran[3] == 1);
    BOOST_TEST(ran[4] == 0);  // one thread: nothing after the failure starts
    dlc::set_threads(2);
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>(
        [&] {
            dlc::run_tasks(2, [&](std::size_t i) { throw dlc::ValueError("task", "task " + std::to_string(i) + " failed"); });
        },
        {"task"})));
    BOOST_TEST(openblas_get_num_threads() == 2);
}

// The same products computed in tasks are the same for 1 and 2 worker threads, bit for bit: each task computes alone.
BOOST_AUTO_TEST_CASE(results_do_not_depend_on_the_thread_count) {
    DefaultThreadsAfter restore;
    const std::size_t m = 64, k = 300, n = 90, tasks = 4;
    std::vector<float> A(m * k), B(k * n);
    for (std::size_t i = 0; i < A.size(); ++i) A[i] = float((i * 37 % 101) - 50) / 50.0f;
    for (std::size_t i = 0; i < B.size(); ++i) B[i] = float((i * 53 % 97) - 48) / 48.0f;
    auto products = [&](std::size_t threads) {
        dlc::set_threads(threads);
        std::vector<std::vector<float>> C(tasks, std::vector<float>(m * n));
        dlc::run_tasks(tasks, [&](std::size_t t) {
            dlc::gemm<float>(false, false, m, n, k, 1.0f + float(t), A.data(), B.data(), 0.0f, C[t].data());
        });
        return C;
    };
    BOOST_TEST((products(1) == products(2)));
}

BOOST_AUTO_TEST_SUITE_END()
