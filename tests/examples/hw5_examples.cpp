// Homework 5's answers, with the expected numbers derived by hand in the comments: Q1's optimum, eigenvalues,
// critical step and the divergence of eta = 0.1; Q2's friend's network labels (reconstructed HW2 data), the
// student's network shapes, and its first SGD steps against the homework solution's own NumPy code
// (tests/fixtures/hw5_first_steps.json, written by tests/fixtures/make_hw5_fixture.py).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include "../fixture.hpp"

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "hw5/network.hpp"
#include "optim/quadratic.hpp"

#include <nlohmann/json.hpp>
#include <xtensor/xnorm.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>

BOOST_AUTO_TEST_SUITE(hw5_examples)

namespace {

namespace tt = boost::test_tools;

// R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1.
dlc::Quadratic hw5_R() { return dlc::Quadratic::from_coefficients_2d(13, -10, 2, 4, -2, 1); }

const nlohmann::json& fixture() {
    static const nlohmann::json j = dlc_test::load_fixture("hw5_first_steps.json");
    return j;
}

dlc::Tensor<double> tensor(const nlohmann::json& j) { return dlc_test::tensor_from_json(j); }

void check_close(const dlc::Tensor<double>& got, const nlohmann::json& want, double tol) {
    const dlc::Tensor<double> w = tensor(want);
    BOOST_TEST_REQUIRE(got.size() == w.size());
    for (std::size_t i = 0; i < w.size(); ++i) BOOST_TEST(got.data()[i] == w.data()[i], tt::tolerance(tol));
}

}  // namespace

// ============================================================ Q1 (a): the optimum
//
// grad R = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2), so H = [[26, -10], [-10, 4]] and g = (4, -2).
// grad R = 0: 2.5 x the second row gives -25 w1 + 10 w2 - 5 = 0; adding the first: w1 - 1 = 0, so w1 = 1;
// then -10 + 4 w2 - 2 = 0 gives w2 = 3. R(1, 3) = 13 - 30 + 4 + 18 - 6 + 1 = 0.
BOOST_AUTO_TEST_CASE(q1_optimum) {
    const auto q = hw5_R();
    BOOST_TEST(q.hessian()(0, 0) == 26.0);
    BOOST_TEST(q.hessian()(0, 1) == -10.0);
    BOOST_TEST(q.hessian()(1, 1) == 4.0);
    BOOST_TEST(q.linear()(0) == 4.0);
    BOOST_TEST(q.linear()(1) == -2.0);
    const auto w = dlc::stationary_point(q);
    BOOST_TEST(w(0) == 1.0, tt::tolerance(1e-12));
    BOOST_TEST(w(1) == 3.0, tt::tolerance(1e-12));
    BOOST_TEST(q.value(w) == 0.0, tt::tolerance(1e-12));
    const auto g = q.gradient(w);
    BOOST_TEST(std::abs(g(0)) + std::abs(g(1)) < 1e-12);
}

// ============================================================ Q1 (c): eigenvalues and the critical step
//
// det(H - lambda I) = (26 - lambda)(4 - lambda) - 100 = lambda^2 - 30 lambda + 4, so
// lambda = 15 -+ sqrt(225 - 4) = 15 -+ sqrt(221) = 0.1339312..., 29.8660687...
// Critical step 2 / lambda_max = 2 / 29.8660687 = 0.0669656; fastest rate at 2 / (lambda_min + lambda_max) = 2/30.
// eta = 0.1: |1 - 0.1 lambda_max| = 1.98660687 > 1 (diverges); eta = 0.05: max(|1 - 0.05 * 0.1339|,
// |1 - 0.05 * 29.866|) = max(0.99330, 0.49330) < 1 (converges); eta = 0.02: 1 - 0.02 * 0.1339 = 0.997321.
BOOST_AUTO_TEST_CASE(q1_eigenvalues_and_critical_step) {
    const auto q = hw5_R();
    const double s = std::sqrt(221.0);
    const auto lambda = dlc::hessian_eigenvalues(q);
    BOOST_TEST(lambda(0) == 15 - s, tt::tolerance(1e-12));
    BOOST_TEST(lambda(1) == 15 + s, tt::tolerance(1e-12));
    BOOST_TEST(dlc::critical_step(q) == 2 / (15 + s), tt::tolerance(1e-12));
    BOOST_TEST(dlc::critical_step(q) == 0.0669656, tt::tolerance(1e-6));
    BOOST_TEST(dlc::optimal_step(q) == 1.0 / 15, tt::tolerance(1e-12));
    BOOST_TEST(dlc::contraction_factor(q, 0.1) == 0.1 * (15 + s) - 1, tt::tolerance(1e-12));
    BOOST_TEST(dlc::contraction_factor(q, 0.05) == 1 - 0.05 * (15 - s), tt::tolerance(1e-12));
    BOOST_TEST(dlc::contraction_factor(q, 0.02) == 1 - 0.02 * (15 - s), tt::tolerance(1e-12));
}

