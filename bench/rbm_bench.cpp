// bench_rbm: seconds per CD-1 epoch of a 784 x 256 Bernoulli RBM (lib/graphical's CdTrainer), float32, on the 60 000
// MNIST training images binarized at 0.5, minibatches of 100 (a fresh shuffle each epoch), the notes' update
// W += alpha (h(x) x^T - h(x_bar) x_bar^T) / B (likewise b, c) with alpha = 0.1, no momentum, no weight decay — the
// workload of bench/rbm_torch.py.
//
// Data: the MNIST training images ($DLC_MNIST_DIR) when DLC_MNIST_DIR holds them, otherwise uniform random pixels
// (binarized the same way; the "data" field says which).
//
// Timing: for each thread count (1 and 2, or --threads; dlc::set_threads pins OpenBLAS), a fresh model (Rng seed 0)
// runs 20 warm-up minibatches, then --epochs timed epochs (the whole epoch: shuffling, gathering, sampling, the five
// GEMMs and the updates); the median is printed per thread count, the best last. --profile also times the parts of a
// minibatch (the GEMMs alone, the sigmoids, the uniforms).
//
//   bench_rbm [--epochs N] [--threads 1,2] [--uniform] [--profile]
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "core/threads.hpp"
#include "graphical/ais.hpp"
#include "graphical/cd.hpp"
#include "graphical/rbm.hpp"
#include "nn/gemm.hpp"

#include <xtensor/xview.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, dim = 784, hidden = 256, batch = 100;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Seconds per minibatch of each part, averaged over `reps` repetitions.
void profile(const dlc::Rbm<float>& rbm, const dlc::Matrix<float>& X, int reps) {
    dlc::Matrix<float> PH = dlc::Matrix<float>::from_shape({batch, hidden}), PX = dlc::Matrix<float>::from_shape({batch, dim});
    dlc::Matrix<float> G = dlc::Matrix<float>::from_shape({hidden, dim});
    dlc::Rng rng(1);
    std::vector<float> U(batch * (hidden + dim));
    auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) {
        dlc::gemm<float>(false, true, batch, hidden, dim, 1.0f, X.data(), rbm.W.data(), 0.0f, PH.data());
        dlc::gemm<float>(false, false, batch, dim, hidden, 1.0f, PH.data(), rbm.W.data(), 0.0f, PX.data());
        dlc::gemm<float>(false, true, batch, hidden, dim, 1.0f, X.data(), rbm.W.data(), 0.0f, PH.data());
        dlc::gemm<float>(true, false, hidden, dim, batch, 1.0f, PH.data(), X.data(), 0.0f, G.data());
        dlc::gemm<float>(true, false, hidden, dim, batch, -1.0f, PH.data(), X.data(), 1.0f, G.data());
    }
    const double gemms = since(t0) / reps;
    t0 = Clock::now();
    for (int r = 0; r < reps; ++r) {
        dlc::sigmoid_in_place(PH.data(), PH.size());
        dlc::sigmoid_in_place(PX.data(), PX.size());
        dlc::sigmoid_in_place(PH.data(), PH.size());
    }
    const double sig = since(t0) / reps;
    t0 = Clock::now();
    for (int r = 0; r < reps; ++r) dlc::fill_uniform(rng, U.data(), U.size());
    const double uni = since(t0) / reps;
    std::printf("# profile per minibatch: 5 GEMMs %.3f ms, sigmoids %.3f ms, uniforms %.3f ms\n", gemms * 1e3, sig * 1e3,
                uni * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{3};
    bool do_profile = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--profile")) {
            do_profile = true;
        } else if (!bench::read_training_flag(argc, argv, i, flags)) {
            std::fprintf(stderr, "usage: bench_rbm [--epochs N] [--threads 1,2] [--uniform] [--profile]\n");
            return 2;
        }
    }
    dlc::Tensor<float> images;
    dlc::Labels labels;
    const std::string source = bench::load_training_data({n_points, dim}, 10, flags.force_uniform, images, labels);
    dlc::Matrix<float> X = dlc::Matrix<float>::from_shape({n_points, dim});
    for (std::size_t i = 0; i < X.size(); ++i) X.data()[i] = images.data()[i] > 0.5f ? 1.0f : 0.0f;
    std::printf("# dlc; data %s; %zu x %zu binarized at 0.5, RBM 784 x 256, CD-1, batch %zu, alpha 0.1; median of %zu "
                "epochs after 20 warm-up minibatches\n",
                source.c_str(), n_points, dim, batch, flags.epochs);
    std::printf("%-12s %7s %14s %12s\n", "name", "threads", "seconds/epoch", "recon_err");

    int best_threads = 0;
    double best = 0;
    for (const int t : bench::thread_counts(flags.threads)) {
        dlc::set_threads(static_cast<std::size_t>(t));
        dlc::Rng rng(0);
        dlc::Rbm<float> rbm = dlc::make_rbm<float>(dim, hidden, rng, 0.01);
        rbm.c = dlc::base_rate_visible_bias(X);
        if (do_profile) profile(rbm, X, 50);
        dlc::CdOptions opt;
        opt.learning_rate = 0.1;
        opt.batch_size = batch;
        dlc::CdTrainer<float> trainer(rbm, opt);
        for (std::size_t q = 0; q < 20; ++q) trainer.step(X.data() + q * batch * dim, batch, rng);  // warm-up
        std::vector<double> seconds;
        for (std::size_t e = 0; e < flags.epochs; ++e) {
            const auto t0 = Clock::now();
            trainer.epoch(X, rng);
            seconds.push_back(since(t0));
        }
        const double med = bench::median(seconds);
        const dlc::Matrix<float> monitor = dlc::Matrix<float>(xt::view(X, xt::range(0, 2000), xt::all()));
        std::printf("%-12s %7d %14.4f %12.4f\n", "dlc_epoch", t, med, dlc::reconstruction_error(rbm, monitor, rng));
        std::fflush(stdout);
        if (best_threads == 0 || med < best) {
            best = med;
            best_threads = t;
        }
    }
    std::printf("%-12s %7d %14.4f\n", "dlc_best", best_threads, best);
    return 0;
}
