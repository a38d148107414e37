// Worked examples of the boltzmann lecture (Bahng ch. 9), every expected number derived by hand in the comments
// (never pasted from program output): Example 9.4's moments and the conditional's indices, Example 9.8's colds
// table, Definition 9.8's conditional on two nodes, a 1 x 1 RBM (Lemma 9.3, Theorem 9.4 and the sign of dE/dW),
// and Definition 9.12 on one visible and one hidden unit. Errata are tested as the corrected value.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "graphical/gaussian_rbm.hpp"
#include "graphical/linear_gaussian.hpp"
#include "graphical/pairwise_mrf.hpp"
#include "graphical/rbm.hpp"
#include "graphical/rbm_exact.hpp"
#include "graphical/undirected.hpp"

#include <algorithm>
#include <cmath>

BOOST_AUTO_TEST_SUITE(boltzmann_examples)

namespace {

using dlc::Matrix;
using dlc::Vector;

constexpr double pi = 3.14159265358979323846;
constexpr double e = 2.71828182845904523536;

double sigma(double a) { return 1.0 / (1.0 + std::exp(-a)); }

// Example 9.4: x1 -> x2, x1 -> x3, x2 -> x3, w21 = 0.8, w31 = -0.5, w32 = 1.5, b = (1, -2, 0.5), v = (1, 0.5, 2).
dlc::LinearGaussianDag example_9_4() {
    Matrix<double> W = xt::zeros<double>({3, 3});
    W(1, 0) = 0.8;
    W(2, 0) = -0.5;
    W(2, 1) = 1.5;
    return dlc::make_linear_gaussian(W, Vector<double>{1.0, -2.0, 0.5}, Vector<double>{1.0, 0.5, 2.0});
}

}  // namespace

BOOST_AUTO_TEST_CASE(example_9_4_moments_by_hand) {
    // E[x1] = b1 = 1; E[x2] = 0.8 * 1 - 2 = -1.2; E[x3] = -0.5 * 1 + 1.5 * (-1.2) + 0.5 = -1.8.
    // Sigma_11 = v1 = 1; Sigma_12 = w21 Sigma_11 = 0.8; Sigma_22 = w21 Sigma_21 + v2 = 0.64 + 0.5 = 1.14;
    // Sigma_13 = w31 Sigma_11 + w32 Sigma_12 = -0.5 + 1.2 = 0.7; Sigma_23 = w31 Sigma_21 + w32 Sigma_22 = -0.4 + 1.71 = 1.31;
    // Sigma_33 = w31 Sigma_31 + w32 Sigma_32 + v3 = -0.35 + 1.965 + 2 = 3.615.
    const Vector<double> mu{1.0, -1.2, -1.8};
    const Matrix<double> S{{1.0, 0.8, 0.7}, {0.8, 1.14, 1.31}, {0.7, 1.31, 3.615}};
    const auto dag = example_9_4();
    for (const auto& m : {dlc::mean_by_recursion(dag), dlc::mean_closed_form(dag)})
        for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(std::abs(m(i) - mu(i)) < 1e-12);
    for (const auto& C : {dlc::covariance_by_recursion(dag), dlc::covariance_closed_form(dag)})
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j) BOOST_TEST(std::abs(C(i, j) - S(i, j)) < 1e-12);
}

BOOST_AUTO_TEST_CASE(example_9_4_conditional_carries_the_childs_bias) {
    // Erratum: the notes print N(x_i | w_ij x_j + b_j, v_i). For x2 with its one parent x1 the regression of x2 on x1
    // has slope Sigma_12 / Sigma_11 = 0.8 = w21 and intercept E[x2] - 0.8 E[x1] = -1.2 - 0.8 = -2 = b_2 (not b_1 = 1),
    // residual variance Sigma_22 - 0.8^2 Sigma_11 = 1.14 - 0.64 = 0.5 = v_2.
    const auto dag = example_9_4();
    const auto mu = dlc::mean_closed_form(dag);
    const auto S = dlc::covariance_closed_form(dag);
    const double slope = S(0, 1) / S(0, 0);
    BOOST_TEST(std::abs(slope - 0.8) < 1e-12);
    BOOST_TEST(std::abs((mu(1) - slope * mu(0)) - (-2.0)) < 1e-12);
    BOOST_TEST(std::abs((S(1, 1) - slope * S(0, 1)) - 0.5) < 1e-12);
}

