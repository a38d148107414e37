// bench_mlp: seconds per training epoch of a 784-512-512-10 ReLU MLP (lib/nn + lib/optim), float32,
// minibatches of 64 (a fresh shuffle each epoch; the last batch holds the 32 left over), softmax
// cross-entropy, Adam (lr 1e-3) — the workload of bench/mlp_torch.py.
//
// Data: the MNIST training images and labels ($DLC_MNIST_DIR, pixels / 255, via dlc::load_images)
// when DLC_MNIST_DIR is set and holds them, otherwise uniform random inputs in [0, 1) with random
// labels (the "data" column says which).
//
// Timing: for each OpenBLAS thread count (1 and 2, or --threads), a fresh model trains one warm-up
// epoch and then --epochs timed epochs (EpochStats::seconds: the whole epoch, shuffling and gathering
// included); the median is printed per thread count, the best last. The element-wise work (ReLU,
// bias, Adam) is single-threaded; only the GEMMs use the OpenBLAS threads.
//
//   bench_mlp [--epochs N] [--threads 1,2] [--uniform]
#include "core/rng.hpp"
#include "data/datasets.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

extern "C" void openblas_set_num_threads(int);

namespace {

constexpr std::size_t n_points = 60000, dim = 784, hidden = 512, classes = 10, batch = 64;

void load(bool force_uniform, dlc::Tensor<float>& X, dlc::Labels& y, std::string& source) {
    X = dlc::Tensor<float>::from_shape({n_points, dim});
    y = dlc::Labels::from_shape({n_points});
    const char* dir = std::getenv("DLC_MNIST_DIR");
    if (!force_uniform && dir && *dir && dlc::missing_mnist_files(dir).empty()) {
        const auto data = dlc::load_images<float>(dir, n_points, 1);
        const std::size_t n = std::min(n_points, data.train.images.shape(0));
        if (n == n_points && data.train.images.shape(1) * data.train.images.shape(2) == dim) {
            std::copy(data.train.images.data(), data.train.images.data() + n * dim, X.data());
            std::copy(data.train.labels.data(), data.train.labels.data() + n, y.data());
            source = "mnist";
            return;
        }
    }
    dlc::Rng rng(0);
    for (std::size_t i = 0; i < X.size(); ++i) X.data()[i] = static_cast<float>(rng.uniform());
    for (std::size_t i = 0; i < n_points; ++i) y(i) = rng.index(classes);
    source = "uniform";
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t epochs = 3;
    std::string threads = "1,2";
    bool force_uniform = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
            epochs = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        } else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
            threads = argv[++i];
        } else if (!std::strcmp(argv[i], "--uniform")) {
            force_uniform = true;
        } else {
            std::fprintf(stderr, "usage: bench_mlp [--epochs N] [--threads 1,2] [--uniform]\n");
            return 2;
        }
    }
    dlc::Tensor<float> X;
    dlc::Labels y;
    std::string source;
    load(force_uniform, X, y, source);
    std::printf("# dlc; data %s; %zu x %zu, batch %zu, 784-512-512-10 ReLU, softmax cross-entropy, Adam; "
                "median of %zu epochs after 1 warm-up\n",
                source.c_str(), n_points, dim, batch, epochs);
    std::printf("%-12s %7s %14s %10s\n", "name", "threads", "seconds/epoch", "last_loss");

    int best_threads = 0;
    double best = 0;
    std::stringstream list(threads);
    for (std::string item; std::getline(list, item, ',');) {
        const int t = std::atoi(item.c_str());
        if (t < 1) continue;
        openblas_set_num_threads(t);
        dlc::Rng rng(0);
        dlc::Sequential<float> mlp;
        mlp.add<dlc::Linear<float>>(dim, hidden, rng);
        mlp.add<dlc::ReLU<float>>();
        mlp.add<dlc::Linear<float>>(hidden, hidden, rng);
        mlp.add<dlc::ReLU<float>>();
        mlp.add<dlc::Linear<float>>(hidden, classes, rng);
        dlc::SoftmaxCrossEntropy<float> loss;
        dlc::Adam<float> adam(mlp.parameters(), 1e-3);
        dlc::TrainOptions<float> opt;
        opt.epochs = 1 + epochs;
        opt.batch_size = batch;
        opt.progress = false;
        const auto history = dlc::train(mlp, loss, adam, X, y, rng, opt);
        std::vector<double> seconds;
        for (std::size_t e = 1; e < history.size(); ++e) seconds.push_back(history[e].seconds);
        const double med = median(seconds);
        std::printf("%-12s %7d %14.4f %10.4f\n", "dlc_epoch", t, med, history.back().loss);
        std::fflush(stdout);
        if (best_threads == 0 || med < best) {
            best = med;
            best_threads = t;
        }
    }
    std::printf("%-12s %7d %14.4f\n", "dlc_best", best_threads, best);
    return 0;
}