// ============================================================ Q1 (b): eta = 0.1 diverges, and is detected
//
// From w(0) = 0, R(0) = 1. With eta = 0.1 the error along H's top eigenvector is multiplied by
// 1 - 0.1 lambda_max = -1.98661 every step, so R grows about 1.98661^2 = 3.95 times per step and passes
// 1e6 x max(R(0), 1) = 1e6 within about log(1e6)/log(3.95) = 10 steps (a few more while the start's
// component along that eigenvector is small). The run stops with DivergenceError naming the iteration;
// the iterates kept are finite, and the ratio of the last two distances to w* is the factor 1.98661.
// With eta = 0.05 and 0.02 the 500 iterations run; the late ratio is the slow factor 1 - eta lambda_min.
BOOST_AUTO_TEST_CASE(q1_divergence_detection) {
    const auto q = hw5_R();
    const auto w_opt = dlc::stationary_point(q);
    const double s = std::sqrt(221.0);
    dlc::QuadraticTrace trace;
    dlc_test::check_throws<dlc::DivergenceError>(
        [&] { dlc::gradient_descent(q, dlc::Vector<double>{0, 0}, 0.1, 500, trace); },
        {"diverged at iteration", "R(w)"});
    BOOST_TEST(trace.w.size() >= 8u);
    BOOST_TEST(trace.w.size() <= 20u);
    const std::size_t n = trace.w.size();
    const double ratio = xt::norm_l2(trace.w[n - 1] - w_opt)() / xt::norm_l2(trace.w[n - 2] - w_opt)();
    BOOST_TEST(ratio == 0.1 * (15 + s) - 1, tt::tolerance(1e-3));
    for (double r : trace.value) BOOST_TEST(std::isfinite(r));

    for (double eta : {0.02, 0.05}) {
        BOOST_TEST_CONTEXT("eta = " << eta) {
            BOOST_REQUIRE_NO_THROW(dlc::gradient_descent(q, dlc::Vector<double>{0, 0}, eta, 500, trace));
            BOOST_TEST(trace.w.size() == 501u);
            const double late = xt::norm_l2(trace.w[500] - w_opt)() / xt::norm_l2(trace.w[499] - w_opt)();
            BOOST_TEST(late == 1 - eta * (15 - s), tt::tolerance(1e-6));
        }
    }
}

