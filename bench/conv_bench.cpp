// bench_conv: forward + backward time of LeNet-5's convolution and pooling layers (lib/nn) at
// batch 64, float32, one OpenBLAS thread — the workload of bench/conv_torch.py.
//
//   conv1  Conv2d(1 -> 6, 5x5, padding 2) on (64, 1, 28, 28), first layer: no input gradient
//   pool1  MaxPool2d(2) on (64, 6, 28, 28)
//   conv2  Conv2d(6 -> 16, 5x5) on (64, 6, 14, 14), with the input gradient
//   pool2  MaxPool2d(2) on (64, 16, 10, 10)
//
// For each layer: warm-up steps, then --reps timed rounds of 20 forward + backward steps; the
// median milliseconds per step is printed (CPU time of the calling thread, which with one
// OpenBLAS thread is the wall time of an idle machine and stays meaningful on a busy one), and for the convolutions GFLOP/s counting
// 2 N F Ho Wo C kh kw flops per product (forward, grad_K, and grad_x when computed).
//
//   bench_conv [--reps N] [--threads T]
#include "bench_common.hpp"

#include "core/rng.hpp"
#include "nn/conv2d.hpp"
#include "nn/pooling.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

namespace {

constexpr std::size_t batch = 64;

// CPU seconds used by the calling thread.
double thread_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Median CPU seconds per call of `step` over `reps` rounds of 20 calls (after 10 warm-up calls).
double time_step(const std::function<void()>& step, int reps) {
    for (int i = 0; i < 10; ++i) step();
    std::vector<double> t;
    for (int r = 0; r < reps; ++r) {
        const double t0 = thread_seconds();
        for (int i = 0; i < 20; ++i) step();
        t.push_back((thread_seconds() - t0) / 20);
    }
    return bench::median(t);
}

dlc::Tensor<float> random(const dlc::Shape& shape, dlc::Rng& rng) {
    dlc::Tensor<float> t = dlc::Tensor<float>::from_shape(shape);
    for (auto& v : t) v = static_cast<float>(rng.normal());
    return t;
}

void conv_row(const char* name, dlc::Conv2d<float>& conv, const dlc::Tensor<float>& x, int reps) {
    dlc::Rng rng(1);
    const auto& y = conv.forward(x);
    const dlc::Tensor<float> delta = random(dlc::shape_of_tensor(y), rng);
    const double fwd = time_step([&] { conv.forward(x); }, reps);
    const double both = time_step([&] { conv.forward(x); conv.backward(delta); }, reps);
    const double product = 2.0 * batch * conv.out_channels() * y.shape(2) * y.shape(3) * conv.in_channels() *
                           conv.kernel_h() * conv.kernel_w();
    const double flops = product * (conv.input_grad_needed() ? 3 : 2);
    std::printf("%-6s %-44s fwd %7.3f ms  fwd+bwd %7.3f ms  %6.2f GFLOP/s\n", name, conv.name().c_str(), fwd * 1e3,
                both * 1e3, flops / both * 1e-9);
}

void pool_row(const char* name, dlc::MaxPool2d<float>& pool, const dlc::Tensor<float>& x, int reps) {
    const auto& y = pool.forward(x);
    const dlc::Tensor<float> delta = y;
    const double both = time_step([&] { pool.forward(x); pool.backward(delta); }, reps);
    std::printf("%-6s %-44s fwd+bwd %7.3f ms\n", name, pool.name().c_str(), both * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
    int reps = 7, threads = 1;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_conv [--reps N] [--threads T]\n");
            return 2;
        }
    }
    openblas_set_num_threads(threads);
    dlc::Rng rng(0);
    dlc::Conv2d<float> conv1(1, 6, 5, 5, rng, {1, 2});
    conv1.set_input_grad_needed(false);
    dlc::Conv2d<float> conv2(6, 16, 5, 5, rng);
    dlc::MaxPool2d<float> pool1(2), pool2(2);
    const auto x1 = random({batch, 1, 28, 28}, rng), x2 = random({batch, 6, 14, 14}, rng);
    const auto p1 = random({batch, 6, 28, 28}, rng), p2 = random({batch, 16, 10, 10}, rng);
    std::printf("# dlc, batch %zu, float32, %d OpenBLAS thread(s), median thread CPU time of %d rounds\n", batch, threads, reps);
    conv_row("conv1", conv1, x1, reps);
    pool_row("pool1", pool1, p1, reps);
    conv_row("conv2", conv2, x2, reps);
    pool_row("pool2", pool2, p2, reps);
    return 0;
}
