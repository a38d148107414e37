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
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, dim = 784, hidden = 512, classes = 10, batch = 64;

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{3};
    for (int i = 1; i < argc; ++i) {
        if (!bench::read_training_flag(argc, argv, i, flags)) {
            std::fprintf(stderr, "usage: bench_mlp [--epochs N] [--threads 1,2] [--uniform]\n");
            return 2;
        }
    }
    const std::size_t epochs = flags.epochs;
    dlc::Tensor<float> X;
    dlc::Labels y;
    const std::string source = bench::load_training_data({n_points, dim}, classes, flags.force_uniform, X, y);
    std::printf("# dlc; data %s; %zu x %zu, batch %zu, 784-512-512-10 ReLU, softmax cross-entropy, Adam; "
                "median of %zu epochs after 1 warm-up\n",
                source.c_str(), n_points, dim, batch, epochs);
    std::printf("%-12s %7s %14s %10s\n", "name", "threads", "seconds/epoch", "last_loss");

    int best_threads = 0;
    double best = 0;
    for (const int t : bench::thread_counts(flags.threads)) {
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
        const double med = bench::median(seconds);
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
