// bench_lenet: LeNet-5 (conv 6@5x5 pad 2, ReLU, max-pool 2, conv 16@5x5, ReLU, max-pool 2, flatten,
// 400-120-84-10 with ReLUs) on 1x28x28 images, float32 — the workload of bench/lenet_torch.py:
//   - seconds per training epoch on 60 000 images, minibatches of 64 from a fresh shuffle (the last
//     batch holds the 32 left over), softmax cross-entropy, Adam (lr 1e-3);
//   - forward-only inference throughput (images/s) on 10 000 images in batches of 1000, eval mode;
//   - per layer: seconds of forward and backward during the timed epochs, and the convolutions'
//     achieved GFLOP/s next to the machine's SGEMM rate (a 1024^3 cblas_sgemm, measured here).
//
// Data: the MNIST training images ($DLC_MNIST_DIR, pixels / 255) when DLC_MNIST_DIR holds them,
// otherwise uniform random pixels with random labels (the "data" column says which).
// Timing: for each OpenBLAS thread count (1 and 2, or --threads) a fresh model trains 100 warm-up
// batches, then --epochs timed epochs (median). The element-wise work is single-threaded.
//
//   bench_lenet [--epochs N] [--threads 1,2] [--uniform] [--profile]
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/gemm.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr std::size_t n_points = 60000, n_infer = 10000, side = 28, classes = 10, batch = 64;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// A module that times the forward and backward passes of the module it wraps (for the per-layer profile).
class Timed : public dlc::Module<float> {
public:
    Timed(std::unique_ptr<dlc::Module<float>> inner, double flops_forward, double flops_backward)
        : inner_(std::move(inner)), flops_forward_(flops_forward), flops_backward_(flops_backward) {}
    const dlc::Tensor<float>& forward(const dlc::Tensor<float>& x) override {
        const auto t0 = Clock::now();
        const auto& y = inner_->forward(x);
        forward_s += seconds_since(t0);
        images_forward += double(x.shape(0));
        return y;
    }
    const dlc::Tensor<float>& backward(const dlc::Tensor<float>& g) override {
        const auto t0 = Clock::now();
        const auto& y = inner_->backward(g);
        backward_s += seconds_since(t0);
        images_backward += double(g.shape(0));
        return y;
    }
    std::string name() const override { return inner_->name(); }
    std::vector<dlc::Parameter<float>> parameters() override { return inner_->parameters(); }
    void set_mode(dlc::Mode m) override {
        dlc::Module<float>::set_mode(m);
        inner_->set_mode(m);
    }
    void set_input_grad_needed(bool needed) override {
        dlc::Module<float>::set_input_grad_needed(needed);
        inner_->set_input_grad_needed(needed);
    }
    const dlc::Tensor<float>& output() const override { return inner_->output(); }
    void reset() { forward_s = backward_s = images_forward = images_backward = 0; }
    double forward_gflops() const { return forward_s > 0 ? flops_forward_ * images_forward / forward_s / 1e9 : 0; }
    double backward_gflops() const {
        return backward_s > 0 ? flops_backward_ * images_backward / backward_s / 1e9 : 0;
    }
    bool counts_flops() const { return flops_forward_ > 0; }

    double forward_s = 0, backward_s = 0, images_forward = 0, images_backward = 0;

private:
    std::unique_ptr<dlc::Module<float>> inner_;
    double flops_forward_, flops_backward_;
};

// LeNet-5 with every layer timed; returns the wrappers in order.
std::vector<Timed*> build(dlc::Sequential<float>& net, dlc::Rng& rng) {
    std::vector<Timed*> timed;
    const auto add = [&](std::unique_ptr<dlc::Module<float>> m, double ff = 0, double fb = 0) {
        auto t = std::make_unique<Timed>(std::move(m), ff, fb);
        timed.push_back(t.get());
        net.add(std::move(t));
    };
    // Multiply-adds per image: conv1 6*28*28*25, conv2 16*10*10*150; forward 2 flops each; backward
    // grad_K (same count) and, for conv2 only (conv1 is the first layer), grad_x (same count again).
    const double c1 = 2.0 * 6 * 28 * 28 * 25, c2 = 2.0 * 16 * 10 * 10 * 150;
    add(std::make_unique<dlc::Conv2d<float>>(1, 6, 5, 5, rng, dlc::ConvOptions{1, 2}), c1, c1);
    add(std::make_unique<dlc::ReLU<float>>());
    add(std::make_unique<dlc::MaxPool2d<float>>(2));
    add(std::make_unique<dlc::Conv2d<float>>(6, 16, 5, 5, rng), c2, 2 * c2);
    add(std::make_unique<dlc::ReLU<float>>());
    add(std::make_unique<dlc::MaxPool2d<float>>(2));
    add(std::make_unique<dlc::Flatten<float>>());
    add(std::make_unique<dlc::Linear<float>>(400, 120, rng));
    add(std::make_unique<dlc::ReLU<float>>());
    add(std::make_unique<dlc::Linear<float>>(120, 84, rng));
    add(std::make_unique<dlc::ReLU<float>>());
    add(std::make_unique<dlc::Linear<float>>(84, classes, rng));
    return timed;
}