BOOST_AUTO_TEST_CASE(example_9_8_colds_table) {
    // Table 1 on both cliques {h_y, h_c} and {h_y, h_r}: phi(0,0) = 2, phi(0,1) = phi(1,0) = 1, phi(1,1) = 10.
    const std::vector<double> table{2, 1, 1, 10};
    const auto m = dlc::make_undirected_model(3, {{{0, 1}, table}, {{0, 2}, table}});
    // Erratum: the state (1, 1) gets the maximum, which is 10 (printed "1").
    const double largest = *std::max_element(table.begin(), table.end());
    BOOST_TEST(largest == 10.0);
    BOOST_TEST(table[3] == 10.0);
    // Z = (2 + 1)^2 + (1 + 10)^2 = 130; the most likely state, all healthy, has 10 * 10 / 130.
    BOOST_TEST(std::abs(dlc::partition_function(m) - 130.0) < 1e-12);
    const auto p = dlc::joint_table(m);
    BOOST_TEST(std::abs(p[0b111] - 100.0 / 130.0) < 1e-15);
    const auto argmax = static_cast<long>(std::max_element(p.begin(), p.end()) - p.begin());
    BOOST_TEST(argmax == 0b111);
    // Checked: if you are sick your coworker likely is too: p(h_c = 0 | h_y = 0) = 2 / (2 + 1) = 2/3
    // (h_r summed out cancels: both numerator and denominator carry (2 + 1)).
    const double p00 = p[0b000] + p[0b001], p01 = p[0b010] + p[0b011];
    BOOST_TEST(std::abs(p00 / (p00 + p01) - 2.0 / 3.0) < 1e-15);
}

BOOST_AUTO_TEST_CASE(definition_9_8_conditional_on_two_nodes) {
    // theta_1 = 0.5, theta_2 = -1, theta_12 = 2. Scores sum x_i x_j theta_ij + sum x_i theta_i:
    // (0,0) 0, (1,0) 0.5, (0,1) -1, (1,1) 1.5, so p(x1 = 1 | x2 = 1) = e^1.5 / (e^-1 + e^1.5) = sigma(2.5)
    // = sigma(theta_1 + theta_12 x2), and p(x1 = 1 | x2 = 0) = e^0.5 / (1 + e^0.5) = sigma(0.5).
    const auto mrf = dlc::make_pairwise_mrf(Vector<double>{0.5, -1.0}, {{0, 1, 2.0}});
    BOOST_TEST(std::abs(dlc::mrf_score(mrf, Vector<double>{1, 1}) - 1.5) < 1e-15);
    BOOST_TEST(std::abs(dlc::mrf_conditional(mrf, 0, Vector<double>{0, 1}) - sigma(2.5)) < 1e-15);
    BOOST_TEST(std::abs(dlc::mrf_conditional(mrf, 0, Vector<double>{0, 0}) - sigma(0.5)) < 1e-15);
    // Erratum: the printed last line sigma(-theta_k x_k - sum x_j theta_kj) at x1 = 1, x2 = 1 is sigma(-2.5)
    // = 1 - sigma(2.5) = 0.0759, not p = 0.9241.
    BOOST_TEST(std::abs(sigma(-2.5) - (1.0 - dlc::mrf_conditional(mrf, 0, Vector<double>{1, 1}))) < 1e-15);
    BOOST_TEST(std::abs(dlc::mrf_conditional(mrf, 0, Vector<double>{1, 1}) - 0.9241418199787566) < 1e-15);
}

