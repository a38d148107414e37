// lib/graphical, Bahng ch. 9.1 and Definition 9.8: linear-Gaussian DAGs (Example 9.4), undirected models by
// enumeration, the Bernoulli pairwise MRF; every closed form against brute force, and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "graphical/binary_states.hpp"
#include "graphical/dag.hpp"
#include "graphical/linear_gaussian.hpp"
#include "graphical/pairwise_mrf.hpp"
#include "graphical/undirected.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>

BOOST_AUTO_TEST_SUITE(graphical_models)

namespace {

using dlc::Matrix;
using dlc::Vector;

// Example 9.4: x1 -> x2, x1 -> x3, x2 -> x3 with w21 = 0.8, w31 = -0.5, w32 = 1.5, b = (1, -2, 0.5), v = (1, 0.5, 2).
dlc::LinearGaussianDag example_9_4() {
    Matrix<double> W = xt::zeros<double>({3, 3});
    W(1, 0) = 0.8;
    W(2, 0) = -0.5;
    W(2, 1) = 1.5;
    return dlc::make_linear_gaussian(W, Vector<double>{1.0, -2.0, 0.5}, Vector<double>{1.0, 0.5, 2.0});
}

// A random DAG over D nodes whose topological order is a random permutation (so not simply 1..D).
dlc::LinearGaussianDag random_dag(std::size_t D, dlc::Rng& rng) {
    const auto perm = rng.permutation(D);
    Matrix<double> W = xt::zeros<double>({D, D});
    for (std::size_t a = 0; a < D; ++a)
        for (std::size_t c = a + 1; c < D; ++c)
            if (rng.uniform() < 0.6) W(perm[c], perm[a]) = rng.uniform(-1.5, 1.5);
    Vector<double> b = xt::zeros<double>({D}), v = xt::zeros<double>({D});
    for (std::size_t i = 0; i < D; ++i) {
        b(i) = rng.uniform(-2, 2);
        v(i) = rng.uniform(0.2, 2);
    }
    return dlc::make_linear_gaussian(W, b, v);
}

double max_abs(const Matrix<double>& a, const Matrix<double>& b) { return xt::amax(xt::abs(a - b))(); }
double max_abs(const Vector<double>& a, const Vector<double>& b) { return xt::amax(xt::abs(a - b))(); }

// log N(x | mu, S) for a small covariance, by LAPACK (independent of the DAG factorization).
double mvn_log_density(const Vector<double>& x, const Vector<double>& mu, const Matrix<double>& S) {
    const Matrix<double> P = xt::linalg::inv(S);
    const Vector<double> r = x - mu;
    const double q = xt::linalg::dot(r, xt::linalg::dot(P, r))();
    return -0.5 * (double(x.size()) * std::log(2 * M_PI) + std::log(xt::linalg::det(S)) + q);
}

// The colds model of Example 9.8 (h_y, h_c, h_r) with the printed table on both cliques.
dlc::UndirectedModel colds() {
    const std::vector<double> table{2, 1, 1, 10};  // (0,0), (0,1), (1,0), (1,1)
    return dlc::make_undirected_model(3, {{{0, 1}, table}, {{0, 2}, table}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(example_9_4_by_hand) {
    const auto dag = example_9_4();
    BOOST_TEST((dag.order == std::vector<std::size_t>{0, 1, 2}));
    // E[x1] = 1, E[x2] = 0.8 * 1 - 2 = -1.2, E[x3] = -0.5 * 1 + 1.5 * (-1.2) + 0.5 = -1.8.
    BOOST_TEST(max_abs(dlc::mean_by_recursion(dag), Vector<double>{1.0, -1.2, -1.8}) < 1e-15);
    // S11 = 1, S12 = 0.8, S22 = 0.64 + 0.5 = 1.14, S13 = -0.5 + 1.5 * 0.8 = 0.7,
    // S23 = -0.5 * 0.8 + 1.5 * 1.14 = 1.31, S33 = -0.5 * 0.7 + 1.5 * 1.31 + 2 = 3.615.
    const Matrix<double> expected{{1.0, 0.8, 0.7}, {0.8, 1.14, 1.31}, {0.7, 1.31, 3.615}};
    BOOST_TEST(max_abs(dlc::covariance_by_recursion(dag), expected) < 1e-14);
    BOOST_TEST(max_abs(dlc::covariance_closed_form(dag), expected) < 1e-12);
    BOOST_TEST(max_abs(dlc::mean_closed_form(dag), Vector<double>{1.0, -1.2, -1.8}) < 1e-12);
    // Applied to every pair without the order condition the recursion gives Sigma_31 = 0 (pa_1 is empty).
    const Matrix<double> R = dlc::covariance_recursion_unordered(dag);
    BOOST_TEST(R(2, 0) == 0.0);
    BOOST_TEST(std::abs(R(0, 2) - 0.7) < 1e-15);
}

BOOST_AUTO_TEST_CASE(recursions_equal_closed_form_on_random_dags) {
    dlc::Rng rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        const auto dag = random_dag(2 + trial % 6, rng);
        BOOST_TEST(max_abs(dlc::mean_by_recursion(dag), dlc::mean_closed_form(dag)) < 1e-10);
        BOOST_TEST(max_abs(dlc::covariance_by_recursion(dag), dlc::covariance_closed_form(dag)) < 1e-10);
    }
}

BOOST_AUTO_TEST_CASE(log_density_is_the_multivariate_normal) {
    dlc::Rng rng(3);
    for (int trial = 0; trial < 10; ++trial) {
        const auto dag = random_dag(4, rng);
        const auto mu = dlc::mean_closed_form(dag);
        const auto S = dlc::covariance_closed_form(dag);
        const Vector<double> x{rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)};
        BOOST_TEST(std::abs(dlc::log_density(dag, x) - mvn_log_density(x, mu, S)) < 1e-10);
    }
}

BOOST_AUTO_TEST_CASE(gaussian_mrf_form_inverts_the_covariance) {
    dlc::Rng rng(5);
    for (int trial = 0; trial < 10; ++trial) {
        const auto dag = random_dag(5, rng);
        const auto mrf = dlc::gaussian_mrf_form(dag);
        const Matrix<double> JS = xt::linalg::dot(mrf.J, dlc::covariance_closed_form(dag));
        BOOST_TEST(max_abs(JS, xt::eye<double>(5)) < 1e-10);  // J = Sigma^{-1}
        const Vector<double> mu = xt::linalg::solve(mrf.J, mrf.g);
        BOOST_TEST(max_abs(mu, dlc::mean_closed_form(dag)) < 1e-10);  // mu = J^{-1} g
    }
}

BOOST_AUTO_TEST_CASE(ancestral_samples_have_the_moments) {
    const auto dag = example_9_4();
    dlc::Rng rng(11);
    const Matrix<double> X = dlc::ancestral_sample(dag, 100000, rng);
    const Vector<double> m = xt::mean(X, {0});
    const Matrix<double> C = xt::linalg::dot(xt::transpose(X - m), X - m) / double(X.shape(0) - 1);
    // Standard errors: sd(x3) / sqrt(n) = 1.9 / 316 = 0.006; 0.03 is five of them.
    BOOST_TEST(max_abs(m, dlc::mean_closed_form(dag)) < 0.03);
    BOOST_TEST(max_abs(C, dlc::covariance_closed_form(dag)) < 0.06);
    dlc::Rng a(4), b(4);
    BOOST_TEST(max_abs(dlc::ancestral_sample(dag, 10, a), dlc::ancestral_sample(dag, 10, b)) == 0.0);
}

BOOST_AUTO_TEST_CASE(dag_bad_inputs) {
    Matrix<double> W = xt::zeros<double>({3, 3});
    W(1, 0) = 0.8;
    W(2, 1) = 1.5;
    W(0, 2) = 0.3;  // x3 -> x1 closes the cycle x1 -> x2 -> x3 -> x1
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::topological_order(W); }, {"topological_order", "cycle", "x_1"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_linear_gaussian(W, Vector<double>{0, 0, 0}, Vector<double>{1, 1, 1}); }, {"cycle"});
    Matrix<double> self = xt::zeros<double>({2, 2});
    self(1, 1) = 0.5;  // a self-loop is a cycle
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::topological_order(self); }, {"cycle", "x_2"});
    const Matrix<double> ok = xt::zeros<double>({3, 3});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_linear_gaussian(ok, Vector<double>{0, 0, 0}, Vector<double>{1, -0.5, 1}); },
        {"make_linear_gaussian", "v_2", "-0.5"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_linear_gaussian(ok, Vector<double>{0, 0, 0}, Vector<double>{1, 0, 1}); }, {"v_2"});
    dlc_test::check_throws<dlc::ShapeError>(
        [&] { dlc::make_linear_gaussian(ok, Vector<double>{0, 0}, Vector<double>{1, 1}); }, {"W", "(2, 2)"});
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::log_density(example_9_4(), Vector<double>{1, 2}); }, {"x"});
    Matrix<double> nan = xt::zeros<double>({2, 2});
    nan(1, 0) = std::nan("");
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::topological_order(nan); }, {"non-finite"});
}

