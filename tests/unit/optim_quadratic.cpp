// Unit tests of lib/optim/quadratic: R(w) = 1/2 w^T H w + g^T w + c, its optimum, eigenvalues, critical step
// and gradient descent with divergence detection, on examples whose answers are worked out in the comments.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "optim/quadratic.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(optim_quadratic)

namespace {

namespace tt = boost::test_tools;

// H = diag(1, 2, 4), g = (1, -2, 8), c = 3: R(w) = (w1^2 + 2 w2^2 + 4 w3^2) / 2 + w1 - 2 w2 + 8 w3 + 3.
dlc::Quadratic diagonal() {
    return dlc::Quadratic(dlc::Matrix<double>{{1, 0, 0}, {0, 2, 0}, {0, 0, 4}}, dlc::Vector<double>{1, -2, 8}, 3);
}

}  // namespace

// At w = (1, 1, 1): R = (1 + 2 + 4)/2 + 1 - 2 + 8 + 3 = 13.5; grad R = H w + g = (1 + 1, 2 - 2, 4 + 8) = (2, 0, 12).
BOOST_AUTO_TEST_CASE(value_and_gradient) {
    const auto q = diagonal();
    const dlc::Vector<double> w{1, 1, 1};
    BOOST_TEST(q.value(w) == 13.5, tt::tolerance(1e-14));
    const auto g = q.gradient(w);
    BOOST_TEST(g(0) == 2.0);
    BOOST_TEST(g(1) == 0.0);
    BOOST_TEST(g(2) == 12.0);
}

// H w = -g: w = (-1/1, 2/2, -8/4) = (-1, 1, -2); eigenvalues 1, 2, 4; 2/lambda_max = 0.5;
// 2/(lambda_min + lambda_max) = 2/5; rho(0.25) = max(|1 - 0.25|, |1 - 0.5|, |1 - 1|) = 0.75.
BOOST_AUTO_TEST_CASE(optimum_eigenvalues_and_steps) {
    const auto q = diagonal();
    const auto w = dlc::stationary_point(q);
    BOOST_TEST(w(0) == -1.0, tt::tolerance(1e-14));
    BOOST_TEST(w(1) == 1.0, tt::tolerance(1e-14));
    BOOST_TEST(w(2) == -2.0, tt::tolerance(1e-14));
    const auto lambda = dlc::hessian_eigenvalues(q);
    BOOST_TEST(lambda(0) == 1.0, tt::tolerance(1e-14));
    BOOST_TEST(lambda(1) == 2.0, tt::tolerance(1e-14));
    BOOST_TEST(lambda(2) == 4.0, tt::tolerance(1e-14));
    BOOST_TEST(dlc::critical_step(q) == 0.5, tt::tolerance(1e-14));
    BOOST_TEST(dlc::optimal_step(q) == 0.4, tt::tolerance(1e-14));
    BOOST_TEST(dlc::contraction_factor(q, 0.25) == 0.75, tt::tolerance(1e-14));
}

// The coefficients as a homework writes them: R = 2 w1^2 + 3 w1 w2 + w2^2 - w1 + 5 w2 + 7 has
// grad R = (4 w1 + 3 w2 - 1, 3 w1 + 2 w2 + 5), so H = [[4, 3], [3, 2]] and g = (-1, 5).
BOOST_AUTO_TEST_CASE(from_coefficients_2d) {
    const auto q = dlc::Quadratic::from_coefficients_2d(2, 3, 1, -1, 5, 7);
    BOOST_TEST(q.hessian()(0, 0) == 4.0);
    BOOST_TEST(q.hessian()(0, 1) == 3.0);
    BOOST_TEST(q.hessian()(1, 0) == 3.0);
    BOOST_TEST(q.hessian()(1, 1) == 2.0);
    // R(1, 2) = 2 + 6 + 4 - 1 + 10 + 7 = 28.
    BOOST_TEST(q.value(dlc::Vector<double>{1, 2}) == 28.0, tt::tolerance(1e-14));
}

// With eta below 2/lambda_max = 0.5 every error component shrinks; above it the lambda = 4 component is
// multiplied by |1 - 4 eta| > 1 each step and the run stops with DivergenceError, keeping the iterates so far.
BOOST_AUTO_TEST_CASE(gradient_descent_converges_or_diverges) {
    const auto q = diagonal();
    const auto w_opt = dlc::stationary_point(q);
    dlc::QuadraticTrace trace;
    dlc::gradient_descent(q, dlc::Vector<double>{0, 0, 0}, 0.4, 200, trace);
    BOOST_TEST(trace.w.size() == 201u);
    BOOST_TEST(trace.value.front() == 3.0);  // R(0) = c
    for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(trace.w.back()(i) == w_opt(i), tt::tolerance(1e-9));
    // One step by hand: w(1) = 0 - 0.4 g = (-0.4, 0.8, -3.2).
    BOOST_TEST(trace.w[1](0) == -0.4, tt::tolerance(1e-14));
    BOOST_TEST(trace.w[1](2) == -3.2, tt::tolerance(1e-14));

    dlc_test::check_throws<dlc::DivergenceError>(
        [&] { dlc::gradient_descent(q, dlc::Vector<double>{0, 0, 0}, 0.6, 1000, trace); },
        {"gradient_descent", "diverged at iteration", "R(w)"});
    BOOST_TEST(trace.w.size() > 2u);
    BOOST_TEST(trace.w.size() < 1000u);
    for (double r : trace.value) BOOST_TEST(std::isfinite(r));
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_error) {
    using dlc_test::check_throws;
    check_throws<dlc::ValueError>(
        [] { dlc::Quadratic(dlc::Matrix<double>{{1, 2}, {0, 1}}, dlc::Vector<double>{0, 0}, 0); },
        {"Quadratic", "symmetric"});
    check_throws<dlc::ShapeError>([] { dlc::Quadratic(dlc::Matrix<double>{{1, 0}, {0, 1}}, dlc::Vector<double>{0}, 0); },
                                  {"Quadratic", "H"});
    const dlc::Quadratic singular(dlc::Matrix<double>{{1, 1}, {1, 1}}, dlc::Vector<double>{1, 0}, 0);
    check_throws<dlc::ValueError>([&] { dlc::stationary_point(singular); }, {"stationary_point", "singular"});
    const dlc::Quadratic saddle(dlc::Matrix<double>{{1, 0}, {0, -1}}, dlc::Vector<double>{0, 0}, 0);
    check_throws<dlc::ValueError>([&] { dlc::critical_step(saddle); }, {"critical_step", "positive definite"});
    dlc::QuadraticTrace trace;
    const auto q = diagonal();
    check_throws<dlc::ValueError>([&] { dlc::gradient_descent(q, dlc::Vector<double>{0, 0, 0}, 0, 10, trace); },
                                  {"gradient_descent", "eta"});
    check_throws<dlc::ShapeError>([&] { dlc::gradient_descent(q, dlc::Vector<double>{0, 0}, 0.1, 10, trace); },
                                  {"gradient_descent", "w0"});
    check_throws<dlc::ShapeError>([&] { q.value(dlc::Vector<double>{1}); }, {"Quadratic::value"});
}

BOOST_AUTO_TEST_SUITE_END()
