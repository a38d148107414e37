// bench_vae: seconds per training epoch of the 784-400-20 VAE (lib/vae + lib/nn + lib/optim), float32, minibatches of
// 128 (a fresh shuffle each epoch; the last batch holds the 96 left over), Bernoulli decoder (BCE from logits summed
// over pixels) + closed-form KL, Adam (lr 1e-3) - the workload of bench/vae_torch.py and of PyTorch's VAE example.
//
// Data: the MNIST training images ($DLC_MNIST_DIR, pixels / 255) when DLC_MNIST_DIR is set and holds them, otherwise
// uniform random inputs in [0, 1) (the "data" column says which).
//
// Timing: for each OpenBLAS thread count (1 and 2, or --threads), a fresh model trains one warm-up epoch and then
// --epochs timed epochs (dlc::vae_train_epoch's wall time: shuffling and gathering included); the median is printed
// per thread count, the best last.
//
//   bench_vae [--epochs N] [--threads 1,2] [--uniform]
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "optim/adam.hpp"
#include "vae/networks.hpp"
#include "vae/vae.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, dim = 784, hidden = 400, latent = 20, batch = 128;

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{3};
    for (int i = 1; i < argc; ++i) {
        if (!bench::read_training_flag(argc, argv, i, flags)) {
            std::fprintf(stderr, "usage: bench_vae [--epochs N] [--threads 1,2] [--uniform]\n");
            return 2;
        }
    }
    dlc::Tensor<float> X;
    dlc::Labels y;
    const std::string source = bench::load_training_data({n_points, dim}, 10, flags.force_uniform, X, y);
    std::printf("# dlc; data %s; %zu x %zu, batch %zu, VAE 784-400-20, BCE + KL, Adam; median of %zu epochs after 1 warm-up\n",
                source.c_str(), n_points, dim, batch, flags.epochs);
    std::printf("%-12s %7s %14s %10s\n", "name", "threads", "seconds/epoch", "last_loss");
    int best_threads = 0;
    double best = 0;
    const dlc::Tensor<float> none;
    for (const int t : bench::thread_counts(flags.threads)) {
        openblas_set_num_threads(t);
        dlc::Rng rng(0);
        dlc::Vae<float> vae(dlc::mlp<float>({dim, hidden, 2 * latent}, rng), dlc::mlp<float>({latent, hidden, dim}, rng),
                            latent, rng);
        dlc::Adam<float> adam(vae.parameters(), 1e-3);
        dlc::vae_train_epoch(vae, adam, X, none, batch, rng);  // warm-up
        std::vector<double> seconds;
        double loss = 0;
        for (std::size_t e = 0; e < flags.epochs; ++e) {
            const auto m = dlc::vae_train_epoch(vae, adam, X, none, batch, rng);
            seconds.push_back(m.seconds);
            loss = m.negative_elbo;
        }
        const double med = bench::median(seconds);
        std::printf("%-12s %7d %14.4f %10.4f\n", "dlc_epoch", t, med, loss);
        std::fflush(stdout);
        if (best_threads == 0 || med < best) {
            best = med;
            best_threads = t;
        }
    }
    std::printf("%-12s %7d %14.4f\n", "dlc_best", best_threads, best);
    return 0;
}
