// L13 handwritten notes, "(6) Initializing the weights": "maintain similar statistics from layer to layer".
// Ignoring the activation, with whitened inputs (covariance I) the next layer's inputs Wx have covariance
//   C = (1/|Data|) sum (Wx)(Wx)^T = W W^T;
// "ideally E[W W^T] = I"; "if w have 0 mean + uncorrelated, then off-diagonals are 0"; "on the diagonal we'd be
// adding n E[w^2]"; "E.g., choose w to be i.i.d. N(0, 1/sqrt(n))". Every statement checked by simulation:
// n = 256 inputs, 8 outputs, 400 draws of W, E[W W^T] estimated by the average.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <functional>
#include <string>

namespace backprop_lecture {

namespace {

using M = dlc::Matrix<double>;

struct Moments {
    double diag_mean, diag_min, diag_max, off_max;
};

Moments summarize(const M& S) {
    Moments m{0, 1e300, -1e300, 0};
    const std::size_t k = S.shape(0);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = 0; b < k; ++b) {
            if (a == b) {
                m.diag_mean += S(a, a) / double(k);
                m.diag_min = std::min(m.diag_min, S(a, a));
                m.diag_max = std::max(m.diag_max, S(a, a));
            } else {
                m.off_max = std::max(m.off_max, std::abs(S(a, b)));
            }
        }
    return m;
}

}  // namespace