BOOST_AUTO_TEST_CASE(rbm_one_by_one) {
    // One visible x and one hidden h, W = 1, b = c = 0: E(x, h) = -h x, e^{-E} = 1, 1, 1, e for (x, h) = 00, 01, 10, 11.
    const auto rbm = dlc::make_rbm<double>(Matrix<double>{{1.0}}, Vector<double>{0.0}, Vector<double>{0.0});
    // Z = 3 + e.
    BOOST_TEST(std::abs(dlc::log_partition_exact(rbm) - std::log(3.0 + e)) < 1e-12);
    // Lemma 9.3: F(1) = -c - softplus(b + W) = -log(1 + e), F(0) = -log 2; p(x = 1) = (1 + e) / (3 + e).
    BOOST_TEST(std::abs(dlc::free_energy(rbm, Vector<double>{1.0}) + std::log(1.0 + e)) < 1e-12);
    BOOST_TEST(std::abs(dlc::free_energy(rbm, Vector<double>{0.0}) + std::log(2.0)) < 1e-12);
    BOOST_TEST(std::abs(dlc::mean_log_likelihood_exact(rbm, Matrix<double>{{1.0}}) - std::log((1.0 + e) / (3.0 + e))) <
               1e-12);
    // Lemma 9.2: p(h = 1 | x = 1) = sigma(1); p(x = 1 | h = 0) = sigma(0) = 1/2.
    BOOST_TEST(std::abs(dlc::hidden_probabilities(rbm, Matrix<double>{{1.0}})(0, 0) - sigma(1.0)) < 1e-15);
    BOOST_TEST(std::abs(dlc::visible_probabilities(rbm, Matrix<double>{{0.0}})(0, 0) - 0.5) < 1e-15);
    // Erratum: dE/dW at x = h = 1 is -h x = -1 (printed h_j x_k): E(W) = -W, so (E(1 + d) - E(1 - d)) / 2d = -1.
    const double d = 1e-6;
    const auto shifted = [&](double w) {
        return dlc::rbm_energy(dlc::make_rbm<double>(Matrix<double>{{w}}, Vector<double>{0.0}, Vector<double>{0.0}),
                               Vector<double>{1.0}, Vector<double>{1.0});
    };
    BOOST_TEST(std::abs((shifted(1 + d) - shifted(1 - d)) / (2 * d) - (-1.0)) < 1e-8);
    // Theorem 9.4 at x = 1: d(-log p(1))/dW = E_h[-h x | x] - E_{x,h}[-h x] = -sigma(1) + e / (3 + e), since
    // E_{x,h}[h x] = p(x = 1, h = 1) = e / (3 + e). Erratum: the model term E_{x,h}[dE/dW] is -e/(3 + e), not
    // the printed sum h(x) x^T p(x, h) = +e/(3 + e); with the printed sign the gradient would be -sigma(1) - e/(3 + e).
    const double exact = -sigma(1.0) + e / (3.0 + e);
    BOOST_TEST(std::abs(dlc::nll_gradient_exact(rbm, Matrix<double>{{1.0}}).W(0, 0) - exact) < 1e-12);
    BOOST_TEST(std::abs(dlc::theorem_9_4_gradient(rbm, Vector<double>{1.0}).W(0, 0) - exact) < 1e-12);
    // b and c: d/db = -sigma(1) + E[h] = -sigma(1) + (1 + e)/(3 + e); d/dc = -1 + E[x] = -1 + (1 + e)/(3 + e).
    const auto g = dlc::nll_gradient_exact(rbm, Matrix<double>{{1.0}});
    BOOST_TEST(std::abs(g.b(0) - (-sigma(1.0) + (1.0 + e) / (3.0 + e))) < 1e-12);
    BOOST_TEST(std::abs(g.c(0) - (-1.0 + (1.0 + e) / (3.0 + e))) < 1e-12);
}

BOOST_AUTO_TEST_CASE(definition_9_12_one_visible_one_hidden) {
    // Corrected first energy (sigma = 1, +x^2/2), W = 1, b = 0, c = 0: E(x, h) = x^2/2 - h x.
    // For h = 0: int e^{-x^2/2} dx = sqrt(2 pi); for h = 1: int e^{-(x - 1)^2/2 + 1/2} dx = sqrt(2 pi) e^{1/2}.
    // Z = sqrt(2 pi) (1 + e^{1/2}), and p(x | h = 1) = N(1, 1) = N(c + W^T h, I) as the notes say.
    // (As printed, -x^2/2: int_{-L}^{L} e^{x^2/2} dx >= e^{(L-1)^2/2} for L >= 1, unbounded, so no Z exists.)
    const auto g = dlc::make_gaussian_rbm(Matrix<double>{{1.0}}, Vector<double>{0.0}, Vector<double>{0.0},
                                          Vector<double>{1.0});
    BOOST_TEST(std::abs(dlc::log_partition_exact(g) - std::log(std::sqrt(2 * pi) * (1.0 + std::exp(0.5)))) < 1e-12);
    BOOST_TEST(std::abs(dlc::visible_conditional_mean(g, Vector<double>{1.0})(0) - 1.0) < 1e-15);
    // log N(2 | 1, 1) = -1/2 log(2 pi) - 1/2.
    BOOST_TEST(std::abs(dlc::log_visible_conditional(g, Vector<double>{2.0}, Vector<double>{1.0}) -
                        (-0.5 * std::log(2 * pi) - 0.5)) < 1e-12);
    // With sigma = 2 (the second energy), c = 0.5: p(x | h = 1) = N(0.5 + 2 * 1, 4); Z for h = 0 is sqrt(2 pi) 2.
    const auto g2 = dlc::make_gaussian_rbm(Matrix<double>{{1.0}}, Vector<double>{0.0}, Vector<double>{0.5},
                                           Vector<double>{2.0});
    BOOST_TEST(std::abs(dlc::visible_conditional_mean(g2, Vector<double>{1.0})(0) - 2.5) < 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