BOOST_AUTO_TEST_CASE(colds_partition_function_and_independence) {
    const auto m = colds();
    // Z = sum_{h_y} (sum_{h_c} phi(h_y, h_c))^2 = (2 + 1)^2 + (1 + 10)^2 = 9 + 121 = 130.
    BOOST_TEST(std::abs(dlc::partition_function(m) - 130.0) < 1e-12);
    const auto p = dlc::joint_table(m);
    BOOST_TEST(std::abs(p[7] - 100.0 / 130.0) < 1e-15);  // (1, 1, 1): 10 * 10 / 130
    // h_c and h_r interact only through h_y: independent given h_y, dependent without it.
    BOOST_TEST(dlc::independence_gap(p, 3, {1}, {2}, {0}) < 1e-15);
    BOOST_TEST(dlc::independence_gap(p, 3, {1}, {2}, {}) > 0.01);
    BOOST_TEST(dlc::mutual_information(p, 3, {1}, {2}) > 0.0);
    // Marginal of h_y: p(h_y = 0) = 9 / 130.
    const auto py = dlc::marginal_table(p, 3, {0});
    BOOST_TEST(std::abs(py[0] - 9.0 / 130.0) < 1e-15);
    BOOST_TEST(std::abs(py[0] + py[1] - 1.0) < 1e-15);
    // p(h_c = 1 | h_y = 1, h_r = 1) = 10 / 11 by enumeration.
    BOOST_TEST(std::abs(dlc::conditional_one(p, 3, 1, 0b101) - 10.0 / 11.0) < 1e-15);
}