// GFLOP/s of C = A B for n x n x n float matrices (best of 3 after a warm-up).
double sgemm_gflops(std::size_t n) {
    std::vector<float> A(n * n, 0.5f), B(n * n, 0.25f), C(n * n);
    dlc::gemm<float>(false, false, n, n, n, 1.0f, A.data(), B.data(), 0.0f, C.data());
    double best = 1e30;
    for (int r = 0; r < 3; ++r) {
        const auto t0 = Clock::now();
        dlc::gemm<float>(false, false, n, n, n, 1.0f, A.data(), B.data(), 0.0f, C.data());
        best = std::min(best, seconds_since(t0));
    }
    return 2.0 * double(n) * double(n) * double(n) / best / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    bench::TrainingFlags flags{1};
    bool profile = false;
    for (int i = 1; i < argc; ++i) {
        if (bench::read_training_flag(argc, argv, i, flags)) continue;
        if (!std::strcmp(argv[i], "--profile")) {
            profile = true;
        } else {
            std::fprintf(stderr, "usage: bench_lenet [--epochs N] [--threads 1,2] [--uniform] [--profile]\n");
            return 2;
        }
    }
    const std::size_t epochs = flags.epochs;
    dlc::Tensor<float> X;
    dlc::Labels y;
    const std::string source =
        bench::load_training_data({n_points, std::size_t(1), side, side}, classes, flags.force_uniform, X, y);
    const dlc::Tensor<float> Xinfer = xt::view(X, xt::range(0, n_infer), xt::all(), xt::all(), xt::all());
    std::printf("# dlc; data %s; %zu x 1x28x28, batch %zu, LeNet-5, softmax cross-entropy, Adam; median of %zu "
                "epochs after 100 warm-up batches; inference on %zu images in batches of 1000\n",
                source.c_str(), n_points, batch, epochs, n_infer);
    std::printf("%-12s %7s %14s %10s %12s %9s\n", "name", "threads", "seconds/epoch", "last_loss", "infer_img/s",
                "sgemm_GF");

    int best_threads = 0;
    double best = 0, best_infer = 0;
    for (const int t : bench::thread_counts(flags.threads)) {
        openblas_set_num_threads(t);
        const double peak = sgemm_gflops(1024);
        dlc::Rng rng(0);
        dlc::Sequential<float> net;
        const auto layers = build(net, rng);
        dlc::SoftmaxCrossEntropy<float> loss;
        dlc::Adam<float> adam(net.parameters(), 1e-3);
        dlc::TrainOptions<float> opt;
        opt.batch_size = batch;
        opt.progress = false;
        opt.epochs = 1;
        {  // warm-up: 100 batches
            const dlc::Tensor<float> Xw = xt::view(X, xt::range(0, 100 * batch), xt::all(), xt::all(), xt::all());
            const dlc::Labels yw = xt::view(y, xt::range(0, 100 * batch));
            dlc::train(net, loss, adam, Xw, yw, rng, opt);
        }
        for (auto* l : layers) l->reset();
        opt.epochs = epochs;
        const auto history = dlc::train(net, loss, adam, X, y, rng, opt);
        std::vector<double> seconds;
        for (const auto& h : history) seconds.push_back(h.seconds);
        const double med = bench::median(seconds);
        // The per-layer profile of the timed epochs (before inference adds forward passes).
        std::string report;
        if (profile) {
            char line[256];
            double layer_total = 0;
            const double epoch_total = med * double(epochs);
            std::snprintf(line, sizeof line, "# per layer during the timed epochs (%d thread%s): seconds forward, "
                          "backward, share of the epochs; conv GFLOP/s (SGEMM 1024^3: %.1f GFLOP/s)\n", t,
                          t > 1 ? "s" : "", peak);
            report += line;
            for (std::size_t k = 0; k < layers.size(); ++k) {
                const auto* l = layers[k];
                layer_total += l->forward_s + l->backward_s;
                std::snprintf(line, sizeof line, "#   %2zu %-40s %8.3f %8.3f %6.1f%%", k, l->name().c_str(), l->forward_s,
                              l->backward_s, 100.0 * (l->forward_s + l->backward_s) / epoch_total);
                report += line;
                if (l->counts_flops()) {
                    std::snprintf(line, sizeof line, "  fwd %6.1f GF/s  bwd %6.1f GF/s", l->forward_gflops(),
                                  l->backward_gflops());
                    report += line;
                }
                report += "\n";
            }
            std::snprintf(line, sizeof line, "#   layers %.3f s of %.3f s; the rest is the loss, Adam, shuffling and "
                          "gathering\n", layer_total, epoch_total);
            report += line;
        }
        // Inference: forward only, eval mode, batches of 1000 (one warm-up pass, best of 3).
        double infer_best = 1e30;
        dlc::predict(net, Xinfer, 1000);
        for (int r = 0; r < 3; ++r) {
            const auto t0 = Clock::now();
            dlc::predict(net, Xinfer, 1000);
            infer_best = std::min(infer_best, seconds_since(t0));
        }
        const double infer = double(n_infer) / infer_best;
        std::printf("%-12s %7d %14.4f %10.4f %12.0f %9.1f\n", "dlc_epoch", t, med, history.back().loss, infer, peak);
        std::printf("%s", report.c_str());
        std::fflush(stdout);
        if (best_threads == 0 || med < best) {
            best = med;
            best_threads = t;
        }
        best_infer = std::max(best_infer, infer);
    }
    std::printf("%-12s %7d %14.4f %10s %12.0f\n", "dlc_best", best_threads, best, "", best_infer);
    return 0;
}
