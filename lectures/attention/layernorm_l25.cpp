// L25's "add and normalize" exactly as printed,
//   S' = LayerNorm(S + X),  mu = 1/T sum_i S_i + X_i,  delta^2 = 1/T sum_i (S_i + X_i)^2,
//   S'_t = gamma (S_t + X_t - mu + beta) / sqrt(delta^2 + eps),
// against LayerNorm (per token, over its d features: mu_t = 1/d sum_j a_tj, sigma_t^2 = 1/d sum_j (a_tj - mu_t)^2,
// S'_t = gamma ⊙ (a_t - mu_t) / sqrt(sigma_t^2 + eps) + beta) on a T = 5, d = 4 example, both compared with PyTorch's
// F.layer_norm (the committed fixture). Each difference of the printed formula is isolated by fixing one at a time.
#include "cases.hpp"
#include "common.hpp"

#include "nn/layernorm.hpp"
#include "report/table.hpp"

#include <cmath>

namespace attention_lecture {

namespace {

using dlc::Tensor;

// The add & norm of A = S + X (T, d) with mean and variance over positions (`over_positions`) or over features,
// centered or not, beta inside the fraction or added after it.
Tensor<double> add_norm(const Tensor<double>& A, const Tensor<double>& gamma, const Tensor<double>& beta, bool over_positions,
                        bool centered, bool beta_inside, double eps = 1e-5) {
    const std::size_t T = A.shape(0), d = A.shape(1);
    Tensor<double> out = Tensor<double>::from_shape({T, d});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < d; ++j) {
            // the statistics of the set this entry is normalized over: column j (positions) or row t (features)
            const std::size_t n = over_positions ? T : d;
            double mu = 0, m2 = 0;
            for (std::size_t k = 0; k < n; ++k) mu += over_positions ? A(k, j) : A(t, k);
            mu /= double(n);
            for (std::size_t k = 0; k < n; ++k) {
                const double a = over_positions ? A(k, j) : A(t, k);
                m2 += centered ? (a - mu) * (a - mu) : a * a;
            }
            m2 /= double(n);
            out(t, j) = beta_inside ? gamma(j) * (A(t, j) - mu + beta(j)) / std::sqrt(m2 + eps)
                                    : gamma(j) * (A(t, j) - mu) / std::sqrt(m2 + eps) + beta(j);
        }
    return out;
}

}  // namespace