BOOST_AUTO_TEST_CASE(undirected_bad_inputs) {
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(2, {{{0, 1}, {1, -1, 1, 1}}}); },
                                            {"make_undirected_model", "non-negative"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(2, {{{0, 1}, {1, 1, 1}}}); },
                                            {"4 values"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(2, {{{0, 2}, {1, 1, 1, 1}}}); },
                                            {"out of range"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(2, {{{1, 1}, {1, 1, 1, 1}}}); },
                                            {"twice"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(0, {}); }, {"variables"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_undirected_model(40, {}); }, {"24"});
    const auto zero = dlc::make_undirected_model(1, {{{0}, {0, 0}}});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::partition_function(zero); }, {"Z = 0"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::marginal_table({0.5, 0.5}, 2, {0}); }, {"2^2"});
}

BOOST_AUTO_TEST_CASE(pairwise_conditional_equals_enumeration) {
    dlc::Rng rng(19);
    for (int trial = 0; trial < 5; ++trial) {
        const std::size_t n = 3 + trial;
        Vector<double> theta = xt::zeros<double>({n});
        for (auto& t : theta) t = rng.uniform(-2, 2);
        std::vector<dlc::MrfEdge> edges;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                if (rng.uniform() < 0.6) edges.push_back({i, j, rng.uniform(-2, 2)});
        const auto mrf = dlc::make_pairwise_mrf(theta, edges);
        const auto p = dlc::joint_table(dlc::mrf_as_cliques(mrf));
        double Z = 0;  // the clique form gives the same unnormalized weights exp(score)
        for (std::size_t s = 0; s < p.size(); ++s) Z += std::exp(dlc::mrf_score(mrf, dlc::binary_state<double>(s, n)));
        for (std::size_t s = 0; s < p.size(); ++s) {
            const auto x = dlc::binary_state<double>(s, n);
            BOOST_TEST(std::abs(p[s] - std::exp(dlc::mrf_score(mrf, x)) / Z) < 1e-12);
            for (std::size_t k = 0; k < n; ++k)
                BOOST_TEST(std::abs(dlc::conditional_one(p, n, k, s) - dlc::mrf_conditional(mrf, k, x)) < 1e-12);
        }
    }
}

