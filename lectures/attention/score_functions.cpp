// The score functions of Bahng 7.1 and the NYU slides on the same queries and keys — dot s.h, scaled dot
// s.h / sqrt(d_k), general s^T W h, reduced-rank (U s)^T (V h), additive v^T tanh(W_q s + W_k h) — and why the transformer divides by sqrt(d_k):
// for queries and keys with independent unit-variance entries, q.k has variance d_k, so the softmax saturates
// (one weight near 1) and its gradient vanishes as d_k grows, unless the scores are scaled. Measured for
// d_k = 4 ... 1024 with the library's attention (lib/attention/attention.hpp).
#include "cases.hpp"
#include "common.hpp"

#include "attention/attention.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace attention_lecture {

void score_functions(dlc::Case& c) {
    auto& out = c.out();
    using dlc::Tensor;
    auto& rng = c.rng();
    // Part 1: the four scores on the same data (one batch row, 3 queries, 5 keys, d = 4).
    const std::size_t Tq = 3, Tk = 5, d = 4;
    Tensor<double> Q = Tensor<double>::from_shape({std::size_t{1}, Tq, d}), K = Tensor<double>::from_shape({std::size_t{1}, Tk, d});
    for (auto& v : Q) v = rng.normal();
    for (auto& v : K) v = rng.normal();
    out << "Three queries and five keys with N(0, 1) entries, d = 4; the general score's W (4 x 4), the reduced-rank "
           "score's W = U^T V (U, V of rank r = 2) and the additive score's W_q, W_k (r = 4 x 4) and v drawn uniformly. Scores of query 1 against the five keys, and its "
           "attention weights:\n";
    dlc::TextTable t({"score", "formula", "e_1j (j = 1..5)", "alpha_1j"});
    nlohmann::json scores = nlohmann::json::object();
    for (auto kind : {dlc::ScoreKind::dot, dlc::ScoreKind::scaled_dot, dlc::ScoreKind::general, dlc::ScoreKind::reduced_rank,
                      dlc::ScoreKind::additive}) {
        dlc::Attention<double> att(dlc::make_score<double>(kind, d, d, kind == dlc::ScoreKind::reduced_rank ? 2 : 4, rng));
        att.forward(Q, K, K);
        const auto& E = att.score().scores();
        const auto& A = att.weights();
        std::vector<double> e(Tk), a(Tk);
        for (std::size_t j = 0; j < Tk; ++j) e[j] = E(0, 0, j), a[j] = A(0, 0, j);
        const std::string formula = kind == dlc::ScoreKind::dot ? "s . h" : kind == dlc::ScoreKind::scaled_dot ? "s . h / sqrt(d)"
                                    : kind == dlc::ScoreKind::general      ? "s^T W h"
                                    : kind == dlc::ScoreKind::reduced_rank ? "s^T U^T V h"
                                                                           : "v^T tanh(W_q s + W_k h)";
        t.row({dlc::score_kind_name(kind), formula, dlc::fmt_vec(e, 4), dlc::fmt_vec(a, 3)});
        scores[dlc::score_kind_name(kind)] = {{"scores", e}, {"weights", a}};
    }
    out << t.str();
    c.set("query1", scores);

    // Part 2: why sqrt(d_k). For each d_k: many random (q, K, V) with 16 keys, N(0, 1) entries; the spread of the
    // scores, the largest weight of each softmax row (1 = saturated), its entropy, and the size of dL/dq for a
    // random upstream gradient dL/dc ~ N(0, I) on the attention output c.
    const std::vector<std::size_t> dims = c.quick() ? std::vector<std::size_t>{4, 64, 1024}
                                                    : std::vector<std::size_t>{4, 16, 64, 256, 1024};
    const std::size_t B = c.quick() ? 50 : 400, keys = 16;
    dlc::TextTable s({"d_k", "score", "sd of scores", "mean max alpha", "mean entropy (nats)", "mean |dL/dq|"});
    std::vector<double> xd, max_dot, max_scaled, g_dot, g_scaled;
    nlohmann::json sat = nlohmann::json::array();
    for (std::size_t dk : dims) {
        Tensor<double> q = Tensor<double>::from_shape({B, std::size_t{1}, dk}), k = Tensor<double>::from_shape({B, keys, dk}),
                       v = Tensor<double>::from_shape({B, keys, std::size_t{1}}), dc = Tensor<double>::from_shape({B, std::size_t{1}, std::size_t{1}});
        for (auto& x : q) x = rng.normal();
        for (auto& x : k) x = rng.normal();
        for (auto& x : v) x = rng.normal();
        for (auto& x : dc) x = rng.normal();
        xd.push_back(double(dk));
        for (bool scaled : {false, true}) {
            dlc::Attention<double> att(std::make_unique<dlc::DotScore<double>>(dk, scaled));
            att.forward(q, k, v);
            att.backward(dc);
            const auto& E = att.score().scores();
            const auto& A = att.weights();
            const auto& dq = att.grad_queries();
            double m = 0, m2 = 0, amax = 0, ent = 0, gq = 0;
            for (std::size_t b = 0; b < B; ++b) {
                double mx = 0, h = 0, g = 0;
                for (std::size_t j = 0; j < keys; ++j) {
                    const double e = E(b, 0, j), a = A(b, 0, j);
                    m += e, m2 += e * e;
                    mx = std::max(mx, a);
                    if (a > 0) h -= a * std::log(a);
                }
                for (std::size_t l = 0; l < dk; ++l) g += dq(b, 0, l) * dq(b, 0, l);
                amax += mx, ent += h, gq += std::sqrt(g);
            }
            const double n = double(B * keys), sd = std::sqrt(m2 / n - (m / n) * (m / n));
            amax /= double(B), ent /= double(B), gq /= double(B);
            s.row({std::to_string(dk), scaled ? "scaled dot" : "dot", dlc::fmt(sd, 4), dlc::fmt(amax, 4), dlc::fmt(ent, 4), dlc::fmt(gq, 4)});
            (scaled ? max_scaled : max_dot).push_back(amax);
            (scaled ? g_scaled : g_dot).push_back(gq);
            sat.push_back({{"d_k", dk}, {"scaled", scaled}, {"score_sd", sd}, {"mean_max_alpha", amax}, {"mean_entropy", ent},
                           {"mean_grad_q", gq}});
        }
    }
    out << "\nWhy divide by sqrt(d_k): " << B << " random queries against " << keys << " keys per d_k, N(0, 1) entries "
        << "(uniform attention would have max alpha = 1/16 = 0.0625 and entropy log 16 = 2.77 nats):\n" << s.str()
        << "Unscaled, the scores' sd grows like sqrt(d_k): the softmax puts almost all weight on one key (max alpha -> 1,\n"
           "entropy -> 0) and the gradient reaching the query through the softmax shrinks (its Jacobian diag(alpha) -\n"
           "alpha alpha^T -> 0). Scaled by 1/sqrt(d_k), the scores keep unit variance and neither happens.\n";
    c.set("saturation", sat);
    dlc::plot::Figure f1("score_saturation");
    f1.title("Softmax saturation as d_k grows").xlabel("log2 d_k").ylabel("mean largest weight max_j alpha_j");
    std::vector<double> lx;
    for (double x : xd) lx.push_back(std::log2(x));
    f1.lines(lx, max_dot, "dot q.k").lines(lx, max_scaled, "scaled q.k / sqrt(d_k)");
    c.figure(f1, "Mean largest attention weight of a row over 16 keys: the unscaled dot product saturates");
    dlc::plot::Figure f2("score_gradient");
    f2.title("Gradient reaching the query").xlabel("log2 d_k").ylabel("mean |dL/dq|").log_y();
    f2.lines(lx, g_dot, "dot q.k").lines(lx, g_scaled, "scaled q.k / sqrt(d_k)");
    c.figure(f2, "Mean norm of dL/dq through the softmax for a random upstream gradient");
}

}  // namespace attention_lecture
