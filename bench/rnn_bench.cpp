// Character LSTM training steps per second (lib/rnn, lib/optim): vocabulary 65, embedding 64, one LSTM layer of
// 128 units, T = 64, batch 32, a linear output layer, softmax cross-entropy per step, Adam (step size 2e-3),
// float32, on uniform random tokens (Rng seed 0). For each thread count: 20 warm-up steps, then --steps timed
// steps (default 200); steps/s of the whole step (forward, loss, BPTT, Adam). The GEMM share: every matrix
// product of one step replayed alone (the same shapes, through dlc::gemm), its time over the step's time.
// Compare with bench/rnn_torch.py (nn.Embedding + nn.LSTM + nn.Linear, Adam(foreach=True)); bench/rnn.sh
// prints both.
#include "bench_common.hpp"

#include "nn/gemm.hpp"
#include "optim/adam.hpp"
#include "rnn/char_lm.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>

namespace {

constexpr std::size_t V = 65, E = 64, H = 128, T = 64, B = 32;
using Clock = std::chrono::steady_clock;

// One step's GEMMs (the shapes dlc::CharLM with an LSTM uses), timed `reps` times; seconds per step.
double gemm_seconds(std::size_t reps) {
    const std::size_t G = 4 * H, TB = T * B;
    std::vector<float> a(TB * std::max(G, V) * 2, 0.01f), b(std::max(G, V) * std::max(E, H) * 2 + TB * H, 0.02f),
        c(TB * std::max(G, V) * 2, 0.0f);
    auto g = [&](bool ta, bool tb, std::size_t m, std::size_t n, std::size_t k) {
        dlc::gemm<float>(ta, tb, m, n, k, 1.0f, a.data(), b.data(), 1.0f, c.data());
    };
    const auto t0 = Clock::now();
    for (std::size_t r = 0; r < reps; ++r) {
        g(false, true, TB, G, E);                                   // forward: X U^T, all steps
        for (std::size_t t = 0; t < T; ++t) g(false, true, B, G, H);  // forward: y_{t-1} W^T per step
        g(false, true, TB, V, H);                                   // output layer
        g(true, false, V, H, TB);                                   // output layer: grad_V
        g(false, false, TB, H, V);                                  // output layer: dL/dy
        for (std::size_t t = 0; t < T; ++t) g(false, false, B, H, G);  // BPTT: delta_t W per step
        g(true, false, G, H, B);                                    // grad_W (step 1)
        g(true, false, G, H, (T - 1) * B);                          // grad_W (steps 2..T)
        g(true, false, G, E, TB);                                   // grad_U
        g(false, false, TB, E, G);                                  // dL/dx
    }
    return std::chrono::duration<double>(Clock::now() - t0).count() / double(reps);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t steps = 200;
    std::string threads = "1,2";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--steps") && i + 1 < argc) steps = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_rnn [--steps N] [--threads 1,2]\n");
            return 2;
        }
    }
    std::printf("# dlc; character LSTM: vocabulary %zu, embedding %zu, hidden %zu, T = %zu, batch %zu, Adam, float32, "
                "uniform random tokens; %zu timed steps after 20 warm-up steps\n", V, E, H, T, B, steps);
    std::printf("%-10s %7s %10s %10s %10s\n", "name", "threads", "steps/s", "last_loss", "gemm_share");
    dlc::Rng data_rng(0);
    dlc::Tokens in = dlc::Tokens::from_shape({T, B}), tg = dlc::Tokens::from_shape({T, B});
    for (auto& v : in) v = data_rng.index(V);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t n = 0; n < B; ++n) tg(t, n) = t + 1 < T ? in(t + 1, n) : data_rng.index(V);
    int best_t = 0;
    double best = 0;
    for (const int t : bench::thread_counts(threads)) {
        openblas_set_num_threads(t);
        dlc::Rng rng(0);
        dlc::CharLM<float> model(dlc::CellKind::lstm, V, E, H, rng);
        dlc::Adam<float> adam(model.parameters(), 2e-3);
        double loss = 0;
        auto step = [&] {
            adam.zero_grad();
            loss = model.forward(in, tg);
            model.backward();
            adam.step();
        };
        for (int w = 0; w < 20; ++w) step();
        const auto t0 = Clock::now();
        for (std::size_t s = 0; s < steps; ++s) step();
        const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
        const double rate = double(steps) / secs;
        const double share = gemm_seconds(std::max<std::size_t>(20, steps / 4)) / (secs / double(steps));
        std::printf("%-10s %7d %10.2f %10.4f %9.1f%%\n", "dlc_steps", t, rate, loss, 100 * share);
        if (rate > best) best = rate, best_t = t;
    }
    std::printf("dlc_best %d %.3f\n", best_t, best);
    return 0;
}