void init_variance(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = 256, k = 8, trials = c.quick() ? 100 : 400;
    out << "W is " << k << " x " << n << " (n = " << n << " inputs, " << k << " outputs); E[W W^T] is the average of "
        << "W W^T over " << trials << " independent draws. For i.i.d. entries, E[W W^T] = n E[w^2] I + n E[w]^2 (1 1^T "
           "- I): the diagonal is n E[w^2], the off-diagonal n E[w]^2.\n";

    struct Law {
        std::string name, key;
        std::function<double(dlc::Rng&)> draw;
        double second_moment, mean;
    };
    const double sn = std::sqrt(double(n));
    const std::vector<Law> laws = {
        {"N(0, sd 1/sqrt(n)): the notes' example, 1/sqrt(n) read as the standard deviation", "normal_sd",
         [sn](dlc::Rng& r) { return r.normal(0, 1 / sn); }, 1 / double(n), 0},
        {"N(0, variance 1/sqrt(n)): the same symbols read as the variance", "normal_variance",
         [sn](dlc::Rng& r) { return r.normal(0, std::sqrt(1 / sn)); }, 1 / sn, 0},
        {"E[w] = 0 only (here N(0, 1)): 'just choose E[w] = 0'", "zero_mean_unit_variance",
         [](dlc::Rng& r) { return r.normal(0, 1); }, 1, 0},
        {"uniform on [-sqrt(3/n), sqrt(3/n)]: E[w] = 0, E[w^2] = 1/n", "uniform",
         [sn](dlc::Rng& r) { return r.uniform(-std::sqrt(3.0) / sn, std::sqrt(3.0) / sn); }, 1 / double(n), 0},
        {"mean 0.1, sd 1/sqrt(n): not zero-mean", "nonzero_mean",
         [sn](dlc::Rng& r) { return r.normal(0.1, 1 / sn); }, 1 / double(n) + 0.01, 0.1},
    };
    dlc::TextTable t({"distribution of each w", "n E[w^2] (theory)", "n E[w]^2 (theory)", "mean diagonal of avg W W^T",
                      "diagonal range", "max |off-diagonal|", "E[W W^T] = I?"});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& law : laws) {
        M S = xt::zeros<double>({k, k});
        M W = M::from_shape({k, n});
        for (std::size_t tr = 0; tr < trials; ++tr) {
            for (auto& v : W) v = law.draw(c.rng());
            S += xt::linalg::dot(W, xt::transpose(W));
        }
        S /= double(trials);
        const Moments m = summarize(S);
        const double diag_theory = double(n) * law.second_moment, off_theory = double(n) * law.mean * law.mean;
        // Within sampling error of I: for normal entries with E[w^2] = 1/n, a diagonal entry sum_j w_j^2 has sd
        // sqrt(2/n) and an off-diagonal one sum_j w_aj w_bj sd 1/sqrt(n); averaged over the trials, divide by
        // sqrt(trials). Allow 5 standard deviations.
        const double sd_diag = std::sqrt(2.0 / double(n * trials)), sd_off = 1 / std::sqrt(double(n * trials));
        const bool identity = std::abs(m.diag_min - 1) < 5 * sd_diag && std::abs(m.diag_max - 1) < 5 * sd_diag &&
                              m.off_max < 5 * sd_off;
        t.row({law.name, dlc::fmt(diag_theory, 4), dlc::fmt(off_theory, 4), dlc::fmt(m.diag_mean, 4),
               dlc::fmt(m.diag_min, 4) + " .. " + dlc::fmt(m.diag_max, 4), dlc::fmt(m.off_max, 3), identity ? "yes" : "no"});
        rows.push_back({{"distribution", law.key},
                        {"diagonal_theory", diag_theory},
                        {"off_diagonal_theory", off_theory},
                        {"diagonal_mean", m.diag_mean},
                        {"diagonal_min", m.diag_min},
                        {"diagonal_max", m.diag_max},
                        {"off_diagonal_max", m.off_max},
                        {"identity", identity}});
    }
    out << t.str();
    c.set("inputs", n);
    c.set("outputs", k);
    c.set("trials", trials);
    c.set("distributions", rows);

    // "C = (1/|Data|) sum (Wx)(Wx)^T = W W^T" for whitened inputs: exact when the data's covariance is exactly I.
    const std::size_t N = 2000;
    M X = M::from_shape({N, n});
    for (auto& v : X) v = c.rng().normal();
    // Whiten the sample exactly: centre, then multiply by the inverse Cholesky factor of its covariance.
    dlc::Vector<double> mu = xt::mean(X, {0});
    for (std::size_t i = 0; i < N; ++i) xt::row(X, i) -= mu;
    M Cx = xt::linalg::dot(xt::transpose(X), X) / double(N);
    const M L = xt::linalg::cholesky(Cx);
    X = xt::transpose(xt::linalg::solve(L, xt::transpose(X)));  // rows L^{-1} x_i: covariance I
    M W = M::from_shape({k, n});
    for (auto& v : W) v = c.rng().normal(0, 1 / sn);
    const M WX = xt::linalg::dot(X, xt::transpose(W));  // rows (W x_i)^T
    const M C_out = xt::linalg::dot(xt::transpose(WX), WX) / double(N);
    const double err = xt::amax(xt::abs(C_out - xt::linalg::dot(W, xt::transpose(W))))();
    out << "With " << N << " inputs whitened exactly (covariance I to rounding), (1/|Data|) sum (W x)(W x)^T equals "
        << "W W^T to " << dlc::fmt(err, 2) << ".\n"
        << "So the statements hold as follows: zero-mean, uncorrelated weights make the off-diagonals vanish (the "
           "non-zero mean gives n E[w]^2 = 2.56 there); the diagonal is n E[w^2], so E[W W^T] = I needs E[w^2] = 1/n "
           "(variance 1/n), which N(0, 1/sqrt(n)) gives when 1/sqrt(n) is the standard deviation, and which a zero "
           "mean alone does not give (E[w] = 0 with unit variance leaves n = 256 on the diagonal).\n";
    c.set("whitened_output_covariance_vs_WWT", err);
    if (err < 1e-9) c.agrees("the covariance (1/|Data|) sum (Wx)(Wx)^T of the next layer's inputs, for whitened inputs",
                            "W W^T, to " + dlc::fmt(err, 2));
    c.note("L13's condition for E[W W^T] = I, as extracted",
           "The extracted L13 text reads 'On the diagonal, we'd be adding n E[w^2], so we get n E[w]. To make it "
           "identity, we just have to choose E[w] = 0. E.g., choose w to be i.i.d. N(0, 1/sqrt(n))'. Taken literally, "
           "E[w] = 0 is not enough: the simulation leaves 256 on the diagonal for unit-variance weights. What makes it "
           "the identity is E[w^2] = 1/n, which the example satisfies if N(0, 1/sqrt(n)) names the standard deviation "
           "(with 1/sqrt(n) as the variance the diagonal is sqrt(n) = 16). The handwriting may read E[w^2] = 1/n; the "
           "extraction cannot tell, so this is a note.");
}

}  // namespace backprop_lecture
