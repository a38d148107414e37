// Transformer benchmarks (lib/attention, lib/optim), float32, steps per second:
//  - encoder_post / encoder_pre: one transformer encoder block (d = 64, 4 heads, d_ff = 256, T = 128, batch 32),
//    post-LN and pre-LN, one step = zero the gradients, forward, backward from a fixed random dL/dY (input gradient
//    included), no optimizer;
//  - char_step: the attention lecture's character transformer (vocabulary 96, d = 128, 2 pre-LN blocks of 4 heads,
//    d_ff = 512, learned positions, context 64, batch 32): one training step with Adam on uniform random tokens.
// For each thread count (--threads, default 1,2): warm-up steps, then --steps timed steps (default 40). Compare with
// bench/attention_torch.py (nn.TransformerEncoderLayer, a hand-written pre-LN block and the same language model);
// bench/attention.sh prints both and the ratios.
#include "bench_common.hpp"

#include "attention/block.hpp"
#include "attention/language_model.hpp"
#include "core/threads.hpp"
#include "optim/adam.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {

using Clock = std::chrono::steady_clock;

double rate_of(const std::function<void()>& step, std::size_t warmup, std::size_t steps) {
    for (std::size_t w = 0; w < warmup; ++w) step();
    const auto t0 = Clock::now();
    for (std::size_t s = 0; s < steps; ++s) step();
    return double(steps) / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t steps = 40;
    std::string threads = "1,2", only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--steps") && i + 1 < argc) steps = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = argv[++i];
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_attention [--steps N] [--threads 1,2] [--only encoder_post|encoder_pre|char_step]\n");
            return 2;
        }
    }
    const std::size_t B = 32, T = 128, d = 64;
    std::printf("# dlc; encoder block d = %zu, 4 heads, d_ff = 256, T = %zu, batch %zu (forward + backward); character "
                "transformer step (d = 128, 2 layers, context 64, batch 32, Adam); float32; %zu timed steps\n", d, T, B, steps);
    std::printf("%-14s %7s %10s\n", "name", "threads", "steps/s");
    dlc::Rng data(0);
    dlc::Tensor<float> X = dlc::Tensor<float>::from_shape({B, T, d}), R = X;
    for (auto& v : X) v = float(data.normal());
    for (auto& v : R) v = float(data.normal());
    const std::size_t V = 96, Tc = 64;
    dlc::Tokens in = dlc::Tokens::from_shape({B, Tc}), tg = in;
    for (auto& v : in) v = data.index(V);
    for (auto& v : tg) v = data.index(V);
    struct Best {
        int t = 0;
        double rate = 0;
    };
    Best post, pre, chr;
    for (const int t : bench::thread_counts(threads)) {
        dlc::set_threads(std::size_t(t));
        for (auto norm : {dlc::NormOrder::post, dlc::NormOrder::pre}) {
            const std::string name = norm == dlc::NormOrder::post ? "encoder_post" : "encoder_pre";
            if (!only.empty() && only != name) continue;
            dlc::Rng rng(0);
            dlc::BlockConfig bc;
            bc.d = d;
            bc.heads = 4;
            bc.d_ff = 256;
            bc.norm = norm;
            dlc::TransformerBlock<float> block(bc, rng);
            const double r = rate_of([&] {
                block.zero_grad();
                block.forward(X);
                block.backward(R);
            }, 5, steps);
            std::printf("%-14s %7d %10.2f\n", name.c_str(), t, r);
            Best& b = norm == dlc::NormOrder::post ? post : pre;
            if (r > b.rate) b = {t, r};
        }
        if (only.empty() || only == "char_step") {
            dlc::Rng rng(0);
            dlc::LMConfig cfg;
            cfg.vocabulary = V;
            cfg.d = 128;
            cfg.heads = 4;
            cfg.layers = 2;
            cfg.d_ff = 512;
            cfg.context = Tc;
            dlc::TransformerLM<float> lm(cfg, rng);
            dlc::Adam<float> adam(lm.parameters(), 1e-3);
            const double r = rate_of([&] {
                adam.zero_grad();
                lm.forward(in, tg);
                lm.backward();
                adam.step();
            }, 3, std::max<std::size_t>(1, steps / 4));
            std::printf("%-14s %7d %10.2f\n", "char_step", t, r);
            if (r > chr.rate) chr = {t, r};
        }
    }
    std::printf("dlc_best encoder_post %d %.3f\n", post.t, post.rate);
    std::printf("dlc_best encoder_pre %d %.3f\n", pre.t, pre.rate);
    std::printf("dlc_best char_step %d %.3f\n", chr.t, chr.rate);
    return 0;
}