// ============================================================ Q2: the friend's network (reconstructed HW2 data)
//
// z1 = u(x2 + 1), z2 = u(-5 x1 - 3 x2 + 4.5), z3 = u(5 x1 - 3 x2 + 4.5), f = u(z1 + z2 + z3 - 2.5):
//   (0, 0):      1, 4.5, 4.5           -> all fire: f = 1
//   (0, 1.4):    2.4, 0.3, 0.3         -> f = 1 (just below the apex (0, 1.5))
//   (0, 1.6):    2.6, -0.3, -0.3       -> f = 0 (above the apex)
//   (1.4, -0.9): 0.1, 0.2, 16.2        -> f = 1 (inside the right corner)
//   (1.5, 0):    1, -3, 12             -> f = 0 (right of the edge)
//   (0, -1.1):   -0.1, 7.8, 7.8        -> f = 0 (below the base)
//   (-1.9, 1.9): 2.9, 8.3, -15.2       -> f = 0
BOOST_AUTO_TEST_CASE(q2_friend_network_labels) {
    auto net = hw5::friend_network();
    const dlc::Tensor<double> X{{0, 0}, {0, 1.4}, {0, 1.6}, {1.4, -0.9}, {1.5, 0}, {0, -1.1}, {-1.9, 1.9}};
    const double labels[] = {1, 1, 0, 1, 0, 0, 0};
    const auto f = net->forward(X);
    for (std::size_t i = 0; i < 7; ++i) BOOST_TEST_CONTEXT("point " << i) { BOOST_TEST(f(i, 0) == labels[i]); }

    // 1 000 points uniform in [-2, 2]^2: the triangle has area 3 * 2.5 / 2 = 3.75 of 16, so about 23.4% are
    // labelled 1 (binomial standard deviation sqrt(0.234 * 0.766 / 1000) = 0.013); the same seed gives the same data.
    dlc::Rng rng(5), again(5);
    const auto data = hw5::friend_data(rng);
    const auto same = hw5::friend_data(again);
    BOOST_TEST(data.X.shape(0) == 1000u);
    BOOST_TEST(data.Y.shape(1) == 1u);
    BOOST_TEST(xt::amax(xt::abs(data.X))() < 2.0);
    BOOST_TEST((data.X == same.X));
    BOOST_TEST(xt::mean(data.Y)() == 0.234, tt::tolerance(0.2));
}

// ============================================================ Q2 (b): the student's network
//
// x = (x1, x2), 3 hidden units, one output: W is 3 x 2, b 3, U 1 x 3, c 1; 6 + 3 + 3 + 1 = 13 numbers.
BOOST_AUTO_TEST_CASE(q2_student_network_shapes) {
    dlc::Rng rng(1);
    auto net = hw5::student_network(3, 5.0, dlc::WeightInit::gaussian(0.1), rng);
    auto p = net->parameters();
    BOOST_REQUIRE(p.size() == 4u);
    BOOST_TEST(p[0].value->shape(0) == 3u);
    BOOST_TEST(p[0].value->shape(1) == 2u);
    BOOST_TEST(p[1].value->size() == 3u);
    BOOST_TEST(p[2].value->shape(0) == 1u);
    BOOST_TEST(p[2].value->shape(1) == 3u);
    BOOST_TEST(p[3].value->size() == 1u);
    BOOST_TEST(net->parameter_count() == 13u);
}

// ============================================================ Q2 (d): the first SGD steps
//
// The homework solution's loop (forward, backward, W <- W - eta grad_W, ...) in NumPy, from fixed initial weights,
// over two points in order: hw5::train_student with one epoch must make the same two steps, and its MSE after the
// epoch must be the fixture's mean of (y - f)^2 over both points.
BOOST_AUTO_TEST_CASE(q2_first_sgd_steps_match_numpy) {
    const auto& fx = fixture();
    for (std::size_t points : {1u, 2u}) {
        BOOST_TEST_CONTEXT(points << " point(s)") {
            dlc::Rng rng(0);
            auto net = hw5::student_network(3, fx["a"].get<double>(), dlc::WeightInit::gaussian(0.1), rng);
            auto p = net->parameters();
            const char* names[] = {"W", "b", "U", "c"};
            for (std::size_t i = 0; i < 4; ++i) *p[i].value = tensor(fx["initial"][names[i]]);
            hw5::FriendData data;
            data.X = xt::view(tensor(fx["X"]), xt::range(0, points), xt::all());
            data.Y = dlc::Tensor<double>::from_shape({points, 1});
            for (std::size_t i = 0; i < points; ++i) data.Y(i, 0) = fx["Y"][i].get<double>();
            hw5::Setting s;
            s.eta = fx["eta"].get<double>();
            s.epochs = 1;
            const auto run = hw5::train_student(*net, data, s, rng);
            const auto& step = fx["steps"][points - 1];
            for (std::size_t i = 0; i < 4; ++i) check_close(*p[i].value, step[names[i]], 1e-12);
            if (points == 2) BOOST_TEST(run.final_mse() == fx["mse_after"].get<double>(), tt::tolerance(1e-12));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
