// bench_hw7: seconds per training epoch of homework 7's two networks on the 60 000 MNIST training images, float32:
//   --part q1  the k-means network (lib/cluster/kmeans_network): centres started at the first image of each digit,
//              softmax sharpness 20, batch 64, SGD eta = 4.5 on MSELoss() (the mean over every element) - the workload
//              of bench/hw7_torch.py --part q1 (the homework's PyTorch code) and bench/hw7_numpy.py (vectorised NumPy);
//   --part q2  the autoencoder (homework/hw7/autoencoder.hpp): LeNet-5 encoder to z (10), the homework's decoder,
//              batch norm and dropout 0.1 after every ReLU, z2 = z + e, MSELoss of (z, f - x), SGD 0.1, batch 64 -
//              the workload of bench/hw7_torch.py --part q2.
// Every epoch is a fresh shuffle cut into batches of 64 (the last holds the 32 left over), gathering included.
//
// Data: the MNIST training images ($DLC_MNIST_DIR, pixels / 255) when DLC_MNIST_DIR is set and holds them, otherwise
// uniform random inputs in [0, 1) (the "data" column says which; the q1 centres are then the first 10 images).
//
// Timing: for each OpenBLAS thread count (1 and 2, or --threads), a fresh model trains one warm-up epoch (q1) or 100
// warm-up batches (q2, whose epoch is long) and then --epochs timed epochs; the median is printed per thread count,
// the best last.
//
//   bench_hw7 [--part q1|q2] [--epochs N] [--threads 1,2] [--uniform]
#include "bench_common.hpp"

#include "hw7/autoencoder.hpp"
#include "cluster/kmeans_network.hpp"
#include "core/rng.hpp"
#include "optim/gd.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, dim = 784, batch = 64;

double q1_epoch(dlc::KMeansNetwork<float>& net, const dlc::Matrix<float>& X, dlc::Rng& rng, double& loss) {
    const auto t0 = std::chrono::steady_clock::now();
    loss = dlc::kmeans_network_epoch(net, X, batch, 4.5, dlc::MseReduction::elements, rng).mean_loss;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{0};
    std::string part = "q1";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--part") == 0 && i + 1 < argc) {
            part = argv[++i];
            continue;
        }
        if (!bench::read_training_flag(argc, argv, i, flags) || (part != "q1" && part != "q2")) {
            std::fprintf(stderr, "usage: bench_hw7 [--part q1|q2] [--epochs N] [--threads 1,2] [--uniform]\n");
            return 2;
        }
    }
    if (flags.epochs == 0) flags.epochs = part == "q1" ? 3 : 1;
    dlc::Tensor<float> X;
    dlc::Labels y;
    const std::string source = bench::load_training_data({n_points, dim}, 10, flags.force_uniform, X, y);
    if (part == "q1")
        std::printf("# dlc; data %s; %zu x %zu, batch %zu, k-means network (k = 10, x20 softmax), SGD eta 4.5 on "
                    "MSELoss(); median of %zu epochs after 1 warm-up\n", source.c_str(), n_points, dim, batch, flags.epochs);
    else
        std::printf("# dlc; data %s; %zu x %zu, batch %zu, HW7 Q2 autoencoder (LeNet-5 encoder, the homework's decoder, "
                    "BN + dropout 0.1), SGD 0.1; median of %zu epochs after 100 warm-up batches\n",
                    source.c_str(), n_points, dim, batch, flags.epochs);
    std::printf("%-12s %7s %14s %10s\n", "name", "threads", "seconds/epoch", "last_loss");
    // The q1 start: the first image of each label (the homework's part (b)).
    dlc::Matrix<float> C0 = dlc::Matrix<float>::from_shape({std::size_t{10}, dim});
    std::vector<bool> seen(10, false);
    for (std::size_t n = 0, found = 0; n < n_points && found < 10; ++n)
        if (!seen[y(n)]) seen[y(n)] = true, ++found, std::copy_n(X.data() + n * dim, dim, C0.data() + y(n) * dim);
    const dlc::Matrix<float> Xm = xt::reshape_view(X, {n_points, dim});

    int best_threads = 0;
    double best = 0;
    for (const int t : bench::thread_counts(flags.threads)) {
        openblas_set_num_threads(t);
        dlc::Rng rng(0);
        std::vector<double> seconds;
        double loss = 0;
        if (part == "q1") {
            dlc::KMeansNetwork<float> net(C0, 20);
            q1_epoch(net, Xm, rng, loss);  // warm-up
            for (std::size_t e = 0; e < flags.epochs; ++e) seconds.push_back(q1_epoch(net, Xm, rng, loss));
        } else {
            hw7::NoisyAutoencoder model(rng, 0.1);
            dlc::GradientDescent<float> sgd(model.parameters(), 0.1);
            const dlc::Matrix<float> warm = xt::view(Xm, xt::range(0, 100 * batch), xt::all());
            hw7::train_epoch(model, sgd, warm, batch, rng);  // warm-up
            for (std::size_t e = 0; e < flags.epochs; ++e) {
                const auto r = hw7::train_epoch(model, sgd, Xm, batch, rng);
                seconds.push_back(r.seconds);
                loss = r.mean_loss;
            }
        }
        const double med = bench::median(seconds);
        std::printf("%-12s %7d %14.4f %10.6f\n", "dlc_epoch", t, med, loss);
        std::fflush(stdout);
        if (best_threads == 0 || med < best) best = med, best_threads = t;
    }
    std::printf("%-12s %7d %14.4f\n", "dlc_best", best_threads, best);
    return 0;
}
