// Bahng §2.3, dropout: r_j ~ Bernoulli(p), a~ = r (.) a, z = W a~ + b, and the expectation argument
//   E[z] = E[W a~ + b] = E[W a~] = p E[W a]   =>   at test time W_test = p W_train;
// or "inverted dropout": divide by p during training and keep the test network. Each step by Monte Carlo for a
// 3 x 4 W with keep probability p = 0.7; then PyTorch's convention (nn.Dropout(p): p is the DROP probability and
// the kept units are scaled by 1/(1 - p) during training), with the notes' own PyTorch printout.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "nn/dropout.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>

namespace backprop_lecture {

void dropout_expectation(dlc::Case& c) {
    auto& out = c.out();
    const double p = 0.7;
    const std::size_t trials = c.quick() ? 20000 : 400000;
    const dlc::Matrix<double> W = {{0.5, -1.0, 2.0, 0.3}, {1.5, 0.2, -0.7, 1.0}, {-0.4, 0.8, 0.6, -1.2}};
    const dlc::Vector<double> b = {0.1, -0.2, 0.3}, a = {1.0, 2.0, -0.5, 3.0};
    out << "W (3 x 4), b = (0.1, -0.2, 0.3), a = (1, 2, -0.5, 3), keep probability p = 0.7, " << trials
        << " Monte Carlo masks r (r_j = 1 with probability p).\n";

    // Monte Carlo: E[r], E[a~], E[z] for the plain (unscaled) and the inverted (scaled by 1/p) dropout.
    dlc::Vector<double> mean_r = xt::zeros<double>({4}), mean_at = mean_r, sq_at = mean_r;
    dlc::Vector<double> mean_z = xt::zeros<double>({3}), sq_z = mean_z, mean_z_inv = mean_z, sq_z_inv = mean_z;
    double kept_units = 0;
    for (std::size_t t = 0; t < trials; ++t) {
        double r[4], at[4];
        for (std::size_t j = 0; j < 4; ++j) {
            r[j] = c.rng().uniform() < p ? 1.0 : 0.0;  // r_j ~ Bernoulli(p)
            at[j] = r[j] * a(j);                      // a~ = r (.) a
            mean_r(j) += r[j], mean_at(j) += at[j], sq_at(j) += at[j] * at[j];
            kept_units += r[j];
        }
        for (std::size_t i = 0; i < 3; ++i) {
            double z = b(i), z_inv = b(i);  // z = W a~ + b; inverted: W (a~ / p) + b
            for (std::size_t j = 0; j < 4; ++j) z += W(i, j) * at[j], z_inv += W(i, j) * at[j] / p;
            mean_z(i) += z, sq_z(i) += z * z, mean_z_inv(i) += z_inv, sq_z_inv(i) += z_inv * z_inv;
        }
    }
    const double T = double(trials);
    mean_r /= T, mean_at /= T, mean_z /= T, mean_z_inv /= T;
    // Standard errors of the means, for the tolerance (4 s.e.).
    const dlc::Vector<double> se_at = xt::sqrt(xt::maximum(sq_at / T - mean_at * mean_at, 0.0) / T);
    const dlc::Vector<double> se_z = xt::sqrt(xt::maximum(sq_z / T - mean_z * mean_z, 0.0) / T);
    const dlc::Vector<double> se_z_inv = xt::sqrt(xt::maximum(sq_z_inv / T - mean_z_inv * mean_z_inv, 0.0) / T);

    const dlc::Vector<double> Wa = xt::linalg::dot(W, a);
    const dlc::Vector<double> expect_at = p * a, expect_z = p * Wa + b, printed_z = p * Wa, full = Wa + b;
    const auto within = [](const dlc::Vector<double>& est, const dlc::Vector<double>& exact, const dlc::Vector<double>& se) {
        for (std::size_t i = 0; i < est.size(); ++i)
            if (std::abs(est(i) - exact(i)) > 4 * se(i) + 1e-12) return false;
        return true;
    };
    dlc::TextTable t({"step", "formula", "exact", "Monte Carlo", "within 4 s.e.?"});
    t.row({"E[r]", "p", dlc::fmt_vec(xt::ones<double>({4}) * p, 4), dlc::fmt_vec(mean_r, 4),
           xt::amax(xt::abs(mean_r - p))() < 4 * std::sqrt(p * (1 - p) / T) ? "yes" : "no"});
    t.row({"E[a~] = E[r (.) a]", "p a", dlc::fmt_vec(expect_at, 4), dlc::fmt_vec(mean_at, 4),
           within(mean_at, expect_at, se_at) ? "yes" : "no"});
    t.row({"E[z] = E[W a~ + b]", "p W a + b", dlc::fmt_vec(expect_z, 4), dlc::fmt_vec(mean_z, 4),
           within(mean_z, expect_z, se_z) ? "yes" : "no"});
    t.row({"the notes' E[W a~] = p E[W a]", "p W a (no b)", dlc::fmt_vec(printed_z, 4), dlc::fmt_vec(mean_z, 4),
           within(mean_z, printed_z, se_z) ? "yes" : "no"});
    t.row({"test time, W_test = p W_train", "p W a + b", dlc::fmt_vec(expect_z, 4), dlc::fmt_vec(mean_z, 4),
           within(mean_z, expect_z, se_z) ? "yes" : "no"});
    t.row({"inverted: E[W a~ / p + b]", "W a + b (test net unchanged)", dlc::fmt_vec(full, 4),
           dlc::fmt_vec(mean_z_inv, 4), within(mean_z_inv, full, se_z_inv) ? "yes" : "no"});
    out << t.str();
    out << "Kept units per draw: " << dlc::fmt(kept_units / T, 5) << " of 4 (the notes: a layer of M units keeps pM "
        << "on average, so a dropout net needs about M/p units).\n";
    const bool b_matters = !within(mean_z, printed_z, se_z);
    c.set("keep_probability", p);
    c.set("trials", trials);
    c.set("mean_mask", dlc::to_json_value(mean_r));
    c.set("mean_thinned_activation", dlc::to_json_value(mean_at));
    c.set("mean_z", dlc::to_json_value(mean_z));
    c.set("expected_z", dlc::to_json_value(expect_z));
    c.set("notes_expected_z_without_b", dlc::to_json_value(printed_z));
    c.set("mean_z_inverted", dlc::to_json_value(mean_z_inv));
    c.set("test_time_z", dlc::to_json_value(expect_z));
    c.set("mean_kept_units", kept_units / T);
    if (b_matters)
        c.erratum("E[z^[l+1]] under dropout (Bahng §2.3)",
                  "E[W a~ + b] = E[W a~] = p E[W a]",
                  "E[W a~ + b] = E[W a~] + b = p W a + b; Monte Carlo mean of z " + dlc::fmt_vec(mean_z, 4) +
                      " against p W a + b = " + dlc::fmt_vec(expect_z, 4) + " and p W a = " + dlc::fmt_vec(printed_z, 4),
                  "The middle step drops the bias. The conclusion survives: with W_test = p W_train and b unchanged the "
                  "test output W_test a + b = p W a + b is E[z], as the notes want.");

    // PyTorch's convention, with the notes' printout: drop = nn.Dropout(p=0.5); X = [0.3342, 0.8208, 0.3765, 0.1820]
    // -> [0.6684, 1.6417, 0.0000, 0.0000]: kept entries are multiplied by 1 / (1 - 0.5) = 2.
    const double X[4] = {0.3342, 0.8208, 0.3765, 0.1820}, Y[4] = {0.6684, 1.6417, 0.0, 0.0};
    bool printout = true;
    for (std::size_t j = 0; j < 4; ++j)
        printout = printout && (Y[j] == 0.0 || std::abs(Y[j] - 2 * X[j]) <= 2 * 0.00005 + 0.00005 + 1e-12);
    out << "\nPyTorch: nn.Dropout(p) drops each unit with probability p and multiplies the kept ones by 1/(1 - p) "
           "during training (inverted dropout); model.eval() makes it the identity. The notes' printout with p = 0.5: "
           "X = (0.3342, 0.8208, 0.3765, 0.1820) -> (0.6684, 1.6417, 0, 0) = 2 X on the kept entries ("
        << (printout ? "consistent" : "NOT consistent") << " to the 4 printed decimals).\n";
    // The library's Dropout takes PyTorch's p (drop probability 0.3 keeps 0.7) and scales by 1/0.7.
    dlc::Dropout<double> drop(1 - p, c.rng());
    drop.train();
    dlc::Tensor<double> x = dlc::Tensor<double>::from_shape({std::size_t(2000), std::size_t(4)});
    for (std::size_t i = 0; i < 2000; ++i)
        for (std::size_t j = 0; j < 4; ++j) x(i, j) = a(j);
    const auto& yd = drop.forward(x);
    dlc::Vector<double> mean_lib = xt::mean(yd, {0});
    out << "The library's Dropout(0.3) (PyTorch's p = 0.3, keep 0.7) on 2000 copies of a: mean output "
        << dlc::fmt_vec(mean_lib, 4) << " against a = " << dlc::fmt_vec(a, 4) << " (kept entries are a_j / 0.7 = "
        << dlc::fmt(a(1) / p, 5) << " for a_2).\n";
    c.set("pytorch_printout_consistent", printout);
    c.set("library_dropout_mean", dlc::to_json_value(mean_lib));
    c.note("three meanings of p",
           "Bahng's p is the keep probability (r_j ~ Bernoulli(p), W_test = p W_train); PyTorch's nn.Dropout(p) takes "
           "the drop probability and scales the kept units by 1/(1 - p) during training; L13 writes 'randomly prune "
           "weights (with prob. p), include all weights (scaled by p) at test time', which is right only if p is the "
           "probability of keeping. (Bahng also stresses that dropout removes units, i.e. activations, not weights.)");
}

}  // namespace backprop_lecture
