// bench_gan: one DCGAN training epoch on MNIST, both players, float32 — the workload of bench/gan_torch.py and the
// GAN lecture's DCGAN (lib/gan/players.hpp: width 32, latent 64, N(0, 0.02^2) weights):
//   937 iterations per epoch (60 000 images, batch 64, a fresh permutation), each one discriminator step (G(z1), D on
//   the real and on the generated batch in two passes, the binary cross-entropy on logits, Adam) and one generator
//   step on new noise (the non-saturating loss backpropagated through D's input into G, Adam), both Adam(2e-4, 0.5).
// Data: the MNIST training images scaled to [-1, 1] ($DLC_MNIST_DIR), otherwise uniform random pixels.
// Timing: for each OpenBLAS thread count (1 and 2, or --threads) fresh players train 20 warm-up iterations, then
// --epochs timed epochs (median), or --iterations N iterations scaled to an epoch. --profile prints the seconds
// spent in each layer's forward and backward passes.
//
//   bench_gan [--epochs N] [--iterations N] [--threads 1,2] [--uniform] [--profile]
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "gan/players.hpp"
#include "gan/trainer.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, side = 28, batch = 64, latent = 64, width = 32, per_epoch = n_points / batch;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Times the forward and backward passes of the player it wraps (the profile).
class Timed : public dlc::Module<float> {
public:
    explicit Timed(std::unique_ptr<dlc::Module<float>> inner) : inner_(std::move(inner)) {}
    const dlc::Tensor<float>& forward(const dlc::Tensor<float>& x) override {
        const auto t0 = Clock::now();
        const auto& y = inner_->forward(x);
        forward_s += seconds_since(t0);
        return y;
    }
    const dlc::Tensor<float>& backward(const dlc::Tensor<float>& g) override {
        const auto t0 = Clock::now();
        const auto& y = inner_->backward(g);
        backward_s += seconds_since(t0);
        return y;
    }
    std::string name() const override { return inner_->name(); }
    std::vector<dlc::Parameter<float>> parameters() override { return inner_->parameters(); }
    std::vector<dlc::Buffer<float>> buffers() override { return inner_->buffers(); }
    void set_mode(dlc::Mode m) override {
        dlc::Module<float>::set_mode(m);
        inner_->set_mode(m);
    }
    void set_input_grad_needed(bool needed) override {
        dlc::Module<float>::set_input_grad_needed(needed);
        inner_->set_input_grad_needed(needed);
    }
    const dlc::Tensor<float>& output() const override { return inner_->output(); }
    double forward_s = 0, backward_s = 0;

private:
    std::unique_ptr<dlc::Module<float>> inner_;
};

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{1};
    std::size_t iterations = 0;
    bool profile = false;
    for (int i = 1; i < argc; ++i) {
        if (bench::read_training_flag(argc, argv, i, flags)) continue;
        if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) {
            iterations = std::strtoul(argv[++i], nullptr, 10);
        } else if (!std::strcmp(argv[i], "--profile")) {
            profile = true;
        } else {
            std::fprintf(stderr, "usage: bench_gan [--epochs N] [--iterations N] [--threads 1,2] [--uniform] [--profile]\n");
            return 2;
        }
    }
    const std::size_t iters = iterations > 0 ? iterations : per_epoch;
    dlc::Tensor<float> X;
    dlc::Labels y;
    const std::string source = bench::load_training_data({n_points, std::size_t(1), side, side}, 10, flags.force_uniform, X, y);
    X = 2.0f * X - 1.0f;
    std::printf("# dlc; data %s; DCGAN width %zu, latent %zu, batch %zu, %zu iterations per epoch (one D step on real + "
                "generated, one G step on new noise), Adam(2e-4, 0.5); median of %zu timed run(s) of %zu iterations after "
                "20 warm-up\n",
                source.c_str(), width, latent, batch, per_epoch, flags.epochs, iters);
    std::printf("%-12s %7s %14s %8s %8s\n", "name", "threads", "seconds/epoch", "loss_d", "loss_g");
    int best_threads = 0;
    double best = 0;
    for (const int t : bench::thread_counts(flags.threads)) {
        openblas_set_num_threads(t);
        dlc::Rng rng(0);
        auto g_net = std::make_unique<dlc::Sequential<float>>(), d_net = std::make_unique<dlc::Sequential<float>>();
        dlc::add_dcgan_generator(*g_net, latent, width, rng);
        dlc::add_dcgan_discriminator(*d_net, width, rng);
        Timed G(std::move(g_net)), D(std::move(d_net));
        dlc::Adam<float> og(G.parameters(), 2e-4, 0.5, 0.999), od(D.parameters(), 2e-4, 0.5, 0.999);
        dlc::GanTrainer<float> trainer(G, D, og, od);
        std::vector<std::size_t> order;
        std::size_t cursor = 0;
        dlc::GanBatches<float> batches;
        batches.real = [&](dlc::Tensor<float>& x, dlc::Tensor<float>&) {
            dlc::gather_rows(X, order.data() + cursor, batch, x);
            cursor += batch;
        };
        batches.latent = [&](dlc::Tensor<float>& z, dlc::Tensor<float>&) {
            dlc::resize_buffer(z, {batch, latent});
            for (auto& v : z) v = static_cast<float>(rng.normal());
        };
        order = rng.permutation(n_points);
        for (std::size_t i = 0; i < 20; ++i) trainer.iteration(batches);
        G.forward_s = G.backward_s = D.forward_s = D.backward_s = 0;
        std::vector<double> seconds;
        dlc::GanIterationStats last;
        for (std::size_t e = 0; e < flags.epochs; ++e) {
            order = rng.permutation(n_points);
            cursor = 0;
            const auto t0 = Clock::now();
            for (std::size_t i = 0; i < iters; ++i) last = trainer.iteration(batches);
            seconds.push_back(seconds_since(t0) * double(per_epoch) / double(iters));
        }
        const double med = bench::median(seconds);
        std::printf("%-12s %7d %14.3f %8.4f %8.4f\n", "dlc_epoch", t, med, last.d.loss, last.g.loss);
        if (profile) {
            const double total = med * double(flags.epochs) * double(iters) / double(per_epoch);
            std::printf("#   G forward %.3f s, G backward %.3f s, D forward %.3f s, D backward %.3f s, the rest (losses, "
                        "Adam, batches) %.3f s, of %.3f s\n",
                        G.forward_s, G.backward_s, D.forward_s, D.backward_s,
                        total - G.forward_s - G.backward_s - D.forward_s - D.backward_s, total);
        }
        std::fflush(stdout);
        if (best_threads == 0 || med < best) best = med, best_threads = t;
    }
    std::printf("%-12s %7d %14.3f\n", "dlc_best", best_threads, best);
    return 0;
}