void layernorm_l25(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t T = 5, d = 4;
    Tensor<double> S = Tensor<double>::from_shape({T, d}), X = Tensor<double>::from_shape({T, d});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < d; ++j) {
            S(t, j) = double(int((3 * t + 2 * j) % 7) - 3);
            X(t, j) = double((t + 3 * j) % 5) / 2.0 - 1.0;
        }
    const Tensor<double> gamma = {1.0, 2.0, 0.5, -1.0}, beta = {0.1, 0.0, -0.2, 0.3};
    const Tensor<double> A = S + X;
    out << "T = 5 tokens of d = 4 features: attention output S (S_tj = ((3t + 2j) mod 7) - 3), input X (X_tj = ((t + 3j) "
           "mod 5)/2 - 1), gamma = (1, 2, 0.5, -1), beta = (0.1, 0, -0.2, 0.3), eps = 1e-5. S + X =\n"
        << matrix_text(A, 4);

    // The library's LayerNorm (per token over its features) and PyTorch's F.layer_norm.
    dlc::LayerNorm<double> ln(d);
    ln.gamma() = gamma;
    ln.beta() = beta;
    const Tensor<double> lib = ln.forward(A);
    const Tensor<double> printed = add_norm(A, gamma, beta, true, false, true);
    const Tensor<double> v1 = add_norm(A, gamma, beta, false, false, true);   // features, uncentered, beta inside
    const Tensor<double> v2 = add_norm(A, gamma, beta, false, true, true);    // features, centered, beta inside
    const Tensor<double> v3 = add_norm(A, gamma, beta, false, true, false);   // = LayerNorm
    out << "\nAs printed (means over the T positions, delta^2 the mean of squares, beta inside the fraction):\n"
        << matrix_text(printed, 5) << "LayerNorm (dlc::LayerNorm: per token over its 4 features, variance about the mean, "
        "gamma scales and beta shifts afterwards):\n" << matrix_text(lib, 5);
    c.set("printed_formula", matrix_json(printed));
    c.set("layernorm", matrix_json(lib));
    c.set("loops_vs_library", max_diff(v3, lib));

    const nlohmann::json* fx = torch_fixture();
    if (fx) {
        const auto& f = fx->at("layer_norm");
        const double e_lib = max_diff(lib, tensor_of(f.at("affine")));
        dlc::LayerNorm<double> plain(d);
        const double e_plain = max_diff(plain.forward(A), tensor_of(f.at("plain")));
        const double e_printed = max_diff(printed, tensor_of(f.at("affine")));
        out << "PyTorch F.layer_norm(S + X, (4,), gamma, beta): max |dlc - PyTorch| = " << dlc::fmt(e_lib, 3)
            << " (without gamma, beta: " << dlc::fmt(e_plain, 3) << "); max |printed - PyTorch| = " << dlc::fmt(e_printed, 4) << ".\n";
        c.set("max_difference_pytorch", std::max(e_lib, e_plain));
        c.set("max_difference_printed_pytorch", e_printed);
    } else {
        out << "PyTorch comparison skipped: tests/fixtures/attention_reference.json not found (set DLC_FIXTURES).\n";
    }

    // Each difference on its own.
    const double d_axis = max_diff(printed, v1), d_center = max_diff(v1, v2), d_beta = max_diff(v2, v3);
    dlc::TextTable t({"step", "formula", "max change"});
    t.row({"as printed", "mu, delta^2 over positions i = 1..T; delta^2 = mean of squares; beta inside", "-"});
    t.row({"1", "statistics over the features j = 1..d of each token", dlc::fmt(d_axis, 4)});
    t.row({"2", "delta^2 -> variance about the mean", dlc::fmt(d_center, 4)});
    t.row({"3", "+ beta after the scaling (= LayerNorm)", dlc::fmt(d_beta, 4)});
    out << "\nFixing the printed formula one step at a time:\n" << t.str();
    c.set("change_axis", d_axis);
    c.set("change_centering", d_center);
    c.set("change_beta", d_beta);

    // The numbers behind each erratum, for token 1 (row 0) and feature 1 (column 0).
    double mu_pos = 0, mu_tok = 0, sq_tok = 0, var_tok = 0;
    for (std::size_t t = 0; t < T; ++t) mu_pos += A(t, 0) / double(T);
    for (std::size_t j = 0; j < d; ++j) mu_tok += A(0, j) / double(d);
    for (std::size_t j = 0; j < d; ++j) sq_tok += A(0, j) * A(0, j) / double(d), var_tok += (A(0, j) - mu_tok) * (A(0, j) - mu_tok) / double(d);
    c.erratum("L25 add & normalize: what mu and delta^2 average over",
              "mu = 1/T sum_i (S_i + X_i) over the T positions (feature 1: " + dlc::fmt(mu_pos, 6) + ")",
              "LayerNorm averages each token over its d features: mu_1 = 1/d sum_j (S_1j + X_1j) = " + dlc::fmt(mu_tok, 6) +
                  "; the outputs change by up to " + dlc::fmt(d_axis, 4),
              "Averaging over positions is batch normalization along time; it also lets token t see later tokens, which a "
              "causal decoder must not. LayerNorm (NYU 'BN alternatives', PyTorch) normalizes each token by itself.");
    c.erratum("L25 add & normalize: delta^2",
              "delta^2 = 1/T sum_i (S_i + X_i)^2, the mean of squares (token 1 over its features: " + dlc::fmt(sq_tok, 6) + ")",
              "the variance about the mean, 1/d sum_j (a_1j - mu_1)^2 = " + dlc::fmt(var_tok, 6) + "; outputs change by up to " +
                  dlc::fmt(d_center, 4),
              "The mean is subtracted in the numerator but not inside delta^2, so the printed delta^2 exceeds the variance "
              "by mu^2 and the result does not have unit variance.");
    c.erratum("L25 add & normalize: where beta goes", "S'_t = gamma (S_t + X_t - mu + beta) / sqrt(delta^2 + eps)",
              "S'_t = gamma ⊙ (S_t + X_t - mu_t) / sqrt(sigma_t^2 + eps) + beta; moving beta changes the outputs by up to " +
                  dlc::fmt(d_beta, 4),
              "With beta inside, the learnable shift is scaled by gamma / sqrt(delta^2 + eps), which varies from token to "
              "token: it is no longer a shift.");
    c.note("L25 transcription", "The notes' mean is written p and its sums read S_i + K_i; they are mu and S_i + X_i (the "
           "residual S + X of the line above). The sums also lack parentheses: 1/T sum_i S_i + K_i means 1/T sum_i (S_i + X_i).");
}

}  // namespace attention_lecture