BOOST_AUTO_TEST_CASE(four_cycle_markov_properties) {
    // Example 9.7's graph A - C - B - D - A as x1 - x2 - x3 - x4 - x1: x1 and x3 are independent given {x2, x4}
    // (Definition 9.5), and p(x_k | x_-k) depends only on the neighbours (Definition 9.6).
    const auto mrf = dlc::make_pairwise_mrf(Vector<double>{0.3, -0.7, 1.1, -0.2},
                                            {{0, 1, 1.2}, {1, 2, -0.8}, {2, 3, 0.9}, {3, 0, -1.4}});
    const auto p = dlc::joint_table(dlc::mrf_as_cliques(mrf));
    BOOST_TEST(dlc::independence_gap(p, 4, {0}, {2}, {1, 3}) < 1e-15);
    BOOST_TEST(dlc::independence_gap(p, 4, {0}, {2}, {}) > 1e-3);
    BOOST_TEST(dlc::independence_gap(p, 4, {0}, {2}, {1}) > 1e-3);
    for (std::size_t s = 0; s < 16; ++s)  // flipping x3 (not a neighbour of x1) leaves p(x1 = 1 | rest) unchanged
        BOOST_TEST(std::abs(dlc::conditional_one(p, 4, 0, s) - dlc::conditional_one(p, 4, 0, s ^ 0b0010)) < 1e-15);
    BOOST_TEST((dlc::mrf_neighbours(mrf, 0) == std::vector<std::size_t>{1, 3}));
}

BOOST_AUTO_TEST_CASE(quadratic_energy_is_a_pairwise_mrf) {
    // E(x) = -x^T U x - b^T x on binary x is Definition 9.8's model with theta_i = b_i + U_ii, theta_ij = U_ij + U_ji.
    dlc::Rng rng(23);
    const std::size_t n = 5;
    Matrix<double> U = xt::zeros<double>({n, n});
    for (auto& u : U) u = rng.uniform(-1, 1);
    Vector<double> b = xt::zeros<double>({n});
    for (auto& v : b) v = rng.uniform(-1, 1);
    const auto mrf = dlc::mrf_from_quadratic_energy(U, b);
    for (std::size_t s = 0; s < (1u << n); ++s) {
        const auto x = dlc::binary_state<double>(s, n);
        const double minus_E = xt::linalg::dot(x, xt::linalg::dot(U, x))() + xt::linalg::dot(b, x)();
        BOOST_TEST(std::abs(dlc::mrf_score(mrf, x) - minus_E) < 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(pairwise_bad_inputs) {
    const auto mrf = dlc::make_pairwise_mrf(Vector<double>{0.1, 0.2}, {{0, 1, 0.5}});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::mrf_score(mrf, Vector<double>{1, 0.5}); },
                                            {"mrf_score", "binary", "x[1]", "0.5"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::mrf_conditional(mrf, 0, Vector<double>{2, 0}); }, {"binary"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::mrf_conditional(mrf, 5, Vector<double>{1, 0}); },
                                            {"out of range"});
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::mrf_score(mrf, Vector<double>{1, 0, 1}); }, {"x"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_pairwise_mrf(Vector<double>{0, 0}, {{1, 1, 0.5}}); },
                                            {"self-loop"});
    dlc_test::check_throws<dlc::ValueError>(
        [] { dlc::make_pairwise_mrf(Vector<double>{0, 0}, {{0, 1, 0.5}, {1, 0, 0.2}}); }, {"twice"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::make_pairwise_mrf(Vector<double>{0, 0}, {{0, 3, 0.5}}); },
                                            {"out of range"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::state_index(Vector<double>{0, 1, -1}); }, {"binary"});
}

BOOST_AUTO_TEST_SUITE_END()
